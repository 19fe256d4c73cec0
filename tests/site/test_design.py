"""The portfolio design of the built sample, in a real headless Chromium: the home page's cards
and competence badges, the tableau stacked on a phone, the menu lit on a réalisation page, and the
school's colours (publication: couleur, couleur_sombre) still AA. Every page's axe-core, gaps and
sideways scroll: test_every_page.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from site_helpers import MINIMAL, copy_portfolio, site_pages

from tests.support.browser import PALETTE_SCHEMES, format_violations, run_axe, set_palette

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

# Text of an element as a sighted reader sees it: without the words for screen readers only.
_VISIBLE_TEXT = """(element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll('.e5-sr, .md-search, script, style').forEach((e) => e.remove());
  return copy.innerText === undefined ? copy.textContent : copy.textContent;
}"""


def _realisation_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "realisations").glob("*.html"))


def test_home_page_links_every_realisation_through_a_card(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "index.html").as_uri())
    expected = _realisation_pages(sample_site)
    assert len(expected) == 8
    titles = page.locator(".e5-cartes > li.e5-carte .e5-carte__titre a")
    assert sorted(titles.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")) == expected
    # a card says where and when, shows the technologies and no file noise; following its
    # link opens the réalisation
    card = page.locator("li.e5-carte", has=page.locator("a[href='realisations/glpi-inventaire.html']"))
    assert "Stage · Breizh Transports SARL, Vern-sur-Seiche" in card.inner_text()
    assert re.search(r"Du 19 mai 2025 au 6 juin 2025", card.inner_text())
    assert card.locator(".e5-puces li").all_inner_texts()[:2] == ["GLPI 10", "GLPI Agent 1.11"]
    assert not re.search(r"octets|Ko\b|Réalisation en cours de formation", page.locator(".e5-cartes").inner_text())
    card.locator(".e5-carte__titre a").click()
    page.wait_for_url("**/realisations/glpi-inventaire.html")
    assert page.locator("h1").inner_text().startswith("Inventaire automatisé du parc informatique avec GLPI")


def test_card_badges_are_named_by_the_competence_title_and_lead_to_it(sample_site: Path, page_at):
    from playwright.sync_api import expect

    titles = {
        "B1.1": "Gérer le patrimoine informatique",
        "B1.2": "Répondre aux incidents et aux demandes d'assistance et d'évolution",
        "B1.3": "Développer la présence en ligne de l'organisation",
        "B1.4": "Travailler en mode projet",
        "B1.5": "Mettre à disposition des utilisateurs un service informatique",
        "B1.6": "Organiser son développement professionnel",
    }
    page = page_at(WIDE)
    page.goto((sample_site / "index.html").as_uri())
    badges = page.locator(".e5-carte .e5-badges a")
    assert badges.count() >= 8
    for index in range(badges.count()):
        badge = badges.nth(index)
        code = badge.evaluate(_VISIBLE_TEXT).strip()
        assert code in titles, code  # the badge shows the code only…
        expect(badge).to_have_accessible_name(f"{code} {titles[code]}")  # …and is named by its title
    # the coverage strip: six links, each named by the competence and its count
    strip = page.locator(".e5-bandeau-competences a")
    assert strip.count() == 6
    expect(strip.first).to_have_accessible_name("B1.1 Gérer le patrimoine informatique 6 réalisations")
    assert strip.first.get_attribute("href") == "competences.html#competence-b1-1"
    box = page.locator(".e5-carte .e5-badges .e5-sr").first.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1  # the title is for screen readers, not drawn
    page.get_by_role("link", name="B1.4 Travailler en mode projet").first.click()
    page.wait_for_url("**/competences.html#competence-b1-4")
    heading = page.locator("#competence-b1-4 + h2")
    assert heading.inner_text().startswith("B1.4 Travailler en mode projet")
    assert 0 <= heading.bounding_box()["y"] < WIDE["height"]  # scrolled into view


def test_tableau_on_a_phone_is_one_block_per_realisation_listing_competence_titles(sample_site: Path, page_at):
    page = page_at(PHONE)
    page.goto((sample_site / "tableau-de-synthese.html").as_uri())
    assert page.locator(".e5-tableau thead").is_hidden()
    assert page.locator("caption").count() == 1  # « Identification du candidat » is a heading only
    row = page.locator(".e5-tableau tbody tr", has=page.locator("a[href='realisations/glpi-inventaire.html']"))
    text = row.inner_text()
    assert "B1.1 Gérer le patrimoine informatique" in text
    assert "B1.2 Répondre aux incidents et aux demandes d'assistance et d'évolution" in text
    assert "B1.3" not in text and not re.search(r"(^|\s)X(\s|$)", text)
    box, screen = row.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= screen["width"]
    # on a wide screen: the official layout, competence titles as column heads and X marks
    page.set_viewport_size(WIDE)
    heads = page.locator(".e5-tableau thead th.e5-competence").all_inner_texts()
    assert [re.sub(r"\s+", " ", h) for h in heads][0] == "B1.1 Gérer le patrimoine informatique" and len(heads) == 6
    assert row.locator("td.e5-oui").first.inner_text() == "X"


def test_realisation_page_lights_realisations_in_the_menu_and_shows_its_summary(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "realisations" / "lab-vlan-pfsense.html").as_uri())
    # the menu is a row of tabs at the top on a wide screen (the left column is hidden)
    lit = page.locator(".md-tabs .md-tabs__item--active > a.md-tabs__link")
    assert [t.strip() for t in lit.all_inner_texts()] == ["Réalisations"]
    assert page.locator(".md-sidebar--primary").is_hidden()
    summary = page.locator(".e5-resume dl.e5-fiche")
    assert summary.locator("dt").all_inner_texts()[0] == "Cadre"
    assert summary.locator(".e5-puces li").count() >= 2  # technologies as chips
    assert page.locator(".e5-contribution").count() == 1  # team work: the contribution stands out
    footer = page.locator(".md-copyright").inner_text()
    assert f"© {dt.date.today().year} " in footer


@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_school_colours_and_logo_are_used_and_stay_aa(tmp_path: Path, page_at, scheme: str):
    portfolio = copy_portfolio(MINIMAL, tmp_path / "portfolio")
    (portfolio.folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/></svg>',
        encoding="utf-8",
    )
    portfolio.edit(
        lambda d: d.update(
            publication={
                "couleur": "#1a5e20",
                "couleur_sombre": "#a5d6a7",
                "logo": "logo.svg",
                "etablissement": "Lycée Exemple",
            }
        )
    )
    result = portfolio.build("--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    site = portfolio.folder / "site"
    page = page_at(WIDE)
    page.goto((site / "index.html").as_uri())
    set_palette(page, scheme)
    accent = page.evaluate("() => getComputedStyle(document.body).getPropertyValue('--e5p-accent').trim()")
    assert accent == {"default": "#1a5e20", "slate": "#a5d6a7"}[scheme]
    assert page.locator(".md-header img[src='fichiers/logo.svg']").count() == 1
    assert "Lycée Exemple" in page.locator(".md-copyright").inner_text()
    problems = []
    for path in site_pages(site):
        page.goto(path.as_uri())
        violations = run_axe(page)
        if violations:
            problems.append(f"{path.name}:\n{format_violations(violations)}")
    assert problems == [], "\n".join(problems)


def test_an_unreadable_colour_stops_the_build_with_a_french_message(tmp_path: Path):
    portfolio = copy_portfolio(MINIMAL, tmp_path / "portfolio")
    portfolio.edit(lambda d: d.update(publication={"couleur": "#ffd54f"}))
    result = portfolio.build()
    assert result.returncode != 0
    assert "couleur « #ffd54f » trop peu contrastée sur fond blanc" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (portfolio.folder / "site" / "index.html").exists()
