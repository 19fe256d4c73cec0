"""`portfolio.json`, the public data of a site: its schema and the one reader.

The site writes it at its root (site.publication.public_data); the audit reads it from a
published site (audit.readiness) and the class forms from a dossier archive (fiches.classe).
Both read it here, with the same tolerance: a file of another tool or of an older version is
data, never trusted. The reader is bounded (size, nesting depth) and keeps only what has the
type the schema says: a known key of the wrong type is dropped as if absent, an unknown key is
kept as it is (the audit reads dates written at the réalisation's level), a réalisation that is
not an object is skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from e5portfolio.core.errors import E5Error

PUBLIC_DATA_FILE = "portfolio.json"
PUBLIC_DATA_VERSION = 1
MAX_PUBLIC_DATA_BYTES = 5 * 1024 * 1024
MAX_JSON_DEPTH = 64  # our portfolio.json nests 4 levels; json.loads recurses once per level

# The schema: key → type(s), at each level (what site.publication.public_data writes).
TOP_KEYS: dict[str, type | tuple[type, ...]] = {
    "version": int,
    "generateur": str,
    "candidat": dict,
    "realisations": list,
}
CANDIDAT_KEYS: dict[str, type | tuple[type, ...]] = {
    "nom": str,
    "prenom": str,
    "option": str,
    "session": int,
    "centre": str,
    "url": str,
    "numero": str,  # only when publication.numero is true
}
REALISATION_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "intitule": str,
    "cadre": str,
    "annee": int,
    "stage": str,
    "periode": dict,
    "equipe": bool,
    "competences": list,
    "items": list,
    "technologies": list,
    "productions": list,
}


class PublicDataError(E5Error):
    """portfolio.json cannot be read: `kind` is « trop-gros », « trop-imbrique » or « illisible »
    (not UTF-8, not JSON, not an object); the message is French."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class PublicData:
    """The data of a portfolio.json as read: `candidat` is None when the file has none (or not an
    object), `realisations` None when it has no list of them."""

    candidat: dict | None
    realisations: list[dict] | None
    version: int | None = None
    extra: dict = field(default_factory=dict)  # the other top-level keys, as they are


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays/objects nest deeper than `limit` (checked before json.loads, which would
    hit the recursion limit on a file nested 200,000 levels deep)."""
    depth = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def _typed(data: dict, schema: dict[str, type | tuple[type, ...]]) -> dict:
    """`data` without the known keys whose value has the wrong type (bool is no int)."""
    kept = {}
    for key, value in data.items():
        expected = schema.get(key)
        if expected is not None:
            types = expected if isinstance(expected, tuple) else (expected,)
            if isinstance(value, bool) and bool not in types or not isinstance(value, types):
                continue
        kept[key] = value
    return kept


def read_public_data(raw: bytes, limit: int = MAX_PUBLIC_DATA_BYTES) -> PublicData:
    """The data of the portfolio.json `raw`; PublicDataError when it cannot be read at all."""
    if len(raw) > limit:
        raise PublicDataError("trop-gros", f"{PUBLIC_DATA_FILE} dépasse {limit // 1024} Ko")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PublicDataError("illisible", f"{PUBLIC_DATA_FILE} n'est pas du texte UTF-8") from None
    if json_too_deep(text):
        raise PublicDataError(
            "trop-imbrique",
            f"{PUBLIC_DATA_FILE} imbriqué sur plus de {MAX_JSON_DEPTH} niveaux (fichier piégé ou endommagé)",
        )
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise PublicDataError("illisible", f"{PUBLIC_DATA_FILE} n'est pas du JSON valide") from None
    if not isinstance(data, dict):
        raise PublicDataError("illisible", f"{PUBLIC_DATA_FILE} n'est pas un objet JSON")
    top = _typed(data, TOP_KEYS)
    candidat = _typed(top["candidat"], CANDIDAT_KEYS) if "candidat" in top else None
    realisations = (
        [_typed(entry, REALISATION_KEYS) for entry in top["realisations"] if isinstance(entry, dict)]
        if "realisations" in top
        else None
    )
    extra = {key: value for key, value in top.items() if key not in TOP_KEYS}
    return PublicData(candidat, realisations, top.get("version"), extra)
