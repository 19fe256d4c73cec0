"""The forms of a whole class (`e5portfolio fiches conformite|grille --class LISTE.csv`).

One candidate after the other, from the audit's class list: the conformity forms and the class
workbook, or the grilles (and appréciations when the commission's evaluation.yml is there). A
candidate that cannot be read gets its reason in its Outcome and the class goes on; what stops
the whole run (a list that cannot be read, an output that may not be replaced, no browser) is a
ClassRunError with its French message and exit code. Printing is left to the command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from e5portfolio.audit.classe import Candidate
from e5portfolio.core.errors import EXIT_USAGE
from e5portfolio.core.slug import slugify
from e5portfolio.fiches.classe import CandidateError, ClassRunError, Outcome

Progress = Callable[[int, int, str], None] | None


@dataclass(frozen=True)
class ConformityRun:
    outcomes: list[Outcome]
    workbook: Path  # the class workbook written
    folder: Path  # the folder of the forms


@dataclass(frozen=True)
class GrilleRun:
    outcomes: list[Outcome]
    folder: Path  # the folder of the forms


def audit_targets(analysis) -> list:
    """What an audit of this candidate may have audited: candidat.url, the portfolio folder."""
    url = analysis.validated.portfolio.candidat.url
    return ([url] if url else []) + [analysis.root]


def form_refusal(target: Path) -> str | None:
    """Why a form may not be written at `target` (French), or None."""
    from e5portfolio.fiches.forms import TITLE_PREFIX
    from e5portfolio.site.printable import is_our_pdf

    if target.suffix.lower() != ".pdf":
        return f"« {target} » : la fiche est un PDF ; choisissez un nom qui se termine par .pdf"
    if target.is_dir() or (target.exists() and not is_our_pdf(target, TITLE_PREFIX)):
        return (
            f"« {target} » existe déjà et n'est pas une fiche écrite par e5portfolio : il n'est pas remplacé ; "
            "choisissez un autre nom avec -o"
        )
    return None


def needed_browser() -> str:
    """The Chromium-family browser that prints the forms; ClassRunError (exit 2) without one."""
    from e5portfolio.browser import NO_BROWSER_MESSAGE, find_browser

    browser = find_browser()
    if browser is None:
        raise ClassRunError(NO_BROWSER_MESSAGE, EXIT_USAGE)
    return browser


def _candidates(class_list: Path) -> list[Candidate]:
    from e5portfolio.audit.classe import ClassListError, read_class_list

    try:
        return read_class_list(class_list)
    except ClassListError as exc:
        raise ClassRunError(str(exc), EXIT_USAGE) from None


def _check_forms(folder: Path, names: list[str]) -> None:
    if folder.exists() and not folder.is_dir():
        raise ClassRunError(
            f"« {folder} » existe déjà et n'est pas un dossier : choisissez un autre nom avec -o", EXIT_USAGE
        )
    for name in names:
        refusal = form_refusal(folder / name)
        if refusal:
            raise ClassRunError(refusal, EXIT_USAGE)


def _write(target: Path, data: bytes) -> None:
    """A form written whole or not at all; a write failure stops the class (exit 2), as for one form."""
    from e5portfolio.core.fileutil import write_bytes_atomic

    try:
        write_bytes_atomic(target, data)
    except OSError as exc:
        raise ClassRunError(
            f"impossible d'écrire « {target} » ({exc.strerror or exc}) : vérifiez le dossier et ses droits", EXIT_USAGE
        ) from None


def _print_or_raise(page_html: str, browser: str) -> bytes:
    """In a class run, a print failure is this candidate's problem, not the class's."""
    from e5portfolio.fiches.forms import print_form
    from e5portfolio.site.printable import PrintError

    try:
        return print_form(page_html, browser)
    except PrintError as exc:
        raise CandidateError(str(exc)) from None


def _named_file(folder: Path | None, candidate: Candidate, suffix: str) -> Path | None:
    """DOSSIER/<N° candidat><suffix>, else DOSSIER/<nom-prenom><suffix>."""
    if folder is None:
        return None
    names = ([candidate.numero] if candidate.numero else []) + [
        slugify(f"{candidate.nom} {candidate.prenom}", fallback="candidat")
    ]
    for name in names:
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def conformity_class(class_list: Path, output: Path | None, progress: Progress) -> ConformityRun:
    """The VI-2 form of every candidate of `class_list` and the class workbook."""
    from e5portfolio.fiches.classe import (
        conformity_for,
        form_name,
        is_our_workbook,
        run_class,
        write_conformity_workbook,
    )
    from e5portfolio.fiches.forms import conformity_html
    from e5portfolio.fiches.labels import load_labels

    candidates = _candidates(class_list)
    workbook = output if output is not None else class_list.with_name(f"{class_list.stem}-conformite.xlsx")
    if workbook.suffix.lower() != ".xlsx":
        raise ClassRunError(
            f"« {workbook} » : le classeur de la classe se termine par .xlsx ; choisissez un autre nom avec -o",
            EXIT_USAGE,
        )
    if workbook.is_dir() or (workbook.exists() and not is_our_workbook(workbook)):
        raise ClassRunError(
            f"« {workbook} » existe déjà et n'est pas un classeur de conformité écrit par e5portfolio : choisissez "
            "un autre nom avec -o",
            EXIT_USAGE,
        )
    folder = workbook.with_name(f"{workbook.stem}-fiches")
    _check_forms(folder, [form_name(i, c, "conformite") for i, c in enumerate(candidates, start=1)])
    browser = needed_browser()
    labels = load_labels()
    base = class_list.parent

    def make(index, candidate):
        conformity = conformity_for(candidate, base)
        name = form_name(index, candidate, "conformite")
        _write(folder / name, _print_or_raise(conformity_html(conformity, labels), browser))
        return Outcome(candidate, conformity, files=[f"{folder.name}/{name}"])

    outcomes = run_class(candidates, make, progress)
    try:
        write_conformity_workbook(outcomes, workbook, labels)
    except OSError as exc:
        raise ClassRunError(
            f"impossible d'écrire le classeur « {workbook} » ({exc.strerror or exc})", EXIT_USAGE
        ) from None
    return ConformityRun(outcomes, workbook, folder)


def grille_class(
    class_list: Path,
    output: Path | None,
    evaluations_dir: Path | None,
    audits_dir: Path | None,
    progress: Progress,
) -> GrilleRun:
    """The VI-3 grille of every candidate of `class_list`, and the VI-4 appréciation of those who
    have an evaluation.yml in `evaluations_dir`."""
    from e5portfolio.core.referential import load_referential
    from e5portfolio.fiches.classe import (
        analysed_folder,
        archive_person,
        check_analysis_identity,
        check_archive_identity,
        dossier_of,
        form_name,
        grille_from_archive,
        opened_archive,
        run_class,
        same_files,
    )
    from e5portfolio.fiches.evaluation import AuditFileError, load_evaluation, marks, read_audit
    from e5portfolio.fiches.forms import appreciation_html, grille_data, grille_html
    from e5portfolio.fiches.labels import load_labels

    for given in (evaluations_dir, audits_dir):
        if given is not None and not given.is_dir():
            raise ClassRunError(
                f"« {given} » n'est pas un dossier : indiquez le dossier des fichiers de la classe", EXIT_USAGE
            )
    candidates = _candidates(class_list)
    folder = output if output is not None else class_list.with_name(f"{class_list.stem}-grilles")
    _check_forms(
        folder,
        [form_name(i, c, form) for i, c in enumerate(candidates, start=1) for form in ("grille", "appreciation")],
    )
    browser = needed_browser()
    referential = load_referential()
    labels = load_labels(referential.session)
    base = class_list.parent

    refused = same_files(candidates)

    def read_marks(candidate, targets):
        evaluation = None
        evaluation_path = _named_file(evaluations_dir, candidate, ".yml")
        if evaluation_path is not None:
            evaluation, findings = load_evaluation(evaluation_path, referential)
            if evaluation is None:
                first = findings[0]
                raise CandidateError(f"{first.file}:{first.line or '?'}:{first.column or '?'}: {first.message}")
        audit = None
        audit_path = _named_file(audits_dir, candidate, ".json")
        if audit_path is not None:
            try:
                audit = read_audit(audit_path, targets)
            except AuditFileError as exc:
                raise CandidateError(str(exc)) from None
        return evaluation, marks(evaluation, audit, referential)

    def make(index, candidate):
        if candidate.line in refused:
            raise CandidateError(refused[candidate.line])
        dossier = dossier_of(candidate, base)
        if dossier is None:
            raise CandidateError("aucun dossier (voir le contrôle de conformité) : pas de grille")
        if dossier.is_file() and dossier.suffix.lower() == ".zip":
            with opened_archive(dossier) as archive:
                check_archive_identity(candidate, archive)
                url = archive_person(archive).get("url")
                evaluation, computed = read_marks(
                    candidate, ([url] if isinstance(url, str) and url else []) + [dossier]
                )
                data = grille_from_archive(archive, candidate, referential, computed, evaluation)
        else:
            analysis = analysed_folder(dossier)
            check_analysis_identity(candidate, analysis)
            evaluation, computed = read_marks(candidate, audit_targets(analysis))
            data = grille_data(analysis, computed, evaluation)
        written = []
        name = form_name(index, candidate, "grille")
        _write(folder / name, _print_or_raise(grille_html(data, labels, referential), browser))
        written.append(f"{folder.name}/{name}")
        if evaluation is not None:
            name = form_name(index, candidate, "appreciation")
            _write(folder / name, _print_or_raise(appreciation_html(data, labels), browser))
            written.append(f"{folder.name}/{name}")
        return Outcome(candidate, files=written)

    return GrilleRun(run_class(candidates, make, progress), folder)
