"""The single-page print view assembled from the built site (no browser needed)."""

from __future__ import annotations

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


def test_each_site_page_is_a_section_starting_a_new_page(view: tuple[str, Path]) -> None:
    html_text = view[0]
    analysis = analyse(SAMPLE)
    for entry in analysis.validated.realisations:
        assert f'<section class="e5-section" id="r-{entry.id}">' in html_text
    assert '<section class="e5-section e5-paysage" id="tableau-de-synthese">' in html_text
    assert "break-before: page" in html_text and "counter(pages)" in html_text
