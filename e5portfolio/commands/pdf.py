"""`e5portfolio pdf [PORTFOLIO] [-o FILE]`: one printable PDF of the whole portfolio."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from e5portfolio.commands import EXIT_FINDINGS, EXIT_USAGE, fail, write_output

DEFAULT_NAME = "portfolio.pdf"


@click.command("pdf")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Fichier PDF à écrire (par défaut : {DEFAULT_NAME} dans le dossier du portfolio).",
)
def command(portfolio: Path | None, output: Path | None) -> None:
    """Écrit un PDF imprimable de tout le portfolio (accueil, parcours, chaque réalisation,
    compétences, tableau de synthèse, veille), avec un sommaire et les numéros de page. Le N° candidat
    n'y figure pas : la copie pour la commission, qui le porte, est dans l'archive de « e5portfolio
    dossier ». Nécessite Chromium, Google Chrome ou Microsoft Edge (utilisé sans fenêtre)."""
    from e5portfolio.browser import NO_BROWSER_MESSAGE, find_browser
    from e5portfolio.commands.build import checked_analysis
    from e5portfolio.site.printable import PrintError, is_our_pdf

    browser = find_browser()
    if browser is None:
        fail(NO_BROWSER_MESSAGE, EXIT_USAGE)
    analysis = checked_analysis(portfolio, False, action="le PDF n'est pas écrit")
    target = output if output is not None else analysis.root / DEFAULT_NAME
    if target.is_dir() or (target.exists() and not is_our_pdf(target)):
        fail(
            f"« {target} » existe déjà et n'est pas un PDF de portfolio écrit par e5portfolio : "
            "choisissez un autre nom avec -o",
            EXIT_USAGE,
        )
    try:
        printed = _print(analysis, browser)
    except PrintError as exc:
        fail(str(exc), EXIT_FINDINGS)
    write_output(target, printed.pdf)
    pages = f" ({printed.pages} pages)" if printed.pages else ""
    click.echo(f"PDF du portfolio écrit dans {target}{pages}")
    if not printed.numbered_toc:
        click.echo(
            "Remarque : le sommaire est sans numéros de page (ce navigateur ne permet pas de "
            "les retrouver) ; les numéros figurent en bas de chaque page."
        )


def _print(analysis, browser: str):
    from e5portfolio.site.printable import portfolio_pdf
    from e5portfolio.site.runner import SiteBuildError, SiteConfigError, build, config_file_for, load, mkdocs_messages

    with tempfile.TemporaryDirectory(prefix="e5portfolio-pdf-", ignore_cleanup_errors=True) as folder:
        site_dir = Path(folder) / "site"
        with mkdocs_messages(findings=False):
            try:
                with config_file_for(analysis.root, analysis.file) as config_file:
                    config = load(
                        config_file, analysis.file, site_dir=str(site_dir), use_directory_urls=False, analysis=analysis
                    )
                    build(config)
            except SiteConfigError as exc:
                fail(str(exc), EXIT_USAGE)
            except SiteBuildError as exc:
                fail(str(exc), EXIT_FINDINGS)
        return portfolio_pdf(analysis, site_dir, browser)
