"""`e5portfolio fiches conformite|grille|appreciation|schema`: the commission's forms (Annexe VI-2,
VI-3, VI-4) as PDF, pre-filled from `check`, an audit and the commission's evaluation.yml."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from e5portfolio.commands import EXIT_FINDINGS, EXIT_USAGE, fail, write_output
from e5portfolio.core.slug import slugify

_class_option = click.option(
    "--class",
    "class_list",
    type=click.Path(path_type=Path),
    default=None,
    metavar="LISTE.csv",
    help="Toute une classe : la liste CSV de l'audit (colonnes nom, prenom, numero, url), où « url » indique "
    "le dossier du portfolio ou l'archive .zip écrite par « e5portfolio dossier » (relatifs à la liste).",
)
_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["pdf", "json"]),
    default="pdf",
    show_default=True,
    help='json : affiche {"note", "penalites", "note_finale"} au lieu d\'écrire le PDF.',
)


@click.group("fiches", subcommand_metavar="FICHE [ARGUMENTS]...")
def command() -> None:
    """Remplit les fiches de la commission d'interrogation (PDF, libellés officiels) :
    contrôle de conformité (annexe VI-2), grille d'aide à l'évaluation (VI-3), fiche
    d'appréciation (VI-4). Nécessite Chromium, Google Chrome ou Microsoft Edge."""


@command.command("conformite")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="PDF à écrire (par défaut : conformite-nom-prenom.pdf dans le dossier courant) ; avec --class, "
    "le classeur .xlsx de la classe (par défaut : LISTE-conformite.xlsx).",
)
@_class_option
def conformite(portfolio: Path | None, output: Path | None, class_list: Path | None) -> None:
    """Fiche de contrôle de conformité (annexe VI-2) de PORTFOLIO : coche les motifs que « check »
    établit (durée des stages, attestation absente ou non signée) ; la date de dépôt et l'absence
    de dossier restent à la commission."""
    from e5portfolio.fiches.forms import conformity_html, conformity_of
    from e5portfolio.fiches.labels import load_labels

    if class_list is not None:
        if portfolio is not None:
            fail("indiquez soit un portfolio, soit --class LISTE.csv, pas les deux", EXIT_USAGE)
        _conformite_class(class_list, output)
        return
    analysis = _analysis(portfolio)
    conformity = conformity_of(analysis)
    target = _pdf_target(output, f"conformite-{slugify(conformity.identity.nom_prenom)}.pdf")
    browser = _browser()
    labels = load_labels(analysis.referential.session)
    write_output(target, _print(conformity_html(conformity, labels), browser))
    ticked = conformity.motif_texts(labels)
    verdict = "aucun motif coché" if not ticked else f"motif(s) coché(s) : {' ; '.join(ticked)}"
    click.echo(f"Fiche de contrôle de conformité écrite dans {target} ({verdict}).")


@command.command("grille")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "--audit",
    "audit_file",
    metavar="RAPPORT.json",
    type=click.Path(path_type=Path),
    default=None,
    help="Rapport de « e5portfolio audit --format json » : coche les pénalités qu'il établit. Il doit "
    "porter sur le portfolio du candidat (candidat.url, son dossier ou son archive).",
)
@click.option(
    "--audit-force",
    "audit_force",
    is_flag=True,
    default=False,
    help="Accepter un rapport d'audit dont la cible n'est pas celle du candidat (l'adresse auditée est "
    "imprimée sur la fiche).",
)
@click.option(
    "--evaluation",
    "evaluation_file",
    metavar="EVALUATION.yml",
    type=click.Path(path_type=Path),
    default=None,
    help="Fichier de la commission : niveaux, note, pénalités, observations.",
)
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="PDF à écrire (par défaut : grille-nom-prenom.pdf dans le dossier courant) ; avec --class, le "
    "dossier des fiches (par défaut : LISTE-grilles).",
)
@_format_option
@_class_option
@click.option(
    "--evaluations",
    "evaluations_dir",
    metavar="DOSSIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Avec --class : dossier des evaluation.yml, un par candidat, nommé N°candidat.yml ou "
    "nom-prenom.yml ; chacun ajoute sa fiche d'appréciation (VI-4).",
)
@click.option(
    "--audits",
    "audits_dir",
    metavar="DOSSIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Avec --class : dossier des rapports d'audit JSON, nommés N°candidat.json ou nom-prenom.json.",
)
def grille(
    portfolio: Path | None,
    audit_file: Path | None,
    audit_force: bool,
    evaluation_file: Path | None,
    output: Path | None,
    output_format: str,
    class_list: Path | None,
    evaluations_dir: Path | None,
    audits_dir: Path | None,
) -> None:
    """Grille d'aide à l'évaluation (annexe VI-3, recto verso) de PORTFOLIO : identification,
    réalisations sous chaque compétence, « compétence non mobilisée », pénalités de l'audit.
    Niveaux et note restent vides pour le jury, sauf avec --evaluation."""
    from e5portfolio.fiches.forms import grille_html

    if class_list is not None:
        if portfolio is not None or audit_file is not None or evaluation_file is not None:
            fail(
                "avec --class, indiquez --evaluations et --audits (des dossiers), pas un portfolio, --audit ou "
                "--evaluation",
                EXIT_USAGE,
            )
        if output_format != "pdf":
            fail("--format json donne la note d'un candidat : il ne va pas avec --class", EXIT_USAGE)
        _grille_class(class_list, output, evaluations_dir, audits_dir)
        return
    if evaluations_dir is not None or audits_dir is not None:
        fail(
            "--evaluations et --audits vont avec --class LISTE.csv ; pour un candidat : --evaluation et --audit",
            EXIT_USAGE,
        )
    written = _one_form(
        portfolio, audit_file, evaluation_file, output, output_format, "grille", grille_html, audit_force
    )
    if written is not None:
        click.echo(f"Grille d'aide à l'évaluation écrite dans {written[0]}.")


def _one_form(
    portfolio: Path | None,
    audit_file: Path | None,
    evaluation_file: Path | None,
    output: Path | None,
    output_format: str,
    stem: str,
    render,
    audit_force: bool = False,
):
    """One candidate's grille or appréciation: the marks as JSON (None), or the form printed to
    `stem-nom-prenom.pdf` (or `output`): (its path, the form's data)."""
    analysis, data = _grille_inputs(portfolio, audit_file, evaluation_file, audit_force)
    if output_format == "json":
        click.echo(json.dumps(data.marks.to_json_data(), ensure_ascii=False))
        return None
    from e5portfolio.fiches.labels import load_labels

    target = _pdf_target(output, f"{stem}-{slugify(data.identity.nom_prenom)}.pdf")
    browser = _browser()
    write_output(target, _print(render(data, load_labels(analysis.referential.session), analysis.referential), browser))
    return target, data


@command.command("appreciation")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "--evaluation",
    "evaluation_file",
    metavar="EVALUATION.yml",
    type=click.Path(path_type=Path),
    required=True,
    help="Fichier de la commission : note, pénalités, observations.",
)
@click.option(
    "--audit",
    "audit_file",
    metavar="RAPPORT.json",
    type=click.Path(path_type=Path),
    default=None,
    help="Rapport de « e5portfolio audit --format json » (pénalités, si evaluation.yml n'en décide pas).",
)
@click.option(
    "--audit-force",
    "audit_force",
    is_flag=True,
    default=False,
    help="Accepter un rapport d'audit dont la cible n'est pas celle du candidat.",
)
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="PDF à écrire (par défaut : appreciation-nom-prenom.pdf dans le dossier courant).",
)
@_format_option
def appreciation(
    portfolio: Path | None,
    evaluation_file: Path,
    audit_file: Path | None,
    audit_force: bool,
    output: Path | None,
    output_format: str,
) -> None:
    """Fiche d'appréciation destinée à la personne candidate (annexe VI-4) : observations et note
    finale (note arrondie au point supérieur, moins les pénalités)."""
    from e5portfolio.fiches.forms import appreciation_html

    written = _one_form(
        portfolio,
        audit_file,
        evaluation_file,
        output,
        output_format,
        "appreciation",
        lambda data, labels, _referential: appreciation_html(data, labels),
        audit_force,
    )
    if written is None:
        return
    target, data = written
    click.echo(f"Fiche d'appréciation écrite dans {target} (note finale : {_mark(data.marks.note_finale)}).")


@command.command("schema")
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Écrire le schéma dans ce fichier (remplacé s'il existe déjà et est un schéma).",
)
def schema(output: Path | None) -> None:
    """Affiche le schéma JSON de evaluation.yml (complétion dans VS Code)."""
    from e5portfolio.core.fileutil import write_text_atomic
    from e5portfolio.core.referential import load_referential
    from e5portfolio.fiches.evaluation import evaluation_schema_text

    text = evaluation_schema_text(load_referential())
    if output is None:
        click.echo(text, nl=False)
        return
    if output.is_dir() or (
        output.exists() and '"$schema"' not in output.read_text(encoding="utf-8", errors="replace")[:200]
    ):
        fail(f"« {output} » existe déjà et n'est pas un schéma : choisissez un autre nom", EXIT_USAGE)
    write_text_atomic(output, text)
    click.echo(f"Schéma écrit dans {output}")


# --- one candidate ---------------------------------------------------------------------------------


def _analysis(portfolio: Path | None):
    from e5portfolio.core.fileutil import display_prefix
    from e5portfolio.core.report import finding_line
    from e5portfolio.pipeline import PortfolioNotFound, analyse

    try:
        analysis = analyse(portfolio)
    except PortfolioNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if analysis.validated is None or analysis.validated.stood_in:  # a required key is written wrong
        prefix = display_prefix(analysis.root)
        for finding in analysis.report.sorted_findings():
            click.echo(finding_line(finding, prefix), err=True)
        fail(
            "la fiche n'est pas écrite : portfolio.yml est illisible, corrigez d'abord les erreurs ci-dessus",
            EXIT_FINDINGS,
        )
    return analysis


def _grille_inputs(
    portfolio: Path | None, audit_file: Path | None, evaluation_file: Path | None, audit_force: bool = False
):
    import dataclasses

    from e5portfolio.fiches.evaluation import AuditFileError, marks, read_audit
    from e5portfolio.fiches.forms import grille_data

    analysis = _analysis(portfolio)
    evaluation = _evaluation(evaluation_file, analysis.referential) if evaluation_file is not None else None
    audit = None
    if audit_file is not None:
        try:
            audit = read_audit(audit_file, audit_targets(analysis), audit_force)
        except AuditFileError as exc:
            fail(str(exc), EXIT_USAGE)
        if audit.forced:
            click.echo(f"e5portfolio : attention, {audit.summary()}", err=True)
    data = grille_data(analysis, marks(evaluation, audit, analysis.referential), evaluation)
    if audit is not None:
        data = dataclasses.replace(data, audit_summary=audit.summary())
    return analysis, data


def audit_targets(analysis) -> list:
    """What an audit of this candidate may have audited: candidat.url, the portfolio folder."""
    url = analysis.validated.portfolio.candidat.url
    return ([url] if url else []) + [analysis.root]


def _evaluation(path: Path, referential):
    from e5portfolio.core.report import finding_line
    from e5portfolio.fiches.evaluation import load_evaluation

    if not path.is_file():
        fail(f"« {path} » n'existe pas : indiquez le fichier evaluation.yml de la commission", EXIT_USAGE)
    evaluation, findings = load_evaluation(path, referential)
    for finding in findings:  # errors, or the warnings of a usable file (a competence without a level)
        click.echo(finding_line(finding), err=True)
    if evaluation is None:
        fail(
            f"« {path} » contient des erreurs : corrigez-les (voir ci-dessus), la fiche n'est pas écrite", EXIT_FINDINGS
        )
    return evaluation


def _mark(value: int | None) -> str:
    return "non renseignée" if value is None else f"{value}/20"


def _browser() -> str:
    from e5portfolio.browser import NO_BROWSER_MESSAGE, find_browser

    browser = find_browser()
    if browser is None:
        fail(NO_BROWSER_MESSAGE, EXIT_USAGE)
    return browser


def _refusal(target: Path) -> str | None:
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


def _pdf_target(output: Path | None, default: str) -> Path:
    target = output if output is not None else Path(default)
    refusal = _refusal(target)
    if refusal:
        fail(refusal, EXIT_USAGE)
    return target


def _print(page_html: str, browser: str) -> bytes:
    from e5portfolio.fiches.forms import print_form
    from e5portfolio.site.printable import PrintError

    try:
        return print_form(page_html, browser)
    except PrintError as exc:
        fail(str(exc), EXIT_FINDINGS)


# --- a whole class -----------------------------------------------------------------------------------


def _candidates(class_list: Path):
    from e5portfolio.audit.classe import ClassListError, read_class_list

    try:
        return read_class_list(class_list)
    except ClassListError as exc:
        fail(str(exc), EXIT_USAGE)


def _check_forms(folder: Path, names: list[str]) -> None:
    if folder.exists() and not folder.is_dir():
        fail(f"« {folder} » existe déjà et n'est pas un dossier : choisissez un autre nom avec -o", EXIT_USAGE)
    for name in names:
        refusal = _refusal(folder / name)
        if refusal:
            fail(refusal, EXIT_USAGE)


def _report_errors(outcomes) -> int:
    broken = [o for o in outcomes if o.error]
    for outcome in broken:
        click.echo(
            f"e5portfolio : {outcome.candidate.label} (ligne {outcome.candidate.line}) : {outcome.error}", err=True
        )
    return len(broken)


def _conformite_class(class_list: Path, output: Path | None) -> None:
    from e5portfolio.audit.classe import terminal_progress
    from e5portfolio.fiches.classe import (
        Outcome,
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
        fail(
            f"« {workbook} » : le classeur de la classe se termine par .xlsx ; choisissez un autre nom avec -o",
            EXIT_USAGE,
        )
    if workbook.is_dir() or (workbook.exists() and not is_our_workbook(workbook)):
        fail(
            f"« {workbook} » existe déjà et n'est pas un classeur de conformité écrit par e5portfolio : choisissez "
            "un autre nom avec -o",
            EXIT_USAGE,
        )
    folder = workbook.with_name(f"{workbook.stem}-fiches")
    _check_forms(folder, [form_name(i, c, "conformite") for i, c in enumerate(candidates, start=1)])
    browser = _browser()
    labels = load_labels()
    base = class_list.parent

    def make(index, candidate):
        conformity = conformity_for(candidate, base)
        name = form_name(index, candidate, "conformite")
        write_output(folder / name, _print_or_raise(conformity_html(conformity, labels), browser))
        return Outcome(candidate, conformity, files=[f"{folder.name}/{name}"])

    outcomes = run_class(candidates, make, terminal_progress())
    try:
        write_conformity_workbook(outcomes, workbook, labels)
    except OSError as exc:
        fail(f"impossible d'écrire le classeur « {workbook} » ({exc.strerror or exc})", EXIT_USAGE)
    broken = _report_errors(outcomes)
    read = [o.conformity for o in outcomes if o.conformity is not None]
    conformes = sum(1 for c in read if c.conforme and c.verified)
    refused = sum(1 for c in read if not c.conforme)
    click.echo(
        f"Contrôle de conformité de {len(outcomes)} candidats écrit dans {workbook} (fiches dans {folder}) : "
        f"{conformes} conforme(s), {refused} non conforme(s), {len(outcomes) - conformes - refused} à vérifier."
    )
    sys.exit(EXIT_FINDINGS if broken else 0)


def _print_or_raise(page_html: str, browser: str) -> bytes:
    """In a class run, a print failure is this candidate's problem, not the class's."""
    from e5portfolio.fiches.classe import CandidateError
    from e5portfolio.fiches.forms import print_form
    from e5portfolio.site.printable import PrintError

    try:
        return print_form(page_html, browser)
    except PrintError as exc:
        raise CandidateError(str(exc)) from None


def _named_file(folder: Path | None, candidate, suffix: str) -> Path | None:
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


def _grille_class(class_list: Path, output: Path | None, evaluations_dir: Path | None, audits_dir: Path | None) -> None:
    from e5portfolio.audit.classe import terminal_progress
    from e5portfolio.fiches.classe import (
        CandidateError,
        Outcome,
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
            fail(f"« {given} » n'est pas un dossier : indiquez le dossier des fichiers de la classe", EXIT_USAGE)
    candidates = _candidates(class_list)
    folder = output if output is not None else class_list.with_name(f"{class_list.stem}-grilles")
    _check_forms(
        folder,
        [form_name(i, c, form) for i, c in enumerate(candidates, start=1) for form in ("grille", "appreciation")],
    )
    browser = _browser()
    from e5portfolio.core.referential import load_referential

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
        write_output(folder / name, _print_or_raise(grille_html(data, labels, referential), browser))
        written.append(f"{folder.name}/{name}")
        if evaluation is not None:
            name = form_name(index, candidate, "appreciation")
            write_output(folder / name, _print_or_raise(appreciation_html(data, labels), browser))
            written.append(f"{folder.name}/{name}")
        return Outcome(candidate, files=written)

    outcomes = run_class(candidates, make, terminal_progress())
    broken = _report_errors(outcomes)
    forms = sum(len(o.files) for o in outcomes)
    click.echo(
        f"{forms} fiche(s) écrite(s) dans {folder} pour {len(outcomes) - broken} candidat(s) sur {len(outcomes)}."
    )
    sys.exit(EXIT_FINDINGS if broken else 0)
