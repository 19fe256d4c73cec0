"""Helpers of the core tests: an editable copy of the base portfolio, findings as plain tuples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from e5portfolio.checks import RULES
from e5portfolio.core.findings import Finding
from e5portfolio.core.loader import load_portfolio_bytes
from e5portfolio.core.validate import validate
from e5portfolio.pipeline import analyse

TESTDATA = Path(__file__).parent / "testdata"
BASE = TESTDATA / "base"

ERROR, WARNING, INFO = "error", "warning", "info"

# Every rule of the contract (docs/spec: portfolio-format.md, « Rules »), in its order.
CONTRACT_RULES = (
    "syntaxe-yaml",
    "schema",
    "cle-inconnue",
    "date-invalide",
    "periode-inversee",
    "competence-inconnue",
    "couverture-competences",
    "production-manquante",
    "contribution-manquante",
    "identifiant-duplique",
    "stage-inconnu",
    "fichier-introuvable",
    "chemin-hors-portfolio",
    "fichier-trop-volumineux",
    "secret-detecte",
    "duree-stages",
    "attestation-manquante",
    "attestation-non-signee",
    "periode-hors-stage",
    "numero-candidat-absent",
    "url-portfolio-absente",
    "identite-pro-absente",
    "veille-absente",
    "sous-competence-non-couverte",
)

# The contract allows added rules: every rule id the project may report.
KNOWN_RULES = CONTRACT_RULES + tuple(sorted({r.id for r in RULES} - set(CONTRACT_RULES)))

Row = tuple[str, int | None, int | None, str]  # (severity, line, column, message)


def row(finding: Finding) -> Row:
    return (finding.severity.value, finding.line, finding.column, finding.message)


class PortfolioCopy:
    """A copy of the base portfolio folder in tmp_path, edited line by line by a test."""

    def __init__(self, root: Path):
        self.root = root

    @property
    def file(self) -> Path:
        return self.root / "portfolio.yml"

    def text(self) -> str:
        return self.file.read_text(encoding="utf-8")

    def write(self, text: str) -> PortfolioCopy:
        self.file.write_text(text, encoding="utf-8")
        return self

    def edit(self, old: str, new: str) -> PortfolioCopy:
        """Replace the one occurrence of `old` (a whole line or more) by `new`."""
        text = self.text()
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the base portfolio"
        return self.write(text.replace(old, new))

    def drop(self, old: str) -> PortfolioCopy:
        """Remove the one line (or block of lines) `old`, with its line end."""
        return self.edit(old if old.endswith("\n") else old + "\n", "")

    def add_file(self, relative: str, content: str | bytes = "contenu\n") -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    def findings(self, *, skip_attestation_files: bool = False) -> list[Finding]:
        return analyse(self.root, skip_attestation_files=skip_attestation_files).report.findings

    def found(self, rule: str, *, skip_attestation_files: bool = False) -> list[Row]:
        """(severity, line, column, message) of every finding of `rule`, in file order."""
        return sorted(row(f) for f in self.findings(skip_attestation_files=skip_attestation_files) if f.rule == rule)

    def rules(self) -> set[str]:
        return {f.rule for f in self.findings()}


@pytest.fixture
def portfolio(tmp_path: Path) -> PortfolioCopy:
    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    return PortfolioCopy(root)


def load_findings(raw: bytes) -> list[Row]:
    """Findings of loading and validating raw portfolio.yml bytes."""
    loaded = load_portfolio_bytes(raw)
    _, findings = validate(loaded)
    return [row(f) for f in findings]
