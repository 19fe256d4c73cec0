"""Assemble the commission's archive of a portfolio (the work of `e5portfolio dossier`).

The zip holds one folder with the offline site (open site/index.html, no network needed), the
tableau de synthèse with the N° candidat (it is for the commission, not the public), the
attestations de stage, the printable portfolio.pdf with the N° candidat (when a Chromium-family
browser is there to print it) and a LISEZMOI.txt. It is written, by default, beside the portfolio
folder (never inside it: it holds private data that must not be committed or published with the
portfolio), and never inside a site folder. An existing file is replaced only if it is an
archive written by this command (recognised by its zip comment). The site is built with the
embedded default configuration, never the folder's own mkdocs.yml (a teacher may run this on a
student's folder: its hooks and python tags must not run), in a child process stopped after
`build_time_limit` seconds, as the audit does (audit.sandboxed_build).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from e5portfolio.core.errors import EXIT_FINDINGS, EXIT_USAGE, E5Error
from e5portfolio.core.fileutil import new_mode

if TYPE_CHECKING:
    from e5portfolio.checks.stages import StageFact

ZIP_COMMENT = b"e5portfolio: dossier E5 pour la commission"


class DossierError(E5Error):
    """The archive cannot be written (French message, exit code)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class WrittenDossier:
    """What `write_dossier` put in the archive."""

    target: Path
    folder_name: str  # the archive's single top folder
    attestations: int  # how many attestation files
    pdf: bool  # whether the printable portfolio is in it


def write_dossier(analysis, target: Path, build_time_limit: float) -> WrittenDossier:
    """Build the site apart, write the tableau and the PDF, and write the archive `target` whole
    (or not at all); DossierError (French, with its exit code) when it cannot."""
    refusal = refusal_for(target, analysis.root)
    if refusal:
        raise DossierError(refusal, EXIT_USAGE)
    folder_name = target.name.removesuffix(".zip")
    with tempfile.TemporaryDirectory(prefix="e5portfolio-dossier-") as work:
        site = _built_site(analysis, Path(work) / "site", build_time_limit)
        tableau = Path(work) / "tableau-de-synthese.xlsx"
        from e5portfolio.tableau.synthese import write_tableau

        write_tableau(analysis.validated, analysis.referential, tableau, publish_numero=True)
        attestations = _attestations(analysis)
        pdf = _commission_pdf(analysis, site)
        try:
            _write_zip(
                target,
                folder_name,
                site,
                tableau,
                attestations,
                _readme(analysis, attestations, pdf),
                pdf,
                manifest=_manifest(analysis, attestations),
            )
        except OSError as exc:
            raise DossierError(
                f"impossible d'écrire « {target} » ({exc.strerror or exc}) : vérifiez les droits sur ce "
                "dossier ou choisissez un autre fichier avec -o",
                EXIT_FINDINGS,
            ) from None
    return WrittenDossier(target, folder_name, len(attestations), bool(pdf))


def _built_site(analysis, site: Path, time_limit: float) -> Path:
    """The site of the archive, built apart (audit.sandboxed_build); DossierError (exit 1) saying why."""
    from e5portfolio.audit.sandboxed_build import build_in_child
    from e5portfolio.core.findings import Severity

    built, findings = build_in_child(analysis.root, site, time_limit=time_limit, purpose="dossier")
    if built is None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        raise DossierError(
            " ; ".join(f"{f.file} : {f.message}" if f.file else f.message for f in errors)
            or "la construction du site a échoué : l'archive n'est pas écrite",
            EXIT_FINDINGS,
        )
    return built


def default_output(analysis) -> Path:
    from e5portfolio.core.slug import slugify

    candidat = analysis.validated.portfolio.candidat
    name = f"{slugify(candidat.nom)}-{slugify(candidat.prenom)}-dossier-e5.zip"
    return analysis.root.resolve().parent / name


def is_ours(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == ZIP_COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def refusal_for(target: Path, root: Path) -> str | None:
    """Why `target` may not be written (French), or None."""
    from e5portfolio.site.sitedir import is_ours as is_site

    if target.suffix.lower() != ".zip":
        return f"« {target} » : l'archive est un fichier .zip ; choisissez un nom qui se termine par .zip"
    if target.is_dir():
        return f"« {target} » est un dossier : indiquez un nom de fichier .zip avec -o"
    resolved = Path(os.path.realpath(target))
    for folder in resolved.parents:
        if is_site(folder) or folder == Path(os.path.realpath(root)) / "site":
            return (
                f"« {target} » est dans le dossier du site « {folder} », qui est remplacé à chaque "
                "construction : écrivez l'archive ailleurs"
            )
    if target.exists() and not is_ours(target):
        return (
            f"« {target} » existe déjà et n'est pas une archive écrite par e5portfolio : il n'est pas "
            "remplacé ; choisissez un autre nom avec -o"
        )
    return None


def _attestations(analysis) -> list[tuple[str, Path, StageFact]]:
    """(name in the archive, file, stage) for each stage whose attestation file is there, from the
    facts the checks decided (pipeline.Analysis.stage_facts): no path is resolved again here."""
    return [
        (f"attestations/{fact.id}{fact.path.suffix.lower()}", fact.path, fact)
        for fact in analysis.stage_facts
        if fact.path is not None
    ]


def _without_file(analysis, attestations: list[tuple[str, Path, StageFact]]) -> list[StageFact]:
    """The stages whose attestation is not in the archive: by stage, never by organisation (two
    stages may be at the same organisation, one with its attestation and one without)."""
    archived = {fact.index for _, _, fact in attestations}
    return [fact for fact in analysis.stage_facts if fact.index not in archived]


def _commission_pdf(analysis, site: Path) -> bytes | None:
    """The printable portfolio for the commission (with the N° candidat), or None without a browser."""
    from e5portfolio.browser import find_browser
    from e5portfolio.site.printable import PrintError, portfolio_pdf

    browser = find_browser()
    if browser is None:
        return None
    try:
        return portfolio_pdf(analysis, site, browser, commission=True).pdf
    except (PrintError, OSError):
        return None


def _readme(analysis, attestations: list[tuple[str, Path, StageFact]], pdf: bytes | None = None) -> str:
    candidat = analysis.validated.portfolio.candidat
    lines = [
        f"Dossier E5 de {candidat.prenom} {candidat.nom} — BTS SIO option {candidat.option}, "
        f"session {candidat.session}",
        "",
        "- site/index.html : le portfolio, à ouvrir dans un navigateur ; il fonctionne sans connexion",
        "  (navigation et recherche comprises).",
        "- tableau-de-synthese.xlsx : le tableau de synthèse des réalisations professionnelles.",
    ]
    if pdf:
        lines.append("- portfolio.pdf : le portfolio imprimable, avec le N° candidat.")
    if attestations:
        lines.append("- attestations/ : les attestations de stage :")
        lines.extend(f"    {name} ({fact.organisation})" for name, _, fact in attestations)
    missing = [fact.organisation for fact in _without_file(analysis, attestations)]
    if missing:
        lines.append(f"- attestation de stage absente pour : {', '.join(missing)}.")
    return "\n".join(lines) + "\n"


def _manifest(analysis, attestations: list[tuple[str, Path, StageFact]]) -> str:
    """manifeste.json (core.manifest): the candidate as in portfolio.json, the attestations in the
    archive and the stages without one (the same rule as the LISEZMOI's « absente » line)."""
    import json

    from e5portfolio import __version__
    from e5portfolio.core.manifest import Attestation, manifest_data
    from e5portfolio.site.publication import public_candidat

    presentes = [Attestation(fact.id, fact.organisation, name) for name, _, fact in attestations]
    absentes = [Attestation(fact.id, fact.organisation) for fact in _without_file(analysis, attestations)]
    data = manifest_data(
        f"e5portfolio {__version__}", public_candidat(analysis.validated.portfolio), presentes, absentes
    )
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write_zip(
    target: Path,
    folder: str,
    site: Path,
    tableau: Path,
    attestations: list[tuple[str, Path, StageFact]],
    readme: str,
    pdf: bytes | None = None,
    manifest: str | None = None,
) -> None:
    """Write the archive beside `target`, then rename it into place (never half-written)."""
    from e5portfolio.core.fileutil import SITE_MARKER

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.comment = ZIP_COMMENT
            archive.writestr(f"{folder}/LISEZMOI.txt", readme)
            if manifest is not None:
                from e5portfolio.core.manifest import MANIFEST_FILE

                archive.writestr(f"{folder}/{MANIFEST_FILE}", manifest)
            archive.write(tableau, f"{folder}/tableau-de-synthese.xlsx")
            if pdf:
                archive.writestr(f"{folder}/portfolio.pdf", pdf)
            for name, path, _ in attestations:
                archive.write(path, f"{folder}/{name}")
            for path in sorted(site.rglob("*")):
                if path.is_file() and path.name != SITE_MARKER:
                    archive.write(path, f"{folder}/site/{path.relative_to(site).as_posix()}")
        os.chmod(temporary, new_mode())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
