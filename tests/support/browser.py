"""Real-browser helpers for tests: Debian Chromium driven by Playwright, axe-core.

Playwright is only the driver here: it never downloads a browser
(``playwright install`` is not used). It launches the system Chromium found by
:func:`find_chromium` (the product's own finder). axe-core is the copy shipped in the package
(``e5portfolio/audit/vendor/axe.min.js``), the same the audit uses.

Typical use in a test::

    from playwright.sync_api import sync_playwright
    from tests.support.browser import (
        require_chromium, launch_browser, block_outside_requests, set_palette, run_axe,
    )

    def test_page(built_site):
        require_chromium()
        with sync_playwright() as pw, launch_browser(pw) as browser:
            context = browser.new_context()
            blocked = block_outside_requests(context)
            page = context.new_page()
            page.goto(built_site.joinpath("index.html").as_uri())
            set_palette(page, "slate")
            assert run_axe(page) == []
            assert blocked == []
"""

from __future__ import annotations

import contextlib
import os
import socket
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # playwright is imported by the tests that use it
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = REPO_ROOT / "e5portfolio" / "audit" / "vendor" / "axe.min.js"
# browsers started by launch_browser: their proxy refuses every request for another host
_REFUSING: weakref.WeakSet = weakref.WeakSet()

CHROMIUM_ARGS = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
PALETTE_SCHEMES = ("default", "slate")


def find_chromium() -> str | None:
    """The browser the product itself would use (`e5portfolio.browser.find_browser`)."""
    from e5portfolio.browser import find_browser

    return find_browser()


def require_chromium() -> str:
    """For pytest: the Chromium path, or fail (CI=true) / skip (elsewhere)."""
    import pytest

    path = find_chromium()
    if path is None:
        message = (
            "Chromium not found (e5portfolio.browser.find_browser: $E5PORTFOLIO_CHROMIUM, PATH, usual places); "
            "install it with: apt-get install -y chromium"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def axe_source() -> str:
    """The axe-core script shipped in the package (e5portfolio/audit/vendor/axe.min.js)."""
    if not AXE_PATH.is_file():
        raise FileNotFoundError(f"axe-core is missing: {AXE_PATH} does not exist (vendored in the package).")
    return AXE_PATH.read_text(encoding="utf-8")


@contextlib.contextmanager
def launch_browser(playwright: Playwright, *, executable_path: str | None = None) -> Iterator[Browser]:
    """Launch the system Chromium headless with a fresh, throwaway profile.

    Playwright's ``launch()`` already uses a new temporary profile each time;
    ``--user-data-dir`` must not be passed to it, so the profile's freshness
    comes from Playwright itself, and the browser is closed on exit.
    """
    path = executable_path or find_chromium()
    if path is None:
        raise RuntimeError("Chromium not found; call require_chromium() first")
    from e5portfolio.browser import needs_no_sandbox

    # the sandbox stays on, except as root where Chromium cannot start with it
    args = list(CHROMIUM_ARGS) + (["--no-sandbox"] if needs_no_sandbox() else [])
    # Every request for another host goes to a proxy address that refuses connections at once (a
    # port bound here, never listening): nothing leaves the machine, not even a DNS query, and the
    # browser does not wait. Loopback addresses bypass it (named: Playwright would otherwise send
    # them to the proxy too), so local test servers are reached directly. block_outside_requests
    # records who asked.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as dead_end:
        dead_end.bind(("127.0.0.1", 0))
        proxy = {"server": f"http://127.0.0.1:{dead_end.getsockname()[1]}", "bypass": "127.0.0.1,localhost,[::1]"}
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=args, proxy=proxy)
        _REFUSING.add(browser)
        try:
            yield browser
        finally:
            browser.close()


def block_outside_requests(
    context_or_page: BrowserContext | Page,
    allowed_schemes: Sequence[str] = ("file",),
    allowed_hosts: Sequence[str] = ("127.0.0.1", "localhost"),
) -> list[str]:
    """Record every request for another scheme or host; make sure none of them goes out.

    Returns the (live) list of those URLs; it fills up as the pages load. ``data:``, ``blob:``,
    ``about:`` and the browser's own ``chrome:`` and ``chrome-extension:`` URLs never reach the
    network and are always allowed. In a browser started by :func:`launch_browser` such requests
    already fail inside the browser (its proxy refuses them), so they are only recorded, from the
    request events, and the pages load at full speed; in any other browser each request is routed
    and the outside ones aborted (every request then waits for this process). Create the context
    with ``service_workers="block"`` if a site could register one.
    """
    blocked: list[str] = []
    # chrome: and chrome-extension: are the browser's own pages (its PDF viewer, opened by an
    # <object type="application/pdf">): they never reach the network
    schemes = {s.lower() for s in allowed_schemes} | {"data", "blob", "about", "chrome", "chrome-extension"}
    hosts = {h.lower() for h in allowed_hosts}

    def outside(url: str) -> bool:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        return not (
            scheme in schemes or (scheme in ("http", "https", "ws", "wss") and (parts.hostname or "").lower() in hosts)
        )

    context = getattr(context_or_page, "context", context_or_page)  # a Page's context, or the context
    if context.browser in _REFUSING:
        context_or_page.on("request", lambda request: blocked.append(request.url) if outside(request.url) else None)
        return blocked

    def handle(route: Any) -> None:
        url = route.request.url
        if outside(url):
            blocked.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context_or_page.route("**/*", handle)
    return blocked


def preload_axe(context: BrowserContext) -> None:
    """axe-core in every page of `context` before its own scripts (run_axe then injects nothing):
    one script compiled by the browser per page instead of 500 KB sent with each call."""
    context.add_init_script(script=axe_source())


def set_palette(page: Page, scheme: str) -> None:
    """Switch mkdocs-material's colour palette to ``scheme`` ("default" or "slate").

    mkdocs-material renders one hidden radio ``input[name=__palette]`` per
    palette, each with ``data-md-color-scheme``; its bundle listens to their
    ``change`` event, sets ``data-md-color-*`` on <body>, and stores
    ``{index, color}`` under the key ``<scope pathname>.__palette`` in
    localStorage (read back by an inline script on every page). Clicking the
    radio is therefore the same as the user's toggle, and it persists across
    pages of the same site (same browser context). Emulating
    prefers-color-scheme is not enough: it only chooses the palette on a first
    visit (nothing stored yet), and only for palettes that declare ``media``.

    For a site without a palette toggle the attribute is set on <body> directly.
    """
    page.wait_for_load_state("load")
    if page.locator('input[name="__palette"]').count():
        # the bundle exposes its observables on window once it has started
        page.wait_for_function("() => window.component$ !== undefined")
    switched = page.evaluate(
        """(scheme) => {
            const input = document.querySelector(
                `input[name="__palette"][data-md-color-scheme="${scheme}"]`);
            if (input) {
                if (input.checked && document.body.getAttribute("data-md-color-scheme") === scheme)
                    return "already";
                input.click();
                return "toggle";
            }
            document.body.setAttribute("data-md-color-scheme", scheme);
            return "attribute";
        }""",
        scheme,
    )
    # while switching, material sets data-md-color-switching on <body> (which
    # turns transitions off) and removes it on the next animation frame
    page.wait_for_function(
        """(scheme) => document.body.getAttribute("data-md-color-scheme") === scheme
            && !document.body.hasAttribute("data-md-color-switching")""",
        arg=scheme,
    )
    if switched != "already":
        page.wait_for_timeout(100)


def run_axe(
    page: Page,
    tags: Sequence[str] = WCAG_TAGS,
    *,
    exclude: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Run axe-core on the page for the given WCAG tags; return its violations.

    Each violation is axe's own dict (id, impact, help, helpUrl, nodes with
    target/html/failureSummary). ``exclude`` is a list of CSS selectors.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(
        """async ([tags, exclude]) => {
            const context = exclude.length ? {exclude: exclude.map(s => [s])} : document;
            const result = await axe.run(context, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations;
        }""",
        [list(tags), list(exclude)],
    )


def format_violations(violations: list[dict[str, Any]]) -> str:
    """A readable summary of axe violations for assertion messages."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')}")
        for node in v.get("nodes", [])[:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {node.get('target')} {summary}")
    return "\n".join(lines)
