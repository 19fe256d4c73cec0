"""Tolerant label matching, option boxes, périodes and column A as the reader understands them."""

from __future__ import annotations

import datetime as dt

import pytest

from e5portfolio.tableau.landmarks import match_label, options_text, read_option, tick_options
from e5portfolio.tableau.reader import parse_periode, split_column_a


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("NOM et prénom :", "NOM et prénom :", ""),
        ("nom et prenom", "NOM et prénom :", ""),
        ("Nom et Prénom: MARTIN Léa", "NOM et prénom :", "MARTIN Léa"),
        ("N°candidat : 0241", "N° candidat :", "0241"),
        ("Nº candidat", "N° candidat :", ""),
        ("  Centre   de\nformation  ", "Centre de formation :", ""),
        ("Compétences mises en oeuvre", "Compétences mises en œuvre", ""),
        ("COMPÉTENCES MISES EN ŒUVRE.", "Compétences mises en œuvre", ""),
        (
            "Répondre aux incidents et aux demandes d’assistance et d’évolution\n- Collecter",
            "Répondre aux incidents et aux demandes d'assistance et d'évolution",
            "- Collecter",
        ),
        ("Réalisations en cours de formation", "Réalisation en cours de formation", ""),
        (
            "Réalisation en milieu professionnel en cours de deuxième année",
            "Réalisations en milieu professionnel en cours de seconde année",
            "",
        ),
        ("Période\n(JJ/MM/AA au JJ/MM/AA)", "Période", "(JJ/MM/AA au JJ/MM/AA)"),
    ],
)
def test_labels_match_tolerantly(text: str, label: str, rest: str) -> None:
    assert match_label(text, label) == rest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Optionnel", "Option :"),
        ("Nom", "NOM et prénom :"),
        (
            "Réalisations en milieu professionnel en cours de première année",
            "Réalisations en milieu professionnel en cours de seconde année",
        ),
        ("Voir : Période", "Période"),
    ],
)
def test_other_texts_do_not_match(text: str, label: str) -> None:
    assert match_label(text, label) is None


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("☑ SISR    ▢ SLAM", "SISR"),
        ("□ SISR ☒ SLAM", "SLAM"),
        ("X SISR   SLAM", "SISR"),
        ("SISR ✓   SLAM", "SISR"),
        ("SLAM", "SLAM"),
        ("▢ SISR ▢ SLAM", None),
        ("☑ SISR ☑ SLAM", None),
        ("", None),
    ],
)
def test_the_ticked_option_is_read(text: str, option: str | None) -> None:
    assert read_option(text) == option


def test_ticking_an_option_keeps_the_text_around() -> None:
    assert tick_options("Option : □ SISR   □ SLAM", "SLAM") == "Option : ▢ SISR   ☑ SLAM"
    assert tick_options("X SISR SLAM", "SLAM") == "▢ SISR ☑ SLAM"
    assert tick_options("rien", "SISR") is None
    assert options_text("SISR") == "☑ SISR    ▢ SLAM"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("16/09/24 au 31/01/25", (dt.date(2024, 9, 16), dt.date(2025, 1, 31))),
        ("du 16/09/2024 au 31/01/2025", (dt.date(2024, 9, 16), dt.date(2025, 1, 31))),
        ("16.09.24 - 31.01.25", (dt.date(2024, 9, 16), dt.date(2025, 1, 31))),
        ("02/06/25", (dt.date(2025, 6, 2), dt.date(2025, 6, 2))),
        (dt.datetime(2025, 6, 2, 0, 0), (dt.date(2025, 6, 2), dt.date(2025, 6, 2))),
        ("31/02/25 au 05/03/25", (None, None)),  # a date that does not exist
        ("septembre 2024", (None, None)),
        (None, (None, None)),
    ],
)
def test_periodes_are_read(value, expected) -> None:
    assert parse_periode(value) == expected


@pytest.mark.parametrize(
    ("text", "intitule", "productions"),
    [
        ("Inventaire GLPI\n• Procédure\n• Script", "Inventaire GLPI", ["Procédure", "Script"]),
        ("Inventaire GLPI\nProcédure\nScript", "Inventaire GLPI", ["Procédure", "Script"]),
        (
            "Inventaire du parc\navec GLPI\n- Procédure\nd'installation\n- Script",
            "Inventaire du parc avec GLPI",
            ["Procédure d'installation", "Script"],
        ),
        ("1. Migration 2.0 de l'intranet", "Migration 2.0 de l'intranet", []),
        ("Migration 2.0", "Migration 2.0", []),
        ("", "", []),
    ],
)
def test_column_a_splits_into_intitule_and_productions(text: str, intitule: str, productions: list[str]) -> None:
    assert split_column_a(text) == (intitule, productions)
