"""The referential data (e5-2026.yaml) says exactly what the official texts say: six
competences and their bullets verbatim and in order, indicators, minimum stage weeks, penalties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from e5portfolio.core.referential import available_sessions, load_referential

from .conftest import TESTDATA

COPIES = TESTDATA / "reference"
SHARED = Path("/work/shared/reference")  # the project's reference texts, when this machine has them
REFERENTIEL_MD = COPIES / "referentiel.md"
ANNEXE = COPIES / "annexe-vi-e5-session-2026.txt"


def parse_bloc(markdown: str) -> list[tuple[str, list[str]]]:
    """The numbered list under « ## The bloc »: [(competence, [bullet, …]), …]."""
    section = markdown.split("## The bloc", 1)[1].split("\n## ", 1)[0]
    competences: list[tuple[str, list[str]]] = []
    for line in section.splitlines():
        if match := re.match(r"^\d+\. (.+)$", line):
            competences.append((match.group(1).strip(), []))
        elif match := re.match(r"^   \d+\. (.+)$", line):
            competences[-1][1].append(match.group(1).strip())
        elif match := re.match(r"^      (\S.*)$", line):  # a bullet wrapped over two lines
            competences[-1][1][-1] += " " + match.group(1).strip()
    return competences


@pytest.fixture(scope="module")
def referential():
    return load_referential(2026)


def test_reference_copies_match_the_shared_texts():
    if not SHARED.is_dir():
        pytest.skip("textes de référence partagés absents de cette machine")
    for copy in (REFERENTIEL_MD, ANNEXE):
        assert copy.read_bytes() == (SHARED / copy.name).read_bytes(), copy.name


def test_parser_reads_six_competences_and_22_bullets():
    bloc = parse_bloc(REFERENTIEL_MD.read_text(encoding="utf-8"))
    assert [len(bullets) for _, bullets in bloc] == [6, 3, 3, 3, 3, 4]


def test_six_competences_verbatim_in_order(referential):
    bloc = parse_bloc(REFERENTIEL_MD.read_text(encoding="utf-8"))
    assert [(c.code, c.intitule) for c in referential.competences] == [
        (f"B1.{n}", title) for n, (title, _) in enumerate(bloc, start=1)
    ]


def test_bullets_verbatim_in_order(referential):
    bloc = parse_bloc(REFERENTIEL_MD.read_text(encoding="utf-8"))
    assert [list(c.items) for c in referential.competences] == [bullets for _, bullets in bloc]


def test_codes_and_labels(referential):
    assert referential.labels["B1.3.2"] == (
        "Référencer les services en ligne de l'organisation et mesurer leur visibilité"
    )
    assert referential.labels["B1.6"] == "Organiser son développement professionnel"
    assert len(referential.labels) == 6 + 22
    assert referential.competence_of("B1.4.3") == "B1.4"
    assert referential.competence_of("B1.4.4") is None


def normalise(text: str) -> str:
    """Compare texts whatever their apostrophes, bullets and line breaks."""
    text = text.replace("’", "'").replace("\n- ", " ")
    return re.sub(r"\s+", " ", text).strip()


def test_indicators_are_verbatim_from_the_annex(referential):
    annex = normalise(ANNEXE.read_text(encoding="utf-8"))
    for competence in referential.competences:
        assert competence.indicateurs, competence.code
        for indicator in competence.indicateurs:
            assert normalise(indicator) in annex, indicator
    assert normalise(referential.indicateur_equipe) in annex


def test_minimum_stage_weeks(referential):
    markdown = REFERENTIEL_MD.read_text(encoding="utf-8")
    assert re.search(r"Total at least (\d+) weeks", markdown).group(1) == "10"
    assert referential.stages.semaines_minimum == 10


def test_penalties(referential):
    annex = ANNEXE.read_text(encoding="utf-8")
    assert re.search(r"Portfolio inaccessible \((\d+) points", annex).group(1) == "10"
    assert re.search(r"Absence de tableau de synthèse \((\d+) points", annex).group(1) == "2"
    assert {key: (p.points, p.libelle) for key, p in referential.penalites.items()} == {
        "portfolio-inaccessible": (10, "Portfolio inaccessible"),
        "tableau-absent": (2, "Absence de tableau de synthèse"),
    }


def test_epreuve_and_tableau_labels(referential):
    assert (referential.epreuve.numero, referential.epreuve.coefficient) == ("E5", 4)
    assert referential.epreuve.intitule == "Support et mise à disposition de services informatiques"
    assert referential.tableau.entete_droite == "SESSION 2026"
    assert referential.tableau.parties == {
        "formation": "Réalisation en cours de formation",
        "annee1": "Réalisations en milieu professionnel en cours de première année",
        "annee2": "Réalisations en milieu professionnel en cours de seconde année",
    }


def test_session_2026_is_available():
    assert 2026 in available_sessions()
