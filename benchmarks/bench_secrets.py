"""Recall and false alarms of secret-detecte on the corpus of tests/core/secrets_corpus
(run by hand or by `make bench`, never in the test suite).

    .venv/bin/python benchmarks/bench_secrets.py

true/ holds files that each contain at least one secret (text, PDF, DOCX, ODT, zip);
false/ holds ordinary files written for the purpose. Goal: every true file found, no false
file reported.
"""

from __future__ import annotations

import time
from pathlib import Path

from e5portfolio.checks.secrets import scan_file

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "core" / "secrets_corpus"


def main() -> None:
    true_files = sorted((CORPUS / "true").iterdir())
    false_files = sorted((CORPUS / "false").iterdir())
    start = time.perf_counter()
    missed = [path.name for path in true_files if not scan_file(path)]
    alarms = [path.name for path in false_files if scan_file(path)]
    elapsed = time.perf_counter() - start
    found = len(true_files) - len(missed)
    print(
        f"secrets : rappel {found}/{len(true_files)} ({found / len(true_files):.0%}), "
        f"fausses alertes {len(alarms)}/{len(false_files)} ({elapsed:.2f} s)"
    )
    for name in missed:
        print(f"  manqué : {name}")
    for name in alarms:
        print(f"  fausse alerte : {name}")


if __name__ == "__main__":
    main()
