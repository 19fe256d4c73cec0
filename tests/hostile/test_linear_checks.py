"""Linear time in `check`: the secret scanner on one long line of a cited .log."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.cli import main
from e5portfolio.core.secrets_detector import find_secrets

from .conftest import TIME_BOUND, timed

SAMPLE = Path(__file__).resolve().parents[2] / "sample_portfolio"
# the command names whose patterns scanned lazily to the end of the line, once per occurrence
UNITS = ("mysql x ", "curl x ", "nmcli x ", "htpasswd -b ", "ConvertTo-SecureString x ")


def long_line(unit: str = "mysql x ", size: int = 150 * 1024) -> str:
    return unit * (size // len(unit))


@pytest.mark.parametrize("unit", UNITS)
def test_scanner_on_a_150_kb_line_is_bounded(unit):
    _, seconds = timed(lambda: find_secrets(long_line(unit) + "\n"))
    assert seconds < TIME_BOUND, f"{seconds:.1f} s of CPU"  # « mysql x »: about 100 s before


def test_bounded_patterns_still_find_commands():
    text = (
        "mysql -u root -h db.local --port 3306 -pAzerty2024\n"
        "curl -s -X POST https://api.local/ -u admin:Zorglub42!\n"
        "nmcli dev wifi connect Maison password S3cr3tWifi99\n"
        "htpasswd -b -c /etc/apache2/.htpasswd admin Azerty2024\n"
        "$p = ConvertTo-SecureString 'Azerty2024!' -AsPlainText -Force\n"
    )
    assert [s.line for s in find_secrets(text)] == [1, 2, 3, 4, 5]


@pytest.mark.slow
def test_check_with_a_long_line_log_is_bounded(tmp_path):
    folder = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, folder)
    (folder / "productions/sauvegarde-rsync/sauvegarde.log").write_text(long_line("curl x ") + "\n", encoding="utf-8")
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    (folder / "portfolio.yml").write_text(
        text.replace("productions/sauvegarde-rsync/sauvegarde.sh", "productions/sauvegarde-rsync/sauvegarde.log"),
        encoding="utf-8",
    )
    start = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(folder)])
    elapsed = time.monotonic() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "erreur interne" not in result.output
    assert elapsed < TIME_BOUND, f"check took {elapsed:.0f} s"  # 62 s before
