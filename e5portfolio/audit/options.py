"""What the caller of an audit asks for (AuditOptions), and the error when nothing can be audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from e5portfolio.audit.fetch import FetchLimits
from e5portfolio.audit.links import LinkCheckOptions
from e5portfolio.audit.sampling import ClassTicket
from e5portfolio.core.errors import E5Error


class AuditError(E5Error):
    """The audit could not run at all (French message; exit code 2)."""


@dataclass(frozen=True)
class CrawlOptions:
    """How far and how fast the site's own pages are read."""

    page_limits: FetchLimits = FetchLimits()  # each page: time and size
    max_pages: int = 200
    workers: int = 4


@dataclass(frozen=True)
class BrowserOptions:
    """The browser pass: Chromium renders the pages, axe-core runs on some of them."""

    use: bool | None = None  # None: use Chromium when it is found
    page_timeout: float = 20.0
    axe_max_pages: int = 40
    axe_every_page: bool = False  # axe-core on every page, not only on the pages with a new kind of element
    axe_layout_only: bool = False  # --axe-rapide: pages chosen by the kinds of their layout (outside <main>) only
    # a class: the pages axe-core runs on are chosen for the whole class (sampling.ClassAxeShare)
    axe_share: ClassTicket | None = field(default=None, compare=False)
    axe_budget: float = 180.0


@dataclass(frozen=True)
class BuildOptions:
    """A portfolio folder, built before its audit (sandboxed_build)."""

    skip_attestation_files: bool = False  # --sans-attestations
    time_limit: float = 180.0  # seconds the build may take


@dataclass(frozen=True)
class AuditOptions:
    crawl: CrawlOptions = CrawlOptions()
    browser: BrowserOptions = BrowserOptions()
    links: LinkCheckOptions = LinkCheckOptions()
    build: BuildOptions = BuildOptions()


DEFAULT_OPTIONS = AuditOptions()  # the options of an audit that asks for nothing in particular
