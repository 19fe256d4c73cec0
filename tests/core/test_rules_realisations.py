"""The rules of checks/realisations.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

from .conftest import ERROR, WARNING
from .rule_messages import GLPI, LAB_AD, SITE

# --- periode-inversee ----------------------------------------------------------------------------------


def test_realisation_period_reversed(portfolio):
    assert portfolio.edit("      fin: 2025-03-07", "      fin: 2025-01-10").found("periode-inversee") == [
        (
            ERROR,
            36,
            12,
            f"{LAB_AD} : la fin (10/01/2025) est avant le début (13/01/2025) : corrigez les "
            "dates (sont-elles inversées ?)",
        )
    ]


def test_stage_period_reversed(portfolio):
    assert portfolio.edit("    fin: 2025-06-27", "    fin: 2025-05-01").found("periode-inversee") == [
        (
            ERROR,
            20,
            10,
            "stage « stage1 » : la fin (01/05/2025) est avant le début (19/05/2025) : "
            "corrigez les dates (sont-elles inversées ?)",
        )
    ]


def test_one_day_period_is_fine(portfolio):
    assert portfolio.edit("      fin: 2025-03-07", "      fin: 2025-01-13").found("periode-inversee") == []


# --- production-manquante ------------------------------------------------------------------------------

NO_PRODUCTION = (
    ERROR,
    57,
    5,
    f"{SITE} sans production : ajoutez sous « productions: » au moins un "
    "document (titre + fichier) ou un lien (titre + lien)",
)


def test_realisation_without_productions_key(portfolio):
    portfolio.drop("    productions:\n      - titre: Compte rendu\n        fichier: productions/compte rendu été.md")
    assert portfolio.found("production-manquante") == [NO_PRODUCTION]


def test_realisation_with_productions_left_empty(portfolio):
    portfolio.edit(
        "    productions:\n      - titre: Compte rendu\n        fichier: productions/compte rendu été.md",
        "    productions:",
    )
    assert portfolio.found("schema") == []
    assert portfolio.found("production-manquante") == [NO_PRODUCTION]


def test_realisation_with_empty_productions(portfolio):
    portfolio.edit(
        "    productions:\n      - titre: Compte rendu\n        fichier: productions/compte rendu été.md",
        "    productions: []",
    )
    assert portfolio.found("production-manquante") == [NO_PRODUCTION]


# --- contribution-manquante ----------------------------------------------------------------------------


def test_team_work_without_contribution(portfolio):
    assert portfolio.drop("    contribution: J'ai déployé l'agent GLPI.").found("contribution-manquante") == [
        (ERROR, 48, 13, f"{GLPI} en équipe sans « contribution » : décrivez ce que vous avez fait vous-même")
    ]


def test_solo_work_needs_no_contribution(portfolio):
    portfolio.drop("    contribution: J'ai déployé l'agent GLPI.").edit("equipe: true", "equipe: false")
    assert portfolio.found("contribution-manquante") == []


# --- identifiant-duplique ------------------------------------------------------------------------------


def test_two_realisations_with_the_same_id(portfolio):
    assert portfolio.edit("  - id: site-web", "  - id: lab-ad").found("identifiant-duplique") == [
        (
            ERROR,
            57,
            9,
            "identifiant de réalisation « lab-ad » en double (déjà utilisé ligne 31) : donnez "
            "à chaque réalisation un « id » différent",
        )
    ]


def test_two_realisations_with_the_same_derived_id(portfolio):
    portfolio.edit(
        "  - id: glpi-inventaire\n    intitule: Inventaire du parc avec GLPI\n",
        "  - intitule: Inventaire du parc avec GLPI\n",
    )
    portfolio.edit(
        "  - id: site-web\n    intitule: Évolution du site web\n", "  - intitule: Inventaire du parc avec GLPI\n"
    )
    assert portfolio.found("identifiant-duplique") == [
        (
            ERROR,
            56,
            5,
            "identifiant de réalisation « inventaire-du-parc-avec-glpi » (déduit de l'intitulé) "
            "en double (déjà utilisé ligne 42) : donnez à chaque réalisation un « id » différent",
        )
    ]


def test_derived_id_equal_to_an_explicit_id(portfolio):
    portfolio.edit("  - id: site-web\n    intitule: Évolution du site web\n", "  - intitule: Lab AD\n")
    assert portfolio.found("identifiant-duplique") == [
        (
            ERROR,
            57,
            5,
            "identifiant de réalisation « lab-ad » (déduit de l'intitulé) en double (déjà "
            "utilisé ligne 31) : donnez à chaque réalisation un « id » différent",
        )
    ]


def test_two_stages_with_the_same_id(portfolio):
    portfolio.edit("  - id: stage2", "  - id: stage1")
    assert portfolio.found("identifiant-duplique") == [
        (
            ERROR,
            23,
            9,
            "identifiant de stage « stage1 » en double (déjà utilisé ligne 16) : donnez à chaque "
            "stage un « id » différent",
        )
    ]


# --- stage-inconnu -------------------------------------------------------------------------------------


def test_unknown_stage_with_a_close_id(portfolio):
    assert portfolio.edit("    stage: stage2", "    stage: stag2").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stag2 » n'existe pas : vouliez-vous écrire « stage2 » ?")
    ]


def test_unknown_stage_proposes_only_the_stage_whose_dates_contain_the_realisation(portfolio):
    # stage3 is as close to stage1 as to stage2, but only stage2 (05/01–13/02/2026) contains the
    # réalisation (12/01–06/02/2026): a deleted stage is not replaced by any stage.
    assert portfolio.edit("    stage: stage2", "    stage: stage3").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stage3 » n'existe pas : vouliez-vous écrire « stage2 » ?")
    ]


def test_unknown_stage_close_to_a_stage_at_other_dates_is_not_proposed(portfolio):
    portfolio.edit("      debut: 12/01/2026\n      fin: 06/02/2026", "      debut: 02/03/2026\n      fin: 20/03/2026")
    assert portfolio.edit("    stage: stage2", "    stage: stage3").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stage3 » n'existe pas ; stages déclarés : stage1, stage2")
    ]
    assert portfolio.edit("    stage: stage3", "    stage: stag2").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stag2 » n'existe pas ; stages déclarés : stage1, stage2")
    ]


# --- periode-hors-stage --------------------------------------------------------------------------------


def test_realisation_outside_its_stage(portfolio):
    assert portfolio.edit("      fin: 2025-06-13", "      fin: 2025-07-13").found("periode-hors-stage") == [
        (
            WARNING,
            45,
            5,
            f"{GLPI} (20/05/2025 – 13/07/2025) en dehors du stage « stage1 » (19/05/2025 – "
            "27/06/2025) : corrigez les dates ou le stage de rattachement",
        )
    ]


def test_realisation_on_the_stage_boundaries_is_fine(portfolio):
    portfolio.edit("      debut: 2025-05-20\n      fin: 2025-06-13", "      debut: 2025-05-19\n      fin: 2025-06-27")
    assert portfolio.found("periode-hors-stage") == []
