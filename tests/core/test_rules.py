"""The rules of checks/ (registry and base): a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

import pytest

from e5portfolio.checks import LOAD_RULES, RULES

from .conftest import CONTRACT_RULES, KNOWN_RULES, PortfolioCopy

# --- the registry and the base ---------------------------------------------------------------------


def test_registry_implements_every_contract_rule():
    assert set(CONTRACT_RULES) <= {r.id for r in RULES} | set(LOAD_RULES)
    assert len({r.id for r in RULES}) == len(RULES)
    assert not set(LOAD_RULES) & {r.id for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_docstring_documents_a_correct_and_an_incorrect_case(rule):
    assert "Correct" in rule.doc and "Incorrect" in rule.doc


def test_base_portfolio_has_no_finding_at_all(portfolio: PortfolioCopy):
    assert portfolio.findings() == []


@pytest.mark.parametrize("rule", KNOWN_RULES)
def test_passing_case_of_every_rule_is_the_base(portfolio: PortfolioCopy, rule: str):
    assert portfolio.found(rule) == []
