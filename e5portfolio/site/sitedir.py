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
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .publication import SITE_MARKER, SITE_MARKER_TEXT


class SiteDirRefused(Exception):
    """The requested site folder is not safe to build into (French message)."""


def is_ours(folder: Path) -> bool:
    return (folder / SITE_MARKER).is_file()


def check_site_dir(site_dir: Path, portfolio_root: Path) -> Path:
    """The resolved site folder, or SiteDirRefused saying why and what to do."""
    target = Path(os.path.realpath(site_dir))
    root = Path(os.path.realpath(portfolio_root))
    if target == root:
        raise SiteDirRefused(f"le dossier du site « {site_dir} » est le dossier du portfolio : il serait "
                             "effacé ; choisissez un sous-dossier, par exemple --site-dir site")
    if target in root.parents:
        raise SiteDirRefused(f"le dossier du site « {site_dir} » contient le dossier du portfolio : il serait "
                             "effacé ; choisissez un dossier à part, par exemple --site-dir site")
    if target.exists() and not target.is_dir():
        raise SiteDirRefused(f"« {site_dir} » existe et n'est pas un dossier : choisissez un autre "
                             "emplacement pour le site")
    if target.is_dir() and any(target.iterdir()) and not is_ours(target):
        raise SiteDirRefused(f"le dossier « {site_dir} » existe, n'est pas vide et n'a pas été créé par "
                             "e5portfolio : il n'est pas remplacé ; choisissez un autre dossier avec "
                             "--site-dir, ou videz-le vous-même")
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
            raise SiteDirRefused(f"le dossier « {target} » a changé pendant la construction et n'est pas "
                                 "un site e5portfolio : il n'est pas remplacé")
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
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
