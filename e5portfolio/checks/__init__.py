"""Explicit registry of the portfolio rules, and the function that runs them all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from e5portfolio.checks import (
    candidat,
    competences,
    controls,
    files,
    mkdocs_config,
    publication,
    realisations,
    secrets,
    stages,
    textlinks,
    todo,
)
from e5portfolio.checks.base import CheckContext, Rule
from e5portfolio.checks.stages import StageFact, stage_facts
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.referential import Referential
from e5portfolio.core.validate import Validated

RULES: tuple[Rule, ...] = (
    *competences.RULES,
    *realisations.RULES,
    *stages.RULES,
    *files.RULES,
    *textlinks.RULES,
    *secrets.RULES,
    *candidat.RULES,
    *publication.RULES,
    *todo.RULES,
    *mkdocs_config.RULES,
    *controls.RULES,
)

# Rules decided before the checks run (by the loader and the validator): id → (severity, doc).
LOAD_RULES: dict[str, tuple[Severity, str]] = {
    "syntaxe-yaml": (
        Severity.ERROR,
        "Le fichier est du YAML valide : indentation en espaces (pas de "
        "tabulation), pas de clé en double, un seul document, encodé en UTF-8, non vide.",
    ),
    "schema": (
        Severity.ERROR,
        "Chaque clé obligatoire est présente et chaque valeur a le bon type ou "
        "une valeur permise (option SISR ou SLAM, annee 1 ou 2, dates, adresses https://…).",
    ),
    "cle-inconnue": (
        Severity.ERROR,
        "Chaque clé est une clé connue du format ; une faute de frappe est "
        "signalée avec la clé la plus proche (« prenon » → « prenom »).",
    ),
    "date-invalide": (
        Severity.ERROR,
        "Chaque date existe et s'écrit JJ/MM/AAAA (19/05/2025) ou AAAA-MM-JJ (2025-05-19).",
    ),
}


@dataclass(frozen=True)
class Checked:
    """What the rules found, and the facts they established on the way (decided once)."""

    findings: list[Finding]
    stage_facts: tuple[StageFact, ...]  # each stage and its attestation (stages.stage_facts)


def check_all(
    validated: Validated, referential: Referential, root: Path, *, skip_attestation_files: bool = False
) -> Checked:
    """Run every rule on one context, so that they share its path resolution and facts."""
    context = CheckContext(validated, referential, root, skip_attestation_files=skip_attestation_files)
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.run(context))
    return Checked(findings, stage_facts(context))


def run_checks(
    validated: Validated, referential: Referential, root: Path, *, skip_attestation_files: bool = False
) -> list[Finding]:
    return check_all(validated, referential, root, skip_attestation_files=skip_attestation_files).findings


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
