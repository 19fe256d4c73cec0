"""Every generated page of the built sample, in a real headless Chromium, at a desktop and a phone
width, in both palettes: no axe-core violation, no sideways scroll on a phone, no gap shown, no
request for another host.

Each page is opened once per (width, palette) by a module fixture, which records what every test
here asserts; the tests then read that record. Four tours of the site instead of one per test:
the same pages and checks, a third of the page loads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from site_helpers import site_pages

from tests.support.browser import (
    PALETTE_SCHEMES,
    block_outside_requests,
    format_violations,
    preload_axe,
    run_axe,
    set_palette,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
WIDTHS = {"phone": PHONE, "wide": WIDE}
# « mobilisée par aucune réalisation », « item cité par aucune réalisation », a « non » cell…
GAP_WORDS = re.compile(r"par aucune réalisation|non mobilisée|non couvert|aucune compétence", re.I)

# Text of an element as a sighted reader sees it: without the words for screen readers only.
_VISIBLE_TEXT = """(element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll('.e5-sr, .md-search, script, style').forEach((e) => e.remove());
  return copy.textContent;
}"""

# one page of each type: home, section pages, a réalisation with a gallery, a production page
PAGE_TYPES = (
    "index.html",
    "parcours.html",
    "realisations.html",
    "competences.html",
    "tableau-de-synthese.html",
    "veille.html",
    "mentions-legales.html",
    "realisations/supervision-zabbix.html",
    "productions/lab-vlan-pfsense-1.html",
)
# a production page of each kind (test_productions.py checks the awkward portfolio's in the browser)
PRODUCTION_KINDS = (
    "productions/glpi-inventaire-1.html",  # Markdown
    "productions/glpi-inventaire-2.html",  # PowerShell
    "productions/supervision-zabbix-2.html",  # configuration
    "productions/lab-vlan-pfsense-1.html",  # picture
    "productions/lab-ad-gpo-1.html",  # PDF
)


@dataclass
class Visit:
    """What one page showed in one tour."""

    name: str  # relative to the site
    violations: list = field(default_factory=list)  # axe-core's
    scroll: tuple[int, int] = (0, 0)  # scrollWidth, clientWidth of the document
    gaps: list[str] = field(default_factory=list)  # gap words and « non » cells a reader sees


@dataclass
class Tour:
    visits: list[Visit]
    blocked: list[str]  # requests for another host (file: pages only)


def _tour(browser, site: Path, viewport: dict, scheme: str) -> Tour:
    context = browser.new_context(viewport=viewport, service_workers="block")
    try:
        blocked = block_outside_requests(context, allowed_schemes=("file",), allowed_hosts=())
        preload_axe(context)
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        set_palette(page, scheme)  # stored by the theme: the following pages open in this palette
        visits = []
        for path in site_pages(site):
            page.goto(path.as_uri())
            page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
            visit = Visit(path.relative_to(site).as_posix(), violations=run_axe(page))
            visit.scroll = tuple(
                page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            )
            text = page.locator("article").evaluate(_VISIBLE_TEXT)
            visit.gaps = GAP_WORDS.findall(text)
            cells = page.locator("article td").evaluate_all(
                f"(cells) => cells.map({_VISIBLE_TEXT}).map((t) => t.trim().toLowerCase())"
            )
            visit.gaps += ["cell « non »" for cell in cells if cell == "non"]
            visits.append(visit)
        return Tour(visits, list(blocked))
    finally:
        context.close()


@pytest.fixture(scope="module")
def tours(browser, sample_site: Path) -> dict[tuple[str, str], Tour]:
    return {
        (width, scheme): _tour(browser, sample_site, viewport, scheme)
        for width, viewport in WIDTHS.items()
        for scheme in PALETTE_SCHEMES
    }


def _axe_problems(tour: Tour) -> list[str]:
    return [f"{v.name}:\n{format_violations(v.violations)}" for v in tour.visits if v.violations]


def test_every_page_was_toured(sample_site: Path, tours):
    expected = [p.relative_to(sample_site).as_posix() for p in site_pages(sample_site)]
    assert len(expected) > 20 and set(PAGE_TYPES) | set(PRODUCTION_KINDS) <= set(expected)
    for tour in tours.values():
        assert [v.name for v in tour.visits] == expected


@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_every_generated_page_has_no_axe_violation(tours, scheme: str):
    problems = _axe_problems(tours["wide", scheme])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_every_page_on_a_phone_has_no_axe_violation(tours, scheme: str):
    # the stacked tableau, the cards, tables that must fit…
    problems = _axe_problems(tours["phone", scheme])
    assert problems == [], "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_phone(tours):
    wide = [(scheme, v.name, v.scroll) for scheme in PALETTE_SCHEMES for v in tours["phone", scheme].visits]
    assert [(scheme, name, scroll) for scheme, name, scroll in wide if scroll[0] > scroll[1]] == []
    assert all(scroll[1] <= PHONE["width"] for _, _, scroll in wide)  # measured at a phone's width


def test_no_page_shows_a_gap_or_a_non_cell(tours, sample_site: Path, page_at):
    assert [(v.name, v.gaps) for tour in tours.values() for v in tour.visits if v.gaps] == []
    # the empty cells still say it to a screen reader
    page = page_at(WIDE)
    page.goto((sample_site / "competences.html").as_uri())
    assert page.locator("td.e5-non .e5-sr").first.text_content() == "non mobilisée"


def test_no_page_asks_another_host(tours):
    assert {key: tour.blocked for key, tour in tours.items() if tour.blocked} == {}
