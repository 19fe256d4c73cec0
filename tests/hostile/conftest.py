"""Shared helpers of the hostile-input tests: bounds on time and memory, generous enough to hold
on a loaded 2-core machine, tight enough to catch minutes and gigabytes."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# No wall-clock bound under 30 s (HELPERS.md): the slow cases took minutes before.
TIME_BOUND = 30.0


def timed(function: Callable[[], T]) -> tuple[T, float]:
    """(result, seconds of CPU time of this process spent in `function`)."""
    start = time.process_time()
    result = function()
    return result, time.process_time() - start


def wall(function: Callable[[], T]) -> tuple[T, float]:
    start = time.monotonic()
    result = function()
    return result, time.monotonic() - start


def peak_rss_bytes() -> int:
    """The peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# the audit tests' fixtures: real servers on 127.0.0.1 and the linkchecker program
from tests.audit.conftest import dead_port, linkchecker  # noqa: E402,F401
