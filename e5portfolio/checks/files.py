"""Files referenced by the portfolio: inside the folder, present, and of a publishable size."""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.confine import confined
from e5portfolio.core.fileutil import SITE_MARKER
from e5portfolio.core.findings import Finding, Severity

WARN_BYTES = 25 * 1024 * 1024
ERROR_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class FileRef:
    """One path written in portfolio.yml."""

    yaml_path: tuple
    text: str  # as written
    what: str  # French description for messages
    is_attestation: bool = False  # an attestation de stage: may stay off the repository


@dataclass(frozen=True)
class Resolved:
    ref: FileRef
    path: Path | None  # the real file, when it is inside the folder and exists
    problem: str | None  # "dehors" | "absolu" | "symlink" | "absent" | "dossier"
    case_hint: str | None = None


def file_refs(ctx: CheckContext) -> list[FileRef]:
    refs = []
    portfolio = ctx.portfolio
    if portfolio.candidat.photo:
        refs.append(FileRef(("candidat", "photo"), portfolio.candidat.photo, "photo"))
    if portfolio.publication.logo:
        refs.append(FileRef(("publication", "logo"), portfolio.publication.logo, "logo"))
    for index, stage in enumerate(portfolio.stages):
        if stage.attestation:
            refs.append(
                FileRef(
                    ("stages", index, "attestation"),
                    stage.attestation,
                    f"attestation du stage « {stage.id} »",
                    is_attestation=True,
                )
            )
    for entry in ctx.realisations:
        for p_index, production in enumerate(entry.source.productions):
            if production.fichier:
                refs.append(
                    FileRef(
                        ("realisations", entry.index, "productions", p_index, "fichier"),
                        production.fichier,
                        f"production « {production.titre} »",
                    )
                )
        if entry.source.vignette:
            refs.append(
                FileRef(
                    ("realisations", entry.index, "vignette"),
                    entry.source.vignette,
                    f"vignette de la réalisation « {entry.id} »",
                )
            )
    return refs


def normalise(text: str) -> str:
    """Portfolio paths use '/'; Windows users may type '\\', accepted as the same."""
    return text.strip().replace("\\", "/")


def is_absolute(text: str) -> bool:
    return text.startswith(("/", "~")) or bool(re.match(r"^[A-Za-z]:", text)) or text.startswith("//")


def resolve_ref(root: Path, ref: FileRef) -> Resolved:
    """Decide where a path leads without opening anything outside the portfolio folder."""
    text = normalise(ref.text)
    if is_absolute(text):
        return Resolved(ref, None, "absolu")
    clean = posixpath.normpath(text)
    if clean == ".." or clean.startswith("../"):
        return Resolved(ref, None, "dehors")
    real = confined(root / clean, root)  # the one confinement rule (core.confine)
    if real is None:
        return Resolved(ref, None, "symlink")
    if real.is_dir():
        return Resolved(ref, None, "dossier")
    if not real.is_file():
        return Resolved(ref, None, "absent", _case_hint(root, clean))
    return Resolved(ref, real, None)


def _case_hint(root: Path, clean: str) -> str | None:
    """The real name of a file that differs only by case (works on Windows, not online)."""
    current = root
    parts = []
    for part in clean.split("/"):
        if (current / part).exists():
            match = part
        else:
            try:
                names = os.listdir(current)
            except OSError:
                return None
            wanted = _comparable(part)
            same = [name for name in names if _comparable(name) == wanted]
            if not same:
                return None
            match = same[0]
        parts.append(match)
        current = current / match
    return "/".join(parts) if current.is_file() else None


def _comparable(name: str) -> str:
    """A file name as compared for a hint: case ignored, accents composed (NFC): « é » typed on
    Windows and « é » decomposed by a copy from a Mac are the same letter to the student."""
    return unicodedata.normalize("NFC", name).casefold()


def resolved_files(ctx: CheckContext) -> list[Resolved]:
    if "files" not in ctx.cache:
        ctx.cache["files"] = [resolve_ref(ctx.root, ref) for ref in file_refs(ctx)]
    return ctx.cache["files"]


@rule("chemin-hors-portfolio", Severity.ERROR)
def chemin_hors_portfolio(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un chemin de fichier reste dans le dossier du portfolio.

    Les chemins sont relatifs au dossier qui contient portfolio.yml : un chemin absolu
    (C:\\Users\\…, /home/…), qui remonte avec « .. » ou un lien symbolique qui mène dehors ne
    serait pas publié. Ces chemins sont refusés avant toute ouverture de fichier.

    Correct :   fichier: productions/glpi/procedure.pdf
    Incorrect : fichier: ../secret.txt ou fichier: C:/Users/lea/procedure.pdf
    """
    reasons = {
        "absolu": "est un chemin absolu",
        "dehors": "sort du dossier du portfolio (« .. »)",
        "symlink": "est un lien symbolique qui mène hors du dossier du portfolio",
    }
    for item in resolved_files(ctx):
        if item.problem in reasons:
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : le chemin « {item.ref.text} » {reasons[item.problem]} ; "
                "copiez le fichier dans le dossier du portfolio et écrivez un chemin "
                "relatif, par exemple productions/mon-fichier.pdf",
            )


@rule("fichier-introuvable", Severity.ERROR)
def fichier_introuvable(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un fichier cité (`fichier`, `attestation`, `photo`) existe dans le dossier du portfolio.

    Correct :   fichier: productions/glpi/procedure.pdf (le fichier existe)
    Incorrect : fichier: productions/glpi/procedur.pdf (faute de frappe).
    Sous Windows, la casse des noms est ignorée mais pas en ligne : « Procedure.pdf » et
    « procedure.pdf » sont deux fichiers différents une fois publiés.
    """
    for item in resolved_files(ctx):
        if left_on_computer(ctx, item):
            continue  # reported by attestation-non-verifiee
        if item.problem == "dossier":
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : « {item.ref.text} » est un dossier, pas un fichier : "
                "indiquez le chemin d'un fichier de ce dossier",
            )
        if item.problem == "absent":
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : fichier « {item.ref.text} » introuvable : {_absent_advice(item)}",
            )


def _absent_advice(item: Resolved) -> str:
    """What to do about a file that is not there."""
    if item.case_hint and _only_accents_differ(item.case_hint, normalise(item.ref.text)):
        return (
            "le fichier existe, mais ses lettres accentuées sont enregistrées autrement sur le disque "
            "(accents « décomposés », souvent après une copie depuis un Mac ou une archive) : "
            f"renommez le fichier « {item.case_hint} » en retapant ses accents, ou écrivez son nom sans "
            "accents ici et sur le disque"
        )
    if item.case_hint:
        return (
            f"la casse diffère, le fichier s'appelle « {item.case_hint} » (sous Windows cela passe, "
            "mais pas une fois en ligne)"
        )
    if re.match(r"^[a-z][a-z0-9+.-]*://", item.ref.text.strip(), re.I):
        return "pour une adresse web, écrivez « lien: » au lieu de « fichier: »"
    advice = "vérifiez le nom et l'emplacement du fichier (chemin relatif au dossier de portfolio.yml)"
    if item.ref.is_attestation:
        advice += (
            " ; les attestations ne sont pas envoyées sur GitHub (.gitignore) : si elle est restée "
            "sur un autre ordinateur, copiez-la à cet emplacement"
        )
    return advice


def _only_accents_differ(on_disk: str, written: str) -> bool:
    """Whether the two names are equal once composed (NFC) but differ as written."""
    clean = posixpath.normpath(written)
    return on_disk != clean and unicodedata.normalize("NFC", on_disk) == unicodedata.normalize("NFC", clean)


def left_on_computer(ctx: CheckContext, item: Resolved) -> bool:
    """An attestation absent from the folder under --sans-attestations: not checked, not an error.

    A name that differs only by case is still an error: that file is in the folder, misnamed.
    """
    return (
        ctx.skip_attestation_files and item.ref.is_attestation and item.problem == "absent" and item.case_hint is None
    )


@rule("attestation-non-verifiee", Severity.INFO)
def attestation_non_verifiee(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Avec `--sans-attestations`, le fichier d'une attestation absent n'est pas une erreur.

    Les attestations de stage portent des données personnelles : elles restent sur votre
    ordinateur et ne sont pas envoyées dans le dépôt GitHub public (.gitignore). La vérification
    sur GitHub (`e5portfolio check --sans-attestations`) ne peut donc pas les trouver : elle
    signale seulement, pour chaque stage, que son fichier n'a pas été vérifié. Le chemin doit
    tout de même rester dans le dossier du portfolio (chemin-hors-portfolio).

    Correct :   sur votre ordinateur, « e5portfolio check » trouve attestations/stage1.pdf.
    Incorrect : ne vérifier qu'avec --sans-attestations : « e5portfolio dossier » (l'archive pour
    la commission) exige les fichiers et s'arrête s'il en manque un.
    """
    for item in resolved_files(ctx):
        if left_on_computer(ctx, item):
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : fichier « {item.ref.text} » non vérifié (--sans-attestations : "
                "les attestations restent sur votre ordinateur) ; lancez « e5portfolio check » "
                "sur votre ordinateur pour le vérifier avant « e5portfolio dossier »",
            )


def _size_mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


@rule("fichier-trop-volumineux", Severity.ERROR)
def fichier_trop_volumineux(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un fichier cité reste d'une taille publiable : erreur au-delà de 100 Mo (refusé par
    GitHub), avertissement au-delà de 25 Mo (lent à ouvrir pour le jury).

    Correct :   une procédure PDF de 2 Mo.
    Incorrect : une vidéo de 300 Mo → mettez-la en ligne et citez-la avec « lien: ».
    """
    for item in resolved_files(ctx):
        if item.path is None:
            continue
        size = item.path.stat().st_size
        if size > ERROR_BYTES:
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : « {item.ref.text} » pèse {_size_mb(size)} Mo, plus que "
                "la limite de 100 Mo : compressez-le, ou publiez-le ailleurs et citez-le "
                "avec « lien: »",
            )
        elif size > WARN_BYTES:
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : « {item.ref.text} » pèse {_size_mb(size)} Mo (plus de "
                "25 Mo) : le jury l'ouvrira lentement ; compressez-le si possible",
                severity=Severity.WARNING,
            )


PRIVATE_FILE = "prive.yml"  # the candidate's private data (never published)
STAGING_PREFIX = ".e5portfolio-"  # in the names of build's temporary folders: .site.e5portfolio-*


def _why_not_publishable(ctx: CheckContext, item: Resolved) -> str | None:
    """Why a production may not be published (French), or None."""
    root = Path(os.path.realpath(ctx.root))
    text = normalise(item.ref.text)
    clean = posixpath.normpath(text)
    real = item.path if item.path is not None else Path(os.path.realpath(ctx.root / clean))
    name = real.name.lower()
    if "attestations" not in ctx.cache:  # (written path, real path, stage id) of every attestation
        ctx.cache["attestations"] = [
            (
                posixpath.normpath(normalise(stage.attestation)),
                Path(os.path.realpath(ctx.root / posixpath.normpath(normalise(stage.attestation)))),
                stage.id,
            )
            for stage in ctx.portfolio.stages
            if stage.attestation
        ]
    for cited, cited_real, stage_id in ctx.cache["attestations"]:
        if cited == clean or cited_real == real:
            return (
                f"est l'attestation du stage « {stage_id} » : une attestation n'est publiée qu'avec "
                "« publication: attestations: true » ; retirez cette production"
            )
    if real.parent == root / "attestations" or clean.lower().startswith("attestations/"):
        return (
            "est dans le dossier attestations/, qui n'est pas publié (données personnelles) : retirez cette production"
        )
    if real == Path(os.path.realpath(ctx.root / ctx.validated.file)) or (
        real.parent == root and name in ("portfolio.yml", "portfolio.yaml")
    ):
        return (
            "est le fichier portfolio.yml lui-même : il est déjà la source du site ; citez plutôt "
            "une production (script, procédure, configuration…)"
        )
    if name == PRIVATE_FILE:
        return f"est votre fichier privé {PRIVATE_FILE}, qui n'est jamais publié : retirez cette production"
    folder = real.parent
    while folder != root and root in folder.parents:
        if folder == root / "site" or STAGING_PREFIX in folder.name or (folder / SITE_MARKER).is_file():
            return (
                "est dans le dossier du site généré par « e5portfolio build » (remplacé à chaque "
                "construction) : citez le fichier d'origine, pas sa copie dans le site"
            )
        folder = folder.parent
    return None


@rule("production-non-publiable", Severity.ERROR)
def production_non_publiable(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Une production n'est ni une attestation de stage, ni portfolio.yml, ni le fichier privé
    prive.yml, ni un fichier du dossier du site généré (site/).

    Une production est publiée sur le site : citer une attestation publierait vos données
    personnelles malgré « publication: attestations: false » ; prive.yml n'est jamais publié ;
    un fichier de site/ est effacé à chaque construction.

    Correct :   fichier: productions/glpi/procedure.pdf
    Incorrect : fichier: attestations/stage1.pdf   ou   fichier: portfolio.yml   ou
    fichier: site/fichiers/productions/procedure.pdf
    """
    known: dict[tuple, str | None] = {}  # the same file cited by many productions is judged once
    for item in resolved_files(ctx):
        if item.ref.yaml_path[0] != "realisations" or item.problem in ("absolu", "dehors", "symlink"):
            continue
        key = (item.path, item.ref.text)
        if key not in known:
            known[key] = _why_not_publishable(ctx, item)
        why = known[key]
        if why:
            yield ctx.finding(self, item.ref.yaml_path, f"{item.ref.what} : « {item.ref.text} » {why}")


RULES = (
    chemin_hors_portfolio,
    fichier_introuvable,
    attestation_non_verifiee,
    fichier_trop_volumineux,
    production_non_publiable,
)
