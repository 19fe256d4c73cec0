"""The built sample in a real headless Chromium: axe-core on every generated page in the light and
dark palettes, offline use from file:// (navigation and search), no request to another host,
and hostile text that never runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import MINIMAL, Portfolio, copy_portfolio, site_pages
from tests.support.browser import (PALETTE_SCHEMES, block_outside_requests, format_violations,
                                   launch_browser, require_chromium, run_axe, set_palette)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


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
    page = context.new_page()
    page.blocked = blocked
    yield page
    context.close()


@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_every_generated_page_has_no_axe_violation(sample_site: Path, offline_page, scheme: str):
    page = offline_page
    page.goto((sample_site / "index.html").as_uri())
    set_palette(page, scheme)  # stored by the theme: the following pages open in this palette
    problems = []
    for path in site_pages(sample_site):
        page.goto(path.as_uri())
        page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
        violations = run_axe(page)
        if violations:
            problems.append(f"{path.relative_to(sample_site)}:\n{format_violations(violations)}")
    assert problems == [], "\n".join(problems)
    assert page.blocked == []


def test_offline_from_file_navigation_and_search(sample_site: Path, offline_page):
    page = offline_page
    page.goto((sample_site / "index.html").as_uri())
    page.get_by_role("link", name="Réalisations", exact=True).first.click()
    page.wait_for_url("**/realisations.html")
    page.get_by_role("link", name="Inventaire automatisé du parc informatique avec GLPI").first.click()
    page.wait_for_url("**/realisations/glpi-inventaire.html")
    assert page.locator("h1").inner_text().startswith("Inventaire automatisé du parc informatique avec GLPI")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("Zabbix")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    assert "supervision-zabbix.html" in result.get_attribute("href")
    result.click()
    page.wait_for_url("**/realisations/supervision-zabbix.html*")
    assert page.blocked == []


def test_no_page_asks_another_host(sample_site: Path, offline_page):
    page = offline_page
    for path in site_pages(sample_site):
        page.goto(path.as_uri(), wait_until="load")
    assert page.blocked == []


def test_hostile_text_never_runs_in_pages_or_search(tmp_path: Path, offline_page):
    portfolio: Portfolio = copy_portfolio(MINIMAL, tmp_path / "portfolio")
    payload = '</title><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    portfolio.edit(lambda d: d["realisations"][0].update(intitule=f"Serveur {payload}",
                                                           description=f"Sauvegarde {payload}"))
    assert portfolio.build("--strict").returncode == 0
    site = portfolio.folder / "site"
    page = offline_page
    for path in site_pages(site):
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("() => window.__pwned") is None, path
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").fill("Serveur")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert "</title><script>window.__pwned" in page.locator(".md-search-result").inner_text()
