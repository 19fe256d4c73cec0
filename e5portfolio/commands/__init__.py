"""One module per CLI command beyond `check` and `schema`; each exposes `command` (click).

A command module imports only click (and light stdlib) at its top: heavy libraries (mkdocs,
openpyxl, playwright) are imported inside the function that runs, so `check` stays fast.
Options shared by several commands are defined here, once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from e5portfolio.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE  # noqa: F401 (re-exported to the commands)


def fail(message: str, code: int) -> NoReturn:
    """Stop the command: « e5portfolio : message » on stderr, exit `code`."""
    click.echo(f"e5portfolio : {message}", err=True)
    sys.exit(code)


def fail_usage(message: str) -> NoReturn:
    """Stop on the user's mistake (exit 2)."""
    fail(message, EXIT_USAGE)


def use_color(stream=None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def write_output(target: Path, data: bytes) -> None:
    """Write a file the command produces (a PDF…), whole or not at all; a French message if it cannot."""
    from e5portfolio.core.fileutil import write_bytes_atomic

    try:
        write_bytes_atomic(target, data)
    except OSError as exc:
        fail(
            f"impossible d'écrire « {target} » ({exc.strerror or exc}) : vérifiez le dossier et ses droits", EXIT_USAGE
        )


# `check`, `build` and `audit`: the attestations de stage stay on the student's computer (they are
# personal documents, kept out of the public repository by .gitignore), so GitHub Actions checks
# and builds without them. The function receives `skip_attestation_files`.
sans_attestations_option = click.option(
    "--sans-attestations",
    "skip_attestation_files",
    is_flag=True,
    help="Les attestations de stage restent sur votre ordinateur (hors du dépôt GitHub) : un fichier "
    "d'attestation absent n'est pas une erreur, il est signalé comme non vérifié. Pour GitHub Actions.",
)


def parts_summary(counts: dict[str, int]) -> str:
    """How many réalisations in each part of the tableau de synthèse, as the tableau says it:
    « 3 en cours de formation ; en milieu professionnel : 1 en première année, 2 en seconde
    année » (both kinds happen during a year: only the professional ones are split by year)."""
    formation = counts.get("formation", 0)
    years = [
        f"{counts[part]} en {word} année"
        for part, word in (("annee1", "première"), ("annee2", "seconde"))
        if counts.get(part)
    ]
    parts = [f"{formation} en cours de formation"] if formation else []
    if years:
        parts.append(f"en milieu professionnel : {', '.join(years)}")
    return " ; ".join(parts)
