"""Small building blocks of the generated pages: escaping, French dates and sizes, page links.

Every piece of user text goes through `text()`: it becomes inert both in Markdown (headings
are Markdown, so that MkDocs builds the table of contents and the page title) and in the raw
HTML blocks that hold everything else (tables with captions, lists, figures).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import quote

from e5portfolio.site.freetext import strip_controls

if TYPE_CHECKING:
    from e5portfolio.core.model import ResolvedRealisation

# HTML syntax plus every character that Markdown or a common extension gives a meaning inline.
_INERT = str.maketrans({char: f"&#{ord(char)};" for char in '&<>"\\`*_[](){}!#|~^=$@'})
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def text(value: object) -> str:
    """User text, on one line, safe as Markdown inline text, HTML text and attribute value."""
    return " ".join(strip_controls(str(value)).split()).translate(_INERT)


def html_text(value: object) -> str:
    """User text for a place where a theme prints it as HTML, unescaped (titles, site name)."""
    flat = " ".join(strip_controls(str(value)).split())
    return html.escape(flat, quote=False).replace('"', "&quot;")


def attr(value: str) -> str:
    """A value (a URL) for a double-quoted HTML attribute inside a raw HTML block."""
    return html.escape(strip_controls(value), quote=True)


def date_long(day: dt.date) -> str:
    return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS[day.month - 1]} {day.year}"


def time_tag(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{date_long(day)}</time>'


def period_html(debut: dt.date, fin: dt.date) -> str:
    return f"du {time_tag(debut)} au {time_tag(fin)}"


def decimal_fr(value: float) -> str:
    """12.0 → '12', 5.4 → '5,4'."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")


def weeks_fr(weeks: float) -> str:
    return f"{decimal_fr(weeks)} semaine{'s' if weeks >= 2 else ''}"


def size_fr(size: int) -> str:
    if size < 1024:
        return f"{size} octets"
    if size < 1024 * 1024:
        return f"{decimal_fr(size / 1024)} Ko"
    return f"{decimal_fr(size / (1024 * 1024))} Mo"


def annee_fr(annee: int | None) -> str:
    return {1: "1re année", 2: "2e année"}.get(annee or 0, "année non précisée")


class Links:
    """Relative links between generated pages and published files, as MkDocs will lay them out."""

    def __init__(self, directory_urls: bool = False):
        self.directory_urls = directory_urls

    def page_url(self, src_uri: str) -> str:
        """URL path (from the site root) of a page whose source is `src_uri` (x.md)."""
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def page(self, from_src: str, to_src: str, fragment: str = "") -> str:
        """href, on page `from_src`, of page `to_src`."""
        return self._relative(from_src, self.page_url(to_src)) + (f"#{fragment}" if fragment else "")

    def file(self, from_src: str, site_path: str) -> str:
        """href, on page `from_src`, of a file at `site_path` in the site."""
        return self._relative(from_src, site_path)

    def _relative(self, from_src: str, target: str) -> str:
        return self._relative_from(posixpath.dirname(self.page_url(from_src)), target)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Links per build, a few thousand links
    def _relative_from(self, base: str, target: str) -> str:
        relative = posixpath.relpath(target or ".", base or ".")
        if (target == "" or target.endswith("/")) and not relative.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return html.escape(quote(relative, safe="/"), quote=True)


REALISATIONS_DIR = "realisations"
TOC_MIN_SECTIONS = 3  # fewer sections than this: no « Sur cette page » box


def realisation_uri(entry: ResolvedRealisation) -> str:
    return f"{REALISATIONS_DIR}/{entry.id}.md"


def block(*lines: str) -> str:
    """A raw HTML block: it must start a line and be followed by a blank line."""
    return "\n".join(line for line in lines if line) + "\n"


def page_source(
    title: str, *parts: str, head_title: str | None = None, hide_toc: bool = False, heading_class: str = ""
) -> str:
    """A page: its title (plain text) as front matter and as the one h1, then its parts.

    The front-matter title is HTML-escaped: themes print `page.title` unescaped, and
    mkdocs-material's <title> unescapes a title taken from the h1 (`striptags`). `head_title`
    replaces it in the browser's <title>. The site's menu is at the top (tabs), so the left
    navigation column is hidden on every page; the « Sur cette page » column is hidden on a page
    with fewer than three sections, or with `hide_toc` (a wide table gets its room).
    `heading_class` styles the h1 (attr_list; the user's text in it is inert, braces included).
    """
    front = json.dumps(html_text(head_title or title), ensure_ascii=False)
    sections = sum(1 for part in parts if part.startswith("## "))
    hidden = ["navigation"] + (["toc"] if hide_toc or sections < TOC_MIN_SECTIONS else [])
    hide = "hide:\n" + "".join(f"  - {item}\n" for item in hidden)
    heading = f"# {text(title)}" + (f" {{: .{heading_class} }}" if heading_class else "")
    body = [heading, *(part.strip("\n") for part in parts if part)]
    return f"---\ntitle: {front}\n{hide}---\n\n" + "\n\n".join(body) + "\n"
