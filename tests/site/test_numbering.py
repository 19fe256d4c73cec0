"""One numbering: `check`'s R-labels, the site, the frise, the tableau and the PDF list the
réalisations in the same order (the tableau's parts, then by date), on a portfolio whose file
order differs from both the date order and that order."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from site_helpers import MINIMAL, copy_portfolio, e5portfolio

from e5portfolio.core.ordering import labels, ordered
from e5portfolio.pipeline import analyse
from e5portfolio.tableau.reader import read_tableau
from tests.support.browser import require_chromium
from tests.support.tools import require_tool

# file order: vlan (formation, 2e année, sept. 2025), serveur-sauvegarde (stage, 1re année,
# mai 2025), projet-site (formation, janv. 2025); date order: projet-site, serveur, vlan
EXPECTED = ["projet-site", "vlan", "serveur-sauvegarde"]
TITLES = {
    "projet-site": "Site vitrine en équipe",
    "vlan": "Segmentation en VLAN",
    "serveur-sauvegarde": "Serveur de sauvegarde",
}


@pytest.fixture(scope="module")
def shuffled(tmp_path_factory: pytest.TempPathFactory):
    portfolio = copy_portfolio(MINIMAL, tmp_path_factory.mktemp("numbering") / "portfolio")

    def change(data: dict) -> None:
        vlan = {
            "id": "vlan",
            "intitule": TITLES["vlan"],
            "cadre": "formation",
            "annee": 2,
            "periode": {"debut": "2025-09-15", "fin": "2025-10-17"},
            "description": "Découpage du réseau du laboratoire en VLAN.",
            "competences": ["B1.1", "B1.2"],
            "productions": [{"titre": "Plan d'adressage", "lien": "https://example.org/plan"}],
        }
        data["realisations"] = [vlan, *data["realisations"]]

    return portfolio.edit(change)


def test_the_order_is_by_part_then_by_date(shuffled) -> None:
    entries = analyse(shuffled.folder).validated.realisations
    assert [e.id for e in entries] == ["vlan", "serveur-sauvegarde", "projet-site"]  # file order
    assert [e.id for e in ordered(entries)] == EXPECTED
    assert labels(entries) == {"projet-site": "R1", "vlan": "R2", "serveur-sauvegarde": "R3"}


def test_check_labels_follow_the_order(shuffled) -> None:
    result = e5portfolio("check", shuffled.folder)
    legend = re.findall(r"^\s+(R\d+) = (\S+) — ", result.stdout, re.M)
    assert legend == [("R1", "projet-site"), ("R2", "vlan"), ("R3", "serveur-sauvegarde")], result.stdout


@pytest.fixture(scope="module")
def shuffled_site(shuffled) -> Path:
    result = shuffled.build("--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return shuffled.folder / "site"


def _linked_realisations(html: str) -> list[str]:
    ids = re.findall(r'href="(?:\.\./)?realisations/([\w-]+)\.html"', html)
    return list(dict.fromkeys(ids))


def test_site_index_frise_and_neighbours_follow_the_order(shuffled_site: Path) -> None:
    index = (shuffled_site / "realisations.html").read_text(encoding="utf-8")
    assert _linked_realisations(index) == EXPECTED
    parcours = (shuffled_site / "parcours.html").read_text(encoding="utf-8")
    # the frise's text version lists them in that order too, not by date
    numbered = re.findall(r'R(\d+) : <a href="realisations/([\w-]+)\.html"', parcours)
    assert numbered == [("1", "projet-site"), ("2", "vlan"), ("3", "serveur-sauvegarde")]
    assert sorted(re.findall(r">(R\d+)</text>", parcours)) == ["R1", "R2", "R3"]  # the bars
    middle = (shuffled_site / "realisations" / "vlan.html").read_text(encoding="utf-8")
    assert re.search(r'href="projet-site\.html" rel="prev"', middle)
    assert re.search(r'href="serveur-sauvegarde\.html" rel="next"', middle)


def test_tableau_rows_follow_the_order(shuffled_site: Path) -> None:
    rows = read_tableau(shuffled_site / "tableau-de-synthese.xlsx").rows
    assert [row.intitule for row in rows] == [TITLES[i] for i in EXPECTED]


@pytest.mark.browser
def test_pdf_follows_the_order(shuffled, tmp_path: Path) -> None:
    require_chromium()
    require_tool(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    output = tmp_path / "numbering.pdf"
    result = e5portfolio("pdf", shuffled.folder, "-o", output)
    assert result.returncode == 0, result.stdout + result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(output), "-"], capture_output=True, text=True, check=True).stdout
    toc = text.split("\f", 1)[0]
    positions = [toc.find(TITLES[i]) for i in EXPECTED]
    assert -1 not in positions and positions == sorted(positions), toc
