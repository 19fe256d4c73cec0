"""What every rule shares: the Rule record, the check context and located findings."""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.referential import Referential
from e5portfolio.core.validate import Validated, ValidatedView


@dataclass
class CheckContext(ValidatedView):
    validated: Validated
    referential: Referential
    root: Path  # the portfolio folder: every fichier/attestation is relative to it
    # --sans-attestations: the attestation files stay on the student's computer (not in the
    # public repository), so an absent one is not an error (GitHub Actions checks without them)
    skip_attestation_files: bool = False
    cache: dict = field(default_factory=dict)  # shared results between rules (path resolution)

    def finding(
        self, rule: Rule, path: tuple, message: str, *, severity: Severity | None = None, hint: str | None = None
    ) -> Finding:
        position = self.validated.positions.best(path)
        line, column = position if position else (None, None)
        file = self.validated.positions.file_for(path, self.validated.file)
        return Finding(
            rule.id, severity or rule.severity, message, file, line, column, hint, subject=self._named_file(path)
        )

    def _named_file(self, path: tuple) -> str | None:
        """The file that the key at `path` names (a production's « fichier », an attestation…)."""
        if not path or path[-1] not in ("fichier", "attestation", "photo", "logo"):
            return None
        node: typing.Any = self.portfolio  # a model, then its lists and nodes
        for part in path:
            try:
                node = node[part] if isinstance(part, int) else getattr(node, part)
            except (AttributeError, IndexError, TypeError):
                return None
        return node if isinstance(node, str) else None


CheckFunction = Callable[["Rule", CheckContext], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: CheckFunction

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()

    def run(self, context: CheckContext) -> Iterator[Finding]:
        return self.check(self, context)


def rule(rule_id: str, severity: Severity) -> Callable[[CheckFunction], Rule]:
    """Turn a check function into a Rule; its docstring is the rule's user documentation."""

    def wrap(function: CheckFunction) -> Rule:
        return Rule(rule_id, severity, function)

    return wrap
