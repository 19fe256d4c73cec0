"""The rules of checks/competences.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

import pytest

from .conftest import ERROR, INFO
from .rule_messages import GLPI, LAB_AD

# --- competence-inconnue -------------------------------------------------------------------------------

UNKNOWN = f"{LAB_AD} : le code de compétence « {{}} » n'existe pas dans le référentiel"


@pytest.mark.parametrize(
    "written, tail",
    [
        ("B11", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("b1.1", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("'B1,1'", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("'1.1'", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("B1-1-5", " : vouliez-vous écrire « B1.1.5 » (Gérer des sauvegardes) ?"),
        ("B 1.4", " : vouliez-vous écrire « B1.4 » (Travailler en mode projet) ?"),
        ("B.1.4.2", " : vouliez-vous écrire « B1.4.2 » (Planifier les activités) ?"),
        ("Gérer des sauvegardes", " : vouliez-vous écrire « B1.1.5 » (Gérer des sauvegardes) ?"),
        ("B1.1.7", " : la compétence B1.1 « Gérer le patrimoine informatique » n'a que 6 items, de B1.1.1 à B1.1.6"),
        (
            "B1.7",
            " ; codes possibles : B1.1 à B1.6 (les 6 compétences du bloc B1), ou B1.1.1, B1.1.2… "
            "pour un item d'une compétence",
        ),
        (
            "B2.1",
            " ; codes possibles : B1.1 à B1.6 (les 6 compétences du bloc B1), ou B1.1.1, B1.1.2… "
            "pour un item d'une compétence",
        ),
    ],
)
def test_unknown_competence_code(portfolio, written: str, tail: str):
    portfolio.edit("[B1.1, B1.1.1,", f"[{written}, B1.1.1,")
    shown = written.strip("'")
    assert portfolio.found("competence-inconnue") == [(ERROR, 38, 19, UNKNOWN.format(shown) + tail)]


def test_unknown_competence_code_position_inside_the_list(portfolio):
    portfolio.edit("B1.2.3, B1.4.1", "B1.2.4, B1.4.1")
    assert portfolio.found("competence-inconnue") == [
        (
            ERROR,
            51,
            35,
            f"{GLPI} : le code de compétence « B1.2.4 » n'existe pas dans le référentiel : la "
            "compétence B1.2 « Répondre aux incidents et aux demandes d'assistance et "
            "d'évolution » n'a que 3 items, de B1.2.1 à B1.2.3",
        )
    ]


# --- couverture-competences ----------------------------------------------------------------------------


def missing_competence(code: str, label: str) -> tuple:
    return (
        ERROR,
        30,
        1,
        f"la compétence {code} « {label} » n'est mobilisée par aucune réalisation : "
        "ajoutez-la à une réalisation qui la met en œuvre, ou décrivez une nouvelle "
        "réalisation",
    )


def test_one_finding_per_missing_competence_naming_it_verbatim(portfolio):
    portfolio.edit("[B1.3.1, B1.3.2, B1.3.3, B1.6.1, B1.6.2, B1.6.3, B1.6.4]", "[B1.6]")
    portfolio.edit("B1.2.3, B1.4.1, B1.4.2, B1.4.3]", "B1.2.3]")
    assert portfolio.found("couverture-competences") == [
        missing_competence("B1.3", "Développer la présence en ligne de l'organisation"),
        missing_competence("B1.4", "Travailler en mode projet"),
    ]


def test_citing_a_bullet_mobilises_its_competence(portfolio):
    portfolio.edit("[B1.1, B1.1.1,", "[B1.1.1,")
    assert portfolio.found("couverture-competences") == []


# --- sous-competence-non-couverte ----------------------------------------------------------------------


def test_bullet_cited_by_no_realisation(portfolio):
    assert portfolio.edit("B1.5.2, B1.5.3]", "B1.5.2]").found("sous-competence-non-couverte") == [
        (
            INFO,
            30,
            1,
            "l'item B1.5.3 « Accompagner les utilisateurs dans la mise en place d'un service » "
            "n'est cité par aucune réalisation",
        )
    ]
