"""`e5portfolio init DOSSIER --exemple`: the project's sample portfolio, from an installed copy too."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from e5portfolio.pipeline import analyse

from .conftest import REPO_ROOT, SAMPLE, run_cli


def _tool():
    spec = importlib.util.spec_from_file_location("make_exemple", REPO_ROOT / "tools" / "make_exemple.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_archive_is_the_sample_folder():
    tool = _tool()
    shipped = (REPO_ROOT / "e5portfolio" / "templates" / "exemple.zip").read_bytes()
    assert shipped == tool.archive_bytes(tool.sample_files(SAMPLE)), "lancez : python tools/make_exemple.py"


def test_init_exemple_writes_the_sample_which_passes_check(tmp_path: Path):
    folder = tmp_path / "exemple"
    result = run_cli("init", folder, "--exemple")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Portfolio d'exemple écrit dans « {folder} » : ")
    for name in _tool().sample_files(SAMPLE):
        assert (folder / name).is_file(), name
    assert (folder / "portfolio.schema.json").is_file()
    assert (
        (folder / "portfolio.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=portfolio.schema.json\n")
    )
    assert analyse(folder).report.summary["errors"] == 0


def test_init_exemple_never_overwrites(tmp_path: Path):
    folder = tmp_path / "exemple"
    folder.mkdir()
    (folder / "portfolio.yml").write_text("le mien\n", encoding="utf-8")
    result = run_cli("init", folder, "--exemple")
    assert result.exit_code == 2
    assert (folder / "portfolio.yml").read_text(encoding="utf-8") == "le mien\n"
    assert sorted(p.name for p in folder.iterdir()) == ["portfolio.yml"]
