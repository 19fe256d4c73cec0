"""The class forms read which attestations an archive lacks from its manifeste.json (written by
`e5portfolio dossier`), not from the prose of its LISEZMOI.txt; an archive written before the
manifest is still read through its LISEZMOI.txt."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from e5portfolio.audit.classe import Candidate
from e5portfolio.core.manifest import Attestation, ManifestError, manifest_data, read_manifest
from e5portfolio.fiches.classe import CandidateError, conformity_for

CANDIDATE = Candidate("LE GALL", "Camille", "", "le-gall.zip", 2)
PERSON = {"nom": "LE GALL", "prenom": "Camille", "option": "SISR"}
PUBLIC = json.dumps({"version": 1, "candidat": PERSON, "realisations": []}).encode("utf-8")
OLD_README = (
    "Dossier E5 de Camille LE GALL\n- attestations/ : les attestations de stage :\n"
    "    attestations/stage1.pdf (Mairie)\n- attestation de stage absente pour : Garage Durand.\n"
)


def manifest(absentes: list[Attestation]) -> bytes:
    data = manifest_data(
        "e5portfolio test", PERSON, [Attestation("stage1", "Mairie", "attestations/stage1.pdf")], absentes
    )
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def archive(folder: Path, members: dict[str, bytes]) -> Path:
    path = folder / "le-gall.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("le-gall/site/portfolio.json", PUBLIC)
        out.writestr("le-gall/attestations/stage1.pdf", b"%PDF-1.4 attestation")
        for name, data in members.items():
            out.writestr(f"le-gall/{name}", data)
    return path


def test_the_manifest_reads_back_what_was_written():
    read = read_manifest(manifest([Attestation("stage2", "Garage Durand")]))
    assert read.version == 1
    assert read.candidat == PERSON
    assert read.presentes == (Attestation("stage1", "Mairie", "attestations/stage1.pdf"),)
    assert read.absentes == (Attestation("stage2", "Garage Durand"),)


def test_a_missing_attestation_is_read_from_the_manifest(tmp_path):
    archive(tmp_path, {"manifeste.json": manifest([Attestation("stage2", "Garage Durand")])})
    conformity = conformity_for(CANDIDATE, tmp_path)
    assert conformity.motifs["attestations"] is True
    assert "Attestation absente pour : Garage Durand" in conformity.attestations


def test_the_manifest_wins_over_the_readme_prose(tmp_path):
    # the LISEZMOI says an attestation is missing; the manifest, the archive's truth, says none is
    archive(tmp_path, {"manifeste.json": manifest([]), "LISEZMOI.txt": OLD_README.encode("utf-8")})
    conformity = conformity_for(CANDIDATE, tmp_path)
    assert conformity.motifs["attestations"] is False
    assert not any("absente" in line for line in conformity.attestations)


def test_an_archive_without_manifest_is_read_through_its_readme(tmp_path):
    archive(tmp_path, {"LISEZMOI.txt": OLD_README.encode("utf-8")})
    conformity = conformity_for(CANDIDATE, tmp_path)
    assert conformity.motifs["attestations"] is True
    assert "Attestation absente pour : Garage Durand" in conformity.attestations


def test_a_broken_manifest_is_this_candidates_problem_said_in_french(tmp_path):
    archive(tmp_path, {"manifeste.json": b"{pas du json", "LISEZMOI.txt": OLD_README.encode("utf-8")})
    with pytest.raises(CandidateError, match="manifeste.json illisible .* dans l'archive"):
        conformity_for(CANDIDATE, tmp_path)


@pytest.mark.parametrize("raw", [b"[]", b"\xff\xfe", b"[" * 100_000])
def test_a_manifest_that_is_no_json_object_is_refused(raw):
    with pytest.raises(ManifestError, match="manifeste.json illisible"):
        read_manifest(raw)


def test_a_manifest_too_large_is_refused():
    with pytest.raises(ManifestError, match="dépasse"):
        read_manifest(manifest([]), limit=10)


def test_wrong_types_in_the_manifest_are_left_out():
    raw = json.dumps(
        {
            "version": True,
            "candidat": {"nom": "LE GALL", "numero": 12},
            "attestations": {"absentes": ["Garage", {"stage": 2, "organisation": "Garage Durand"}], "presentes": {}},
        }
    ).encode()
    read = read_manifest(raw)
    assert read.version is None
    assert read.candidat == {"nom": "LE GALL"}
    assert read.presentes == ()
    assert read.absentes == (Attestation("", "Garage Durand"),)
