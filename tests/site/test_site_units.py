"""The MkDocs-independent parts of the site: escaping, free-text Markdown, links, the frise."""

from __future__ import annotations

import datetime as dt
import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from e5portfolio.site.freetext import FreeText, safe_href
from e5portfolio.site.markup import Links, html_text, text, weeks_fr
from e5portfolio.site.timeline import Bar, timeline_svg

# The Markdown extensions of the embedded default configuration.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


def _inner_text(rendered: str, tag: str) -> str:
    match = re.search(rf"<{tag}[^>]*>(.*)</{tag}>", rendered, re.DOTALL)
    assert match, rendered
    assert "<" not in match.group(1), rendered  # no element was created from the text
    return html.unescape(match.group(1))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_escaped_text_is_shown_verbatim_in_a_heading_and_in_html(value: str):
    flat = " ".join(value.split())
    if not flat:
        return
    md = markdown.Markdown(extensions=EXTENSIONS)
    assert _inner_text(md.reset().convert(f"## {text(value)}"), "h2") == flat
    assert _inner_text(md.reset().convert(f'<div class="x">\n<p>{text(value)}</p>\n</div>'), "p") == flat
    assert '"' not in text(value)


def test_html_text_is_for_unescaped_theme_slots():
    assert html_text('A <b>"x"</b> & </title>') == "A &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &lt;/title&gt;"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("mailto:a@b.fr", "mailto:a@b.fr"),
        ("#section", "#section"),
        ("javascript:alert(1)", None),
        (" JaVa\tScript:alert(1)", None),
        ("data:text/html,x", None),
        ("vbscript:x", None),
        ("//evil.example/x", None),
        ("https:/missing-host", None),
        ("productions/x.pdf", "fichiers/productions/x.pdf"),
        ("notes/privees.txt", None),
    ],
)
def test_only_safe_links_are_kept(url: str, expected: str | None):
    def resolve(target):
        return "fichiers/" + target if target.startswith("productions/") else None

    assert safe_href(url, resolve) == expected


def test_free_text_neutralises_raw_html_images_and_renumbers_headings():
    rendered = FreeText().render(
        "# Titre\n\n<script>alert(1)</script>\n\n### Détail\n\n![photo](https://tracker.example/p.png)\n\n"
        "`<b>` et <b>gras</b>\n\nforgé \x02wzxhzdk:0\x03",
        base_level=3,
    )
    assert "<h3>Titre</h3>" in rendered and "<h4>Détail</h4>" in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "tracker.example" not in rendered and "[image : photo]" in rendered
    assert "<code>&lt;b&gt;</code> et &lt;b&gt;gras&lt;/b&gt;" in rendered
    assert "\x02" not in rendered and "wzxhzdk:0" in rendered


def test_free_text_keeps_markdown_formatting():
    rendered = FreeText().render("**gras**, *italique*, [site](https://example.org)\n\n- un\n- deux")
    assert "<strong>gras</strong>" in rendered and "<em>italique</em>" in rendered
    assert '<a href="https://example.org">site</a>' in rendered and "<li>deux</li>" in rendered


@pytest.mark.parametrize(
    "directory_urls, expected",
    [
        (False, ["../parcours.html", "../fichiers/a%20b%23.pdf", "../index.html", "autre.html"]),
        (True, ["../../parcours/", "../../fichiers/a%20b%23.pdf", "../../", "../autre/"]),
    ],
)
def test_links_follow_the_url_layout(directory_urls: bool, expected: list[str]):
    links = Links(directory_urls)
    page = "realisations/x.md"
    assert [
        links.page(page, "parcours.md"),
        links.file(page, "fichiers/a b#.pdf"),
        links.page(page, "index.md"),
        links.page(page, "realisations/autre.md"),
    ] == expected


def test_weeks_are_written_in_french():
    assert (weeks_fr(1), weeks_fr(6), weeks_fr(5.4)) == ("1 semaine", "6 semaines", "5,4 semaines")


def test_timeline_draws_stages_and_numbered_realisations_with_title_and_desc():
    bars = [
        Bar("Mairie <de> Rennes", dt.date(2025, 5, 19), dt.date(2025, 6, 27), "stage"),
        Bar("Inventaire", dt.date(2025, 5, 20), dt.date(2025, 6, 13), "realisation", 1),
        Bar("Sauvegarde", dt.date(2025, 6, 2), dt.date(2025, 6, 20), "realisation", 2),
    ]
    svg = timeline_svg(bars, title="Frise", description="Deux réalisations")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert 'aria-labelledby="frise-titre frise-desc"' in svg
    assert "<title>Stage : Mairie &lt;de&gt; Rennes, du 19/05/2025 au 27/06/2025</title>" in svg
    assert svg.count("<rect") == 3 and ">R2</text>" in svg  # labelled as on the cards
    assert "mai 2025" in svg
    assert timeline_svg([], title="x", description="y") == ""


def _stage_labels(svg: str) -> list[tuple[float, float, str]]:
    """(x, y, text) of the stage names (bold texts) of a frise; x is where the name starts, for a
    name anchored by its end at the estimated bold width of 6.8 per character."""
    found = re.findall(
        r'<text x="([\d.]+)"( text-anchor="end")? y="([\d.]+)" fill="currentColor" '
        r'font-weight="bold">([^<]*)</text>',
        svg,
    )
    return [
        (float(x) - (len(html.unescape(label)) * 6.8 if end else 0), float(y), html.unescape(label))
        for x, end, y, label in found
    ]


def test_a_short_stage_keeps_its_full_name_above_its_band():
    name = "Breizh Transports SARL, Vern-sur-Seiche"
    bars = [
        Bar(name, dt.date(2025, 5, 19), dt.date(2025, 6, 27), "stage"),
        Bar("Veille", dt.date(2024, 9, 16), dt.date(2026, 2, 13), "realisation", 1),
    ]
    svg = timeline_svg(bars, title="Frise", description="Un stage")
    [(x, y, label)] = _stage_labels(svg)
    assert label == name and "…" not in svg
    band = re.search(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="22"', svg)
    assert band and float(band.group(3)) < len(name) * 6  # the band is shorter than its name
    assert x == float(band.group(1)) and y < float(band.group(2))  # written above the band, from its start


def test_stage_names_never_overlap_nor_leave_the_drawing():
    long_name = "Communauté d'agglomération du Pays de Saint-Malo, service informatique"
    bars = [
        Bar(long_name, dt.date(2025, 5, 19), dt.date(2025, 6, 27), "stage"),
        Bar(
            "Mairie de Vitré, direction des systèmes d'information", dt.date(2025, 7, 1), dt.date(2025, 7, 25), "stage"
        ),
        Bar("Infogérance Ouest, Cesson-Sévigné", dt.date(2026, 1, 5), dt.date(2026, 2, 13), "stage"),
        Bar("Veille", dt.date(2024, 9, 16), dt.date(2026, 2, 13), "realisation", 12),
    ]
    svg = timeline_svg(bars, title="Frise", description="Trois stages")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    labels = _stage_labels(svg)
    assert len(labels) == 3 and {label for _, _, label in labels} == {bar.label for bar in bars[:3]}
    spans = [(y, x, x + len(label) * 6.8) for x, y, label in labels]  # 6.8: a generous bold width
    assert all(0 < x and end <= width for _, x, end in spans)
    for index, (y, x, end) in enumerate(spans):
        for other_y, other_x, other_end in spans[index + 1 :]:
            assert y != other_y or end <= other_x or other_end <= x, (spans, svg)


def test_a_stage_name_pushed_left_by_the_right_margin_ends_at_that_margin():
    """Anchored by its end, the name cannot be cut at the right edge by a font wider than the
    estimate (the printed PDF uses DejaVu Sans, whose bold is wider)."""
    name = "Infogérance Ouest, Cesson-Sévigné"
    bars = [
        Bar("Breizh Transports", dt.date(2025, 5, 19), dt.date(2025, 6, 27), "stage"),
        Bar(name, dt.date(2026, 1, 5), dt.date(2026, 2, 13), "stage"),
        Bar("Veille", dt.date(2024, 9, 16), dt.date(2026, 2, 13), "realisation", 1),
    ]
    svg = timeline_svg(bars, title="Frise", description="Deux stages")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    ends = re.findall(
        r'<text x="([\d.]+)" text-anchor="end" y="[\d.]+" fill="currentColor" '
        r'font-weight="bold">([^<]*)</text>',
        svg,
    )
    assert [(float(x), html.unescape(label)) for x, label in ends] == [(width - 12, name)], svg
    first_band = re.search(r'<rect x="([\d.]+)"', svg.split("Breizh Transports</text>")[1])
    assert f'<text x="{first_band.group(1)}" y=' in svg  # a name with room stays at its band's start


def test_frise_texts_take_the_page_text_colour_at_full_opacity():
    bars = [
        Bar("Mairie", dt.date(2025, 5, 19), dt.date(2025, 6, 27), "stage"),
        Bar("Supervision", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "realisation", 10),
    ]
    svg = timeline_svg(bars, title="Frise", description="Un stage")
    texts = re.findall(r"<text [^>]*>", svg)
    assert texts and all('fill="currentColor"' in t and "opacity" not in t for t in texts)
    # a number with no room after its bar (right edge) goes before it, inside the drawing
    assert re.search(r'<text x="[\d.]+" text-anchor="end" y="[\d.]+" fill="currentColor">R10</text>', svg)
