"""The secrets corpus (tests/core/secrets_corpus): every file of true/ holds at least one
secret and every one is found; no file of false/ (ordinary files written for the purpose) is
reported. benchmarks/bench_secrets.py prints the same figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from e5portfolio.checks.secrets import scan_file

CORPUS = Path(__file__).parent / "secrets_corpus"
TRUE = sorted((CORPUS / "true").iterdir())
FALSE = sorted((CORPUS / "false").iterdir())


def test_the_corpus_is_large_enough():
    assert len(TRUE) >= 40 and len(FALSE) >= 40
    kinds = {path.suffix for path in TRUE}
    assert {".pdf", ".docx", ".odt", ".zip"} <= kinds


@pytest.mark.parametrize("path", TRUE, ids=[p.name for p in TRUE])
def test_every_true_case_is_found(path: Path):
    assert scan_file(path)


@pytest.mark.parametrize("path", FALSE, ids=[p.name for p in FALSE])
def test_no_false_alarm(path: Path):
    assert scan_file(path) == []
