"""Helpers of the getting-started tests: run the real CLI, create a portfolio with `init`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from e5portfolio.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "sample_portfolio"
SESSION = 2027


def run_cli(*args: str | os.PathLike[str]) -> Result:
    """Run `e5portfolio ARGS…` in-process (the same click group as the console script)."""
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def init_portfolio(folder: Path, option: str = "SISR") -> Path:
    result = run_cli("init", folder, "--option", option, "--session", str(SESSION))
    assert result.exit_code == 0, result.output
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below `folder`: relative path → (mtime in ns, content)."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's schema validator sees it: dates stay strings (YAML 1.2 core)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_as_editor(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)


@pytest.fixture(params=["SISR", "SLAM"])
def option(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def new_portfolio(tmp_path: Path, option: str) -> Path:
    """A portfolio folder freshly written by `e5portfolio init` (both options)."""
    return init_portfolio(tmp_path / "mon-portfolio", option)
