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
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from e5portfolio.core.confine import confined, refusal

# What a refused path translates to: a name that cannot exist (the answer is a plain 404).
_REFUSED = os.path.join(os.sep, "nonexistent-e5portfolio-refused", "\u2205")


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

    def translate_path(self, path: str) -> str:
        """The file to serve, only when its real path lies inside the site (core.confine): a
        symbolic link such as `racine -> /` in the student's folder leads to a 404, never to a file
        of the teacher's machine. Folders are served (their index.html, checked in turn), other
        kinds of files (pipes, devices) are not."""
        local = super().translate_path(path)
        root = self.directory
        real = confined(local, root)
        if real is None:
            return _REFUSED
        if real.is_dir():
            for index in ("index.html", "index.htm"):
                candidate = os.path.join(local, index)
                if os.path.lexists(candidate) and refusal(candidate, root) is not None:
                    return _REFUSED
            return local
        if os.path.lexists(local) and refusal(local, root) is not None:
            return _REFUSED
        return local

    def send_head(self):
        if self.translate_path(self.path) == _REFUSED:
            self.send_error(404, "File not found")
            return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]):
        self.send_error(404, "File not found")  # a folder without index.html: no listing of names
        return None

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
    # a short poll: shutdown() waits for the loop to look again (0.5 s by default, after every audit)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="e5p-audit-server", daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert isinstance(host, str)  # an IPv4 address
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
