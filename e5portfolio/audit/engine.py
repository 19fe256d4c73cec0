"""Audit one TARGET — a built site folder, a portfolio folder (built first) or an http(s) URL.

The entry points and the types callers use, gathered from the modules that do the work:
target.py (what is audited: URL, site folder, portfolio folder, bare domain), site_audit.py (the
sequence for one site), crawl.py (the site's own pages, raw and rendered), script_navigation.py
(navigation written by script), link_check.py (linkchecker and the links of the rendered DOM),
verdicts.py (findings, offline filter, penalties preview of the grille: « portfolio inaccessible »
10 points, « absence de tableau de synthèse » 2 points), options.py (AuditOptions: crawl, browser,
links and build options) and result.py.
"""

from __future__ import annotations

from e5portfolio.audit.options import AuditError, AuditOptions, BrowserOptions, BuildOptions, CrawlOptions
from e5portfolio.audit.result import INCOMPLETE, AuditResult
from e5portfolio.audit.target import (
    BARE_DOMAIN,
    PORTFOLIO_FILES,
    audit,
    audit_folder,
    audit_portfolio,
    audit_url,
    is_url,
)

__all__ = [
    "BARE_DOMAIN",
    "INCOMPLETE",
    "PORTFOLIO_FILES",
    "AuditError",
    "AuditOptions",
    "AuditResult",
    "BrowserOptions",
    "BuildOptions",
    "CrawlOptions",
    "audit",
    "audit_folder",
    "audit_portfolio",
    "audit_url",
    "is_url",
]
