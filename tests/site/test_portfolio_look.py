"""A personal portfolio, not a documentation site (issue 20), on the built sample in a real
headless Chromium: the home page introduces a person (the name once, as its heading; who, what and
how to reach on a phone's first screen), cards show the work (a thumbnail, the technologies), the
pictures of a réalisation are shown in place, the chrome has no « Sur cette page » box on short
pages, and the frise's text version follows the site's one numbering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
NAME = "Camille LE GALL"

_LOADED = "(img) => img.complete && img.naturalWidth > 0"


def test_home_page_names_the_person_once_as_its_heading(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "index.html").as_uri())
    assert [t.replace("¶", "").strip() for t in page.locator("article h1").all_inner_texts()] == [NAME]
    article = page.locator("article").inner_text()
    assert article.count(NAME) == 1, article  # no second heading, no « LinkedIn de Camille LE GALL »
    assert page.locator("article h2, article h3").filter(has_text=NAME).count() == 0
    h1 = page.locator("article h1").evaluate("(h) => parseFloat(getComputedStyle(h).fontSize)")
    body = page.locator("article p").first.evaluate("(p) => parseFloat(getComputedStyle(p).fontSize)")
    assert h1 >= 2.2 * body  # large: the page is about this person
    assert page.locator(".e5-accroche").inner_text().startswith("Technicienne systèmes et réseaux en devenir")
    quiet = page.locator(".e5-cursus").inner_text()
    assert "option SISR" in quiet and "session 2026" in quiet and "Lycée Paul-Féval" in quiet
    buttons = page.locator(".e5-contacts a")
    assert [b.strip() for b in buttons.all_inner_texts()] == ["camille.legall@example.org", "LinkedIn", "GitHub"]
    assert buttons.first.get_attribute("href") == "mailto:camille.legall@example.org"


def test_a_phone_first_screen_shows_who_what_and_how_to_reach(sample_site: Path, page_at):
    page = page_at(PHONE)
    page.goto((sample_site / "index.html").as_uri())
    for selector in ("article h1", ".e5-accroche", ".e5-cursus", ".e5-contacts a >> nth=-1"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], (selector, box)
    portrait = page.locator(".e5-hero__portrait").bounding_box()
    intro = page.locator(".e5-hero__intro").bounding_box()
    assert portrait["x"] + portrait["width"] <= intro["x"]  # the portrait beside the headline


def test_home_page_has_no_on_this_page_box_but_a_long_page_keeps_it(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "index.html").as_uri())
    assert page.locator(".md-sidebar--secondary").is_hidden()
    assert page.get_by_text("Sur cette page").filter(visible=True).count() == 0
    assert page.locator(".md-sidebar--primary").is_hidden()  # no left tree on a wide screen…
    tabs = page.locator(".md-tabs a.md-tabs__link")  # …the sections are tabs at the top
    assert [t.strip() for t in tabs.all_inner_texts()][:3] == ["Accueil", "Parcours", "Réalisations"]
    assert tabs.first.is_visible()
    # a réalisation has four sections: its table of contents stays
    page.goto((sample_site / "realisations" / "supervision-zabbix.html").as_uri())
    assert page.locator(".md-sidebar--secondary").is_visible()
    # a phone keeps the menu in the drawer
    phone = page_at(PHONE)
    phone.goto((sample_site / "index.html").as_uri())
    phone.locator("label.md-header__button[for='__drawer']").click()
    phone.locator(".md-nav--primary a.md-nav__link", has_text="Parcours").first.wait_for(state="visible")


def test_a_card_shows_a_thumbnail_and_the_technologies(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "index.html").as_uri())
    card = page.locator("li.e5-carte", has=page.locator("a[href='realisations/lab-vlan-pfsense.html']"))
    thumbnail = card.locator(".e5-carte__vignette img")
    assert thumbnail.get_attribute("alt") == "Schéma du réseau segmenté"  # the production's title
    assert thumbnail.get_attribute("src") == "fichiers/productions/lab-vlan-pfsense/schema-reseau.png"
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({_LOADED})(document.querySelector('.e5-carte__vignette img'))", timeout=30_000)
    assert thumbnail.bounding_box()["width"] > 200
    assert card.locator(".e5-puces li").all_inner_texts() == [
        "pfSense 2.7",
        "Cisco Catalyst 2960",
        "802.1Q",
        "GNS3",
        "GanttProject",
    ]
    # the first picture among the productions, not the first production (a PDF comes first)
    zabbix = page.locator("li.e5-carte", has=page.locator("a[href='realisations/supervision-zabbix.html']"))
    assert zabbix.locator("img").get_attribute("alt") == "Tableau de bord de supervision du client (capture d'écran)"
    # a card without a picture has no image at all (its tinted band is decorative)
    glpi = page.locator("li.e5-carte", has=page.locator("a[href='realisations/glpi-inventaire.html']"))
    assert glpi.locator("img").count() == 0
    assert glpi.locator(".e5-carte__vignette").get_attribute("aria-hidden") == "true"
    # the competences: the code on the badge, its title as tooltip and accessible name
    badge = card.locator("a.e5-badge").first
    assert badge.get_attribute("title") == "Gérer le patrimoine informatique"


def test_a_realisation_shows_its_pictures_in_place(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "realisations" / "lab-vlan-pfsense.html").as_uri())
    picture = page.locator("article .e5-galerie img")
    assert picture.count() == 1
    assert picture.get_attribute("alt") == "Schéma du réseau segmenté"
    assert picture.get_attribute("src").endswith("/schema-reseau.png")
    picture.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({_LOADED})(document.querySelector('.e5-galerie img'))", timeout=30_000)
    assert picture.bounding_box()["width"] >= 300  # shown, not a link only
    # several pictures: a gallery, side by side on a wide screen
    page.goto((sample_site / "realisations" / "supervision-zabbix.html").as_uri())
    pictures = page.locator("article .e5-galerie--plusieurs img")
    assert pictures.count() == 2
    first, second = pictures.nth(0).bounding_box(), pictures.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and first["x"] + first["width"] <= second["x"]
    # a réalisation without a picture has no gallery
    page.goto((sample_site / "realisations" / "glpi-inventaire.html").as_uri())
    assert page.locator(".e5-galerie").count() == 0


def test_frise_text_version_follows_the_site_numbering(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "realisations.html").as_uri())
    order = page.locator("article table th[scope=row] a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )
    assert len(order) == 8
    page.goto((sample_site / "parcours.html").as_uri())
    items = page.locator("article li", has_text=re.compile(r"^R\d+ : "))
    texts = items.all_inner_texts()
    assert [t.split(" : ")[0] for t in texts] == [f"R{n}" for n in range(1, 9)]
    hrefs = items.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs == order  # the same order as the réalisations page (and the cards, R1…R8)
    # the bars carry the same labels, with the title on hover
    labels = page.locator(".e5-frise text").all_text_contents()
    assert [f"R{n}" for n in range(1, 9)] == sorted(
        (t for t in labels if re.fullmatch(r"R\d+", t)), key=lambda t: int(t[1:])
    )
    assert page.locator(".e5-frise g title", has_text="Réalisation R3 : ").count() == 1


def test_frise_text_is_at_least_12_px_on_a_phone(sample_site: Path, page_at):
    page = page_at(PHONE)
    page.goto((sample_site / "parcours.html").as_uri())
    sizes = page.evaluate("""() => [...document.querySelectorAll('.e5-frise text')].map((t) => {
        const svg = t.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(t.getAttribute('font-size') || svg.getAttribute('font-size')) * scale;
    })""")
    assert sizes and min(sizes) >= 12, sizes
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1]  # the drawing's own box scrolls, not the page


def test_competences_fold_the_indicators_once(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "competences.html").as_uri())
    folded = page.locator("details.e5-indicateurs")
    assert folded.count() == 1 and folded.get_attribute("open") is None
    assert not page.get_by_text("Les restaurations sont testées et opérationnelles.").is_visible()
    folded.locator("summary").click()
    assert page.get_by_text("Les restaurations sont testées et opérationnelles.").is_visible()
    assert page.locator("article h3", has_text="Indicateurs de performance").count() == 0


def test_mentions_legales_hold_no_placeholder(sample_site: Path, page_at):
    page = page_at(WIDE)
    page.goto((sample_site / "mentions-legales.html").as_uri())
    text = page.locator("article").inner_text()
    assert "candidat(e)" not in text and "(nom, photo" not in text and "…" not in text
    assert f"Ce site est édité par {NAME}" in text
