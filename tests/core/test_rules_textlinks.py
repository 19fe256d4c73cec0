"""The rules of checks/textlinks.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

from .conftest import WARNING

# --- lien-local-non-publie ---------------------------------------------------------------------------


def test_link_to_a_published_production_is_fine(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: Voir [la procédure](productions/procedure.md#etapes) et "
        "[ANSSI](https://cyber.gouv.fr) et [haut](#haut) et ![schéma](images/x.png).",
    )
    assert edited.found("lien-local-non-publie") == []


def test_link_to_a_file_that_is_not_published(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.", "    description: Voir [mes notes](notes/brouillon.md)."
    )
    assert edited.found("lien-local-non-publie") == [
        (
            WARNING,
            37,
            18,
            "description de la réalisation « Domaine Active Directory du laboratoire » : le lien "
            "vers « notes/brouillon.md » ne mène à aucun fichier publié : il sera affiché comme "
            "simple texte sur le site ; citez ce fichier comme production (titre + fichier) ou "
            "écrivez une adresse https://…",
        )
    ]


def test_reference_style_link_in_the_presentation_is_checked_too(portfolio):
    text = portfolio.text()
    start = text.index("presentation:")
    end = text.index("\n", start)
    portfolio.write(text[:start] + "presentation: |\n  Mon [CV][cv].\n\n  [cv]: documents/cv.pdf" + text[end:])
    assert [message.split(" : ")[0] for *_, message in portfolio.found("lien-local-non-publie")] == ["présentation"]
