"""Tests that need an outside program: in CI (CI=true) its absence is a failure, elsewhere a skip."""

from __future__ import annotations

import os

import pytest


def require_tool(present: bool, message: str) -> None:
    """Fail under CI=true (make test installs every tool), skip on a developer's machine."""
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
