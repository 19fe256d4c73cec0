"""`e5portfolio serve [PORTFOLIO]`: live preview that reloads when the portfolio changes."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

import click

EXIT_FINDINGS, EXIT_USAGE = 1, 2


@click.command("serve")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option("-a", "--dev-addr", "dev_addr", metavar="IP:PORT", default=None,
              help="Adresse de l'aperçu (par défaut : 127.0.0.1:8000).")
@click.option("--open", "open_in_browser", is_flag=True, help="Ouvrir l'aperçu dans le navigateur.")
def command(portfolio: Path | None, dev_addr: str | None, open_in_browser: bool) -> None:
    """Aperçu en direct du site de PORTFOLIO (dossier ou portfolio.yml ; par défaut le dossier
    courant) : la page se recharge quand portfolio.yml, une production ou mkdocs.yml change.
    Ctrl+C pour arrêter."""
    from ..cli import display_prefix, fail_usage, use_color
    from ..pipeline import PortfolioNotFound, analyse
    from ..report import render_text

    try:
        analysis = analyse(portfolio)
    except PortfolioNotFound as exc:
        fail_usage(str(exc))
    if analysis.report.has_errors or analysis.validated is None:
        click.echo(render_text(analysis.report, analysis.referential, display_prefix(analysis.root),
                               use_color()), nl=False)
        _fail("l'aperçu n'est pas lancé : corrigez d'abord les erreurs ci-dessus.", EXIT_FINDINGS)
    _serve(analysis, dev_addr, open_in_browser)


def _fail(message: str, code: int) -> None:
    click.echo(f"e5portfolio : {message}", err=True)
    sys.exit(code)


def _stop_on_sigterm() -> None:
    """SIGTERM stops the preview like Ctrl+C, so that its temporary folders are removed."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _serve(analysis, dev_addr: str | None, open_in_browser: bool) -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    from ..site.runner import SiteConfigError, config_file_for, load, mkdocs_messages

    _stop_on_sigterm()
    with mkdocs_messages(logging.INFO):
        try:
            with config_file_for(analysis.root, analysis.file) as config_file:
                overrides = {"dev_addr": dev_addr} if dev_addr else {}
                config = load(config_file, analysis.file, **overrides)
                host, port = config.dev_addr
                click.echo(f"Aperçu sur http://{host}:{port}/ : il se met à jour à chaque modification de "
                           f"{analysis.file.name} ou d'une production. Ctrl+C pour arrêter.")
                serve(config_file=str(config_file), livereload=True, watch=[str(analysis.root)],
                      open_in_browser=open_in_browser, **overrides)
        except SiteConfigError as exc:
            _fail(str(exc), EXIT_USAGE)
        except (Abort, ConfigurationError) as exc:
            _fail(f"l'aperçu s'est arrêté ({exc}) : voir les messages ci-dessus", EXIT_FINDINGS)
        except OSError as exc:
            _fail(f"impossible de lancer l'aperçu ({exc.strerror or exc}) : l'adresse est peut-être déjà "
                  "utilisée ; choisissez-en une autre avec --dev-addr 127.0.0.1:8001", EXIT_USAGE)
