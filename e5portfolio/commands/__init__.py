"""One module per CLI command beyond `check` and `schema`; each exposes `command` (click).

A command module imports only click (and light stdlib) at its top: heavy libraries (mkdocs,
openpyxl, playwright) are imported inside the function that runs, so `check` stays fast.
Options shared by several commands are defined here, once.
"""

from __future__ import annotations

import click

# `check`, `build` and `audit`: the attestations de stage stay on the student's computer (they are
# personal documents, kept out of the public repository by .gitignore), so GitHub Actions checks
# and builds without them. The function receives `skip_attestation_files`.
sans_attestations_option = click.option(
    "--sans-attestations", "skip_attestation_files", is_flag=True,
    help="Les attestations de stage restent sur votre ordinateur (hors du dépôt GitHub) : un fichier "
         "d'attestation absent n'est pas une erreur, il est signalé comme non vérifié. Pour GitHub Actions.")
