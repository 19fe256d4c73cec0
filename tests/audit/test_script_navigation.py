"""Script-built navigation told right without a browser, on hand-made sites that reproduce real
students' patterns: a landing page with one « Entrer » link and a typewriter animation (a plain
HTML menu behind it), and a menu kept in menu.html that a script fetches and inserts while the
home page has ordinary content links. Real local servers (the audit's own), the real Chromium for
the rendered check."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from e5portfolio.audit.engine import audit_folder
from e5portfolio.core.findings import Severity

from .conftest import FAST, FIXTURES, findings_of

READINESS = ("tableau-absent", "mentions-legales-absentes", "veille-absente", "identite-pro-absente")


@pytest.fixture
def landing_site(tmp_path):
    return shutil.copytree(FIXTURES / "landing_site", tmp_path / "landing_site")


@pytest.fixture
def fetched_menu_site(tmp_path):
    return shutil.copytree(FIXTURES / "fetched_menu_site", tmp_path / "fetched_menu_site")


def test_a_plain_menu_behind_an_animated_landing_page_is_no_script_menu(landing_site):
    result = audit_folder(landing_site, FAST)
    assert not result.script_navigation and not findings_of(result, "menu-javascript")
    assert result.unverified == []
    assert sorted(result.pages) == [
        "accueil.html",
        "index.html",
        "mentions-legales.html",
        "projets.html",
        "veille.html",
    ]
    # every verdict is given: all four are present on this site
    assert [f for f in result.findings if f.rule in READINESS] == []
    assert result.tableau_present and result.penalties["tableau-absent"] == 0


def test_a_fetched_menu_with_content_links_is_a_script_menu(fetched_menu_site):
    result = audit_folder(fetched_menu_site, FAST)
    assert result.script_navigation
    [menu] = findings_of(result, "menu-javascript")
    assert menu.severity is Severity.WARNING
    assert menu.message.startswith(
        "menu construit par JavaScript : relancez avec le navigateur (--browser) ; sans lui, l'audit n'a vu que 3 pages"
    )
    assert "(par exemple « menu.html », « pied.html », que seul un script atteint)" in menu.message
    # the tableau is behind the script menu: « non vérifiable », never a penalty
    [tableau] = findings_of(result, "tableau-absent")
    assert tableau.severity is Severity.INFO and " non vérifiable : " in tableau.message
    assert "tableau-absent" in result.unverified
    assert result.penalties == {"portfolio-inaccessible": 0, "tableau-absent": 0}


@pytest.mark.browser
@pytest.mark.usefixtures("linkchecker")
def test_with_the_browser_the_fetched_menu_is_followed(chromium, fetched_menu_site):
    result = audit_folder(
        fetched_menu_site, dataclasses.replace(FAST, browser=dataclasses.replace(FAST.browser, use=True))
    )
    assert result.browser_used and not result.script_navigation
    assert {"tableau.html", "veille.html", "mentions.html"} <= set(result.pages)
    assert result.tableau_present and result.penalties["tableau-absent"] == 0
    assert [f for f in result.findings if f.rule in ("tableau-absent", "veille-absente")] == []
