"""A forgiving HTML page model (stdlib html.parser): elements with positions, text, links, headings.

Hand-made portfolios are often invalid HTML: unclosed paragraphs, stray end tags. The tree builder
closes elements the way a browser roughly would (an end tag closes up to its matching open tag,
a stray end tag is ignored) and never raises on bad markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# a start tag of the key closes an open element of these tags (implied end tags)
IMPLIED_END = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
BLOCK_CLOSES_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "fieldset",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "pre",
        "section",
        "table",
        "ul",
    }
)
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SPACES = re.compile(r"\s+")
_NO_TEXT_TAGS = frozenset({"script", "style", "template", "noscript"})
_INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int  # 1-based
    parent: Element | None = field(default=None, repr=False)
    children: list[Element | str] = field(default_factory=list, repr=False)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.attrs

    def iter(self):
        """This element and every descendant element, in document order (no recursion)."""
        pending: list[Element] = [self]
        while pending:
            element = pending.pop()
            yield element
            pending.extend(c for c in reversed(element.children) if isinstance(c, Element))

    def text(self) -> str:
        """Text content, whitespace collapsed (scripts and styles excluded)."""
        parts: list[str] = []
        self._collect_text(parts, with_alt=False)
        return _SPACES.sub(" ", "".join(parts)).strip()

    def _collect_text(self, parts: list[str], with_alt: bool) -> None:
        pending: list[Element | str] = list(reversed(self.children))
        while pending:
            child = pending.pop()
            if isinstance(child, str):
                parts.append(child)
            elif child.tag in _NO_TEXT_TAGS or (with_alt and child.get("aria-hidden") == "true"):
                continue
            elif with_alt and child.tag == "img":
                parts.append(" " + (child.get("alt") or "") + " ")
            else:
                if child.tag not in _INLINE_TAGS:
                    pending.append(" ")
                pending.extend(reversed(child.children))
                if child.tag not in _INLINE_TAGS:
                    parts.append(" ")

    def content_name(self) -> str:
        """Name computed from content: text plus the alt text of images inside."""
        parts: list[str] = []
        self._collect_text(parts, with_alt=True)
        return _SPACES.sub(" ", "".join(parts)).strip()

    def describe(self) -> str:
        """A short selector-like description: tag#id.class[src=…]."""
        text = self.tag
        if self.get("id"):
            text += f"#{self.get('id')}"
        classes = (self.get("class") or "").split()
        if classes:
            text += "." + ".".join(classes[:2])
        for name in ("src", "href", "name", "type"):
            value = self.get(name)
            if value is not None:
                value = value if len(value) <= 60 else value[:57] + "…"
                text += f'[{name}="{value}"]'
                break
        return text


@dataclass(frozen=True)
class Link:
    href: str  # as written
    url: str  # absolute, fragment removed
    text: str
    line: int
    column: int


@dataclass
class Page:
    url: str
    root: Element
    by_id: dict[str, list[Element]]

    def elements(self, *tags: str):
        return [e for e in self.root.iter() if e.tag in tags]

    @property
    def html(self) -> Element | None:
        found = self.elements("html")
        return found[0] if found else None

    @property
    def title(self) -> str:
        titles = self.elements("title")
        return titles[0].text() if titles else ""

    def headings(self) -> list[tuple[int, Element]]:
        result = []
        for element in self.root.iter():
            if element.tag in HEADING_TAGS:
                result.append((int(element.tag[1]), element))
            elif element.get("role") == "heading" and (element.get("aria-level") or "").isdigit():
                result.append((int(element.get("aria-level")), element))
        return result

    def links(self) -> list[Link]:
        base = self.url
        bases = self.elements("base")
        if bases and bases[0].get("href"):
            base = urljoin(self.url, bases[0].get("href").strip())
        result = []
        for element in self.elements("a", "area"):
            href = element.get("href")
            if href is None or not href.strip():
                continue
            absolute = urldefrag(urljoin(base, href.strip()))[0]
            result.append(Link(href.strip(), absolute, element.content_name(), element.line, element.column))
        return result

    def hint_urls(self) -> list[str]:
        """Absolute URLs of <link rel="preconnect|dns-prefetch"> hints: connections the browser may
        open early, not links anyone follows (a server root answering 404 there is no broken link)."""
        result = []
        for element in self.elements("link"):
            rels = (element.get("rel") or "").lower().split()
            if {"preconnect", "dns-prefetch"} & set(rels) and (element.get("href") or "").strip():
                result.append(urldefrag(urljoin(self.url, element.get("href").strip()))[0])
        return result

    def frame_urls(self) -> list[str]:
        """Absolute URLs of the documents shown in <iframe>/<frame> (part of what a visitor sees)."""
        return [
            urldefrag(urljoin(self.url, e.get("src").strip()))[0]
            for e in self.elements("iframe", "frame")
            if (e.get("src") or "").strip()
        ]

    def text(self) -> str:
        body = self.elements("body")
        return (body[0] if body else self.root).text()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 1, 1)
        self.stack: list[Element] = [self.root]
        self.by_id: dict[str, list[Element]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        line, offset = self.getpos()
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, line, offset + 1, self.stack[-1])
        self.stack[-1].children.append(element)
        element_id = element.get("id")
        if element_id:
            self.by_id.setdefault(element_id, []).append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        closes = set(IMPLIED_END.get(tag, ()))
        if tag in BLOCK_CLOSES_P:
            closes.add("p")
        while len(self.stack) > 1 and self.stack[-1].tag in closes:
            self.stack.pop()


def parse_page(url: str, html: str) -> Page:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return Page(url, builder.root, builder.by_id)
