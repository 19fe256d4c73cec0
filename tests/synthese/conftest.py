"""Helpers of the tableau de synthèse tests: the fixture portfolio, the official-like model, the CLI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from e5portfolio.cli import main
from e5portfolio.pipeline import Analysis, analyse

from . import official_like_model

HERE = Path(__file__).parent
FIXTURE_PORTFOLIO = HERE / "fixtures" / "portfolio"
SAMPLE = HERE.parents[1] / "sample_portfolio"


def run_cli(*args: str | os.PathLike[str]) -> Result:
    """Run `e5portfolio ARGS…` in-process (the same click group as the console script)."""
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def portfolio_dir(tmp_path: Path) -> Path:
    """An editable copy of the fixture portfolio."""
    target = tmp_path / "portfolio"
    shutil.copytree(FIXTURE_PORTFOLIO, target)
    return target


@pytest.fixture(scope="session")
def analysis() -> Analysis:
    result = analyse(FIXTURE_PORTFOLIO)
    assert result.validated is not None and not result.report.has_errors, result.report.findings
    return result


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """The official-like model: landmarks moved, too few rows in its parts."""
    return official_like_model.build(tmp_path / "modele.xlsx")


# The fixture portfolio as the tableau must show it: part → rows by date
# (intitulé, période, productions, competence codes).
EXPECTED = {
    "formation": [
        ("Environnement d'apprentissage et veille", "16/09/24 au 31/01/25", ["Dépôt de mes fiches"], ["B1.6"]),
        ("Site web d'une association sportive", "13/01/25 au 07/03/25", ["Site publié"], ["B1.3"]),
        (
            "API REST de réservation de salles",
            "15/09/25 au 28/11/25",
            ["Dépôt de l'API", "Documentation OpenAPI"],
            ["B1.4", "B1.5"],
        ),
    ],
    "annee1": [
        (
            "Inventaire du parc avec GLPI",
            "20/05/25 au 13/06/25",
            ["Procédure d'installation de GLPI", "Script d'inventaire"],
            ["B1.1"],
        ),
    ],
    "annee2": [
        (
            "Évolution de l'application de gestion des stocks",
            "05/01/26 au 27/02/26",
            ["Dépôt de l'application"],
            ["B1.2", "B1.4", "B1.5"],
        ),
        ("Traitement des demandes d'assistance", "19/01/26 au 13/02/26", ["Bilan des tickets"], ["B1.2"]),
    ],
}
