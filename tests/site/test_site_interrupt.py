"""`build` cleans up after itself when stopped (SIGTERM, SIGHUP) and speaks French about any
system error on the site folder (exit 2, never « erreur interne »)."""

from __future__ import annotations

import copy
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from site_helpers import ENV, Portfolio, e5portfolio

from e5portfolio.site.sitedir import BuildInterrupted, interruptible

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


def _build_and_signal(portfolio: Portfolio, signum: int) -> subprocess.CompletedProcess:
    """Start a build, send `signum` as soon as its staging folder appears, wait for the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "e5portfolio", "build", str(portfolio.folder)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: any(portfolio.folder.glob(STAGING)) or process.poll() is not None, 300, "the staging folder")
        assert process.poll() is None, "the build ended before it could be interrupted"
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.process
@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM/SIGHUP are POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, getattr(signal, "SIGHUP", None)], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_build_leaves_no_staging_folder(minimal: Portfolio, signum: int):
    _large(minimal)
    outcomes = []
    for _ in range(3):  # the signal is sent at once, but a loaded machine may stall this process for long
        result = _build_and_signal(minimal, signum)
        output = result.stdout + result.stderr
        assert list(minimal.folder.glob(STAGING)) == [], output
        assert "Traceback" not in output
        outcomes.append(result.returncode)
        if result.returncode == 2:
            assert f"construction interrompue ({signal.Signals(signum).name})" in result.stderr
            assert not (minimal.folder / "site").exists()
            return
        # too late: the site was swapped in whole before the signal came (never half-written)
        assert result.returncode == 0, output
        assert (minimal.folder / "site" / ".e5portfolio-site").is_file(), output
        assert (minimal.folder / "site" / "index.html").is_file(), output
        shutil.rmtree(minimal.folder / "site")
    raise AssertionError(f"the build was never interrupted (exit codes {outcomes})")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM/SIGHUP are POSIX signals")
def test_a_signal_swallowed_by_a_library_still_stops_the_build_before_the_swap():
    """A bare `except:` in MkDocs or a plugin could swallow the first BuildInterrupted: the swap
    checks again and refuses to put the site in place."""
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(BuildInterrupted) as raised, interruptible() as interruption:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            _wait_for(lambda: False, 30, "the signal handler")  # the handler raises at the next bytecode
        except BaseException:  # noqa: BLE001 - what a careless library does
            pass
        with interruption.deferred():
            raise AssertionError("the swap ran after a signal")
    assert raised.value.signal_name == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM/SIGHUP are POSIX signals")
def test_a_signal_during_the_swap_waits_for_both_renames():
    before = signal.getsignal(signal.SIGHUP)
    with interruptible() as interruption:
        with interruption.deferred():
            os.kill(os.getpid(), signal.SIGHUP)
            _wait_for(lambda: interruption.signum is not None, 30, "the signal handler")
            moved = True  # reached: the handler did not raise inside the swap
        assert moved and interruption.signum == signal.SIGHUP
    assert signal.getsignal(signal.SIGHUP) is before


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
    result = e5portfolio("init", folder)
    assert result.returncode == 0, result.stderr
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)
    leftovers = [
        ".site.e5portfolio-k2x9q1/index.html",
        ".site.e5portfolio-old-a1b2/site/index.html",
        ".public.e5portfolio-z9/index.html",
    ]
    for name in leftovers:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x\n", encoding="utf-8")
    ignored = subprocess.run(
        ["git", "check-ignore", *leftovers], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert ignored.stdout.split() == leftovers
