"""Read a tableau de synthèse (.xlsx) by its landmarks: the official model filled by hand, or our export.

Public API (also used by the audit): ``read_tableau(path) -> TableauData``; it raises
``TableauError`` with a French message naming what is missing or unreadable. The table itself
(column headings, the six competences, the three part titles) must be found; identification
labels that are missing simply leave their field empty.

Reading is tolerant of hand-filled models: a réalisation is a row whose column A holds the
intitulé then, one a line, its productions (bullets « - », « • »… are dropped); a row holding
only column A text continues the réalisation above (more productions); a competence counts as
mobilised for any non-empty mark; périodes are read from « JJ/MM/AA au JJ/MM/AA » (two-digit
years are 20AA), also from a real date cell or four-digit years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from e5portfolio.core.referential import DEFAULT_SESSION, available_sessions, load_referential
from e5portfolio.tableau.landmarks import (
    Layout,
    TableauError,
    anchor,
    identification_text,
    is_identification_label,
    locate_in_workbook,
    merged_range_at,
    normalise,
    open_workbook,
    option_text,
    part_rows,
    read_option,
    session_year,
    value_at,
)

__all__ = ["TableauData", "TableauError", "TableauRow", "read_tableau", "parse_periode", "split_column_a"]

_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪◦‣>]+\s*|\d{1,2}[.)]\s+)")


@dataclass(frozen=True)
class TableauRow:
    """One réalisation read from the tableau."""

    partie: str  # "formation" | "annee1" | "annee2"
    intitule: str
    productions: list[str]
    periode_debut: dt.date | None
    periode_fin: dt.date | None
    periode_text: str  # the période cell as written
    competences: set[str]  # "B1.1".."B1.6"
    row: int  # its row number in the sheet (1-based), for messages


@dataclass
class TableauData:
    """What a tableau de synthèse says."""

    nom_prenom: str | None
    numero: str | None
    centre: str | None
    option: str | None  # "SISR" | "SLAM" | None when no box (or both) is ticked
    url: str | None
    session: int | None  # from « SESSION 2026 » when present
    rows: list[TableauRow]
    sheet: str  # name of the sheet read
    notes: list[str] = field(default_factory=list)  # what could not be read, in French

    def rows_of(self, partie: str) -> list[TableauRow]:
        return [row for row in self.rows if row.partie == partie]


def read_tableau(path: Path) -> TableauData:
    """Read the tableau de synthèse at `path`; TableauError (French) if it cannot be used."""
    path = Path(path)
    opened = open_workbook(path, role="tableau")
    layout = _locate(opened.workbook, path)
    notes: list[str] = []
    data = TableauData(
        nom_prenom=identification_text(layout, "nom") or None,
        numero=_numero(layout, notes),
        centre=identification_text(layout, "centre") or None,
        option=read_option(option_text(layout)),
        url=identification_text(layout, "url") or None,
        session=session_year(layout),
        rows=_rows(layout, notes),
        sheet=layout.sheet.title,
        notes=notes,
    )
    if data.session is not None and data.session <= LAST_E4_SESSION:
        notes.append(
            f"ancien modèle E4 (session {data.session}) : utilisez le modèle E5 de la session "
            f"{max(available_sessions() or [DEFAULT_SESSION])} (Annexe VI-1 de la circulaire)"
        )
    return data


def _locate(workbook: Any, path: Path) -> Layout:
    """Landmarks of the newest referential that fits (labels may change between sessions)."""
    sessions = sorted(available_sessions(), reverse=True) or [DEFAULT_SESSION]
    first_error: TableauError | None = None
    for session in sessions:
        try:
            return locate_in_workbook(workbook, load_referential(session), need_identification=False)
        except TableauError as error:
            first_error = first_error or error
    assert first_error is not None
    old = old_model_marker(workbook)
    if old is not None:
        raise TableauError(
            f"tableau « {path.name} » : ancien modèle E4 (session ≤ 2025, {old}) : utilisez le "
            f"modèle E5 de la session {sessions[0]} (Annexe VI-1 de la circulaire) et recopiez-y vos "
            "réalisations",
            first_error.missing,
        )
    raise TableauError(f"tableau « {path.name} » illisible : {first_error.message}", first_error.missing)


LAST_E4_SESSION = 2025  # the épreuve was E4 until the 2025 session (referentiel.md)
_OLD_MARKERS = (
    (re.compile(r"\bepreuve\s*e\s*4\b|\be4\b"), "il porte la mention « E4 »"),
    (re.compile(r"\bannexe\s*9\s*[-.]?\s*1"), "il porte la mention « Annexe 9-1 »"),
)
_SESSION = re.compile(r"\bsession\s*:?\s*(20\d\d)\b")


def old_model_marker(workbook: Any, rows: int = 60, columns: int = 30) -> str | None:
    """How the old E4 model (session ≤ 2025) shows itself in the top-left of a sheet, or None.

    Reads at most `rows` × `columns` cells per sheet (values only)."""
    for sheet in workbook.worksheets:
        for values in sheet.iter_rows(
            max_row=min(rows, sheet.max_row), max_col=min(columns, sheet.max_column), values_only=True
        ):
            for value in values:
                if not isinstance(value, str):
                    continue
                text = normalise(value)[0]
                for pattern, description in _OLD_MARKERS:
                    if pattern.search(text):
                        return description
                session = _SESSION.search(text)
                if session and int(session.group(1)) <= LAST_E4_SESSION:
                    return f"il porte la mention « session {session.group(1)} »"
    return None


def _numero(layout: Layout, notes: list[str]) -> str | None:
    text = identification_text(layout, "numero")
    if not text:
        return None
    if isinstance(_raw_value_right_of(layout, "numero"), (int, float)):
        notes.append(
            f"N° candidat « {text} » saisi comme un nombre dans le tableau : vérifiez qu'il "
            "ne manque pas un zéro au début"
        )
    return re.sub(r"\s+", "", text)


def _raw_value_right_of(layout: Layout, key: str) -> Any:
    place = layout.identification.get(key)
    if place is None or place.remainder:
        return None
    sheet = layout.sheet
    for column in range(place.column + 1, sheet.max_column + 1):
        text = value_at(sheet, place.row, column)
        if text:
            return None if is_identification_label(layout, text) else sheet.cell(place.row, column).value
    return None


# --- the rows ------------------------------------------------------------------------------


def _regions(layout: Layout) -> dict[str, list[int]]:
    """Rows to read for each part: every row up to the next part title; the last part as long
    as rows look like the table."""
    ordered = layout.parts_in_sheet_order()
    last_rows = part_rows(layout)
    regions = {}
    for position, (partie, place) in enumerate(ordered):
        if position + 1 < len(ordered):
            regions[partie] = list(range(place.row + 1, ordered[position + 1][1].row))
        else:
            regions[partie] = last_rows[partie]
    return regions


def _rows(layout: Layout, notes: list[str]) -> list[TableauRow]:
    rows: list[TableauRow] = []
    for partie, region in _regions(layout).items():
        part: list[TableauRow] = []
        for number in region:
            row = _read_row(layout, partie, number, part, notes)
            if row is not None:
                part.append(row)
        rows.extend(part)
    order = list(layout.referential.tableau.parties)
    return sorted(rows, key=lambda r: (order.index(r.partie), r.row))


def _own_value(sheet: Any, row: int, column: int) -> Any:
    """The raw value shown at (row, column) if it starts on this row (merged cells included)."""
    merged = merged_range_at(sheet, row, column)
    cell = anchor(sheet, row, column)
    if merged is not None and merged.min_row != row:
        return None
    return cell.value


def _read_row(
    layout: Layout, partie: str, number: int, previous: list[TableauRow], notes: list[str]
) -> TableauRow | None:
    sheet = layout.sheet
    text_a = value_at(sheet, number, layout.realisations.column)
    raw_b = _own_value(sheet, number, layout.periode.column)
    text_b = value_at(sheet, number, layout.periode.column)
    marks = {code for code, place in layout.competences.items() if value_at(sheet, number, place.column)}
    if not (text_a or text_b or marks):
        return None
    if text_a and not text_b and not marks and previous:
        previous[-1].productions.extend(_production_lines(text_a.splitlines()))
        return None
    intitule, productions = split_column_a(text_a)
    debut, fin = parse_periode(raw_b)
    if text_b and debut is None:
        notes.append(f"ligne {number} : période « {text_b} » illisible ; écrivez-la sous la forme JJ/MM/AA au JJ/MM/AA")
    return TableauRow(partie, intitule, productions, debut, fin, text_b, marks, number)


def split_column_a(text: str) -> tuple[str, list[str]]:
    """(intitulé, productions) from a column A cell: the first line is the intitulé; when later
    lines carry bullets, the lines before the first bullet still belong to the intitulé."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "", []
    first, rest = _BULLET.sub("", lines[0]), lines[1:]
    bulleted = [i for i, line in enumerate(rest) if _BULLET.match(line)]
    if bulleted:
        first = " ".join([first, *rest[: bulleted[0]]])
        rest = rest[bulleted[0] :]
    return first, _production_lines(rest)


def _production_lines(lines: list[str]) -> list[str]:
    """One production a line; a line without a bullet after bulleted ones continues the previous."""
    result: list[str] = []
    any_bullet = False
    for line in (line.strip() for line in lines):
        if not line:
            continue
        has_bullet = bool(_BULLET.match(line))
        cleaned = _BULLET.sub("", line).strip()
        if not cleaned:
            continue
        if result and any_bullet and not has_bullet:
            result[-1] = f"{result[-1]} {cleaned}"
        else:
            result.append(cleaned)
        any_bullet = any_bullet or has_bullet
    return result


def parse_periode(value: Any) -> tuple[dt.date | None, dt.date | None]:
    """(début, fin) from « JJ/MM/AA au JJ/MM/AA » (two-digit years are 20AA), a date cell, or
    a single date (début = fin); (None, None) when no date can be read."""
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    if not isinstance(value, str):
        return None, None
    dates = [_date(*found.groups()) for found in _DATE.finditer(value)]
    if not dates or None in dates:
        return None, None
    return dates[0], dates[1] if len(dates) > 1 else dates[0]


def _date(day: str, month: str, year: str) -> dt.date | None:
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        return dt.date(full_year, int(month), int(day))
    except ValueError:
        return None
