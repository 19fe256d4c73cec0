"""prive.yml: the N° candidat and tutors' names stay out of the public repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import init_portfolio, run_cli

NUMERO = "02412345678"


def check_json(folder: Path, *args: str) -> dict:
    result = run_cli("check", folder, "--format", "json", *args)
    return json.loads(result.stdout)


def rules(report: dict) -> list[str]:
    return [finding["rule"] for finding in report["findings"]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return init_portfolio(tmp_path / "p")


def test_init_writes_a_commented_prive_yml_that_git_ignores(folder: Path) -> None:
    text = (folder / "prive.yml").read_text(encoding="utf-8")
    assert "# candidat:" in text and "#   numero:" in text and "tuteur:" in text
    assert "prive.yml" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "numero-candidat-absent" in rules(check_json(folder))  # the commented template is no value


def test_numero_from_prive_yml_reaches_check_and_export(folder: Path) -> None:
    (folder / "prive.yml").write_text(
        f'candidat:\n  numero: "{NUMERO}"\nstages:\n  stage1:\n    tuteur: Mme Durand\n', encoding="utf-8"
    )
    assert "numero-candidat-absent" not in rules(check_json(folder))
    result = run_cli("export", folder, "-o", folder / "t.xlsx")
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    values = {cell.value for row in load_workbook(folder / "t.xlsx").active.iter_rows() for cell in row}
    assert NUMERO in values


def test_a_problem_in_prive_yml_points_into_prive_yml(folder: Path) -> None:
    (folder / "prive.yml").write_text(
        "candidat:\n  numero: 12\n  nom: X\nstages:\n  stage9:\n    tuteur: M. Y\n", encoding="utf-8"
    )
    report = check_json(folder)
    located = [(f["file"], f["line"], f["column"]) for f in report["findings"] if f["severity"] == "error"]
    assert ("prive.yml", 3, 3) in located  # nom: unknown in prive.yml
    assert ("prive.yml", 5, 3) in located  # stage9 does not exist
    messages = " ".join(f["message"] for f in report["findings"])
    assert "stages connus : stage1" in messages


def test_a_wrong_value_from_prive_yml_is_located_in_prive_yml(folder: Path) -> None:
    (folder / "prive.yml").write_text("candidat:\n  numero: [1, 2]\n", encoding="utf-8")
    report = check_json(folder)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors and all(f["file"] == "prive.yml" for f in errors), errors
    assert (errors[0]["line"], errors[0]["column"]) == (2, 11)


def test_bad_yaml_in_prive_yml_is_a_located_error_not_a_traceback(folder: Path) -> None:
    (folder / "prive.yml").write_text('candidat:\n  numero: "024\n', encoding="utf-8")
    report = check_json(folder)
    assert [(f["rule"], f["file"]) for f in report["findings"]] == [("syntaxe-yaml", "prive.yml")]


@pytest.mark.parametrize("variable", ["GITHUB_ACTIONS", "GITLAB_CI"])
def test_no_numero_warning_in_a_forge_ci(folder: Path, monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "true")
    assert "numero-candidat-absent" not in rules(check_json(folder))


def test_no_numero_warning_with_sans_attestations(folder: Path) -> None:
    assert "numero-candidat-absent" not in rules(check_json(folder, "--sans-attestations"))


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(folder),
            "PATH": "/usr/bin:/bin",
        },
    )


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git absent (the rule then stays silent)")


@needs_git
def test_numero_in_a_tracked_portfolio_yml_is_a_warning_that_says_how_to_move_it(folder: Path) -> None:
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    (folder / "portfolio.yml").write_text(
        text.replace("  prenom:", f'  numero: "{NUMERO}"\n  prenom:', 1), encoding="utf-8"
    )
    assert "numero-candidat-public" not in rules(check_json(folder))  # not a repository
    git(folder, "init", "-q", "-b", "main")
    assert "numero-candidat-public" not in rules(check_json(folder))  # not tracked yet
    git(folder, "add", "portfolio.yml")
    report = check_json(folder)
    [finding] = [f for f in report["findings"] if f["rule"] == "numero-candidat-public"]
    assert finding["severity"] == "warning" and finding["file"] == "portfolio.yml"
    assert "prive.yml" in finding["message"] and ".gitignore" in finding["message"]
    # doing what it says: the warning goes, the number is still known
    (folder / "portfolio.yml").write_text(text, encoding="utf-8")
    (folder / "prive.yml").write_text(f'candidat:\n  numero: "{NUMERO}"\n', encoding="utf-8")
    report = check_json(folder)
    assert not {"numero-candidat-public", "numero-candidat-absent", "prive-suivi-par-git"} & set(rules(report))


@needs_git
def test_a_tracked_prive_yml_is_a_warning(folder: Path) -> None:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-f", "prive.yml")
    assert "prive-suivi-par-git" in rules(check_json(folder))


@needs_git
def test_the_repository_configuration_cannot_run_a_command(folder: Path) -> None:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "portfolio.yml")
    witness = folder / "fsmonitor-ran"
    git(folder, "config", "core.fsmonitor", f"touch {witness}")
    check_json(folder)
    assert not witness.exists()


def test_remise_makes_warnings_errors_in_ci_too(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run_cli("check", folder, "--sans-attestations").exit_code == 0
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    (folder / "portfolio.yml").write_text(text + "\npublication:\n  remise: true\n", encoding="utf-8")
    result = run_cli("check", folder, "--sans-attestations", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["warnings"] == 0 and report["summary"]["errors"] > 0
    assert run_cli("build", folder, "--sans-attestations").exit_code == 1
