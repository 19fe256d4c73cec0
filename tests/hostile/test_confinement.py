"""Confinement: a symbolic link in a student's folder never brings a file of the teacher's
machine into a report (core.confine, one rule for every reader)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.audit.serve import serve_site
from e5portfolio.cli import main
from e5portfolio.core.confine import OUTSIDE, confined, confined_file, refusal
from e5portfolio.core.loader import load_portfolio_file
from e5portfolio.pipeline import analyse
from tests.audit.conftest import SMALL_PORTFOLIO
from tests.support.browser import require_chromium

SAMPLE = Path(__file__).resolve().parents[2] / "sample_portfolio"
SECRET = "PROF-SECRET-TOKEN-7731"


@pytest.fixture
def outside_secret(tmp_path: Path) -> Path:
    teacher = tmp_path / "prof"
    teacher.mkdir()
    secret = teacher / "secret.txt"
    secret.write_text(f"{SECRET}\nroot:$6$hash:19000:0:99999:7:::\n", encoding="utf-8")
    return secret


def test_confine_rule(tmp_path, outside_secret):
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "a.txt").write_text("a", encoding="utf-8")
    (site / "racine").symlink_to("/")
    (site / "dedans").symlink_to(site / "docs" / "a.txt")
    (site / "fuite").symlink_to(outside_secret)
    assert confined_file(site / "docs" / "a.txt", site) is not None
    assert confined_file(site / "dedans", site) is not None  # a link that stays inside is fine
    assert confined(site / "racine" / str(outside_secret).lstrip("/"), site) is None
    assert refusal(site / "fuite", site) == OUTSIDE
    assert refusal(site / "docs", site) == "not-regular"
    # a sibling whose name starts like the root is not inside it
    (tmp_path / "site-voisin").mkdir()
    assert confined(tmp_path / "site-voisin", site) is None


def test_audit_server_serves_nothing_through_a_link(tmp_path, outside_secret):
    import urllib.error
    import urllib.request

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!DOCTYPE html><title>x</title><p>ok</p>", encoding="utf-8")
    (site / "racine").symlink_to("/")
    (site / "lien.txt").symlink_to(outside_secret)
    (site / "dossier").symlink_to(outside_secret.parent)
    with serve_site(site) as base:
        assert urllib.request.urlopen(base, timeout=30).status == 200
        for path in ("racine" + str(outside_secret), "lien.txt", "dossier/secret.txt", "dossier/", "racine/"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + path, timeout=30)
            assert refused.value.code == 404
            assert SECRET not in refused.value.read().decode("utf-8", "replace")


@pytest.mark.browser
@pytest.mark.slow
def test_audit_of_a_site_with_a_link_to_root_reports_nothing_outside(tmp_path, outside_secret):
    require_chromium()
    site = tmp_path / "site"
    site.mkdir()
    (site / "racine").symlink_to("/")
    secret_url = "racine" + str(outside_secret)
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title></head><body>'
        '<main><h1>Portfolio</h1><p id="out">rien</p><a id="l" href="a.html">page</a></main>'
        f"<script>fetch({json.dumps(secret_url)}).then(r => r.text()).then(t => {{"
        "  const a = document.createElement('a'); a.href = '/x/' + encodeURIComponent(t);"
        "  a.textContent = t; document.querySelector('main').appendChild(a);"
        "  document.getElementById('out').textContent = t; });</script>"
        "</body></html>",
        encoding="utf-8",
    )
    (site / "a.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>A</title></head><body><main><h1>A</h1></main></body></html>',
        encoding="utf-8",
    )
    output = tmp_path / "rapport.json"
    result = CliRunner().invoke(
        main, ["audit", str(site), "--browser", "--no-extern", "--format", "json", "-o", str(output)]
    )
    assert output.is_file(), result.output
    report = output.read_text(encoding="utf-8")
    assert "Accueil" in report or "index.html" in report  # the site itself was audited
    assert SECRET not in report and "19000" not in report
    assert SECRET not in result.output


def _portfolio(tmp_path: Path) -> Path:
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    return folder


def test_prive_yml_link_outside_is_refused_unread(tmp_path, outside_secret):
    folder = _portfolio(tmp_path)
    (folder / "prive.yml").unlink(missing_ok=True)
    (folder / "prive.yml").symlink_to(outside_secret)
    analysis = analyse(folder)
    findings = analysis.report.findings
    text = json.dumps([f.__dict__ if hasattr(f, "__dict__") else str(f) for f in findings], default=str)
    assert SECRET not in text and "19000" not in text
    refused = [f for f in findings if f.file == "prive.yml" and "lien symbolique" in f.message]
    assert len(refused) == 1, [f.message for f in findings]
    assert refused[0].line == 1 and "hors du dossier" in refused[0].message
    assert not any("inconnue" in f.message for f in findings if f.file == "prive.yml")


def test_portfolio_yml_link_outside_is_refused(tmp_path, outside_secret):
    folder = tmp_path / "eleve"
    folder.mkdir()
    (folder / "portfolio.yml").symlink_to(outside_secret)
    loaded = load_portfolio_file(folder / "portfolio.yml", "portfolio.yml", folder)
    assert loaded.data is None and len(loaded.findings) == 1
    assert "hors du dossier" in loaded.findings[0].message and SECRET not in loaded.findings[0].message
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert SECRET not in result.output and "hors du dossier" in result.output


def test_evaluation_yml_link_outside_is_refused(tmp_path, outside_secret):
    folder = tmp_path / "jury"
    folder.mkdir()
    (folder / "evaluation.yml").symlink_to(outside_secret)
    loaded = load_portfolio_file(folder / "evaluation.yml")
    assert loaded.data is None and "hors du dossier" in loaded.findings[0].message


def test_production_link_outside_is_refused(tmp_path, outside_secret):
    folder = tmp_path / "eleve"
    shutil.copytree(SAMPLE, folder)
    (folder / "productions").mkdir(exist_ok=True)
    (folder / "productions" / "fuite.txt").symlink_to(outside_secret)
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    assert "fichier:" in text
    import re

    text = re.sub(r"fichier: *\S+", "fichier: productions/fuite.txt", text, count=1)
    (folder / "portfolio.yml").write_text(text, encoding="utf-8")
    analysis = analyse(folder)
    rules = [f.rule for f in analysis.report.findings]
    assert "chemin-hors-portfolio" in rules
    assert SECRET not in json.dumps([f.message for f in analysis.report.findings])
