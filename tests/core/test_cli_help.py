"""`e5portfolio --help` and each command's help: French, and the same names for the same things."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from e5portfolio.cli import main

COMMANDS = sorted(main.commands)
# click's English placeholders, and CHEMIN: the README says FICHIER or DOSSIER, so the help does too.
NOT_IN_HELP = ("COMMAND", "ARGS", "TARGET", "INTEGER", "RANGE", "PATH", "TEXT", "CHEMIN", "Usage", "Show this")


def help_text(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="e5portfolio")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_english_or_stray_placeholder(command: str) -> None:
    text = help_text(*([command] if command else []))
    for word in NOT_IN_HELP:
        assert not re.search(rf"\b{word}\b", text), (command, word, text)


@pytest.mark.parametrize("command", [name for name in COMMANDS if "--output" in help_text(name)])
def test_every_output_option_names_a_file(command: str) -> None:
    assert "-o, --output FICHIER" in help_text(command)


@pytest.mark.parametrize(
    "command, usage",
    [
        ("regles", "regles [OPTIONS] [REGLE]"),
        ("audit", "audit [OPTIONS] [CIBLE]"),
        ("build", "build [OPTIONS] [PORTFOLIO]"),
        ("init", "init [OPTIONS] DOSSIER"),
        ("", "e5portfolio [OPTIONS] COMMANDE [ARGUMENTS]..."),
    ],
)
def test_usage_line_uses_the_readme_names(command: str, usage: str) -> None:
    assert usage in help_text(*([command] if command else []))


def test_site_dir_is_a_folder() -> None:
    assert "--site-dir DOSSIER" in help_text("build")


def test_dossier_help_gives_the_real_default_archive_name() -> None:
    unwrapped = re.sub(r"-\s+", "-", help_text("dossier"))  # click may wrap the name after a hyphen
    assert "nom-prenom-dossier-e5.zip" in unwrapped


def test_check_and_build_have_their_own_one_line_summary() -> None:
    lines = {
        line.split()[0]: " ".join(line.split()[1:])
        for line in help_text().splitlines()
        if line.startswith("  ") and line.split()[0] in ("check", "build")
    }
    assert lines["check"] != lines["build"]
    assert lines["check"].startswith("Vérifie le portfolio") and lines["build"].startswith("Construit le site")
