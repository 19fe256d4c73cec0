"""Fixtures of the site tests: the sample built once per session (through `mkdocs build` and
through `e5portfolio build`), and editable copies of a small complete portfolio."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import MINIMAL, REPO_ROOT, SAMPLE, Portfolio, copy_portfolio, run


@pytest.fixture
def minimal(tmp_path: Path) -> Portfolio:
    return copy_portfolio(MINIMAL, tmp_path / "portfolio")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built with `e5portfolio build --strict` (the embedded default configuration)."""
    portfolio = copy_portfolio(SAMPLE, tmp_path_factory.mktemp("sample") / "sample_portfolio")
    result = portfolio.build("--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return portfolio.folder / "site"


@pytest.fixture(scope="session")
def sample_mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The sample built by `mkdocs build --strict` with the repository's mkdocs.yml."""
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    result = run(sys.executable, "-m", "mkdocs", "build", "--strict", "-f", REPO_ROOT / "mkdocs.yml",
                 "-d", site, cwd=REPO_ROOT)
    return site, result
