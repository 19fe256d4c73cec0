"""Helpers of the commission forms' tests: the real CLI, portfolios derived from the sample, PDFs
read back with poppler's pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from e5portfolio.cli import main
from e5portfolio.fiches.labels import load_labels
from tests.support.tools import require_tool

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "sample_portfolio"
ANNEXE = REPO_ROOT / "tests" / "core" / "testdata" / "reference" / "annexe-vi-e5-session-2026.txt"
LABELS = load_labels(2026)
TICKED, UNTICKED = "☒", "☐"


def run_cli(*args: str | os.PathLike[str]) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: Path) -> str:
    require_tool(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> int:
    require_tool(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def ticked(text: str, label: str) -> bool:
    """Whether the box just before `label` is ticked in the PDF's text; fails if the label is absent."""
    flattened = flat(text)
    start = flat(label)[:40]
    index = flattened.find(start)
    assert index >= 0, f"label not found: {start}"
    before = flattened[max(0, index - 3) : index]
    assert TICKED in before or UNTICKED in before, f"no box before: {start} ({before!r})"
    return TICKED in before


def ticked_after(text: str, label: str) -> bool:
    """Whether the box just after `label` is ticked (« OPTION SISR ☒ », as the annex draws it)."""
    flattened = flat(text)
    index = flattened.find(label)
    assert index >= 0, f"label not found: {label}"
    after = flattened[index + len(label) : index + len(label) + 3]
    assert TICKED in after or UNTICKED in after, f"no box after: {label} ({after!r})"
    return TICKED in after


def derived_portfolio(folder: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the sample portfolio with textual replacements in its portfolio.yml."""
    shutil.copytree(SAMPLE, folder)
    file = folder / "portfolio.yml"
    text = file.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    return folder


# The second stage ends after two weeks instead of six: 8 weeks in all, under the 10 required.
SHORT_STAGE = ('fin: "13/02/2026"', 'fin: "16/01/2026"')
# The second stage's attestation is not signed.
UNSIGNED = (
    "    attestation: attestations/stage2.pdf\n    attestation_signee: true",
    "    attestation: attestations/stage2.pdf\n    attestation_signee: false",
)
# No réalisation mobilises B1.3 any more.
NO_B13 = ("competences: [B1.3, B1.3.1, B1.3.2, B1.3.3]", "competences: [B1.1]")
