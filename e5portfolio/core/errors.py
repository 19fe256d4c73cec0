"""Exit codes and the one base of the tool's own errors.

Every error the tool raises on purpose derives from `E5Error` and carries a French message and
its exit code; the CLI has one handler for them (e5portfolio.cli), so a command that does not
catch one still ends with « e5portfolio : message » and the right code, never a traceback.
Exit codes are part of the contract (shared/spec/portfolio-format.md): 0 nothing blocking,
1 at least one error found, 2 the command could not do its work (usage, missing file…).
"""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class E5Error(Exception):
    """An error the tool expects, with a French message for the user."""

    exit_code: int = EXIT_USAGE
