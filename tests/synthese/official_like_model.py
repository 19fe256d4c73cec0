"""Build an « official-like » model of the tableau de synthèse (.xlsx) for the tests.

It looks like a copy of Annexe VI-1 made by someone else, on purpose unlike our own drawing:
every landmark is somewhere else (table from column B, two labels on one row, headings on other
rows), labels are written differently (case, ’ apostrophes, « oe », no colon, final full stop,
« Réalisations » en cours de formation, « deuxième » année), a notice sheet comes first, and the
parts have fewer rows (2, 1, 1) than the fixture portfolio needs (3, 1, 2). Things that must
survive a fill untouched: the notice sheet, a version cell, a note under the table, the print
area, the row style (font, fill, borders, height), a drop-down list and a conditional format on
the mark cells (stretched over the inserted rows).

Run it by hand to get the file, e.g. to open it in a spreadsheet:
    .venv/bin/python tests/synthese/official_like_model.py /tmp/modele.xlsx
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
ROW_FONT = Font(name="Arial", size=9)
ROW_FILL = PatternFill("solid", fgColor="FFF2CC")
ROW_HEIGHT = 30
VERSION_TEXT = "Version du modèle : 2026-01"
NOTE_TEXT = "Ce tableau est à joindre au dossier numérique du candidat."
NOTICE_TEXT = "Notice : remplir le tableau de synthèse de la feuille suivante."

# Landmark key → text written in the model (variants of the official labels).
LABELS = {
    "nom": "Nom et Prénom:",
    "numero": "N° Candidat :",
    "centre": "Centre de formation",
    "option": "Option :",
    "url": "Adresse URL du portfolio :",
    "realisations": "RÉALISATIONS PROFESSIONNELLES\n(intitulé et liste des documents et productions associés)",
    "periode": "Période\n(JJ/MM/AA au JJ/MM/AA)",
    "competences": "Compétences mises en oeuvre",
    "B1.1": "Gérer le patrimoine informatique\n- Recenser et identifier les ressources numériques",
    "B1.2": "Répondre aux incidents et aux demandes d’assistance et d’évolution\n"
    "- Collecter, suivre et orienter des demandes",
    "B1.3": "Développer la présence en ligne de l’organisation\n- Référencer les services en ligne",
    "B1.4": "TRAVAILLER EN MODE PROJET\n- Planifier les activités",
    "B1.5": "Mettre à disposition des utilisateurs un service informatique.\n- Déployer un service",
    "B1.6": "Organiser son développement professionnel\n- Gérer son identité professionnelle",
    "formation": "Réalisations en cours de formation",
    "annee1": "Réalisations en milieu professionnel en cours de première année.",
    "annee2": "Réalisations en milieu professionnel en cours de deuxième année",
}
COMPETENCES = ["B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6"]

# Where things are (row, column), for the tests.
SHEET = "Annexe VI-1"
NOM_VALUE = (5, 3)
NUMERO_VALUE = (5, 8)
CENTRE_VALUE = (6, 3)
OPTION_CELLS = ((6, 8), (6, 9))
URL_VALUE = (7, 3)
COLUMN_A, COLUMN_B = 2, 3
COMPETENCE_COLUMNS = {code: 4 + i for i, code in enumerate(COMPETENCES)}
PART_ROWS = {"formation": 11, "annee1": 14, "annee2": 16}
ROWS_PER_PART = {"formation": 2, "annee1": 1, "annee2": 1}
NOTE_ROW = 19
VERSION_CELL = (2, 11)
LAST_COLUMN = 9
MARKS_RANGE = "D12:I17"  # a drop-down « X » and a green fill on the mark cells


def build(path: Path, *, omit: tuple[str, ...] = ()) -> Path:
    """Write the model to `path`; `omit` names landmark keys (see LABELS) to leave out."""
    workbook = Workbook()
    notice = workbook.active
    notice.title = "Notice"
    notice["A1"] = NOTICE_TEXT
    sheet = workbook.create_sheet(SHEET)
    labels = {key: ("" if key in omit else text) for key, text in LABELS.items()}
    sheet.column_dimensions["A"].width = 2
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 12
    for column in "DEFGHI":
        sheet.column_dimensions[column].width = 18
    _header(sheet)
    _identification(sheet, labels)
    _headings(sheet, labels)
    for partie, row in PART_ROWS.items():
        _part(sheet, row, labels[partie], ROWS_PER_PART[partie])
    sheet.cell(NOTE_ROW, 2, NOTE_TEXT).font = Font(italic=True)
    sheet.cell(*VERSION_CELL, VERSION_TEXT)
    _marks_helpers(sheet)
    sheet.print_area = f"B1:I{NOTE_ROW}"
    sheet.page_setup.orientation = "landscape"
    workbook.save(path)
    return path


def _header(sheet) -> None:
    sheet.cell(1, 2, "BTS SERVICES INFORMATIQUES AUX ORGANISATIONS")
    sheet.cell(1, 9, "SESSION 2026")
    sheet.cell(3, 3, "TABLEAU DE SYNTHESE DES RÉALISATIONS PROFESSIONNELLES").font = Font(bold=True)


def _identification(sheet, labels: dict[str, str]) -> None:
    sheet.cell(5, 2, labels["nom"])
    sheet.merge_cells("C5:E5")
    sheet.cell(5, 7, labels["numero"])
    sheet.cell(6, 2, labels["centre"])
    sheet.merge_cells("C6:E6")
    sheet.cell(6, 7, labels["option"])
    sheet.cell(6, 8, "□ SISR")
    sheet.cell(6, 9, "□ SLAM")
    sheet.cell(7, 2, labels["url"])
    sheet.merge_cells("C7:I7")


def _headings(sheet, labels: dict[str, str]) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, key in ((COLUMN_A, "realisations"), (COLUMN_B, "periode")):
        cell = sheet.cell(9, column, labels[key])
        cell.alignment, cell.border = wrap, BORDER
        sheet.merge_cells(start_row=9, start_column=column, end_row=10, end_column=column)
    sheet.cell(9, 4, labels["competences"]).border = BORDER
    sheet.merge_cells("D9:I9")
    for code, column in COMPETENCE_COLUMNS.items():
        cell = sheet.cell(10, column, labels[code])
        cell.alignment, cell.border = wrap, BORDER
    sheet.row_dimensions[10].height = 90


def _part(sheet, row: int, label: str, count: int) -> None:
    sheet.cell(row, 2, label).font = Font(bold=True)
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=LAST_COLUMN)
    for offset in range(1, count + 1):
        for column in range(2, LAST_COLUMN + 1):
            cell = sheet.cell(row + offset, column)
            cell.border, cell.font, cell.fill = BORDER, ROW_FONT, ROW_FILL
        sheet.row_dimensions[row + offset].height = ROW_HEIGHT


def _marks_helpers(sheet) -> None:
    validation = DataValidation(type="list", formula1='"X"', allow_blank=True)
    validation.add(MARKS_RANGE)
    sheet.add_data_validation(validation)
    green = PatternFill("solid", fgColor="C6EFCE")
    sheet.conditional_formatting.add(MARKS_RANGE, CellIsRule(operator="equal", formula=['"X"'], fill=green))


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "modele-officiel-like.xlsx")
    print(build(target))
