"""Serve a site folder on 127.0.0.1 for the audit (threaded, quiet, with a `LinkChecker` header).

linkchecker only applies `maxrequestspersecond` to hosts whose answers carry a `LinkChecker`
header; without it, it waits 0.1–0.6 s before every request. Answers may be cached for the time of
the audit, so that Chromium does not fetch a site's styles and scripts again for every page. The
server runs in our own process and linkchecker reaches it over HTTP, so the folder does not have
to be readable by the user `nobody` that linkchecker becomes when started as root.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".ods": "application/vnd.oasis.opendocument.spreadsheet",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "e5portfolio-audit")
        # the folder is a snapshot for the time of the audit: Chromium may keep the site's styles,
        # scripts and fonts from one page to the next (one browser context per site)
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients (linkchecker, Chromium) close connections early: not our problem


@contextlib.contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1; yields the base URL, ending with "/"."""
    handler = functools.partial(_SiteHandler, directory=str(Path(folder).resolve()))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="e5p-audit-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert isinstance(host, str)  # an IPv4 address
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
