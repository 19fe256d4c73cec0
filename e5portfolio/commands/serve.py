"""`e5portfolio serve [PORTFOLIO]`: live preview that reloads when the portfolio changes.

While the portfolio has errors, the preview shows a French page listing them (site.preview), and
the site again once they are fixed: it never needs restarting.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import click

from e5portfolio.commands import EXIT_USAGE, fail


@click.command("serve")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "-a",
    "--dev-addr",
    "dev_addr",
    metavar="IP:PORT",
    default=None,
    help="Adresse de l'aperçu (par défaut : 127.0.0.1:8000).",
)
@click.option("--open", "open_in_browser", is_flag=True, help="Ouvrir l'aperçu dans le navigateur.")
def command(portfolio: Path | None, dev_addr: str | None, open_in_browser: bool) -> None:
    """Aperçu en direct du site de PORTFOLIO (dossier ou portfolio.yml ; par défaut le dossier
    courant) : la page se recharge quand portfolio.yml, une production ou mkdocs.yml change ; tant
    que portfolio.yml contient des erreurs, elle les affiche. Ctrl+C pour arrêter."""
    from e5portfolio.commands import fail_usage
    from e5portfolio.pipeline import PortfolioNotFound, analyse

    try:
        analysis = analyse(portfolio)
    except PortfolioNotFound as exc:
        fail_usage(str(exc))
    _serve(analysis, dev_addr, open_in_browser)


def _stop_on_sigterm() -> None:
    """SIGTERM stops the preview like Ctrl+C, so that its temporary folders are removed."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _serve(analysis, dev_addr: str | None, open_in_browser: bool) -> None:
    from e5portfolio.site import preview
    from e5portfolio.site.runner import SiteConfigError, config_file_for, load

    def announce(url: str) -> None:
        click.echo(
            f"Aperçu sur {url} : il se met à jour à chaque modification de {analysis.file.name} ou "
            "d'une production. Ctrl+C pour arrêter."
        )

    _stop_on_sigterm()
    try:
        with config_file_for(analysis.root, analysis.file) as config_file:
            overrides: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}

            def config_loader(site_dir: Path):
                return load(config_file, analysis.file, site_dir=str(site_dir), **overrides)

            preview.serve(config_loader, analysis, open_in_browser=open_in_browser, announce=announce)
    except KeyboardInterrupt:  # during the first build
        click.echo(f"{preview.PREFIX}arrêt de l'aperçu", err=True)
    except SiteConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    except preview.AddressInUse as exc:
        fail(
            f"le port {exc.port} de {exc.host} est déjà utilisé (un autre aperçu est peut-être ouvert) : "
            f"arrêtez-le, ou choisissez une autre adresse avec --dev-addr {exc.host}:{exc.port + 1}",
            EXIT_USAGE,
        )
    except OSError as exc:
        from e5portfolio.site.sitedir import describe_os_error

        fail(
            f"impossible de lancer l'aperçu ({describe_os_error(exc)}) : l'adresse est peut-être déjà "
            "utilisée ; choisissez-en une autre avec --dev-addr 127.0.0.1:8001",
            EXIT_USAGE,
        )
