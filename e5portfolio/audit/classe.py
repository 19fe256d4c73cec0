"""Audit a whole class from a CSV list (nom, prenom, numero, url) and write the class report.

The list is read as Excel writes it: `;` or `,` separated, UTF-8 with or without BOM (or
Windows-1252 for an old « CSV (séparateur : point-virgule) »). Candidates are audited a few at a
time; one candidate that cannot be audited never stops the others. The class report is an .xlsx
workbook (one row per candidate) with, in a folder beside it, one HTML report per candidate.
"""

from __future__ import annotations

import csv
import re
import sys
import threading
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from e5portfolio.audit import a11y_browser, sandboxed_build
from e5portfolio.audit.engine import AuditError, AuditOptions, AuditResult, audit
from e5portfolio.audit.report import is_our_report, render_html, teacher_order
from e5portfolio.audit.rgaa import FAILED, criteria_statuses
from e5portfolio.audit.sampling import ClassAxeShare
from e5portfolio.core.errors import E5Error
from e5portfolio.core.fileutil import write_text_atomic
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.referential import DEFAULT_SESSION, load_referential
from e5portfolio.core.slug import slugify

WORKBOOK_CREATOR = "e5portfolio audit"
COLUMN_ALIASES = {
    "nom": ("nom", "nom de famille", "last name", "lastname"),
    "prenom": ("prenom", "first name", "firstname"),
    "numero": ("numero", "n candidat", "no candidat", "numero candidat", "numero de candidat", "n"),
    "url": (
        "url",
        "adresse",
        "adresse url",
        "adresse url du portfolio",
        "adresse du portfolio",
        "url du portfolio",
        "lien",
        "portfolio",
        "site",
    ),
}
HEADERS = (
    ("Nom", 18),
    ("Prénom", 16),
    ("N° candidat", 14),
    ("Adresse du portfolio", 42),
    ("Accessible", 11),
    ("Tableau de synthèse", 13),
    ("Compétences couvertes (sur 6)", 13),
    ("Mentions légales", 12),
    ("Veille", 12),
    ("Identité pro", 12),
    ("Liens cassés", 9),
    ("Erreurs d'accessibilité", 13),
    ("Critères RGAA non conformes", 24),
    ("Pénalités prévisibles (points)", 13),
    ("Erreurs", 9),
    ("Avertissements", 9),
    ("Pages analysées", 9),
    ("Navigateur", 11),
    ("Rapport détaillé", 30),
    ("Première erreur à corriger", 70),
)
REPORT_COLUMN = [title for title, _ in HEADERS].index("Rapport détaillé") + 1
FIRST_ERROR_COLUMN = [title for title, _ in HEADERS].index("Première erreur à corriger") + 1
UNVERIFIED = "Non vérifiable"
# a class: axe-core on at most this many pages of a site (those with kinds of element no earlier page
# of the class holds); every page is still crawled and checked statically
CLASS_AXE_PAGES = 15


_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


class ClassListError(E5Error):
    """The class list cannot be used (French message)."""


@dataclass(frozen=True)
class Candidate:
    nom: str
    prenom: str
    numero: str
    url: str
    line: int  # in the CSV file

    @property
    def label(self) -> str:
        return " ".join(part for part in (self.nom.upper(), self.prenom) if part) or f"ligne {self.line}"


@dataclass
class CandidateOutcome:
    candidate: Candidate
    result: AuditResult | None = None
    error: str | None = None  # French: why the audit could not run
    report: str | None = None  # relative path of the HTML report (from the workbook's folder)
    # the list itself is at fault (empty cell, mistyped folder): the teacher's error, not the
    # candidate's: no penalty, no « Non » for reachability
    target_missing: bool = False

    @property
    def has_errors(self) -> bool:
        return self.error is not None or (self.result is not None and self.result.has_errors)


# --- reading the list ---------------------------------------------------------------------------


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower().replace("°", " "))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel « Texte Unicode »), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ClassListError(
                f"« {path} » : texte Unicode (UTF-16) illisible ; enregistrez la liste au format "
                "« CSV UTF-8 (délimité par des virgules) »"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    """The separator Excel used: « ; » (French Excel), « , » or a tabulation (« Texte Unicode »)."""
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def _columns(header: list[str], path: Path) -> dict[str, int]:
    keys = [_key(cell) for cell in header]
    columns = {}
    for name, aliases in COLUMN_ALIASES.items():
        for index, key in enumerate(keys):
            if key in aliases:
                columns[name] = index
                break
    missing = [name for name in ("nom", "url") if name not in columns]
    if missing:
        raise ClassListError(
            f"« {path} » : colonne(s) {', '.join(missing)} introuvable(s) sur la première ligne "
            f"(lue : {'; '.join(header) or 'vide'}) : la première ligne doit être "
            "« nom;prenom;numero;url »"
        )
    return columns


def read_class_list(path: Path) -> list[Candidate]:
    try:
        text = _decode(Path(path).read_bytes(), path)
    except OSError as exc:
        raise ClassListError(f"impossible de lire la liste « {path} » ({exc.strerror or exc})") from None
    lines = text.splitlines()
    skipped = 0
    delimiter = None
    if lines and (sep_line := _SEP_LINE.match(lines[0])):  # « sep=; »: Excel's line naming the separator
        delimiter, lines, skipped = sep_line.group(1), lines[1:], 1
    if not lines or not lines[0].strip():
        raise ClassListError(
            f"« {path} » est vide : écrivez la ligne « nom;prenom;numero;url » puis un candidat par ligne"
        )
    records = _records(lines, delimiter or _delimiter(lines[0]), path, skipped)
    columns = _columns(records[0], path)
    candidates = []
    for number, record in enumerate(records[1:], start=2 + skipped):
        if not any(cell.strip() for cell in record):
            continue

        def cell(name: str, record: list[str] = record) -> str:
            return record[columns[name]].strip() if name in columns and columns[name] < len(record) else ""

        candidates.append(Candidate(cell("nom"), cell("prenom"), cell("numero"), cell("url"), number))
    if not candidates:
        raise ClassListError(f"« {path} » ne contient aucun candidat après la ligne d'en-tête")
    return candidates


def _records(lines: list[str], delimiter: str, path: Path, skipped: int) -> list[list[str]]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error:
        raise ClassListError(
            f"« {path} », ligne {reader.line_num + skipped} : ligne CSV mal formée ; ouvrez la "
            "liste dans Excel ou LibreOffice Calc et enregistrez-la au format « CSV UTF-8 » "
            "avec le point-virgule comme séparateur"
        ) from None


# --- auditing -----------------------------------------------------------------------------------


def reports_folder(workbook: Path) -> Path:
    return workbook.with_name(f"{workbook.stem}-rapports")


def report_name(index: int, candidate: Candidate) -> str:
    return f"{index:02d}-{slugify(candidate.nom + ' ' + candidate.prenom, fallback='candidat')}.html"


def is_our_workbook(path: Path) -> bool:
    from e5portfolio.tableau.classbook import written_by

    return written_by(path, WORKBOOK_CREATOR)


def check_outputs(workbook: Path, candidates: list[Candidate]) -> None:
    """Refuse to replace a file the audit did not write (before any audit starts)."""
    if workbook.suffix.lower() != ".xlsx":
        raise ClassListError(
            f"« {workbook} » : le rapport de classe est un classeur Excel ; choisissez un nom qui se termine par .xlsx"
        )
    if workbook.is_dir() or (workbook.exists() and not is_our_workbook(workbook)):
        raise ClassListError(
            f"« {workbook} » existe déjà et n'est pas un rapport d'audit : choisissez un autre nom avec -o"
        )
    folder = reports_folder(workbook)
    if folder.exists() and not folder.is_dir():
        raise ClassListError(f"« {folder} » existe déjà et n'est pas un dossier : choisissez un autre nom avec -o")
    for index, candidate in enumerate(candidates, start=1):
        report = folder / report_name(index, candidate)
        if report.exists() and not is_our_report(report):
            raise ClassListError(
                f"« {report} » existe déjà et n'est pas un rapport d'audit : déplacez-le ou "
                "choisissez un autre nom avec -o"
            )


class TargetMissing(E5Error):
    """A row of the list names nothing to audit (French message, with the line of the file)."""


def _resolve_target(candidate: Candidate, base: Path) -> str:
    """The folder or URL to audit for this row; TargetMissing when the cell is empty or names a
    folder that does not exist (a typo in the list, not a portfolio that is down)."""
    from e5portfolio.audit.engine import BARE_DOMAIN, is_url

    url = candidate.url.strip()
    where = f"ligne {candidate.line} du fichier"
    if not url:
        raise TargetMissing(
            f"cible introuvable ({where}) : la colonne de l'adresse est vide ; écrivez l'adresse "
            "https://… du portfolio ou le nom de son dossier"
        )
    if is_url(url):
        return url
    path = Path(url).expanduser()
    path = path if path.is_absolute() else base / path
    if path.exists():
        return str(path)
    if BARE_DOMAIN.match(url):
        return url  # « lea.github.io/portfolio »: an address without https://
    raise TargetMissing(
        f"cible introuvable ({where}) : le dossier « {url} » n'existe pas à côté de la liste "
        f"({base}) ; corrigez le nom du dossier ou écrivez l'adresse https://… du portfolio"
    )


def _audit_one(candidate: Candidate, base: Path, options: AuditOptions) -> CandidateOutcome:
    try:
        return _audited(candidate, base, options)
    finally:
        if options.browser.axe_share is not None:  # whoever waits for this candidate's axe-core pass goes on
            options.browser.axe_share.close()


def _audited(candidate: Candidate, base: Path, options: AuditOptions) -> CandidateOutcome:
    try:
        target = _resolve_target(candidate, base)
    except TargetMissing as exc:
        return CandidateOutcome(candidate, error=str(exc), target_missing=True)
    try:
        return CandidateOutcome(candidate, audit(target, options))
    except AuditError as exc:
        return CandidateOutcome(candidate, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - per-candidate boundary: one candidate never stops the class
        return CandidateOutcome(candidate, error=f"erreur interne pendant l'audit ({type(exc).__name__}: {exc})")


def audit_class(
    candidates: list[Candidate],
    options: AuditOptions,
    workbook: Path,
    *,
    base: Path,
    workers: int = 4,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[CandidateOutcome]:
    """Audit every candidate (a few at a time), write their HTML reports and the class workbook."""
    check_outputs(workbook, candidates)
    options = replace(
        options, browser=replace(options.browser, axe_max_pages=min(options.browser.axe_max_pages, CLASS_AXE_PAGES))
    )
    outcomes: list[CandidateOutcome | None] = [None] * len(candidates)
    done = 0
    # axe-core's findings are shared between candidates whose sites use the same style sheets, the
    # pages chosen in the order of the list (the same every run)
    share = ClassAxeShare(len(candidates), options.browser.axe_max_pages, every_page=options.browser.axe_every_page)
    # one Chromium for the whole class (started when first needed), one browser context per candidate;
    # candidates are submitted in the order of the list (a candidate only ever waits for earlier ones)
    try:
        with a11y_browser.shared_browser(), ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            # the hand-out is inside the try: a Ctrl+C while candidates are still being handed out, after
            # a first child build has started, must stop that build too (else the pool's exit waits for it)
            try:
                futures = {
                    pool.submit(
                        _audit_one,
                        c,
                        base,
                        replace(options, browser=replace(options.browser, axe_share=share.ticket(i))),
                    ): i
                    for i, c in enumerate(candidates)
                }
                for future in as_completed(futures):
                    index = futures[future]
                    outcomes[index] = future.result()
                    done += 1
                    if progress is not None:
                        progress(done, len(candidates), candidates[index].label)
            except BaseException:  # Ctrl+C: no candidate starts, the builds running are stopped
                pool.shutdown(wait=False, cancel_futures=True)
                sandboxed_build.stop_children()
                raise
    finally:
        # the pool has joined its workers: no build of this class can start any more, and the builds
        # this process starts later (another audit, a test) must not be stopped
        sandboxed_build.allow_children()
    final = [o for o in outcomes if o is not None]
    _write_reports(final, workbook)
    write_class_workbook(final, workbook)
    return final


def _write_reports(outcomes: list[CandidateOutcome], workbook: Path) -> None:
    folder = reports_folder(workbook)
    for index, outcome in enumerate(outcomes, start=1):
        result = outcome.result or _failed_result(outcome)
        name = report_name(index, outcome.candidate)
        write_text_atomic(folder / name, render_html(result))
        outcome.report = f"{folder.name}/{name}"


def _inaccessible_points() -> int:
    return load_referential(DEFAULT_SESSION).penalites["portfolio-inaccessible"].points


def _failed_result(outcome: CandidateOutcome) -> AuditResult:
    if outcome.target_missing:  # the list's error: reported as such, no penalty
        return AuditResult(
            outcome.candidate.url or outcome.candidate.label,
            [Finding("audit-incomplet", Severity.ERROR, f"audit non fait : {outcome.error}")],
        )
    message = f"audit impossible : {outcome.error} ; vérifiez l'adresse dans la liste de la classe"
    return AuditResult(
        outcome.candidate.url or outcome.candidate.label,
        [Finding("portfolio-inaccessible", Severity.ERROR, message, url=outcome.candidate.url or None)],
        {"portfolio-inaccessible": _inaccessible_points(), "tableau-absent": 0},
    )


# --- the class workbook -------------------------------------------------------------------------


def _row_values(outcome: CandidateOutcome) -> list:
    c = outcome.candidate
    result = outcome.result
    if result is None and outcome.target_missing:
        return [
            c.nom,
            c.prenom,
            c.numero,
            c.url,
            "?",
            "?",
            None,
            "?",
            "?",
            "?",
            None,
            None,
            "?",
            None,
            None,
            None,
            None,
            None,
            outcome.report,
            outcome.error,
        ]
    if result is None:
        return [
            c.nom,
            c.prenom,
            c.numero,
            c.url,
            "Non",
            "?",
            None,
            "?",
            "?",
            "?",
            None,
            None,
            "?",
            _inaccessible_points(),
            1,
            0,
            0,
            "Non",
            outcome.report,
            f"audit impossible : {outcome.error}",
        ]
    # penalties first, then errors by cost: the line that costs points comes first
    errors = [f for f in teacher_order(result) if f.severity is Severity.ERROR]
    return [
        c.nom,
        c.prenom,
        c.numero,
        c.url,
        "Oui" if result.reachable else "Non",
        _tableau_cell(result),
        result.coverage,
        _presence(result, "mentions-legales-absentes"),
        _presence(result, "veille-absente"),
        _presence(result, "identite-pro-absente"),
        result.count_rule("lien-casse"),
        result.count_rule("a11y-", Severity.ERROR),
        _failed_criteria(result),
        sum(result.penalties.values()),
        result.count(Severity.ERROR),
        result.count(Severity.WARNING),
        len(result.pages),
        "Oui" if result.browser_used else "Non",
        outcome.report,
        errors[0].message if errors else "",
    ]


def _failed_criteria(result: AuditResult) -> str:
    """« 1.1, 3.2 »: the RGAA criteria the automatic checks found failing; « ? » when no page was read."""
    if not result.reachable or not result.pages:
        return "?"
    return ", ".join(s.criterion.number for s in criteria_statuses(result) if s.status == FAILED)


def _tableau_cell(result: AuditResult) -> str:
    if not result.reachable:
        return "?"
    if "tableau-absent" in result.unverified:
        return UNVERIFIED
    return "Présent" if result.tableau_present else "Absent"


def _presence(result: AuditResult, absent_rule: str) -> str:
    """« Oui », « Non », « Non vérifiable » (script-built menu, no browser) or « ? » (site not reached)."""
    if not result.reachable:
        return "?"
    if absent_rule in result.unverified:
        return UNVERIFIED
    return "Non" if result.count_rule(absent_rule) else "Oui"


def write_class_workbook(outcomes: list[CandidateOutcome], path: Path) -> None:
    from openpyxl.styles import Alignment

    from e5portfolio.tableau.classbook import append_row, new_table, save_table, set_link

    workbook, sheet = new_table("Audit de la classe", WORKBOOK_CREATOR, "Audit des portfolios E5 de la classe", HEADERS)
    for outcome in outcomes:
        row = append_row(sheet, _row_values(outcome))
        if outcome.report:
            set_link(sheet.cell(row=row, column=REPORT_COLUMN), outcome.report, f"Rapport de {outcome.candidate.label}")
        sheet.cell(row=row, column=FIRST_ERROR_COLUMN).alignment = Alignment(wrap_text=True, vertical="top")
    save_table(workbook, sheet, len(HEADERS), path)


# --- progress on a terminal ---------------------------------------------------------------------


def terminal_progress(stream=None) -> Callable[[int, int, str], None] | None:
    """A progress bar on stderr, only when it is a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    lock = threading.Lock()

    def show(done: int, total: int, label: str) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        with lock:
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}")
            if done == total:
                stream.write("\n")
            stream.flush()

    return show
