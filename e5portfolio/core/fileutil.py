"""Safe file writing: never a half-written output, never a user file silently replaced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# The file that marks a folder as a site written by e5portfolio (replaced whole at each build).
SITE_MARKER = ".e5portfolio-site"
SITE_MARKER_TEXT = (
    "Ce dossier a été généré par e5portfolio : il est entièrement remplacé à chaque construction\n"
    "du site (e5portfolio build). N'y rangez aucun fichier à conserver.\n"
)


def display_prefix(root: Path) -> str:
    """How to show portfolio-relative paths so that a terminal or an editor can open them."""
    try:
        relative = root.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        relative = root
    text = relative.as_posix()
    return "" if text in ("", ".") else text.rstrip("/") + "/"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, new_mode())  # mkstemp makes 0600; a user file gets the usual mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def new_mode(base: int = 0o666) -> int:
    """The mode a new file (0o666) or folder (0o777) gets under the current umask: 0o644 or 0o755 as
    usual; what mkstemp (0o600) and mkdtemp (0o700) make must be given it before it is shown."""
    current = os.umask(0o022)
    os.umask(current)
    return base & ~current


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
