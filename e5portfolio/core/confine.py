"""Confinement, one rule for every reader: a path may be read only when its real path (every
symbolic link followed) lies inside the allowed root, and, for a file, when it is a regular file.

A student's folder may hold symbolic links (Git and unzip keep them): `racine -> /` or
`prive.yml -> /etc/shadow` must never bring a file of the teacher's machine into a site, a report
or a form. Readers call `confined_file` (or `confined`) before opening anything a student named;
the answer is the real path to open, or None with `why_refused` saying why in French.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

OUTSIDE = "outside"  # the real path leaves the root (a symbolic link, or « .. »)
MISSING = "missing"
NOT_REGULAR = "not-regular"  # a folder, a device, a pipe, a socket


def real_root(root: Path | str) -> str:
    return os.path.realpath(root)


def is_inside(real: str, root_real: str) -> bool:
    """Whether the real path `real` is `root_real` or below it (both already real)."""
    if real == root_real:
        return True
    prefix = root_real if root_real.endswith(os.sep) else root_real + os.sep
    return real.startswith(prefix)


def confined(path: Path | str, root: Path | str) -> Path | None:
    """The real path of `path` when it lies inside `root` (whether it exists or not), else None."""
    real = os.path.realpath(path)
    return Path(real) if is_inside(real, real_root(root)) else None


def refusal(path: Path | str, root: Path | str) -> str | None:
    """None when `path` is a regular file whose real path lies inside `root`; else OUTSIDE,
    MISSING or NOT_REGULAR."""
    real = confined(path, root)
    if real is None:
        return OUTSIDE
    try:
        mode = os.stat(real).st_mode
    except (OSError, ValueError):
        return MISSING
    return None if stat.S_ISREG(mode) else NOT_REGULAR


def confined_file(path: Path | str, root: Path | str) -> Path | None:
    """The real path of the regular file `path` when it lies inside `root`, else None."""
    return Path(os.path.realpath(path)) if refusal(path, root) is None else None


def why_refused(name: str, reason: str) -> str:
    """The French message for a refused read of `name` (one of OUTSIDE, MISSING, NOT_REGULAR)."""
    if reason == OUTSIDE:
        return (
            f"« {name} » est un lien symbolique qui mène hors du dossier : il n'est pas lu ; "
            "remplacez le lien par le fichier lui-même"
        )
    if reason == NOT_REGULAR:
        return f"« {name} » n'est pas un fichier ordinaire (dossier, périphérique…) : il n'est pas lu"
    return f"« {name} » est introuvable"
