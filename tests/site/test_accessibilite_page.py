"""The optional « Accessibilité » page (publication.page_accessibilite): it states only the RGAA criteria
that were really tested at build time, with the tool, its version and the date, says what was not
tested, and how to report a problem."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_helpers import SAMPLE, Portfolio, copy_portfolio, site_pages

from e5portfolio import __version__
from e5portfolio.audit.a11y_static import RULES, check_page
from e5portfolio.audit.htmlpage import parse_page
from e5portfolio.cli import main
from e5portfolio.core.referential.rgaa import load_rgaa
from e5portfolio.site import accessibilite

pytestmark = pytest.mark.slow


def _enable(publication: dict):
    def change(data: dict) -> None:
        data["publication"] = {**(data.get("publication") or {}), **publication}

    return change


def _build(portfolio: Portfolio) -> Path:
    result = CliRunner().invoke(main, ["build", str(portfolio.folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return portfolio.folder / "site"


def _page(site: Path) -> str:
    [page] = [p for p in (site / "accessibilite.html", site / "accessibilite" / "index.html") if p.is_file()]
    return page.read_text(encoding="utf-8")


def _tested(html: str) -> dict[str, str]:
    """Criterion number → its result cell, from the page's table."""
    return dict(re.findall(r'<tr data-rgaa="([\d.]+)">.*?<td>.*?</td><td>(.*?)</td></tr>', html))


def test_the_sample_page_states_only_the_criteria_tested_at_build(tmp_path):
    portfolio = copy_portfolio(SAMPLE, tmp_path / "sample").edit(_enable({"page_accessibilite": True}))
    site = _build(portfolio)
    html = _page(site)
    rgaa = load_rgaa()
    tested = _tested(html)
    # exactly the criteria of the static checks that ran on the built pages (the sample chooses no colour:
    # its contrast was not measured, so 3.2 is not claimed)
    expected = {c.number for rule in RULES for c in rgaa.criteria_of(f"a11y-{rule.id}")}
    assert set(tested) == expected and "3.2" not in tested
    # and each « aucun défaut détecté » is true: the same checks, run here on every built page, find nothing
    issues = [
        issue for path in site_pages(site) for issue in check_page(parse_page(path.as_uri(), path.read_text("utf-8")))
    ]
    failing = {c.number for issue in issues for c in rgaa.criteria_of(f"a11y-{issue.rule}")}
    assert all((result == "aucun défaut détecté") == (number not in failing) for number, result in tested.items())
    # the tool, its version, the date, the pages; what was not tested; how to report a problem
    today = dt.date.today().strftime("%d/%m/%Y")
    assert f"Tests faits le {today} par e5portfolio {__version__}, lors de la construction du site" in html
    assert f"le code HTML des {len(site_pages(site))} pages du site a été analysé automatiquement" in html
    untested = re.search(r'<p class="e5-rgaa-non-testes">Critères non testés : (.*?)\.</p>', html)[1].split(", ")
    assert len(untested) == 106 - len(tested) and "3.2" in untested and not set(untested) & set(tested)
    assert f"Les {len(untested)} autres critères du RGAA 4.1.2 (sur 106)" in html
    assert "ce site ne déclare pas de conformité au RGAA" in html
    assert "conforme" not in html.replace("conformité", "")  # nothing claims conformity
    assert 'href="mailto:' in html.split("Signaler un problème", 1)[1]
    # the site's search finds the results, not the text the page had before its pages were checked
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = {e["location"]: e for e in index if e["location"].startswith("accessibilite")}
    texts = " ".join(e["text"] for e in found.values())
    assert f"le code HTML des {len(site_pages(site))} pages du site a été analysé" in texts
    assert "aucun test automatique d'accessibilité n'a été fait" not in texts
    assert f"Les {len(untested)} autres critères du RGAA 4.1.2" in texts
    assert {e["title"] for e in found.values()} >= {"Tests automatiques", "Ce qui n'a pas été testé"}
    # the page is in the menu, before the mentions légales
    home = (site / "index.html").read_text(encoding="utf-8")
    tabs = home.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]  # the top menu
    assert tabs.count("Accessibilité") == 1 and tabs.index("Accessibilité") < tabs.index("Mentions légales")


def test_chosen_colours_add_criterion_3_2_and_nothing_more(tmp_path):
    portfolio = copy_portfolio(SAMPLE, tmp_path / "sample").edit(
        _enable({"page_accessibilite": True, "couleur": "#1a5e20"})
    )
    html = _page(_build(portfolio))
    tested = _tested(html)
    assert tested["3.2"] == "aucun défaut détecté"
    row = re.search(r'<tr data-rgaa="3.2">(.*?)</tr>', html)[1]
    assert "couleurs d&#39;accent choisies (couleur)" in row or "couleurs d'accent choisies" in row
    assert "le contraste du reste du texte n" in row


def test_without_the_key_there_is_no_page(tmp_path):
    site = _build(copy_portfolio(SAMPLE, tmp_path / "sample"))
    assert not (site / "accessibilite.html").exists() and not (site / "accessibilite").exists()
    assert "Accessibilité" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_defect_found_at_build_is_said_with_its_pages():
    rgaa = load_rgaa()
    tests = accessibilite.BuildTests(
        "e5portfolio 9.9",
        dt.date(2026, 5, 4),
        accessibilite.merged(
            [
                accessibilite.TestedCriterion(rgaa.criteria["1.1"], "images", failed_pages=2),
                accessibilite.TestedCriterion(rgaa.criteria["8.3"], "langue"),
            ]
        ),
        pages=5,
    )
    page = accessibilite.accessibility_page(tests, "")
    assert "Tests faits le 04/05/2026 par e5portfolio 9.9" in page and "le code HTML des 5 pages" in page
    assert _tested(page) == {"1.1": "défaut détecté sur 2 pages", "8.3": "aucun défaut détecté"}
    assert "contactez l'éditeur du site (voir la page « Mentions légales »)" in page
    # the results block of a built page is replaced, once, and only when found once
    built = (
        "<html><body><h1>Accessibilité</h1>"
        + accessibilite.results_html(accessibilite.BuildTests("e5portfolio 9.9", dt.date(2026, 5, 4), ()))
        + "</body></html>"
    )
    assert "aucun test automatique d'accessibilité n'a été fait" in built
    filled = accessibilite.with_results(built, tests)
    assert filled is not None and "défaut détecté sur 2 pages" in filled and "aucun test automatique d" not in filled
    assert accessibilite.with_results("<html></html>", tests) is None


def test_built_by_mkdocs_alone_the_page_claims_only_the_colours(tmp_path):
    """Without `e5portfolio build` (the plugin alone: mkdocs build, serve), the pages are not checked: the
    page says so, and names only what the colour rule tested."""
    from e5portfolio.commands.build import build_site
    from e5portfolio.pipeline import analyse

    portfolio = copy_portfolio(SAMPLE, tmp_path / "sample").edit(_enable({"page_accessibilite": True}))
    build_site(analyse(portfolio.folder), tmp_path / "nu", strict=False)
    html = _page(tmp_path / "nu")
    assert _tested(html) == {} and "aucun test automatique d'accessibilité n'a été fait" in html
    assert "Les 106 autres critères du RGAA 4.1.2 (sur 106)" in html

    portfolio.edit(_enable({"couleur_sombre": "#a5d6a7"}))
    build_site(analyse(portfolio.folder), tmp_path / "couleurs", strict=False)
    html = _page(tmp_path / "couleurs")
    assert set(_tested(html)) == {"3.2"}
    assert "seules les couleurs choisies pour le site ont été vérifiées" in html
