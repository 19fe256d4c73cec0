"""Tableau de synthèse (Annexe VI-1) as an .xlsx: drawn in the official layout, or filled into a
supplied official model found by its labels.

Both ways share one filling step: the drawn layout is an empty model, filled like any other.
A supplied model is searched for its labels (landmarks.locate_in_workbook); our drawing needs no
search: the drawing records where it put each label and gives the same Layout directly.
`tableau_rows` gives the content (parts, rows, périodes, marks) so that the site's HTML tableau
shows exactly what the .xlsx shows. openpyxl is imported inside the functions that write, so
that importing this module stays light.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import zipfile
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

from e5portfolio.checks.competences import mobilised
from e5portfolio.core.fileutil import write_bytes_atomic
from e5portfolio.core.model import ResolvedRealisation
from e5portfolio.core.ordering import ordered
from e5portfolio.core.referential import Competence, Referential
from e5portfolio.core.validate import Validated
from e5portfolio.tableau.landmarks import (
    BOX_EMPTY,
    OPTIONS,
    Layout,
    Place,
    TableauError,
    anchor,
    formula_safe,
    is_identification_label,
    locate_in_workbook,
    merged_range_at,
    open_workbook,
    options_text,
    part_rows,
    session_word,
    session_year,
    split_label,
    tick_options,
    value_at,
    value_cell_column,
)

OWN_MARK = "e5portfolio"  # name of the custom document property of every tableau we write
OUTPUT_NAME = "tableau-de-synthese.xlsx"
MARK = "X"
PRODUCTION_BULLET = "• "
COMPETENCE_BULLET = "• "

# Our own drawing of Annexe VI-1.
_FONT = "Calibri"
_BODY_SIZE = 10
_BULLET_SIZE = 8
_WIDTH_REALISATIONS = 48
_WIDTH_PERIODE = 13
_WIDTH_COMPETENCE = 23
_HEADING_FILL = "D9D9D9"
_PART_FILL = "F2F2F2"
_MAX_ROW_HEIGHT = 409  # points: Excel's limit


class SyntheseRow(NamedTuple):
    """One réalisation as the tableau shows it."""

    realisation: ResolvedRealisation
    periode: str  # « JJ/MM/AA au JJ/MM/AA »
    productions: list[str]  # titles, in the portfolio's order
    competences: list[str]  # B1.n codes mobilised, in the referential's order


@dataclass(frozen=True)
class Identity:
    """The identification block of the tableau."""

    nom_prenom: str
    numero: str | None
    centre: str
    option: str
    url: str | None


def periode_text(debut: dt.date, fin: dt.date) -> str:
    return f"{debut:%d/%m/%y} au {fin:%d/%m/%y}"


def tableau_rows(validated: Validated, referential: Referential) -> dict[str, list[SyntheseRow]]:
    """Each part (formation, annee1, annee2, in the tableau's order) → its rows, by date."""
    rows: dict[str, list[SyntheseRow]] = {partie: [] for partie in referential.tableau.parties}
    order = [c.code for c in referential.competences]
    by_date = ordered(validated.realisations)  # by part, then by date: the one numbering
    for entry in by_date:
        if entry.partie not in rows:
            continue
        codes = sorted(mobilised(entry, referential), key=order.index)
        rows[entry.partie].append(
            SyntheseRow(
                entry,
                periode_text(entry.periode.debut, entry.periode.fin),
                [production.titre for production in entry.source.productions],
                codes,
            )
        )
    return rows


def identity(validated: Validated, *, publish_numero: bool = True) -> Identity:
    candidat = validated.portfolio.candidat
    return Identity(
        nom_prenom=f"{candidat.nom.strip().upper()} {candidat.prenom.strip()}",
        numero=candidat.numero if publish_numero else None,
        centre=candidat.centre.strip(),
        option=candidat.option,
        url=candidat.url,
    )


def write_tableau(validated: Validated, referential: Referential, path: Path, *, publish_numero: bool = True) -> None:
    """Write the tableau in our drawing of Annexe VI-1 to `path`, atomically."""
    workbook, layout = draw_model(referential)
    _fill(layout, identity(validated, publish_numero=publish_numero), tableau_rows(validated, referential))
    _write_session(layout, validated.portfolio.candidat.session)
    _save(workbook, Path(path))


def _write_session(layout: Layout, session: int) -> None:
    """« SESSION <year> » of the candidate (the referential's label carries its own session)."""
    if layout.session is not None:
        layout.sheet.cell(layout.session.row, layout.session.column).value = f"{layout.session.written} {session}"


def fill_template(
    validated: Validated, referential: Referential, model: Path, path: Path, *, publish_numero: bool = True
) -> list[str]:
    """Fill the official model `model` found by its labels and write it to `path`, atomically.

    Returns notes (French) about what the user should check; raises TableauError when the model
    cannot be read or misses landmarks.
    """
    opened = open_workbook(Path(model), role="modèle", to_fill=True)
    try:
        layout = locate_in_workbook(opened.workbook, referential, need_identification=True)
    except TableauError as error:
        raise TableauError(f"modèle « {Path(model).name} » refusé : {error.message}", error.missing) from None
    notes = list(opened.notes)
    year = session_year(layout)
    session = validated.portfolio.candidat.session
    if year is not None and year != session:
        notes.append(
            f"le modèle porte la mention « {layout.session.written} {year} » mais votre "  # type: ignore[union-attr]
            f"portfolio est pour la session {session} : vérifiez que vous utilisez le modèle "
            "de votre session"
        )
    _fill(layout, identity(validated, publish_numero=publish_numero), tableau_rows(validated, referential))
    opened.workbook.template = False
    _save(opened.workbook, Path(path))
    return notes


def _save(workbook: Any, path: Path) -> None:
    _mark_as_ours(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def _mark_as_ours(workbook: Any) -> None:
    """A custom document property (kept by Excel and LibreOffice) saying e5portfolio wrote the file,
    so that a later export may replace it, and only it."""
    from openpyxl.packaging.custom import StringProperty

    if all(prop.name != OWN_MARK for prop in workbook.custom_doc_props):
        workbook.custom_doc_props.append(StringProperty(name=OWN_MARK, value="tableau de synthèse régénéré"))


def written_by_e5portfolio(path: Path) -> bool:
    """True when the .xlsx at `path` was written by e5portfolio (an export it may replace)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo("docProps/custom.xml").file_size > 1_000_000:  # a bomb, not our small file
                return False
            custom = archive.read("docProps/custom.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError):
        return False
    return f'name="{OWN_MARK}"' in custom


# --- filling a located model ---------------------------------------------------------------


def _fill(layout: Layout, who: Identity, rows: dict[str, list[SyntheseRow]]) -> None:
    _write_identification(layout, "nom", who.nom_prenom)
    _write_identification(layout, "numero", who.numero)
    _write_identification(layout, "centre", who.centre)
    _write_identification(layout, "url", who.url, link=who.url)
    _write_option(layout, who.option)
    slots = part_rows(layout)
    styles = _row_styles(layout, slots)
    # Bottom-up, so that rows inserted in one part do not move the parts still to fill.
    for partie, place in reversed(layout.parts_in_sheet_order()):
        entries = rows.get(partie, [])
        free = list(slots[partie])
        if len(entries) > len(free):
            at = (free[-1] if free else place.row) + 1
            count = len(entries) - len(free)
            insert_rows(layout.sheet, at, count, styles.get(partie))
            free += list(range(at, at + count))
        for row, entry in zip(free, entries, strict=False):  # free rows beyond the entries are cleared below
            _write_row(layout, row, entry)
        for row in free[len(entries) :]:
            _clear_row(layout, row)


def set_text(cell: Any, text: str | None) -> None:
    """Write a text the student wrote as a string cell, never a formula (see formula_safe)."""
    if text is None:
        cell.value = None
        return
    cell.value = formula_safe(text)
    cell.data_type = "s"


def _write_identification(layout: Layout, key: str, value: str | None, *, link: str | None = None) -> None:
    place = layout.identification[key]
    sheet = layout.sheet
    column = value_cell_column(layout, place) if not place.remainder else None
    if column is not None:
        cell = anchor(sheet, place.row, column)
        set_text(cell, value or None)
        cell.hyperlink = link if value else None
        return
    cell = anchor(sheet, place.row, place.column)
    set_text(cell, f"{place.written} {value}" if value else place.written)


def _write_option(layout: Layout, option: str) -> None:
    place = layout.identification["option"]
    sheet = layout.sheet
    changed = False
    if place.remainder:
        ticked = tick_options(place.remainder, option)
        if ticked is not None:
            anchor(sheet, place.row, place.column).value = f"{place.written} {ticked}"
            changed = True
    for column in range(place.column + 1, sheet.max_column + 1):
        text = value_at(sheet, place.row, column)
        if text and is_identification_label(layout, text):
            break
        ticked = tick_options(text, option) if text else None
        if ticked is not None:
            sheet.cell(place.row, column).value = ticked
            changed = True
    if not changed:
        _write_identification(layout, "option", options_text(option))


def _write_row(layout: Layout, row: int, entry: SyntheseRow) -> None:
    sheet = layout.sheet
    cell_a = anchor(sheet, row, layout.realisations.column)
    cell_a.value = _realisation_text(entry, cell_a.font)
    _wrap(cell_a)
    cell_b = anchor(sheet, row, layout.periode.column)
    set_text(cell_b, entry.periode)
    _wrap(cell_b)
    for code, place in layout.competences.items():
        cell = anchor(sheet, row, place.column)
        cell.value = MARK if code in entry.competences else None
    lines_a = [entry.realisation.intitule, *(PRODUCTION_BULLET + t for t in entry.productions)]
    _fit_height(sheet, row, [(cell_a, lines_a), (cell_b, [entry.periode])])


def _clear_row(layout: Layout, row: int) -> None:
    for column in layout.columns:
        cell = anchor(layout.sheet, row, column)
        if cell.row == row:
            cell.value = None


def _realisation_text(entry: SyntheseRow, font: Any) -> Any:
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    blocks = [TextBlock(_inline_font(font, bold=True), formula_safe(entry.realisation.intitule))]
    if entry.productions:
        lines = "".join(f"\n{PRODUCTION_BULLET}{title}" for title in entry.productions)
        blocks.append(TextBlock(_inline_font(font, bold=False), lines))
    return CellRichText(blocks)


def _inline_font(font: Any, *, bold: bool, size: float | None = None) -> Any:
    from openpyxl.cell.text import InlineFont

    return InlineFont(
        rFont=font.name or _FONT,
        sz=size or font.sz or _BODY_SIZE,
        b=bold,
        i=font.i or None,
        color=copy(font.color) if font.color is not None else None,
    )


def _wrap(cell: Any) -> None:
    alignment = copy(cell.alignment)
    alignment.wrap_text = True
    if alignment.vertical is None:
        alignment.vertical = "top"
    cell.alignment = alignment


# --- row heights: openpyxl does not measure text, so estimate the lines ---------------------


def _column_width(sheet: Any, column: int) -> float:
    from openpyxl.utils import get_column_letter

    for dimension in sheet.column_dimensions.values():
        low = dimension.min or 0
        high = dimension.max or low
        if low <= column <= high and dimension.width:
            return float(dimension.width)
    dimension = sheet.column_dimensions.get(get_column_letter(column))
    if dimension is not None and dimension.width:
        return float(dimension.width)
    return float(sheet.sheet_format.defaultColWidth or 8.43)


def _cell_width(sheet: Any, cell: Any) -> float:
    merged = merged_range_at(sheet, cell.row, cell.column)
    columns = range(merged.min_col, merged.max_col + 1) if merged is not None else [cell.column]
    return sum(_column_width(sheet, column) for column in columns)


def _line_count(lines: list[str], width: float, size: float) -> int:
    per_line = max(4, int(width * 11 / size * 1.05) - 1)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in lines)


def text_height(lines: list[str], width: float, size: float) -> float:
    """Points needed to show `lines`, wrapped in a column `width` characters wide."""
    return _line_count(lines, width, size) * size * 1.32 + 4


def _fit_height(sheet: Any, row: int, cells: list[tuple[Any, list[str]]]) -> None:
    needed = max(text_height(lines, _cell_width(sheet, cell), cell.font.sz or _BODY_SIZE) for cell, lines in cells)
    dimension = sheet.row_dimensions[row]
    current = dimension.height or 15
    if needed > current:
        dimension.height = min(_MAX_ROW_HEIGHT, round(needed, 1))


# --- inserting rows in a model, keeping its style -------------------------------------------


@dataclass(frozen=True)
class RowStyle:
    """The look of a model row: cell styles by column, height, horizontal merges."""

    styles: dict[int, Any]
    height: float | None
    merges: list[tuple[int, int]]


def _row_style(sheet: Any, row: int) -> RowStyle:
    styles = {}
    for column in range(1, sheet.max_column + 1):
        cell = sheet.cell(row, column)
        if cell.has_style:
            styles[column] = copy(cell._style)  # noqa: SLF001 - openpyxl's way to copy a style
    merges = [(m.min_col, m.max_col) for m in sheet.merged_cells.ranges if m.min_row == m.max_row == row]
    return RowStyle(styles, sheet.row_dimensions[row].height, merges)


def _row_styles(layout: Layout, slots: dict[str, list[int]]) -> dict[str, RowStyle | None]:
    """The style each part's new rows copy: its last row, else a row of another part."""
    own = {partie: _row_style(layout.sheet, rows[-1]) for partie, rows in slots.items() if rows}
    fallback = next(iter(own.values()), None)
    return {partie: own.get(partie, fallback) for partie in slots}


def insert_rows(sheet: Any, at: int, count: int, style: RowStyle | None) -> None:
    """Insert `count` rows before row `at`, moving what openpyxl leaves behind (merged cells,
    heights, hyperlinks, validations, conditional formats, print area), styled like `style`."""
    sheet.insert_rows(at, count)
    _shift_merged(sheet, at, count)
    _shift_heights(sheet, at, count)
    _shift_hyperlinks(sheet)
    for validation in sheet.data_validations.dataValidation:
        _shift_ranges(validation.sqref, at, count)
    _shift_conditional_formats(sheet, at, count)
    _shift_ranges(sheet._print_area, at, count)  # noqa: SLF001 - no public access to the ranges
    for row in range(at, at + count):
        _apply_style(sheet, row, style)


def _shift_range(cell_range: Any, at: int, count: int, *, grow_at_end: bool = False) -> None:
    """Move a range below the new rows down; stretch a range they fall into. With `grow_at_end`,
    a range ending on the row just above (the row the new ones copy) is stretched too."""
    if cell_range.min_row >= at:
        cell_range.shift(row_shift=count)
    elif cell_range.max_row >= (at - 1 if grow_at_end else at):
        cell_range.expand(down=count)


def _shift_ranges(multi_range: Any, at: int, count: int) -> None:
    """Validations, conditional formats and the print area follow the rows they cover."""
    for cell_range in getattr(multi_range, "ranges", []):
        _shift_range(cell_range, at, count, grow_at_end=True)


def _shift_merged(sheet: Any, at: int, count: int) -> None:
    for merged in list(sheet.merged_cells.ranges):
        _shift_range(merged, at, count)


def _shift_heights(sheet: Any, at: int, count: int) -> None:
    dimensions = sheet.row_dimensions
    for row in sorted((r for r in list(dimensions) if r >= at), reverse=True):
        moved = copy(dimensions[row])
        moved.index = row + count
        dimensions[row + count] = moved
        del dimensions[row]


def _shift_hyperlinks(sheet: Any) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if getattr(cell, "hyperlink", None) is not None:
                cell.hyperlink.ref = cell.coordinate


def _shift_conditional_formats(sheet: Any, at: int, count: int) -> None:
    formats = sheet.conditional_formatting
    entries = list(formats._cf_rules.items())  # noqa: SLF001 - keys hash on their ranges
    formats._cf_rules.clear()  # noqa: SLF001
    for conditional, rules in entries:
        _shift_ranges(conditional.sqref, at, count)
        formats._cf_rules[conditional] = rules  # noqa: SLF001


def _apply_style(sheet: Any, row: int, style: RowStyle | None) -> None:
    if style is None:
        return
    for column, cell_style in style.styles.items():
        sheet.cell(row, column)._style = copy(cell_style)  # noqa: SLF001
    if style.height:
        sheet.row_dimensions[row].height = style.height
    for low, high in style.merges:
        sheet.merge_cells(start_row=row, start_column=low, end_row=row, end_column=high)


# --- our drawing of Annexe VI-1 (an empty model) ---------------------------------------------


def draw_model(referential: Referential) -> tuple[Any, Layout]:
    """Our drawing of the empty model, and its layout: the places `locate` would find in it,
    known from the drawing (the same Layout, without searching the sheet for its labels)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tableau de synthèse"
    labels = referential.tableau
    last = 2 + len(referential.competences)
    _draw_header(sheet, referential, last)
    identification_rows = _draw_identification(sheet, referential, 4, last)
    heading = max(identification_rows.values()) + 2
    _draw_headings(sheet, referential, heading, last)
    title_rows: dict[str, int] = {}
    row = heading + 2
    for partie, label in labels.parties.items():
        _draw_part(sheet, label, row, last)
        title_rows[partie] = row
        row += 2
    _set_widths(sheet, referential)
    _fit_heading_height(sheet, referential, heading + 1)
    _set_print(sheet, heading)
    columns = labels.colonnes
    layout = Layout(
        sheet=sheet,
        referential=referential,
        identification={
            key: _drawn_place(row, 1, labels.identification[key]) for key, row in identification_rows.items()
        },
        realisations=_drawn_place(heading, 1, columns["realisations"], [columns["realisations_detail"]]),
        periode=_drawn_place(heading, 2, columns["periode"], [columns["periode_detail"]]),
        competences={
            c.code: _drawn_place(heading + 1, 3 + offset, c.intitule, _competence_bullets(c))
            for offset, c in enumerate(referential.competences)
        },
        parts={partie: _drawn_place(row, 1, labels.parties[partie]) for partie, row in title_rows.items()},
        session=_session_place(referential, 1, last - 1),
        bordered=True,
    )
    return workbook, layout


def _drawn_place(row: int, column: int, label: str, detail_lines: list[str] | None = None) -> Place:
    """The Place `locate` reports for a label we drew at (row, column), followed by its detail
    lines in the same cell (tests/synthese/test_export.py checks that both agree)."""
    return Place(row, column, label, label.strip(), "\n".join(detail_lines or []).strip())


def _session_place(referential: Referential, row: int, column: int) -> Place | None:
    """« SESSION » and its year, in the header cell « SESSION 2026 »."""
    label = session_word(referential)
    parts = split_label(referential.tableau.entete_droite, label)
    return Place(row, column, label, *parts) if parts else None


@functools.lru_cache(maxsize=1)
def _styles() -> SimpleNamespace:
    """The few styles of our drawing (openpyxl style objects are immutable: safe to share)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return SimpleNamespace(
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        body=Font(name=_FONT, size=_BODY_SIZE),
        bold=Font(name=_FONT, size=_BODY_SIZE, bold=True),
        title=Font(name=_FONT, size=14, bold=True),
        heading_fill=PatternFill("solid", fgColor=_HEADING_FILL),
        part_fill=PatternFill("solid", fgColor=_PART_FILL),
        no_fill=PatternFill(fill_type=None),
        top=Alignment(wrap_text=True, vertical="top"),
        centered=Alignment(wrap_text=True, horizontal="center", vertical="center"),
        left=Alignment(vertical="center"),
        right=Alignment(horizontal="right", vertical="center"),
    )


def _draw_header(sheet: Any, referential: Referential, last: int) -> None:
    s = _styles()
    labels = referential.tableau
    sheet.cell(1, 1, labels.entete_gauche).font = s.bold
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last - 2)
    right = sheet.cell(1, last - 1, labels.entete_droite)
    right.font, right.alignment = s.bold, s.right
    sheet.merge_cells(start_row=1, start_column=last - 1, end_row=1, end_column=last)
    title = sheet.cell(2, 1, labels.titre)
    title.font, title.alignment = s.title, s.centered
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    sheet.row_dimensions[2].height = 24


def _draw_identification(sheet: Any, referential: Referential, row: int, last: int) -> dict[str, int]:
    """One label a row, its value in the merged cells to its right; returns the row of each key."""
    s = _styles()
    rows = {}
    for key, label in referential.tableau.identification.items():
        rows[key] = row
        cell = sheet.cell(row, 1, label)
        cell.font, cell.alignment = s.bold, s.left
        if key == "option":
            for offset, option in enumerate(OPTIONS):
                box = sheet.cell(row, 2 + offset, f"{BOX_EMPTY} {option}")
                box.font, box.alignment = s.body, s.left
        else:
            value = sheet.cell(row, 2)
            value.font, value.alignment = s.body, s.left
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
        sheet.row_dimensions[row].height = 18
        row += 1
    return rows


def _heading_text(title: str, detail_lines: list[str], size: float) -> Any:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    blocks = [TextBlock(InlineFont(rFont=_FONT, sz=_BODY_SIZE, b=True), title)]
    if detail_lines:
        blocks.append(TextBlock(InlineFont(rFont=_FONT, sz=size), "".join(f"\n{line}" for line in detail_lines)))
    return CellRichText(blocks)


def _boxed(sheet: Any, row: int, column: int, value: Any, *, fill: Any, alignment: Any) -> Any:
    s = _styles()
    cell = sheet.cell(row, column, value)
    cell.border, cell.fill, cell.alignment, cell.font = s.border, fill, alignment, s.body
    return cell


def _draw_headings(sheet: Any, referential: Referential, row: int, last: int) -> None:
    s = _styles()
    columns = referential.tableau.colonnes
    for column, title, detail in (
        (1, columns["realisations"], columns["realisations_detail"]),
        (2, columns["periode"], columns["periode_detail"]),
    ):
        _boxed(
            sheet, row, column, _heading_text(title, [detail], _BODY_SIZE), fill=s.heading_fill, alignment=s.centered
        )
        _boxed(sheet, row + 1, column, None, fill=s.heading_fill, alignment=s.centered)
        sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
    for column in range(3, last + 1):
        _boxed(sheet, row, column, None, fill=s.heading_fill, alignment=s.centered)
    sheet.cell(row, 3).value = columns["competences"]
    sheet.cell(row, 3).font = s.bold
    sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=last)
    for offset, competence in enumerate(referential.competences):
        bullets = _competence_bullets(competence)
        _boxed(
            sheet,
            row + 1,
            3 + offset,
            _heading_text(competence.intitule, bullets, _BULLET_SIZE),
            fill=s.heading_fill,
            alignment=s.top,
        )


def _competence_bullets(competence: Competence) -> list[str]:
    return [f"{COMPETENCE_BULLET}{item}" for item in competence.items]


def _draw_part(sheet: Any, label: str, row: int, last: int) -> None:
    s = _styles()
    for column in range(1, last + 1):
        _boxed(sheet, row, column, None, fill=s.part_fill, alignment=s.left)
        _boxed(sheet, row + 1, column, None, fill=s.no_fill, alignment=s.top)
        if column > 2:
            sheet.cell(row + 1, column).alignment = s.centered
    title = sheet.cell(row, 1, label)
    title.font = s.bold
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    sheet.row_dimensions[row].height = 18


def _set_widths(sheet: Any, referential: Referential) -> None:
    from openpyxl.utils import get_column_letter

    sheet.column_dimensions["A"].width = _WIDTH_REALISATIONS
    sheet.column_dimensions["B"].width = _WIDTH_PERIODE
    for offset in range(len(referential.competences)):
        sheet.column_dimensions[get_column_letter(3 + offset)].width = _WIDTH_COMPETENCE


def _fit_heading_height(sheet: Any, referential: Referential, row: int) -> None:
    needed = max(
        text_height([competence.intitule], _WIDTH_COMPETENCE, _BODY_SIZE)
        + text_height(_competence_bullets(competence), _WIDTH_COMPETENCE, _BULLET_SIZE)
        for competence in referential.competences
    )
    sheet.row_dimensions[row].height = min(_MAX_ROW_HEIGHT, round(needed, 1))


def _set_print(sheet: Any, heading: int) -> None:
    """A4 landscape, one page wide, the column headings repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_title_rows = f"{heading}:{heading + 1}"
    sheet.oddFooter.center.text = "Page &P / &N"
    sheet.freeze_panes = sheet.cell(heading + 2, 1)
