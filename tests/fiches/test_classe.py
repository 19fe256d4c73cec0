"""Forms for a whole class from the audit's class list: portfolio folders and dossier archives,
one PDF per candidate, the class workbook; one broken candidate never stops the class."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from e5portfolio.audit.classe import Candidate
from e5portfolio.fiches.classe import CandidateError, opened_archive
from tests.support.browser import require_chromium

from .conftest import LABELS, SAMPLE, SHORT_STAGE, derived_portfolio, flat, pdf_text, run_cli, ticked
from .test_evaluation import FULL

C = LABELS.conformite
SAMPLE_URL = "https://camille-legall.github.io/portfolio/"


def identity(nom: str, prenom: str, numero: str = "") -> list[tuple[str, str]]:
    """Replacements giving the sample portfolio another candidate's name (and number)."""
    changes = [("nom: LE GALL", f"nom: {nom}"), ("prenom: Camille", f"prenom: {prenom}")]
    if numero:
        changes.append(('numero: "02534871209"', f'numero: "{numero}"'))
    return changes


@pytest.fixture(scope="module")
def classe(tmp_path_factory) -> Path:
    """A class list: an archive written by `e5portfolio dossier`, a short-stage portfolio folder,
    a broken portfolio, a candidate whose dossier is missing and a conforming portfolio folder."""
    folder = tmp_path_factory.mktemp("classe")
    result = run_cli("dossier", SAMPLE, "-o", folder / "dossiers" / "le-gall.zip")
    assert result.exit_code == 0, result.output
    # each folder is its row's own candidate (a row naming another's dossier is refused)
    derived_portfolio(folder / "portfolios" / "court", SHORT_STAGE, *identity("DURAND", "Court", "02500000002"))
    derived_portfolio(folder / "portfolios" / "camille", *identity("PETIT", "Conforme", "02500000005"))
    broken = folder / "portfolios" / "casse"
    broken.mkdir(parents=True)
    (broken / "portfolio.yml").write_text("version: 1\ncandidat: [\n", encoding="utf-8")
    (folder / "classe.csv").write_text(
        "nom;prenom;numero;url\n"
        "LE GALL;Camille;02534871209;dossiers/le-gall.zip\n"
        "DURAND;Court;02500000002;portfolios/court\n"
        "MARTIN;Cassé;02500000003;portfolios/casse\n"
        "BERNARD;Absent;02500000004;dossiers/bernard.zip\n"
        "PETIT;Conforme;02500000005;portfolios/camille\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.browser
def test_conformite_class(classe):
    require_chromium()
    result = run_cli("fiches", "conformite", "--class", classe / "classe.csv")
    assert result.exit_code == 1, result.output  # one candidate could not be read
    assert "MARTIN Cassé (ligne 4) : portfolio.yml illisible" in result.stderr
    assert "1 conforme(s), 2 non conforme(s), 2 à vérifier" in result.stdout
    workbook = classe / "classe-conformite.xlsx"
    rows = list(load_workbook(workbook).active.iter_rows(values_only=True))
    assert rows[0][:7] == ("Nom", "Prénom", "N° candidat", "Conforme", "Motifs", "Semaines de stage", "Attestations")
    by_name = {row[0]: row for row in rows[1:]}
    # an archive holds no stage dates: nothing ticked, but the duration is left to check
    assert by_name["LE GALL"][3:5] == ("À vérifier", "durée et signatures à vérifier (archive)")
    assert "stage1.pdf, stage2.pdf" in by_name["LE GALL"][6]
    assert by_name["DURAND"][3:6] == (
        "Non",
        "durée de stage inférieure à celle requise par la réglementation de l'examen",
        8,
    )
    assert by_name["MARTIN"][3] == "À vérifier" and by_name["MARTIN"][7] is None
    assert by_name["BERNARD"][3:5] == ("Non", "absence de dossier")
    assert by_name["PETIT"][3:6] == ("Oui", None, 12)
    forms = classe / "classe-conformite-fiches"
    assert sorted(p.name for p in forms.iterdir()) == [
        "01-le-gall-camille-conformite.pdf",
        "02-durand-court-conformite.pdf",
        "04-bernard-absent-conformite.pdf",
        "05-petit-conforme-conformite.pdf",
    ]
    assert by_name["BERNARD"][7] == "classe-conformite-fiches/04-bernard-absent-conformite.pdf"
    absent = pdf_text(forms / "04-bernard-absent-conformite.pdf")
    assert ticked(absent, C.motifs["absence-dossier"]) and ticked(absent, C.non_valide)
    assert "BERNARD Absent" in absent and "02500000004" in absent
    archive = pdf_text(forms / "01-le-gall-camille-conformite.pdf")
    assert not any(ticked(archive, label) for label in C.motifs.values())
    assert "LE GALL Camille" in archive
    assert "les dates des stages n'y figurent pas" in flat(archive)
    short = pdf_text(forms / "02-durand-court-conformite.pdf")
    assert ticked(short, C.motifs["duree-stage"]) and not ticked(short, C.motifs["attestations"])
    # a second run replaces its own outputs
    assert run_cli("fiches", "conformite", "--class", classe / "classe.csv").exit_code == 1


@pytest.mark.browser
def test_grille_class_with_evaluations(classe):
    require_chromium()
    evaluations = classe / "evaluations"
    evaluations.mkdir()
    (evaluations / "02534871209.yml").write_text(FULL, encoding="utf-8")
    (evaluations / "durand-court.yml").write_text("note: 25\n", encoding="utf-8")  # invalid: over 20
    audits = classe / "audits"
    audits.mkdir()
    (audits / "petit-conforme.json").write_text(
        json.dumps(
            {
                "version": 1,
                "target": SAMPLE_URL,
                "summary": {},
                "date": "2026-03-02T09:15:00+00:00",
                "findings": [{"rule": "tableau-absent", "severity": "error", "message": "aucun tableau trouvé"}],
                "penalties": {"portfolio-inaccessible": 0, "tableau-absent": 2},
            }
        ),
        encoding="utf-8",
    )
    result = run_cli(
        "fiches", "grille", "--class", classe / "classe.csv", "--evaluations", evaluations, "--audits", audits
    )
    assert result.exit_code == 1, result.output
    assert "durand-court.yml:1:7" in result.stderr and "hors limites" in result.stderr
    assert "MARTIN Cassé (ligne 4)" in result.stderr and "BERNARD Absent (ligne 5) : aucun dossier" in result.stderr
    assert "3 fiche(s) écrite(s)" in result.stdout and "pour 2 candidat(s) sur 5" in result.stdout
    folder = classe / "classe-grilles"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-le-gall-camille-appreciation.pdf",
        "01-le-gall-camille-grille.pdf",
        "05-petit-conforme-grille.pdf",
    ]
    grille = flat(pdf_text(folder / "01-le-gall-camille-grille.pdf"))
    assert "NOTE FINALE 12 / 20" in grille and "N° commission : 12" in grille
    assert "compétence non mobilisée" not in grille  # the archive's portfolio.json covers the six
    assert "Mise à jour du site WordPress" in grille
    petit = pdf_text(folder / "05-petit-conforme-grille.pdf")
    assert ticked(petit, LABELS.grille.penalites["tableau-absent"])
    assert "aucun tableau trouvé (audit du" in flat(petit)
    appreciation = flat(pdf_text(folder / "01-le-gall-camille-appreciation.pdf"))
    assert "NOTE 12 / 20" in appreciation and "Présentation claire." in appreciation
    (evaluations / "durand-court.yml").write_text("note: 11\n", encoding="utf-8")
    result = run_cli("fiches", "grille", "--class", classe / "classe.csv", "--evaluations", evaluations)
    assert "5 fiche(s) écrite(s)" in result.stdout and "pour 3 candidat(s) sur 5" in result.stdout


def test_an_archive_escaping_its_folder_is_refused(tmp_path):
    archive = tmp_path / "piege.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("dossier/LISEZMOI.txt", "x")
        out.writestr("../../evil.txt", "pwned")
    with pytest.raises(CandidateError, match="chemin refusé"):
        with opened_archive(archive):
            pass
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_corrupt_archive_is_this_candidates_problem(tmp_path):
    archive = tmp_path / "abime.zip"
    archive.write_bytes(b"PK\x03\x04 pas vraiment une archive")
    with pytest.raises(CandidateError, match="illisible"):
        with opened_archive(archive):
            pass


def test_a_user_workbook_is_never_replaced(tmp_path):
    (tmp_path / "classe.csv").write_text("nom;prenom;numero;url\nA;B;1;x\n", encoding="utf-8")
    mine = tmp_path / "classe-conformite.xlsx"
    mine.write_bytes(b"mon classeur")
    result = run_cli("fiches", "conformite", "--class", tmp_path / "classe.csv")
    assert result.exit_code == 2
    assert mine.read_bytes() == b"mon classeur"


def test_candidate_helper_shape():
    """The class list is the audit's (reused, not rewritten)."""
    assert Candidate("A", "B", "1", "x", 2).label == "A B"
