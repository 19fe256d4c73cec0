"""What is audited: an http(s) URL, a built site folder (served on 127.0.0.1), a portfolio folder
(built first, in a child process) or a bare domain name.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urldefrag

from e5portfolio.audit.options import DEFAULT_OPTIONS, AuditError, AuditOptions
from e5portfolio.audit.result import AuditResult
from e5portfolio.audit.serve import serve_site
from e5portfolio.audit.site_audit import audit_site, browser_availability
from e5portfolio.core.findings import Finding

PORTFOLIO_FILES = ("portfolio.yml", "portfolio.yaml")


BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/.*)?$")


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def audit(target: str, options: AuditOptions = DEFAULT_OPTIONS) -> AuditResult:
    """Audit TARGET; raises AuditError when it names nothing that can be audited."""
    browser_availability(options)  # a forced but missing browser stops the audit before any work
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


def audit_url(url: str, options: AuditOptions = DEFAULT_OPTIONS) -> AuditResult:
    return audit_site(url, url, options, lambda u: (None, u), local=False, audited_url=url)


def audit_folder(folder: Path, options: AuditOptions = DEFAULT_OPTIONS, display: str | None = None) -> AuditResult:
    """Audit a built site folder, served on 127.0.0.1 for the time of the audit."""
    with serve_site(folder) as base:
        result = audit_site(base, display or str(folder), options, _folder_locator(base), local=True, audited_url=None)
    result.folder = str(folder)
    return result


def audit_portfolio(folder: Path, options: AuditOptions = DEFAULT_OPTIONS) -> AuditResult:
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
            skip_attestation_files=options.build.skip_attestation_files,
            time_limit=options.build.time_limit,
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
