"""Serve a built site on 127.0.0.1 and check it with the linkchecker program.

linkchecker is GPL: it is run as a separate program, never imported.

linkchecker's CSV output (``-o csv``, verified with LinkChecker 10.6): lines
starting with ``#`` are comments (banner, start and end times); the first
other line is the header, ``;``-separated::

    urlname;parentname;base;result;warningstring;infostring;valid;url;line;
    column;name;dltime;size;checktime;cached;level;modified

``valid`` is ``True`` or ``False`` (the verdict); ``result`` is the status
text ("200 OK", "404 File not found", "filtered" for a link outside the site,
"ignored" for a data: URL); ``url`` is the absolute URL checked, ``urlname``
the link as written, ``parentname`` the page holding it, ``line``/``column``
its place there, ``name`` the link text, ``infostring``/``warningstring``
linkchecker's notes (may span lines), ``level`` the recursion depth.
External links are never fetched (``--check-extern`` is never given: the
network is closed): they come back ``valid=True``, ``result=filtered``, info
"The URL is outside of the domain filter, checked only syntax."

Speed: linkchecker waits 0.1-0.6 s between two requests to one host unless
the host's answers carry a ``LinkChecker`` header; only then does the
``maxrequestspersecond`` of its config apply. :func:`serve_folder` sends it.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def end_headers(self) -> None:
        # linkchecker waits 0.1-0.6 s between requests to a host unless the
        # host answers with a "LinkChecker" header: only then does it apply
        # maxrequestspersecond (measured: 5 s -> well under 1 s for 4 pages).
        self.send_header("LinkChecker", "e5portfolio-tests")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        # clients (linkchecker, browsers) may close connections early: stay quiet
        pass


@contextlib.contextmanager
def serve_folder(path: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 (random free port), threaded.

    Yields the base URL, ending with "/" (e.g. ``http://127.0.0.1:43121/``).
    """
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(root)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve:{root.name}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def make_world_readable_copy(src: str | os.PathLike[str]) -> Path:
    """Copy folder ``src`` into a new temp folder: dirs 0o755, files 0o644.

    linkchecker started as root drops its privileges to ``nobody`` after
    reading its config: files it opens itself (``file://`` URLs) must then be
    readable by ``nobody`` (pytest's tmp_path is 0o700: "Permission denied").
    Over HTTP (:func:`serve_folder`, which runs in this process) no copy is
    needed. The temp folder itself is 0o755 too; the caller removes
    ``result.parent`` (shutil.rmtree).
    """
    base = Path(tempfile.mkdtemp(prefix="e5p-site-"))
    base.chmod(0o755)
    dest = base / Path(src).name
    shutil.copytree(src, dest)
    for dirpath, dirnames, filenames in os.walk(dest):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)
    return dest


def find_linkchecker() -> str | None:
    """The linkchecker program next to this Python (the venv), else on PATH."""
    candidate = Path(sys.executable).parent / "linkchecker"
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return shutil.which("linkchecker")


def run_linkchecker(
    url: str,
    workdir: str | os.PathLike[str],
    *,
    recursion_level: int = 10,
    threads: int = 10,
    verbose: bool = True,
    timeout: float = 120,
) -> list[dict[str, str]]:
    """Check ``url`` recursively (never external links) and return CSV rows.

    Writes ``linkcheckerrc`` in ``workdir`` (read before linkchecker drops
    root privileges, so any folder will do), runs
    ``linkchecker --config RC --no-status -o csv -r N [--verbose] URL`` and
    parses the CSV from stdout: one dict per URL, keyed by the header columns
    (see the module docstring; ``row["valid"] == "False"`` marks a broken one).
    With ``verbose`` (the default) every checked URL is a row, so a caller can
    also see that the pages were crawled; without it only invalid URLs and
    warnings are printed.

    linkchecker exits 1 when it found errors: that is not a failure here, the
    rows say it. Any other exit code, or no CSV header, raises RuntimeError.
    """
    program = find_linkchecker()
    if program is None:
        raise FileNotFoundError("linkchecker not found (pip install linkchecker)")
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    rc = work / "linkcheckerrc"
    rc.write_text(
        f"[checking]\nmaxrequestspersecond=1000\nthreads={threads}\n",
        encoding="utf-8",
    )
    rc.chmod(0o644)
    env = dict(os.environ)
    # no proxy may intercept 127.0.0.1, and linkchecker must not look for ~/.linkchecker
    for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(key, None)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    cmd = [program, "--config", str(rc), "--no-status", "-o", "csv", "-r", str(recursion_level)]
    if verbose:
        cmd.append("--verbose")
    cmd.append(url)
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=work, timeout=timeout)
    if proc.returncode not in (0, 1):
        raise RuntimeError(
            f"linkchecker exited {proc.returncode}: {' '.join(cmd)}\n"
            f"stdout:\n{proc.stdout[-2000:]}\nstderr:\n{proc.stderr[-2000:]}"
        )
    rows = parse_linkchecker_csv(proc.stdout)
    if rows is None:
        raise RuntimeError(f"linkchecker printed no CSV header\nstdout:\n{proc.stdout[-2000:]}\nstderr:\n{proc.stderr[-2000:]}")
    return rows


def parse_linkchecker_csv(text: str) -> list[dict[str, str]] | None:
    """Rows of linkchecker's ``-o csv`` output; None if there is no header.

    Fields may hold quoted newlines (data: URLs, multi-line info strings), so
    the whole text goes through the csv reader; comment records (``# ...``,
    one field) are those before the header and those after it whose field
    count differs from the header's. A data row may itself start with "#"
    (a link written "#section"), hence no line-based filtering.
    """
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for record in csv.reader(io.StringIO(text), delimiter=";"):
        if not record:
            continue
        if header is None:
            if "urlname" in record and "valid" in record:
                header = record
            continue
        if len(record) != len(header):
            continue
        rows.append(dict(zip(header, record)))
    return rows if header is not None else None


def broken_links(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows linkchecker judged invalid."""
    return [row for row in rows if row.get("valid") != "True"]
