"""The crawl of a site's own pages: raw HTML read breadth first (bounded, same order every run) and,
with the browser, each page rendered in Chromium (links of its rendered DOM followed, axe-core run
on the pages of new kinds of element, the others inheriting their defects).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from e5portfolio.audit import a11y_browser
from e5portfolio.audit.fetch import FetchLimits, FetchResult, fetch
from e5portfolio.audit.htmlpage import Page, parse_page
from e5portfolio.audit.options import AuditOptions
from e5portfolio.audit.result import INCOMPLETE, Site
from e5portfolio.audit.sampling import (
    AnalysedPage,
    AxeSampler,
    ClassTicket,
    StyleFingerprints,
    inherited_violations,
    page_kinds,
)
from e5portfolio.audit.script_navigation import ScriptNavigation, script_navigation_evidence, writes_no_links
from e5portfolio.audit.site_urls import crawlable, page_key
from e5portfolio.core.findings import Severity


@dataclass
class Crawled:
    """The site's own pages, as written (raw HTML) and as a visitor sees them (rendered DOM)."""

    pages: list[Page] = field(default_factory=list)  # raw HTML: the static checks, with lines and columns
    views: list[Page] = field(default_factory=list)  # rendered DOM when the browser ran, else the raw page
    script_only: list[str] = field(default_factory=list)  # pages reached only through links written by script
    # (page, link) not in any raw HTML
    dom_links: list[tuple[str, a11y_browser.RenderedLink]] = field(default_factory=list)
    axe: a11y_browser.AxeRun | None = None
    sampled_out: list[str] = field(default_factory=list)  # pages axe-core did not run on: no new kind of element
    fingerprints: dict[str, str] = field(default_factory=dict)  # page → fingerprint of its style sheets
    class_ticket: ClassTicket | None = None  # a class's candidate whose axe-core pass is done, inheritance not yet

    def analysed(self, source: str = "") -> list[AnalysedPage]:
        return [
            AnalysedPage(source, page.url, self.fingerprints.get(page.url, ""), page.violations)
            for page in (self.axe.pages if self.axe else [])
            if page.error is None
        ]

    script_navigation: bool = False  # no browser, and the navigation looks written by script
    script_evidence: ScriptNavigation | None = None  # why (script_navigation_evidence)


def crawl_site(site: Site, options: AuditOptions, availability, local: bool) -> Crawled:
    if availability is None or not availability.usable:
        crawled = crawl(site.home, site.scope, options)
        crawled.script_evidence = script_navigation_evidence(crawled.pages, site.scope)
        crawled.script_navigation = bool(crawled.script_evidence)
        return crawled
    from concurrent.futures import TimeoutError as LaunchTimeout

    from playwright.async_api import Error as PlaywrightError

    try:
        with a11y_browser.browser_session(availability) as session:
            renderer = session.renderer(local_only=local, page_timeout=options.browser.page_timeout, origin=site.scope)
            try:
                crawled = crawl(site.home, site.scope, options, renderer)
                if options.browser.axe_share is not None:
                    _class_axe_pass(crawled, renderer, options.browser.axe_share, options.browser.axe_layout_only)
            finally:
                renderer.close()
    except (PlaywrightError, LaunchTimeout) as exc:
        site.findings.append(
            site.finding(
                INCOMPLETE,
                Severity.WARNING,
                "vérification dans le navigateur impossible : le navigateur Chromium "
                f"n'a pas pu démarrer ({a11y_browser.first_line(exc)})",
            )
        )
        crawled = crawl(site.home, site.scope, options)
        crawled.script_evidence = script_navigation_evidence(crawled.pages, site.scope)
        crawled.script_navigation = bool(crawled.script_evidence)
        return crawled
    return crawled


def _class_axe_pass(crawled: Crawled, renderer: a11y_browser.Renderer, ticket: ClassTicket, layout_only: bool) -> None:
    """A candidate of a class: axe-core on the pages with kinds of element no candidate before it in
    the list (nor page before it) has; every other page inherits, from this site or from the class
    (at the end of the audit: the wait for earlier candidates overlaps this one's link check)."""
    views = [
        (view.url, page_kinds(view, crawled.fingerprints.get(view.url, ""), layout_only=layout_only))
        for view in crawled.views
    ]
    chosen, crawled.sampled_out = ticket.choose(views)
    analysed: list[AnalysedPage] = []
    assert crawled.axe is not None  # a crawl with a renderer has an axe run
    try:
        for done in renderer.render_many(chosen, with_axe=True):
            if done.axe is not None:
                crawled.axe.pages.append(done.axe)
                crawled.axe.rule_ids = crawled.axe.rule_ids | done.rule_ids
        analysed = crawled.analysed(ticket.source)
    finally:
        ticket.publish(analysed)
    crawled.class_ticket = ticket  # inherits at the end of the audit, once earlier candidates have published


def crawl(
    home: FetchResult, scope: str, options: AuditOptions, renderer: a11y_browser.Renderer | None = None
) -> Crawled:
    """The site's own HTML pages reachable from the home page (breadth first, bounded, same order every run).

    With a `renderer` (the browser), each page is also shown in Chromium: the links of its rendered
    DOM feed the crawl, and axe-core runs on it (at most `axe_max_pages` pages, `axe_budget` seconds).
    """
    crawled = Crawled(axe=a11y_browser.AxeRun() if renderer is not None else None)
    sampler = AxeSampler(every_page=options.browser.axe_every_page)
    styles = StyleFingerprints(scope, _read_style_sheet)
    raw_urls: set[str] = set()
    seen: set[str] = {page_key(home.final_url), page_key(home.url)}
    started = time.monotonic()
    script_links: list[str] = []  # the first page whose rendered DOM links to a page no raw HTML links to
    known_scripts: dict[str, bool] = {}  # script URL → known to write no link (read once per crawl)

    def visit(level: list[tuple[str, str]]) -> list[str]:
        """Read one level of the crawl (raw HTML, then the browser's rendering); the next level's URLs."""
        pages = [parse_page(url, html) for url, html in level]
        crawled.pages.extend(pages)
        found: list[str] = []
        for page in pages:
            raw_urls.update([link.url for link in page.links()] + page.frame_urls())
        views = list(pages)
        rendered: dict[int, a11y_browser.Rendered] = {}
        if renderer is not None and time.monotonic() - started <= options.browser.axe_budget:
            if script_links:
                # the site writes links by script (seen on a page already rendered): every page is
                # rendered so that the crawl follows them; axe then runs on the pages of new kinds
                for index, done in enumerate(renderer.render_many([page.url for page in pages], with_axe=False)):
                    rendered[index] = done
                    if done.html is not None:
                        views[index] = parse_page(pages[index].url, done.html)
            for page in pages:
                crawled.fingerprints[page.url] = styles.of(page)
            if options.browser.axe_share is not None:  # a class chooses after the crawl (axe-core comes later)
                chosen, with_axe = [], False
            else:
                chosen, with_axe = _axe_choice(views, sampler, crawled, options), True
            for index, done in zip(
                chosen, renderer.render_many([pages[i].url for i in chosen], with_axe=with_axe), strict=True
            ):
                rendered[index] = done
                if done.html is not None:
                    views[index] = parse_page(pages[index].url, done.html)
            # the same crawl alone and in a class: every page whose scripts may write links is shown in
            # the browser (unless its scripts are known to write none: no scripts, or e5portfolio's own),
            # whether or not axe-core runs on it
            writers = [
                i
                for i in range(len(pages))
                if i not in rendered and not writes_no_links(pages[i], scope, known_scripts)
            ]
            for index, done in zip(
                writers, renderer.render_many([pages[i].url for i in writers], with_axe=False), strict=True
            ):
                rendered[index] = done
                if done.html is not None:
                    views[index] = parse_page(pages[index].url, done.html)
        for index, page in enumerate(pages):
            found += _new_links([link.url for link in page.links()] + page.frame_urls(), scope, seen)
            if index in rendered:
                done = rendered[index]
                assert crawled.axe is not None  # pages are rendered only with a renderer, which makes an axe run
                if done.axe is not None:
                    crawled.axe.pages.append(done.axe)
                    crawled.axe.rule_ids = crawled.axe.rule_ids | done.rule_ids
                if done.html is not None:
                    crawled.axe.rendered += 1
                    crawled.dom_links.extend((page.url, link) for link in done.links)
                    targets = [link.url for link in done.links] + done.frames
                    if not script_links and any(crawlable(u, scope) and u not in raw_urls for u in targets):
                        script_links.append(page.url)
                    found += _new_links(targets, scope, seen)
            crawled.views.append(views[index])
        return found

    frontier = visit([(home.final_url, home.text())])
    with ThreadPoolExecutor(max_workers=options.crawl.workers) as pool:
        while frontier and len(crawled.pages) < options.crawl.max_pages:
            batch = frontier[: options.crawl.max_pages - len(crawled.pages)]
            level = []
            for result in pool.map(lambda u: fetch(u, options.crawl.page_limits), batch):
                if result.final_url != result.url and page_key(result.final_url) in seen:
                    continue  # a redirect to a page already read
                seen.add(page_key(result.final_url))
                if not result.ok or not result.is_html or not result.final_url.startswith(scope):
                    continue
                level.append((result.final_url, result.text()))
            frontier = visit(level)
    crawled.dom_links = [(page, link) for page, link in crawled.dom_links if link.url not in raw_urls]
    if renderer is not None:
        crawled.script_only = _script_only(crawled.pages, scope)
        _inherit_violations(crawled)
    return crawled


def _axe_choice(views: list[Page], sampler: AxeSampler, crawled: Crawled, options: AuditOptions) -> list[int]:
    """The pages of a level axe-core runs on (indexes, in order): those holding a kind of element no
    page analysed before holds, within the limit of pages; the others are noted as sampled out."""
    assert crawled.axe is not None  # chosen only in a crawl with the browser
    room = max(0, options.browser.axe_max_pages - len(crawled.axe.pages))
    chosen, covered = sampler.choose(
        [
            (
                view.url,
                page_kinds(view, crawled.fingerprints.get(view.url, ""), layout_only=options.browser.axe_layout_only),
            )
            for view in views
        ],
        room,
    )
    crawled.sampled_out.extend(covered)
    return [index for index, view in enumerate(views) if view.url in chosen]


def _inherit_violations(crawled: Crawled) -> None:
    """Pages not run through axe inherit the violations of the kinds of element they share with analysed pages."""
    inherit_violations(crawled, crawled.analysed(), "")


def inherit_violations(crawled: Crawled, analysed: list[AnalysedPage], source: str) -> None:
    """Each page axe-core did not run on inherits the violations of its kinds of element."""
    views = {view.url: view for view in crawled.views}
    for url in crawled.sampled_out:
        view = views.get(url)
        if view is None:
            continue
        assert crawled.axe is not None  # pages are sampled out only in a crawl with the browser
        kinds = page_kinds(view, crawled.fingerprints.get(url, ""))
        crawled.axe.inherited[url] = [
            a11y_browser.violation_issue(violation) for violation in inherited_violations(analysed, kinds, source)
        ]


CSS_LIMITS = FetchLimits(timeout=5.0, max_bytes=2_000_000)


def _read_style_sheet(url: str) -> bytes | None:
    result = fetch(url, CSS_LIMITS)
    return result.body if result.ok and not result.truncated else None


def _script_only(pages: list[Page], scope: str) -> list[str]:
    """Crawled pages that no chain of raw-HTML links from the home page reaches."""
    by_key = {page_key(page.url): page for page in pages}
    reached = {page_key(pages[0].url)}
    pending = [pages[0]]
    while pending:
        page = pending.pop()
        for url in [link.url for link in page.links()] + page.frame_urls():
            key = page_key(url)
            if key in by_key and key not in reached:
                reached.add(key)
                pending.append(by_key[key])
    return [page.url for page in pages if page_key(page.url) not in reached]


def _new_links(urls: list[str], scope: str, seen: set[str]) -> list[str]:
    found = []
    for url in urls:
        key = page_key(url)
        if key not in seen and crawlable(url, scope):
            seen.add(key)
            found.append(url)
    return found
