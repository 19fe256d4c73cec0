"""How e5portfolio was installed (PEP 610 direct_url.json) → what init's CI files install."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from e5portfolio import __version__
from e5portfolio.scaffold import project as scaffold
from e5portfolio.scaffold.origin import InstallOrigin, ci_requirement, parse_direct_url, version_line

from .conftest import SESSION, run_cli

COMMIT = "0123456789abcdef0123456789abcdef01234567"
# direct_url.json as pip writes it (https://packaging.python.org/en/latest/specifications/direct-url/)
GIT = json.dumps(
    {
        "url": "https://github.com/e5portfolio/e5portfolio.git",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v0.2.0"},
    }
)
LOCAL_GIT = json.dumps({"url": "file:///home/prof/e5portfolio", "vcs_info": {"vcs": "git", "commit_id": COMMIT}})
WHEEL = json.dumps(
    {"url": "file:///home/eleve/e5portfolio-0.2.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab" * 32}}}
)
EDITABLE = json.dumps({"url": "file:///home/dev/e5portfolio", "dir_info": {"editable": True}})
SDIST_FOLDER = json.dumps({"url": "file:///home/dev/e5portfolio", "dir_info": {}})


def test_index_install_has_no_direct_url() -> None:
    origin = parse_direct_url(None)
    assert origin == InstallOrigin("index")
    assert ci_requirement(origin, "0.2.0").requirement == "e5portfolio~=0.2.0"
    assert ci_requirement(origin, "0.2.0").warning is None
    assert version_line("0.2.0", origin) == "e5portfolio 0.2.0 (depuis l'index des paquets (PyPI))"


def test_git_install_is_installed_again_at_the_same_commit() -> None:
    origin = parse_direct_url(GIT)
    assert origin.kind == "git" and origin.commit == COMMIT
    requirement = ci_requirement(origin)
    assert requirement.requirement == f"e5portfolio @ git+https://github.com/e5portfolio/e5portfolio.git@{COMMIT}"
    assert requirement.comment is None and requirement.warning is None
    assert (
        version_line("0.2.0", origin)
        == f"e5portfolio 0.2.0 (depuis git+https://github.com/e5portfolio/e5portfolio.git@{COMMIT})"
    )


@pytest.mark.parametrize(
    "text, kind", [(WHEEL, "wheel"), (EDITABLE, "editable"), (LOCAL_GIT, "git"), (SDIST_FOLDER, "local")]
)
def test_unreachable_install_falls_back_to_the_index_with_a_comment_and_a_warning(text: str, kind: str) -> None:
    origin = parse_direct_url(text)
    assert origin.kind == kind and not origin.reachable_from_ci
    requirement = ci_requirement(origin, "0.2.0")
    assert requirement.requirement == "e5portfolio~=0.2.0"
    assert "e5portfolio @ git+https://" in requirement.comment
    assert "GitHub ou GitLab ne peuvent pas atteindre" in requirement.warning


@pytest.mark.parametrize("text", ["", "{", "[]", '{"url": 3}'])
def test_unreadable_direct_url_counts_as_the_index(text: str) -> None:
    assert parse_direct_url(text).kind == "index"


def _init_with(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    direct_url: str | None,
    forge: str = "github",
    wheel: tuple[str, bytes] | None = None,
):
    monkeypatch.setattr("e5portfolio.scaffold.origin.installed_origin", lambda: parse_direct_url(direct_url))
    monkeypatch.setattr("e5portfolio.scaffold.origin.installed_wheel", lambda origin: wheel)
    folder = tmp_path / "p"
    result = run_cli("init", folder, "--session", str(SESSION), "--forge", forge)
    assert result.exit_code == 0, result.output
    return folder, result


def _install_line(folder: Path) -> str:
    workflow = yaml.safe_load((folder / ".github/workflows/portfolio.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check-build"]["steps"]
    return next(step["run"] for step in steps if step.get("name") == "Installer e5portfolio")


def test_init_from_git_writes_the_git_requirement_everywhere(tmp_path, monkeypatch) -> None:
    folder, result = _init_with(tmp_path, monkeypatch, GIT)
    wanted = f"e5portfolio @ git+https://github.com/e5portfolio/e5portfolio.git@{COMMIT}"
    assert _install_line(folder) == f'python -m pip install "{wanted}"'
    devcontainer = json.loads((folder / ".devcontainer/devcontainer.json").read_text(encoding="utf-8"))
    assert devcontainer["postCreateCommand"].endswith(f"'{wanted}'")
    assert "Attention" not in result.output


def test_init_from_the_index_writes_the_release_series(tmp_path, monkeypatch) -> None:
    folder, result = _init_with(tmp_path, monkeypatch, None)
    assert _install_line(folder) == f'python -m pip install "{scaffold.tool_requirement(__version__)}"'
    assert "Attention" not in result.output


def test_init_from_a_wheel_it_cannot_copy_warns_and_comments_the_install_step(tmp_path, monkeypatch) -> None:
    folder, result = _init_with(tmp_path, monkeypatch, WHEEL)
    assert _install_line(folder) == f'python -m pip install "{scaffold.tool_requirement(__version__)}"'
    text = (folder / ".github/workflows/portfolio.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    install = lines.index("      - name: Installer e5portfolio")
    comment = [line for line in lines[install - 4 : install] if line.startswith("      # ")]
    assert comment[0].startswith("      # e5portfolio a été installé sur l'ordinateur à partir d'un fichier .whl")
    assert "e5portfolio @ git+https://" in " ".join(comment) and all(len(line) <= 100 for line in comment)
    assert "Attention : e5portfolio est installé ici à partir d'un fichier .whl" in result.output


def test_init_for_gitlab_from_an_editable_checkout(tmp_path, monkeypatch) -> None:
    folder, result = _init_with(tmp_path, monkeypatch, EDITABLE, forge="gitlab")
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["default"]["before_script"] == [f'python -m pip install "{scaffold.tool_requirement(__version__)}"']
    assert "    # e5portfolio a été installé sur l'ordinateur à partir d'une copie de travail" in (
        folder / ".gitlab-ci.yml"
    ).read_text(encoding="utf-8")
    assert not (folder / ".github").exists()
    assert "Attention" in result.output


def test_version_says_how_it_was_installed() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output.startswith(f"e5portfolio {__version__} (depuis ")


FAKE_WHEEL = ("e5portfolio-0.2.0-py3-none-any.whl", b"PK\x03\x04 une roue")
CHOSEN = "Installation d'e5portfolio pour GitHub, GitLab et Codespaces : "


@pytest.mark.parametrize("direct_url", [WHEEL, EDITABLE, LOCAL_GIT, SDIST_FOLDER])
def test_init_from_an_unreachable_install_copies_its_wheel_and_installs_it_everywhere(
    tmp_path, monkeypatch, direct_url: str
) -> None:
    folder, result = _init_with(tmp_path, monkeypatch, direct_url, wheel=FAKE_WHEEL)
    path = ".e5portfolio/e5portfolio-0.2.0-py3-none-any.whl"
    assert (folder / path).read_bytes() == FAKE_WHEEL[1]
    assert _install_line(folder) == f'python -m pip install "./{path}"'
    devcontainer = json.loads((folder / ".devcontainer/devcontainer.json").read_text(encoding="utf-8"))
    assert devcontainer["postCreateCommand"].endswith(f"'./{path}'")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.count(f'python -m pip install "./{path}"') == 2  # Windows and Linux, step 2
    assert "Attention" not in result.output
    [said] = [line for line in result.output.splitlines() if line.startswith(CHOSEN)]
    assert said == f"{CHOSEN}depuis {path}, la copie de la version installée ici (gardez ce fichier dans le dépôt)."
    # Git tracks it: nothing in .gitignore leaves it out
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=folder, check=False)
    assert ignored.returncode == 1


@pytest.mark.parametrize(
    "direct_url, chosen",
    [
        (None, "« e5portfolio~=0.2.0 » depuis PyPI, comme sur cet ordinateur."),
        (GIT, f"depuis git+https://github.com/e5portfolio/e5portfolio.git@{COMMIT}, comme sur cet ordinateur."),
    ],
)
def test_init_says_in_one_line_where_the_forge_installs_from(tmp_path, monkeypatch, direct_url, chosen) -> None:
    folder, result = _init_with(tmp_path, monkeypatch, direct_url)
    assert [line for line in result.output.splitlines() if line.startswith(CHOSEN)] == [CHOSEN + chosen]
    assert not (folder / ".e5portfolio").exists()


def test_a_wheel_install_gives_the_installed_wheel_file(tmp_path) -> None:
    from e5portfolio.scaffold.origin import installed_wheel

    wheel = tmp_path / "e5portfolio-0.2.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x03\x04 la roue du professeur")
    origin = InstallOrigin("wheel", wheel.as_uri())
    assert installed_wheel(origin) == (wheel.name, wheel.read_bytes())
    assert installed_wheel(InstallOrigin("index")) is None
    assert installed_wheel(parse_direct_url(GIT)) is None
