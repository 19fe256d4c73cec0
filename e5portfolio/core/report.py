"""Render a Report: text (with the coverage table), json, or GitHub workflow commands."""

from __future__ import annotations

import json

from e5portfolio.core.findings import Finding, Report, Severity
from e5portfolio.core.ordering import label
from e5portfolio.core.referential import Referential

MATRIX_MAX_COLUMNS = 20


def plural(count: int, one: str, many: str) -> str:
    """« 1 erreur », « 0 erreur », « 2 erreurs » (French: plural from 2)."""
    return f"{count} {one if count <= 1 else many}"


def summary_text(summary: dict[str, int]) -> str:
    """The last line of a check or an audit: its counts and what they mean for the candidate."""
    counts = ", ".join(
        [
            plural(summary["errors"], "erreur", "erreurs"),
            plural(summary["warnings"], "avertissement", "avertissements"),
            plural(summary["infos"], "information", "informations"),
        ]
    )
    verdict = (
        "à corriger avant l'épreuve"
        if summary["errors"]
        else "aucune erreur, pensez aux avertissements"
        if summary["warnings"]
        else "portfolio prêt"
    )
    return f"{counts} : {verdict}."


def summary_line(report: Report) -> str:
    return summary_text(report.summary)


def location(finding: Finding, prefix: str = "") -> str:
    where = finding.url or f"{prefix}{finding.file or ''}"
    if finding.line is not None:
        where += f":{finding.line}"
        if finding.column is not None:
            where += f":{finding.column}"
    return where


def finding_line(finding: Finding, prefix: str = "", color: bool = False) -> str:
    label = finding.severity.label
    if color:
        code = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}[finding.severity]
        label = f"\x1b[1;{code}m{label}\x1b[0m"
    text = f"{location(finding, prefix)}: {label} [{finding.rule}] {finding.message}"
    if finding.hint:
        text += f"\n    conseil : {finding.hint}"
    return text


def coverage_table(report: Report, referential: Referential) -> str:
    ids = [rid for rid, _ in report.realisations]
    lines = ["Couverture des compétences du bloc (✓ = compétence mobilisée par la réalisation) :"]
    left_out = report.unreadable_realisations
    if left_out and ids:
        not_counted = plural(left_out, "réalisation en erreur non comptée", "réalisations en erreur non comptées")
        lines.append(f"  ({not_counted} ici : corrigez d'abord les erreurs ci-dessus)")
    if not ids:
        lines.append("  (aucune réalisation lisible)")
        return "\n".join(lines)
    matrix = len(ids) <= MATRIX_MAX_COLUMNS
    width = len(label(len(ids)))
    if matrix:
        header = "        " + " ".join(label(i + 1).rjust(width) for i in range(len(ids))) + "  total"
        lines.append(header)
    for competence in referential.competences:
        covered = report.coverage.get(competence.code, [])
        status = f"{len(covered)}" if covered else "0  MANQUANTE"
        if matrix:
            cells = " ".join(("✓" if rid in covered else "·").rjust(width) for rid in ids)
            lines.append(f"  {competence.code.ljust(6)}{cells}  {status}")
        else:
            lines.append(f"  {competence.code.ljust(6)}{status.rjust(6)}  {competence.intitule}")
    if matrix:
        lines.append("Légende :")
        lines.extend(f"  {label(i + 1)} = {rid} — {title}" for i, (rid, title) in enumerate(report.realisations))
        lines.extend(f"  {c.code} = {c.intitule}" for c in referential.competences)
    return "\n".join(lines)


# How a group of informations is counted on the one line that stands for them all.
_INFO_WORDS = {
    "sous-competence-non-couverte": ("sous-compétence non citée", "sous-compétences non citées"),
    "attestation-non-verifiee": ("attestation non vérifiée", "attestations non vérifiées"),
    "session-sans-referentiel": (
        "référentiel d'une autre session appliqué",
        "référentiels d'une autre session appliqués",
    ),
}
DETAILS_COMMAND = "e5portfolio check --details"


def info_summary(findings: list[Finding]) -> str | None:
    """The one line standing for the informations: « 10 sous-compétences non citées :
    e5portfolio check --details »; None when there is none."""
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.severity is Severity.INFO:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
    if not counts:
        return None
    parts = []
    for rule, count in counts.items():
        one, many = _INFO_WORDS.get(rule, (f"information [{rule}]", f"informations [{rule}]"))
        parts.append(plural(count, one, many))
    return f"{', '.join(parts)} : {DETAILS_COMMAND}"


def top_down_lines(
    report: Report, prefix: str = "", color: bool = False, *, details: bool = False, errors_only: bool = False
) -> list[str]:
    """What a student reads first comes first: the errors, then the warnings, then one line for
    the informations (each of them with `details`). `errors_only`: a refused command shows the
    errors, and says how many warnings there are in its summary line."""
    ordered = report.by_severity()
    lines = [
        finding_line(f, prefix, color)
        for f in ordered
        if f.severity is Severity.ERROR
        or (f.severity is Severity.WARNING and not errors_only)
        or (f.severity is Severity.INFO and details and not errors_only)
    ]
    if not details and not errors_only:
        infos = info_summary(ordered)
        if infos:
            lines.append(infos)
    return lines


def render_text(
    report: Report, referential: Referential, prefix: str = "", color: bool = False, *, details: bool = False
) -> str:
    parts = top_down_lines(report, prefix, color, details=details)
    if parts:
        parts.append("")
    parts.append(coverage_table(report, referential))
    parts.append("")
    parts.append(summary_line(report))
    return "\n".join(parts) + "\n"


def render_errors(report: Report, prefix: str = "", color: bool = False) -> str:
    """For a command refused because of errors: the errors only, then the summary line (the
    coverage table and the other findings are for `check`)."""
    parts = top_down_lines(report, prefix, color, errors_only=True)
    parts.append(summary_line(report))
    return "\n".join(parts) + "\n"


def render_json(report: Report) -> str:
    data = {
        "version": 1,
        "portfolio": report.portfolio,
        "findings": [f.to_dict() for f in report.sorted_findings()],
        "coverage": report.coverage,
        "summary": report.summary,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, prefix: str = "") -> str:
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for finding in report.sorted_findings():
        props = []
        if finding.file:
            props.append(f"file={_escape_property(prefix + finding.file)}")
        if finding.line is not None:
            props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
        props.append(f"title={_escape_property(finding.rule)}")
        lines.append(f"::{command[finding.severity]} {','.join(props)}::{_escape_data(finding.message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
