"""A child build the audit kills leaves no e5portfolio-mkdocs-* folder (18–50 MB per candidate)
in the temporary folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from e5portfolio.audit.sandboxed_build import build_in_child
from tests.audit.conftest import SMALL_PORTFOLIO

STALL_MARKER = "E5-TEST-PAGE-QUI-BLOQUE"


@pytest.fixture
def system_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of our own for this process and its children, and a Markdown that
    stalls on the marker in the child (a sitecustomize on its PYTHONPATH, as in tests/audit)."""
    folder = tmp_path / "tmp-systeme"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    hook = tmp_path / "crochet-de-test"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import time\nimport markdown\n_convert = markdown.Markdown.convert\n"
        "def convert(self, source):\n"
        f"    while {STALL_MARKER!r} in source:\n        time.sleep(1)\n"
        "    return _convert(self, source)\n"
        "markdown.Markdown.convert = convert\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])))
    return folder


@pytest.mark.slow
def test_a_killed_child_build_leaves_no_temporary_folder(tmp_path, system_tmp):
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    (folder / "mkdocs.yml").write_text("site_name: Portfolio\nplugins:\n  - e5portfolio\n", encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "lourde.md").write_text(f"# Page\n\n{STALL_MARKER}\n", encoding="utf-8")
    work = tmp_path / "travail"
    work.mkdir()
    site, notes = build_in_child(folder, work / "site", time_limit=8)
    assert site is None and any("a été arrêtée" in n.message for n in notes), notes
    left = [p.name for p in system_tmp.rglob("*")]
    assert left == [], left
