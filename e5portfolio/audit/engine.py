"""Audit one TARGET — a built site folder, a portfolio folder (built first) or an http(s) URL.

Sequence: home page reachability → (linkchecker in the background) → crawl of the site's own
pages (with the browser, when available: each page rendered in Chromium, the links of its rendered
DOM followed too, axe-core run on it) → static accessibility checks → exam readiness on the pages as
rendered → links written by script checked → link verdicts. Everything ends up as `Finding`s
plus the penalties preview of the grille (« portfolio inaccessible » 10 points, « absence de
tableau de synthèse » 2 points).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from e5portfolio.audit import a11y_browser
from e5portfolio.audit.a11y_static import RULES as STATIC_RULES
from e5portfolio.audit.a11y_static import A11yIssue, check_page
from e5portfolio.audit.fetch import FetchLimits, FetchResult, detect_wall, fetch, visible_text
from e5portfolio.audit.htmlpage import Page, parse_page
from e5portfolio.audit.links import (
    LinkcheckerMissing,
    LinkcheckerRun,
    LinkCheckOptions,
    LinkCheckResult,
    LinkRow,
    LinkVerdict,
    is_hint_row,
    is_network_failure,
    judge_rows,
)
from e5portfolio.audit.outcome import Cause
from e5portfolio.audit.readiness import ReadinessResult, SiteContext, check_readiness
from e5portfolio.audit.rgaa import criteria_prefix
from e5portfolio.audit.sampling import (
    AnalysedPage,
    AxeSampler,
    ClassTicket,
    StyleFingerprints,
    inherited_violations,
    page_kinds,
)
from e5portfolio.audit.scope import Scope
from e5portfolio.audit.serve import serve_site
from e5portfolio.core.errors import E5Error
from e5portfolio.core.findings import Finding, FindingSet, Severity, clean_text
from e5portfolio.core.referential import DEFAULT_SESSION, load_referential

PORTFOLIO_FILES = ("portfolio.yml", "portfolio.yaml")
CRAWLABLE_SUFFIXES = ("", ".html", ".htm", ".xhtml", ".php", ".asp", ".aspx", ".jsp")
INCOMPLETE = "audit-incomplet"  # our own rule: a part of the audit could not run (info/warning)
BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/.*)?$")


class AuditError(E5Error):
    """The audit could not run at all (French message; exit code 2)."""


@dataclass(frozen=True)
class AuditOptions:
    browser: bool | None = None  # None: use Chromium when it is found
    page_limits: FetchLimits = FetchLimits()
    links: LinkCheckOptions = LinkCheckOptions()
    max_pages: int = 200
    crawl_workers: int = 4
    axe_max_pages: int = 40
    axe_every_page: bool = False  # axe-core on every page, not only on the pages with a new kind of element
    axe_layout_only: bool = False  # --axe-rapide: pages chosen by the kinds of their layout (outside <main>) only
    # a class: the pages axe-core runs on are chosen for the whole class (sampling.ClassAxeShare)
    axe_share: ClassTicket | None = field(default=None, compare=False)
    axe_budget: float = 180.0
    axe_page_timeout: float = 20.0
    skip_attestation_files: bool = False  # a portfolio folder: --sans-attestations
    build_time_limit: float = 180.0  # a portfolio folder: seconds its build may take (sandboxed_build)


@dataclass
class AuditResult(FindingSet):
    target: str
    findings: list[Finding] = field(default_factory=list)
    penalties: dict[str, int] = field(default_factory=lambda: {"portfolio-inaccessible": 0, "tableau-absent": 0})
    reachable: bool = False
    tableau_present: bool = False
    coverage: int | None = None  # competences covered (of 6) according to the tableau or portfolio.json
    pages: list[str] = field(default_factory=list)  # where the analysed pages are (file or URL)
    links_checked: int = 0
    browser_used: bool = False
    # pages axe-core ran on; the other pages of the browser pass hold only kinds of element already
    # analysed (audit.sampling) and inherit their defects
    axe_pages: int = 0
    axe_layout_only: bool = False  # the pages were chosen by their layout only (--axe-rapide)
    script_navigation: bool = False  # no browser ran and the site's menu looks written by script
    unverified: list[str] = field(default_factory=list)  # readiness rules reported « non vérifiable »
    folder: str | None = None  # the site folder audited (to show file paths a terminal can open)
    # accessibility checks that ran on at least one page (static ids and axe-core ids, no « a11y- »),
    # and, for each reported a11y rule, the pages where it found a defect (the RGAA summary, audit.rgaa)
    a11y_rules: list[str] = field(default_factory=list)
    a11y_pages: dict[str, list[str]] = field(default_factory=dict)
    # when the audit ran (ISO 8601, UTC): the report's own date, for the commission's forms
    date: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def __post_init__(self) -> None:
        self.target = clean_text(self.target)

    def count_rule(self, prefix: str, severity: Severity | None = None) -> int:
        return sum(
            1 for f in self.findings if f.rule.startswith(prefix) and (severity is None or f.severity is severity)
        )

    @property
    def summary(self) -> dict[str, int]:
        return {
            **super().summary,
            "pages": len(self.pages),
            "links": self.links_checked,
            "penalty_points": sum(self.penalties.values()),
        }


# --- targets ------------------------------------------------------------------------------------


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def audit(target: str, options: AuditOptions = AuditOptions()) -> AuditResult:
    """Audit TARGET; raises AuditError when it names nothing that can be audited."""
    _browser_availability(options)  # a forced but missing browser stops the audit before any work
    if is_url(target):
        return audit_url(target, options)
    path = Path(target)
    if path.is_file() and path.suffix.lower() in (".html", ".htm"):
        path = path.parent
    if path.is_file() and path.name in PORTFOLIO_FILES:
        path = path.parent
    if path.is_dir():
        if any((path / name).is_file() for name in PORTFOLIO_FILES):
            return audit_portfolio(path, options)
        if (path / "index.html").is_file():
            return audit_folder(path, options, display=target)
        raise AuditError(
            f"« {target} » n'est ni un site construit (pas d'index.html) ni un dossier de portfolio "
            "(pas de portfolio.yml) : indiquez le dossier du site, celui du portfolio ou une adresse "
            "https://…"
        )
    if not path.exists() and BARE_DOMAIN.match(target):
        return audit_url(f"https://{target}", options)
    raise AuditError(
        f"« {target} » n'existe pas : indiquez un dossier de site, un dossier de portfolio ou une adresse https://…"
    )


def _browser_availability(options: AuditOptions) -> a11y_browser.BrowserAvailability | None:
    """The browser to use, None when the browser check is off; AuditError if forced but missing."""
    if options.browser is False:
        return None
    availability = a11y_browser.browser_availability()
    if options.browser and not availability.usable:
        raise AuditError(
            f"vérification dans le navigateur demandée (--browser) mais il manque {availability.missing()}"
        )
    return availability


def audit_url(url: str, options: AuditOptions = AuditOptions()) -> AuditResult:
    return _audit_site(url, url, options, lambda u: (None, u), local=False, audited_url=url)


def audit_folder(folder: Path, options: AuditOptions = AuditOptions(), display: str | None = None) -> AuditResult:
    """Audit a built site folder, served on 127.0.0.1 for the time of the audit."""
    with serve_site(folder) as base:
        result = _audit_site(base, display or str(folder), options, _folder_locator(base), local=True, audited_url=None)
    result.folder = str(folder)
    return result


def audit_portfolio(folder: Path, options: AuditOptions = AuditOptions()) -> AuditResult:
    """Build the portfolio's site in a temporary folder, then audit that site."""
    with _built_site(folder, options) as (site, findings):
        if site is None:
            return AuditResult(str(folder), findings)
        result = audit_folder(site, options, display=str(folder))
        result.findings[:0] = findings
        result.folder = None  # the site was built in a temporary folder, gone after the audit
        return result


@contextlib.contextmanager
def _built_site(folder: Path, options: AuditOptions) -> Iterator[tuple[Path | None, list[Finding]]]:
    """The student's folder built in a child process, bounded in time and memory (sandboxed_build)."""
    from e5portfolio.audit.sandboxed_build import build_in_child

    workdir = Path(tempfile.mkdtemp(prefix="e5p-audit-build-"))
    try:
        yield build_in_child(
            folder,
            workdir / "site",
            skip_attestation_files=options.skip_attestation_files,
            time_limit=options.build_time_limit,
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _folder_locator(base: str) -> Callable[[str], tuple[str | None, str | None]]:
    def locate(url: str) -> tuple[str | None, str | None]:
        if url.startswith(base):
            relative = urldefrag(url)[0][len(base) :].split("?")[0]
            return (relative or "index.html"), None
        return None, url

    return locate


# --- one site -----------------------------------------------------------------------------------


@dataclass
class _Site:
    """What the audit of one site gathers as it goes."""

    home: FetchResult
    scope: str  # URLs starting with it are the site's own
    locate: Callable[[str], tuple[str | None, str | None]]
    pages: list[Page] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    a11y_pages: dict[str, list[str]] = field(default_factory=dict)  # a11y rule → pages with a defect

    def finding(
        self,
        rule: str,
        severity: Severity,
        message: str,
        where: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> Finding:
        file, url = self.locate(where or self.home.final_url)
        return Finding(rule, severity, message, file, line, column, hint, url)


def _audit_site(
    start_url: str,
    target: str,
    options: AuditOptions,
    locate: Callable[[str], tuple[str | None, str | None]],
    *,
    local: bool,
    audited_url: str | None,
) -> AuditResult:
    availability = _browser_availability(options)
    referential = load_referential(DEFAULT_SESSION)
    result = AuditResult(target)
    home = fetch(start_url, options.page_limits)
    problem = reachability_problem(home)
    if problem is not None:
        file, url = locate(start_url)
        if not local and _unverifiable_from_here(home):
            result.findings.append(
                Finding(
                    "audit-incomplet",
                    Severity.ERROR,
                    f"portfolio non vérifiable depuis cet ordinateur : {problem} ; cet ordinateur ne joint pas "
                    "Internet (salle hors ligne, proxy de l'établissement) : aucune pénalité n'est proposée ; "
                    "relancez l'audit depuis un ordinateur connecté",
                    file,
                    url=url,
                )
            )
            return result
        points = referential.penalites["portfolio-inaccessible"].points
        result.findings.append(
            Finding(
                "portfolio-inaccessible",
                Severity.ERROR,
                f"portfolio inaccessible : {problem} ; le jury ne pourra pas l'ouvrir "
                f"(pénalité de {points} points) : publiez le site et vérifiez "
                "l'adresse dans une fenêtre de navigation privée",
                file,
                url=url,
            )
        )
        result.penalties["portfolio-inaccessible"] = points
        return result
    result.reachable = True
    site = _Site(home, scope_of(home.final_url), locate)
    links_run, links_problem = _start_links(home.final_url, options.links)
    more_links: LinkcheckerRun | None = None
    try:
        crawled = _crawl_site(site, options, availability, local)
        site.pages = crawled.pages
        if crawled.script_only and links_run is not None:
            # pages reached only through links written by script: linkchecker (raw HTML) cannot find them
            more_links, _ = _start_links(crawled.script_only, options.links)
        site.findings.extend(_home_notes(site, options, crawled))
        static = {page.url: check_page(page) for page in site.pages}
        readiness = check_readiness(
            SiteContext(crawled.views, site.scope, home.final_url, audited_url, locate, referential)
        )
        dom_rows = _check_dom_links(crawled, site.scope, options)
    except BaseException:
        for run in (links_run, more_links):
            if run is not None:
                run.cancel()
        raise
    links = links_run.result() if links_run is not None else None
    if links is not None:
        _merge_links(links, more_links.result() if more_links is not None else None, dom_rows, options.links)
    if crawled.class_ticket is not None:
        ticket = crawled.class_ticket
        inherit_violations(crawled, ticket.analysed_before_and_with(), ticket.source)
    site.findings.extend(_a11y_findings(site, static, crawled.axe))
    unverified = _unverifiable(site, readiness.findings, crawled)
    site.findings.extend(readiness.findings)
    own_url = readiness.site_url if local else None
    site.findings.extend(_link_findings(site, links, links_problem, own_url))
    result.script_navigation = crawled.script_navigation
    result.unverified = unverified
    result.axe_layout_only = options.axe_layout_only
    return _finish(result, site, readiness, links, crawled.axe, availability, referential)


def _finish(
    result: AuditResult,
    site: _Site,
    readiness: ReadinessResult,
    links: LinkCheckResult | None,
    axe_run: a11y_browser.AxeRun | None,
    availability,
    referential,
) -> AuditResult:
    result.findings.extend(site.findings)
    result.tableau_present = readiness.tableau_present
    result.coverage = readiness.coverage
    if any(f.rule == "tableau-absent" and f.severity is Severity.ERROR for f in result.findings):
        result.penalties["tableau-absent"] = referential.penalites["tableau-absent"].points
    result.pages = [clean_text(_display(site.locate(page.url))) for page in site.pages]
    result.links_checked = len(links.rows) if links else 0
    result.axe_pages = sum(1 for page in axe_run.pages if page.error is None) if axe_run else 0
    result.a11y_rules, result.a11y_pages = rules_run(site, axe_run), site.a11y_pages
    # the browser pass ran for this site: pages rendered, analysed by axe-core, or (in a class) inheriting
    result.browser_used = axe_run is not None and (
        axe_run.rendered > 0 or bool(axe_run.inherited) or any(page.error is None for page in axe_run.pages)
    )
    if availability is not None and not availability.usable:
        result.findings.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                f"vérification d'accessibilité dans le navigateur (axe-core) non faite : il manque "
                f"{availability.missing()} ; seuls les contrôles statiques ont été faits",
            )
        )
    return result


def _display(location: tuple[str | None, str | None]) -> str:
    return location[0] or location[1] or ""


PROBE_SECONDS = 5.0


def _unverifiable_from_here(home: FetchResult) -> bool:
    """The home page could not be fetched because of this machine's reach, not the site: a proxy
    refused it, or its name did not resolve while its parent domain does not either (this machine
    resolves no outside name: offline). A name that does not resolve under a parent that does is
    the candidate's wrong address."""
    if home.failure is Cause.PROXY:
        return True
    if home.failure is not Cause.DNS:
        return False
    host = (urlsplit(home.url).hostname or "").rstrip(".")
    parent = host.split(".", 1)[1] if host.count(".") >= 2 else "github.io"
    return not _resolves(parent)


def _resolves(name: str) -> bool:
    """Whether `name` resolves, within PROBE_SECONDS (getaddrinfo has no timeout of its own)."""
    import socket
    import threading

    answer: list[bool] = []

    def probe() -> None:
        try:
            socket.getaddrinfo(name, 443, type=socket.SOCK_STREAM)
            answer.append(True)
        except (OSError, UnicodeError):
            answer.append(False)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(PROBE_SECONDS)
    return bool(answer and answer[0])


def reachability_problem(home: FetchResult) -> str | None:
    """French reason why the home page cannot be read, or None when it can."""
    if home.error is not None:
        return f"la page d'accueil « {home.url} » ne s'ouvre pas ({home.error})"
    if not home.is_html:
        kind = home.content_type or "inconnu"
        return f"l'adresse « {home.url} » ne mène pas à une page web (contenu de type {kind})"
    wall = detect_wall(home.final_url, home.status, home.text())
    if wall:
        return f"l'adresse « {home.url} » mène à {wall}"
    return None


def scope_of(url: str) -> str:
    """The site's own URLs start with this: scheme, host and folder of the home page."""
    parts = urlsplit(urldefrag(url)[0])
    folder = parts.path[: parts.path.rfind("/") + 1] if "/" in parts.path else "/"
    return f"{parts.scheme}://{parts.netloc}{folder or '/'}"


def _start_links(url: str | list[str], options: LinkCheckOptions) -> tuple[LinkcheckerRun | None, str | None]:
    try:
        return LinkcheckerRun(url, options), None
    except LinkcheckerMissing as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"le programme linkchecker n'a pas pu être lancé ({exc.strerror or exc}) : liens non vérifiés"


# --- crawl --------------------------------------------------------------------------------------


def _crawlable(url: str, scope: str) -> bool:
    if not url.startswith(scope):
        return False
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return suffix in CRAWLABLE_SUFFIXES


def page_key(url: str) -> str:
    """One key per page: « dossier/ » and « dossier/index.html » are the same page."""
    return re.sub(r"/index\.html?$", "/", urldefrag(url)[0])


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


def _crawl_site(site: _Site, options: AuditOptions, availability, local: bool) -> Crawled:
    if availability is None or not availability.usable:
        crawled = crawl(site.home, site.scope, options)
        crawled.script_evidence = script_navigation_evidence(crawled.pages, site.scope)
        crawled.script_navigation = bool(crawled.script_evidence)
        return crawled
    from concurrent.futures import TimeoutError as LaunchTimeout

    from playwright.async_api import Error as PlaywrightError

    try:
        with a11y_browser.browser_session(availability) as session:
            renderer = session.renderer(local_only=local, page_timeout=options.axe_page_timeout, origin=site.scope)
            try:
                crawled = crawl(site.home, site.scope, options, renderer)
                if options.axe_share is not None:
                    _class_axe_pass(crawled, renderer, options.axe_share, options.axe_layout_only)
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
    site.findings.extend(axe_notes(site, crawled, options.axe_max_pages, options.axe_budget))
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


def axe_notes(site: _Site, crawled: Crawled, max_pages: int, budget: float) -> list[Finding]:
    """What axe-core could not do (pages left to the static checks, pages it failed on)."""
    notes = []
    axe_run = crawled.axe
    assert axe_run is not None  # called after a crawl with the browser
    unanalysed = len(crawled.pages) - len(axe_run.pages) - len(crawled.sampled_out)
    if unanalysed > 0:
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                f"{_count(unanalysed, 'page', 'pages')} sans vérification axe-core dans le "
                "navigateur "
                f"(limite de {_count(max_pages, 'page', 'pages')} ou de {int(budget)} s) : seuls les "
                "contrôles statiques y ont été faits",
            )
        )
    for page in axe_run.pages:
        if page.error:
            # a page that left the site is the student's doing: the teacher sees it
            severity, message = Severity.INFO, page.error
            if page.error.startswith(a11y_browser.LEFT_SITE):
                severity = Severity.WARNING
            elif "délai dépassé" in page.error or "timeout" in page.error.lower():
                # a page that never settles (a script in a loop, dialogs one after the other) keeps
                # axe-core off it: the teacher is told, it costs the student something
                severity = Severity.WARNING
                message = (
                    "page qui ne se stabilise pas dans le navigateur (script en boucle ou boîtes de "
                    "dialogue à répétition ?) : axe-core n'a pas pu la vérifier et le jury risque de ne "
                    f"pas pouvoir l'afficher ; à vérifier à la main ({page.error})"
                )
            notes.append(site.finding(INCOMPLETE, severity, message, page.url))
    return notes


def crawl(
    home: FetchResult, scope: str, options: AuditOptions, renderer: a11y_browser.Renderer | None = None
) -> Crawled:
    """The site's own HTML pages reachable from the home page (breadth first, bounded, same order every run).

    With a `renderer` (the browser), each page is also shown in Chromium: the links of its rendered
    DOM feed the crawl, and axe-core runs on it (at most `axe_max_pages` pages, `axe_budget` seconds).
    """
    crawled = Crawled(axe=a11y_browser.AxeRun() if renderer is not None else None)
    sampler = AxeSampler(every_page=options.axe_every_page)
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
        if renderer is not None and time.monotonic() - started <= options.axe_budget:
            if script_links:
                # the site writes links by script (seen on a page already rendered): every page is
                # rendered so that the crawl follows them; axe then runs on the pages of new kinds
                for index, done in enumerate(renderer.render_many([page.url for page in pages], with_axe=False)):
                    rendered[index] = done
                    if done.html is not None:
                        views[index] = parse_page(pages[index].url, done.html)
            for page in pages:
                crawled.fingerprints[page.url] = styles.of(page)
            if options.axe_share is not None:  # a class chooses after the crawl (axe-core comes later)
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
                    if not script_links and any(_crawlable(u, scope) and u not in raw_urls for u in targets):
                        script_links.append(page.url)
                    found += _new_links(targets, scope, seen)
            crawled.views.append(views[index])
        return found

    frontier = visit([(home.final_url, home.text())])
    with ThreadPoolExecutor(max_workers=options.crawl_workers) as pool:
        while frontier and len(crawled.pages) < options.max_pages:
            batch = frontier[: options.max_pages - len(crawled.pages)]
            level = []
            for result in pool.map(lambda u: fetch(u, options.page_limits), batch):
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
    room = max(0, options.axe_max_pages - len(crawled.axe.pages))
    chosen, covered = sampler.choose(
        [
            (view.url, page_kinds(view, crawled.fingerprints.get(view.url, ""), layout_only=options.axe_layout_only))
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
        if key not in seen and _crawlable(url, scope):
            seen.add(key)
            found.append(url)
    return found


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
            if _crawlable(url, scope) and page_key(url) not in seen:
                missing.setdefault(url, None)
    if writes:
        for url in _sitemap_pages(scope):
            if url.startswith(scope) and _crawlable(url, scope) and page_key(url) not in seen:
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


def size_text(size: int) -> str:
    """A size in French units: « 500 ko », « 5 Mo »."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.3g} Mo".replace(".", ",")
    return f"{max(1, round(size / 1000))} ko"


SCRIPT_NAVIGATION = "menu-javascript"  # our own audit rule: navigation written by script, no browser ran
# readiness rules whose absence cannot be asserted when the pages behind a script-built menu were not seen
UNVERIFIABLE_RULES = {
    "tableau-absent": "présence du tableau de synthèse",
    "mentions-legales-absentes": "présence des mentions légales",
    "veille-absente": "présence de la veille",
    "identite-pro-absente": "présence d'un profil professionnel (LinkedIn, GitHub…)",
}


def _home_notes(site: _Site, options: AuditOptions, crawled: Crawled) -> list[Finding]:
    notes = []
    if site.home.truncated:
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.WARNING,
                f"page d'accueil de plus de {size_text(options.page_limits.max_bytes)} : seul le "
                "début a été analysé ; allégez-la, le jury l'attendra longtemps",
            )
        )
    if crawled.script_navigation:
        evidence = crawled.script_evidence
        example = ""
        if evidence is not None and evidence.pages:
            named = [_display(site.locate(url)) for url in evidence.pages[:3]]
            others = len(evidence.pages) - len(named)
            example = (
                f" (par exemple {', '.join(f'« {n} »' for n in named)}"
                f"{f' et {others} autre' + ('s' if others > 1 else '') if others else ''}, que seul un script "
                "atteint)"
            )
        notes.append(
            site.finding(
                SCRIPT_NAVIGATION,
                Severity.WARNING,
                f"menu construit par JavaScript : relancez avec le navigateur (--browser) ; sans "
                f"lui, l'audit n'a vu {_pages_seen(len(crawled.pages))} et ne peut pas "
                f"suivre les liens écrits par script{example}",
            )
        )
    elif crawled.axe is None and len(visible_text(site.home.text())) < 40 and "<script" in site.home.text().lower():
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                "la page d'accueil est presque vide sans JavaScript (site React, Vue…) : "
                "l'analyse sans navigateur n'en voit pas le contenu ; lancez l'audit avec "
                "--browser",
            )
        )
    if len(site.pages) >= options.max_pages:
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                f"plus de {options.max_pages} pages : seules les {options.max_pages} premières ont été analysées",
            )
        )
    return notes


def _count(count: int, singular: str, plural: str) -> str:
    """« 1 page », « 2 pages », « 0 page » (French: 0 and 1 take the singular)."""
    return f"{count} {singular if count <= 1 else plural}"


def _pages_seen(count: int) -> str:
    return "que la page d'accueil" if count <= 1 else f"que {count} pages"


def _unverifiable(site: _Site, findings: list[Finding], crawled: Crawled) -> list[str]:
    """Without a browser on a script-built site, an absence is not asserted: « non vérifiable », no penalty."""
    if not crawled.script_navigation:
        return []
    rules = []
    for index, finding in enumerate(findings):
        label = UNVERIFIABLE_RULES.get(finding.rule)
        if label is None:
            continue
        rules.append(finding.rule)
        findings[index] = replace(
            finding,
            severity=Severity.INFO,
            message=(
                f"{label} non vérifiable : le menu est construit par JavaScript et l'audit s'est fait sans "
                "navigateur ; relancez avec --browser pour le vérifier (aucune pénalité retenue)"
            ),
        )
    return rules


# --- links written by script ----------------------------------------------------------------------

DOM_LINK_LIMITS = FetchLimits(timeout=10.0, max_bytes=200_000)
_CHECKED_SCHEMES = ("http://", "https://")


def _check_dom_links(crawled: Crawled, scope: str, options: AuditOptions) -> list[LinkRow]:
    """Links present only in the rendered DOM (linkchecker reads raw HTML): checked here, each URL once."""
    crawled_ok = {page_key(page.url) for page in crawled.pages}
    todo: dict[str, tuple[str, a11y_browser.RenderedLink]] = {}
    for page_url, link in crawled.dom_links:
        url = link.url
        if not url.lower().startswith(_CHECKED_SCHEMES) or url in todo or page_key(url) in crawled_ok:
            continue
        if not url.startswith(scope) and not options.links.check_extern:
            continue
        todo[url] = (page_url, link)
    if not todo:
        return []
    with ThreadPoolExecutor(max_workers=min(8, len(todo))) as pool:
        net = Scope(scope)  # a link to a local or private address is not requested (audit.scope)
        results = list(pool.map(lambda u: fetch(u, DOM_LINK_LIMITS, net), todo))
    rows = []
    for (url, (page_url, link)), result in zip(todo.items(), results, strict=True):
        ok = result.error is None and result.status is not None and result.status < 400
        status_text = f"{result.status} {result.reason}".strip() if result.status is not None else ""
        rows.append(
            LinkRow(
                link=link.href,
                url=url,
                parent=page_url,
                line=None,
                column=None,
                text=link.text,
                result=status_text or (result.error or ""),
                valid=ok,
                warning="",
                info="",
                failure=result.failure,
            )
        )
    return rows


def _merge_links(
    links: LinkCheckResult, more: LinkCheckResult | None, dom_rows: list[LinkRow], options: LinkCheckOptions
) -> None:
    """Add the second linkchecker run (script-reached pages) and the DOM-only links, each (url, page) once."""
    known = {(row.url, row.parent) for row in links.rows}
    if more is not None:
        new = [row for row in more.rows if (row.url, row.parent) not in known and row.parent]
        known.update((row.url, row.parent) for row in new)
        links.rows.extend(new)
        new_ids = {id(row) for row in new}
        links.verdicts.extend(v for v in more.verdicts if id(v.row) in new_ids)
        if more.problem and not links.problem:
            links.problem = more.problem
    extra = [row for row in dom_rows if (row.url, row.parent) not in known]
    links.rows.extend(extra)
    links.verdicts.extend(judge_rows(extra, options))


# --- accessibility ------------------------------------------------------------------------------


def _a11y_findings(
    site: _Site, static: dict[str, list[A11yIssue]], axe_run: a11y_browser.AxeRun | None
) -> list[Finding]:
    analysed = {p.url: p for p in axe_run.pages if p.error is None} if axe_run else {}
    covered = axe_run.rule_ids if axe_run else frozenset()
    order = {url: index for index, url in enumerate(static)}  # crawl order
    found: list[tuple[str, A11yIssue]] = []
    for url, issues in static.items():
        for issue in issues:
            if url in analysed and issue.rule in covered:
                continue  # axe tested the same thing on this page: report it once, from axe
            found.append((url, issue))
    for url, page in analysed.items():
        found.extend((url, issue) for issue in page.issues)
    for url, issues in (axe_run.inherited if axe_run else {}).items():
        found.extend((url, issue) for issue in issues)
    found.sort(key=lambda item: order.get(item[0], len(order)))
    found = [(url, with_criteria(issue)) for url, issue in found]
    for url, issue in found:
        pages = site.a11y_pages.setdefault(f"a11y-{issue.rule}", [])
        shown = clean_text(_display(site.locate(url)))
        if shown not in pages:
            pages.append(shown)
    return [_grouped_finding(site, group) for group in _template_groups(found)]


def with_criteria(issue: A11yIssue) -> A11yIssue:
    """The issue's message opens with the RGAA criteria its rule tests (« RGAA 3.2 — contraste du texte : »)."""
    return replace(issue, message=f"{criteria_prefix(issue.rule)} : {issue.message}")


def rules_run(site: _Site, axe_run: a11y_browser.AxeRun | None) -> list[str]:
    """The accessibility checks that ran on at least one page: the static ones on every page read,
    axe-core's on the pages it analysed."""
    if not site.pages:
        return []
    ran = {rule.id for rule in STATIC_RULES}
    if axe_run is not None and any(page.error is None for page in axe_run.pages):
        ran |= set(axe_run.rule_ids)
    return sorted(ran)


MAX_PAGES_NAMED = 4


def _template_groups(found: list[tuple[str, A11yIssue]]) -> list[list[tuple[str, A11yIssue]]]:
    """A shared template's defect (same rule, same elements, same message on several pages) is one group."""
    groups: dict[tuple, list[tuple[str, A11yIssue]]] = {}
    for index, (url, issue) in enumerate(found):
        key = (issue.rule, issue.severity, issue.element, issue.message) if issue.element else (index,)
        groups.setdefault(key, []).append((url, issue))
    return list(groups.values())


def _grouped_finding(site: _Site, group: list[tuple[str, A11yIssue]]) -> Finding:
    url, issue = group[0]
    pages = list(dict.fromkeys(u for u, _ in group))
    if len(pages) < 2:
        return _issue_finding(site, url, issue)
    names = [_display(site.locate(u)) for u in pages]
    shown = ", ".join(names[:MAX_PAGES_NAMED])
    if len(names) > MAX_PAGES_NAMED:
        shown += f" et {_count(len(names) - MAX_PAGES_NAMED, 'autre', 'autres')}"
    message = f"sur {len(pages)} pages ({shown}), défaut du modèle commun : {issue.message}"
    return site.finding(f"a11y-{issue.rule}", issue.severity, message, url, issue.line, issue.column, issue.hint)


def _issue_finding(site: _Site, url: str, issue: A11yIssue) -> Finding:
    return site.finding(f"a11y-{issue.rule}", issue.severity, issue.message, url, issue.line, issue.column, issue.hint)


# --- links --------------------------------------------------------------------------------------


def _link_findings(
    site: _Site, links: LinkCheckResult | None, missing: str | None, own_url: str | None = None
) -> list[Finding]:
    """Findings for the links; `own_url` is the public address of a site audited from a local
    folder: links to it are not judged (before the first publication it answers 404)."""
    if links is None:
        return [site.finding(INCOMPLETE, Severity.WARNING, missing or "liens non vérifiés")]
    findings = []
    hints = {url for page in site.pages for url in page.hint_urls()}
    verdicts = [v for v in links.verdicts if not is_hint_row(v.row, hints)]
    # linkchecker's results for local, private or metadata addresses (other than the audited site)
    # are dropped unread: they would tell which of the teacher's ports answer (audit.scope)
    net = Scope(site.scope)
    hidden = [v for v in verdicts if not net.allows(v.row.url) and not (own_url and v.row.url.startswith(own_url))]
    verdicts = [v for v in verdicts if v not in hidden]
    for verdict in hidden:
        findings.append(
            site.finding(
                "lien-casse",
                Severity.ERROR,
                f"lien vers « {verdict.row.url} » : adresse locale ou privée, que le jury ne "
                "pourra pas ouvrir (l'audit ne la visite pas) : retirez le lien ou "
                "remplacez-le par une adresse publique",
                verdict.row.parent or site.home.final_url,
                verdict.row.line,
                verdict.row.column,
            )
        )
    verdicts, offline, outside = _offline_filter(verdicts, site.scope, links.rows, hints)
    if offline:
        counted = (
            f"aucun des {offline} liens externes n'a pu être joint"
            if offline == outside
            else f"{offline} des {outside} liens externes n'ont pas pu être joints"
        )
        findings.append(
            site.finding(
                INCOMPLETE,
                Severity.WARNING,
                f"{counted} (nom de domaine introuvable ou connexion impossible) : cet "
                "ordinateur n'a sans doute pas accès à Internet, ou passe par un proxy qui "
                "les bloque ; liens externes non vérifiés",
            )
        )
    own = [v for v in verdicts if own_url and v.row.url.startswith(own_url)]
    for verdict in verdicts:
        if verdict not in own:
            findings.append(_verdict_finding(site, verdict))
    if own:
        findings.append(
            site.finding(
                "lien-non-verifiable",
                Severity.INFO,
                f"{_count(len(own), 'lien', 'liens')} vers l'adresse publique du portfolio (« {own_url} ») "
                f"non vérifié{'s' if len(own) > 1 else ''} : l'audit "
                "porte sur un dossier local ; auditez l'adresse publique une fois le site publié",
            )
        )
    if links.problem:
        findings.append(site.finding(INCOMPLETE, Severity.WARNING, links.problem))
    return findings


def _offline_filter(
    verdicts: list[LinkVerdict], scope: str, rows: list | tuple = (), hints: set[str] | frozenset[str] = frozenset()
) -> tuple[list[LinkVerdict], int, int]:
    """When most outside links (at least two hosts) could not be reached for a network cause (name
    resolution, connection, proxy, TLS interception, timeout: the typed outcome, never its wording),
    the machine is offline or behind a proxy: one warning instead of one finding per link. Returns
    the verdicts left, how many outside links were folded into that warning and how many were checked."""
    outside = {
        row.url
        for row in rows
        if not row.url.startswith(scope)
        and not is_hint_row(row, set(hints))
        and urlsplit(row.url).scheme.lower() in ("http", "https")
    }
    network = [v for v in verdicts if not v.row.url.startswith(scope) and is_network_failure(v)]
    failed = {v.row.url for v in network}
    hosts = {urlsplit(url).hostname for url in failed}
    outside |= failed
    if len(hosts) >= 2 and 2 * len(failed) > len(outside):
        folded = {id(v) for v in network}
        return [v for v in verdicts if id(v) not in folded], len(failed), len(outside)
    return verdicts, 0, len(outside)


def _verdict_finding(site: _Site, verdict: LinkVerdict) -> Finding:
    row = verdict.row
    where = row.parent or site.home.final_url
    internal = row.url.startswith(site.scope)
    shown = row.link if internal and row.link else row.url
    if verdict.kind == "unverifiable":
        message = (
            f"lien vers « {shown} » non vérifiable automatiquement ({verdict.reason}) : ouvrez-le dans une "
            "fenêtre de navigation privée pour vérifier qu'il s'affiche sans connexion"
        )
        return site.finding("lien-non-verifiable", Severity.WARNING, message, where, row.line, row.column)
    if verdict.kind != "broken":  # only a typed broken outcome is « lien-casse »
        return site.finding("lien-non-verifiable", Severity.WARNING, verdict.reason, where, row.line, row.column)
    if internal:
        message = (
            f"lien cassé vers « {shown} » ({verdict.reason}) : corrigez l'adresse du lien ou publiez le "
            "fichier manquant"
        )
    else:
        message = f"lien externe cassé vers « {shown} » ({verdict.reason}) : corrigez l'adresse ou retirez le lien"
    return site.finding("lien-casse", Severity.ERROR, message, where, row.line, row.column)
