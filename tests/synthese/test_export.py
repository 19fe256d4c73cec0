"""Export of the tableau de synthèse in our drawing of Annexe VI-1, read back with openpyxl.

LibreOffice is not installed by the tests (too big for CI). To check by hand that the export
opens without repair and prints on one page wide, A4 landscape:

    e5portfolio export sample_portfolio -o /tmp/tableau-de-synthese.xlsx
    cd /tmp && libreoffice --headless --convert-to pdf tableau-de-synthese.xlsx
    pdfinfo tableau-de-synthese.pdf     # « Page size: 841.89 x 595.28 pts (A4) », landscape

then open the PDF: every column (A to H) is on the first page, the column headings repeat at the
top of each page. `test_libreoffice_renders_one_page_wide` below does this when LibreOffice
happens to be installed, and is skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from e5portfolio.tableau.landmarks import locate_in_workbook
from e5portfolio.tableau.synthese import OUTPUT_NAME, draw_model, tableau_rows, write_tableau

from .conftest import EXPECTED, run_cli


@pytest.fixture
def exported(tmp_path: Path, analysis) -> Path:
    path = tmp_path / "tableau.xlsx"
    write_tableau(analysis.validated, analysis.referential, path)
    return path


def _sheet(path: Path):
    return openpyxl.load_workbook(path).active


def _texts(sheet) -> dict[tuple[int, int], str]:
    return {(c.row, c.column): str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}


def _row_of(sheet, text: str) -> int:
    rows = [r for (r, _), value in _texts(sheet).items() if value == text]
    assert len(rows) == 1, f"« {text} » found {len(rows)} times"
    return rows[0]


def test_every_label_of_the_referential_is_in_the_export(exported: Path, analysis) -> None:
    labels = analysis.referential.tableau
    shown = set(_texts(_sheet(exported)).values())
    for text in (
        labels.entete_gauche,
        labels.entete_droite,
        labels.titre,
        *labels.identification.values(),
        labels.colonnes["competences"],
        *labels.parties.values(),
    ):
        assert text in shown, text
    assert f"{labels.colonnes['realisations']}\n{labels.colonnes['realisations_detail']}" in shown
    assert f"{labels.colonnes['periode']}\n{labels.colonnes['periode_detail']}" in shown
    for competence in analysis.referential.competences:
        heading = next(text for text in shown if text.startswith(competence.intitule + "\n"))
        assert heading.splitlines()[1:] == [f"• {item}" for item in competence.items]


def test_identification_values_sit_next_to_their_labels(exported: Path) -> None:
    sheet = _sheet(exported)
    row = _row_of(sheet, "NOM et prénom :")
    assert sheet.cell(row, 2).value == "LE GALL Camille"
    assert sheet.cell(_row_of(sheet, "N° candidat :"), 2).value == "02534871209"
    assert sheet.cell(_row_of(sheet, "Centre de formation :"), 2).value == "Lycée Paul-Féval, Rennes"
    option_row = _row_of(sheet, "Option :")
    assert [sheet.cell(option_row, c).value for c in (2, 3)] == ["▢ SISR", "☑ SLAM"]
    url = sheet.cell(_row_of(sheet, "Adresse URL du portfolio :"), 2)
    assert url.value == "https://camille-legall.github.io/portfolio/"
    assert url.hyperlink.target == url.value


def test_every_row_is_in_its_part_with_its_periode_and_marks(exported: Path, analysis) -> None:
    sheet = _sheet(exported)
    parts = analysis.referential.tableau.parties
    heading_row = _row_of(sheet, "Compétences mises en œuvre") + 1
    competence_columns = {sheet.cell(heading_row, c).value.split("\n")[0]: c for c in range(3, 9)}
    codes = {c.intitule: c.code for c in analysis.referential.competences}
    for partie, expected_rows in EXPECTED.items():
        title_row = _row_of(sheet, parts[partie])
        assert sheet.merged_cells.ranges and any(
            str(m) == f"A{title_row}:H{title_row}" for m in sheet.merged_cells.ranges
        ), "full-width title"
        for offset, (intitule, periode, productions, competences) in enumerate(expected_rows, start=1):
            row = title_row + offset
            assert str(sheet.cell(row, 1).value).split("\n") == [intitule, *(f"• {p}" for p in productions)]
            assert sheet.cell(row, 2).value == periode
            marks = {
                codes[title] for title, column in competence_columns.items() if sheet.cell(row, column).value == "X"
            }
            assert marks == set(competences)
            assert all(sheet.cell(row, column).value in (None, "X") for column in competence_columns.values())


def test_parts_follow_each_other_in_order_with_no_stray_row(exported: Path, analysis) -> None:
    sheet = _sheet(exported)
    parts = analysis.referential.tableau.parties
    title_rows = [_row_of(sheet, parts[p]) for p in ("formation", "annee1", "annee2")]
    assert title_rows == sorted(title_rows)
    assert title_rows[1] - title_rows[0] == 1 + len(EXPECTED["formation"])
    assert title_rows[2] - title_rows[1] == 1 + len(EXPECTED["annee1"])
    assert sheet.max_row == title_rows[2] + len(EXPECTED["annee2"])


def test_an_empty_part_keeps_one_empty_bordered_row(tmp_path: Path, portfolio_dir: Path) -> None:
    text = (portfolio_dir / "portfolio.yml").read_text(encoding="utf-8")
    text = text.replace("stage: stage1\n", "stage: stage2\n")  # nothing left in première année
    (portfolio_dir / "portfolio.yml").write_text(text, encoding="utf-8")
    result = run_cli("export", portfolio_dir)
    assert result.exit_code == 0, result.output
    sheet = _sheet(portfolio_dir / OUTPUT_NAME)
    row = _row_of(sheet, "Réalisations en milieu professionnel en cours de première année") + 1
    assert [sheet.cell(row, c).value for c in range(1, 9)] == [None] * 8
    assert sheet.cell(row, 1).border.left.style == "thin"
    assert sheet.cell(row + 1, 1).value == "Réalisations en milieu professionnel en cours de seconde année"


def test_print_settings(exported: Path) -> None:
    sheet = _sheet(exported)
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9  # A4 in OOXML
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    heading = _row_of(sheet, "Compétences mises en œuvre")
    assert sheet.print_title_rows == f"${heading}:${heading + 1}"


def test_cells_wrap_have_borders_and_rows_are_tall_enough(exported: Path, analysis) -> None:
    sheet = _sheet(exported)
    first = _row_of(sheet, analysis.referential.tableau.parties["formation"]) + 1
    for row in range(first, first + 3):
        for column in range(1, 9):
            cell = sheet.cell(row, column)
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
        assert sheet.cell(row, 1).alignment.wrap_text and sheet.cell(row, 2).alignment.wrap_text
    api_row = first + 2  # three lines in column A
    assert sheet.row_dimensions[api_row].height >= 3 * 10 * 1.2
    heading = _row_of(sheet, "Compétences mises en œuvre") + 1
    assert sheet.row_dimensions[heading].height >= 150  # six bullets under « Gérer le patrimoine »
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width


def test_intitule_and_competence_titles_are_bold_rich_text(exported: Path) -> None:
    sheet = openpyxl.load_workbook(exported, rich_text=True).active
    cell = sheet.cell(_row_of(_sheet(exported), "Réalisation en cours de formation") + 1, 1)
    first, second = cell.value[0], cell.value[1]
    assert first.font.b and first.text == "Environnement d'apprentissage et veille"
    assert not second.font.b and second.text == "\n• Dépôt de mes fiches"


def test_the_numero_can_be_left_out_for_the_published_copy(tmp_path: Path, analysis) -> None:
    path = tmp_path / "public.xlsx"
    write_tableau(analysis.validated, analysis.referential, path, publish_numero=False)
    sheet = _sheet(path)
    row = _row_of(sheet, "N° candidat :")
    assert sheet.cell(row, 2).value is None
    assert "02534871209" not in _texts(sheet).values()


def test_the_drawn_layout_is_the_one_its_labels_give(analysis) -> None:
    """write_tableau fills our drawing through the layout the drawing records, without searching
    the sheet: it must be exactly what searching the labels (as for a supplied model) finds."""
    workbook, drawn = draw_model(analysis.referential)
    located = locate_in_workbook(workbook, analysis.referential, need_identification=True)
    assert drawn.sheet is located.sheet
    for field in ("identification", "realisations", "periode", "competences", "parts", "session", "bordered"):
        assert getattr(drawn, field) == getattr(located, field), field
    assert list(drawn.identification) == list(analysis.referential.tableau.identification)
    assert list(drawn.parts) == ["formation", "annee1", "annee2"]
    assert drawn.session is not None and drawn.session.remainder == "2026"


def test_tableau_rows_is_what_the_xlsx_shows(analysis) -> None:
    rows = tableau_rows(analysis.validated, analysis.referential)
    assert list(rows) == ["formation", "annee1", "annee2"]
    shown = {
        partie: [(r.realisation.intitule, r.periode, r.productions, r.competences) for r in entries]
        for partie, entries in rows.items()
    }
    assert shown == EXPECTED
    realisation, periode, productions, competences = rows["annee1"][0]  # a plain tuple too
    assert realisation.id == "glpi-inventaire" and periode == "20/05/25 au 13/06/25"


# --- the command ---------------------------------------------------------------------------


def test_export_writes_the_default_file_in_the_portfolio_folder(portfolio_dir: Path) -> None:
    result = run_cli("export", portfolio_dir)
    assert result.exit_code == 0, result.output
    assert (portfolio_dir / OUTPUT_NAME).is_file()
    assert (
        "6 réalisations (3 en cours de formation ; en milieu professionnel : 1 en première année, 2 en seconde année)"
        in result.output
    )
    again = run_cli("export", portfolio_dir)  # its own output is regenerated
    assert again.exit_code == 0, again.output


def test_export_never_replaces_a_tableau_filled_by_hand(tmp_path: Path, portfolio_dir: Path) -> None:
    from .official_like_model import build

    hand_filled = build(portfolio_dir / OUTPUT_NAME)  # e.g. the official model, filled then imported
    before = hand_filled.read_bytes()
    result = run_cli("export", portfolio_dir)
    assert result.exit_code == 2
    assert (
        f"« {hand_filled} » existe déjà et n'a pas été écrit par e5portfolio (tableau rempli à la main ?) : "
        "il n'est jamais remplacé ; choisissez un autre fichier avec -o"
    ) in result.output
    assert hand_filled.read_bytes() == before
    filled = run_cli("export", portfolio_dir, "-o", tmp_path / "rempli.xlsx", "--template", hand_filled)
    assert filled.exit_code == 0, filled.output
    again = run_cli("export", portfolio_dir, "-o", tmp_path / "rempli.xlsx")  # a filled model is ours too
    assert again.exit_code == 0, again.output


def test_export_refuses_a_portfolio_with_errors_and_writes_nothing(portfolio_dir: Path) -> None:
    file = portfolio_dir / "portfolio.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("[B1.6]", "[B1.9]"), encoding="utf-8")
    result = run_cli("export", portfolio_dir, "-o", portfolio_dir / "sortie.xlsx")
    assert result.exit_code == 1
    assert "erreur [competence-inconnue]" in result.output
    assert "B1.9" in result.output
    assert "tableau de synthèse non écrit : corrigez d'abord les erreurs" in result.output
    # Only the errors and the summary line: the coverage table and the other findings are for check.
    assert "Couverture des compétences" not in result.output and "info [" not in result.output
    assert [line for line in result.stdout.splitlines() if not line.startswith("    conseil")][-1].endswith(
        ": à corriger avant l'épreuve."
    )
    assert all(" erreur [" in line for line in result.stdout.splitlines()[:-1] if not line.startswith("    "))
    assert not (portfolio_dir / "sortie.xlsx").exists()
    assert not (portfolio_dir / OUTPUT_NAME).exists()
    assert [p.name for p in portfolio_dir.iterdir()] == ["portfolio.yml"]


def test_export_refuses_a_folder_or_a_name_that_is_not_xlsx(portfolio_dir: Path) -> None:
    folder = run_cli("export", portfolio_dir, "-o", portfolio_dir)
    assert folder.exit_code == 2
    assert "est un dossier" in folder.output
    other = run_cli("export", portfolio_dir, "-o", portfolio_dir / "tableau.ods")
    assert other.exit_code == 2
    assert "se termine par .xlsx" in other.output
    assert [p.name for p in portfolio_dir.iterdir()] == ["portfolio.yml"]


def test_export_of_a_missing_portfolio_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("export", tmp_path / "nulle-part")
    assert result.exit_code == 2
    assert "n'existe pas" in result.output


@pytest.mark.process
def test_the_commands_do_not_make_check_import_openpyxl() -> None:
    code = "import sys, e5portfolio.cli, e5portfolio.tableau.synthese; print('openpyxl' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False"


def test_libreoffice_renders_one_page_wide(exported: Path, tmp_path: Path) -> None:
    """Optional: runs only where LibreOffice is installed (see the module docstring)."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    pdfinfo = shutil.which("pdfinfo")
    if not office or not pdfinfo:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice ou pdfinfo absent en CI : make test doit les installer")
        pytest.skip("LibreOffice ou pdfinfo absent : vérification à la main (voir la docstring du module)")
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(exported)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run([pdfinfo, str(tmp_path / "tableau.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)


def test_header_names_the_candidates_session(tmp_path: Path) -> None:
    """The referential's label says « SESSION 2026 »; a 2028 candidate's tableau says 2028."""
    from openpyxl import load_workbook

    from e5portfolio.pipeline import analyse
    from e5portfolio.tableau.synthese import write_tableau

    folder = tmp_path / "portfolio"
    shutil.copytree(Path(__file__).parent / "fixtures" / "portfolio", folder)
    yml = folder / "portfolio.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("session: 2026", "session: 2028"), encoding="utf-8")
    analysis = analyse(folder)
    assert analysis.validated is not None
    write_tableau(analysis.validated, analysis.referential, tmp_path / "t.xlsx")
    cells = [c.value for row in load_workbook(tmp_path / "t.xlsx").active.iter_rows(max_row=1) for c in row]
    assert "SESSION 2028" in cells and "SESSION 2026" not in cells


def test_the_parts_are_counted_as_the_tableau_says_them() -> None:
    from e5portfolio.commands import parts_summary

    # the formation ones happen during a year too: only the professional ones are split by year
    assert parts_summary({"formation": 3, "annee1": 2, "annee2": 1}) == (
        "3 en cours de formation ; en milieu professionnel : 2 en première année, 1 en seconde année"
    )
    assert parts_summary({"formation": 2, "annee1": 0, "annee2": 0}) == "2 en cours de formation"
    assert parts_summary({"annee2": 1}) == "en milieu professionnel : 1 en seconde année"
