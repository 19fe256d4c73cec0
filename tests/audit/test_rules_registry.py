"""The audit's rules have a registry with French documentation, listed by `e5portfolio regles`
after the check rules; an id shared by check and audit shows both documentations."""

from __future__ import annotations

import subprocess

import pytest

from e5portfolio.audit.engine import audit
from e5portfolio.audit.rules import AUDIT_RULES, audit_rules
from e5portfolio.checks import RULES as CHECK_RULES
from tests.support.cli import e5portfolio_in_process

from .conftest import FAST

# Audit rule ids of the contract (shared/spec/portfolio-format.md, `audit --format json`)
CONTRACT_AUDIT_RULES = (
    "portfolio-inaccessible",
    "tableau-absent",
    "tableau-incoherent",
    "lien-casse",
    "lien-non-verifiable",
    "mentions-legales-absentes",
    "veille-absente",
    "identite-pro-absente",
)


def regles(*args: str) -> subprocess.CompletedProcess:
    return e5portfolio_in_process("regles", *args)


def test_registry_holds_every_contract_audit_rule_once():
    ids = [rule.id for rule in audit_rules()]
    assert set(CONTRACT_AUDIT_RULES) <= set(ids) and len(ids) == len(set(ids))
    assert "audit-incomplet" in ids and "a11y-image-alt" in ids
    for rule in AUDIT_RULES:
        assert "Correct" in rule.doc and "Incorrect" in rule.doc, rule.id


@pytest.mark.usefixtures("linkchecker")
def test_every_rule_an_audit_reports_is_registered(bad_site):
    registered = {rule.id for rule in audit_rules()} | {rule.id for rule in CHECK_RULES}
    reported = {finding.rule for finding in audit(str(bad_site), FAST).findings}
    assert reported and reported <= registered


def test_regles_lists_the_audit_rules_after_the_check_rules():
    result = regles()
    assert result.returncode == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    split = headings.index("Règles de l'audit d'un site (e5portfolio audit) :")
    assert "periode-inversee (erreur)" in headings[:split]
    assert "tableau-absent (erreur, audit)" in headings[split:]
    assert "a11y-image-alt (erreur, audit)" in headings[split:]


def test_an_id_shared_by_check_and_audit_shows_both():
    result = regles("identite-pro-absente")
    assert result.returncode == 0
    headings = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert headings == ["identite-pro-absente (avertissement)", "identite-pro-absente (avertissement, audit)"]
    assert "la règle de « check » du même nom porte sur portfolio.yml" in result.stdout


def test_an_audit_only_rule_is_explained():
    result = regles("tableau-absent")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "tableau-absent (erreur, audit)"
    assert "portfolio.json seul ne suffit pas" in result.stdout


def test_regles_names_the_rgaa_criteria_of_every_accessibility_rule():
    from click.testing import CliRunner

    from e5portfolio.cli import main

    result = CliRunner().invoke(main, ["regles"], catch_exceptions=False)
    assert result.exit_code == 0
    blocks = {block.splitlines()[0].split(" (")[0]: block for block in result.output.split("\n\n") if block.strip()}
    assert "Critères du RGAA 4.1.2 : RGAA 1.1 — alternative textuelle des images" in blocks["a11y-image-alt"]
    # axe-core's rules are listed too (a finding of the browser check can be looked up)
    assert "Critères du RGAA 4.1.2 : RGAA 3.2 — contraste du texte" in blocks["a11y-color-contrast"]
    alone = CliRunner().invoke(main, ["regles", "couleur-contraste"], catch_exceptions=False).output
    assert "    Critères du RGAA 4.1.2 : RGAA 3.2 — contraste du texte\n" in alone  # the build's own check
    assert "Critères du RGAA 4.1.2 : aucun critère RGAA" in blocks["a11y-page-has-heading-one"]
    every_a11y = [name for name in blocks if name.startswith("a11y-")]
    assert len(every_a11y) > 60 and all("Critères du RGAA 4.1.2 : " in blocks[name] for name in every_a11y)
    assert "Critères du RGAA" not in blocks["lien-casse"]  # not an accessibility rule
