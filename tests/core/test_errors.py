"""One base for the tool's own errors, one handler in the CLI, exit codes from one place."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from e5portfolio.cli import main
from e5portfolio.core.errors import EXIT_FINDINGS, EXIT_USAGE, E5Error

PACKAGE = Path(__file__).resolve().parents[2] / "e5portfolio"


class _Refused(E5Error):
    exit_code = EXIT_FINDINGS


@pytest.fixture
def failing_command():
    @click.command("essai-erreur")
    def command() -> None:
        raise _Refused("« x.yml » : ligne 3, colonne 5 : refusé")

    main.add_command(command)
    yield
    main.commands.pop("essai-erreur")


@pytest.mark.usefixtures("failing_command")
def test_an_uncaught_tool_error_ends_in_french_with_its_own_exit_code():
    result = CliRunner().invoke(main, ["essai-erreur"])
    assert result.exit_code == EXIT_FINDINGS
    assert result.stderr == "e5portfolio : « x.yml » : ligne 3, colonne 5 : refusé\n"
    assert "Traceback" not in result.output


def test_the_default_exit_code_of_a_tool_error_is_usage():
    assert E5Error("x").exit_code == EXIT_USAGE


def test_every_public_error_class_of_the_package_derives_from_the_base():
    """A class named …Error, …Refused, …Missing or …NotFound is the tool's own error."""
    loose = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ClassDef)
                and not node.name.startswith("_")
                and node.name.endswith(("Error", "Refused", "Missing", "NotFound"))
            ):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if "Exception" in bases and node.name != "E5Error":
                    loose.append(f"{path.name}:{node.lineno} {node.name}")
    assert loose == []


def test_exit_codes_are_written_once():
    places = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "EXIT_USAGE = " in p.read_text(encoding="utf-8")
        or "EXIT_FINDINGS = " in p.read_text(encoding="utf-8")
        or ", EXIT_USAGE = " in p.read_text(encoding="utf-8")
    ]
    assert places == ["core/errors.py"]
