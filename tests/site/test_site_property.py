"""Property: whatever a student (or an attacker) writes in a free-text field, the HTML that
comes out holds only harmless elements and attributes, and links with safe schemes only."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from e5portfolio.site.freetext import FreeText

ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "span",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"href", "title", "align", "style", "class", "start"}

# Pieces that make Markdown and HTML interesting: tags, event handlers, schemes, entities…
FRAGMENTS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=//evil>",
        "<a href=",
        "javascript:alert(1)",
        "JaVaScRiPt:",
        "data:text/html,<b>",
        "vbscript:",
        "&#106;avascript:",
        "[lien](javascript:alert(1))",
        "[lien](https://exemple.org)",
        "![img](https://pixel.example/p.png)",
        "<https://exemple.org>",
        "<b onclick=x>gras</b>",
        "# titre\n",
        "\n\n",
        "`code`",
        "```\n<script>\n```",
        "| a | b |\n|---|---|\n| <i>x</i> | y |\n",
        "> citation",
        "- puce\n",
        "*em*",
        "**fort**",
        '"',
        "'",
        "<!-- commentaire -->",
        "<style>body{}</style>",
        "<svg onload=x>",
        "\x02",
        "&lt;",
        "<",
        ">",
    ]
)
FREE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=12).map("".join)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    handle_startendtag = handle_starttag


RENDERER = FreeText()


@settings(max_examples=300, deadline=None)
@given(FREE_TEXT)
def test_free_text_output_is_always_harmless(source: str) -> None:
    rendered = RENDERER.render(source, base_level=2, resolve=lambda target: None)
    collector = _Collector()
    collector.feed(rendered)
    assert set(collector.tags) <= ALLOWED_TAGS, rendered
    names = {name for name, _ in collector.attributes}
    assert names <= ALLOWED_ATTRIBUTES, rendered
    for name, value in collector.attributes:
        if name == "href":
            scheme = (value or "").split(":", 1)[0].lower() if ":" in (value or "") else ""
            assert scheme in ("", "http", "https", "mailto"), rendered
        if name == "style":
            assert "url(" not in (value or "") and "expression" not in (value or ""), rendered
