"""The rules of checks/todo.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

from .conftest import WARNING

# --- texte-a-completer ---------------------------------------------------------------------------------


def test_written_text_is_not_to_complete(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: Exemple de GPO appliquée aux postes, TODOS compris.",
    )
    assert edited.found("texte-a-completer") == []


def test_example_text_left_from_init_is_to_complete(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: |\n      EXEMPLE — À remplacer. Décrivez le contexte,\n      le besoin et la démarche.",
    )
    assert edited.found("texte-a-completer") == [
        (
            WARNING,
            37,
            18,
            "« description » de la réalisation « Domaine Active Directory du laboratoire » est "
            "encore à compléter : remplacez « EXEMPLE — À remplacer. Décrivez le contexte, le "
            "besoin et la démarche. » par votre texte",
        )
    ]
