"""The YAML loader counts values while it parses and stops at the limit before any tree is
built: a 10 MB flat list took 1.9 GB and 30 s, and the message blamed aliases."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from .conftest import TIME_BOUND

MEMORY_BOUND = 700 * 1024 * 1024  # bytes of peak resident memory of the whole child process

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from e5portfolio.core.loader import load_portfolio_file
    path = Path(sys.argv[1])
    start = time.process_time()
    loaded = load_portfolio_file(path, path.name)
    print(json.dumps({
        "seconds": time.process_time() - start,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "findings": [[f.rule, f.message, f.line] for f in loaded.findings],
    }))
""")


def measure(path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["portfolio.yml", "prive.yml", "evaluation.yml"])
def test_wide_flat_list_is_refused_in_bounded_time_and_memory(tmp_path, name):
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as stream:
        stream.write("version: 1\nliste:\n")
        stream.write("- a\n" * 2_600_000)  # about 10 MB
    result = measure(path)
    assert result["seconds"] < TIME_BOUND, result["seconds"]
    assert result["peak"] < MEMORY_BOUND, f"{result['peak'] // 2**20} MiB"
    [(rule, message, line)] = result["findings"]
    assert rule == "syntaxe-yaml" and "trop grand" in message and line is not None and line > 1
    assert "alias" not in message and "ancre" not in message
