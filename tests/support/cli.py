"""The CLI run in-process, with the result shaped like `subprocess.run`'s.

For tests where the real process is not the point: click's CliRunner calls the same group as the
console script (e5portfolio.cli.main), in the given folder and environment, in a fraction of the
time a new interpreter takes. Tests that need a real process (signals, start-up, what a fresh
interpreter imports) still start `python -m e5portfolio` and are marked `process`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from subprocess import CompletedProcess

from click.testing import CliRunner

from e5portfolio.cli import main

# What the CLI's own environment must not carry into a test: a forge's variables, the debug switch.
_DROPPED = ("GITHUB_ACTIONS", "GITLAB_CI", "FORGEJO_ACTIONS", "GITEA_ACTIONS", "E5PORTFOLIO_DEBUG")


def e5portfolio_in_process(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> CompletedProcess:
    """`e5portfolio ARGS…` in-process: returncode, stdout and stderr as `subprocess.run` gives them.

    An exception that escapes the command fails the test (the console script would turn it into
    « erreur interne inattendue », exit 2): never a traceback, as with the real program."""
    environment: dict[str, str | None] = {name: None for name in _DROPPED}
    environment.update({"NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}, **(env or {}))
    argv = [os.fspath(arg) for arg in args]
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = CliRunner().invoke(main, argv, env=environment, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"e5portfolio {' '.join(argv)}: unexpected exception") from result.exception
    return CompletedProcess(["e5portfolio", *argv], result.exit_code, result.stdout, result.stderr)
