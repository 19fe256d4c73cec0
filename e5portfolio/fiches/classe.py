"""The forms of a whole class, from the audit's class list (nom, prenom, numero, url).

Each row's `url` names the candidate's portfolio folder or the dossier archive (.zip written by
`e5portfolio dossier`), relative to the list. A portfolio folder is checked by the pipeline; an
archive is extracted (bounded, paths confined) into a temporary folder and read as data only:
its site's portfolio.json (réalisations, competences), its attestations/ and its LISEZMOI.txt.
Nothing a student wrote is run or imported. One candidate that cannot be read never stops the
class: a missing dossier gets the « absence de dossier » form, an unreadable one a row that says
why.
"""

from __future__ import annotations

import json
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from e5portfolio.audit.classe import Candidate
from e5portfolio.core.errors import E5Error
from e5portfolio.core.slug import slugify
from e5portfolio.fiches.forms import COMMISSION_NOTE, Conformity, GrilleData, Identity, absent_conformity, conformity_of

WORKBOOK_CREATOR = "e5portfolio fiches"
MAX_ARCHIVE_MEMBERS = 20_000
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024  # uncompressed, all members together
MAX_JSON_BYTES = 5 * 1024 * 1024
MAX_README_BYTES = 256 * 1024


class CandidateError(E5Error):
    """This candidate's dossier cannot be read (French message); the class goes on."""


# --- where a candidate's dossier is -------------------------------------------------------------

_WEB_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.I)


def dossier_of(candidate: Candidate, base: Path) -> Path | None:
    """The folder or .zip the row names, relative to the list's folder; None when there is none.
    A web address (the audit's class list) is no dossier: CandidateError, never « absence de
    dossier », a motif that is the commission's to decide."""
    text = candidate.url.strip()
    if _WEB_ADDRESS.match(text):
        raise CandidateError(f"« {text} » est une adresse web, pas un dossier : pour les fiches, la colonne « url » "
                             "indique le dossier du portfolio ou l'archive .zip écrite par « e5portfolio dossier » "
                             "(chemin relatif à la liste)")
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
        raise CandidateError(f"la ligne nomme « {candidate.nom} {candidate.prenom} » mais le dossier « "
                             f"{candidate.url} » est celui de « {nom.strip().upper()} {prenom.strip()} » : corrigez la "
                             "liste de la classe ; aucune fiche n'est écrite pour cette ligne")
    row_number, own_number = re.sub(r"\D", "", candidate.numero or ""), re.sub(r"\D", "", numero or "")
    if row_number and own_number and row_number != own_number:
        raise CandidateError(f"la ligne donne le N° candidat {candidate.numero} mais le dossier « {candidate.url} » "
                             f"porte le N° {numero} : corrigez la liste ou le dossier ; aucune fiche n'est écrite "
                             "pour cette ligne")


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
            refused[row.line] = (f"les lignes {lines} de la liste liraient les mêmes fichiers (« {slug}.yml », "
                                 f"« {slug}.json ») : deux candidats ne peuvent pas partager une évaluation ; "
                                 "corrigez l'orthographe des noms (ou supprimez la ligne en double)")
    return refused


def identity_from_row(candidate: Candidate) -> Identity:
    return Identity(f"{candidate.nom.strip().upper()} {candidate.prenom.strip()}".strip() or candidate.label,
                    candidate.numero or None)


@contextmanager
def extracted(archive: Path) -> Iterator[Path]:
    """Extract `archive` into a temporary folder, refusing what could escape or exhaust it."""
    with tempfile.TemporaryDirectory(prefix="e5portfolio-fiches-") as folder:
        root = Path(folder)
        try:
            with zipfile.ZipFile(archive) as source:
                members = source.infolist()
                seen: set[str] = set()
                for member in members:
                    # the same name twice (or twice but for case: one file on Windows and macOS): the
                    # last one would silently win; refused
                    key = member.filename.replace("\\", "/").rstrip("/").casefold()
                    if key in seen:
                        raise CandidateError(f"archive « {archive.name} » : « {member.filename} » y figure deux "
                                             "fois : demandez une nouvelle archive écrite par « e5portfolio dossier »")
                    seen.add(key)
                if len(members) > MAX_ARCHIVE_MEMBERS:
                    raise CandidateError(f"archive « {archive.name} » : plus de {MAX_ARCHIVE_MEMBERS} fichiers")
                if sum(m.file_size for m in members) > MAX_ARCHIVE_BYTES:
                    raise CandidateError(f"archive « {archive.name} » : plus de "
                                         f"{MAX_ARCHIVE_BYTES // (1024 * 1024)} Mo une fois décompressée")
                for member in members:
                    _extract_member(source, member, root, archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
            raise CandidateError(f"archive « {archive.name} » illisible ({exc}) : demandez une nouvelle archive "
                                 "écrite par « e5portfolio dossier »") from None
        except OSError as exc:
            raise CandidateError(f"archive « {archive.name} » : impossible de l'extraire "
                                 f"({exc.strerror or exc})") from None
        yield root


def _extract_member(source: zipfile.ZipFile, member: zipfile.ZipInfo, root: Path, archive: Path) -> None:
    name = PurePosixPath(member.filename.replace("\\", "/"))
    mode = member.external_attr >> 16
    if name.is_absolute() or ".." in name.parts or ":" in member.filename or stat.S_ISLNK(mode):
        raise CandidateError(f"archive « {archive.name} » : chemin refusé « {member.filename} » (hors de "
                             "l'archive ou lien symbolique)")
    target = root.joinpath(*name.parts)
    if member.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with source.open(member) as stream, target.open("wb") as out:
        while chunk := stream.read(1024 * 1024):
            written += len(chunk)
            if written > member.file_size:  # a size that lies: stop before it fills the disk
                raise CandidateError(f"archive « {archive.name} » : taille de « {member.filename} » incohérente")
            out.write(chunk)


def dossier_folder(root: Path) -> Path:
    """The folder of the archive holding site/ (the archive's single top folder, usually)."""
    if (root / "site").is_dir():
        return root
    children = [child for child in root.iterdir() if child.is_dir()]
    for child in children:
        if (child / "site").is_dir() or (child / "portfolio.yml").is_file():
            return child
    raise CandidateError("archive sans dossier « site » : ce n'est pas une archive écrite par « e5portfolio dossier »")


def _read_bounded(path: Path, limit: int) -> bytes:
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise CandidateError(f"« {path.name} » dépasse {limit // 1024} Ko dans l'archive")
    return data


def _public_data(folder: Path) -> dict:
    path = folder / "site" / "portfolio.json"
    if not path.is_file():
        raise CandidateError("archive sans site/portfolio.json : ce n'est pas une archive écrite par "
                             "« e5portfolio dossier »")
    try:
        data = json.loads(_read_bounded(path, MAX_JSON_BYTES).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise CandidateError("site/portfolio.json illisible dans l'archive") from None
    if not isinstance(data, dict) or not isinstance(data.get("candidat"), dict):
        raise CandidateError("site/portfolio.json sans « candidat » dans l'archive")
    return data


def _archive_identity(data: dict, candidate: Candidate) -> Identity:
    person = data["candidat"]
    nom, prenom = str(person.get("nom") or candidate.nom), str(person.get("prenom") or candidate.prenom)
    numero = str(person.get("numero") or candidate.numero or "") or None
    option = person.get("option") if person.get("option") in ("SISR", "SLAM") else None
    return Identity(f"{nom.strip().upper()} {prenom.strip()}", numero, option)


def conformity_from_archive(folder: Path, candidate: Candidate, minimum: int) -> Conformity:
    """What an archive shows: its attestations/ and the LISEZMOI's list of missing ones. The stage
    dates are not in the archive: the duration is left to the commission, and said so."""
    data = _public_data(folder)
    attestations = sorted(p.name for p in (folder / "attestations").glob("*") if p.is_file()) \
        if (folder / "attestations").is_dir() else []
    readme = folder / "LISEZMOI.txt"
    missing = ""
    if readme.is_file():
        for line in _read_bounded(readme, MAX_README_BYTES).decode("utf-8", "replace").splitlines():
            if "attestation de stage absente pour" in line:
                missing = line.split(":", 1)[-1].strip().rstrip(".")
    lines = [f"Attestations dans l'archive : {', '.join(attestations) if attestations else 'aucune'}"]
    if missing:
        lines.append(f"Attestation absente pour : {missing}")
    motifs = {"absence-dossier": False, "depot-hors-delai": False, "duree-stage": False,
              "attestations": bool(missing) or not attestations}
    notes = ("Archive du dossier : les dates des stages n'y figurent pas, la durée (minimum "
             f"{minimum} semaines) et la signature des attestations sont à vérifier sur les attestations.",
             COMMISSION_NOTE)
    return Conformity(_archive_identity(data, candidate), motifs, None, minimum, tuple(lines), notes, verified=False)


def archive_person(folder: Path) -> dict:
    """The candidat of the archive's portfolio.json (nom, prenom, numero, url)."""
    return _public_data(folder)["candidat"]


def check_archive_identity(candidate: Candidate, folder: Path) -> None:
    person = archive_person(folder)
    check_identity(candidate, str(person.get("nom") or ""), str(person.get("prenom") or ""),
                   str(person.get("numero") or "") or None)


def grille_from_archive(folder: Path, candidate: Candidate, referential, marks, evaluation) -> GrilleData:
    check_archive_identity(candidate, folder)
    data = _public_data(folder)
    codes = [c.code for c in referential.competences]
    coverage: dict[str, list[str]] = {code: [] for code in codes}
    realisations: list = data["realisations"] if isinstance(data.get("realisations"), list) else []
    for entry in realisations:
        if not isinstance(entry, dict):
            continue
        title = str(entry.get("intitule") or entry.get("id") or "")[:200]
        for code in entry.get("competences") or []:
            if code in coverage and title not in coverage[code]:
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
        return absent_conformity(identity_from_row(candidate),
                                 f"Aucun dossier pour ce candidat dans la liste ({where}).")
    if dossier.is_file() and dossier.suffix.lower() == ".zip":
        with extracted(dossier) as root:
            folder = dossier_folder(root)
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


def run_class(candidates: list[Candidate], make: Callable[[int, Candidate], Outcome],
              progress: Callable[[int, int, str], None] | None) -> list[Outcome]:
    """One candidate after the other (each print is a Chromium run); one failure never stops the rest."""
    outcomes = []
    for index, candidate in enumerate(candidates, start=1):
        try:
            outcome = make(index, candidate)
        except CandidateError as exc:
            outcome = Outcome(candidate, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - per-candidate boundary
            outcome = Outcome(candidate, error=f"erreur interne ({type(exc).__name__}: {exc})")
        outcomes.append(outcome)
        if progress is not None:
            progress(index, len(candidates), candidate.label)
    return outcomes


# --- the class workbook --------------------------------------------------------------------------

HEADERS = (("Nom", 18), ("Prénom", 16), ("N° candidat", 14), ("Conforme", 11), ("Motifs", 48),
           ("Semaines de stage", 10), ("Attestations", 60), ("Fiche", 34))


def is_our_workbook(path: Path) -> bool:
    from e5portfolio.tableau.classbook import written_by

    return written_by(path, WORKBOOK_CREATOR)


def write_conformity_workbook(outcomes: list[Outcome], path: Path, labels) -> None:
    from openpyxl.styles import Alignment

    from e5portfolio.tableau.classbook import append_row, new_table, save_table, set_link

    workbook, sheet = new_table("Contrôle de conformité", WORKBOOK_CREATOR,
                                "Contrôle de conformité des dossiers E5 de la classe", HEADERS)
    for outcome in outcomes:
        c, conformity = outcome.candidate, outcome.conformity
        if conformity is None:
            row: list[str | float | None] = [c.nom, c.prenom, c.numero, "À vérifier",
                                             f"dossier illisible : {outcome.error}", None, None, None]
        else:
            weeks = round(conformity.weeks, 1) if conformity.weeks is not None else None
            verdict = "Non" if not conformity.conforme else "Oui" if conformity.verified else "À vérifier"
            row = [c.nom, c.prenom, conformity.identity.numero or c.numero,
                   verdict, " ; ".join(conformity.motif_texts(labels)) or (
                       "" if conformity.verified else "durée et signatures à vérifier (archive)"),
                   weeks, "\n".join(conformity.attestations), None]
        line = append_row(sheet, row)
        for column in (5, 7):
            sheet.cell(row=line, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        if outcome.files:
            set_link(sheet.cell(row=line, column=8), outcome.files[0], outcome.files[0])
    save_table(workbook, sheet, len(HEADERS), path)

