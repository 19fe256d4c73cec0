"""Output read top-down in check, build and serve: the errors, then the warnings, then one line
for the informations (each one with `check --details`); the JSON report keeps its order."""

from __future__ import annotations

import json
import logging

from click.testing import CliRunner

from e5portfolio.cli import main

from .conftest import PortfolioCopy


def _informations_warning_and_error(portfolio: PortfolioCopy) -> None:
    portfolio.edit("B1.5.2, B1.5.3]", "B1.5.2]")  # information (B1.5.3 cited nowhere)
    portfolio.edit("B1.6.3, B1.6.4]", "B1.6.3]")  # information (B1.6.4)
    portfolio.drop('  numero: "02412345678"')  # warning, line 6


def test_check_prints_errors_then_warnings_then_one_line_for_the_informations(portfolio: PortfolioCopy):
    _informations_warning_and_error(portfolio)
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")  # error, near the end of the file
    result = CliRunner().invoke(main, ["check", str(portfolio.root)])
    lines = result.output.splitlines()
    assert "[date-invalide]" in lines[0]
    assert "[numero-candidat-absent]" in lines[1]
    assert lines[2] == "2 sous-compétences non citées : e5portfolio check --details"
    assert "[sous-competence-non-couverte]" not in result.output


def test_check_details_shows_each_information_after_the_warnings(portfolio: PortfolioCopy):
    _informations_warning_and_error(portfolio)
    result = CliRunner().invoke(main, ["check", "--details", str(portfolio.root)])
    lines = result.output.splitlines()
    assert "[numero-candidat-absent]" in lines[0]
    assert "[sous-competence-non-couverte]" in lines[1] and "B1.5.3" in lines[1]
    assert "[sous-competence-non-couverte]" in lines[2] and "B1.6.4" in lines[2]
    assert "--details" not in result.output


def test_the_json_report_keeps_every_finding_in_file_order(portfolio: PortfolioCopy):
    _informations_warning_and_error(portfolio)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(portfolio.root)])
    report = json.loads(result.output)
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [
        ("numero-candidat-absent", 3),
        ("sous-competence-non-couverte", 29),
        ("sous-competence-non-couverte", 29),
    ]
    assert report["summary"] == {"errors": 0, "warnings": 1, "infos": 2}


def test_build_prints_its_warnings_then_one_line_for_the_informations(portfolio: PortfolioCopy, tmp_path):
    from e5portfolio.commands.build import checked_analysis

    _informations_warning_and_error(portfolio)
    runner = CliRunner()

    def printed() -> list[str]:
        with runner.isolation() as (out, _err, *_):
            try:
                checked_analysis(portfolio.root, False, action="le site n'est pas construit")
            except SystemExit:
                pass
            return out.getvalue().decode().splitlines()

    lines = printed()
    assert "avertissement [numero-candidat-absent]" in lines[0]
    assert lines[1:] == [
        "2 sous-compétences non citées : e5portfolio check --details",
        "0 erreur, 1 avertissement, 2 informations : aucune erreur, pensez aux avertissements.",
    ]


def test_the_preview_prints_the_one_line_for_the_informations():
    from e5portfolio.site.plugin import FINDING_RECORD_FLAG, INFO_SUMMARY_FLAG
    from e5portfolio.site.preview import FrenchPreviewMessages

    handler = FrenchPreviewMessages()

    def shown(message: str, level: int, **extra) -> str | None:
        record = logging.LogRecord("mkdocs.plugins.e5portfolio", level, __file__, 1, message, None, None)
        for key, value in extra.items():
            setattr(record, key, value)
        return handler._text(record)

    line = "portfolio.yml:29:3: info [sous-competence-non-couverte] B1.5.3"
    assert shown(line, logging.INFO, **{FINDING_RECORD_FLAG: True}) is None
    summary = "2 sous-compétences non citées : e5portfolio check --details"
    assert shown(summary, logging.INFO, **{FINDING_RECORD_FLAG: True, INFO_SUMMARY_FLAG: True}) == (
        "aperçu : " + summary
    )
