"""Where the whole test suite's time goes, run by hand (Linux, as root, `acct` installed):
`python3 benchmarks/bench_suite_cpu.py [MAKE VARIABLES, e.g. WORKERS_FULL=6]`.

Runs `make test` (static checks and the whole suite) under the kernel's process accounting
(`accton`), samples the machine's CPU use every 5 s from /proc/stat, then prints the wall time, how busy the cores were, the CPU seconds of every program
(Chromium with all its helper processes, Python, linkchecker, …) and the floor they set: CPU
seconds / cores. Target: `make test` ≤ 5 min on a quiet 2-core machine; when the cores are busy
all along, the floor says how far the target is from what the tests compute.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
TARGET = 300.0
# Chromium's processes are named after their main thread (HangWatcher, ThreadPoolForeg…)
CHROMIUM_NAMES = (
    "chrom",
    "ThreadPool",
    "HangWatcher",
    "SignalInspector",
    "sandbox_ipc",
    "PerfettoTrace",
    "inotify_reader",
    "Chrome_",
    "CrShutdown",
    "Compositor",
    "ANGLE",
    "Thread<",
    "VizCompositor",
    "dconf worker",
)
FAMILIES = {"python": "Python", "linkchecker": "linkchecker", "e5portfolio": "e5portfolio", "node-MainThread": "node"}


def family(command: str) -> str:
    if command in FAMILIES:
        return FAMILIES[command]
    if command.startswith(CHROMIUM_NAMES):
        return "Chromium"
    return "autres"


def busy_times() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def sample(stop: threading.Event, shares: list[float]) -> None:
    before = busy_times()
    while not stop.wait(5):
        now = busy_times()
        shares.append((now[0] - before[0]) / max(1, now[1] - before[1]))
        before = now


def cpu_by_family(accounting: Path) -> Counter:
    dump = subprocess.run(["dump-acct", str(accounting)], capture_output=True, text=True, check=True).stdout
    seconds: Counter = Counter()
    for line in dump.splitlines():
        fields = [f.strip() for f in line.split("|")]
        if len(fields) > 4:
            seconds[family(fields[0])] += (float(fields[2]) + float(fields[3])) / 100  # user + sys, in 1/100 s
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("make_variables", nargs="*", help="passed to make, e.g. WORKERS_FULL=6")
    args = parser.parse_args()
    if os.geteuid() != 0 or not (shutil.which("accton") and shutil.which("dump-acct")):
        print("il faut être root et avoir le paquet acct (apt-get install acct)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        accounting = Path(folder, "pacct")
        accounting.touch()
        shares: list[float] = []
        stop = threading.Event()
        sampler = threading.Thread(target=sample, args=(stop, shares), daemon=True)
        subprocess.run(["accton", str(accounting)], check=True, capture_output=True)
        try:
            sampler.start()
            started = time.monotonic()
            done = subprocess.run(["make", "test", *args.make_variables], cwd=REPO_ROOT)
            wall = time.monotonic() - started
        finally:
            subprocess.run(["accton", "off"], check=False, capture_output=True)
            stop.set()
        seconds = cpu_by_family(accounting)
    cores = os.cpu_count() or 1
    total = sum(seconds.values())
    print(f"\nmake test : code {done.returncode}, {wall:.0f} s réelles (cible : {TARGET:.0f} s)")
    if shares:
        print(
            f"cœurs occupés : {100 * sum(shares) / len(shares):.0f} % en moyenne, {100 * min(shares):.0f} % au plus bas (sur 5 s)"
        )
    for name, value in seconds.most_common():
        print(f"  {name:12s} {value:7.1f} s de processeur ({100 * value / total:.0f} %)")
    print(f"total {total:.0f} s de processeur sur {cores} cœurs : plancher {total / cores:.0f} s")
    return 0 if wall <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
