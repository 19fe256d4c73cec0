"""Write e5portfolio/templates/exemple.zip from sample_portfolio/ (run after changing the sample).

`e5portfolio init DOSSIER --exemple` writes this archive's files: the sample ships in the wheel
as one file (its folders would be data-only packages). tests/getting_started/test_exemple.py
fails when the archive and the folder differ.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_portfolio"
ARCHIVE = ROOT / "e5portfolio" / "templates" / "exemple.zip"


def sample_files(folder: Path = SAMPLE) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def archive_bytes(files: dict[str, bytes]) -> bytes:
    """The same bytes for the same files: sorted names, a fixed date."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def main() -> None:
    ARCHIVE.write_bytes(archive_bytes(sample_files()))
    print(f"{ARCHIVE.relative_to(ROOT)} écrit ({len(sample_files())} fichiers)", file=sys.stderr)


if __name__ == "__main__":
    main()
