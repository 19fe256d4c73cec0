"""The site folder that `e5portfolio build` owns: refuse dangerous targets, swap in a new build.

Rules, so that a build never deletes a user's file:
- the site folder may not be the portfolio folder, nor contain it;
- an existing folder is replaced only when it is empty or carries our marker file
  (`.e5portfolio-site`, written by every build);
- the new site is built in a temporary folder beside the target and swapped in only once
  complete: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from e5portfolio.core.errors import E5Error
from e5portfolio.core.fileutil import SITE_MARKER, SITE_MARKER_TEXT, new_mode


class SiteDirRefused(E5Error):
    """The requested site folder is not safe to build into (French message)."""


class BuildInterrupted(BaseException):
    """SIGTERM or SIGHUP arrived during a build: raised so that cleanups run, as Ctrl+C does
    (a BaseException like KeyboardInterrupt: MkDocs' `except Exception` does not swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signal_name = signal.Signals(signum).name


class Interruption:
    """The signal that interrupted a build, if any.

    `deferred()` wraps the swap (two renames that must both happen): it raises BuildInterrupted again
    first, should a library have swallowed the first raise (a bare `except:`), and while it runs a
    signal is only recorded, so that the old site is never left half-moved."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.deferring = False

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        if self.signum is not None:
            raise BuildInterrupted(self.signum)
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False


@contextlib.contextmanager
def interruptible() -> Iterator[Interruption]:
    """SIGTERM and SIGHUP (closed terminal, `kill`, a CI job cancelled) raise BuildInterrupted
    in the main thread while the block runs, so that `staging_dir` removes its folder."""
    interruption = Interruption()
    if threading.current_thread() is not threading.main_thread():
        yield interruption
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]

    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        for other in wanted:  # a second signal must not cut the cleanup short
            signal.signal(other, signal.SIG_IGN)
        interruption.signum = signum
        if not interruption.deferring:
            raise BuildInterrupted(signum)

    previous = {signum: signal.signal(signum, handler) for signum in wanted}
    try:
        yield interruption
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def describe_os_error(error: OSError) -> str:
    """« permission refusée », « système de fichiers en lecture seule »… for a message in French."""
    import errno  # noqa: PLC0415

    names: dict[int | None, str] = {
        errno.EACCES: "permission refusée",
        errno.EPERM: "opération non permise",
        errno.EROFS: "système de fichiers en lecture seule",
        errno.ENOSPC: "plus de place sur le disque",
        errno.ENOENT: "dossier introuvable",
        errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
        errno.EEXIST: "un fichier porte déjà ce nom",
        errno.ENAMETOOLONG: "nom trop long",
        errno.EXDEV: "autre disque",
        errno.EBUSY: "dossier occupé",
        errno.EDQUOT: "quota disque dépassé",
        errno.EADDRINUSE: "adresse déjà utilisée",
        errno.EADDRNOTAVAIL: "adresse absente de cet ordinateur",
    }
    return names.get(error.errno, error.strerror or "erreur du système")


def is_ours(folder: Path) -> bool:
    return (folder / SITE_MARKER).is_file()


def check_site_dir(site_dir: Path, portfolio_root: Path) -> Path:
    """The resolved site folder, or SiteDirRefused saying why and what to do."""
    target = Path(os.path.realpath(site_dir))
    root = Path(os.path.realpath(portfolio_root))
    if target == root:
        raise SiteDirRefused(
            f"le dossier du site « {site_dir} » est le dossier du portfolio : il serait "
            "effacé ; choisissez un sous-dossier, par exemple --site-dir site"
        )
    if target in root.parents:
        raise SiteDirRefused(
            f"le dossier du site « {site_dir} » contient le dossier du portfolio : il serait "
            "effacé ; choisissez un dossier à part, par exemple --site-dir site"
        )
    if target.exists() and not target.is_dir():
        raise SiteDirRefused(
            f"« {site_dir} » existe et n'est pas un dossier : choisissez un autre emplacement pour le site"
        )
    if target.is_dir() and any(target.iterdir()) and not is_ours(target):
        raise SiteDirRefused(
            f"le dossier « {site_dir} » existe, n'est pas vide et n'a pas été créé par "
            "e5portfolio : il n'est pas remplacé ; choisissez un autre dossier avec "
            "--site-dir, ou videz-le vous-même"
        )
    return target


@contextlib.contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A temporary folder beside `target` (same file system, so that the swap is a rename).

    Removed on exit unless `swap_in` moved it into place.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.e5portfolio-", dir=target.parent))
    try:
        _readable_by_all(staging)
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def swap_in(staging: Path, target: Path) -> None:
    """Put the complete new site in place of the old one (ours or empty), then delete the old."""
    (staging / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
    old = None
    if target.exists():
        if any(target.iterdir()) and not is_ours(target):  # checked before, re-checked before touching
            raise SiteDirRefused(
                f"le dossier « {target} » a changé pendant la construction et n'est pas "
                "un site e5portfolio : il n'est pas remplacé"
            )
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.e5portfolio-old-", dir=target.parent))
        os.replace(target, old / "site")
    try:
        os.replace(staging, target)
    except OSError:
        if old is not None:
            os.replace(old / "site", target)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old)


def _readable_by_all(folder: Path) -> None:
    """mkdtemp makes a private (0700) folder; a site is meant to be served: 0755 like mkdir."""
    folder.chmod(new_mode(0o777))
