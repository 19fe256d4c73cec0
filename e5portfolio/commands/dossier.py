"""`e5portfolio dossier [PORTFOLIO] [-o FILE]`: the archive for the commission.

The face only: options, the checked analysis, then e5portfolio.dossier.archive writes the
archive (what it holds and where it may be written is said there); this module prints the
outcome and turns a refusal into its exit code.
"""

from __future__ import annotations

from pathlib import Path

import click

from e5portfolio.commands import fail


@click.command("dossier")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Archive .zip à écrire (par défaut : nom-prenom-dossier-e5.zip à côté du dossier du "
    "portfolio). Un fichier existant n'est remplacé que s'il a été écrit par cette commande.",
)
@click.option(
    "--delai-construction",
    "build_time_limit",
    type=click.FloatRange(min=1),
    default=180,
    show_default=True,
    metavar="SECONDES",
    help="Temps laissé à la construction du site avant de l'arrêter (une page Markdown mal formée "
    "peut bloquer MkDocs) ; augmentez-le sur un ordinateur lent.",
)
def command(portfolio: Path | None, output: Path | None, build_time_limit: float) -> None:
    """Écrit l'archive de PORTFOLIO pour la commission : le site hors ligne, le tableau de synthèse
    (avec le N° candidat), les attestations de stage et, si Chromium, Google Chrome ou Microsoft Edge
    est installé, le portfolio imprimable (PDF, avec le N° candidat)."""
    from e5portfolio.commands.build import checked_analysis
    from e5portfolio.dossier.archive import DossierError, default_output, write_dossier

    analysis = checked_analysis(portfolio, False, action="l'archive n'est pas écrite")
    target = output if output is not None else default_output(analysis)
    try:
        written = write_dossier(analysis, target, build_time_limit)
    except DossierError as exc:
        fail(str(exc), exc.exit_code)
    folder_name = written.folder_name
    click.echo(f"Archive pour la commission écrite : {target}")
    from e5portfolio.site.runner import own_config_file

    own = own_config_file(analysis.root)
    if own is not None:
        click.echo(
            f"Le site de l'archive est construit avec la configuration par défaut d'e5portfolio et vos "
            f"pages Markdown : {own.name} est ignoré (aucun réglage ni script du dossier n'est exécuté)."
        )
    click.echo(
        f"Elle contient le site hors ligne ({folder_name}/site/index.html), le tableau de synthèse"
        f"{', le portfolio imprimable (PDF)' if written.pdf else ''} et {written.attestations} attestation(s) de stage."
    )
    if not written.pdf:
        click.echo(
            "Remarque : le portfolio imprimable (PDF) n'est pas joint : aucun navigateur Chromium, Google "
            "Chrome ou Microsoft Edge n'a pu l'imprimer (voir « e5portfolio pdf »)."
        )
