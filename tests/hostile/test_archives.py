"""Dossier archives are read member by member, only what is needed: an encrypted member is a
French refusal (was « erreur interne (RuntimeError …) »), a damaged member nobody needs is never
opened (everything was extracted, up to 1 GiB written for a 2 MB zip), and 95,000 réalisations in
portfolio.json are read in linear time (195 s with a list membership test)."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from e5portfolio.audit.classe import Candidate
from e5portfolio.core.referential import load_referential
from e5portfolio.fiches.classe import (
    CandidateError,
    conformity_for,
    grille_from_archive,
    opened_archive,
)

from .conftest import TIME_BOUND, timed

CANDIDATE = Candidate("LE GALL", "Camille", "02534871209", "le-gall.zip", 2)


def public_json(realisations: list[dict] | None = None) -> bytes:
    return json.dumps(
        {"candidat": {"nom": "Le Gall", "prenom": "Camille", "option": "SISR"}, "realisations": realisations or []},
        separators=(",", ":"),
    ).encode("utf-8")


def write_archive(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return path


def set_encrypted_flag(path: Path, member: str) -> None:
    """Mark `member` as encrypted in the central directory and local header (what `zip -e` does
    to the flags; the content itself needs no real encryption for the refusal to show)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, flag_offset, name_offset in ((b"PK\x01\x02", 8, 46), (b"PK\x03\x04", 6, 30)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                flags = struct.unpack_from("<H", data, start + flag_offset)[0]
                struct.pack_into("<H", data, start + flag_offset, flags | 0x1)
            start += 4
    path.write_bytes(bytes(data))


def test_encrypted_member_is_refused_in_french(tmp_path):
    archive = write_archive(
        tmp_path / "le-gall.zip", {"le-gall/site/portfolio.json": public_json(), "le-gall/LISEZMOI.txt": b"ok"}
    )
    set_encrypted_flag(archive, "le-gall/site/portfolio.json")
    with pytest.raises(CandidateError) as refused:
        conformity_for(CANDIDATE, tmp_path)
    message = str(refused.value)
    assert "chiffré" in message and "mot de passe" in message and "RuntimeError" not in message


def test_a_damaged_member_nobody_needs_is_never_opened(tmp_path):
    archive = write_archive(
        tmp_path / "le-gall.zip",
        {
            "le-gall/site/portfolio.json": public_json(),
            "le-gall/attestations/stage1.pdf": b"%PDF-1.4 attestation",
            "le-gall/productions/gros.bin": b"\0" * 5_000_000,
        },
    )
    data = bytearray(archive.read_bytes())
    local = data.find(b"le-gall/productions/gros.bin") + len(b"le-gall/productions/gros.bin")
    data[local + 100 : local + 200] = b"\xff" * 100  # its compressed stream no longer decompresses
    archive.write_bytes(bytes(data))
    conformity = conformity_for(CANDIDATE, tmp_path)
    assert any("stage1.pdf" in line for line in conformity.attestations)


@pytest.mark.slow
def test_95000_realisations_are_read_in_linear_time(tmp_path):
    realisations = [{"intitule": f"R{i}", "competences": ["B1.1", "B1.2"]} for i in range(95_000)]
    archive = write_archive(tmp_path / "le-gall.zip", {"le-gall/site/portfolio.json": public_json(realisations)})
    referential = load_referential()

    def read():
        with opened_archive(archive) as folder:
            return grille_from_archive(folder, CANDIDATE, referential, None, None)

    data, seconds = timed(read)
    assert seconds < TIME_BOUND, f"{seconds:.0f} s"  # 195 s before
    assert len(data.coverage["B1.1"]) == 95_000 and data.coverage["B1.4"] == []
