"""`export --template`: filling an official-like model found by its labels (landmarks)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest

from e5portfolio.tableau.landmarks import TableauError
from e5portfolio.tableau.reader import read_tableau
from e5portfolio.tableau.synthese import fill_template

from . import official_like_model as M
from .conftest import EXPECTED, run_cli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(tmp_path: Path, model: Path, analysis) -> Path:
    path = tmp_path / "rempli.xlsx"
    notes = fill_template(analysis.validated, analysis.referential, model, path)
    assert notes == []
    return path


def _sheet(path: Path):
    return openpyxl.load_workbook(path)[M.SHEET]


def _title_row(sheet, text: str) -> int:
    rows = [c.row for c in sheet["B"] if c.value == text]
    assert len(rows) == 1, text
    return rows[0]


def test_identification_values_go_next_to_the_moved_labels(filled: Path) -> None:
    sheet = _sheet(filled)
    assert sheet.cell(*M.NOM_VALUE).value == "LE GALL Camille"
    assert sheet.cell(*M.NUMERO_VALUE).value == "02534871209"
    assert sheet.cell(*M.CENTRE_VALUE).value == "Lycée Paul-Féval, Rennes"
    assert [sheet.cell(*cell).value for cell in M.OPTION_CELLS] == ["▢ SISR", "☑ SLAM"]
    assert sheet.cell(*M.URL_VALUE).value == "https://camille-legall.github.io/portfolio/"
    # the labels themselves are left as the model wrote them
    assert sheet.cell(5, 2).value == M.LABELS["nom"] and sheet.cell(5, 7).value == M.LABELS["numero"]


def test_rows_are_filled_in_their_parts_and_rows_inserted_where_too_few(filled: Path) -> None:
    sheet = _sheet(filled)
    for partie, expected_rows in EXPECTED.items():
        title = _title_row(sheet, M.LABELS[partie])
        for offset, (intitule, periode, productions, competences) in enumerate(expected_rows, start=1):
            row = title + offset
            assert sheet.cell(row, M.COLUMN_A).value.split("\n") == [intitule, *(f"• {p}" for p in productions)]
            assert sheet.cell(row, M.COLUMN_B).value == periode
            marks = {code for code, column in M.COMPETENCE_COLUMNS.items() if sheet.cell(row, column).value == "X"}
            assert marks == set(competences)
    # formation needed 3 rows (model: 2), seconde année 2 (model: 1): two rows inserted in all
    assert _title_row(sheet, M.LABELS["annee1"]) == M.PART_ROWS["annee1"] + 1
    assert _title_row(sheet, M.LABELS["annee2"]) == M.PART_ROWS["annee2"] + 1
    assert _title_row(sheet, M.NOTE_TEXT) == M.NOTE_ROW + 2


def test_inserted_rows_keep_the_model_style(filled: Path) -> None:
    sheet = _sheet(filled)
    inserted = [M.PART_ROWS["formation"] + 3, M.PART_ROWS["annee2"] + 1 + 2]
    for row in inserted:
        for column in range(M.COLUMN_A, M.LAST_COLUMN + 1):
            cell = sheet.cell(row, column)
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", cell.coordinate
            assert cell.fill.fgColor.rgb.endswith("FFF2CC"), cell.coordinate
            assert cell.font.name == "Arial" and cell.font.sz == 9, cell.coordinate
        assert sheet.row_dimensions[row].height >= M.ROW_HEIGHT
    assert sheet.cell(inserted[0], M.COLUMN_A).alignment.wrap_text


def test_everything_else_of_the_model_is_untouched(filled: Path, model: Path) -> None:
    before_digest = _digest(model)
    workbook = openpyxl.load_workbook(filled)
    assert workbook.sheetnames == ["Notice", M.SHEET]
    assert workbook["Notice"]["A1"].value == M.NOTICE_TEXT
    sheet = workbook[M.SHEET]
    assert sheet.cell(*M.VERSION_CELL).value == M.VERSION_TEXT
    assert sheet.cell(3, 3).value == "TABLEAU DE SYNTHESE DES RÉALISATIONS PROFESSIONNELLES"
    assert sheet.cell(1, 9).value == "SESSION 2026"
    assert sheet.cell(M.NOTE_ROW + 2, 2).font.i
    assert sheet.print_area == f"'{M.SHEET}'!$B$1:$I${M.NOTE_ROW + 2}"
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert {"C5:E5", "C6:E6", "C7:I7", "B9:B10", "C9:C10", "D9:I9"} <= merged
    for partie in ("formation", "annee1", "annee2"):
        row = _title_row(sheet, M.LABELS[partie])
        assert f"B{row}:I{row}" in merged
    assert len(merged) == 9  # nothing merged by mistake
    assert sheet.row_dimensions[10].height == 90
    stretched = "D12:I19"  # MARKS_RANGE grown by the two inserted rows
    assert [str(v.sqref) for v in sheet.data_validations.dataValidation] == [stretched]
    assert [str(f.sqref) for f in sheet.conditional_formatting] == [stretched]
    assert _digest(model) == before_digest  # the model file itself is never written


def test_a_filled_model_reads_back_to_the_same_data(filled: Path) -> None:
    data = read_tableau(filled)
    assert (data.nom_prenom, data.numero, data.option, data.session) == ("LE GALL Camille", "02534871209", "SLAM", 2026)
    for partie, expected_rows in EXPECTED.items():
        got = [(r.intitule, r.periode_text, r.productions, sorted(r.competences)) for r in data.rows_of(partie)]
        assert got == expected_rows


def test_filling_twice_gives_the_same_rows(tmp_path: Path, filled: Path, analysis) -> None:
    """A filled model used again as a model: its rows are rewritten, not added to."""
    again = tmp_path / "encore.xlsx"
    fill_template(analysis.validated, analysis.referential, filled, again)
    first, second = read_tableau(filled), read_tableau(again)
    assert [(r.partie, r.intitule) for r in second.rows] == [(r.partie, r.intitule) for r in first.rows]


def test_a_model_with_images_gets_a_note(tmp_path: Path, model: Path, analysis) -> None:
    with zipfile.ZipFile(model, "a") as archive:  # openpyxl drops pictures it cannot load
        archive.writestr("xl/media/logo.png", b"\x89PNG")
    notes = fill_template(analysis.validated, analysis.referential, model, tmp_path / "out.xlsx")
    assert notes == [
        "le modèle contient des images ou des formes (logo, zone de texte…) que e5portfolio "
        "ne sait pas recopier : vérifiez le fichier produit et ajoutez-les à la main si besoin"
    ]


def test_a_model_for_another_session_gets_a_note(tmp_path: Path, model: Path, analysis) -> None:
    workbook = openpyxl.load_workbook(model)
    workbook[M.SHEET].cell(1, 9).value = "SESSION 2025"
    workbook.save(model)
    notes = fill_template(analysis.validated, analysis.referential, model, tmp_path / "out.xlsx")
    assert notes == [
        "le modèle porte la mention « SESSION 2025 » mais votre portfolio est pour la "
        "session 2026 : vérifiez que vous utilisez le modèle de votre session"
    ]


# --- refusing a model ----------------------------------------------------------------------


def test_a_model_missing_a_landmark_is_refused_with_its_name(tmp_path: Path, analysis) -> None:
    model = M.build(tmp_path / "incomplet.xlsx", omit=("periode",))
    with pytest.raises(TableauError) as caught:
        fill_template(analysis.validated, analysis.referential, model, tmp_path / "out.xlsx")
    assert caught.value.missing == ["Période"]
    assert caught.value.message.startswith("modèle « incomplet.xlsx » refusé : repère introuvable : « Période » ;")
    assert not (tmp_path / "out.xlsx").exists()


def test_cli_refuses_a_model_missing_landmarks_and_writes_nothing(tmp_path: Path, portfolio_dir: Path) -> None:
    model = M.build(tmp_path / "incomplet.xlsx", omit=("numero", "B1.3", "annee2"))
    result = run_cli("export", portfolio_dir, "--template", model, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 1
    assert (
        "repères introuvables : « N° candidat : », « Développer la présence en ligne de "
        "l'organisation », « Réalisations en milieu professionnel en cours de seconde année »"
    ) in result.output
    assert "rien n'a été écrit" in result.output
    assert not (tmp_path / "out.xlsx").exists()


def test_cli_fills_the_model_and_never_overwrites_it(tmp_path: Path, portfolio_dir: Path, model: Path) -> None:
    digest = _digest(model)
    same = run_cli("export", portfolio_dir, "--template", model, "-o", model)
    assert same.exit_code == 2
    assert "est le modèle lui-même" in same.output
    assert _digest(model) == digest
    result = run_cli("export", portfolio_dir, "--template", model)
    assert result.exit_code == 0, result.output
    assert read_tableau(portfolio_dir / "tableau-de-synthese.xlsx").nom_prenom == "LE GALL Camille"
    assert _digest(model) == digest


def test_cli_explains_an_ods_or_broken_model(tmp_path: Path, portfolio_dir: Path) -> None:
    ods = tmp_path / "modele.ods"
    ods.write_bytes(b"PK\x03\x04 not really")
    result = run_cli("export", portfolio_dir, "--template", ods, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 1
    assert "est au format ods : ouvrez-le dans LibreOffice Calc ou Excel et enregistrez-le au format" in result.output
    broken = tmp_path / "casse.xlsx"
    broken.write_text("pas un classeur", encoding="utf-8")
    result = run_cli("export", portfolio_dir, "--template", broken, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 1
    assert "le modèle « casse.xlsx » n'est pas un classeur Excel .xlsx lisible" in result.output
    assert not (tmp_path / "out.xlsx").exists()
