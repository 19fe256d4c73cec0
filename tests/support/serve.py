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
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from e5portfolio.audit.links import LinkRow, find_linkchecker, parse_csv
from e5portfolio.audit.serve import serve_site


@contextlib.contextmanager
def serve_folder(path: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 (random free port), threaded, with the
    ``LinkChecker`` header: the audit's own server. Yields the base URL, ending with "/"."""
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(root)
    with serve_site(root) as url:
        yield url


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
    for dirpath, _dirnames, filenames in os.walk(dest):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)
    return dest


def run_linkchecker(
    url: str,
    workdir: str | os.PathLike[str],
    *,
    recursion_level: int = 10,
    threads: int = 10,
    verbose: bool = True,
    timeout: float = 120,
) -> list[LinkRow]:
    """Check ``url`` recursively (never external links) and return CSV rows.

    Writes ``linkcheckerrc`` in ``workdir`` (read before linkchecker drops
    root privileges, so any folder will do), runs
    ``linkchecker --config RC --no-status -o csv -r N [--verbose] URL`` and
    parses the CSV from stdout with the audit's parser: one LinkRow per URL
    (``row.valid`` is False for a broken one).
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
    rows = parse_csv(proc.stdout)
    if rows is None:
        raise RuntimeError(
            f"linkchecker printed no CSV header\nstdout:\n{proc.stdout[-2000:]}\nstderr:\n{proc.stderr[-2000:]}"
        )
    return rows


def broken_links(rows: list[LinkRow]) -> list[LinkRow]:
    """The rows linkchecker judged invalid."""
    return [row for row in rows if not row.valid]
