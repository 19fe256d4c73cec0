"""Secrets left in what gets published: keys, passwords, API tokens — in production files
(text, PDF, DOCX/ODT, zip members) and in portfolio.yml itself.

The rule and its PDF memo; the patterns are core/secrets_detector.py, the reading of documents
into text checks/document_text.py."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from e5portfolio.checks import document_text
from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.checks.document_text import (
    PDF_BYTES,
    SCAN_BYTES,
    ZIP_MEMBERS,
    ZIP_TOTAL_BYTES,
    decode_text,
    office_text,
    pdf_pages,
    read_member,
    read_text_like,
    shown_name,
)
from e5portfolio.checks.files import resolved_files
from e5portfolio.core import secrets_detector
from e5portfolio.core.fileutil import write_text_atomic
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.secrets_detector import find_secrets


@dataclass(frozen=True)
class Hit:
    """A secret found in a file: where (French, without the value) and what kind."""

    where: str
    kind: str


def _text_hits(text: str, label: str) -> list[Hit]:
    return [Hit(f"{label}ligne {s.line}, colonne {s.column}", s.kind) for s in find_secrets(text)]


def _document_hits(data: bytes | Path, head: bytes, label: str, *, nested: bool) -> list[Hit]:
    """Secrets in one document (text, PDF, DOCX/ODT, zip) given its first bytes."""
    if head.startswith(b"%PDF"):
        hits = []
        for number, page in enumerate(pdf_pages(data), start=1):
            hits += [Hit(f"{label}page {number}, ligne {s.line}", s.kind) for s in find_secrets(page)]
        return hits
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
                return _archive_hits(archive, label, nested=nested)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return []
    if isinstance(data, Path):
        text = read_text_like(data)
    else:
        text = decode_text(data)
    return _text_hits(text, label) if text is not None else []


def _archive_hits(archive: zipfile.ZipFile, label: str, *, nested: bool) -> list[Hit]:
    budget = [ZIP_TOTAL_BYTES]
    office = office_text(archive, budget)
    if office is not None:
        return [Hit(f"{label}paragraphe {s.line}", s.kind) for s in find_secrets(office)]
    if nested:
        return []  # an archive inside an archive is not opened
    hits: list[Hit] = []
    for info in archive.infolist()[:ZIP_MEMBERS]:
        data = read_member(archive, info, budget)
        if not data:
            continue
        member_label = f"fichier « {shown_name(info.filename)} » de l'archive, "
        if data.startswith(b"%PDF") and len(data) >= SCAN_BYTES:
            continue  # a PDF cut by the read limit cannot be parsed
        hits += _document_hits(data, data[:8], member_label, nested=True)
    return hits


def scan_file(path: Path, *, deep: bool = True, memo: PdfMemo | None = None) -> list[Hit]:
    """Every secret found in a file: its text, or with `deep` the text of a PDF, DOCX/ODT and
    the members of a zip (bounded in size, count and compression ratio). A PDF already read
    (same content) takes its result from `memo`."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith((b"%PDF", b"PK\x03\x04")):
        if not deep or (head.startswith(b"%PDF") and path.stat().st_size > PDF_BYTES):
            return []
    if head.startswith(b"%PDF") and memo is not None:
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        hits = memo.get(key)
        if hits is None:
            hits = _document_hits(data, head, "", nested=False)
            memo.put(key, hits)
        return hits
    return _document_hits(path, head, "", nested=False)


class PdfMemo:
    """What was found in each PDF already read, by content hash, kept in the user's cache folder
    (E5PORTFOLIO_CACHE_DIR, else XDG_CACHE_HOME, LOCALAPPDATA or ~/.cache): reading a PDF's
    text takes pypdf ~0.05 s a page, and `check` runs again after each edit. Only places and
    kinds are kept, never the text or a secret. A change of this detector empties it."""

    ENTRIES = 2000

    def __init__(self, file: Path | None):
        self.file = file
        self.changed = False
        self.entries: dict[str, list[list[str]]] = {}
        if file is None:
            return
        try:
            data = json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict) and data.get("version") == _detector_version():
            entries = data.get("pdf")
            self.entries = entries if isinstance(entries, dict) else {}

    @classmethod
    def for_user(cls) -> PdfMemo:
        base = os.environ.get("E5PORTFOLIO_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME")
            or os.environ.get("LOCALAPPDATA")
            or os.path.join(os.path.expanduser("~"), ".cache"),
            "e5portfolio",
        )
        return cls(Path(base) / "secrets-pdf.json")

    def get(self, key: str) -> list[Hit] | None:
        found = self.entries.get(key)
        if not isinstance(found, list):
            return None
        try:
            return [Hit(str(where), str(kind)) for where, kind in found]
        except (TypeError, ValueError):
            return None

    def put(self, key: str, hits: list[Hit]) -> None:
        self.entries.pop(key, None)
        self.entries[key] = [[hit.where, hit.kind] for hit in hits]
        while len(self.entries) > self.ENTRIES:
            self.entries.pop(next(iter(self.entries)))
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.file is None:
            return
        try:
            write_text_atomic(self.file, json.dumps({"version": _detector_version(), "pdf": self.entries}))
        except OSError:
            pass  # no cache folder (read-only home): the next check reads the PDFs again


def _detector_version() -> str:
    """A hash of the detector, the document reading and this rule: a change of any empties the memo."""
    digest = hashlib.sha256()
    for module in (secrets_detector, document_text):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _where(hits: list[Hit]) -> str:
    first = hits[0]
    others = len(hits) - 1
    if not others:
        return first.where
    noun = "ligne" if first.where.startswith("ligne") else "passage"
    plural = "s" if others > 1 else ""
    return f"{first.where} (et {others} autre{plural} {noun}{plural})"


@rule("secret-detecte", Severity.ERROR)
def secret_detecte(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un fichier publié (script, configuration, texte, PDF, DOCX/ODT, archive .zip) et les
    textes de portfolio.yml ne contiennent ni mot de passe, ni clé privée, ni jeton d'API.

    Le portfolio est public : un secret publié doit être considéré comme compromis. Les fichiers
    sont reconnus au contenu (pas à l'extension) ; le texte des PDF, des documents Word et
    LibreOffice et des fichiers d'une archive .zip est lu aussi. Les textes de portfolio.yml
    (présentation, descriptions, veille…) sont publiés sur le site : ils sont vérifiés de même.
    Les valeurs masquées (`********`, `<mdp>`, `${DB_PASSWORD}`), calculées
    (`token = get_token(user)`) et les saisies (`Read-Host -AsSecureString "Mot de passe"`)
    sont acceptées. Le secret lui-même n'est jamais affiché.

    Correct :   DB_PASSWORD=${DB_PASSWORD}   ou   password: ********
    Incorrect : DB_PASSWORD=Azerty123   ou   enable secret 5 $1$mERr$…   ou   mysql -u root -pAzerty
    ou   « Mot de passe : Azerty123 »   ou   CREATE USER 'glpi'@'localhost' IDENTIFIED BY 'Azerty123';
    """
    yield from _portfolio_text_secrets(self, ctx)
    memo = PdfMemo.for_user()
    try:
        yield from _file_secrets(self, ctx, memo)
    finally:
        memo.save()


def _file_secrets(self: Rule, ctx: CheckContext, memo: PdfMemo) -> Iterator[Finding]:
    seen: set[Path] = set()
    for item in resolved_files(ctx):
        if item.path is None or item.path in seen:
            continue
        seen.add(item.path)
        # an attestation is a signed scan kept off the site unless publication.attestations
        deep = not item.ref.is_attestation or ctx.portfolio.publication.attestations
        try:
            hits = scan_file(item.path, deep=deep, memo=memo)
        except OSError:
            continue
        if hits:
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : « {item.ref.text} » contient un secret ({hits[0].kind}) "
                f"{_where(hits)} : remplacez-le par ******** ou une variable d'environnement "
                "avant de publier, et changez ce secret s'il a déjà été publié",
            )


def _portfolio_text_secrets(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Secrets written in portfolio.yml itself (its texts go to the site and its search index),
    each located at its line and column."""
    path = ctx.root / ctx.validated.file
    try:
        text = read_text_like(path) if path.is_file() else None
    except OSError:
        return
    for secret in find_secrets(text or ""):
        yield Finding(
            self.id,
            self.severity,
            f"{ctx.validated.file} contient un secret ({secret.kind}) : ce texte est publié sur "
            "le site et dans son index de recherche ; remplacez-le par ******** et changez ce "
            "secret s'il a déjà été publié",
            ctx.validated.file,
            secret.line,
            secret.column,
        )


RULES = (secret_detecte,)
