"""The rules of checks/candidat.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

import pytest

from .conftest import INFO, WARNING

# --- candidate identity --------------------------------------------------------------------------------


def test_candidate_number_absent(portfolio):
    assert portfolio.drop('  numero: "02412345678"').found("numero-candidat-absent") == [
        (
            WARNING,
            3,
            1,
            "numéro de candidat absent : écrivez-le dans prive.yml, à côté de portfolio.yml, "
            'sous la forme « candidat: {numero: "…"} » (il figure sur votre convocation ; '
            "ce fichier reste sur votre ordinateur et le numéro n'est pas publié)",
        )
    ]


def test_portfolio_url_absent(portfolio):
    assert portfolio.drop("  url: https://lea-martin.github.io/portfolio/").found("url-portfolio-absente") == [
        (
            WARNING,
            3,
            1,
            "adresse du portfolio absente : ajoutez « url: https://… » sous « candidat: » (elle "
            "figure sur le tableau de synthèse)",
        )
    ]


IDENTITE = (
    "aucun profil professionnel : ajoutez sous « candidat: » une clé « identite_pro: » avec au "
    "moins « linkedin: » ou « github: »"
)


def test_professional_identity_absent(portfolio):
    portfolio.drop("  identite_pro:\n    linkedin: https://www.linkedin.com/in/lea-martin")
    assert portfolio.found("identite-pro-absente") == [(WARNING, 3, 1, IDENTITE)]


def test_professional_identity_empty(portfolio):
    portfolio.edit("  identite_pro:\n    linkedin: https://www.linkedin.com/in/lea-martin", "  identite_pro: {}")
    assert portfolio.found("identite-pro-absente") == [(WARNING, 12, 3, IDENTITE)]


def test_github_alone_is_a_professional_identity(portfolio):
    portfolio.edit("    linkedin: https://www.linkedin.com/in/lea-martin", "    github: https://github.com/lea-martin")
    assert portfolio.found("identite-pro-absente") == []


def test_veille_absent(portfolio):
    portfolio.write(portfolio.text().split("veille:")[0])
    assert portfolio.found("veille-absente") == [
        (
            WARNING,
            2,
            1,
            "section « veille » absente : décrivez votre veille informationnelle (sujet, outils, articles datés)",
        )
    ]


# --- session-sans-referentiel ------------------------------------------------------------------------


def test_known_session_has_its_referential(portfolio):
    assert portfolio.found("session-sans-referentiel") == []


@pytest.mark.parametrize("session", ["2027", "2031"])
def test_later_session_under_the_same_official_texts_has_no_info(portfolio, session):
    # The 2026 texts stay in force until amended: 2027 and 2031 are their sessions too.
    assert portfolio.edit("  session: 2026", f"  session: {session}").found("session-sans-referentiel") == []


def test_session_before_any_referential_uses_the_nearest_known_rules(portfolio):
    assert portfolio.edit("  session: 2026", "  session: 2025").found("session-sans-referentiel") == [
        (
            INFO,
            8,
            12,
            "e5portfolio ne contient pas le référentiel de la session 2025 : les règles "
            "de la session 2026 sont appliquées ; vérifiez l'année de votre examen (elle "
            "figure sur votre convocation)",
        )
    ]


def test_referential_lookup_by_session():
    from e5portfolio.core.referential import referential_for_session

    assert referential_for_session(2027).session == 2026  # the 2026 texts, still in force
    assert referential_for_session(2025).session == 2026  # before any: the default, with the info
    assert referential_for_session(None).session == 2026


def test_session_after_a_replaced_referential_gets_the_info():
    from e5portfolio.core.referential import load_referential

    replaced = load_referential(2026).model_copy(update={"derniere_session": 2028})
    assert replaced.covers(2028) and not replaced.covers(2029) and not replaced.covers(2025)
