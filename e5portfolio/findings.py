"""One type for every problem found: Finding, its Severity, and the Report that gathers them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """French word shown to the user."""
        return {"error": "erreur", "warning": "avertissement", "info": "info"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        data = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }
        if self.hint:
            data["hint"] = self.hint
        if self.url is not None:
            data["url"] = self.url
        return data

    def sort_key(self) -> tuple:
        return (self.file or "", self.url or "", self.line or 0, self.column or 0, self.rule)


class FindingSet:
    """Counting and ordering shared by every report made of findings (check, audit)."""

    findings: list[Finding]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
        }

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)


@dataclass
class Report(FindingSet):
    """Everything `check` learnt about one portfolio."""

    portfolio: str
    findings: list[Finding] = field(default_factory=list)
    coverage: dict[str, list[str]] = field(default_factory=dict)
    realisations: list[tuple[str, str]] = field(default_factory=list)  # (id, intitulé)
    unreadable_realisations: int = 0  # left out of the coverage for their errors

    def strict(self) -> Report:
        """Every warning becomes an error (`--strict`)."""
        findings = [
            replace(f, severity=Severity.ERROR) if f.severity is Severity.WARNING else f
            for f in self.findings
        ]
        return replace(self, findings=findings)
