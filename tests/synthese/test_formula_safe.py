"""Texts written by `export` (drawn tableau and official model filled) and by `import` can never
be turned into formulas: a student's « =cmd|' /C calc'!A0 » or « =HYPERLINK(…) » is read back
by openpyxl as a string cell holding the text with a leading apostrophe."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from e5portfolio.tableau.landmarks import formula_safe

from . import official_like_model as M
from .conftest import run_cli

DDE = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("https://exemple.org/piege","Cliquez ici")'


def _hostile(portfolio_dir: Path) -> None:
    path = portfolio_dir / "portfolio.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("  nom: Le Gall\n", f'  nom: "{DDE}"\n'),
        ("  centre: Lycée Paul-Féval, Rennes\n", f"  centre: '{LINK}'\n"),
        ("    intitule: API REST de réservation de salles\n", "    intitule: \"@SUM(1+1)*cmd|' /C calc'!A0\"\n"),
        ("      - titre: Dépôt de l'API\n", '      - titre: "+1+1"\n'),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _cells(path: Path) -> list:
    workbook = openpyxl.load_workbook(path)
    return [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]


@pytest.mark.parametrize("with_model", [False, True], ids=["dessine", "modele-officiel"])
def test_hostile_texts_are_written_as_strings(tmp_path: Path, portfolio_dir: Path, with_model: bool) -> None:
    _hostile(portfolio_dir)
    target = tmp_path / "tableau.xlsx"
    args = ["export", portfolio_dir, "-o", target]
    if with_model:
        model = tmp_path / "modele.xlsx"
        M.build(model)
        args += ["--template", model]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    cells = _cells(target)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [str(c.value) for c in cells]
    assert "'" + DDE.upper() + " Camille" in texts, texts  # NOM in capitals, then the prénom
    assert any(text.endswith("'" + LINK) for text in texts), texts
    assert any(text.startswith("'@SUM(1+1)") for text in texts), texts
    assert not any(text.lstrip().startswith(("=", "+", "@")) for text in texts)


def test_import_neutralises_formula_like_texts(tmp_path: Path, portfolio_dir: Path) -> None:
    _hostile(portfolio_dir)
    tableau = tmp_path / "tableau.xlsx"
    assert run_cli("export", portfolio_dir, "-o", tableau).exit_code == 0
    # a tableau edited by hand: the apostrophes taken off, the texts written back as typed
    workbook = openpyxl.load_workbook(tableau)
    for cell in (c for row in workbook.active.iter_rows() for c in row):  # the export has one sheet
        if isinstance(cell.value, str) and "'=" in cell.value:
            cell.value = cell.value.replace("'=", "=", 1)
            cell.data_type = "s"
    workbook.save(tableau)
    target = tmp_path / "portfolio.yml"
    result = run_cli("import", tableau, "-o", target)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    texts = [
        data["candidat"]["nom"],
        data["candidat"]["prenom"],
        data["candidat"]["centre"],
        *(r["intitule"] for r in data["realisations"]),
        *(p["titre"] for r in data["realisations"] for p in r["productions"]),
    ]
    assert "'" + LINK in texts
    assert not any(text.startswith(("=", "+", "-", "@")) for text in texts), texts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Lycée", "Lycée"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_formula_safe(text: str, expected: str) -> None:
    assert formula_safe(text) == expected
