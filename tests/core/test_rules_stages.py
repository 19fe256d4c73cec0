"""The rules of checks/stages.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

import pytest

from .conftest import WARNING

# --- duree-stages --------------------------------------------------------------------------------------


def test_stages_too_short(portfolio):
    assert portfolio.edit("    fin: 13/02/2026", "    fin: 16/01/2026").found("duree-stages") == [
        (
            WARNING,
            15,
            1,
            "durée totale des stages : 8 semaines sur les 10 exigées : un dossier dont les stages "
            "sont trop courts est refusé au contrôle de conformité ; vérifiez les dates des "
            "stages ou ajoutez les stages manquants",
        )
    ]


def test_no_stage_at_all(portfolio):
    text = portfolio.text()
    start, end = text.index("  - id: stage1"), text.index("realisations:")
    portfolio.write(text[:start].replace("stages:\n", "stages: []\n") + text[end:])
    assert portfolio.found("duree-stages") == [
        (
            WARNING,
            15,
            1,
            "durée totale des stages : 0 semaine sur les 10 exigées : un dossier dont les stages "
            "sont trop courts est refusé au contrôle de conformité ; vérifiez les dates des "
            "stages ou ajoutez les stages manquants",
        )
    ]


def test_overlapping_stages_count_once(portfolio):
    # stage2 moved onto stage1's dates: 6 weeks in all, not 12
    edited = portfolio.edit("    debut: 05/01/2026", "    debut: 2025-05-19").edit(
        "    fin: 13/02/2026", "    fin: 2025-06-27"
    )
    assert [message for *_, message in edited.found("duree-stages")] == [
        "durée totale des stages : 6 semaines sur les 10 exigées : un dossier dont les stages sont trop "
        "courts est refusé au contrôle de conformité ; vérifiez les dates des stages ou ajoutez les "
        "stages manquants"
    ]


def test_ten_weeks_exactly_is_enough(portfolio):
    assert portfolio.edit("    fin: 13/02/2026", "    fin: 30/01/2026").found("duree-stages") == []


# --- attestations --------------------------------------------------------------------------------------


def test_stage_without_attestation(portfolio):
    portfolio.drop("    attestation: attestations/stage1.pdf\n    attestation_signee: true")
    assert portfolio.found("attestation-manquante") == [
        (
            WARNING,
            16,
            5,
            "stage « stage1 » sans attestation : ajoutez « attestation: attestations/<fichier>.pdf » "
            "(attestation signée par l'organisation d'accueil)",
        )
    ]


@pytest.mark.parametrize("signed", ["", "    attestation_signee: false\n"])
def test_attestation_not_signed(portfolio, signed: str):
    portfolio.edit(
        "    attestation: attestations/stage1.pdf\n    attestation_signee: true\n",
        f"    attestation: attestations/stage1.pdf\n{signed}",
    )
    assert portfolio.found("attestation-non-signee") == [
        (
            WARNING,
            21,
            18,
            "stage « stage1 » : l'attestation n'est pas indiquée comme signée ; faites-la signer "
            "puis écrivez « attestation_signee: true »",
        )
    ]
