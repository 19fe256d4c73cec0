"""`python -m e5portfolio`."""

from e5portfolio.cli import run

run()
