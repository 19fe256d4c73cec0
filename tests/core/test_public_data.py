"""portfolio.json has one schema and one reader (core.public_data), used by the audit and by the
class forms: what the site writes reads back whole; a missing key is absent, a key of the wrong
type is dropped as if absent; a file too large, too deep or not JSON is refused with its kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from e5portfolio.core.public_data import (
    CANDIDAT_KEYS,
    MAX_PUBLIC_DATA_BYTES,
    REALISATION_KEYS,
    TOP_KEYS,
    PublicDataError,
    read_public_data,
)

SAMPLE = Path(__file__).resolve().parents[2] / "sample_portfolio"


def _raw(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_what_the_site_writes_reads_back_whole_and_follows_the_schema():
    from e5portfolio.pipeline import analyse
    from e5portfolio.site.publication import public_data, published_files

    analysis = analyse(SAMPLE)
    assert analysis.validated is not None
    written = public_data(analysis.validated, analysis.referential, published_files(analysis.validated, analysis.root))
    assert set(written) == set(TOP_KEYS)
    assert set(written["candidat"]) <= set(CANDIDAT_KEYS)
    read = read_public_data(_raw(written))
    assert read.version == 1
    # nothing the site writes is dropped by the reader: every value has the schema's type
    assert read.candidat == {k: v for k, v in written["candidat"].items() if v is not None}
    assert len(read.realisations) == len(written["realisations"]) > 0
    for mine, theirs in zip(read.realisations, written["realisations"], strict=True):
        assert set(theirs) <= set(REALISATION_KEYS)
        assert mine == {k: v for k, v in theirs.items() if v is not None}


def test_a_byte_order_mark_is_accepted():
    read = read_public_data(b"\xef\xbb\xbf" + _raw({"candidat": {"nom": "DUPOND"}, "realisations": []}))
    assert read.candidat == {"nom": "DUPOND"}
    assert read.realisations == []


def test_a_missing_key_is_absent_not_an_error():
    read = read_public_data(_raw({"version": 1, "realisations": [{"intitule": "GLPI"}]}))
    assert read.candidat is None
    assert read.realisations == [{"intitule": "GLPI"}]
    read = read_public_data(_raw({"candidat": {"nom": "DUPOND", "prenom": "Paul"}}))
    assert read.candidat == {"nom": "DUPOND", "prenom": "Paul"}
    assert read.realisations is None


def test_a_key_of_the_wrong_type_is_dropped_as_if_absent():
    read = read_public_data(
        _raw(
            {
                "version": "un",
                "candidat": {"nom": ["DUPOND"], "prenom": "Paul", "session": True, "numero": 12},
                "realisations": [
                    "pas un objet",
                    {"intitule": 42, "id": "glpi", "competences": "B1.1", "periode": {"debut": "2025-01-06"}},
                    {"intitule": "Wiki", "equipe": "oui", "debut": "2025-02-01"},  # unknown key kept
                ],
            }
        )
    )
    assert read.version is None
    assert read.candidat == {"prenom": "Paul"}
    assert read.realisations == [
        {"id": "glpi", "periode": {"debut": "2025-01-06"}},
        {"intitule": "Wiki", "debut": "2025-02-01"},
    ]
    # candidat or realisations of the wrong type: absent
    read = read_public_data(_raw({"candidat": "DUPOND Paul", "realisations": {"intitule": "GLPI"}}))
    assert read.candidat is None and read.realisations is None


def test_a_file_too_large_is_refused_before_it_is_parsed():
    raw = _raw({"candidat": {"nom": "x" * 100}})
    with pytest.raises(PublicDataError, match="dépasse") as caught:
        read_public_data(raw, limit=50)
    assert caught.value.kind == "trop-gros"
    with pytest.raises(PublicDataError) as caught:
        read_public_data(b" " * (MAX_PUBLIC_DATA_BYTES + 1))
    assert caught.value.kind == "trop-gros"


@pytest.mark.parametrize(
    "raw",
    [b'{"candidat": ', b"<html>page</html>", b"\xff\xfe{}", b"[1, 2]", b"null"],
    ids=["tronque", "html", "pas-utf8", "liste", "null"],
)
def test_a_file_that_is_not_a_json_object_is_refused(raw):
    with pytest.raises(PublicDataError) as caught:
        read_public_data(raw)
    assert caught.value.kind == "illisible"
    assert "portfolio.json" in str(caught.value)


def test_a_file_nested_too_deep_is_refused_without_recursing():
    with pytest.raises(PublicDataError, match="imbriqué") as caught:
        read_public_data(b"[" * 200_000 + b"]" * 200_000)
    assert caught.value.kind == "trop-imbrique"
