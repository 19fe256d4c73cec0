"""`e5portfolio regles`: every rule of the contract is documented, one rule can be explained."""

import subprocess

from tests.support.cli import e5portfolio_in_process

from .conftest import CONTRACT_RULES


def run(*args: str) -> subprocess.CompletedProcess:
    return e5portfolio_in_process("regles", *args)


def test_lists_every_contract_rule_with_its_severity_and_doc():
    result = run()
    assert result.returncode == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    names = {line.split(" (")[0] for line in headings}
    assert set(CONTRACT_RULES) <= names
    assert "periode-inversee (erreur)" in headings
    assert "duree-stages (avertissement)" in headings
    assert "sous-competence-non-couverte (info)" in headings


def test_explains_one_rule():
    result = run("periode-inversee")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == [
        "periode-inversee (erreur)",
        "    La date de fin d'une période (réalisation ou stage) n'est pas avant sa date de début.",
    ]


def test_unknown_rule_suggests_the_closest():
    result = run("periode-inverse")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "e5portfolio : règle « periode-inverse » inconnue : vouliez-vous dire « periode-inversee » ?"
    )
