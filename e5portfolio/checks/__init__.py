"""Explicit registry of the portfolio rules, and the function that runs them all."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..referential import Referential
from ..validate import Validated
from . import candidat, competences, files, realisations, secrets, stages, todo
from .base import CheckContext, Rule

RULES: tuple[Rule, ...] = (
    *competences.RULES,
    *realisations.RULES,
    *stages.RULES,
    *files.RULES,
    *secrets.RULES,
    *candidat.RULES,
    *todo.RULES,
)

# Rules decided before the checks run (by the loader and the validator).
LOAD_RULES = ("syntaxe-yaml", "schema", "cle-inconnue", "date-invalide")


def run_checks(validated: Validated, referential: Referential, root: Path, *,
               skip_attestation_files: bool = False) -> list[Finding]:
    context = CheckContext(validated, referential, root, skip_attestation_files=skip_attestation_files)
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.run(context))
    return findings


def coverage(validated: Validated | None, referential: Referential) -> dict[str, list[str]]:
    """Each competence code → ids of the réalisations that mobilise it (B1.n.k counts for B1.n)."""
    result: dict[str, list[str]] = {c.code: [] for c in referential.competences}
    if validated is None:
        return result
    for entry in validated.realisations:
        for code in competences.mobilised(entry, referential):
            if entry.id not in result[code]:
                result[code].append(entry.id)
    return result
