"""Benchmark of the live preview, run by hand: `python benchmarks/bench_serve.py [--repeat N]`.

Starts `e5portfolio serve` on a copy of the sample, then saves portfolio.yml N times (a new
presentation each time) and measures, for each save, the time until the served home page
shows the new text. Target: ≤ 1 s on 2 cores. Then waits 5 s without saving: no rebuild may
start (the preview must not be woken up by what it writes itself).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "sample_portfolio"
TARGET = 1.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def wait_for(condition, limit: float = 60.0, step: float = 0.01) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if condition():
            return time.monotonic() - started
        time.sleep(step)
    raise TimeoutError("condition not met")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as work:
        folder = Path(work) / "sample_portfolio"
        shutil.copytree(SAMPLE, folder)
        (folder / "portfolio.yml").write_text(
            (folder / "portfolio.yml")
            .read_text(encoding="utf-8")
            .replace("$schema=../portfolio.schema.json", "$schema=portfolio.schema.json"),
            encoding="utf-8",
        )
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        command = [sys.executable, "-m", "e5portfolio", "serve", str(folder), "--dev-addr", f"127.0.0.1:{port}"]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True).start()
        try:
            first = wait_for(lambda: "Camille" in page(url), limit=120)
            print(f"premier affichage : {first:.2f} s", file=sys.stderr)
            text = (folder / "portfolio.yml").read_text(encoding="utf-8")
            anchor = "presentation: |\n"
            assert anchor in text, "the sample's presentation is a block scalar"
            times = []
            for index in range(args.repeat):
                marker = f"Mesure{index}x{time.time_ns()}"
                (folder / "portfolio.yml").write_text(
                    text.replace(anchor, f"{anchor}  {marker}\n", 1), encoding="utf-8"
                )
                saved = time.monotonic()
                wait_for(lambda marker=marker: marker in page(url), limit=60)
                times.append(time.monotonic() - saved)
                time.sleep(0.5)
            builds = sum("construction du site" in line for line in lines)
            time.sleep(5)
            extra = sum("construction du site" in line for line in lines) - builds
        finally:
            process.terminate()
            process.wait(timeout=30)
    best, worst = min(times), max(times)
    median = sorted(times)[len(times) // 2]
    verdict = "OK" if median <= TARGET and extra == 0 else "AU-DESSUS DE L'OBJECTIF"
    print(
        f"serve : reconstruction après enregistrement, médiane {median:.2f} s (min {best:.2f}, max {worst:.2f}, "
        f"{len(times)} enregistrements, {os.cpu_count()} cœurs) ; objectif ≤ {TARGET:.0f} s ; "
        f"reconstructions sans enregistrement : {extra} ; {verdict}"
    )


if __name__ == "__main__":
    main()
