"""The single-page print view assembled from the built site (no browser needed)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from e5portfolio.pipeline import analyse
from e5portfolio.site.printable import cover_of, page_body, print_pages, render_view

from .conftest import SAMPLE, run_cli


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.refs: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1
            elif name in ("aria-labelledby", "aria-describedby") and value:
                self.refs += value.split()
            elif name == "href" and value and value.startswith("#"):
                self.refs.append(value[1:])
            elif name in ("href", "src") and value:
                self.urls.append(value)


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    site = tmp_path_factory.mktemp("view") / "site"
    result = run_cli("build", SAMPLE, "--site-dir", site)
    assert result.exit_code == 0, result.output
    analysis = analyse(SAMPLE)
    pages = print_pages(analysis.validated.portfolio, analysis.validated.realisations)
    cover = cover_of(analysis)
    anchors = {page.path: page.anchor for page in pages}
    bodies = {page.anchor: page_body(site, page, anchors, cover.public_url) for page in pages}
    return render_view(cover, pages, bodies, {page.anchor: 7 for page in pages}), site


def test_ids_are_unique_and_every_reference_resolves(view: tuple[str, Path]) -> None:
    parser = _Refs()
    parser.feed(view[0])
    assert [i for i, n in parser.ids.items() if n > 1] == []
    assert sorted(set(parser.refs) - set(parser.ids)) == []
    assert "frise-titre" not in parser.ids  # prefixed by its page: parcours--frise-titre
    assert "parcours--frise-titre" in parser.ids


def test_links_leave_no_relative_path_except_images_in_the_site(view: tuple[str, Path]) -> None:
    html_text, site = view
    parser = _Refs()
    parser.feed(html_text)
    relative = [u for u in parser.urls if not u.startswith(("https://", "http://", "mailto:"))]
    assert relative and all((site / u).is_file() for u in relative), relative  # the photo
    assert 'class="headerlink"' not in html_text and "e5-voisins" not in html_text


def test_each_site_page_is_a_section_and_the_landscape_tableau_closes_the_copy(view: tuple[str, Path]) -> None:
    html_text = view[0]
    analysis = analyse(SAMPLE)
    for entry in analysis.validated.realisations:  # the réalisations run on, one after the other
        assert f'<section class="e5-section e5-sous-section" id="r-{entry.id}">' in html_text
    sections = re.findall(r'<section class="([^"]*)" id="([^"]+)"', html_text)
    assert sections[-1] == ("e5-section e5-paysage", "tableau-de-synthese")
    assert [anchor for _, anchor in sections][-2] == "e5-liens"  # the link list ends the portrait pages
    assert ".e5-paysage { page: paysage; }" in html_text and "counter(pages)" in html_text


def test_web_links_get_a_note_and_one_address_list_not_a_raw_address(view: tuple[str, Path]) -> None:
    html_text = view[0]
    body = html_text.split("<main>", 1)[1]
    listing = body.split('id="e5-liens"', 1)[1].split("</section>", 1)[0]
    notes = dict(re.findall(r"\[(\d+)\]</span> (https?://\S+?)</li>", listing))
    assert notes["1"] == "https://www.linkedin.com/in/camille-legall-sisr"  # first link of the home page
    assert len(set(notes.values())) == len(notes)  # one number per address
    # in the text, a note number follows the link, never its address
    linked = re.findall(
        r'<a\b[^>]*href="(https?://[^"]+)"[^>]*>(.*?)</a>(<sup class="e5-renvoi">\[(\d+)\]</sup>)?',
        body.split('id="e5-liens"', 1)[0],
        re.S,
    )
    for href, label, _, number in linked:
        if re.sub(r"<[^>]+>", "", label).strip() == href or href.startswith("https://camille-legall.github.io/"):
            assert not number, href  # its text is the address, or it is in the online portfolio
        else:
            assert notes[number] == href
    assert "&lt;https://" not in html_text and 'class="e5-adresse"' not in html_text
