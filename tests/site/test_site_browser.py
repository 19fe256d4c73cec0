"""The built sample in a real headless Chromium: axe-core on every generated page in the light and
dark palettes, offline use from file:// (navigation and search), no request to another host,
and hostile text that never runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import MINIMAL, Portfolio, copy_portfolio, site_pages

from tests.support.browser import PALETTE_SCHEMES, set_palette

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_offline_from_file_navigation_and_search(sample_site: Path, offline_page):
    page = offline_page
    page.goto((sample_site / "index.html").as_uri())
    page.get_by_role("link", name="Réalisations", exact=True).first.click()
    page.wait_for_url("**/realisations.html")
    page.get_by_role("link", name="Inventaire automatisé du parc informatique avec GLPI").first.click()
    page.wait_for_url("**/realisations/glpi-inventaire.html")
    assert page.locator("h1").inner_text().startswith("Inventaire automatisé du parc informatique avec GLPI")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("Zabbix")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=30_000)
    assert "supervision-zabbix.html" in result.get_attribute("href")
    result.click()
    page.wait_for_url("**/realisations/supervision-zabbix.html*")
    assert page.blocked == []


def test_hostile_text_never_runs_in_pages_or_search(tmp_path: Path, offline_page):
    portfolio: Portfolio = copy_portfolio(MINIMAL, tmp_path / "portfolio")
    payload = '</title><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    portfolio.edit(
        lambda d: d["realisations"][0].update(intitule=f"Serveur {payload}", description=f"Sauvegarde {payload}")
    )
    assert portfolio.build("--strict").returncode == 0
    site = portfolio.folder / "site"
    page = offline_page
    for path in site_pages(site):
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("() => window.__pwned") is None, path
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").fill("Serveur")
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert "</title><script>window.__pwned" in page.locator(".md-search-result").inner_text()


LAYOUT_WIDE = {"width": 1280, "height": 1600}
LAYOUT_PHONE = {"width": 390, "height": 844}

# Contrast of each <text> of the frise against the page background, with alpha blending (the
# slate palette's text colour is semi-transparent; fill-opacity and opacity count too).
_FRISE_TEXT_CONTRASTS = """() => {
  const rgba = (value) => {
    const [r, g, b, a = 1] = value.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]));
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] === 1) return colour;
    }
    return [255, 255, 255, 1];
  };
  return [...document.querySelectorAll(".e5-frise text")].map((text) => {
    const back = background(text.closest("figure"));
    const fill = rgba(getComputedStyle(text).fill);
    fill[3] *= Number(getComputedStyle(text).fillOpacity);
    for (let node = text; node && node !== text.closest("figure"); node = node.parentElement) {
      fill[3] *= Number(getComputedStyle(node).opacity);
    }
    const fore = over(fill, back);
    const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
    return [text.textContent, (light + 0.05) / (dark + 0.05)];
  });
}"""

_STAGE_LABEL_BOXES = """() => [...document.querySelectorAll(".e5-frise g")]
  .filter((g) => g.querySelector("text[font-weight]"))
  .map((g) => {
    const text = g.querySelector("text").getBBox(), band = g.querySelector("rect").getBBox();
    return {label: g.querySelector("text").textContent, x: text.x, y: text.y, right: text.x + text.width,
            bottom: text.y + text.height, band_x: band.x, band_y: band.y};
  })"""


def _overflow(page, selector: str) -> list[tuple[int, int]]:
    """(scrollWidth, clientWidth) of the scrolling container of each element matched."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].map((element) => {
        const box = element.closest('.md-typeset__scrollwrap') || element;
        return [box.scrollWidth, box.clientWidth];
    })""",
        selector,
    )


def test_matrices_and_frise_fit_a_1280_screen_without_scrolling(sample_site: Path, browser):
    context = browser.new_context(viewport=LAYOUT_WIDE, service_workers="block")
    page = context.new_page()
    for name in ("competences.html", "tableau-de-synthese.html"):
        page.goto((sample_site / name).as_uri(), wait_until="load")
        page.wait_for_selector(".e5-matrice .md-typeset__scrollwrap")  # tables wrapped by the theme
        sizes = _overflow(page, ".e5-matrice table")
        assert sizes and all(scroll <= client for scroll, client in sizes), (name, sizes)
    page.goto((sample_site / "parcours.html").as_uri(), wait_until="load")
    sizes = _overflow(page, ".e5-frise-defilement")
    assert sizes and all(scroll <= client for scroll, client in sizes), sizes
    context.close()


def test_stage_names_are_whole_above_their_band_and_never_overlap(sample_site: Path, browser):
    context = browser.new_context(viewport=LAYOUT_WIDE, service_workers="block")
    page = context.new_page()
    page.goto((sample_site / "parcours.html").as_uri(), wait_until="load")
    boxes = page.evaluate(_STAGE_LABEL_BOXES)
    width = page.evaluate("() => document.querySelector('.e5-frise').viewBox.baseVal.width")
    context.close()
    assert sorted(box["label"] for box in boxes) == [
        "Breizh Transports SARL, Vern-sur-Seiche",
        "Infogérance Ouest, Cesson-Sévigné",
    ]
    for box in boxes:
        assert 0 <= box["x"] and box["right"] <= width, box  # measured by the browser, not estimated
        assert box["x"] <= box["band_x"] <= box["right"] and box["bottom"] <= box["band_y"], box
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            apart = (
                box["right"] <= other["x"]
                or other["right"] <= box["x"]
                or box["bottom"] <= other["y"]
                or other["bottom"] <= box["y"]
            )
            assert apart, (box, other)


@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_frise_texts_have_aa_contrast(sample_site: Path, offline_page, scheme: str):
    page = offline_page
    page.goto((sample_site / "index.html").as_uri())
    set_palette(page, scheme)
    page.goto((sample_site / "parcours.html").as_uri())
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
    contrasts = page.evaluate(_FRISE_TEXT_CONTRASTS)
    assert contrasts and all(ratio >= 4.5 for _, ratio in contrasts), contrasts


@pytest.mark.parametrize(("viewport", "beside"), [(LAYOUT_WIDE, True), (LAYOUT_PHONE, False)])
def test_hero_puts_the_presentation_beside_the_portrait_on_wide_screens_only(
    sample_site: Path, browser, viewport: dict, beside: bool
):
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    page.goto((sample_site / "index.html").as_uri(), wait_until="load")
    photo = page.locator(".e5-identite .e5-photo").bounding_box()
    intro = page.locator(".e5-identite .e5-hero__intro").bounding_box()
    text = page.locator(".e5-identite .e5-hero__presentation").bounding_box()
    context.close()
    assert photo["x"] + photo["width"] <= intro["x"]  # the headline beside the portrait, always
    if beside:
        assert photo["x"] + photo["width"] <= text["x"] and text["y"] < photo["y"] + photo["height"]
    else:  # a phone: a small portrait, the presentation under it, across the width
        assert photo["width"] <= 100
        assert photo["y"] + photo["height"] <= text["y"] and text["x"] <= photo["x"] + 1


_PRINTED_ADDRESS = """(selector) => getComputedStyle(document.querySelector(selector), '::after').content"""


def test_printing_a_page_writes_a_web_address_once(sample_site: Path, browser):
    """On paper an external link gets its address after its text, except the portfolio's address
    in the tableau, whose text already is that address (it was printed twice)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto((sample_site / "index.html").as_uri(), wait_until="load")
    assert page.evaluate(_PRINTED_ADDRESS, ".e5-identite a[href*='linkedin']") == (
        '" (https://www.linkedin.com/in/camille-legall-sisr)"'
    )
    page.goto((sample_site / "tableau-de-synthese.html").as_uri(), wait_until="load")
    address = page.locator("a[href='https://camille-legall.github.io/portfolio/']")
    assert address.inner_text() == "https://camille-legall.github.io/portfolio/"
    assert page.evaluate(_PRINTED_ADDRESS, "a[href='https://camille-legall.github.io/portfolio/']") == "none"
    context.close()
