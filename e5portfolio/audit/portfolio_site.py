"""Build a portfolio folder's site for the audit, in a folder of the audit's choosing.

Same machinery as `e5portfolio build` (check, then MkDocs), but always with the embedded default
configuration: the folder's own mkdocs.yml is never read by MkDocs here (its `hooks:` and
`!!python/…` tags would run as the teacher, its `docs_dir:` could publish a neighbour's files);
only its docs_dir is read, inertly, to copy the student's Markdown pages and images
(site.runner.copy_extra_pages).
Nothing exits: a portfolio that cannot be built becomes findings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from e5portfolio.core.findings import Finding, Severity

BUILD_RULE = "audit-incomplet"
# what a failed build means, by the command that asked for it
CONSEQUENCES = {"audit": "donc non audité", "dossier": "l'archive pour la commission n'est pas écrite"}


def build_site_into(
    folder: Path, site_dir: Path, *, skip_attestation_files: bool = False, purpose: str = "audit"
) -> tuple[Path | None, list[Finding]]:
    """(the built site, []) or (None, the findings that explain why it could not be built).

    `skip_attestation_files` (--sans-attestations): absent attestation files are no error.
    `purpose` (a key of CONSEQUENCES) words the finding of a failed build."""
    from e5portfolio.pipeline import analyse
    from e5portfolio.site.runner import SiteBuildError, build, config_file_for, load, mkdocs_messages, own_config_file

    analysis = analyse(folder, skip_attestation_files=skip_attestation_files)
    report = analysis.report
    if report.has_errors or analysis.validated is None:
        errors = [f for f in report.sorted_findings() if f.severity is Severity.ERROR]
        return None, errors + [
            not_built(analysis.file.name, purpose, "corrigez d'abord les erreurs de portfolio.yml (e5portfolio check)")
        ]
    try:
        with mkdocs_messages(logging.ERROR, findings=False):
            with config_file_for(analysis.root, analysis.file, trusted=False) as config_file:
                config = load(
                    config_file,
                    analysis.file,
                    site_dir=str(site_dir),
                    skip_attestation_files=skip_attestation_files,
                    analysis=analysis,
                )
                build(config)
    except SiteBuildError as exc:
        return None, [not_built(analysis.file.name, purpose, str(exc))]
    notes = [f for f in report.sorted_findings() if f.rule == "mkdocs-config-dangereuse"]
    own = own_config_file(analysis.root)
    if own is not None:
        notes.append(
            Finding(
                BUILD_RULE,
                Severity.INFO,
                f"{own.name} du dossier ignoré : le site audité est construit avec la configuration "
                "par défaut d'e5portfolio, avec les pages Markdown du dossier (par sécurité, aucun "
                "réglage ni script du dossier n'est exécuté) ; auditez l'adresse publiée pour voir le "
                "site tel que le jury le verra",
                own.name,
            )
        )
    return site_dir, notes


def not_built(file: str, purpose: str, reason: str) -> Finding:
    return Finding(BUILD_RULE, Severity.ERROR, f"site non construit, {CONSEQUENCES[purpose]} : {reason}", file)
