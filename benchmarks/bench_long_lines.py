"""Benchmark: `e5portfolio build` of the sample with a 200 KB base64 .ps1 added, against the
sample alone (run by hand, never in the test suite).

    .venv/bin/python benchmarks/bench_long_lines.py

Measured in CPU time of the build process (user + system), median of 3 runs. Target: ratio ≤ 1.5 (before Pygments ran within a budget, the .ps1 alone took 551 s).
The .ps1 replaces the sample's deployer-glpi-agent.ps1: a certificate in a PowerShell here-string,
base64 on one line, as students paste it.
"""

from __future__ import annotations

import base64
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_portfolio"
RUNS = 3


def hostile_ps1(size: int = 200 * 1024) -> str:
    data = base64.b64encode(random.Random(18).randbytes(size * 3 // 4)).decode("ascii")[:size]
    return '# Import du certificat\n$cert = @"\n' + data + '\n"@\nWrite-Host $cert.Length\n'


def build_seconds(folder: Path) -> float:
    """CPU seconds (user + system) of one `build` process: wall-clock time on a shared machine
    measures the neighbours as much as the build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "e5portfolio", "build", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="e5p-bench-") as temporary:
        plain, hostile = Path(temporary) / "echantillon", Path(temporary) / "echantillon-ps1"
        shutil.copytree(SAMPLE, plain)
        shutil.copytree(SAMPLE, hostile)
        (hostile / "productions/glpi-inventaire/deployer-glpi-agent.ps1").write_text(hostile_ps1(), encoding="utf-8")
        build_seconds(plain)  # warm-up (imports, caches)
        alone = statistics.median(build_seconds(plain) for _ in range(RUNS))
        with_ps1 = statistics.median(build_seconds(hostile) for _ in range(RUNS))
    ratio = with_ps1 / alone
    print(
        f"build de l'échantillon (temps CPU, médiane de {RUNS}) : {alone:.2f} s ; avec un .ps1 base64 de 200 Ko : {with_ps1:.2f} s ; "
        f"rapport {ratio:.2f} (objectif ≤ 1,5)"
    )
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
