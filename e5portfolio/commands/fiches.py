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

    from e5portfolio.fiches.class_run import audit_targets
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
    from e5portfolio.fiches.class_run import needed_browser
    from e5portfolio.fiches.classe import ClassRunError

    try:
        return needed_browser()
    except ClassRunError as exc:
        fail(str(exc), exc.exit_code)


def _pdf_target(output: Path | None, default: str) -> Path:
    from e5portfolio.fiches.class_run import form_refusal

    target = output if output is not None else Path(default)
    refusal = form_refusal(target)
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


# --- a whole class (the run is e5portfolio.fiches.class_run) ----------------------------------------


def _report_errors(outcomes) -> int:
    broken = [o for o in outcomes if o.error]
    for outcome in broken:
        click.echo(
            f"e5portfolio : {outcome.candidate.label} (ligne {outcome.candidate.line}) : {outcome.error}", err=True
        )
    return len(broken)


def _conformite_class(class_list: Path, output: Path | None) -> None:
    from e5portfolio.audit.classe import terminal_progress
    from e5portfolio.fiches.class_run import conformity_class
    from e5portfolio.fiches.classe import ClassRunError

    try:
        run = conformity_class(class_list, output, terminal_progress())
    except ClassRunError as exc:
        fail(str(exc), exc.exit_code)
    outcomes = run.outcomes
    broken = _report_errors(outcomes)
    read = [o.conformity for o in outcomes if o.conformity is not None]
    conformes = sum(1 for c in read if c.conforme and c.verified)
    refused = sum(1 for c in read if not c.conforme)
    click.echo(
        f"Contrôle de conformité de {len(outcomes)} candidats écrit dans {run.workbook} (fiches dans {run.folder}) : "
        f"{conformes} conforme(s), {refused} non conforme(s), {len(outcomes) - conformes - refused} à vérifier."
    )
    sys.exit(EXIT_FINDINGS if broken else 0)


def _grille_class(class_list: Path, output: Path | None, evaluations_dir: Path | None, audits_dir: Path | None) -> None:
    from e5portfolio.audit.classe import terminal_progress
    from e5portfolio.fiches.class_run import grille_class
    from e5portfolio.fiches.classe import ClassRunError

    try:
        run = grille_class(class_list, output, evaluations_dir, audits_dir, terminal_progress())
    except ClassRunError as exc:
        fail(str(exc), exc.exit_code)
    outcomes = run.outcomes
    broken = _report_errors(outcomes)
    forms = sum(len(o.files) for o in outcomes)
    click.echo(
        f"{forms} fiche(s) écrite(s) dans {run.folder} pour {len(outcomes) - broken} candidat(s) sur {len(outcomes)}."
    )
    sys.exit(EXIT_FINDINGS if broken else 0)
