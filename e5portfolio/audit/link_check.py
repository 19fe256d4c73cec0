"""The site's links checked: linkchecker started in the background on the raw HTML, the links present
only in the rendered DOM checked here, both merged (each (url, page) once).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from e5portfolio.audit import a11y_browser
from e5portfolio.audit.crawl import Crawled
from e5portfolio.audit.fetch import FetchLimits, fetch
from e5portfolio.audit.links import (
    LinkcheckerMissing,
    LinkcheckerRun,
    LinkCheckOptions,
    LinkCheckResult,
    LinkRow,
    judge_rows,
)
from e5portfolio.audit.options import AuditOptions
from e5portfolio.audit.scope import Scope
from e5portfolio.audit.site_urls import page_key


def start_links(url: str | list[str], options: LinkCheckOptions) -> tuple[LinkcheckerRun | None, str | None]:
    try:
        return LinkcheckerRun(url, options), None
    except LinkcheckerMissing as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"le programme linkchecker n'a pas pu être lancé ({exc.strerror or exc}) : liens non vérifiés"


DOM_LINK_LIMITS = FetchLimits(timeout=10.0, max_bytes=200_000)


_CHECKED_SCHEMES = ("http://", "https://")


def check_dom_links(crawled: Crawled, scope: str, options: AuditOptions) -> list[LinkRow]:
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


def merge_links(
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
