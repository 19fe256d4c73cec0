"""Evidence bound to its candidate in a class run: a row naming another candidate's dossier, two
rows that would read the same evaluation and audit files, a web address where a dossier is
expected, an archive holding a member twice. Real CLI, real archives written by `dossier`, real
Chromium for the forms that are printed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from e5portfolio.fiches.classe import CandidateError, opened_archive
from tests.support.browser import require_chromium

from .conftest import SAMPLE, derived_portfolio, run_cli
from .test_classe import SAMPLE_URL, identity


@pytest.fixture(scope="module")
def classe(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("classe-preuves")
    result = run_cli("dossier", SAMPLE, "-o", folder / "dossiers" / "le-gall.zip")
    assert result.exit_code == 0, result.output
    derived_portfolio(folder / "portfolios" / "elodie", *identity("MARTIN", "Élodie", "02500000007"))
    (folder / "classe.csv").write_text(
        "nom;prenom;numero;url\n"
        "DUPOND;Paul;02500000001;dossiers/le-gall.zip\n"  # another candidate's archive
        "MARTIN;Élodie;02500000007;portfolios/elodie\n"
        "MARTIN;Elodie;02500000007;portfolios/elodie\n"  # the same file names as the row above
        "ROUX;Léa;02500000009;https://lea-roux.github.io/portfolio/\n"  # the audit's list: an address
        "LE GALL;Camille;02534871209;dossiers/le-gall.zip\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.browser
@pytest.mark.slow
def test_conformite_class_binds_each_row_to_its_dossier(classe):
    require_chromium()
    result = run_cli("fiches", "conformite", "--class", classe / "classe.csv")
    assert result.exit_code == 1, result.output
    assert (
        "DUPOND Paul (ligne 2) : la ligne nomme « DUPOND Paul » mais le dossier « dossiers/le-gall.zip » est "
        "celui de « LE GALL Camille »"
    ) in result.stderr
    assert (
        "ROUX Léa (ligne 5) : « https://lea-roux.github.io/portfolio/ » est une adresse web, pas un dossier"
        in result.stderr
    )
    rows = {
        (row[0], row[1]): row
        for row in list(load_workbook(classe / "classe-conformite.xlsx").active.iter_rows(values_only=True))[1:]
    }
    assert rows[("DUPOND", "Paul")][3] == "À vérifier" and "LE GALL Camille" in rows[("DUPOND", "Paul")][4]
    roux = rows[("ROUX", "Léa")]
    assert roux[3] == "À vérifier" and "pas un dossier" in roux[4] and "absence de dossier" not in roux[4]
    forms = sorted(p.name for p in (classe / "classe-conformite-fiches").iterdir())
    # no form with one candidate's name and another's dossier, none ticking « absence de dossier » for an address
    assert forms == [
        "02-martin-elodie-conformite.pdf",
        "03-martin-elodie-conformite.pdf",
        "05-le-gall-camille-conformite.pdf",
    ]


@pytest.mark.browser
@pytest.mark.slow
def test_grille_class_refuses_rows_sharing_files_and_foreign_dossiers(classe):
    require_chromium()
    evaluations = classe / "evaluations"
    evaluations.mkdir()
    (evaluations / "martin-elodie.yml").write_text("note: 15\n", encoding="utf-8")
    audits = classe / "audits"
    audits.mkdir()
    (audits / "02534871209.json").write_text(
        json.dumps(
            {
                "version": 1,
                "target": "https://autre-eleve.github.io/",
                "date": "2026-03-02T09:15:00+00:00",
                "summary": {},
                "findings": [],
                "penalties": {"portfolio-inaccessible": 10, "tableau-absent": 0},
            }
        ),
        encoding="utf-8",
    )
    result = run_cli(
        "fiches", "grille", "--class", classe / "classe.csv", "--evaluations", evaluations, "--audits", audits
    )
    assert result.exit_code == 1, result.output
    for line in (3, 4):
        assert (
            f"(ligne {line}) : les lignes 3, 4 de la liste liraient les mêmes fichiers (« martin-elodie.yml », "
            "« martin-elodie.json »)"
        ) in result.stderr
    assert "DUPOND Paul (ligne 2) : la ligne nomme « DUPOND Paul »" in result.stderr
    assert "ROUX Léa (ligne 5) : « https://lea-roux.github.io/portfolio/ » est une adresse web" in result.stderr
    # LE GALL's audit is of another site: refused, not 10 points off
    assert (
        "LE GALL Camille (ligne 6) : " in result.stderr
        and "le rapport porte sur « https://autre-eleve.github.io/ »" in result.stderr
    )
    assert not (classe / "classe-grilles").exists() or list((classe / "classe-grilles").iterdir()) == []
    (audits / "02534871209.json").write_text(
        json.dumps(
            {
                "version": 1,
                "target": SAMPLE_URL,
                "summary": {},
                "findings": [],
                "penalties": {"portfolio-inaccessible": 0, "tableau-absent": 0},
            }
        ),
        encoding="utf-8",
    )
    result = run_cli(
        "fiches", "grille", "--class", classe / "classe.csv", "--evaluations", evaluations, "--audits", audits
    )
    assert sorted(p.name for p in (classe / "classe-grilles").iterdir()) == ["05-le-gall-camille-grille.pdf"]


def test_an_archive_holding_a_member_twice_is_refused(tmp_path):
    archive = tmp_path / "double.zip"
    with zipfile.ZipFile(archive, "w") as out, pytest.warns(UserWarning, match="Duplicate name"):
        out.writestr("dossier/site/portfolio.json", json.dumps({"candidat": {"nom": "LE GALL", "prenom": "Camille"}}))
        out.writestr("dossier/site/portfolio.json", json.dumps({"candidat": {"nom": "DUPOND", "prenom": "Paul"}}))
    with pytest.raises(CandidateError, match="« dossier/site/portfolio.json » y figure deux fois"):
        with opened_archive(archive):
            pass
    cased = tmp_path / "casse.zip"
    with zipfile.ZipFile(cased, "w") as out:
        out.writestr("dossier/site/portfolio.json", "{}")
        out.writestr("dossier/site/Portfolio.json", "{}")
    with pytest.raises(CandidateError, match="y figure deux fois"):
        with opened_archive(cased):
            pass
