"""linkchecker over the built sample served on 127.0.0.1: no broken link, every page reached."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support.serve import broken_links, find_linkchecker, make_world_readable_copy, run_linkchecker, serve_folder

pytestmark = pytest.mark.slow


def test_linkchecker_finds_no_broken_link(sample_site: Path, tmp_path: Path):
    if find_linkchecker() is None:
        message = "linkchecker not found (pip install linkchecker)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    copy = make_world_readable_copy(sample_site)
    work = tmp_path / "linkchecker"
    work.mkdir()
    work.chmod(0o755)
    try:
        with serve_folder(copy) as url:
            rows = run_linkchecker(url, work)
    finally:
        shutil.rmtree(copy.parent)
    assert broken_links(rows) == []
    checked = {row.url.removeprefix(url) for row in rows}
    for expected in (
        "realisations/glpi-inventaire.html",
        "tableau-de-synthese.xlsx",
        "fichiers/productions/glpi-inventaire/proc%C3%A9dure.md",
        "fichiers/images/photo.png",
    ):
        assert expected in checked, sorted(checked)
