"""One browser finder for every use of Chromium: what `pdf` finds, `audit` finds too."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from e5portfolio.audit.a11y_browser import browser_availability
from e5portfolio.browser import BROWSER_ENV, find_browser


def _fake_executable(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def bare_path(tmp_path, monkeypatch):
    """A PATH holding only a folder the test fills, and no Playwright cache."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv(BROWSER_ENV, raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "aucun-cache"))
    return bin_dir


@pytest.mark.skipif(os.name != "posix", reason="fake executables are shell scripts")
def test_edge_alone_is_found_by_the_audit_as_by_pdf(bare_path):
    edge = _fake_executable(bare_path, "msedge")
    assert find_browser() == str(edge)
    assert browser_availability().chromium == str(edge)


@pytest.mark.skipif(os.name != "posix", reason="fake executables are shell scripts")
def test_the_environment_variable_is_honoured_by_the_audit_too(bare_path, tmp_path, monkeypatch):
    _fake_executable(bare_path, "chromium")
    chosen = _fake_executable(tmp_path / "ailleurs", "mon-chrome")
    monkeypatch.setenv(BROWSER_ENV, str(chosen))
    assert find_browser() == str(chosen)
    assert browser_availability().chromium == str(chosen)


def test_a_wrong_environment_variable_finds_nothing_rather_than_another_browser(bare_path, monkeypatch):
    monkeypatch.setenv(BROWSER_ENV, "aucun-navigateur-de-ce-nom")
    assert find_browser() is None
    assert browser_availability().chromium is None


@pytest.mark.skipif(os.name != "posix", reason="fake executables are shell scripts")
def test_playwright_s_download_is_the_last_resort(bare_path, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    downloaded = _fake_executable(cache / "chromium-1234" / "chrome-linux", "chrome")
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(cache))
    assert find_browser() == str(downloaded)
    system = _fake_executable(bare_path, "chromium")
    assert find_browser() == str(system)
