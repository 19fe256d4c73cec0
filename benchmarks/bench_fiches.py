"""Benchmark of `e5portfolio fiches` for a class (run by hand, never as a timed test).

    .venv/bin/python benchmarks/bench_fiches.py [--class-size 30]

A class of N copies of the sample portfolio (folders, CSV with `;`): the contrôle de conformité
(one PDF each + the class workbook), then the grilles. Each form is one headless Chromium print,
so the time grows with N; target for 30 candidates: each command ≤ 3 min on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
E5PORTFOLIO = [sys.executable, "-m", "e5portfolio"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    process = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if process.returncode != 0:
        sys.exit(f"échec de {' '.join(command)} :\n{process.stderr}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--class-size", type=int, default=30)
    size = parser.parse_args().class_size
    with tempfile.TemporaryDirectory(prefix="bench-fiches-") as folder:
        root = Path(folder)
        rows = ["nom;prenom;numero;url"]
        for index in range(1, size + 1):
            shutil.copytree(REPO / "sample_portfolio", root / f"p{index:02d}")
            rows.append(f"NOM{index:02d};Prénom;025000000{index:02d};p{index:02d}")
        (root / "classe.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        conformite = timed([*E5PORTFOLIO, "fiches", "conformite", "--class", str(root / "classe.csv")])
        grilles = timed([*E5PORTFOLIO, "fiches", "grille", "--class", str(root / "classe.csv")])
    print(
        f"{size} candidats : contrôle de conformité {conformite:.1f} s ({conformite / size:.2f} s par candidat), "
        f"grilles {grilles:.1f} s ({grilles / size:.2f} s par candidat)"
    )


if __name__ == "__main__":
    main()
