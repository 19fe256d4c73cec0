"""The tests' own browser guard (tests/support/browser.py): what a page asks of another host is
recorded, and it fails inside the browser (no request leaves the machine), while a server on
127.0.0.1 is still reached. Every offline test of the site relies on this guard."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Garde</title>
<link rel="stylesheet" href="https://cdn.example.org/police.css"></head>
<body><main><h1>Garde</h1><img id="photo" alt="photo" src="http://93.184.216.34/photo.png">
<p id="sortie">en attente</p></main>
<script>
fetch("https://api.example.net/donnees").then(
  () => { document.getElementById("sortie").textContent = "parti"; },
  () => { document.getElementById("sortie").textContent = "refusé"; });
</script></body></html>
"""


def test_outside_requests_are_recorded_and_never_leave(tmp_path: Path, offline_page):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    offline_page.goto((tmp_path / "index.html").as_uri())
    offline_page.wait_for_function("() => document.getElementById('sortie').textContent !== 'en attente'")
    assert offline_page.locator("#sortie").inner_text() == "refusé"
    assert offline_page.evaluate("() => document.getElementById('photo').naturalWidth") == 0
    assert set(offline_page.blocked) >= {
        "https://cdn.example.org/police.css",
        "http://93.184.216.34/photo.png",
        "https://api.example.net/donnees",
    }


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = b"<!doctype html><title>local</title><p id=ok>servi en local</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_a_local_server_is_reached_and_not_recorded(browser):
    from tests.support.browser import block_outside_requests

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    context = browser.new_context()
    try:
        blocked = block_outside_requests(context, allowed_schemes=(), allowed_hosts=("127.0.0.1",))
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        assert page.locator("#ok").inner_text() == "servi en local"
        assert blocked == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
