"""A suggestion is worth applying: written back in portfolio.yml, it passes."""

from __future__ import annotations

import re

import pytest

from e5portfolio.pipeline import analyse

from .conftest import PortfolioCopy

SUGGESTION = re.compile(r"« ([a-z_]+: .*?) »$|vouliez-vous écrire « (.*?) » \?$")


def _suggested(portfolio: PortfolioCopy, rule: str) -> str:
    [finding] = [f for f in analyse(portfolio.root).report.findings if f.rule == rule]
    match = SUGGESTION.search(finding.message)
    assert match, finding.message
    return match[1] or match[2]


def test_a_list_written_as_a_sentence_gets_a_list_that_passes(portfolio: PortfolioCopy):
    original = "    competences: [B1.3.1, B1.3.2, B1.3.3, B1.6.1, B1.6.2, B1.6.3, B1.6.4]"
    portfolio.edit(original, "    competences: B1.3.1, B1.3.2, B1.3.3, B1.6.1 B1.6.2, B1.6.3 et B1.6.4")
    suggestion = _suggested(portfolio, "schema")
    assert suggestion == "competences: [B1.3.1, B1.3.2, B1.3.3, B1.6.1, B1.6.2, B1.6.3, B1.6.4]"
    portfolio.edit("    competences: B1.3.1, B1.3.2, B1.3.3, B1.6.1 B1.6.2, B1.6.3 et B1.6.4", "    " + suggestion)
    assert analyse(portfolio.root).report.findings == []


def test_the_issue_s_list_gets_four_codes():
    from e5portfolio.core.validate import _list_parts

    assert _list_parts("competences", "B1.1, B1.1.1, B1.2 et B1.2.1") == ["B1.1", "B1.1.1", "B1.2", "B1.2.1"]


def test_a_list_of_texts_with_special_characters_is_quoted_where_needed(portfolio: PortfolioCopy):
    portfolio.edit("    competences: [B1.3.1,", "    technologies: Windows 11, 8, C# et yes\n    competences: [B1.3.1,")
    suggestion = _suggested(portfolio, "schema")
    assert suggestion == 'technologies: [Windows 11, "8", C#, "yes"]'
    portfolio.edit("    technologies: Windows 11, 8, C# et yes", "    " + suggestion)
    assert analyse(portfolio.root).report.findings == []


@pytest.mark.parametrize(
    "written, expected",
    [
        ("05.01.2026", "05/01/2026"),
        ("18/1/26", "18/01/2026"),
        ("2026/01/18", "2026-01-18"),
        ("18-01-2026", "18/01/2026"),
    ],
)
def test_a_date_suggestion_passes_once_applied(portfolio: PortfolioCopy, written: str, expected: str):
    portfolio.edit("      debut: 12/01/2026", f"      debut: {written}")
    suggestion = _suggested(portfolio, "date-invalide")
    assert suggestion == expected
    portfolio.edit(f"      debut: {written}", f"      debut: {suggestion}")
    assert analyse(portfolio.root).report.findings == []


def test_the_issue_s_short_year_is_this_century():
    from e5portfolio.core.validate import _date_guess

    assert _date_guess("18/5/26") == "18/05/2026"
    assert _date_guess("05.01.2027") == "05/01/2027"
