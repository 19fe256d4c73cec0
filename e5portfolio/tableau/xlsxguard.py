"""Inspect an .xlsx as a zip archive BEFORE openpyxl expands it.

A tableau de synthèse is a few dozen rows. A hostile or broken file can make openpyxl exhaust
memory: a zip bomb (members that inflate a thousand times), a shared-string bomb, or one cell at
XFD1048576 in an 8 KB file (the readers walk every cell of the used range: 17 billion). Every
.xlsx read (`import`, `export --template`, the audit's tableau) goes through `inspect_xlsx`
first: it reads only the zip directory and stream-scans the sheet XML with fixed caps, so a
refusal comes in well under 5 s and a few MB of memory. Standard library only.

The declared uncompressed sizes can be trusted as upper bounds: `zipfile` (which openpyxl uses)
never inflates a member beyond its declared size (it stops there and fails on the CRC).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from e5portfolio.core.errors import E5Error


@dataclass(frozen=True)
class XlsxLimits:
    max_file_bytes: int = 30_000_000  # the .xlsx itself
    max_members: int = 1_000
    max_member_bytes: int = 30_000_000  # one uncompressed member
    max_total_bytes: int = 100_000_000  # all members, uncompressed
    max_ratio: int = 200  # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1_000_000
    max_rows: int = 20_000  # per sheet: highest row number
    max_columns: int = 512  # per sheet: highest column number (« SR »)
    max_extent: int = 250_000  # per sheet: rows × columns of the used range, walked cell by cell
    max_cells: int = 200_000  # all sheets: <c> elements written
    max_shared_strings: int = 200_000
    max_shared_bytes: int = 10_000_000  # sharedStrings.xml, uncompressed


LIMITS = XlsxLimits()
_CHUNK = 64 * 1024
_TAG = re.compile(rb"<(?:\w+:)?(c|row)(?=[\s>/])([^>]*)>")  # a cell or a row start tag
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]{0,3})(\d*)["']""")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*["']([^"']*)["']""")
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si(?=[\s>/])")
_RANGE_END = re.compile(r"([A-Za-z]{1,3})?(\d+)?$")


class XlsxRefused(E5Error):
    """The file is refused before it is opened; the message (French) says why, without the name."""


def column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - 64)
    return number


def inspect_xlsx(path: Path, limits: XlsxLimits = LIMITS) -> None:
    """Raise XlsxRefused when opening `path` with openpyxl could exhaust memory or time.

    A file that is not a zip at all passes: openpyxl then reports it as unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return  # the opener reports it
    if size > limits.max_file_bytes:
        raise XlsxRefused(
            f"fichier de {size // 1_000_000} Mo, bien plus lourd qu'un tableau de synthèse "
            f"(au plus {limits.max_file_bytes // 1_000_000} Mo)"
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with archive:
        members = archive.infolist()
        _check_members(members, limits)
        cells = 0
        for member in members:
            name = member.filename.lower()
            if name.endswith((".xml", ".rels", ".vml")):
                _check_no_dtd(archive, member)
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                cells += _scan_sheet(archive, member, limits, limits.max_cells - cells)
            elif name == "xl/sharedstrings.xml":
                _scan_shared_strings(archive, member, limits)


def _check_members(members: list[zipfile.ZipInfo], limits: XlsxLimits) -> None:
    if len(members) > limits.max_members:
        raise XlsxRefused(f"archive de {len(members)} éléments (un classeur en a quelques dizaines)")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.max_member_bytes:
            raise XlsxRefused(
                f"l'élément « {member.filename[:80]} » ferait {member.file_size // 1_000_000} Mo une "
                "fois décompressé (archive piégée ou classeur démesuré)"
            )
        if member.file_size > limits.ratio_floor and member.file_size > limits.max_ratio * max(1, member.compress_size):
            raise XlsxRefused(
                f"l'élément « {member.filename[:80]} » se décompresse plus de {limits.max_ratio} fois "
                "(archive piégée, « zip bomb »)"
            )
    if total > limits.max_total_bytes:
        raise XlsxRefused(
            f"le classeur ferait {total // 1_000_000} Mo une fois décompressé (au plus "
            f"{limits.max_total_bytes // 1_000_000} Mo)"
        )


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_no_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Office XML never declares a DTD: one there can only be an entity bomb (« billion laughs »)
    or an attempt to read a file of this computer (external entity)."""
    try:
        with archive.open(member) as stream:
            head = stream.read(_CHUNK)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return
    if _DTD.search(head):
        raise XlsxRefused(
            f"l'élément « {member.filename[:80]} » déclare des entités XML (<!DOCTYPE>), ce qu'un "
            "classeur Excel ne fait jamais (fichier piégé)"
        )


def _chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo):
    """The member's bytes, cut after a '>' so that no start tag is split between two pieces."""
    try:
        with archive.open(member) as stream:
            pending = b""
            while True:
                data = stream.read(_CHUNK)
                if not data:
                    if pending:
                        yield pending
                    return
                pending += data
                cut = pending.rfind(b">") + 1
                if cut:
                    yield pending[:cut]
                    pending = pending[cut:]
                if len(pending) > 4 * _CHUNK:  # a huge text node: no tag to find in it
                    pending = pending[-_CHUNK:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return  # damaged: the opener reports it as unreadable


def _scan_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: XlsxLimits, cells_left: int) -> int:
    """Stream-scan one sheet: declared dimension, cell count, highest row and column. Returns the
    number of <c> elements."""
    max_row = max_column = cells = rows = in_row = widest = 0
    dimension_seen = False
    for piece in _chunks(archive, member):
        if not dimension_seen:
            match = _DIMENSION.search(piece)
            if match:
                dimension_seen = True
                _check_extent(*_range_end(match.group(1).decode("ascii", "replace")), limits, "déclarée")
        for match in _TAG.finditer(piece):
            kind, attributes = match.group(1), match.group(2)
            ref = _REF.search(b" " + attributes)
            if kind == b"row":
                rows += 1
                in_row = 0
                max_row = max(max_row, int(ref.group(2)) if ref and ref.group(2) else rows)
            else:
                cells += 1
                in_row += 1
                column = column_number(ref.group(1).decode()) if ref and ref.group(1) else in_row
                max_column = max(max_column, column, in_row)
                widest = max(widest, in_row)
                if ref and ref.group(2):
                    max_row = max(max_row, int(ref.group(2)))
                if cells > cells_left:
                    raise XlsxRefused(
                        f"plus de {limits.max_cells} cellules remplies (un tableau de synthèse en a quelques centaines)"
                    )
            if max_row > limits.max_rows or max_column > limits.max_columns:
                _check_extent(max_row, max_column, limits, "utilisée")
    _check_extent(max_row, max_column, limits, "utilisée")
    return cells


def _range_end(ref: str) -> tuple[int, int]:
    """(row, column) of the bottom-right corner of a range such as « A1:XFD1048576 »."""
    match = _RANGE_END.search(ref.strip().split(":")[-1])
    if not match:
        return 0, 0
    letters, digits = match.groups()
    return (int(digits) if digits else 0), (column_number(letters) if letters else 0)


def _check_extent(row: int, column: int, limits: XlsxLimits, kind: str) -> None:
    if row > limits.max_rows or column > limits.max_columns or row * column > limits.max_extent:
        raise XlsxRefused(
            f"zone {kind} de la feuille démesurée (jusqu'à la ligne {row} et la colonne {column} : "
            f"au plus {limits.max_rows} lignes et {limits.max_columns} colonnes ; une cellule "
            "remplie très loin, par exemple en XFD1048576 ?)"
        )


def _scan_shared_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: XlsxLimits) -> None:
    if member.file_size > limits.max_shared_bytes:
        raise XlsxRefused(
            f"textes partagés de {member.file_size // 1_000_000} Mo une fois décompressés "
            f"(au plus {limits.max_shared_bytes // 1_000_000} Mo)"
        )
    count = 0
    for piece in _chunks(archive, member):
        count += len(_SHARED_ITEM.findall(piece))
        if count > limits.max_shared_strings:
            raise XlsxRefused(
                f"plus de {limits.max_shared_strings} textes différents (un tableau de synthèse en "
                "a quelques centaines)"
            )
