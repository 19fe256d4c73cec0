"""`build` cleans up after itself when stopped (SIGTERM, SIGHUP) and speaks French about any
system error on the site folder (exit 2, never « erreur interne »)."""

from __future__ import annotations

import copy
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_helpers import ENV, Portfolio

STAGING = ".site.e5portfolio-*"


def _large(portfolio: Portfolio, count: int = 400) -> None:
    """Many réalisations, so that the build lasts long enough to be interrupted."""

    def grow(data: dict) -> None:
        model = data["realisations"][0]
        for index in range(count):
            entry = copy.deepcopy(model)
            entry["id"] = f"realisation-{index}"
            entry["intitule"] = f"Réalisation numéro {index}"
            data["realisations"].append(entry)

    portfolio.edit(grow)


def _wait_for(condition, limit: float, what: str) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {limit} s")
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM/SIGHUP are POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_build_leaves_no_staging_folder(minimal: Portfolio, signum: int):
    _large(minimal)
    process = subprocess.Popen([sys.executable, "-m", "e5portfolio", "build", str(minimal.folder)], env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: any(minimal.folder.glob(STAGING)) or process.poll() is not None, 300,
                  "the staging folder")
        assert process.poll() is None, "the build ended before it could be interrupted"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 2, stderr
    assert f"construction interrompue ({signal.Signals(signum).name})" in stderr
    assert "Traceback" not in stderr
    assert list(minimal.folder.glob(STAGING)) == []
    assert not (minimal.folder / "site").exists()


def test_a_site_dir_under_a_file_is_a_french_usage_error(minimal: Portfolio):
    (minimal.folder / "fichier").write_text("x\n", encoding="utf-8")
    result = minimal.build("--site-dir", str(minimal.folder / "fichier" / "site"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "impossible d'écrire le site dans" in result.stderr
    assert "un fichier porte déjà ce nom" in result.stderr
    assert "erreur interne" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux' /proc")
def test_a_site_dir_in_proc_is_a_french_usage_error(minimal: Portfolio):
    result = minimal.build("--site-dir", "/proc/x")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("e5portfolio : impossible d'écrire le site dans « /proc/x »")
    assert "erreur interne" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_gitignore_of_init_covers_the_staging_folders(tmp_path: Path):
    folder = tmp_path / "portfolio"
    result = subprocess.run([sys.executable, "-m", "e5portfolio", "init", str(folder)], env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)
    leftovers = [".site.e5portfolio-k2x9q1/index.html", ".site.e5portfolio-old-a1b2/site/index.html",
                 ".public.e5portfolio-z9/index.html"]
    for name in leftovers:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x\n", encoding="utf-8")
    ignored = subprocess.run(["git", "check-ignore", *leftovers], cwd=folder, capture_output=True, text=True,
                             timeout=60)
    assert ignored.stdout.split() == leftovers
