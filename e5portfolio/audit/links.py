"""Links of a site, checked by the `linkchecker` program (run as a subprocess: it is GPL).

Internal pages and documents are followed recursively, external links are checked once each
(`--check-extern`), the whole run is bounded in time. The CSV that linkchecker prints on its
standard output (`-o csv`: `;`-separated, `#` comment records) becomes one `LinkRow` per URL,
then one verdict per row: broken (`lien-casse`), unverifiable (`lien-non-verifiable`: LinkedIn's
999, 429 « too many requests » even after waiting its Retry-After once, a login wall), or fine.

linkchecker waits 0.1–0.6 s between two requests to a host unless the host's answers carry a
`LinkChecker` header; our local server sends it and the generated configuration sets
`maxrequestspersecond=1000`. Started as root, linkchecker drops to user `nobody`: its
configuration is written world-readable in a world-readable folder, and its CSV is read from
its standard output (never from a file).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from e5portfolio.audit.fetch import FetchLimits, describe_status, detect_wall, fetch, retry_after_seconds
from e5portfolio.audit.outcome import NETWORK_CAUSES, NETWORK_REASONS, Cause, Kind, Outcome, kind_of, linkchecker_cause
from e5portfolio.core.errors import E5Error

STOP_GRACE = 2.0  # seconds given to linkchecker past its own time limit before we stop it
LINKCHECKER_MISSING = (
    "le programme linkchecker est introuvable : installez-le (« pip install linkchecker » dans "
    "l'environnement d'e5portfolio) pour vérifier les liens"
)
# sites that refuse robots: an error from them says nothing about the link
ROBOT_HOSTILE_HOSTS = ("linkedin.com", "lnkd.in", "facebook.com", "instagram.com", "x.com", "twitter.com")
ROBOT_HOSTILE_STATUSES = frozenset({400, 401, 403, 405, 429, 451, 999})
# linkchecker's status text in `result`, e.g. "404 File not found", "999 Request denied"
_STATUS = re.compile(r"^(\d{3})\b")
_RATE_LIMITED = re.compile(r"Rate limited \(Retry-After: ([^)]*)\)")
_REDIRECTED = re.compile(r"Redirected to `([^']+)'")
DNS_REASON = NETWORK_REASONS[Cause.DNS]
# French reasons of the other causes of a broken link (the report's text; verdicts read the cause)
_CAUSE_REASONS = {
    Cause.REDIRECTS: "boucle ou excès de redirections",
    Cause.MISSING_FILE: "fichier introuvable",
    Cause.TOO_LARGE: "fichier trop volumineux pour être vérifié",
    Cause.INVALID: "adresse invalide",
    **NETWORK_REASONS,
}


def is_network_failure(verdict: LinkVerdict) -> bool:
    """The link could not be checked because of the way from this machine to its host (name
    resolution, connection refused or reset, a proxy, TLS interception, a timeout): on its own an
    unverifiable link, for most outside links at once a machine offline or behind a proxy."""
    return verdict.cause in NETWORK_CAUSES


def is_hint_row(row: LinkRow, hints: set[str]) -> bool:
    """A row that is not a link: linkchecker's `dns://` pseudo-URL of a dns-prefetch, or the target
    of a <link rel="preconnect|dns-prefetch"> of the site's pages."""
    if urlsplit(row.url).scheme.lower() == "dns":
        return True
    return any(row.url.rstrip("/") == hint.rstrip("/") for hint in hints)


@dataclass(frozen=True)
class LinkCheckOptions:
    """Bounds of one linkchecker run."""

    check_extern: bool = True
    timeout: int = 10  # seconds per connection (linkchecker `timeout`)
    max_seconds: float = 120.0  # the whole run; then linkchecker is stopped and its partial CSV kept
    threads: int = 10
    recursion_level: int = -1  # internal pages: no depth limit (the site is finite)
    max_urls: int = 5000
    retry_cap: float = 10.0  # longest Retry-After we honour (seconds), once
    retry_limits: FetchLimits = FetchLimits(timeout=10.0, max_bytes=200_000)


@dataclass(frozen=True)
class LinkRow:
    """One URL linkchecker checked."""

    link: str  # as written in the page (urlname)
    url: str  # absolute URL checked
    parent: str  # page holding the link ("" for the start page)
    line: int | None
    column: int | None
    text: str  # the link text
    result: str  # e.g. "200 OK", "404 File not found", "ConnectionError: …"
    valid: bool
    warning: str
    info: str
    # the typed cause of a failure, set where the check ran (linkchecker's row, the Python fetcher)
    failure: Cause | None = None

    @property
    def status(self) -> int | None:
        match = _STATUS.match(self.result)
        return int(match.group(1)) if match else None

    @property
    def final_url(self) -> str:
        redirects = _REDIRECTED.findall(self.warning)
        return redirects[-1] if redirects else self.url


@dataclass(frozen=True)
class LinkVerdict:
    """What a row means for the candidate: its typed outcome (never « ok » here)."""

    row: LinkRow
    kind: Kind  # Kind.BROKEN | Kind.UNVERIFIABLE (a str enum: compares equal to "broken", "unverifiable")
    reason: str  # French, for the report only
    cause: Cause | None = None

    @property
    def outcome(self) -> Outcome:
        return Outcome(Kind(self.kind), self.cause, self.row.status, self.reason)


@dataclass
class LinkCheckResult:
    rows: list[LinkRow] = field(default_factory=list)
    verdicts: list[LinkVerdict] = field(default_factory=list)
    complete: bool = True  # False: stopped at the time limit, or linkchecker could not run
    problem: str | None = None  # French: why the check is incomplete


class LinkcheckerMissing(E5Error):
    """The linkchecker program is not installed."""


def find_linkchecker() -> str | None:
    """The linkchecker program next to this Python (its virtual environment), else on PATH."""
    candidate = Path(sys.executable).parent / ("linkchecker.exe" if os.name == "nt" else "linkchecker")
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return shutil.which("linkchecker")


def write_config(folder: Path, options: LinkCheckOptions) -> Path:
    """A linkcheckerrc readable by `nobody` (linkchecker drops to it when started as root)."""
    folder.chmod(0o755)
    rc = folder / "linkcheckerrc"
    rc.write_text(
        "[checking]\n"
        "maxrequestspersecond=1000\n"
        f"threads={options.threads}\n"
        f"timeout={max(1, int(options.timeout))}\n"
        f"maxrunseconds={max(1, int(options.max_seconds))}\n"
        "aborttimeout=2\n"
        f"maxnumurls={options.max_urls}\n"
        "maxfilesizedownload=104857600\n"
        # the audit checks a site for its author or teacher, each link once, as a visitor's click would:
        # a « Disallow: / » in the student's robots.txt must not hide the site's own broken links
        "robotstxt=0\n"
        "[filtering]\n"
        # mail and phone links: syntax only (their check needs DNS lookups, not the candidate's fault)
        "ignore=\n  ^mailto:\n  ^tel:\n"
        "[output]\n"
        "status=0\n",
        encoding="utf-8",
    )
    rc.chmod(0o644)
    return rc


class LinkcheckerRun:
    """linkchecker started in the background on one site; `result()` waits for it (bounded)."""

    def __init__(self, start_url: str | list[str], options: LinkCheckOptions = LinkCheckOptions()) -> None:
        program = find_linkchecker()
        if program is None:
            raise LinkcheckerMissing(LINKCHECKER_MISSING)
        self.options = options
        self.started = time.monotonic()
        self.workdir = Path(tempfile.mkdtemp(prefix="e5p-links-"))
        rc = write_config(self.workdir, options)
        command = [
            program,
            "--config",
            str(rc),
            "--no-status",
            "-o",
            "csv/utf-8",
            "--verbose",
            "-r",
            str(options.recursion_level),
        ]
        if options.check_extern:
            command.append("--check-extern")
        command.extend([start_url] if isinstance(start_url, str) else start_url)
        self.stdout = tempfile.TemporaryFile()
        self.stderr = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                command,
                stdout=self.stdout,
                stderr=self.stderr,
                stdin=subprocess.DEVNULL,
                cwd=self.workdir,
                env=_environment(),
                start_new_session=True,
            )
        except OSError:
            self._close_files()
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise

    def result(self) -> LinkCheckResult:
        """Wait for linkchecker (at most its time budget plus a grace period), parse and judge."""
        budget = self.options.max_seconds + STOP_GRACE
        complete, problem = True, None
        try:
            self.process.wait(timeout=max(0.1, budget - (time.monotonic() - self.started)))
        except subprocess.TimeoutExpired:
            self._stop()
            complete = False
        if complete and self.process.returncode not in (0, 1):
            complete = False
        text, errors = self._read(self.stdout), self._read(self.stderr)
        self._close_files()
        shutil.rmtree(self.workdir, ignore_errors=True)
        rows = parse_csv(text)
        if rows is None:
            rows, complete = [], False
            problem = "linkchecker n'a rien produit de lisible : les liens n'ont pas été vérifiés"
        elif not complete or _stopped_early(text) or "interrupt" in errors.lower():
            complete = False
            problem = (
                f"vérification des liens arrêtée au bout de {int(self.options.max_seconds)} s : "
                "les liens restants n'ont pas été vérifiés"
            )
        verdicts = judge_rows(rows, self.options)
        return LinkCheckResult(rows, verdicts, complete, problem)

    def _stop(self) -> None:
        """Stop linkchecker and its threads at once: every row it wrote is already in the file
        (it runs unbuffered), and asking politely makes it wait for its slowest request."""
        if hasattr(os, "killpg"):  # POSIX: the whole process group
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def cancel(self) -> None:
        if self.process.poll() is None:
            self._stop()
        self._close_files()
        shutil.rmtree(self.workdir, ignore_errors=True)

    @staticmethod
    def _read(stream) -> str:
        stream.seek(0)
        return stream.read().decode("utf-8", errors="replace")

    def _close_files(self) -> None:
        self.stdout.close()
        self.stderr.close()


def _stopped_early(text: str) -> bool:
    """linkchecker writes its closing comment (« Stopped checking at … ») only when it finished."""
    return "# Stopped checking" not in text


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    local = "127.0.0.1,localhost,::1"
    for key in ("NO_PROXY", "no_proxy"):
        env[key] = f"{env[key]},{local}" if env.get(key) else local
    env.setdefault("LC_ALL", "C.UTF-8")
    env["PYTHONUNBUFFERED"] = "1"  # every CSV row reaches the file at once, even if it is stopped
    return env


def parse_csv(text: str) -> list[LinkRow] | None:
    """Rows of linkchecker's `-o csv` output; None when there is no header.

    Fields may hold quoted newlines, so the whole text goes through the csv reader; comment
    records (`# …`) are those before the header and, after it, those whose field count differs
    from the header's (a data row may itself start with "#": a link written "#section"). The row
    of the start URL has no line and column fields at all: they are put back, empty.
    """
    header: list[str] | None = None
    rows: list[LinkRow] = []
    for record in csv.reader(io.StringIO(text), delimiter=";"):
        if not record:
            continue
        if header is None:
            if "urlname" in record and "valid" in record:
                header = record
            continue
        if len(record) == len(header) - 2 and "line" in header and "column" in header:
            # linkchecker leaves out line and column when it has none (the start URL)
            at = header.index("line")
            record = record[:at] + ["", ""] + record[at:]
        if len(record) != len(header):
            continue
        rows.append(_row(dict(zip(header, record, strict=True))))
    return rows if header is not None else None


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def _row(data: dict[str, str]) -> LinkRow:
    valid, result = data.get("valid") == "True", data.get("result", "")
    failure = None if valid or _STATUS.match(result) else linkchecker_cause(result)
    return LinkRow(
        link=data.get("urlname", ""),
        url=data.get("url", "") or data.get("urlname", ""),
        parent=data.get("parentname", ""),
        line=_int(data.get("line", "")),
        column=_int(data.get("column", "")),
        text=data.get("name", ""),
        result=data.get("result", ""),
        valid=data.get("valid") == "True",
        warning=data.get("warningstring", ""),
        info=data.get("infostring", ""),
        failure=failure,
    )


# --- verdicts -----------------------------------------------------------------------------------


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def robot_hostile(url: str) -> bool:
    host = _host(url)
    return any(host == h or host.endswith("." + h) for h in ROBOT_HOSTILE_HOSTS)


def judge_row(row: LinkRow) -> LinkVerdict | None:
    """The verdict on one row, before any retry; None when the link is fine. Read from the row's
    status and typed failure only."""
    status = row.status
    wall = detect_wall(row.final_url, status, "") if row.final_url != row.url else None
    if wall:
        return LinkVerdict(row, Kind.UNVERIFIABLE, f"le lien mène à {wall}", Cause.LOGIN_WALL)
    if _RATE_LIMITED.search(row.warning) or status == 429:
        return LinkVerdict(row, Kind.UNVERIFIABLE, "le site répond 429 (trop de requêtes)", Cause.RATE_LIMITED)
    if status == 999:
        return LinkVerdict(row, Kind.UNVERIFIABLE, "le site refuse les robots (code 999)", Cause.ROBOTS)
    if row.valid:
        return None
    if status in ROBOT_HOSTILE_STATUSES and robot_hostile(row.url):
        return LinkVerdict(row, Kind.UNVERIFIABLE, f"{_host(row.url)} refuse les robots (code {status})", Cause.ROBOTS)
    if status == 407:
        return LinkVerdict(row, Kind.UNVERIFIABLE, NETWORK_REASONS[Cause.PROXY], Cause.PROXY)
    if status is not None:
        reason = f"{status} : {describe_status(status, row.result[4:])}"
        if status == 404 and _host(row.url) in ("github.com", "gitlab.com"):
            reason += ", dépôt privé ou supprimé ? rendez-le public"
        return LinkVerdict(row, Kind.BROKEN, reason, Cause.HTTP_STATUS)
    cause = row.failure if row.failure is not None else Cause.OTHER
    return LinkVerdict(row, kind_of(cause), explain_result(row, cause), cause)


def explain_result(row: LinkRow, cause: Cause | None = None) -> str:
    """French reason for a failed link: from its cause, else the first line of the checker's text."""
    if row.status is not None:
        return f"{row.status} : {describe_status(row.status, row.result[4:])}"
    cause = cause if cause is not None else row.failure
    if cause in _CAUSE_REASONS:
        return _CAUSE_REASONS[cause]
    result = row.result
    return result.splitlines()[0][:160] if result else "lien invalide"


def judge_rows(rows: list[LinkRow], options: LinkCheckOptions) -> list[LinkVerdict]:
    """Verdicts on every row; a 429 is retried once after its Retry-After (if short enough)."""
    verdicts = [v for v in (judge_row(row) for row in rows) if v is not None]
    rate_limited = [v for v in verdicts if _is_rate_limited(v.row)]
    if not rate_limited:
        return verdicts
    retried = _retry_rate_limited(rate_limited, options)
    return [kept for kept in (retried.get(id(v), v) for v in verdicts) if kept is not None]


def _is_rate_limited(row: LinkRow) -> bool:
    return row.status == 429 or bool(_RATE_LIMITED.search(row.warning))


def _retry_rate_limited(verdicts: list[LinkVerdict], options: LinkCheckOptions) -> dict[int, LinkVerdict | None]:
    """Wait each Retry-After once (concurrently), fetch again; None = fine on the second try."""

    def retry(verdict: LinkVerdict) -> LinkVerdict | None:
        match = _RATE_LIMITED.search(verdict.row.warning)
        wait = retry_after_seconds(match.group(1) if match else None)
        if wait is None:
            wait = 1.0
        if wait > options.retry_cap:
            return replace(
                verdict,
                reason=f"le site répond 429 (trop de requêtes) et demande d'attendre "
                f"{int(wait)} s : réessayez plus tard",
            )
        time.sleep(wait)
        again = fetch(verdict.row.url, options.retry_limits)
        if again.ok or (again.status is not None and again.status < 400):
            return None
        if again.status == 429:
            return replace(verdict, reason="le site répond encore 429 (trop de requêtes) après l'attente demandée")
        if again.status is not None and robot_hostile(verdict.row.url):
            return replace(
                verdict, reason=f"{_host(verdict.row.url)} refuse les robots (code {again.status})", cause=Cause.ROBOTS
            )
        outcome = again.outcome
        kind = outcome.kind if outcome.kind is not Kind.OK else Kind.BROKEN
        return LinkVerdict(verdict.row, kind, again.error or f"{again.status}", outcome.cause)

    with ThreadPoolExecutor(max_workers=min(8, len(verdicts))) as pool:
        outcomes = list(pool.map(retry, verdicts))
    return {id(v): outcome for v, outcome in zip(verdicts, outcomes, strict=True)}
