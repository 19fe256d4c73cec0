"""Fixtures of the audit tests: real HTTP servers on 127.0.0.1, fixture sites, a tableau .xlsx.

Every server is a stdlib ThreadingHTTPServer started in a thread by a fixture and stopped after
the test; routes are plain functions. Nothing here reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from e5portfolio.audit.a11y_browser import browser_availability
from e5portfolio.audit.engine import AuditOptions, BrowserOptions, CrawlOptions
from e5portfolio.audit.fetch import FetchLimits
from e5portfolio.audit.links import LinkCheckOptions
from tests.support.browser import require_chromium
from tests.support.tools import require_tool

FIXTURES = Path(__file__).parent / "fixtures"
BAD_SITE = FIXTURES / "bad_site"
GOOD_SITE = FIXTURES / "good_site"
SMALL_PORTFOLIO = FIXTURES / "small_portfolio"

# small bounds: every test finishes in a few seconds even when a server misbehaves
FAST_LINKS = LinkCheckOptions(
    check_extern=False,
    timeout=2,
    max_seconds=20,
    retry_cap=2.0,
    retry_limits=FetchLimits(timeout=2.0, max_bytes=100_000),
)
FAST = AuditOptions(
    crawl=CrawlOptions(page_limits=FetchLimits(timeout=3.0, max_bytes=2_000_000)),
    browser=BrowserOptions(use=False),
    links=FAST_LINKS,
)

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class _RoutedHandler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    hits: dict[str, int] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?")[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        route = self.routes.get(path)
        if route is None:
            send(self, 404, "<html><body>introuvable</body></html>")
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_HEAD = do_GET


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def send(
    handler: http.server.BaseHTTPRequestHandler,
    status: int,
    body: str = "",
    *,
    headers: dict[str, str] | None = None,
    content_type: str = "text/html; charset=utf-8",
) -> None:
    data = body.encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(data)


@contextlib.contextmanager
def routed_server(routes: dict[str, Route]) -> Iterator[tuple[str, dict[str, int]]]:
    """Serve `routes` on 127.0.0.1 (free port); yields (base URL ending with "/", hit counts)."""
    handler = type("Handler", (_RoutedHandler,), {"routes": dict(routes), "hits": {}})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", handler.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server():
    """Factory: `base, hits = server({"/path": route, …})`, stopped after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda routes: stack.enter_context(routed_server(routes))


@pytest.fixture
def outside(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """`outside(url)`: the server of `url` (on 127.0.0.1) stands for a site on the Internet, which
    the audit's network scope lets the audit reach (audit.scope.SIMULATED_PUBLIC); returns `url`."""
    from urllib.parse import urlsplit

    from e5portfolio.audit import scope

    monkeypatch.setattr(scope, "SIMULATED_PUBLIC", set())

    def add(url: str) -> str:
        parts = urlsplit(url)
        scope.SIMULATED_PUBLIC.add((parts.hostname or "", parts.port or 80))
        return url

    return add


@pytest.fixture
def dead_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then closed)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# --- routes -------------------------------------------------------------------------------------


def page(body: str, title: str = "Page") -> Route:
    html = f'<!DOCTYPE html><html lang="fr"><head><title>{title}</title></head><body>{body}</body></html>'
    return lambda h: send(h, 200, html)


def status(code: int, reason: str | None = None, headers: dict[str, str] | None = None) -> Route:
    def route(h):
        h.send_response(code, reason)
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def redirect(location: str, code: int = 302) -> Route:
    return status(code, headers={"Location": location})


def slow(seconds: float) -> Route:
    def route(h):
        time.sleep(seconds)
        send(h, 200, "<html><body>enfin</body></html>")

    return route


def huge(total_bytes: int) -> Route:
    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(total_bytes))
        h.end_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        sent = 0
        while sent < total_bytes:
            h.wfile.write(chunk)
            sent += len(chunk)

    return route


def rate_limited_then_ok(retry_after: str, times: int = 1) -> Route:
    """429 (with Retry-After) for the first `times` requests, then 200."""
    count = {"n": 0}

    def route(h):
        count["n"] += 1
        if count["n"] <= times:
            status(429, headers={"Retry-After": retry_after})(h)
        else:
            send(h, 200, "<html><body>ok</body></html>")

    return route


LOGIN_WALL = page(
    '<h1>Connexion</h1><form method="post"><label for="p">Mot de passe</label>'
    '<input id="p" type="password" name="password"><button>Entrer</button></form>',
    "Connexion",
)


@pytest.fixture(scope="session")
def linkchecker() -> str:
    """The linkchecker program: its absence fails under CI=true, skips elsewhere."""
    from e5portfolio.audit.links import find_linkchecker
    from tests.support.tools import require_tool

    program = find_linkchecker()
    require_tool(program is not None, "linkchecker is not installed (pip install linkchecker)")
    return program


# --- fixture sites ------------------------------------------------------------------------------


def write_tableau(portfolio: Path, destination: Path, *, url: str | None = None) -> Path:
    """The tableau de synthèse of a portfolio, written by e5portfolio's own writer."""
    from e5portfolio.pipeline import analyse
    from e5portfolio.tableau.synthese import write_tableau as writer

    source = portfolio
    if url is not None:
        copy = destination.parent / f".{portfolio.name}-{abs(hash(url))}"
        shutil.copytree(portfolio, copy, dirs_exist_ok=True)
        text = (copy / "portfolio.yml").read_text(encoding="utf-8")
        text = text.replace("https://lea-martin.example.org/portfolio/", url)
        (copy / "portfolio.yml").write_text(text, encoding="utf-8")
        source = copy
    analysis = analyse(source)
    assert analysis.validated is not None and not analysis.report.has_errors
    writer(analysis.validated, analysis.referential, destination)
    return destination


@pytest.fixture
def bad_site(tmp_path: Path) -> Path:
    folder = tmp_path / "bad_site"
    shutil.copytree(BAD_SITE, folder)
    return folder


@pytest.fixture
def good_site(tmp_path: Path) -> Path:
    """The hand-made good site with its tableau de synthèse (written from small_portfolio)."""
    folder = tmp_path / "good_site"
    shutil.copytree(GOOD_SITE, folder)
    write_tableau(SMALL_PORTFOLIO, folder / "tableau-de-synthese.xlsx")
    return folder


def rules(result) -> set[str]:
    return {f.rule for f in result.findings}


def findings_of(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


@pytest.fixture(scope="session")
def built_site_source(tmp_path_factory) -> Path:
    """small_portfolio built once by e5portfolio's own site machinery (MkDocs)."""
    from e5portfolio.audit.portfolio_site import build_site_into

    folder = tmp_path_factory.mktemp("built") / "site"
    site, findings = build_site_into(SMALL_PORTFOLIO, folder)
    assert site is not None, findings
    return site


@pytest.fixture
def built_site(built_site_source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(built_site_source, folder)
    return folder


@pytest.fixture
def chromium() -> str:
    """The Chromium the browser tests drive, with everything the audit's browser pass needs (fails under CI=true)."""
    path = require_chromium()
    require_tool(browser_availability().usable, f"browser check unavailable: {browser_availability().missing()}")
    return path
