"""The audit's accessibility findings in the words of the RGAA 4.1.2 (core.referential.rgaa): the
criteria a finding's rule tests, and, for a whole audit, each criterion's status.

Three statuses, and no more is claimed: « failed » (a check found a defect on at least one page),
« no_defect_found » (at least one automatic check of the criterion ran and found nothing: automatic
checks only ever test part of a criterion, so it remains to be confirmed by hand) and « manual »
(no automatic check: to be checked by hand).
"""

from __future__ import annotations

from dataclasses import dataclass

from e5portfolio.core.referential.rgaa import A11Y_PREFIX, Criterion, load_rgaa

FAILED = "failed"
NO_DEFECT_FOUND = "no_defect_found"
MANUAL = "manual"


def criteria_prefix(rule: str) -> str:
    """What opens an accessibility finding: « RGAA 3.2 — contraste du texte », or, for a check the
    RGAA does not ask for, « bonne pratique, aucun critère RGAA »."""
    rgaa = load_rgaa()
    if rgaa.criteria_of(rule):
        return rgaa.names_of(rule)
    return "bonne pratique, aucun critère RGAA"


def finding_criteria(rule: str) -> list[str]:
    """The criteria numbers of a finding's rule (« a11y-image-alt » → ["1.1"]); [] for none."""
    return [c.number for c in load_rgaa().criteria_of(rule)]


@dataclass(frozen=True)
class CriterionStatus:
    criterion: Criterion
    status: str
    pages: int  # failed: pages with a defect; no_defect_found: pages analysed; manual: 0
    rules: tuple[str, ...]  # the audit rules (« a11y-… ») that tested it

    def to_dict(self) -> dict:
        return {"status": self.status, "pages": self.pages, "rules": list(self.rules)}


def criteria_statuses(result) -> list[CriterionStatus]:
    """Every RGAA criterion, in order, with its status for this audit (an engine.AuditResult)."""
    rgaa = load_rgaa()
    tested: dict[str, list[str]] = {}
    for rule in result.a11y_rules:
        for criterion in rgaa.criteria_of(rule):
            tested.setdefault(criterion.number, []).append(A11Y_PREFIX + rule)
    failed: dict[str, set[str]] = {}
    for rule, pages in result.a11y_pages.items():
        for criterion in rgaa.criteria_of(rule):
            failed.setdefault(criterion.number, set()).update(pages)
    statuses = []
    for theme in rgaa.themes:
        for criterion in theme.criteria:
            rules = tuple(sorted(tested.get(criterion.number, [])))
            if criterion.number in failed:
                statuses.append(CriterionStatus(criterion, FAILED, len(failed[criterion.number]), rules))
            elif rules:
                statuses.append(CriterionStatus(criterion, NO_DEFECT_FOUND, len(result.pages), rules))
            else:
                statuses.append(CriterionStatus(criterion, MANUAL, 0, ()))
    return statuses


def rgaa_json(result) -> dict:
    """The JSON report's `rgaa`: version, then criterion → {status, pages, rules}."""
    return {
        "version": load_rgaa().version,
        "criteria": {s.criterion.number: s.to_dict() for s in criteria_statuses(result)},
    }


def _pages(count: int) -> str:
    return f"{count} page{'s' if count > 1 else ''}"


def summary_lines(result) -> list[str]:
    """The text report's accessibility summary (French)."""
    statuses = criteria_statuses(result)
    failed = [s for s in statuses if s.status == FAILED]
    passed = [s for s in statuses if s.status == NO_DEFECT_FOUND]
    manual = [s for s in statuses if s.status == MANUAL]
    lines = [f"Accessibilité, critères du RGAA {load_rgaa().version} ({len(statuses)} critères) :"]
    if failed:
        lines.append(f"  non conformes ({len(failed)}) :")
        lines.extend(f"    {s.criterion.name} : {_pages(s.pages)} en défaut" for s in failed)
    else:
        lines.append("  non conformes : aucun critère mis en défaut par les tests automatiques")
    if passed:
        lines.append(
            f"  testés automatiquement, sans défaut détecté ({len(passed)}) : "
            + ", ".join(s.criterion.number for s in passed)
            + " (en partie seulement : à confirmer à la main)"
        )
    lines.append(f"  à vérifier à la main ({len(manual)}) : aucun test automatique ne les couvre")
    return lines
