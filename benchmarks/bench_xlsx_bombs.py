"""Benchmark of the .xlsx guard (run by hand, never as a timed test).

    .venv/bin/python benchmarks/bench_xlsx_bombs.py

For each bomb of tests/synthese/test_bombs.py (one cell at XFD1048576, shared-string bomb, zip
bomb), runs `e5portfolio import BOMB` and `e5portfolio export PORTFOLIO --template BOMB` as
child processes and prints the time and the child's peak memory (target: a French refusal in
under 5 s and under 300 MB).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.synthese import test_bombs  # noqa: E402
from tests.synthese.conftest import FIXTURE_PORTFOLIO  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-bombs-") as work:
        root = Path(work)
        portfolio = root / "portfolio"
        shutil.copytree(FIXTURE_PORTFOLIO, portfolio)
        for kind, make in sorted(test_bombs.BOMBS.items()):
            path = make(root / f"{kind}.xlsx")
            for label, args in (
                ("import", ["import", str(path), "-o", str(root / "out.yml")]),
                (
                    "export --template",
                    ["export", str(portfolio), "--template", str(path), "-o", str(root / "out.xlsx")],
                ),
            ):
                result, seconds, peak = test_bombs._run(*args, cwd=root)
                verdict = "refusé" if "refusé sans être ouvert" in result.stderr else "NON REFUSÉ"
                print(f"{kind:18} {label:18} {seconds:5.2f} s  {peak:6.0f} Mo  exit {result.returncode}  {verdict}")


if __name__ == "__main__":
    main()
