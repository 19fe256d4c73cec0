"""The release artefacts work outside the checkout: build the sdist and the wheel (the wheel is
built from the sdist, so a file missing from the sdist fails here), check their metadata with
`twine check --strict`, install the wheel in a throw-away venv, and run the student's loop from a
temporary folder: init → check → build → export → import → dossier → audit.

No test reaches the network: the artefacts are built without build isolation (setuptools comes
from the test extra), and the throw-away venv sees the dependencies already installed in the
project's venv through a .pth line (a plain path: the editable install's own .pth is not run
there, so `import e5portfolio` is the wheel's); `pip check` proves the wheel's requirements are met.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from e5portfolio import __version__

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 600

# Builds the sdist and the wheel, then a venv: the real programs are the point (`make test` only).
pytestmark = [pytest.mark.slow, pytest.mark.process]


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GITHUB_ACTIONS", "GITLAB_CI", "E5PORTFOLIO_DEBUG")
    }
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        env={**environment, **(env or {})},
    )


def ok(result: subprocess.CompletedProcess, *codes: int) -> subprocess.CompletedProcess:
    assert result.returncode in (codes or (0,)), f"{result.args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built from a copy of the checkout: setuptools writes its egg-info
    and build folders beside the sources, which another worker may be reading."""
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "e5portfolio"
    top = {".git", ".venv", "node_modules", "build", "dist", "site"}
    shutil.copytree(
        REPO_ROOT,
        source,
        symlinks=True,
        ignore=lambda folder, names: (
            (top & set(names) if Path(folder) == REPO_ROOT else set())
            | {name for name in names if name == "__pycache__" or name.endswith((".egg-info", "_cache"))}
        ),
    )
    ok(run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source, cwd=out))
    return out


def test_sdist_and_wheel_pass_twine_check_strict(dist: Path) -> None:
    files = sorted(dist.iterdir())
    names = [path.name for path in files]
    assert names == [f"e5portfolio-{__version__}-py3-none-any.whl", f"e5portfolio-{__version__}.tar.gz"], names
    result = ok(run(sys.executable, "-m", "twine", "check", "--strict", *files, cwd=dist))
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_wheel_metadata_is_complete(dist: Path) -> None:
    import zipfile

    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"e5portfolio-{__version__}.dist-info/METADATA").decode("utf-8")
        names = archive.namelist()
    assert f"Version: {__version__}" in metadata
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert "Classifier: Natural Language :: French" in metadata
    assert "Project-URL: Source, " in metadata
    assert "Description-Content-Type: text/markdown" in metadata and "BTS SIO" in metadata
    for needed in (
        "e5portfolio/core/referential/e5-2026.yaml",
        "e5portfolio/templates/init/gitlab-ci.yml",
        "e5portfolio/templates/init/devcontainer.json",
        "e5portfolio/templates/init/prive.yml",
        "e5portfolio/theme/main.html",
        # the RGAA data with its licence and source, and the reviewed table
        "e5portfolio/core/referential/rgaa/criteres-4.1.2.json",
        "e5portfolio/core/referential/rgaa/LICENCE-Ouverte-2.0.md",
        "e5portfolio/core/referential/rgaa/SOURCE.md",
        "e5portfolio/core/referential/rgaa/libelles.yaml",
        "e5portfolio/core/referential/rgaa/correspondance.csv",
    ):
        assert needed in names, needed


def test_installed_wheel_runs_the_students_loop_outside_the_checkout(dist: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    # no pip of its own (ensurepip costs seconds): `python -m pip` is the project's, seen through the
    # .pth below, and installs into this venv (the running interpreter's prefix)
    venv.EnvBuilder(with_pip=False, clear=True).create(environment)
    python = environment / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    purelib = sysconfig.get_paths()["purelib"]  # the project's venv, where the dependencies are
    own = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    )
    (own / "e5p-dependencies.pth").write_text(purelib + "\n", encoding="utf-8")
    ok(
        run(
            python,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            "--no-compile",
            "--no-index",
            "--no-deps",
            wheel,
            cwd=tmp_path,
        )
    )
    where = ok(run(python, "-c", "import e5portfolio; print(e5portfolio.__file__)", cwd=tmp_path)).stdout
    assert Path(where.strip()).is_relative_to(own), where  # the wheel's code, not the checkout's
    ok(run(python, "-m", "pip", "check", "--disable-pip-version-check", cwd=tmp_path))
    e5 = environment / "bin" / "e5portfolio"
    work = tmp_path / "travail"
    work.mkdir()

    version = ok(run(e5, "--version", cwd=work)).stdout.strip()
    assert version == f"e5portfolio {__version__} (depuis le fichier {wheel.as_uri()})"
    init = ok(run(e5, "init", "mon-portfolio", cwd=work))
    assert "Session choisie" in init.stdout
    folder = work / "mon-portfolio"
    # a wheel file the forge cannot reach: its copy goes in the portfolio, and the CI installs it
    assert f"depuis .e5portfolio/{wheel.name}, la copie de la version installée ici" in init.stdout
    assert (folder / ".e5portfolio" / wheel.name).read_bytes() == wheel.read_bytes()
    assert init.stderr == ""
    report = json.loads(ok(run(e5, "check", "--format", "json", cwd=folder)).stdout)
    assert report["summary"]["errors"] == 0
    ok(run(e5, "build", cwd=folder))
    assert (folder / "site" / "index.html").is_file()
    ok(run(e5, "export", cwd=folder))
    assert (folder / "tableau-de-synthese.xlsx").is_file()
    ok(run(e5, "import", "tableau-de-synthese.xlsx", "-o", work / "importe.yml", cwd=folder))
    assert "realisations:" in (work / "importe.yml").read_text(encoding="utf-8")
    ok(run(e5, "dossier", "-o", work / "dossier.zip", cwd=folder))
    assert (work / "dossier.zip").stat().st_size > 0
    audit = ok(
        run(
            e5,
            "audit",
            "site",
            "--no-browser",
            "--no-extern",
            "--format",
            "json",
            "-o",
            work / "audit.json",
            cwd=folder,
        ),
        0,
        1,
    )
    assert json.loads((work / "audit.json").read_text(encoding="utf-8")), audit.stdout
    # nothing was written into the checkout by the installed commands
    assert not (REPO_ROOT / "mon-portfolio").exists()
