"""Pygments within a budget: a production with very long lines (a base64 certificate in a
PowerShell here-string, a CSS with an inline picture) is shown as plain text, and the page says
so; the build stays linear (551 s for 200 KB before)."""

from __future__ import annotations

import base64
import random
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.cli import main
from e5portfolio.site.productions import MAX_HIGHLIGHT_LINE, within_highlight_budget

from .conftest import TIME_BOUND

SAMPLE = Path(__file__).resolve().parents[2] / "sample_portfolio"


def base64_text(size: int, seed: int = 18) -> str:
    return base64.b64encode(random.Random(seed).randbytes(size * 3 // 4)).decode("ascii")[:size]


def hostile_ps1(size: int = 200 * 1024) -> str:
    return '# Import du certificat du serveur\n$cert = @"\n' + base64_text(size) + '\n"@\nWrite-Host $cert.Length\n'


def hostile_css(size: int = 200 * 1024) -> str:
    return ".logo{background:url(data:image/png;base64," + base64_text(size) + ")}\n"


def test_budget_rule():
    assert within_highlight_budget("a\n" * 10)
    assert not within_highlight_budget("x" * (MAX_HIGHLIGHT_LINE + 1))
    assert not within_highlight_budget(hostile_ps1())


@pytest.mark.slow
def test_build_with_long_line_productions_is_linear(tmp_path):
    folder = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, folder)
    (folder / "productions/glpi-inventaire/deployer-glpi-agent.ps1").write_text(hostile_ps1(), encoding="utf-8")
    (folder / "productions/sauvegarde-rsync/style.css").write_text(hostile_css(), encoding="utf-8")
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    text = text.replace("productions/sauvegarde-rsync/sauvegarde.sh", "productions/sauvegarde-rsync/style.css")
    (folder / "portfolio.yml").write_text(text, encoding="utf-8")
    with (folder / "productions/env-apprentissage-veille/homelab.md").open("a", encoding="utf-8") as stream:
        stream.write('\n\n```powershell\n$cert = @"\n' + base64_text(100 * 1024) + '\n"@\n```\n')

    start = time.monotonic()
    result = CliRunner().invoke(main, ["build", str(folder)])
    elapsed = time.monotonic() - start
    assert result.exit_code == 0, result.output
    assert elapsed < 4 * TIME_BOUND, f"build took {elapsed:.0f} s"  # 551 s for the .ps1 alone before

    pages = {
        path: path.read_text(encoding="utf-8")
        for path in (folder / "site").rglob("*.html")
        if "productions" in path.parts
    }
    plain = [path.name for path, html in pages.items() if "sans coloration syntaxique" in html]
    shown = {
        name
        for path, html in pages.items()
        for name in ("deployer-glpi-agent.ps1", "style.css", "homelab.md")
        if f"<code>{name}</code>" in html and "sans coloration syntaxique" in html
    }
    assert shown == {"deployer-glpi-agent.ps1", "style.css", "homelab.md"}, plain
    # the text is still there, as plain text
    assert any(base64_text(200 * 1024)[:500] in html for html in pages.values())
