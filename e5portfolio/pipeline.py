"""The one-way pipeline shared by every face: find → load → validate → checks → report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from e5portfolio.checks import check_all, coverage
from e5portfolio.checks.stages import StageFact
from e5portfolio.core.errors import E5Error
from e5portfolio.core.findings import Report
from e5portfolio.core.loader import load_portfolio_file
from e5portfolio.core.ordering import ordered
from e5portfolio.core.private import merge_private
from e5portfolio.core.referential import Referential, referential_for_session
from e5portfolio.core.validate import Validated, validate

PORTFOLIO_FILE = "portfolio.yml"


class PortfolioNotFound(E5Error):
    """The target names no portfolio file (a usage problem: exit code 2)."""


@dataclass(frozen=True)
class Analysis:
    """Everything known about one portfolio after `check`."""

    root: Path  # the portfolio folder
    file: Path  # its portfolio.yml
    report: Report
    validated: Validated | None
    referential: Referential
    skip_attestation_files: bool = False  # checked with --sans-attestations
    # each stage and its attestation as the checks decided them (checks.stages.stage_facts): read
    # these (the VI-2 form, the archive, the site) instead of deciding again
    stage_facts: tuple[StageFact, ...] = ()


def locate(target: str | Path | None) -> Path:
    """The portfolio.yml that TARGET names: the file itself or a folder holding it."""
    path = Path(target) if target else Path.cwd()
    if path.is_dir():
        candidate = path / PORTFOLIO_FILE
        if candidate.is_dir():
            raise PortfolioNotFound(
                f"« {candidate} » est un dossier, pas un fichier : remettez à sa place le "
                f"fichier {PORTFOLIO_FILE} (un dossier ne peut pas porter ce nom)"
            )
        if not candidate.is_file():
            alternative = path / "portfolio.yaml"
            if alternative.is_file():
                return alternative
            raise PortfolioNotFound(
                f"aucun fichier {PORTFOLIO_FILE} dans le dossier « {path} » : créez-en un avec « e5portfolio init »"
            )
        return candidate
    if path.is_file():
        return path
    raise PortfolioNotFound(
        f"« {path} » n'existe pas : indiquez le dossier du portfolio ou son fichier {PORTFOLIO_FILE}"
    )


def referential_for(validated: Validated | None) -> Referential:
    return referential_for_session(validated.portfolio.candidat.session if validated else None)


def _unreadable_realisations(data, validated: Validated | None) -> int:
    """How many réalisations written in the file are left out of the rules for their errors."""
    written = data.get("realisations") if isinstance(data, dict) else None
    if not isinstance(written, list):
        return 0
    if validated is None:
        return len(written)
    broken_competences = sum(
        1 for r in validated.realisations if not validated.is_complete(("realisations", r.index, "competences"))
    )
    return len(written) - len(validated.realisations) + broken_competences


def analyse(target: str | Path | None, *, skip_attestation_files: bool = False) -> Analysis:
    """Check TARGET. With `skip_attestation_files` (--sans-attestations), the attestation files
    stay on the student's computer: an absent one is reported as not checked, not as an error."""
    file = locate(target)
    root = file.parent
    loaded = merge_private(load_portfolio_file(file, file.name, root), root)
    validated, findings = validate(loaded)
    referential = referential_for(validated)
    facts: tuple[StageFact, ...] = ()
    if validated is not None:
        checked = check_all(validated, referential, root, skip_attestation_files=skip_attestation_files)
        findings.extend(checked.findings)
        facts = checked.stage_facts
    report = Report(
        portfolio=file.name,
        findings=findings,
        coverage=coverage(validated, referential),
        realisations=[(r.id, r.intitule) for r in ordered(validated.realisations)] if validated else [],
        unreadable_realisations=_unreadable_realisations(loaded.data, validated),
    )
    if validated is not None and validated.portfolio.publication.remise:
        report = report.strict()  # handing in: every warning must be fixed, everywhere (CI too)
    return Analysis(root, file, report, validated, referential, skip_attestation_files, stage_facts=facts)
