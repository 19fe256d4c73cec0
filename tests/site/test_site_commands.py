"""`e5portfolio dossier` (the archive for the commission) and `e5portfolio serve` (live preview)."""

from __future__ import annotations

import io
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import openpyxl
import pytest
from site_helpers import ENV, Portfolio, e5portfolio

FOLDER = "testeur-alex-dossier-e5"


def test_dossier_holds_offline_site_full_tableau_and_attestations(minimal: Portfolio):
    result = e5portfolio("dossier", minimal.folder)
    assert result.returncode == 0, result.stderr
    archive_path = minimal.folder.parent / f"{FOLDER}.zip"
    assert str(archive_path) in result.stdout
    with zipfile.ZipFile(archive_path) as archive:
        names = set(archive.namelist())
        assert {
            f"{FOLDER}/LISEZMOI.txt",
            f"{FOLDER}/site/index.html",
            f"{FOLDER}/tableau-de-synthese.xlsx",
            f"{FOLDER}/attestations/stage1.pdf",
            f"{FOLDER}/site/realisations/serveur-sauvegarde.html",
            f"{FOLDER}/site/search/search_index.js",
        } <= names
        assert not [n for n in names if n.endswith(("portfolio.yml", "notes-privees.txt", ".e5portfolio-site"))]
        workbook = openpyxl.load_workbook(io.BytesIO(archive.read(f"{FOLDER}/tableau-de-synthese.xlsx")))
        values = [str(c.value) for s in workbook.worksheets for r in s.iter_rows() for c in r if c.value]
        assert any("02400000042" in v for v in values)  # the commission's copy has the N° candidat
        # the site inside stays the public one
        assert b"02400000042" not in archive.read(f"{FOLDER}/site/portfolio.json")
        # the machine-readable manifest: the candidate as in portfolio.json, the attestations
        manifest = json.loads(archive.read(f"{FOLDER}/manifeste.json"))
        assert manifest["version"] == 1
        assert manifest["candidat"] == json.loads(archive.read(f"{FOLDER}/site/portfolio.json"))["candidat"]
        assert manifest["candidat"]["nom"] and "numero" not in manifest["candidat"]
        assert manifest["attestations"] == {
            "presentes": [{"fichier": "attestations/stage1.pdf", "stage": "stage1", "organisation": "Société Exemple"}],
            "absentes": [],
        }
    assert not (minimal.folder / "site").exists()  # the archive does not touch the site folder


@pytest.mark.slow
def test_dossier_replaces_its_own_archive_but_no_other_file(minimal: Portfolio, tmp_path: Path):
    assert e5portfolio("dossier", minimal.folder).returncode == 0
    assert e5portfolio("dossier", minimal.folder).returncode == 0
    foreign = tmp_path / "autre.zip"
    foreign.write_bytes(b"pas une archive e5portfolio")
    result = e5portfolio("dossier", minimal.folder, "-o", foreign)
    assert result.returncode == 2
    assert "n'est pas une archive écrite par e5portfolio" in result.stderr
    assert foreign.read_bytes() == b"pas une archive e5portfolio"


def test_dossier_refuses_to_write_inside_a_site_folder(minimal: Portfolio):
    assert minimal.build().returncode == 0
    result = e5portfolio("dossier", minimal.folder, "-o", minimal.folder / "site" / "dossier.zip")
    assert result.returncode == 2
    assert "dans le dossier du site" in result.stderr
    assert not (minimal.folder / "site" / "dossier.zip").exists()


@pytest.mark.slow
def test_dossier_lists_a_stage_without_attestation_even_at_the_same_organisation(minimal: Portfolio):
    # a second stage at the same organisation as stage1, without an attestation: it is the stage
    # that lacks one, not the organisation (which has stage1's)
    minimal.edit(
        lambda d: d["stages"].append(
            {"id": "stage2", "organisation": "Société Exemple", "annee": 2, "debut": "2026-01-05", "fin": "2026-02-13"}
        )
    )
    result = e5portfolio("dossier", minimal.folder)
    assert result.returncode == 0, result.stderr
    assert "et 1 attestation(s) de stage" in result.stdout
    with zipfile.ZipFile(minimal.folder.parent / f"{FOLDER}.zip") as archive:
        manifest = json.loads(archive.read(f"{FOLDER}/manifeste.json"))
        readme = archive.read(f"{FOLDER}/LISEZMOI.txt").decode("utf-8")
        assert not [n for n in archive.namelist() if n.startswith(f"{FOLDER}/attestations/stage2")]
    assert manifest["attestations"] == {
        "presentes": [{"fichier": "attestations/stage1.pdf", "stage": "stage1", "organisation": "Société Exemple"}],
        "absentes": [{"stage": "stage2", "organisation": "Société Exemple"}],
    }
    assert "    attestations/stage1.pdf (Société Exemple)\n" in readme
    assert "- attestation de stage absente pour : Société Exemple.\n" in readme


def test_dossier_of_a_portfolio_with_errors_writes_nothing(minimal: Portfolio):
    minimal.edit(lambda d: d["realisations"][0].update(competences=["B1.9"]))
    result = e5portfolio("dossier", minimal.folder)
    assert result.returncode == 1
    assert not (minimal.folder.parent / f"{FOLDER}.zip").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read().decode("utf-8", errors="replace")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:300]!r}")


def _change_until_served(change, url: str, text: str, overall: float = 120) -> None:
    """Make `change`, then wait for `url` to show `text`; made again when the watcher missed it (it
    may not have taken its first look at the folder yet)."""
    deadline = time.monotonic() + overall
    while time.monotonic() < deadline:
        change()
        try:
            _wait_for(url, text, timeout=10)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{text!r} never appeared at {url}")


@pytest.mark.slow
def test_serve_reloads_when_portfolio_yml_or_a_production_changes(minimal: Portfolio):
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "e5portfolio", "serve", str(minimal.folder), "--dev-addr", f"127.0.0.1:{port}"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(base + "index.html", "Je prépare le", timeout=120)
        _change_until_served(
            lambda: minimal.edit(lambda d: d.update(presentation="Présentation modifiée pendant l'aperçu.")),
            base + "index.html",
            "Présentation modifiée pendant l'aperçu.",
        )
        _change_until_served(
            lambda: (minimal.folder / "productions" / "procedure.md").write_text(
                "Procédure revue.\n", encoding="utf-8"
            ),
            base + "fichiers/productions/procedure.md",
            "Procédure revue.",
        )
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert "Aperçu sur http://127.0.0.1" in output and "Traceback" not in output
