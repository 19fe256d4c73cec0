"""What an audit returns (AuditResult), and what the audit of one site gathers as it goes (Site)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from e5portfolio.audit.fetch import FetchResult
from e5portfolio.audit.htmlpage import Page
from e5portfolio.core.findings import Finding, FindingSet, Severity, clean_text

INCOMPLETE = "audit-incomplet"  # our own rule: a part of the audit could not run (info/warning)


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


@dataclass
class Site:
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


def display(location: tuple[str | None, str | None]) -> str:
    return location[0] or location[1] or ""


def count_text(count: int, singular: str, plural: str) -> str:
    """« 1 page », « 2 pages », « 0 page » (French: 0 and 1 take the singular)."""
    return f"{count} {singular if count <= 1 else plural}"
