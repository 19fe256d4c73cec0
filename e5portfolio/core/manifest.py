"""`manifeste.json`, the machine-readable contents of a dossier archive (`e5portfolio dossier`).

Written by e5portfolio.dossier beside LISEZMOI.txt (which stays, for people); read by the class
forms (fiches.classe) instead of parsing the LISEZMOI's prose. Its keys:

- `version` (1) and `generateur` (« e5portfolio X.Y ») ;
- `candidat`: the candidate as in the site's portfolio.json (nom, prenom, option, session,
  centre, url, and numero only when publication.numero is true) ;
- `attestations`: `presentes` (each `fichier` in the archive, `stage` id, `organisation`) and
  `absentes` (each `stage` id and `organisation` without an attestation file).

The reader is bounded and tolerant as core.public_data is: what is not of the right type is
left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from e5portfolio.core.errors import E5Error
from e5portfolio.core.public_data import json_too_deep

MANIFEST_FILE = "manifeste.json"
MANIFEST_VERSION = 1
MAX_MANIFEST_BYTES = 1024 * 1024


class ManifestError(E5Error):
    """manifeste.json cannot be read (French message)."""


@dataclass(frozen=True)
class Attestation:
    stage: str
    organisation: str
    fichier: str | None = None  # its name in the archive, when it is there


@dataclass(frozen=True)
class Manifest:
    version: int | None
    candidat: dict
    presentes: tuple[Attestation, ...]
    absentes: tuple[Attestation, ...]


def manifest_data(generator: str, candidat: dict, presentes: list[Attestation], absentes: list[Attestation]) -> dict:
    """The manifest of an archive, ready for json.dumps."""
    return {
        "version": MANIFEST_VERSION,
        "generateur": generator,
        "candidat": candidat,
        "attestations": {
            "presentes": [{"fichier": a.fichier, "stage": a.stage, "organisation": a.organisation} for a in presentes],
            "absentes": [{"stage": a.stage, "organisation": a.organisation} for a in absentes],
        },
    }


def _attestations(entries) -> tuple[Attestation, ...]:
    result = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        stage, organisation, fichier = entry.get("stage"), entry.get("organisation"), entry.get("fichier")
        result.append(
            Attestation(
                stage if isinstance(stage, str) else "",
                organisation if isinstance(organisation, str) else "",
                fichier if isinstance(fichier, str) else None,
            )
        )
    return tuple(result)


def read_manifest(raw: bytes, limit: int = MAX_MANIFEST_BYTES) -> Manifest:
    """The manifest `raw`; ManifestError when it is too large, not JSON or not an object."""
    if len(raw) > limit:
        raise ManifestError(f"{MANIFEST_FILE} dépasse {limit // 1024} Ko")
    try:
        text = raw.decode("utf-8-sig")
        if json_too_deep(text):
            raise ValueError("too deep")
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise ManifestError(f"{MANIFEST_FILE} illisible (pas du JSON valide)") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{MANIFEST_FILE} illisible (pas un objet JSON)")
    version = data.get("version")
    candidat = data.get("candidat")
    attestations = data.get("attestations")
    attestations = attestations if isinstance(attestations, dict) else {}
    return Manifest(
        version if isinstance(version, int) and not isinstance(version, bool) else None,
        {k: v for k, v in candidat.items() if isinstance(v, str)} if isinstance(candidat, dict) else {},
        _attestations(attestations.get("presentes")),
        _attestations(attestations.get("absentes")),
    )
