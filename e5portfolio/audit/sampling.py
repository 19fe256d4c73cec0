"""Which pages axe-core runs on, and what the other pages inherit from them.

axe-core costs about half a second a page in Chromium; a site is mostly pages of one template
(same header, menu and footer, same kinds of content). The audit runs axe-core on every page that
holds at least one *kind* of element no page analysed before it holds, in crawl order (the same
pages every run); a page whose every kind of element was already analysed is not run through axe.

A kind of element is what decides axe-core's verdict apart from its text: the page's style sheets
(their contents: `StyleFingerprints`), the tag, the classes, the inline style, the role, the ARIA
attributes present, tabindex, the type of a form control and whether a link has a target. What depends
on text (alternative texts, link and button names, title, language, headings, ids, labels) is
checked on every page by the static checks (`a11y_static`), which are never skipped.

A page not run through axe inherits each axe-core violation of an analysed page whose element is
of a kind the page also holds: a shared template's defect is reported « sur N pages » and the
verdict does not depend on which page happened to be analysed.

The same kind string is computed in Python (parsed HTML) and in the browser (`KIND_JS`).

`--axe-rapide` chooses the pages by the kinds of their layout only (header, menus, footer: what lies
outside <main>): one page per layout. Faster, but the content proper to each page then gets only the
static checks, and what it inherits from a page of the same kinds.

A class audit shares what axe-core found between candidates whose pages use the same style sheets
(sites built by e5portfolio): an element inherited from another candidate's page is named by its
kind (`a.md-nav__link`), never by that candidate's text.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from e5portfolio.audit.a11y_static import RULES as STATIC_RULES
from e5portfolio.audit.htmlpage import Element, Page

# not rendered content: never a kind of its own
IGNORED_TAGS = frozenset({"#document", "head", "script", "style", "noscript", "template", "link", "base", "title"})
TYPED_TAGS = frozenset({"input", "button"})
# rules the static checks run on every page: never inherited (the page's own check is the verdict)
STATIC_RULE_IDS = frozenset(rule.id for rule in STATIC_RULES)


def _style(value: str) -> str:
    return " ".join(value.split()).rstrip(";").strip()


def element_kind(tag: str, attrs: dict[str, str]) -> str:
    """`tag|classes|attributes`, e.g. `a|md-nav__link|href`, `span|c1|`, `div|e5-code|aria-label,role=region`."""
    classes = ".".join(sorted(set((attrs.get("class") or "").split())))
    parts = []
    for name in sorted(attrs):
        if name.startswith("aria-") or name == "tabindex":
            parts.append(name)
        elif name == "role":
            parts.append(f"role={attrs[name].strip().lower()}")
        elif name == "style" and _style(attrs[name]):
            parts.append(f"style={_style(attrs[name])}")
        elif name == "type" and tag in TYPED_TAGS:
            parts.append(f"type={attrs[name].strip().lower()}")
        elif name == "href" and tag in ("a", "area"):
            parts.append("href")
    return f"{tag}|{classes}|{','.join(parts)}"


# the same function in the browser (run in the audit's isolated world, on axe-core's nodes)
KIND_JS = """((el) => {
    const tag = el.tagName.toLowerCase();
    const classes = Array.from(new Set((el.getAttribute("class") || "").split(/\\s+/).filter(Boolean))).sort();
    const names = el.getAttributeNames().map((n) => n.toLowerCase()).sort();
    const parts = [];
    for (const name of names) {
        const value = el.getAttribute(name) || "";
        if (name.startsWith("aria-") || name === "tabindex") parts.push(name);
        else if (name === "role") parts.push("role=" + value.trim().toLowerCase());
        else if (name === "style") {
            const style = value.split(/\\s+/).filter(Boolean).join(" ").replace(/;+$/, "").trim();
            if (style) parts.push("style=" + style);
        }
        else if (name === "type" && (tag === "input" || tag === "button"))
            parts.push("type=" + value.trim().toLowerCase());
        else if (name === "href" && (tag === "a" || tag === "area")) parts.push("href");
    }
    return tag + "|" + classes.join(".") + "|" + parts.join(",");
})"""


def page_kinds(page: Page, fingerprint: str = "", *, layout_only: bool = False) -> frozenset[str]:
    """Every kind of element of a page (its raw HTML, or its DOM as the browser rendered it), each
    prefixed by the fingerprint of the page's style sheets; with `layout_only` (--axe-rapide), only
    those of its layout: what lies outside the page's own content (<main>, role="main")."""
    return frozenset(
        f"{fingerprint}#{element_kind(element.tag, element.attrs)}"
        for element in _elements(page, layout_only)
        if element.tag not in IGNORED_TAGS and not _in_head(element)
    )


def _is_content(element: Element) -> bool:
    return element.tag == "main" or (element.get("role") or "").strip().lower() == "main"


def _elements(page: Page, layout_only: bool):
    """The page's elements in document order, without the content's when `layout_only`."""
    pending: list[Element] = [page.root]
    while pending:
        element = pending.pop()
        yield element
        if layout_only and _is_content(element):
            continue
        pending.extend(c for c in reversed(element.children) if isinstance(c, Element))


class StyleFingerprints:
    """The fingerprint of a page's style sheets: the contents of its own (read once each, with
    `read`, which returns None when a sheet cannot be read), the address of the others, its
    <style> elements and the order of all of them."""

    MAX_READS = 10  # style sheets read per site (each capped in size and time by `read`); past it, addresses

    def __init__(self, scope: str, read: Callable[[str], bytes | None]) -> None:
        self.scope = scope
        self.read = read
        self.sheets: dict[str, str] = {}
        self.reads = 0

    def of(self, page: Page) -> str:
        digest = hashlib.sha256()
        for element in page.root.iter():
            if element.tag == "link" and "stylesheet" in (element.get("rel") or "").lower().split():
                href = (element.get("href") or "").strip()
                if href:
                    digest.update(b"link:" + self._sheet(urldefrag(urljoin(page.url, href))[0]).encode())
            elif element.tag == "style":
                digest.update(b"style:" + element.text().encode("utf-8", "replace"))
        return digest.hexdigest()[:16]

    def _sheet(self, url: str) -> str:
        if url not in self.sheets:
            body = None
            if url.startswith(self.scope) and self.reads < self.MAX_READS:
                self.reads += 1
                body = self.read(url)
            self.sheets[url] = hashlib.sha256(body).hexdigest() if body is not None else url
        return self.sheets[url]


def _in_head(element: Element) -> bool:
    parent = element.parent
    while parent is not None:
        if parent.tag == "head":
            return element.tag != "meta"  # <meta name="viewport"> is axe's business; the rest of <head> is not
        parent = parent.parent
    return False


@dataclass
class AxeSampler:
    """Chooses, in crawl order, the pages axe-core runs on (every page when `every_page`)."""

    every_page: bool = False
    covered: set[str] = field(default_factory=set)

    def wants(self, kinds: frozenset[str]) -> bool:
        return self.every_page or not kinds <= self.covered

    def analysed(self, kinds: frozenset[str]) -> None:
        self.covered |= kinds

    def choose(self, views: list[tuple[str, frozenset[str]]], room: int) -> tuple[list[str], list[str]]:
        """(pages axe-core runs on, at most `room`; pages whose kinds are all covered), in order.
        A page of new kinds past the room is in neither list."""
        chosen: list[str] = []
        covered: list[str] = []
        for url, kinds in views:
            if not self.wants(kinds):
                covered.append(url)
            elif len(chosen) < room:
                self.analysed(kinds)
                chosen.append(url)
        return chosen, covered


def kind_label(kind: str) -> str:
    """A page-independent name for an element of this kind: `a.md-nav__link`."""
    tag, _, rest = kind.partition("#")[2].partition("|")
    classes = rest.partition("|")[0].split(".")
    return tag + (f".{classes[0]}" if classes and classes[0] else "")


@dataclass(frozen=True)
class AnalysedPage:
    source: str  # who analysed it: the site (a class shares results between sites)
    url: str
    fingerprint: str
    violations: list[dict]


def inherited_violations(analysed: list[AnalysedPage], kinds: frozenset[str], source: str) -> list[dict]:
    """The axe-core violations a page of `source` not run through axe inherits, with only the
    elements of its kinds.

    `analysed`: the pages axe ran on, in order; each node of a violation carries its element's
    `kind`. A (rule, kind) pair is taken from the first page where it failed, so that a shared
    template's defect is the very same finding on every page. Elements from another source's page
    are named by their kind only.
    """

    def key(page: AnalysedPage, node: dict) -> str:
        return f"{page.fingerprint}#{node.get('kind', '')}"

    first: dict[tuple[str, str], int] = {}
    for index, page in enumerate(analysed):
        for violation in page.violations:
            for node in violation.get("nodes", []):
                first.setdefault((violation.get("id", ""), key(page, node)), index)
    inherited = []
    for index, page in enumerate(analysed):
        for violation in page.violations:
            rule = violation.get("id", "")
            if rule in STATIC_RULE_IDS:
                continue
            nodes = [
                node
                for node in violation.get("nodes", [])
                if key(page, node) in kinds and first.get((rule, key(page, node))) == index
            ]
            if page.source != source:
                nodes = [
                    {"target": node.get("target"), "kind": node.get("kind"), "label": kind_label(key(page, node))}
                    for node in nodes
                ]
            if nodes:
                inherited.append({**violation, "nodes": nodes})
    return inherited


class ClassAxeShare:
    """What axe-core found, shared by the candidates of a class, the same every run.

    Candidates are audited a few at a time, but the pages axe-core runs on are chosen in the order of
    the class list: a candidate chooses once every candidate before it has chosen (a page is chosen
    when it holds a kind of element no page before it, on this site or an earlier one, holds; at most
    `max_pages` a candidate), and inherits once every candidate before it has published what axe-core
    found. A candidate whose audit stops early still closes its ticket, so nobody waits for it.
    """

    def __init__(self, count: int, max_pages: int, *, every_page: bool = False, wait: float = 900.0) -> None:
        self.max_pages = max_pages
        self.sampler = AxeSampler(every_page=every_page)
        self.wait = wait
        self._lock = threading.Condition()
        self._chosen = [False] * count
        self._published: list[list[AnalysedPage] | None] = [None] * count

    def ticket(self, index: int) -> ClassTicket:
        return ClassTicket(self, index)

    def _wait_for(self, ready: Callable[[], bool]) -> None:
        with self._lock:
            self._lock.wait_for(ready, timeout=self.wait)  # past it (a candidate stuck), go on alone

    def choose(self, index: int, views: list[tuple[str, frozenset[str]]]) -> tuple[list[str], list[str]]:
        self._wait_for(lambda: all(self._chosen[:index]))
        with self._lock:
            chosen, covered = self.sampler.choose(views, self.max_pages)
            self._chosen[index] = True
            self._lock.notify_all()
        return chosen, covered

    def publish(self, index: int, analysed: list[AnalysedPage]) -> None:
        with self._lock:
            self._chosen[index] = True
            if self._published[index] is None:
                self._published[index] = list(analysed)
            self._lock.notify_all()

    def analysed_up_to(self, index: int) -> list[AnalysedPage]:
        self._wait_for(lambda: all(p is not None for p in self._published[: index + 1]))
        with self._lock:
            return [page for pages in self._published[: index + 1] if pages for page in pages]


@dataclass
class ClassTicket:
    """One candidate's place in a `ClassAxeShare`."""

    share: ClassAxeShare
    index: int

    @property
    def source(self) -> str:
        return f"candidat-{self.index}"

    def choose(self, views: list[tuple[str, frozenset[str]]]) -> tuple[list[str], list[str]]:
        """(pages to run axe-core on, pages that inherit), in crawl order."""
        return self.share.choose(self.index, views)

    def publish(self, analysed: list[AnalysedPage]) -> None:
        self.share.publish(self.index, analysed)

    def close(self) -> None:
        """The audit is over (or never reached axe-core): whoever waits for this candidate goes on."""
        self.share.publish(self.index, [])

    def analysed_before_and_with(self) -> list[AnalysedPage]:
        return self.share.analysed_up_to(self.index)
