"""`e5portfolio audit`: formats, the JSON contract, exit codes, output files."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from e5portfolio.audit.a11y_static import check_page
from e5portfolio.audit.htmlpage import parse_page
from e5portfolio.cli import main

pytestmark = pytest.mark.usefixtures("linkchecker")

OFFLINE = ["--no-browser", "--no-extern"]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["audit", *args], env=env, catch_exceptions=False)


def test_json_report_follows_the_contract(bad_site):
    result = run(str(bad_site), "--format", "json", *OFFLINE)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    # the contract's keys, then the added « analysis » (pages seen, browser used), « rgaa » and « date »
    assert list(data) == ["version", "target", "findings", "penalties", "summary", "analysis", "rgaa", "date"]
    assert data["analysis"] == {
        "pages": data["summary"]["pages"],
        "browser": False,
        "axe_pages": 0,
        "axe_layout_only": False,
        "script_navigation": False,
        "unverified": [],
    }
    assert data["version"] == 1 and data["target"] == str(bad_site)
    assert data["penalties"] == {"portfolio-inaccessible": 0, "tableau-absent": 2}
    assert data["summary"]["errors"] == sum(1 for f in data["findings"] if f["severity"] == "error") > 0
    for finding in data["findings"]:
        assert {"rule", "severity", "message", "file", "line", "column"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
    lang = next(f for f in data["findings"] if f["rule"] == "a11y-html-has-lang")
    assert (lang["file"], lang["line"], lang["column"]) == ("index.html", 2, 1)


def test_url_findings_carry_the_url(dead_port):
    url = f"http://127.0.0.1:{dead_port}/"
    result = run(url, "--format", "json", *OFFLINE)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    [finding] = data["findings"]
    assert finding["rule"] == "portfolio-inaccessible" and finding["url"] == url and finding["file"] is None
    assert data["penalties"] == {"portfolio-inaccessible": 10, "tableau-absent": 0}


def test_ready_site_exits_0(good_site):
    result = run(str(good_site), *OFFLINE)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith(f"Audit e5portfolio de {good_site}\n")
    assert "Absence de tableau de synthèse : 0 point" in result.stdout


def test_text_report_lines_point_to_files(bad_site, monkeypatch):
    monkeypatch.chdir(bad_site.parent)
    result = run("bad_site", *OFFLINE)
    assert result.exit_code == 1
    assert (
        "bad_site/index.html:2:1: erreur [a11y-html-has-lang] RGAA 8.3 — langue de la page présente : la page "
        "n'indique pas sa langue"
    ) in result.stdout
    assert "  Absence de tableau de synthèse : 2 points" in result.stdout
    assert result.stdout.rstrip().endswith("à corriger avant l'épreuve.")


def test_html_report_is_self_contained_and_accessible(bad_site, tmp_path):
    output = tmp_path / "rapport.html"
    result = run(str(bad_site), "--format", "html", "-o", str(output), *OFFLINE)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"Rapport d'audit écrit dans {output} — ")
    html = output.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Absence de tableau de synthèse" in html
    assert not re.search(r"\ssrc=|<link\b|@import|url\(|<script\b", html)
    assert "✖ Erreur" in html  # severity in words, not by colour alone
    assert check_page(parse_page("file:///rapport.html", html)) == []
    again = run(str(bad_site), "--format", "html", "-o", str(output), *OFFLINE)
    assert again.exit_code == 1  # its own earlier report may be replaced


def test_never_overwrites_a_user_file(bad_site, tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("mes notes", encoding="utf-8")
    result = run(str(bad_site), "-o", str(precious), *OFFLINE)
    assert result.exit_code == 2
    assert "existe déjà et n'est pas un rapport d'audit" in result.stderr
    assert precious.read_text(encoding="utf-8") == "mes notes"


def test_nothing_to_audit(tmp_path):
    result = run(str(tmp_path / "absent"), *OFFLINE)
    assert result.exit_code == 2
    assert result.stderr.startswith("e5portfolio : « ") and "n'existe pas" in result.stderr
    assert run().exit_code == 2
    assert run(str(tmp_path), "--class", str(tmp_path / "l.csv")).exit_code == 2


@pytest.fixture
def broken_install(monkeypatch, tmp_path):
    """An installation whose vendored axe-core went missing (the only way to lose it)."""
    from e5portfolio.audit import a11y_browser

    monkeypatch.setattr(a11y_browser, "AXE_SCRIPT", tmp_path / "absent" / "axe.min.js")


def test_forced_browser_without_axe_cannot_run(good_site, broken_install):
    result = run(str(good_site), "--browser", "--no-extern")
    assert result.exit_code == 2
    assert "vérification dans le navigateur demandée (--browser) mais il manque" in result.stderr
    assert "réinstallez e5portfolio" in result.stderr


def test_automatic_browser_without_axe_says_how_to_enable_it(good_site, broken_install):
    result = run(str(good_site), "--format", "json", "--no-extern")
    assert result.exit_code == 0
    [note] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "audit-incomplet"]
    assert note["severity"] == "info"
    assert note["message"].startswith(
        "vérification d'accessibilité dans le navigateur (axe-core) non faite : il "
        "manque le script axe-core livré avec e5portfolio"
    )
