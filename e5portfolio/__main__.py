"""`python -m e5portfolio`."""

from .cli import run

run()
