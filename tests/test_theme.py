"""The e5portfolio theme in a real browser: accessibility, offline use, links.

Builds tests/fixtures/theme_site (a mirror of the embedded default config,
without the e5portfolio plugin) with a real `mkdocs build --strict`, then:
axe-core in Chromium in the light and dark palettes, the site opened from
file:// with every outside request blocked (navigation and search must work),
linkchecker over the site served on 127.0.0.1, and static checks of the HTML.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.browser import (
    AXE_PATH,
    PALETTE_SCHEMES,
    REPO_ROOT,
    block_outside_requests,
    format_violations,
    launch_browser,
    preload_axe,
    require_chromium,
    run_axe,
    set_palette,
)
from tests.support.serve import (
    broken_links,
    find_linkchecker,
    run_linkchecker,
    serve_folder,
)

FIXTURE = Path(__file__).parent / "fixtures" / "theme_site"
THEME = REPO_ROOT / "theme"
DEFAULT_CONFIG = REPO_ROOT / "e5portfolio" / "site" / "default_mkdocs.yml"
# page -> text its h1 starts with
PAGES = {
    "index.html": "Portfolio de Camille Exemple",
    "parcours.html": "Parcours",
    "realisations.html": "Réalisations",
    "veille.html": "Veille technologique",
}
NOT_FOUND = ("404.html", "Page introuvable")
# set by theme/assets/javascripts/e5portfolio-search.js when material's search worker is ready
SEARCH_READY = "html[data-e5-recherche=prete]"
SEARCH_TIMEOUT = 30_000
OUTSIDE_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com")


def _missing(message: str) -> None:
    """A missing test tool: fail in CI, skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("theme_site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(FIXTURE / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return out


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    if not AXE_PATH.is_file():
        _missing(f"axe-core missing ({AXE_PATH}): run `npm ci` at the repo root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, launch_browser(pw) as b:
        yield b


# --------------------------------------------------------------------------- a11y


@pytest.mark.browser
@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_axe_finds_no_violation(site: Path, browser, scheme: str) -> None:
    from playwright.sync_api import expect

    found: list[str] = []

    def check(page, label: str) -> None:
        violations = run_axe(page)
        if violations:
            found.append(f"--- {label} [{scheme}]\n{format_violations(violations)}")

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    preload_axe(context)
    page = context.new_page()
    for name, title in PAGES.items():
        page.goto((site / name).as_uri())
        set_palette(page, scheme)  # the first call switches, the next ones check it persisted
        expect(page.locator("h1")).to_contain_text(title)
        check(page, name)

    # MkDocs writes 404.html with root-absolute URLs: it only works from a server
    with serve_folder(site) as url:
        page.goto(url + NOT_FOUND[0])
        set_palette(page, scheme)
        expect(page.locator("h1")).to_contain_text(NOT_FOUND[1])
        check(page, NOT_FOUND[0])

    # skip link focused (visible): its own contrast is checked too
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    check(page, "index.html, skip link focused")

    # search results open: typed as a user would, once the index is ready (generous limits: a
    # busy machine builds the index slowly)
    search = page.locator("input.md-search__input")
    search.click()
    page.wait_for_selector(SEARCH_READY, state="attached", timeout=SEARCH_TIMEOUT)
    search.press_sequentially("serveur")
    page.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_TIMEOUT)
    page.wait_for_timeout(300)
    check(page, "index.html, search results")
    context.close()

    # phone width, navigation drawer open
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((site / "parcours.html").as_uri())
    set_palette(page, scheme)
    check(page, "parcours.html, 390 px")
    page.locator(".md-header label[for=__drawer]").click()
    page.wait_for_timeout(400)
    check(page, "parcours.html, 390 px, drawer open")
    context.close()

    assert not found, "axe-core violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_skip_link_and_focus_are_visible(site: Path, browser) -> None:
    import re

    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    skip = page.evaluate(
        """() => {
            const el = document.activeElement, box = el.getBoundingClientRect(), st = getComputedStyle(el);
            return {cls: el.className, text: el.textContent.trim(), href: el.getAttribute("href"),
                    opacity: st.opacity, top: box.top, left: box.left, width: box.width,
                    outline: st.outlineStyle};
        }"""
    )
    assert "md-skip" in skip["cls"], skip
    assert skip["text"] == "Aller au contenu"
    assert skip["opacity"] == "1" and skip["width"] > 0 and skip["top"] >= 0 and skip["left"] >= 0, skip
    assert skip["outline"] != "none", skip
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(skip["href"]) + "$"))
    page.keyboard.press("Tab")  # the next stop is in the content, past header and navigation
    assert page.evaluate("() => !!document.activeElement.closest('.md-content')")

    # keyboard focus on a link of the content gets a visible outline
    page.goto((site / "index.html").as_uri())
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => !!document.activeElement.closest('.md-content') && document.activeElement.tagName === 'A'"
        ):
            break
    else:
        pytest.fail("Tab never reached a link in the content")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] == "solid" and style[1] == "2px", style
    context.close()


# --------------------------------------------------------------------------- offline


@pytest.mark.browser
def test_works_offline_from_file_url(site: Path, browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    blocked = block_outside_requests(context, allowed_schemes=("file",), allowed_hosts=())
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    blocked_by_page: dict[str, list[str]] = {}
    for name, title in PAGES.items():
        before = len(blocked)
        page.goto((site / name).as_uri())
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_contain_text(title)
        if len(blocked) > before:
            blocked_by_page[name] = blocked[before:]
    assert not blocked_by_page, f"outside requests: {blocked_by_page}"

    # navigation through the menu: tabs at the top on a wide screen (navigation.tabs)
    page.goto((site / "index.html").as_uri())
    page.locator(".md-tabs").get_by_role("link", name="Réalisations", exact=True).click()
    expect(page).to_have_url((site / "realisations.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Réalisations")

    # search (worker through the iframe-worker shim, index inlined by the offline plugin)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("zabbix")
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible(timeout=SEARCH_TIMEOUT)
    expect(page.locator(".md-search-result__meta")).to_contain_text("trouvé")
    result.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("Réalisations")

    assert blocked == [], f"outside requests: {blocked}"
    assert errors == [], f"JavaScript errors: {errors}"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("when", ["before the index is ready", "after the index is ready"])
def test_a_query_entered_without_a_keystroke_is_searched(site: Path, browser, when: str) -> None:
    """Text pasted with the mouse (no key released) into the search field, right after opening
    it (the index is still being built) or once the index is ready, gets its results without
    another keystroke. Playwright's fill() is such an entry: it sends `input`, no `keyup`."""
    from playwright.sync_api import expect

    context = browser.new_context()
    block_outside_requests(context, allowed_schemes=("file",), allowed_hosts=())
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()  # opens the search: material starts building the index from file://
    if when == "after the index is ready":
        page.wait_for_selector(SEARCH_READY, state="attached", timeout=SEARCH_TIMEOUT)
    search.fill("zabbix")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=SEARCH_TIMEOUT)
    page.wait_for_selector(SEARCH_READY, state="attached", timeout=SEARCH_TIMEOUT)
    context.close()


# --------------------------------------------------------------------------- links


def test_linkchecker_finds_no_broken_link(site: Path, tmp_path: Path) -> None:
    if find_linkchecker() is None:
        _missing("linkchecker not found (pip install linkchecker)")
    with serve_folder(site) as url:
        rows = run_linkchecker(url, tmp_path)
    checked = {row.url for row in rows}
    for name in PAGES:
        assert url + name in checked or (name == "index.html" and url in checked), f"{name} not crawled"
    assert broken_links(rows) == []
    warnings = [(row.url, row.warning) for row in rows if row.warning]
    assert warnings == []


# --------------------------------------------------------------------------- static


def test_built_html_is_french_and_names_no_outside_host(site: Path) -> None:
    html_files = sorted(site.rglob("*.html"))
    assert {p.name for p in html_files} >= set(PAGES)
    for path in html_files:
        text = path.read_text(encoding="utf-8")
        assert '<html lang="fr"' in text, path
        for host in OUTSIDE_HOSTS:
            assert host not in text, f"{host} in {path.relative_to(site)}"
        assert "Made with" not in text, path
    assert "Page introuvable" in (site / "404.html").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/javascripts/iframe-worker.js"></script>' in index
    assert 'href="assets/stylesheets/e5portfolio.css"' in index
    assert (site / "assets/javascripts/iframe-worker.js").read_bytes() == (
        THEME / "assets/javascripts/iframe-worker.js"
    ).read_bytes()
    assert (site / "assets/javascripts/iframe-worker.LICENSE.txt").is_file()
    assert (site / "search/search_index.js").is_file()


def test_vendored_iframe_worker_matches_npm_package() -> None:
    npm_copy = REPO_ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    if not npm_copy.is_file():
        _missing(f"{npm_copy} missing: run `npm ci` at the repo root")
    assert (THEME / "assets/javascripts/iframe-worker.js").read_bytes() == npm_copy.read_bytes()
    license_text = (THEME / "assets/javascripts/iframe-worker.LICENSE.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in license_text


def test_fixture_mirrors_default_config() -> None:
    default = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    fixture = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))
    assert default["theme"]["custom_dir"] == "__E5PORTFOLIO_THEME_DIR__"
    assert (FIXTURE / fixture["theme"]["custom_dir"]).resolve() == THEME.resolve()
    strip = lambda theme: {k: v for k, v in theme.items() if k != "custom_dir"}  # noqa: E731
    assert strip(default["theme"]) == strip(fixture["theme"])
    assert [p for p in default["plugins"] if p != "e5portfolio"] == fixture["plugins"]
    for key in ("use_directory_urls", "extra", "extra_css", "markdown_extensions"):
        assert default[key] == fixture[key], key
    assert default["theme"]["font"] is False and default["extra"]["generator"] is False
