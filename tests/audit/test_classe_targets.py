"""A class list row that names nothing (mistyped folder, empty URL cell) is the teacher's error:
« cible introuvable (ligne N du fichier) », no penalty, no « Non » for reachability."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from e5portfolio.audit.classe import audit_class, read_class_list
from e5portfolio.cli import main

from .conftest import FAST, GOOD_SITE, SMALL_PORTFOLIO, write_tableau

pytestmark = pytest.mark.usefixtures("linkchecker")


@pytest.fixture
def class_with_a_typo(tmp_path):
    shutil.copytree(GOOD_SITE, tmp_path / "eleve01")
    write_tableau(SMALL_PORTFOLIO, tmp_path / "eleve01" / "tableau-de-synthese.xlsx")
    listing = tmp_path / "classe.csv"
    listing.write_text(
        "nom;prenom;numero;url\nMARTIN;Léa;01;eleve01\nDURAND;Paul;02;eleve_02\nPETIT;Zoé;03;\n", encoding="utf-8"
    )
    return listing


def test_typo_and_empty_cell_are_usage_errors_without_penalty(class_with_a_typo, tmp_path):
    from openpyxl import load_workbook

    workbook = tmp_path / "rapport.xlsx"
    outcomes = audit_class(read_class_list(class_with_a_typo), FAST, workbook, base=class_with_a_typo.parent)
    good, typo, empty = outcomes
    assert good.result is not None and good.result.reachable and not good.target_missing
    assert typo.target_missing and typo.error.startswith(
        "cible introuvable (ligne 3 du fichier) : le dossier « eleve_02 » n'existe pas à côté de la liste"
    )
    assert empty.target_missing and empty.error.startswith(
        "cible introuvable (ligne 4 du fichier) : la colonne de l'adresse est vide"
    )
    sheet = load_workbook(workbook).active
    header = [cell.value for cell in sheet[1]]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    accessible, penalty = header.index("Accessible"), header.index("Pénalités prévisibles (points)")
    assert [row[accessible] for row in rows] == ["Oui", "?", "?"]
    assert [row[penalty] for row in rows][1:] == [None, None]
    # the candidate's own HTML report says the list is at fault, with no penalty line charged
    report = (workbook.parent / typo.report).read_text(encoding="utf-8")
    assert "cible introuvable (ligne 3 du fichier)" in report and "pénalité de 10 points" not in report


def test_class_command_exits_2_and_names_the_lines(class_with_a_typo, tmp_path):
    output = tmp_path / "classe.xlsx"
    result = CliRunner().invoke(
        main, ["audit", "--class", str(class_with_a_typo), "-o", str(output), "--no-browser", "--no-extern"]
    )
    assert result.exit_code == 2
    assert "(3 candidats : 0 portfolio(s) inaccessible(s)" in result.stdout
    assert "DURAND Paul : cible introuvable (ligne 3 du fichier)" in result.stderr
    assert "PETIT Zoé : cible introuvable (ligne 4 du fichier)" in result.stderr
