"""One type for every problem found: Finding, its Severity, and the Report that gathers them."""

from __future__ import annotations

import enum
import re
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


# C0 controls but tab and line feed, DEL, C1 controls (ESC sequences, CSI), and the bidirectional
# controls that can reorder what a terminal or a page shows (« Trojan Source »).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """`text` without control characters: what a page, a file or a server wrote is printed or
    written to a report (terminal, HTML, JSON, xlsx) only through this."""
    return _CONTROLS.sub("", text)


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
    # the file the problem is in when it is not `file` itself (a production, an attestation
    # named at file:line): shown beside the location; not part of the JSON report
    subject: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # every message may quote what a student's file or site wrote: never a control character
        for name in ("message", "file", "hint", "url", "subject"):
            value = getattr(self, name)
            if isinstance(value, str) and _CONTROLS.search(value):
                object.__setattr__(self, name, clean_text(value))

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

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """The finding `to_dict` wrote (a child process's findings, read back)."""
        return cls(
            data["rule"],
            Severity(data["severity"]),
            data["message"],
            data.get("file"),
            data.get("line"),
            data.get("column"),
            data.get("hint"),
            data.get("url"),
        )

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

    def by_severity(self) -> list[Finding]:
        """Errors, then warnings, then informations, each in file order: read top-down."""
        return sorted(self.findings, key=lambda f: (f.severity.rank, *f.sort_key()))


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
        findings = [replace(f, severity=Severity.ERROR) if f.severity is Severity.WARNING else f for f in self.findings]
        return replace(self, findings=findings)
