"""`e5portfolio audit TARGET | --class LIST.csv`: audit a portfolio (links, accessibility, readiness)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from e5portfolio.commands import EXIT_FINDINGS, EXIT_USAGE, sans_attestations_option, write_output
from e5portfolio.core.errors import EXIT_OK


@click.command("audit")
@click.argument("target", required=False, metavar="[CIBLE]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Format du rapport : texte, JSON, ou page HTML autonome à envoyer.",
)
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Écrire le rapport dans ce fichier (avec --class : le classeur .xlsx de la classe).",
)
@click.option(
    "--browser/--no-browser",
    default=None,
    help="Forcer (ou empêcher) l'analyse dans Chromium (pages telles que le navigateur les affiche, "
    "accessibilité avec axe-core) ; par défaut, elle est faite si Chromium et le paquet Python "
    "playwright sont installés (sinon le rapport dit ce qui manque).",
)
@click.option(
    "--axe-toutes-pages",
    "axe_every_page",
    is_flag=True,
    default=False,
    help="Passer axe-core sur chaque page ; par défaut, seulement sur les pages qui ont un type "
    "d'élément pas encore analysé, les autres en reprennent les défauts (plus rapide).",
)
@click.option(
    "--axe-rapide",
    "axe_layout_only",
    is_flag=True,
    default=False,
    help="Passer axe-core sur une seule page par mise en page (en-tête, menus, pied de page) : bien "
    "plus rapide, mais le contenu propre à chaque page n'a que les contrôles statiques.",
)
@click.option(
    "--extern/--no-extern",
    default=True,
    show_default=True,
    help="Vérifier aussi les liens vers d'autres sites (--no-extern : plus rapide, hors ligne).",
)
@click.option(
    "--class",
    "class_list",
    type=click.Path(path_type=Path),
    default=None,
    metavar="LISTE.csv",
    help="Auditer toute une classe : fichier CSV avec les colonnes nom, prenom, numero, url.",
)
@click.option(
    "--delai-construction",
    "build_time_limit",
    type=click.FloatRange(min=1),
    default=180,
    show_default=True,
    metavar="SECONDES",
    help="Dossier de portfolio : temps laissé à la construction du site avant de l'arrêter (une page "
    "Markdown mal formée peut bloquer MkDocs) ; augmentez-le sur un ordinateur lent.",
)
@sans_attestations_option
def command(
    target: str | None,
    output_format: str,
    output: Path | None,
    browser: bool | None,
    axe_every_page: bool,
    axe_layout_only: bool,
    extern: bool,
    class_list: Path | None,
    build_time_limit: float,
    skip_attestation_files: bool,
) -> None:
    """Audite CIBLE : dossier d'un site construit, dossier d'un portfolio (construit d'abord dans un
    dossier temporaire) ou adresse http(s)://. Vérifie l'accès au site, les liens, l'accessibilité et
    la préparation à l'épreuve (tableau de synthèse, mentions légales, veille, profil professionnel).

    Avec le navigateur (axe-core fourni) : pip install "e5portfolio[browser]" et un Chromium
    (système, Chrome, Edge ou « playwright install chromium »)."""
    from e5portfolio.audit.engine import AuditOptions, BrowserOptions, BuildOptions
    from e5portfolio.audit.links import LinkCheckOptions
    from e5portfolio.commands import fail_usage

    options = AuditOptions(
        browser=BrowserOptions(use=browser, axe_every_page=axe_every_page, axe_layout_only=axe_layout_only),
        links=LinkCheckOptions(check_extern=extern),
        build=BuildOptions(skip_attestation_files=skip_attestation_files, time_limit=build_time_limit),
    )
    if axe_every_page and axe_layout_only:
        fail_usage("--axe-toutes-pages et --axe-rapide s'excluent : choisissez l'une des deux")
    if class_list is not None:
        if target is not None:
            fail_usage("indiquez soit une cible, soit --class LISTE.csv, pas les deux")
        _audit_class(class_list, output, options, fail_usage)
        return
    if target is None:
        fail_usage(
            "indiquez ce qu'il faut auditer : un dossier de site, un dossier de portfolio ou une adresse "
            "https://… (ou --class LISTE.csv pour une classe)"
        )
    _audit_one(target, output_format, output, options, fail_usage)


def _audit_one(target: str, output_format: str, output: Path | None, options, fail_usage) -> None:
    from e5portfolio.audit.engine import AuditError, audit
    from e5portfolio.audit.report import is_our_report, render_html, render_json, render_text, summary_line
    from e5portfolio.commands import use_color

    if output is not None and (output.is_dir() or (output.exists() and not is_our_report(output))):
        fail_usage(f"« {output} » existe déjà et n'est pas un rapport d'audit : choisissez un autre nom avec -o")
    try:
        result = audit(target, options)
    except AuditError as exc:
        fail_usage(str(exc))
    if output_format == "json":
        text = render_json(result)
    elif output_format == "html":
        text = render_html(result)
    else:
        text = render_text(result, color=output is None and use_color())
    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(output, text.encode("utf-8"))
        click.echo(f"Rapport d'audit écrit dans {output} — {summary_line(result)}")
    sys.exit(EXIT_FINDINGS if result.has_errors else EXIT_OK)


def _audit_class(class_list: Path, output: Path | None, options, fail_usage) -> None:
    from e5portfolio.audit.classe import ClassListError, audit_class, read_class_list, reports_folder, terminal_progress

    workbook = output if output is not None else class_list.with_name(f"{class_list.stem}-audit.xlsx")
    try:
        candidates = read_class_list(class_list)
        # one Chromium is shared by the class; a candidate may wait for an earlier one's axe-core pass
        outcomes = audit_class(
            candidates, options, workbook, base=class_list.parent, workers=4, progress=terminal_progress()
        )
    except ClassListError as exc:
        fail_usage(str(exc))
    except OSError as exc:
        fail_usage(f"impossible d'écrire le rapport de classe « {workbook} » ({exc.strerror or exc})")
    missing = [o for o in outcomes if o.target_missing]
    unreachable = sum(1 for o in outcomes if not o.target_missing and (o.result is None or not o.result.reachable))
    with_errors = sum(1 for o in outcomes if o.has_errors and not o.target_missing)
    click.echo(
        f"Rapport de classe écrit dans {workbook} ({len(outcomes)} candidats : {unreachable} portfolio(s) "
        f"inaccessible(s), {with_errors} avec des erreurs) ; rapports individuels dans "
        f"{reports_folder(workbook)}/"
    )
    for outcome in missing:  # the list's own errors: the teacher fixes them and runs again
        click.echo(f"e5portfolio : {outcome.candidate.label} : {outcome.error}", err=True)
    sys.exit(EXIT_USAGE if missing else EXIT_FINDINGS if with_errors else EXIT_OK)
