"""Command-line face: sequences the pipeline steps and decides exit codes and output."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from e5portfolio import __version__
from e5portfolio.commands import cli_fr, fail_usage, sans_attestations_option, use_color
from e5portfolio.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, E5Error
from e5portfolio.core.fileutil import display_prefix

cli_fr.install()


# Commands living in e5portfolio/commands/<name>.py, each exposing `command`.
_COMMAND_MODULES: tuple[str, ...] = (
    "regles",
    "init",
    "export",
    "import_",
    "build",
    "serve",
    "dossier",
    "audit",
    "pdf",
    "fiches",
)


def _print_version(ctx: click.Context) -> None:
    from e5portfolio.scaffold.origin import version_line

    click.echo(version_line(__version__))
    ctx.exit(0)


class _Commands(click.Group):
    """The one handler of the tool's own errors (E5Error): « e5portfolio : message », its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except E5Error as exc:
            click.echo(f"e5portfolio : {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help="Affiche la version et la façon dont e5portfolio a été installé.",
)
def main() -> None:
    """Valide, publie et audite le portfolio de l'épreuve E5 du BTS SIO."""


@main.command(short_help="Vérifie le portfolio : erreurs, avertissements, couverture.")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default=None,
    help="Format du rapport (par défaut : text, ou github dans GitHub Actions).",
)
@click.option("--strict", is_flag=True, help="Les avertissements comptent comme des erreurs.")
@click.option(
    "--details",
    is_flag=True,
    help="Affiche aussi chaque information (sous-compétences non citées…), pas seulement leur nombre.",
)
@sans_attestations_option
def check(
    portfolio: Path | None, output_format: str | None, strict: bool, details: bool, skip_attestation_files: bool
) -> None:
    """Vérifie PORTFOLIO (dossier ou portfolio.yml ; par défaut le dossier courant)."""
    from e5portfolio.core.report import render_github, render_json, render_text
    from e5portfolio.pipeline import PortfolioNotFound, analyse

    try:
        analysis = analyse(portfolio, skip_attestation_files=skip_attestation_files)
    except PortfolioNotFound as exc:
        fail_usage(str(exc))
    report = analysis.report.strict() if strict else analysis.report
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    prefix = display_prefix(analysis.root)
    if output_format == "json":
        click.echo(render_json(report), nl=False)
    elif output_format == "github":
        click.echo(render_github(report, prefix), nl=False)
    else:
        click.echo(render_text(report, analysis.referential, prefix, use_color(), details=details), nl=False)
    sys.exit(EXIT_FINDINGS if report.has_errors else EXIT_OK)


@main.command()
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Écrire le schéma dans ce fichier (remplacé s'il existe déjà et est un schéma).",
)
def schema(output: Path | None) -> None:
    """Affiche le schéma JSON de portfolio.yml (complétion dans VS Code)."""
    from e5portfolio.core.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from e5portfolio.core.fileutil import write_text_atomic

    if output.exists() and '"$schema"' not in output.read_text(encoding="utf-8", errors="replace")[:200]:
        fail_usage(f"« {output} » existe déjà et n'est pas un schéma : choisissez un autre nom")
    write_text_atomic(output, text)
    click.echo(f"Schéma écrit dans {output}")


def _register_commands() -> None:
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f".commands.{name}", __package__)
        main.add_command(module.command)


_register_commands()


def run() -> None:
    """Console-script entry point: never a traceback for the user."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("\nInterrompu.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the face's last line of defence
        click.echo(
            "e5portfolio : erreur interne inattendue "
            f"({type(exc).__name__}: {exc}). Merci de la signaler avec le fichier qui la provoque.",
            err=True,
        )
        if os.environ.get("E5PORTFOLIO_DEBUG"):
            raise
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    run()
