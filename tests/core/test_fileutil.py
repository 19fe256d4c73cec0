"""Atomic writes: whole files only, with the usual permissions."""

import os
import stat

import pytest

from e5portfolio.core.fileutil import write_bytes_atomic, write_text_atomic


def test_written_file_gets_the_umask_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "schema.json", "{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "schema.json").stat().st_mode) == 0o644


def test_failed_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.xlsx"
    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_replaces_existing_file_whole(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("ancien contenu beaucoup plus long", encoding="utf-8")
    write_text_atomic(target, "neuf")
    assert target.read_text(encoding="utf-8") == "neuf"
