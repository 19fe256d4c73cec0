"""`e5portfolio export [PORTFOLIO] [-o FILE] [--template MODEL]`: write the tableau de synthèse."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from e5portfolio.commands import EXIT_FINDINGS, parts_summary


@click.command("export")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Fichier .xlsx à écrire (par défaut : tableau-de-synthese.xlsx dans le dossier du "
    "portfolio ; un tableau écrit par e5portfolio est régénéré, tout autre fichier "
    "n'est jamais remplacé).",
)
@click.option(
    "--template",
    "model",
    metavar="MODELE",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Remplir ce modèle officiel (.xlsx) au lieu de dessiner le tableau : chaque case "
    "est trouvée par son libellé ; le modèle lui-même n'est pas modifié.",
)
def command(portfolio: Path | None, output: Path | None, model: Path | None) -> None:
    """Écrit le tableau de synthèse (.xlsx, Annexe VI-1) de PORTFOLIO (dossier ou portfolio.yml ;
    par défaut le dossier courant). Le portfolio est d'abord vérifié : s'il contient des erreurs,
    rien n'est écrit."""
    from e5portfolio.commands import fail_usage, use_color
    from e5portfolio.core.fileutil import display_prefix
    from e5portfolio.core.report import render_errors
    from e5portfolio.pipeline import PortfolioNotFound, analyse

    try:
        analysis = analyse(portfolio)
    except PortfolioNotFound as exc:
        fail_usage(str(exc))
    report = analysis.report
    if report.has_errors or analysis.validated is None:
        click.echo(render_errors(report, display_prefix(analysis.root), use_color()), nl=False)
        click.echo(
            "e5portfolio : tableau de synthèse non écrit : corrigez d'abord les erreurs "
            "ci-dessus, puis relancez « e5portfolio export ».",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)
    from e5portfolio.tableau.synthese import OUTPUT_NAME

    target = output if output is not None else analysis.root / OUTPUT_NAME
    _refuse_bad_target(target, model, fail_usage)
    notes = _write(analysis, target, model)
    _report_success(analysis, target, report.summary["warnings"], notes)


def _refuse_bad_target(target: Path, model: Path | None, fail_usage) -> None:
    if target.is_dir():
        fail_usage(
            f"« {target} » est un dossier : indiquez un nom de fichier .xlsx avec -o, par "
            f"exemple « {target / 'tableau-de-synthese.xlsx'} »"
        )
    if target.suffix.lower() != ".xlsx":
        fail_usage(
            f"« {target} » : le tableau de synthèse est un fichier Excel ; choisissez un nom qui se termine par .xlsx"
        )
    if model is not None and target.exists() and target.resolve() == model.resolve():
        fail_usage(
            f"« {target} » est le modèle lui-même : choisissez un autre fichier de sortie avec -o "
            "pour garder le modèle intact"
        )
    from e5portfolio.tableau.synthese import written_by_e5portfolio

    if target.exists() and not written_by_e5portfolio(target):
        fail_usage(
            f"« {target} » existe déjà et n'a pas été écrit par e5portfolio (tableau rempli à la main ?) : "
            "il n'est jamais remplacé ; choisissez un autre fichier avec -o (par exemple -o "
            "tableau-de-synthese-genere.xlsx) ou déplacez l'ancien ; rien n'a été écrit"
        )


def _write(analysis, target: Path, model: Path | None) -> list[str]:
    from e5portfolio.tableau.landmarks import TableauError
    from e5portfolio.tableau.synthese import fill_template, write_tableau

    try:
        if model is None:
            write_tableau(analysis.validated, analysis.referential, target)
            return []
        return fill_template(analysis.validated, analysis.referential, model, target)
    except TableauError as error:
        click.echo(f"e5portfolio : {error.message} ; rien n'a été écrit.", err=True)
        sys.exit(EXIT_FINDINGS)
    except OSError as exc:
        click.echo(
            f"e5portfolio : impossible d'écrire « {target} » ({exc.strerror or exc}) : vérifiez "
            "les droits sur ce dossier, ou fermez le fichier s'il est ouvert dans un tableur.",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)


def _report_success(analysis, target: Path, warnings: int, notes: list[str]) -> None:
    from e5portfolio.tableau.synthese import tableau_rows

    rows = tableau_rows(analysis.validated, analysis.referential)
    counts = parts_summary({partie: len(entries) for partie, entries in rows.items()})
    total = sum(len(entries) for entries in rows.values())
    click.echo(
        f"Tableau de synthèse écrit dans « {target} » : {total} réalisation{'s' if total > 1 else ''} ({counts})."
    )
    for note in notes:
        click.echo(f"attention : {note}", err=True)
    if warnings:
        click.echo(
            f"{warnings} avertissement{'s' if warnings > 1 else ''} sur le portfolio : lancez "
            "« e5portfolio check » pour les voir.",
            err=True,
        )
