"""`e5portfolio check` (in-process; the start-up test runs the real program): output formats, exit codes, --strict, no
traceback, and a light start-up (neither mkdocs nor openpyxl imported, nor pypdf without a PDF)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from e5portfolio import cli
from tests.support.cli import e5portfolio_in_process

from .conftest import PortfolioCopy

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_portfolio"
CODES = ["B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6"]
PERIODE = (
    "réalisation « Domaine Active Directory du laboratoire » : la fin (10/01/2025) est avant le "
    "début (13/01/2025) : corrigez les dates (sont-elles inversées ?)"
)
NUMERO = (
    "numéro de candidat absent : écrivez-le dans prive.yml, à côté de portfolio.yml, sous la forme "
    '« candidat: {numero: "…"} » (il figure sur votre convocation ; ce fichier reste sur votre '
    "ordinateur et le numéro n'est pas publié)"
)


def e5(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI in-process (tests/support/cli.py); never a traceback, whatever happens."""
    result = e5portfolio_in_process(*args, cwd=cwd, env=env)
    assert "Traceback" not in result.stderr + result.stdout
    return result


@pytest.fixture
def broken(portfolio: PortfolioCopy) -> PortfolioCopy:
    """One error (periode-inversee, line 35) and one warning (numero-candidat-absent, line 3)."""
    return portfolio.drop('  numero: "02412345678"').edit("      fin: 2025-03-07", "      fin: 2025-01-10")


# --- text -------------------------------------------------------------------------------------------


def test_text_report_from_the_portfolio_folder(broken):
    result = e5("check", cwd=broken.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [  # the error first, though the warning is higher in the file
        f"portfolio.yml:35:12: erreur [periode-inversee] {PERIODE}",
        f"portfolio.yml:3:1: avertissement [numero-candidat-absent] {NUMERO}",
    ]
    assert lines[-1] == "1 erreur, 1 avertissement, 0 information : à corriger avant l'épreuve."
    assert result.stderr == ""


def test_text_report_shows_paths_an_editor_can_open(broken):
    result = e5("check", "portfolio", cwd=broken.root.parent)
    assert result.stdout.splitlines()[0] == f"portfolio/portfolio.yml:35:12: erreur [periode-inversee] {PERIODE}"


def test_text_report_coverage_table_and_legend(portfolio):
    result = e5("check", str(portfolio.file), cwd=portfolio.root.parent)
    assert result.returncode == 0
    assert (
        result.stdout
        == """\
Couverture des compétences du bloc (✓ = compétence mobilisée par la réalisation) :
        R1 R2 R3  total
  B1.1   ✓  ·  ·  1
  B1.2   ·  ✓  ·  1
  B1.3   ·  ·  ✓  1
  B1.4   ·  ✓  ·  1
  B1.5   ✓  ·  ·  1
  B1.6   ·  ·  ✓  1
Légende :
  R1 = lab-ad — Domaine Active Directory du laboratoire
  R2 = glpi-inventaire — Inventaire du parc avec GLPI
  R3 = site-web — Évolution du site web
  B1.1 = Gérer le patrimoine informatique
  B1.2 = Répondre aux incidents et aux demandes d'assistance et d'évolution
  B1.3 = Développer la présence en ligne de l'organisation
  B1.4 = Travailler en mode projet
  B1.5 = Mettre à disposition des utilisateurs un service informatique
  B1.6 = Organiser son développement professionnel

0 erreur, 0 avertissement, 0 information : portfolio prêt.
"""
    )


def test_text_report_marks_a_missing_competence(portfolio):
    portfolio.edit("[B1.3.1, B1.3.2, B1.3.3, B1.6.1, B1.6.2, B1.6.3, B1.6.4]", "[B1.6]")
    result = e5("check", cwd=portfolio.root)
    assert "  B1.3   ·  ·  ·  0  MANQUANTE" in result.stdout.splitlines()
    assert result.returncode == 1


# --- json -------------------------------------------------------------------------------------------


def test_json_report_matches_the_contract(broken):
    result = e5("check", "--format", "json", cwd=broken.root)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "version": 1,
        "portfolio": "portfolio.yml",
        "findings": [
            {
                "rule": "numero-candidat-absent",
                "severity": "warning",
                "message": NUMERO,
                "file": "portfolio.yml",
                "line": 3,
                "column": 1,
            },
            {
                "rule": "periode-inversee",
                "severity": "error",
                "message": PERIODE,
                "file": "portfolio.yml",
                "line": 35,
                "column": 12,
            },
        ],
        "coverage": {
            "B1.1": ["lab-ad"],
            "B1.2": ["glpi-inventaire"],
            "B1.3": ["site-web"],
            "B1.4": ["glpi-inventaire"],
            "B1.5": ["lab-ad"],
            "B1.6": ["site-web"],
        },
        "summary": {"errors": 1, "warnings": 1, "infos": 0},
    }
    assert list(json.loads(result.stdout)["coverage"]) == CODES


def test_json_report_of_an_unreadable_file_has_null_positions_and_empty_coverage(tmp_path):
    with (tmp_path / "portfolio.yml").open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse, over the 20 MB limit
    result = e5("check", "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert [(f["rule"], f["severity"], f["line"], f["column"]) for f in report["findings"]] == [
        ("syntaxe-yaml", "error", None, None)
    ]
    assert report["coverage"] == {code: [] for code in CODES}
    assert report["summary"] == {"errors": 1, "warnings": 0, "infos": 0}


def test_json_report_with_an_info(portfolio):
    portfolio.edit("B1.5.2, B1.5.3]", "B1.5.2]")
    result = e5("check", "--format", "json", cwd=portfolio.root)
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("sous-competence-non-couverte", "info")]
    assert report["summary"] == {"errors": 0, "warnings": 0, "infos": 1}


# --- github -----------------------------------------------------------------------------------------

GITHUB = [
    f"::warning file=portfolio.yml,line=3,col=1,title=numero-candidat-absent::{NUMERO}",
    f"::error file=portfolio.yml,line=35,col=12,title=periode-inversee::{PERIODE}",
    "1 erreur, 1 avertissement, 0 information : à corriger avant l'épreuve.",
]


def test_github_format(broken):
    result = e5("check", "--format", "github", cwd=broken.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == GITHUB


def test_github_format_is_the_default_in_github_actions(broken):
    # In GitHub Actions the N° candidat is expected to stay in prive.yml: no warning for it.
    result = e5("check", cwd=broken.root, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.splitlines() == [
        GITHUB[1],
        "1 erreur, 0 avertissement, 0 information : à corriger avant l'épreuve.",
    ]


# --- --strict and exit codes ------------------------------------------------------------------------


def test_strict_turns_warnings_into_errors(portfolio):
    portfolio.drop('  numero: "02412345678"')
    assert e5("check", cwd=portfolio.root).returncode == 0
    result = e5("check", "--strict", "--format", "json", cwd=portfolio.root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("numero-candidat-absent", "error")]
    assert report["summary"] == {"errors": 1, "warnings": 0, "infos": 0}


def test_strict_leaves_infos_alone(portfolio):
    portfolio.edit("B1.5.2, B1.5.3]", "B1.5.2]")
    assert e5("check", "--strict", cwd=portfolio.root).returncode == 0


def test_missing_folder_exits_2_with_a_french_message(tmp_path):
    result = e5("check", "absent", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "e5portfolio : « absent » n'existe pas : indiquez le dossier du portfolio ou son fichier portfolio.yml\n"
    )


def test_folder_without_portfolio_exits_2(tmp_path):
    result = e5("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("e5portfolio : aucun fichier portfolio.yml dans le dossier « ")


def test_bad_option_exits_2(portfolio):
    assert e5("check", "--format", "xml", cwd=portfolio.root).returncode == 2
    assert e5("check", "--nope", cwd=portfolio.root).returncode == 2


@pytest.mark.parametrize(
    "content, start",
    [
        (b"\x00\x01\x02binaire", "portfolio.yml:1:1: erreur [syntaxe-yaml] "),
        (b"\xff\xfe\x00v", "portfolio.yml:1:1: erreur [syntaxe-yaml] "),
        (b"a: [", "portfolio.yml:2:1: erreur [syntaxe-yaml] "),
        (b"- 1\n- 2\n", "portfolio.yml:1:1: erreur [schema] "),
        (b"~", "portfolio.yml:1:1: erreur [schema] "),
        (b"version: 1\n", "portfolio.yml:1:1: erreur [schema] "),
    ],
)
def test_malformed_file_exits_1_without_traceback(tmp_path, content: bytes, start: str):
    (tmp_path / "portfolio.yml").write_bytes(content)
    result = e5("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(start)
    assert "Couverture des compétences" in result.stdout


def test_internal_error_is_reported_in_french_with_exit_2(monkeypatch, capsys, portfolio):
    def boom(target, **options):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr("e5portfolio.pipeline.analyse", boom)
    monkeypatch.setattr(sys, "argv", ["e5portfolio", "check", str(portfolio.root)])
    monkeypatch.delenv("E5PORTFOLIO_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.run()
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "e5portfolio : erreur interne inattendue (RuntimeError: panne simulée). Merci de la "
        "signaler avec le fichier qui la provoque.\n"
    )
    assert "Traceback" not in captured.err


# --- --sans-attestations: the attestations stay on the student's computer ----------------------------

NOT_CHECKED = (
    "attestation du stage « stage1 » : fichier « attestations/stage1.pdf » non vérifié "
    "(--sans-attestations : les attestations restent sur votre ordinateur) ; lancez « e5portfolio "
    "check » sur votre ordinateur pour le vérifier avant « e5portfolio dossier »"
)


def test_absent_attestation_files_stop_check_unless_they_stay_on_the_computer(portfolio):
    for name in ("stage1.pdf", "stage2.pdf"):
        (portfolio.root / "attestations" / name).unlink()
    without = e5("check", "--format", "json", cwd=portfolio.root)
    assert without.returncode == 1
    assert [f["rule"] for f in json.loads(without.stdout)["findings"]] == ["fichier-introuvable"] * 2
    with_option = e5("check", "--format", "json", "--sans-attestations", cwd=portfolio.root)
    assert with_option.returncode == 0
    report = json.loads(with_option.stdout)
    assert report["findings"][0] == {
        "rule": "attestation-non-verifiee",
        "severity": "info",
        "message": NOT_CHECKED,
        "file": "portfolio.yml",
        "line": 21,
        "column": 18,
    }
    assert [f["rule"] for f in report["findings"]] == ["attestation-non-verifiee"] * 2
    assert report["summary"] == {"errors": 0, "warnings": 0, "infos": 2}
    github = e5("check", "--format", "github", "--sans-attestations", "--strict", cwd=portfolio.root)
    assert github.returncode == 0
    assert github.stdout.splitlines()[0] == (
        f"::notice file=portfolio.yml,line=21,col=18,title=attestation-non-verifiee::{NOT_CHECKED}"
    )


def test_attestation_path_leaving_the_folder_fails_check_even_with_the_option(portfolio):
    portfolio.edit("attestation: attestations/stage1.pdf", "attestation: ../attestations/stage1.pdf")
    result = e5("check", "--format", "json", "--sans-attestations", cwd=portfolio.root)
    assert result.returncode == 1
    assert [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("chemin-hors-portfolio", 21)]


# --- start-up -----------------------------------------------------------------------------------------


@pytest.mark.process
def test_check_imports_neither_mkdocs_nor_openpyxl(portfolio):
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['e5portfolio', 'check', {str(portfolio.root)!r}]\n"
        "try:\n"
        "    runpy.run_module('e5portfolio', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'openpyxl', "
        "'playwright', 'pypdf'))\n"
        "print('CODE', code, 'HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "CODE 0 HEAVY []"


# --- the sample portfolio -----------------------------------------------------------------------------


def test_sample_portfolio_passes_strict_with_no_finding():
    result = e5("check", "--strict", "--format", "json", str(SAMPLE), cwd=REPO)
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["summary"] == {"errors": 0, "warnings": 0, "infos": 0}
    assert all(report["coverage"][code] for code in CODES)
    assert result.returncode == 0
