"""Free-text fields (Markdown) → safe HTML: raw HTML shown as text, no images, only safe links.

Only the documented free-text fields (presentation, description, contribution, missions, veille
description and résumés, données personnelles) go through here. Raw HTML is never passed through
(a `<script>` shows as text), images are replaced by their text alternative (the site requests
nothing from another host, and a picture of the portfolio folder is not published unless it is
a production), links keep only the http, https and mailto schemes or a relative target that the
caller can map to a published file; anything else becomes plain text. Headings are renumbered to
follow the page's own headings, so that a page keeps one h1 and headings in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# A relative link target as written (e.g. productions/x.pdf) → its href on the page, or None.
LinkResolver = Callable[[str], "str | None"]
# The same for an image's src: only a Markdown production may show its own pictures.
ImageResolver = Callable[[str], "str | None"]


def strip_controls(text: str) -> str:
    """Remove control characters (they could forge Markdown's internal placeholders)."""
    return _CONTROL.sub("", text)


def safe_href(url: str, resolve: LinkResolver | None) -> str | None:
    """The href to keep for `url`, or None to show the link as plain text."""
    target = "".join(url.split())  # browsers ignore whitespace inside a scheme: "java script:"
    if not target:
        return None
    if target.startswith("#"):
        return target
    if target.startswith(("//", "\\")):
        return None  # another host, relative to the page's scheme
    parts = urlsplit(target)
    if parts.scheme:
        return target if parts.scheme.lower() in SAFE_SCHEMES and _has_host_or_mail(parts) else None
    return resolve(target) if resolve else None


def _has_host_or_mail(parts) -> bool:
    return bool(parts.netloc) if parts.scheme.lower() != "mailto" else bool(parts.path)


class _Sanitiser(Treeprocessor):
    """Neutralise images and unsafe links; renumber headings from `base_level`."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.base_level = 2
        self.resolve: LinkResolver | None = None
        self.resolve_image: ImageResolver | None = None

    def run(self, root: etree.Element) -> None:
        for element in list(root.iter()):
            if element.tag == "img":
                src = self._image_src(element.get("src", ""))
                if src is None:
                    _become_text(element, element.get("alt") or "")
                else:
                    alt = element.get("alt") or ""
                    element.attrib.clear()
                    element.set("src", src)
                    element.set("alt", alt)
                    element.set("loading", "lazy")
            elif element.tag == "a":
                href = safe_href(element.get("href", ""), self.resolve)
                if href is None:
                    _become_span(element)
                else:
                    title = element.get("title")
                    element.attrib.clear()
                    element.set("href", href)
                    if title:
                        element.set("title", title)
        self._renumber_headings(root)

    def _image_src(self, src: str) -> str | None:
        """The src to keep: a relative picture that the resolver accepts, never another host."""
        target = "".join(src.split())
        if self.resolve_image is None or not target or target.startswith(("/", "\\", "#")):
            return None
        if urlsplit(target).scheme:
            return None
        return self.resolve_image(target)

    def _renumber_headings(self, root: etree.Element) -> None:
        headings = [el for el in root.iter() if el.tag in _HEADINGS]
        used = sorted({int(el.tag[1]) for el in headings})
        mapping = {level: min(6, self.base_level + rank) for rank, level in enumerate(used)}
        for element in headings:
            element.tag = f"h{mapping[int(element.tag[1])]}"
            element.attrib.pop("id", None)


def _become_span(element: etree.Element) -> None:
    element.tag = "span"
    element.attrib.clear()


def _become_text(element: etree.Element, text: str) -> None:
    element.tag = "span"
    element.attrib.clear()
    element.text = f"[image : {text}]" if text else "[image]"


class _NoRawHtml(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitiser(md), "e5portfolio_sanitiser", 1)


class FreeText:
    """A reusable renderer (building a Markdown instance per field is slow at 500 réalisations)."""

    def __init__(self, *, highlight_code: bool = False) -> None:
        extensions: list = [_NoRawHtml(), "tables", "fenced_code", "sane_lists"]
        configs = {}
        if highlight_code:  # Markdown productions: fenced code coloured by Pygments, offline
            extensions.append("codehilite")
            configs["codehilite"] = {"css_class": "highlight", "guess_lang": False}
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs, output_format="html")
        self._sanitiser: _Sanitiser = self._md.treeprocessors["e5portfolio_sanitiser"]

    def render(
        self,
        text: str,
        *,
        base_level: int = 2,
        resolve: LinkResolver | None = None,
        resolve_image: ImageResolver | None = None,
    ) -> str:
        """HTML for a free-text field whose headings start at `base_level` on the page.

        `resolve_image` (Markdown productions only) maps a relative picture to its src, or None
        to show its text alternative instead; without it every image becomes text."""
        self._sanitiser.base_level = base_level
        self._sanitiser.resolve = resolve
        self._sanitiser.resolve_image = resolve_image
        try:
            return self._md.reset().convert(strip_controls(text))
        finally:
            self._sanitiser.resolve = None
            self._sanitiser.resolve_image = None
