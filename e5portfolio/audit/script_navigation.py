"""Navigation written by script: without a browser, the evidence that some pages are reached
through script only; with one, which pages' scripts are known to write no link (no need to render
them to follow their links).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from e5portfolio.audit.fetch import FetchLimits, fetch
from e5portfolio.audit.htmlpage import Page
from e5portfolio.audit.options import AuditOptions
from e5portfolio.audit.site_urls import crawlable, page_key

# navigation written by script: DOM-writing calls, or the mount point of a front-end framework
_DOM_WRITING = re.compile(
    r"\.innerHTML\s*[+]?=|insertAdjacentHTML|document\.write\s*\(|\.appendChild\s*\(|"
    r"\.append\s*\(|\.replaceChildren\s*\(|createElement\s*\(|customElements\.define|"
    r"createRoot\s*\(|ReactDOM|createApp\s*\(|new\s+Vue\b|\$\([^)]*\)\.load\s*\(|"
    r"\.outerHTML\s*="
)


_APP_ROOT = re.compile(r"<(?:div|main|body)\b[^>]*\bid\s*=\s*[\"']?(?:root|app|__next|__nuxt|svelte)\b", re.I)


SCRIPT_LIMITS = FetchLimits(timeout=5.0, max_bytes=2_000_000)


MAX_SCRIPTS_READ = 5


FEW_LINKS = 2  # a home page with fewer links than this to other pages of the site has « almost no links »


# a path a script names, in quotes: « "projets.html" », « 'pages/veille.html#top' », « `nav.html` »
_NAMED_IN_SCRIPT = re.compile(r"""["'`]([^"'`\s<>(){}]+?\.(?:html?|php|json))(?:[?#][^"'`\s]*)?["'`]""", re.I)


MIN_APP_TEXT = 40  # characters of visible text under which a page with a framework's mount point is « empty »


@dataclass(frozen=True)
class ScriptNavigation:
    """Without a browser: the evidence that some of the site's pages are reached through script only."""

    pages: tuple[str, ...] = ()  # pages of the site that scripts name (or a sitemap lists) and no raw link reaches
    app_root: bool = False  # a framework's mount point on an almost empty page (React, Vue…)

    def __bool__(self) -> bool:
        return bool(self.pages) or self.app_root


def _script_texts(pages: list[Page], scope: str) -> list[tuple[str, str]]:
    """(the page the script runs in, the script's text) of the site's own scripts: inline code, and
    the site's own script files (bounded in number, size and time, never run); e5portfolio's theme
    scripts (known by their content) are left out: they write no link."""
    texts: list[tuple[str, str]] = []
    sources: dict[str, str] = {}
    for page in pages:
        for script in page.elements("script"):
            if _DATA_SCRIPT_TYPES.match((script.get("type") or "").strip() or "text/javascript"):
                continue
            src = (script.get("src") or "").strip()
            if not src:
                texts.append((page.url, "".join(c for c in script.children if isinstance(c, str))))
                continue
            url = urldefrag(urljoin(page.url, src))[0]
            if url.startswith(scope):
                sources.setdefault(url, page.url)
    known = theme_script_hashes()
    for url, page_url in list(sources.items())[: MAX_SCRIPTS_READ * 2]:
        body = fetch(url, SCRIPT_LIMITS)
        if body.ok and hashlib.sha256(body.body).hexdigest() not in known:
            texts.append((page_url, body.body.decode("utf-8", errors="replace")))
    return texts


def _sitemap_pages(scope: str) -> list[str]:
    result = fetch(scope + "sitemap.xml", SCRIPT_LIMITS)
    if not result.ok:
        return []
    return [loc.strip() for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", result.body.decode("utf-8", "replace"))]


def script_navigation_evidence(pages: list[Page], scope: str) -> ScriptNavigation:
    """No browser: are some of the site's pages reached through script only?

    Built from what the pages really hold: the pages the raw HTML links reach (the crawl) compared
    with the site's pages found otherwise, the paths its own scripts name (a menu written with
    innerHTML, a « nav.html » fetched and inserted) and, when a script writes the page, its
    sitemap.xml; and a framework's mount point on a page with almost no text. A plain HTML menu
    next to an unrelated script (an animation, a counter) is not a script menu: its pages are all
    reached by raw links.
    """
    if not pages:
        return ScriptNavigation()
    seen = {page_key(page.url) for page in pages}
    for page in pages:
        seen.update(page_key(link.url) for link in page.links())
    missing: dict[str, None] = {}
    writes = False
    for page_url, text in _script_texts(pages, scope):
        writes = writes or bool(_DOM_WRITING.search(text))
        for path in _NAMED_IN_SCRIPT.findall(text):
            url = urldefrag(urljoin(page_url, path))[0]
            if not url.startswith(scope):
                continue
            if url.lower().endswith(".json"):
                if _DOM_WRITING.search(text):  # pages written from data the script fetches
                    missing.setdefault(url, None)
                continue
            if crawlable(url, scope) and page_key(url) not in seen:
                missing.setdefault(url, None)
    if writes:
        for url in _sitemap_pages(scope):
            if url.startswith(scope) and crawlable(url, scope) and page_key(url) not in seen:
                missing.setdefault(url, None)
    home = pages[0]
    app_root = bool(
        _APP_ROOT.search(
            "".join(f'<{e.tag} id="{e.get("id")}">' for e in home.elements("div", "main", "body") if e.get("id"))
        )
    )
    app_root = app_root and len(home.text()) < MIN_APP_TEXT
    return ScriptNavigation(tuple(missing), app_root)


def looks_script_built(home: Page, scope: str, options: AuditOptions) -> bool:
    """No browser: does the home page's navigation look written by script? (script_navigation_evidence
    on the home page alone)"""
    return bool(script_navigation_evidence([home], scope))


_DATA_SCRIPT_TYPES = re.compile(r"^(?!(?:text|application)/(?:x-)?(?:java|ecma)script$|module$).+", re.I)


@functools.lru_cache(maxsize=1)
def theme_script_hashes() -> frozenset[str]:
    """SHA-256 of the scripts of the sites e5portfolio builds (its theme's and mkdocs-material's, as
    installed): known to write no link. Read from the installed files, never imported."""
    from importlib.resources import files

    folders = [Path(str(files("e5portfolio.theme"))) / "assets" / "javascripts"]
    spec = importlib.util.find_spec("material")  # located, not imported
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders.append(Path(location) / "templates" / "assets" / "javascripts")
    hashes = set()
    for folder in folders:
        for script in sorted(folder.glob("*.js")) if folder.is_dir() else []:
            if script.stat().st_size <= SCRIPT_LIMITS.max_bytes:
                hashes.add(hashlib.sha256(script.read_bytes()).hexdigest())
    return frozenset(hashes)


def writes_no_links(page: Page, scope: str, cache: dict[str, bool] | None = None) -> bool:
    """Can the page's scripts be trusted to write no link (so that rendering it to find links written
    by script is not needed)? True for a page without scripts, or whose scripts are data, inline code
    that writes nothing in the page, or e5portfolio's own theme scripts (compared by content)."""
    sources = []
    for script in page.elements("script"):
        if _DATA_SCRIPT_TYPES.match((script.get("type") or "").strip() or "text/javascript"):
            continue
        src = (script.get("src") or "").strip()
        if not src:
            if _DOM_WRITING.search("".join(c for c in script.children if isinstance(c, str))):
                return False
            continue
        sources.append(urldefrag(urljoin(page.url, src))[0])
    if len(sources) > MAX_SCRIPTS_READ or any(not url.startswith(scope) for url in sources):
        return False
    known = theme_script_hashes()
    cache = {} if cache is None else cache
    for url in sources:
        if url not in cache:
            body = fetch(url, SCRIPT_LIMITS)
            cache[url] = body.ok and not body.truncated and hashlib.sha256(body.body).hexdigest() in known
        if not cache[url]:
            return False
    return True
