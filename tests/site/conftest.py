"""Fixtures of the site tests: the sample built once per session (through `mkdocs build` and
through `e5portfolio build`), and editable copies of a small complete portfolio."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import MINIMAL, REPO_ROOT, SAMPLE, Portfolio, copy_portfolio, run

from tests.support.browser import block_outside_requests, launch_browser, preload_axe, require_chromium


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
    result = run(
        sys.executable, "-m", "mkdocs", "build", "--strict", "-f", REPO_ROOT / "mkdocs.yml", "-d", site, cwd=REPO_ROOT
    )
    return site, result


# --- a real browser (one per test module) ----------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, launch_browser(playwright) as launched:
        yield launched


@pytest.fixture
def offline_page(browser):
    """A page of a fresh context where only file: URLs load; `page.blocked` lists the others."""
    context = browser.new_context(service_workers="block")
    blocked = block_outside_requests(context, allowed_schemes=("file",), allowed_hosts=())
    preload_axe(context)
    page = context.new_page()
    page.blocked = blocked
    yield page
    context.close()


@pytest.fixture
def page_at(browser):
    """page_at(viewport) → a page of a fresh context where only file: URLs load."""
    contexts = []

    def make(viewport: dict):
        context = browser.new_context(viewport=viewport, service_workers="block")
        blocked = block_outside_requests(context, allowed_schemes=("file",), allowed_hosts=())
        preload_axe(context)
        contexts.append((context, blocked))
        return context.new_page()

    yield make
    for context, blocked in contexts:
        context.close()
        assert blocked == []
