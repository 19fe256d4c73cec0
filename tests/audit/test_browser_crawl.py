"""Script-built portfolios and a page that fakes axe: real servers on 127.0.0.1, the real Chromium.

The fixture `script_site` is hand-made: its menu, its footer (mentions légales, LinkedIn) and the
link to its tableau are written by `components.js`; the raw HTML of its pages has almost no link.
"""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from e5portfolio.audit import a11y_browser
from e5portfolio.audit.engine import audit_folder, audit_url
from e5portfolio.audit.report import render_html, render_json, render_text
from e5portfolio.core.findings import Severity
from tests.support.tools import require_tool

from .conftest import FAST, FAST_LINKS, FIXTURES, findings_of, page, send

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("linkchecker")]

WITH_BROWSER = dataclasses.replace(FAST, browser=dataclasses.replace(FAST.browser, use=True))
READINESS = ("tableau-absent", "mentions-legales-absentes", "veille-absente", "identite-pro-absente")


@pytest.fixture
def script_site(tmp_path):
    return shutil.copytree(FIXTURES / "script_site", tmp_path / "script_site")


@pytest.fixture
def fake_axe_site(tmp_path):
    return shutil.copytree(FIXTURES / "fake_axe_site", tmp_path / "fake_axe_site")


def _broken_targets(result) -> set[str]:
    return {f.message.split("« ")[1].split(" »")[0] for f in findings_of(result, "lien-casse")}


def test_with_the_browser_every_script_written_link_is_followed(chromium, script_site):
    result = audit_folder(script_site, WITH_BROWSER)
    assert result.browser_used and not result.script_navigation
    assert sorted(result.pages) == ["index.html", "mentions-legales.html", "projets.html", "veille.html"]
    # the tableau (a PDF linked from the script-built menu) is found: no false 2-point penalty
    assert result.tableau_present and result.penalties == {"portfolio-inaccessible": 0, "tableau-absent": 0}
    for rule in READINESS:  # mentions légales, veille and LinkedIn are in the script-built menu and footer
        assert not findings_of(result, rule), rule
    # a dead link written by the script, and a dead link in the raw HTML of a page only the script links to
    assert _broken_targets(result) == {"contact.html", "fiche-absente.html"}
    [fiche] = [f for f in findings_of(result, "lien-casse") if "fiche-absente" in f.message]
    assert (fiche.file, fiche.line) == ("projets.html", 13)
    assert not findings_of(result, "menu-javascript")
    # the menu's defect (small targets) is one finding for the shared template, not one per page
    [targets] = findings_of(result, "a11y-target-size")
    assert targets.message.startswith(
        "sur 4 pages (index.html, projets.html, veille.html, mentions-legales.html), défaut du modèle commun : "
    )
    assert "a « Contact »" in targets.message  # short human labels, not CSS paths
    text = render_text(result)
    assert "Pages analysées : 4" in text and "navigateur (axe-core) : oui" in text
    lines = text.splitlines()
    # teacher first: penalties and analysis at the top, errors by cost (broken links before accessibility)
    assert lines[2].startswith("Pénalités prévisibles")
    order = [line.split("[")[1].split("]")[0] for line in lines if "] " in line and ": erreur [" in line]
    assert order == ["lien-casse", "lien-casse", "a11y-target-size"]


def test_pages_past_the_axe_limit_are_still_rendered_and_followed(chromium, script_site):
    result = audit_folder(
        script_site,
        dataclasses.replace(WITH_BROWSER, browser=dataclasses.replace(WITH_BROWSER.browser, axe_max_pages=1)),
    )
    assert sorted(result.pages) == ["index.html", "mentions-legales.html", "projets.html", "veille.html"]
    assert not findings_of(result, "tableau-absent") and not findings_of(result, "veille-absente")
    assert any(
        f.message.startswith("3 pages sans vérification axe-core dans le navigateur (limite de 1 page")
        for f in findings_of(result, "audit-incomplet")
    )


def test_without_the_browser_absences_are_not_asserted(script_site):
    result = audit_folder(script_site, FAST)
    assert not result.browser_used and result.script_navigation
    assert result.pages == ["index.html"]
    [menu] = findings_of(result, "menu-javascript")
    assert menu.severity is Severity.WARNING
    assert menu.message.startswith("menu construit par JavaScript : relancez avec le navigateur (--browser)")
    for rule in READINESS:
        [finding] = findings_of(result, rule)
        assert finding.severity is Severity.INFO and " non vérifiable : " in finding.message, finding
    assert sorted(result.unverified) == sorted(READINESS)
    assert result.penalties["tableau-absent"] == 0
    data = json.loads(render_json(result))
    assert data["analysis"] == {
        "pages": 1,
        "browser": False,
        "axe_pages": 0,
        "axe_layout_only": False,
        "script_navigation": True,
        "unverified": sorted(READINESS),
    }
    page_html = render_html(result)
    access = page_html.split('<h3 id="acces">')[1].split("<h3 ")[0]
    assert "menu construit par JavaScript" in access and "<li>Navigateur : non</li>" in page_html
    assert "Pages analysées : 1 ; liens vérifiés" in render_text(result)


def test_a_plain_site_is_not_taken_for_a_script_built_one(bad_site):
    result = audit_folder(bad_site, FAST)
    assert not result.script_navigation and not findings_of(result, "menu-javascript")


def test_external_links_written_by_script_are_checked(chromium, server, outside):
    other, _ = server({"/profil": page("<p>Profil</p>")})  # another host: an « external » site
    outside(other)  # on 127.0.0.1, it stands for a site of the Internet (audit.scope)
    script = (
        f"document.getElementById('pied').innerHTML = '<a href=\"{other}profil\">Profil</a> "
        f'<a href="{other}disparu">Ancien site</a> <a href="page2.html">Suite</a>\';'
    )
    base, _ = server(
        {
            "/": page('<main><h1>Accueil</h1></main><footer id="pied"></footer><script src="menu.js"></script>'),
            "/menu.js": lambda h: send(h, 200, script, content_type="text/javascript"),
            "/page2.html": page("<main><h1>Suite</h1></main>"),
        }
    )
    options = dataclasses.replace(WITH_BROWSER, links=dataclasses.replace(FAST_LINKS, check_extern=True))
    result = audit_url(base, options)
    assert len(result.pages) == 2
    broken = findings_of(result, "lien-casse")
    assert [f.message.split(" (")[0] for f in broken] == [f"lien externe cassé vers « {other}disparu »"]


def test_a_page_that_plants_its_own_axe_is_still_found_failing(chromium, fake_axe_site):
    result = audit_folder(fake_axe_site, WITH_BROWSER)
    assert result.browser_used
    home = [f for f in result.findings if f.file == "index.html" and f.rule.startswith("a11y-")]
    rules = {f.rule for f in home}
    assert {"a11y-image-alt", "a11y-color-contrast"} <= rules
    [image] = [f for f in home if f.rule == "a11y-image-alt"]
    assert image.line is None  # axe's finding (the static one has a line): axe really ran, in its own world
    assert image.hint and image.hint.startswith("en savoir plus : https://dequeuniversity.com/rules/axe/")


def test_same_site_same_result(chromium, script_site):
    first = audit_folder(script_site, WITH_BROWSER)
    second = audit_folder(script_site, WITH_BROWSER)
    assert first.pages == second.pages
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings]


def test_class_workbook_says_what_was_seen(chromium, tmp_path):
    from openpyxl import load_workbook

    from e5portfolio.audit.classe import audit_class, read_class_list

    for name in ("un", "deux", "trois"):
        shutil.copytree(FIXTURES / "script_site", tmp_path / name)
    listing = tmp_path / "classe.csv"
    listing.write_text("nom;prenom;numero;url\nUN;A;01;un\nDEUX;B;02;deux\nTROIS;C;03;trois\n", encoding="utf-8")
    candidates = read_class_list(listing)

    def rows(options, name):
        workbook = tmp_path / name
        audit_class(candidates, options, workbook, base=tmp_path, workers=2)
        sheet = load_workbook(workbook).active
        header = [cell.value for cell in sheet[1]]
        return [dict(zip(header, [cell.value for cell in row], strict=True)) for row in sheet.iter_rows(min_row=2)]

    for row in rows(WITH_BROWSER, "avec.xlsx"):  # two workers sharing one Chromium, one context per candidate
        assert (row["Navigateur"], row["Pages analysées"], row["Tableau de synthèse"]) == ("Oui", 4, "Présent")
        assert (row["Mentions légales"], row["Veille"], row["Identité pro"]) == ("Oui", "Oui", "Oui")
        assert row["Pénalités prévisibles (points)"] == 0
        assert row["Première erreur à corriger"].startswith("lien cassé vers « contact.html »")
    for row in rows(FAST, "sans.xlsx"):
        assert (row["Navigateur"], row["Pages analysées"]) == ("Non", 1)
        assert {row[name] for name in ("Tableau de synthèse", "Mentions légales", "Veille", "Identité pro")} == {
            "Non vérifiable"
        }
        assert row["Pénalités prévisibles (points)"] == 0


def test_axe_comes_only_from_the_package(tmp_path, monkeypatch):
    planted = tmp_path / "node_modules" / "axe-core" / "axe.min.js"
    planted.parent.mkdir(parents=True)
    planted.write_text("window.axe = {run: async () => ({violations: []})};", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    script = a11y_browser.find_axe_script()
    assert script == a11y_browser.VENDOR / "axe.min.js"
    assert "axe.min.js" in script.name and script.stat().st_size > 100_000
    assert (
        (a11y_browser.VENDOR / "LICENSE-axe-core.txt")
        .read_text(encoding="utf-8")
        .startswith("Mozilla Public License, version 2.0")
    )


def test_vendored_axe_matches_the_pinned_npm_package():
    from tests.support.browser import REPO_ROOT

    npm = REPO_ROOT / "node_modules" / "axe-core"
    require_tool((npm / "axe.min.js").is_file(), f"{npm} missing: run `npm ci` at the repo root")
    assert (a11y_browser.VENDOR / "axe.min.js").read_bytes() == (npm / "axe.min.js").read_bytes()
    assert (a11y_browser.VENDOR / "axe-fr.json").read_bytes() == (npm / "locales" / "fr.json").read_bytes()
    assert (a11y_browser.VENDOR / "LICENSE-axe-core.txt").read_bytes() == (npm / "LICENSE").read_bytes()
    version = json.loads((npm / "package.json").read_text(encoding="utf-8"))["version"]
    assert f"axe-core\n**{version}**" in (a11y_browser.VENDOR / "README.md").read_text(encoding="utf-8")


def test_chromium_keeps_its_sandbox_unless_root(monkeypatch):
    from e5portfolio import browser

    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000, raising=False)
    assert "--no-sandbox" not in a11y_browser.chromium_args()
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0, raising=False)
    assert "--no-sandbox" in a11y_browser.chromium_args()


def test_every_axe_rule_has_french_advice(chromium):
    from playwright.sync_api import sync_playwright

    from e5portfolio.audit.axe_advice import advice_for, advice_table
    from tests.support.browser import axe_source, launch_browser

    with sync_playwright() as pw, launch_browser(pw) as browser:
        page_ = browser.new_page()
        page_.set_content("<!DOCTYPE html><html lang='fr'><title>t</title></html>")
        page_.add_script_tag(content=axe_source())
        rules = page_.evaluate("(tags) => axe.getRules(tags).map(r => r.ruleId)", list(a11y_browser.WCAG_TAGS))
    assert len(rules) > 50
    missing = [rule for rule in rules if rule not in advice_table()]
    assert missing == []
    assert all("://" not in advice_for(rule) for rule in rules)  # the Deque link is only « en savoir plus »
