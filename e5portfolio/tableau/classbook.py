"""The class workbooks (audit of a class, conformity of a class): one table with a styled header,
text cells that no spreadsheet takes for a formula (names come from a class list), a frozen
header and a filter, written atomically. openpyxl is imported only when a workbook is made."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from e5portfolio.core.fileutil import write_bytes_atomic
from e5portfolio.tableau.landmarks import formula_safe

Headers = tuple[tuple[str, int], ...]  # (column title, width)


def new_table(sheet_title: str, creator: str, title: str, headers: Headers) -> tuple[Any, Any]:
    """A workbook whose only sheet starts with the header row: (workbook, sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    workbook.properties.creator = creator
    workbook.properties.title = title
    sheet.append([text for text, _ in headers])
    for column, (_, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    return workbook, sheet


def append_row(sheet: Any, values: list[Any]) -> int:
    """Append a row (texts as string cells, never formulas); its row number."""
    sheet.append([formula_safe(value) if isinstance(value, str) else value for value in values])
    row = sheet.max_row
    for cell in sheet[row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    return row


def set_link(cell: Any, target: str, label: str) -> None:
    from openpyxl.styles import Font

    cell.value = formula_safe(label)
    cell.data_type = "s"
    cell.hyperlink = target
    cell.font = Font(color="0000EE", underline="single")


def save_table(workbook: Any, sheet: Any, columns: int, path: Path, freeze: str = "C2") -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(1, sheet.max_row)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def written_by(path: Path, creator: str) -> bool:
    """Whether the workbook at `path` was written by `creator` (its core properties say so): only
    such a workbook is ever replaced."""
    try:
        with zipfile.ZipFile(path) as archive:
            return creator in archive.read("docProps/core.xml")[:65536].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
