"""The forms of a whole class, from the audit's class list (nom, prenom, numero, url).

Each row's `url` names the candidate's portfolio folder or the dossier archive (.zip written by
`e5portfolio dossier`), relative to the list. A portfolio folder is checked by the pipeline; an
archive is read in place, member by member (bounded, names confined, nothing extracted), as data
only: its site's portfolio.json (réalisations, competences), its attestations/ and its manifeste.json
(the LISEZMOI.txt of an archive written before the manifest).
Nothing a student wrote is run or imported. One candidate that cannot be read never stops the
class: a missing dossier gets the « absence de dossier » form, an unreadable one a row that says
why.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from e5portfolio.audit.classe import Candidate
from e5portfolio.core.errors import E5Error
from e5portfolio.core.manifest import MANIFEST_FILE, MAX_MANIFEST_BYTES, ManifestError, read_manifest
from e5portfolio.core.public_data import MAX_PUBLIC_DATA_BYTES, PublicData, PublicDataError, read_public_data
from e5portfolio.core.slug import slugify
from e5portfolio.fiches.forms import COMMISSION_NOTE, Conformity, GrilleData, Identity, absent_conformity, conformity_of

WORKBOOK_CREATOR = "e5portfolio fiches"
MAX_ARCHIVE_MEMBERS = 20_000
MAX_JSON_BYTES = MAX_PUBLIC_DATA_BYTES
MAX_README_BYTES = 256 * 1024


class CandidateError(E5Error):
    """This candidate's dossier cannot be read (French message); the class goes on."""


class ClassRunError(E5Error):
    """The whole class run stops (French message, exit code): the list cannot be read, an output
    may not be replaced or written, no browser prints the forms."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


# --- where a candidate's dossier is -------------------------------------------------------------

_WEB_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.I)


def dossier_of(candidate: Candidate, base: Path) -> Path | None:
    """The folder or .zip the row names, relative to the list's folder; None when there is none.
    A web address (the audit's class list) is no dossier: CandidateError, never « absence de
    dossier », a motif that is the commission's to decide."""
    text = candidate.url.strip()
    if _WEB_ADDRESS.match(text):
        raise CandidateError(
            f"« {text} » est une adresse web, pas un dossier : pour les fiches, la colonne « url » "
            "indique le dossier du portfolio ou l'archive .zip écrite par « e5portfolio dossier » "
            "(chemin relatif à la liste)"
        )
    if not text:
        return None
    path = Path(text)
    path = path if path.is_absolute() else base / path
    return path if path.exists() else None


def check_identity(candidate: Candidate, nom: str, prenom: str, numero: str | None) -> None:
    """The row and the dossier must name the same person (accents, case and punctuation aside,
    compared through the one slug), and the same N° candidat when both have one; else
    CandidateError: no form is printed with one candidate's name and another's dossier."""
    row = slugify(f"{candidate.nom} {candidate.prenom}", fallback="")
    own = slugify(f"{nom} {prenom}", fallback="")
    if row != own:
        raise CandidateError(
            f"la ligne nomme « {candidate.nom} {candidate.prenom} » mais le dossier « "
            f"{candidate.url} » est celui de « {nom.strip().upper()} {prenom.strip()} » : corrigez la "
            "liste de la classe ; aucune fiche n'est écrite pour cette ligne"
        )
    row_number, own_number = re.sub(r"\D", "", candidate.numero or ""), re.sub(r"\D", "", numero or "")
    if row_number and own_number and row_number != own_number:
        raise CandidateError(
            f"la ligne donne le N° candidat {candidate.numero} mais le dossier « {candidate.url} » "
            f"porte le N° {numero} : corrigez la liste ou le dossier ; aucune fiche n'est écrite "
            "pour cette ligne"
        )


def check_analysis_identity(candidate: Candidate, analysis) -> None:
    person = analysis.validated.portfolio.candidat
    check_identity(candidate, person.nom, person.prenom, person.numero)


def same_files(candidates: list[Candidate]) -> dict[int, str]:
    """Rows that would read the same evaluation and audit files (the same slug of « nom prénom »,
    e.g. « MARTIN;Élodie » and « MARTIN;Elodie »): row number → French reason."""
    by_slug: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_slug.setdefault(slugify(f"{candidate.nom} {candidate.prenom}", fallback="candidat"), []).append(candidate)
    refused = {}
    for slug, rows in by_slug.items():
        if len(rows) < 2:
            continue
        lines = ", ".join(str(row.line) for row in rows)
        for row in rows:
            refused[row.line] = (
                f"les lignes {lines} de la liste liraient les mêmes fichiers (« {slug}.yml », "
                f"« {slug}.json ») : deux candidats ne peuvent pas partager une évaluation ; "
                "corrigez l'orthographe des noms (ou supprimez la ligne en double)"
            )
    return refused


def identity_from_row(candidate: Candidate) -> Identity:
    return Identity(
        f"{candidate.nom.strip().upper()} {candidate.prenom.strip()}".strip() or candidate.label,
        candidate.numero or None,
    )


class DossierArchive:
    """A dossier archive read member by member, only the members needed (nothing is extracted):
    site/portfolio.json, manifeste.json (LISEZMOI.txt for older archives) and the names under
    attestations/. Every member name is checked once (no absolute path, no « .. », no symbolic
    link); a member read is bounded and may not be encrypted."""

    def __init__(self, source: zipfile.ZipFile, label: str):
        self.source = source
        self.label = label  # the archive's file name, for messages
        self.members: dict[str, zipfile.ZipInfo] = {}
        seen: set[str] = set()
        for member in source.infolist():
            # the same name twice (or twice but for case: one file on Windows and macOS): the last one
            # would silently win; refused
            key = member.filename.replace("\\", "/").rstrip("/").casefold()
            if key in seen:
                raise CandidateError(
                    f"archive « {label} » : « {member.filename} » y figure deux fois : demandez "
                    "une nouvelle archive écrite par « e5portfolio dossier »"
                )
            seen.add(key)
            name = PurePosixPath(member.filename.replace("\\", "/"))
            mode = member.external_attr >> 16
            if name.is_absolute() or ".." in name.parts or ":" in member.filename or stat.S_ISLNK(mode):
                raise CandidateError(
                    f"archive « {label} » : chemin refusé « {member.filename} » (hors de l'archive ou lien symbolique)"
                )
            if not member.is_dir():
                self.members["/".join(name.parts)] = member
        self.prefix = self._locate()

    def _locate(self) -> str:
        """The folder of the archive holding site/ (usually its single top folder), as a prefix."""
        tops: set[str] = set()
        for name in self.members:
            parts = name.split("/")
            if parts[0] == "site" and len(parts) > 1:
                return ""
            if len(parts) > 2 and parts[1] == "site" or len(parts) == 2 and parts[1] == "portfolio.yml":
                tops.add(parts[0])
        if tops:
            return sorted(tops)[0] + "/"
        raise CandidateError(
            "archive sans dossier « site » : ce n'est pas une archive écrite par « e5portfolio dossier »"
        )

    def has(self, relative: str) -> bool:
        return self.prefix + relative in self.members

    def names_in(self, folder: str) -> list[str]:
        """Names of the files directly in `folder` (relative to the dossier), sorted."""
        start = self.prefix + folder.rstrip("/") + "/"
        return sorted(
            name[len(start) :] for name in self.members if name.startswith(start) and "/" not in name[len(start) :]
        )

    def read(self, relative: str, limit: int) -> bytes:
        member = self.members[self.prefix + relative]
        shown = PurePosixPath(relative).name
        if member.flag_bits & 0x1:
            raise CandidateError(
                f"archive « {self.label} » : « {relative} » est chiffré (protégé par un mot de "
                "passe) ; demandez une archive sans mot de passe, écrite par « e5portfolio "
                "dossier »"
            )
        if member.file_size > limit:
            raise CandidateError(f"« {shown} » dépasse {limit // 1024} Ko dans l'archive")
        try:
            with self.source.open(member) as stream:
                data = stream.read(limit + 1)
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            EOFError,
            ValueError,
            RuntimeError,
            OSError,
            zlib.error,
        ) as exc:
            raise CandidateError(
                f"archive « {self.label} » : « {relative} » illisible ({exc}) : demandez une "
                "nouvelle archive écrite par « e5portfolio dossier »"
            ) from None
        if len(data) > limit:  # a declared size that lies
            raise CandidateError(f"« {shown} » dépasse {limit // 1024} Ko dans l'archive")
        return data


@contextmanager
def opened_archive(archive: Path) -> Iterator[DossierArchive]:
    """The dossier archive `archive`, read in place (bounded, member names confined)."""
    try:
        source = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise CandidateError(
            f"archive « {archive.name} » illisible ({exc}) : demandez une nouvelle archive "
            "écrite par « e5portfolio dossier »"
        ) from None
    except OSError as exc:
        raise CandidateError(f"archive « {archive.name} » : impossible de la lire ({exc.strerror or exc})") from None
    with source:
        if len(source.infolist()) > MAX_ARCHIVE_MEMBERS:
            raise CandidateError(f"archive « {archive.name} » : plus de {MAX_ARCHIVE_MEMBERS} fichiers")
        yield DossierArchive(source, archive.name)


def _public_data(folder: DossierArchive) -> PublicData:
    """The archive's site/portfolio.json, read by core.public_data (the one reader); its candidat
    is required."""
    if not folder.has("site/portfolio.json"):
        raise CandidateError(
            "archive sans site/portfolio.json : ce n'est pas une archive écrite par « e5portfolio dossier »"
        )
    try:
        data = read_public_data(folder.read("site/portfolio.json", MAX_JSON_BYTES))
    except PublicDataError:
        raise CandidateError("site/portfolio.json illisible dans l'archive") from None
    if data.candidat is None:
        raise CandidateError("site/portfolio.json sans « candidat » dans l'archive")
    return data


def _archive_identity(data: PublicData, candidate: Candidate) -> Identity:
    person = data.candidat or {}
    nom, prenom = str(person.get("nom") or candidate.nom), str(person.get("prenom") or candidate.prenom)
    numero = str(person.get("numero") or candidate.numero or "") or None
    option = person.get("option") if person.get("option") in ("SISR", "SLAM") else None
    return Identity(f"{nom.strip().upper()} {prenom.strip()}", numero, option)


def _missing_attestations(folder: DossierArchive) -> str:
    """The organisations whose attestation the archive says is missing (« A, B »), from its
    manifeste.json; an archive written before the manifest: from its LISEZMOI.txt's line."""
    if folder.has(MANIFEST_FILE):
        try:
            manifest = read_manifest(folder.read(MANIFEST_FILE, MAX_MANIFEST_BYTES))
        except ManifestError as exc:
            raise CandidateError(f"{exc} dans l'archive") from None
        return ", ".join(a.organisation or a.stage for a in manifest.absentes)
    missing = ""
    if folder.has("LISEZMOI.txt"):
        for line in folder.read("LISEZMOI.txt", MAX_README_BYTES).decode("utf-8", "replace").splitlines():
            if "attestation de stage absente pour" in line:
                missing = line.split(":", 1)[-1].strip().rstrip(".")
    return missing


def conformity_from_archive(folder: DossierArchive, candidate: Candidate, minimum: int) -> Conformity:
    """What an archive shows: its attestations/ and the list of missing ones (manifeste.json). The
    stage dates are not in the archive: the duration is left to the commission, and said so."""
    data = _public_data(folder)
    attestations = folder.names_in("attestations")
    missing = _missing_attestations(folder)
    lines = [f"Attestations dans l'archive : {', '.join(attestations) if attestations else 'aucune'}"]
    if missing:
        lines.append(f"Attestation absente pour : {missing}")
    motifs = {
        "absence-dossier": False,
        "depot-hors-delai": False,
        "duree-stage": False,
        "attestations": bool(missing) or not attestations,
    }
    notes = (
        "Archive du dossier : les dates des stages n'y figurent pas, la durée (minimum "
        f"{minimum} semaines) et la signature des attestations sont à vérifier sur les attestations.",
        COMMISSION_NOTE,
    )
    return Conformity(_archive_identity(data, candidate), motifs, None, minimum, tuple(lines), notes, verified=False)


def archive_person(folder: DossierArchive) -> dict:
    """The candidat of the archive's portfolio.json (nom, prenom, numero, url)."""
    return _public_data(folder).candidat or {}


def check_archive_identity(candidate: Candidate, folder: DossierArchive) -> None:
    person = archive_person(folder)
    check_identity(
        candidate,
        str(person.get("nom") or ""),
        str(person.get("prenom") or ""),
        str(person.get("numero") or "") or None,
    )


def grille_from_archive(folder: DossierArchive, candidate: Candidate, referential, marks, evaluation) -> GrilleData:
    check_archive_identity(candidate, folder)
    data = _public_data(folder)
    codes = [c.code for c in referential.competences]
    coverage: dict[str, list[str]] = {code: [] for code in codes}
    seen: dict[str, set[str]] = {code: set() for code in codes}  # sets: 95,000 réalisations stay linear
    for entry in data.realisations or []:
        title = str(entry.get("intitule") or entry.get("id") or "")[:200]
        codes_of = entry.get("competences")
        for code in codes_of if isinstance(codes_of, list) else []:
            if isinstance(code, str) and code in seen and title not in seen[code]:
                seen[code].add(title)
                coverage[code].append(title)
    who = _archive_identity(data, candidate)
    if evaluation is not None and evaluation.modalite:
        who = Identity(who.nom_prenom, who.numero, who.option, evaluation.modalite)
    return GrilleData(who, coverage, marks, evaluation)


# --- one candidate -------------------------------------------------------------------------------


@dataclass
class Outcome:
    candidate: Candidate
    conformity: Conformity | None = None
    error: str | None = None  # French: why no form could be made
    files: list[str] = field(default_factory=list)  # forms written (relative to the output folder)


def conformity_for(candidate: Candidate, base: Path) -> Conformity:
    """The VI-2 facts of one row of the class list; raises CandidateError when unreadable."""
    from e5portfolio.core.referential import load_referential

    dossier = dossier_of(candidate, base)
    if dossier is None:
        where = f"« {candidate.url} » introuvable" if candidate.url.strip() else "aucun dossier indiqué"
        return absent_conformity(
            identity_from_row(candidate), f"Aucun dossier pour ce candidat dans la liste ({where})."
        )
    if dossier.is_file() and dossier.suffix.lower() == ".zip":
        with opened_archive(dossier) as folder:
            check_archive_identity(candidate, folder)
            return conformity_from_archive(folder, candidate, load_referential().stages.semaines_minimum)
    analysis = analysed_folder(dossier)
    check_analysis_identity(candidate, analysis)
    return conformity_of(analysis)


def analysed_folder(dossier: Path):
    """The analysis of a candidate's portfolio folder; CandidateError when it cannot be read."""
    from e5portfolio.pipeline import PortfolioNotFound, analyse

    try:
        analysis = analyse(dossier)
    except PortfolioNotFound as exc:
        raise CandidateError(str(exc)) from None
    if analysis.validated is None:
        first = analysis.report.sorted_findings()[0]
        raise CandidateError(f"portfolio.yml illisible (ligne {first.line or '?'} : {first.message})")
    return analysis


def form_name(index: int, candidate: Candidate, form: str) -> str:
    return f"{index:02d}-{slugify(candidate.nom + ' ' + candidate.prenom, fallback='candidat')}-{form}.pdf"


def run_class(
    candidates: list[Candidate],
    make: Callable[[int, Candidate], Outcome],
    progress: Callable[[int, int, str], None] | None,
) -> list[Outcome]:
    """One candidate after the other (each print is a Chromium run); one failure never stops the rest."""
    outcomes = []
    for index, candidate in enumerate(candidates, start=1):
        try:
            outcome = make(index, candidate)
        except CandidateError as exc:
            outcome = Outcome(candidate, error=str(exc))
        except ClassRunError:
            raise
        except Exception as exc:  # noqa: BLE001 - per-candidate boundary
            outcome = Outcome(candidate, error=f"erreur interne ({type(exc).__name__}: {exc})")
        outcomes.append(outcome)
        if progress is not None:
            progress(index, len(candidates), candidate.label)
    return outcomes


# --- the class workbook --------------------------------------------------------------------------

HEADERS = (
    ("Nom", 18),
    ("Prénom", 16),
    ("N° candidat", 14),
    ("Conforme", 11),
    ("Motifs", 48),
    ("Semaines de stage", 10),
    ("Attestations", 60),
    ("Fiche", 34),
)


def is_our_workbook(path: Path) -> bool:
    from e5portfolio.tableau.classbook import written_by

    return written_by(path, WORKBOOK_CREATOR)


def write_conformity_workbook(outcomes: list[Outcome], path: Path, labels) -> None:
    from openpyxl.styles import Alignment

    from e5portfolio.tableau.classbook import append_row, new_table, save_table, set_link

    workbook, sheet = new_table(
        "Contrôle de conformité", WORKBOOK_CREATOR, "Contrôle de conformité des dossiers E5 de la classe", HEADERS
    )
    for outcome in outcomes:
        c, conformity = outcome.candidate, outcome.conformity
        if conformity is None:
            row: list[str | float | None] = [
                c.nom,
                c.prenom,
                c.numero,
                "À vérifier",
                f"dossier illisible : {outcome.error}",
                None,
                None,
                None,
            ]
        else:
            weeks = round(conformity.weeks, 1) if conformity.weeks is not None else None
            verdict = "Non" if not conformity.conforme else "Oui" if conformity.verified else "À vérifier"
            row = [
                c.nom,
                c.prenom,
                conformity.identity.numero or c.numero,
                verdict,
                " ; ".join(conformity.motif_texts(labels))
                or ("" if conformity.verified else "durée et signatures à vérifier (archive)"),
                weeks,
                "\n".join(conformity.attestations),
                None,
            ]
        line = append_row(sheet, row)
        for column in (5, 7):
            sheet.cell(row=line, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        if outcome.files:
            set_link(sheet.cell(row=line, column=8), outcome.files[0], outcome.files[0])
    save_table(workbook, sheet, len(HEADERS), path)
