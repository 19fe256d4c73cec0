"""The audit of one site, in sequence: home page reachability → (linkchecker in the background) →
crawl (audit.crawl) → static accessibility checks → exam readiness on the pages as rendered →
links written by script checked → verdicts (audit.verdicts).
"""

from __future__ import annotations

from collections.abc import Callable

from e5portfolio.audit import a11y_browser
from e5portfolio.audit.a11y_static import check_page
from e5portfolio.audit.crawl import crawl_site, inherit_violations
from e5portfolio.audit.fetch import fetch
from e5portfolio.audit.link_check import check_dom_links, merge_links, start_links
from e5portfolio.audit.links import LinkcheckerRun
from e5portfolio.audit.options import AuditError, AuditOptions
from e5portfolio.audit.readiness import SiteContext, check_readiness
from e5portfolio.audit.result import AuditResult, Site
from e5portfolio.audit.site_urls import scope_of
from e5portfolio.audit.verdicts import (
    a11y_findings,
    axe_notes,
    finish,
    home_notes,
    link_findings,
    reachability_problem,
    unreachable,
    unverifiable,
)
from e5portfolio.core.referential import DEFAULT_SESSION, load_referential


def browser_availability(options: AuditOptions) -> a11y_browser.BrowserAvailability | None:
    """The browser to use, None when the browser check is off; AuditError if forced but missing."""
    if options.browser.use is False:
        return None
    availability = a11y_browser.browser_availability()
    if options.browser.use and not availability.usable:
        raise AuditError(
            f"vérification dans le navigateur demandée (--browser) mais il manque {availability.missing()}"
        )
    return availability


def audit_site(
    start_url: str,
    target: str,
    options: AuditOptions,
    locate: Callable[[str], tuple[str | None, str | None]],
    *,
    local: bool,
    audited_url: str | None,
) -> AuditResult:
    availability = browser_availability(options)
    referential = load_referential(DEFAULT_SESSION)
    result = AuditResult(target)
    home = fetch(start_url, options.crawl.page_limits)
    problem = reachability_problem(home)
    if problem is not None:
        unreachable(result, problem, home, locate(start_url), local, referential)
        return result
    result.reachable = True
    site = Site(home, scope_of(home.final_url), locate)
    links_run, links_problem = start_links(home.final_url, options.links)
    more_links: LinkcheckerRun | None = None
    try:
        crawled = crawl_site(site, options, availability, local)
        if crawled.axe is not None:  # the browser pass ran: what axe-core could not do
            site.findings.extend(axe_notes(site, crawled, options.browser.axe_max_pages, options.browser.axe_budget))
        site.pages = crawled.pages
        if crawled.script_only and links_run is not None:
            # pages reached only through links written by script: linkchecker (raw HTML) cannot find them
            more_links, _ = start_links(crawled.script_only, options.links)
        site.findings.extend(home_notes(site, options, crawled))
        static = {page.url: check_page(page) for page in site.pages}
        readiness = check_readiness(
            SiteContext(crawled.views, site.scope, home.final_url, audited_url, locate, referential)
        )
        dom_rows = check_dom_links(crawled, site.scope, options)
    except BaseException:
        for run in (links_run, more_links):
            if run is not None:
                run.cancel()
        raise
    links = links_run.result() if links_run is not None else None
    if links is not None:
        merge_links(links, more_links.result() if more_links is not None else None, dom_rows, options.links)
    if crawled.class_ticket is not None:
        ticket = crawled.class_ticket
        inherit_violations(crawled, ticket.analysed_before_and_with(), ticket.source)
    site.findings.extend(a11y_findings(site, static, crawled.axe))
    unverified = unverifiable(site, readiness.findings, crawled)
    site.findings.extend(readiness.findings)
    own_url = readiness.site_url if local else None
    site.findings.extend(link_findings(site, links, links_problem, own_url))
    result.script_navigation = crawled.script_navigation
    result.unverified = unverified
    result.axe_layout_only = options.browser.axe_layout_only
    return finish(result, site, readiness, links, crawled.axe, availability, referential)
