"""Find the places of a tableau de synthèse (.xlsx) by their official labels, never by coordinates.

Shared by the writer that fills a supplied model (synthese.py) and the reader (tableau_reader.py).
Every label comes from the referential data. Matching is tolerant, as models copied by hand
differ: case, accents, apostrophes ’ and ', œ/oe, spaces, a final colon or full stop, and
« Réalisation » or « Réalisations » (also « seconde » or « deuxième » année). A label matches a
cell that *starts* with it: what follows is the cell's remainder (« NOM et prénom : MARTIN Léa »).

Worksheets are openpyxl objects, used by duck typing: this module does not import openpyxl, the
modules that call it do.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from e5portfolio.core.errors import E5Error
from e5portfolio.core.model import Candidat
from e5portfolio.core.referential import Referential
from e5portfolio.tableau.xlsxguard import XlsxRefused, inspect_xlsx

OPTIONS: tuple[str, ...] = typing.get_args(Candidat.model_fields["option"].annotation)
BOX_TICKED = "☑"
BOX_EMPTY = "▢"
_TICK_MARKS = "☑☒✓✔✗✘■⊠✅"
_EMPTY_MARKS = "▢□☐◻❏❑⬜○"

_CHAR_MAP = {
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
    "ʼ": "'",
    "′": "'",
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "°": "o",
    "º": "o",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
}
_WORD_VARIANTS = {
    "realisation": "realisations?",
    "realisations": "realisations?",
    "premiere": "(?:premiere|1re|1ere)",
    "seconde": "(?:seconde|deuxieme|2e|2eme|2nde)",
    "deuxieme": "(?:seconde|deuxieme|2e|2eme|2nde)",
}


class TableauError(E5Error):
    """A tableau or model that cannot be used: unreadable, or landmarks missing (French message)."""

    def __init__(self, message: str, missing: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.missing = list(missing or [])


# --- tolerant label matching ----------------------------------------------------------------


def normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case text without accents, with ' for every apostrophe, oe for œ, single spaces;
    and, for each character of the result, the index of the character of `text` it comes from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _normalise_char(char):
            if piece == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(piece)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def _normalise_char(char: str) -> str:
    if char in _CHAR_MAP:
        return _CHAR_MAP[char]
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def label_pattern(label: str) -> re.Pattern[str]:
    """A regular expression matching `label`, normalised, at the start of a normalised text."""
    text, _ = normalise(label)
    words = [word for word in re.split(r"[\s:.]+", text) if word]
    body = r"\s*".join(_WORD_VARIANTS.get(word, re.escape(word)) for word in words)
    return re.compile(r"^\s*" + body + r"(?![a-z0-9])\s*[:.]?\s*")


def split_label(text: str, label: str) -> tuple[str, str] | None:
    """(the label as written, the rest) when `text` starts with `label` (tolerantly), else None."""
    normalised, origin = normalise(text)
    found = label_pattern(label).match(normalised)
    if found is None:
        return None
    if found.end() >= len(normalised):
        return text.strip(), ""
    cut = origin[found.end()]
    return text[:cut].strip(), text[cut:].strip()


def match_label(text: str, label: str) -> str | None:
    """The rest of `text` after `label` when `text` starts with it (tolerantly), else None."""
    parts = split_label(text, label)
    return None if parts is None else parts[1]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """A text that no spreadsheet takes for a formula, as the OWASP CSV-injection guidance says:
    one starting with = + - @, a tab or a carriage return gets a leading apostrophe
    (« =HYPERLINK(…) » → « '=HYPERLINK(…) »), kept visible so the reader sees what was written."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Any) -> str:
    """What a cell shows, as text: dates as JJ/MM/AA, whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- opening a workbook ---------------------------------------------------------------------


@dataclass
class OpenedWorkbook:
    workbook: Any
    notes: list[str] = field(default_factory=list)  # what openpyxl could not keep, in French


def open_workbook(path: Path, *, role: str = "tableau", to_fill: bool = False) -> OpenedWorkbook:
    """Load an .xlsx with openpyxl; any unreadable file becomes a TableauError in French.

    A model `to_fill` keeps its formulas and external links; a tableau to read gives the values
    its formulas last computed."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    suffix = path.suffix.lower()
    if suffix in (".ods", ".xls", ".csv"):
        raise TableauError(
            f"le {role} « {path.name} » est au format {suffix[1:]} : ouvrez-le dans LibreOffice Calc "
            "ou Excel et enregistrez-le au format Excel .xlsx, puis recommencez avec ce fichier"
        )
    try:
        inspect_xlsx(path)
    except XlsxRefused as refusal:
        raise TableauError(
            f"le {role} « {path.name} » est refusé sans être ouvert : {refusal} ; partez du modèle "
            "officiel et enregistrez-le au format .xlsx"
        ) from None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            workbook = openpyxl.load_workbook(path, data_only=not to_fill, keep_links=to_fill)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        SyntaxError,
        OSError,
    ) as exc:
        raise TableauError(
            f"le {role} « {path.name} » n'est pas un classeur Excel .xlsx lisible ({type(exc).__name__}) : "
            "ouvrez-le dans LibreOffice Calc ou Excel et enregistrez-le au format .xlsx"
        ) from None
    notes = _lost_content_notes(path, caught)
    return OpenedWorkbook(workbook, notes)


def _lost_content_notes(path: Path, caught: list[warnings.WarningMessage]) -> list[str]:
    notes = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        names = []
    if any(name.startswith(("xl/drawings/", "xl/media/")) for name in names):
        notes.append(
            "le modèle contient des images ou des formes (logo, zone de texte…) que "
            "e5portfolio ne sait pas recopier : vérifiez le fichier produit et ajoutez-les "
            "à la main si besoin"
        )
    if any("extension is not supported" in str(w.message) for w in caught):
        notes.append(
            "le modèle utilise des extensions Excel (listes de validation, mise en forme "
            "avancée…) que e5portfolio ne sait pas recopier : vérifiez le fichier produit"
        )
    return notes


# --- locating the landmarks ---------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A landmark found in the sheet: the cell holding its label, and what follows the label."""

    row: int
    column: int
    label: str  # the official label (from the referential)
    written: str  # the label as written in the cell
    remainder: str  # what follows it in the same cell


@dataclass
class Layout:
    """Where everything is in one sheet of a tableau de synthèse."""

    sheet: Any
    referential: Referential
    identification: dict[str, Place]  # keys of referential.tableau.identification (found ones)
    realisations: Place  # column A heading
    periode: Place  # column B heading
    competences: dict[str, Place]  # competence code → its column heading
    parts: dict[str, Place]  # partie (formation, annee1, annee2) → its title row
    session: Place | None
    bordered: bool  # whether the rows under the part titles have borders

    @property
    def columns(self) -> list[int]:
        """Columns of the table: réalisation, période, then each competence."""
        return [self.realisations.column, self.periode.column, *(place.column for place in self.competences.values())]

    def parts_in_sheet_order(self) -> list[tuple[str, Place]]:
        return sorted(self.parts.items(), key=lambda item: item[1].row)


def _text_cells(sheet: Any) -> list[tuple[int, int, str]]:
    cells = []
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, (str, list)):  # text, or openpyxl's CellRichText (a list)
                text = str(cell.value)
                if text.strip():
                    cells.append((cell.row, cell.column, text))
    return cells


def _find(cells: list[tuple[int, int, str]], label: str, *, before_row: int | None = None) -> Place | None:
    """The first cell (row by row) that starts with `label`, above `before_row` if given."""
    for row, column, text in cells:
        if before_row is not None and row >= before_row:
            continue
        parts = split_label(text, label)
        if parts is not None:
            return Place(row, column, label, *parts)
    return None


def locate(sheet: Any, referential: Referential, *, need_identification: bool) -> Layout:
    """Find every landmark of `sheet`; raise TableauError naming those that are missing."""
    labels = referential.tableau
    cells = _text_cells(sheet)
    parts = {key: _find(cells, label) for key, label in labels.parties.items()}
    found_rows = [place.row for place in parts.values() if place]
    first_part = min(found_rows) if found_rows else None
    identification = {key: _find(cells, label, before_row=first_part) for key, label in labels.identification.items()}
    realisations = _find(cells, labels.colonnes["realisations"], before_row=first_part)
    periode = _find(cells, labels.colonnes["periode"], before_row=first_part)
    competences = {c.code: _find(cells, c.intitule, before_row=first_part) for c in referential.competences}
    missing = [
        labels.identification[key] for key, place in identification.items() if place is None and need_identification
    ]
    missing += [
        labels.colonnes[key] for key, place in (("realisations", realisations), ("periode", periode)) if place is None
    ]
    missing += [referential.labels[code] for code, place in competences.items() if place is None]
    missing += [labels.parties[key] for key, place in parts.items() if place is None]
    if missing:
        raise TableauError(_missing_message(missing), missing)
    _check_distinct_columns(realisations, periode, competences)  # type: ignore[arg-type]
    layout = Layout(
        sheet=sheet,
        referential=referential,
        identification={key: place for key, place in identification.items() if place},
        realisations=realisations,  # type: ignore[arg-type]  # none is None: `missing` above
        periode=periode,  # type: ignore[arg-type]
        competences=competences,  # type: ignore[arg-type]
        parts=parts,  # type: ignore[arg-type]
        session=_find(cells, session_word(referential), before_row=first_part),
        bordered=False,
    )
    layout.bordered = _rows_have_borders(layout)
    return layout


def _missing_message(missing: list[str]) -> str:
    names = ", ".join(f"« {label} »" for label in missing)
    if len(missing) == 1:
        what, which = f"repère introuvable : {names}", "ce libellé n'a pas été effacé ou modifié"
    else:
        what, which = f"repères introuvables : {names}", "ces libellés n'ont pas été effacés ou modifiés"
    return f"{what} ; vérifiez qu'il s'agit bien du modèle officiel du tableau de synthèse (Annexe VI-1) et que {which}"


def _check_distinct_columns(realisations: Place, periode: Place, competences: dict[str, Place]) -> None:
    seen: dict[int, str] = {}
    for place in (realisations, periode, *competences.values()):
        if place.column in seen:
            raise TableauError(
                f"les en-têtes « {seen[place.column]} » et « {place.label} » sont dans la "
                "même colonne : chaque compétence doit avoir sa propre colonne"
            )
        seen[place.column] = place.label


def session_word(referential: Referential) -> str:
    """« SESSION » from « SESSION 2026 » (the header label of the referential)."""
    return re.sub(r"\d{4}", "", referential.tableau.entete_droite).strip() or referential.tableau.entete_droite


def session_year(layout: Layout) -> int | None:
    if layout.session is None:
        return None
    found = re.search(r"\b(\d{4})\b", layout.session.remainder)
    return int(found.group(1)) if found else None


def locate_in_workbook(workbook: Any, referential: Referential, *, need_identification: bool) -> Layout:
    """The first sheet (the active one first) where every landmark is found."""
    sheets = [workbook.active] + [s for s in workbook.worksheets if s is not workbook.active]
    errors: list[TableauError] = []
    for sheet in sheets:
        try:
            return locate(sheet, referential, need_identification=need_identification)
        except TableauError as error:
            errors.append(error)
    raise min(errors, key=lambda error: len(error.missing))


# --- cells and rows ---------------------------------------------------------------------------


def merged_range_at(sheet: Any, row: int, column: int) -> Any | None:
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return merged
    return None


def anchor(sheet: Any, row: int, column: int) -> Any:
    """The cell that holds the value shown at (row, column): the top-left of a merged range."""
    merged = merged_range_at(sheet, row, column)
    if merged is not None:
        return sheet.cell(merged.min_row, merged.min_col)
    return sheet.cell(row, column)


def value_at(sheet: Any, row: int, column: int) -> str:
    merged = merged_range_at(sheet, row, column)
    if merged is not None and (merged.min_row, merged.min_col) != (row, column):
        return ""  # shown by the top-left cell, already read there
    return cell_text(sheet.cell(row, column).value)


def _has_border(cell: Any) -> bool:
    border = cell.border
    return any(side is not None and side.style for side in (border.left, border.right, border.top, border.bottom))


def _rows_have_borders(layout: Layout) -> bool:
    sheet = layout.sheet
    for _, place in layout.parts.items():
        row = place.row + 1
        if any(_has_border(sheet.cell(row, column)) for column in layout.columns):
            return True
    return False


def is_table_row(layout: Layout, row: int) -> bool:
    """A row of the table: bordered (when the model has borders) or holding something."""
    sheet = layout.sheet
    if layout.bordered and any(_has_border(sheet.cell(row, column)) for column in layout.columns):
        return True
    if any(value_at(sheet, row, column) for column in layout.columns[1:]):
        return True
    return not layout.bordered and bool(value_at(sheet, row, layout.realisations.column))


def part_rows(layout: Layout) -> dict[str, list[int]]:
    """The table rows of each part: between its title and the next part's title; the last part
    runs on while rows look like table rows."""
    ordered = layout.parts_in_sheet_order()
    result: dict[str, list[int]] = {}
    for position, (partie, place) in enumerate(ordered):
        if position + 1 < len(ordered):
            end = ordered[position + 1][1].row
            result[partie] = [r for r in range(place.row + 1, end) if is_table_row(layout, r)]
        else:
            rows, row = [], place.row + 1
            while row <= layout.sheet.max_row and is_table_row(layout, row):
                rows.append(row)
                row += 1
            result[partie] = rows
    return result


# --- identification values --------------------------------------------------------------------


def value_cell_column(layout: Layout, place: Place) -> int | None:
    """The column right after the label (after its merged range), unless another landmark is there."""
    merged = merged_range_at(layout.sheet, place.row, place.column)
    column = (merged.max_col if merged is not None else place.column) + 1
    text = value_at(layout.sheet, place.row, column)
    return None if text and is_identification_label(layout, text) else column


def is_identification_label(layout: Layout, text: str) -> bool:
    """Whether `text` starts with one of the identification labels (NOM et prénom, Option…)."""
    labels = [*layout.referential.tableau.identification.values()]
    return any(match_label(text, label) is not None for label in labels)


def identification_text(layout: Layout, key: str) -> str:
    """The value written after an identification label: in the same cell, or in the cells to
    its right up to the next label."""
    place = layout.identification.get(key)
    if place is None:
        return ""
    if place.remainder:
        return place.remainder
    return " ".join(_texts_right_of(layout, place))


def _texts_right_of(layout: Layout, place: Place) -> list[str]:
    sheet = layout.sheet
    texts = []
    for column in range(place.column + 1, sheet.max_column + 1):
        text = value_at(sheet, place.row, column)
        if text and is_identification_label(layout, text):
            break
        if text:
            texts.append(text)
    return texts


def option_text(layout: Layout) -> str:
    place = layout.identification.get("option")
    if place is None:
        return ""
    return " ".join([place.remainder, *_texts_right_of(layout, place)]).strip()


def read_option(text: str) -> str | None:
    """The ticked option in « ☑ SISR ▢ SLAM », « X SISR  SLAM », « SISR » alone…; None if unclear."""
    ticked, named = [], []
    for option in OPTIONS:
        found = re.search(rf"(?i)(.{{0,3}})\b{option}\b(.{{0,3}})", text)
        if not found:
            continue
        named.append(option)
        before, after = found.group(1).strip(), found.group(2).strip()
        if _is_tick(before[-1:] if before else "") or (not before and _is_tick(after[:1])):
            ticked.append(option)
    if len(ticked) == 1:
        return ticked[0]
    if not ticked and len(named) == 1 and not _has_box(text):
        return named[0]
    return None


def _is_tick(char: str) -> bool:
    return bool(char) and (char in _TICK_MARKS or char in "xX")


def _has_box(text: str) -> bool:
    return any(char in _EMPTY_MARKS for char in text)


def tick_options(text: str, chosen: str) -> str | None:
    """`text` with a ☑ before the chosen option and ▢ before the others; None if it names none."""
    if not any(re.search(rf"(?i)\b{option}\b", text) for option in OPTIONS):
        return None
    for option in OPTIONS:
        box = BOX_TICKED if option == chosen else BOX_EMPTY
        marks = re.escape(_TICK_MARKS + _EMPTY_MARKS)
        text = re.sub(rf"(?i)(?:(?:[{marks}]|\b[xX]\b)\s*)?\b({option})\b", rf"{box} \1", text, count=1)
    return text


def options_text(chosen: str | None) -> str:
    """« ☑ SISR    ▢ SLAM » for the chosen option."""
    return "    ".join(f"{BOX_TICKED if option == chosen else BOX_EMPTY} {option}" for option in OPTIONS)
