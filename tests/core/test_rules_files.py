"""The rules of checks/files.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ERROR, INFO, WARNING, PortfolioCopy
from .rule_messages import ATTESTATION_ADVICE, NOT_CHECKED, NOT_FOUND, OUTSIDE

# --- fichier-introuvable -------------------------------------------------------------------------------


def test_missing_production_file(portfolio):
    portfolio.edit("productions/procedure.md", "productions/procedur.md")
    assert portfolio.found("fichier-introuvable") == [
        (ERROR, 41, 18, f"production « Procédure » : fichier « productions/procedur.md » introuvable : {NOT_FOUND}")
    ]


def test_missing_file_differing_only_by_case(portfolio):
    portfolio.edit("productions/procedure.md", "Productions/Procedure.md")
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : fichier « Productions/Procedure.md » introuvable : la "
            "casse diffère, le fichier s'appelle « productions/procedure.md » (sous Windows "
            "cela passe, mais pas une fois en ligne)",
        )
    ]


def test_web_address_written_as_a_file(portfolio):
    portfolio.edit("fichier: productions/procedure.md", "fichier: https://github.com/lea-martin/procedure")
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : fichier « https://github.com/lea-martin/procedure » "
            "introuvable : pour une adresse web, écrivez « lien: » au lieu de « fichier: »",
        )
    ]


def test_missing_attestation_file(portfolio):
    (portfolio.root / "attestations" / "stage2.pdf").unlink()
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            28,
            18,
            f"attestation du stage « stage2 » : fichier « attestations/stage2.pdf » introuvable : "
            f"{NOT_FOUND} ; {ATTESTATION_ADVICE}",
        )
    ]


def test_folder_instead_of_a_file(portfolio):
    portfolio.edit("productions/procedure.md", "productions")
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : « productions » est un dossier, pas un fichier : "
            "indiquez le chemin d'un fichier de ce dossier",
        )
    ]


def test_windows_separators_are_accepted(portfolio):
    portfolio.edit("fichier: productions/procedure.md", "fichier: productions\\procedure.md")
    assert portfolio.findings() == []


# --- chemin-hors-portfolio -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, shown, reason",
    [
        ("/etc/passwd", "/etc/passwd", "est un chemin absolu"),
        ("C:\\Users\\lea\\procedure.pdf", "C:\\Users\\lea\\procedure.pdf", "est un chemin absolu"),
        ("'C:/Users/lea/procedure.pdf'", "C:/Users/lea/procedure.pdf", "est un chemin absolu"),
        ("\\\\serveur\\partage\\procedure.pdf", "\\\\serveur\\partage\\procedure.pdf", "est un chemin absolu"),
        ("../procedure.md", "../procedure.md", "sort du dossier du portfolio (« .. »)"),
        ("productions/../../procedure.md", "productions/../../procedure.md", "sort du dossier du portfolio (« .. »)"),
        ("..\\..\\procedure.md", "..\\..\\procedure.md", "sort du dossier du portfolio (« .. »)"),
    ],
)
def test_path_leaving_the_portfolio(portfolio, written: str, shown: str, reason: str):
    portfolio.edit("fichier: productions/procedure.md", f"fichier: {written}")
    assert portfolio.found("chemin-hors-portfolio") == [
        (ERROR, 41, 18, f"production « Procédure » : le chemin « {shown} » {reason} ; {OUTSIDE}")
    ]
    assert portfolio.found("fichier-introuvable") == []


def test_symlink_leading_out(portfolio, tmp_path: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("hors du portfolio\n", encoding="utf-8")
    os.symlink(outside, portfolio.root / "productions" / "lien.md")
    portfolio.edit("productions/procedure.md", "productions/lien.md")
    assert portfolio.found("chemin-hors-portfolio") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : le chemin « productions/lien.md » est un lien symbolique "
            f"qui mène hors du dossier du portfolio ; {OUTSIDE}",
        )
    ]


def test_symlinked_folder_leading_out(portfolio, tmp_path: Path):
    (tmp_path / "ailleurs").mkdir()
    (tmp_path / "ailleurs" / "procedure.md").write_text("x\n", encoding="utf-8")
    os.symlink(tmp_path / "ailleurs", portfolio.root / "docs")
    portfolio.edit("productions/procedure.md", "docs/procedure.md")
    assert [row[:3] for row in portfolio.found("chemin-hors-portfolio")] == [(ERROR, 41, 18)]


def test_symlink_inside_the_portfolio_is_fine(portfolio):
    os.symlink("procedure.md", portfolio.root / "productions" / "lien.md")
    portfolio.edit("productions/procedure.md", "productions/lien.md")
    assert portfolio.findings() == []


# --- fichier-trop-volumineux ---------------------------------------------------------------------------


def sparse(path: Path, megabytes: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(megabytes * 1024 * 1024)  # sparse: fast, takes no disk space


def test_file_over_25_mb_is_a_warning(portfolio):
    sparse(portfolio.root / "productions" / "procedure.md", 26)
    assert portfolio.found("fichier-trop-volumineux") == [
        (
            WARNING,
            41,
            18,
            "production « Procédure » : « productions/procedure.md » pèse 26 Mo (plus de 25 Mo) : "
            "le jury l'ouvrira lentement ; compressez-le si possible",
        )
    ]


def test_file_over_100_mb_is_an_error(portfolio):
    sparse(portfolio.root / "attestations" / "stage1.pdf", 101)
    assert portfolio.found("fichier-trop-volumineux") == [
        (
            ERROR,
            21,
            18,
            "attestation du stage « stage1 » : « attestations/stage1.pdf » pèse 101 Mo, plus que "
            "la limite de 100 Mo : compressez-le, ou publiez-le ailleurs et citez-le avec « lien: »",
        )
    ]


def test_file_of_25_mb_exactly_is_fine(portfolio):
    sparse(portfolio.root / "productions" / "procedure.md", 25)
    assert portfolio.found("fichier-trop-volumineux") == []


# --- attestation-non-verifiee (--sans-attestations: the attestations stay on the computer) ----------


def remove_attestation_files(portfolio: PortfolioCopy) -> None:
    for name in ("stage1.pdf", "stage2.pdf"):
        (portfolio.root / "attestations" / name).unlink()


def test_absent_attestation_files_are_not_checked_with_the_option(portfolio):
    remove_attestation_files(portfolio)
    assert [f.rule for f in portfolio.findings(skip_attestation_files=True)] == ["attestation-non-verifiee"] * 2
    assert portfolio.found("attestation-non-verifiee", skip_attestation_files=True) == [
        (INFO, 21, 18, f"attestation du stage « stage1 » : fichier « attestations/stage1.pdf » {NOT_CHECKED}"),
        (INFO, 28, 18, f"attestation du stage « stage2 » : fichier « attestations/stage2.pdf » {NOT_CHECKED}"),
    ]


def test_absent_attestation_files_are_errors_without_the_option(portfolio):
    remove_attestation_files(portfolio)
    assert [severity for severity, *_ in portfolio.found("fichier-introuvable")] == [ERROR, ERROR]
    assert portfolio.found("attestation-non-verifiee") == []


def test_present_attestation_files_are_checked_with_the_option(portfolio):
    assert portfolio.findings(skip_attestation_files=True) == []


def test_the_option_spares_attestations_only_not_productions(portfolio):
    remove_attestation_files(portfolio)
    portfolio.edit("productions/procedure.md", "productions/procedur.md")
    assert [row[:3] for row in portfolio.found("fichier-introuvable", skip_attestation_files=True)] == [(ERROR, 41, 18)]


@pytest.mark.parametrize(
    "written, reason",
    [
        ("../stage1.pdf", "sort du dossier du portfolio (« .. »)"),
        ("/home/lea/stage1.pdf", "est un chemin absolu"),
    ],
)
def test_attestation_path_leaving_the_portfolio_is_still_an_error_with_the_option(portfolio, written, reason):
    portfolio.edit("attestation: attestations/stage1.pdf", f"attestation: {written}")
    assert portfolio.found("chemin-hors-portfolio", skip_attestation_files=True) == [
        (ERROR, 21, 18, f"attestation du stage « stage1 » : le chemin « {written} » {reason} ; {OUTSIDE}")
    ]
    assert portfolio.found("attestation-non-verifiee", skip_attestation_files=True) == []


def test_attestation_name_differing_by_case_is_still_an_error_with_the_option(portfolio):
    # the file is in the folder, misnamed: online, the link would be broken
    attestations = portfolio.root / "attestations"
    (attestations / "stage2.pdf").rename(attestations / "Stage2.pdf")
    assert [row[:2] for row in portfolio.found("fichier-introuvable", skip_attestation_files=True)] == [(ERROR, 28)]


def test_attestation_folder_instead_of_a_file_is_still_an_error_with_the_option(portfolio):
    portfolio.edit("attestation: attestations/stage1.pdf", "attestation: attestations")
    assert [row[:3] for row in portfolio.found("fichier-introuvable", skip_attestation_files=True)] == [(ERROR, 21, 18)]


def test_attestation_rules_still_apply_with_the_option(portfolio):
    remove_attestation_files(portfolio)
    portfolio.edit("    attestation: attestations/stage1.pdf\n    attestation_signee: true\n", "")
    portfolio.edit("    attestation_signee: true\n", "")
    assert {f.rule for f in portfolio.findings(skip_attestation_files=True)} == {
        "attestation-manquante",
        "attestation-non-signee",
        "attestation-non-verifiee",
    }
