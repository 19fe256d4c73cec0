"""`e5portfolio serve` while portfolio.yml has errors: a French error page served over HTTP soon
after the broken save, the site again once it is fixed, and no English MkDocs line."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from site_helpers import ENV, Portfolio

from e5portfolio.core.findings import Report
from e5portfolio.core.loader import load_portfolio_bytes
from e5portfolio.core.validate import validate
from e5portfolio.site.errorpage import findings_page
from tests.support.browser import block_outside_requests, format_violations, launch_browser, require_chromium, run_axe

# MkDocs' own English lines that the preview must translate or leave out.
ENGLISH = (
    "Building documentation",
    "Documentation built",
    "Reloading browsers",
    "Watching paths",
    "Serving on",
    "Shutting down",
    "Aborted with",
    "An error happened",
    "Detected file changes",
    "Browser connected",
    "Cleaning site directory",
    "INFO",
    "WARNING",
    "ERROR",
    "Traceback",
)
GLUED = "« nom:TESTEUR » est lu comme un simple texte : ajoutez une espace après les deux-points, « nom: TESTEUR »"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:  # the not-found page is a page too
        return exc.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        body = _get(url)
        if text in body:
            return body
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:300]!r}")


def _save_until_served(file: Path, content: str, url: str, text: str, *, overall: float = 60) -> float:
    """Save `content`, then poll `url` until it shows `text`; saved again when the watcher missed
    it (it may not have taken its first look yet). The delay from the last save, in seconds."""
    deadline = time.monotonic() + overall
    while time.monotonic() < deadline:
        file.write_text(content, encoding="utf-8")
        saved = time.monotonic()
        while time.monotonic() - saved < 10:
            if text in _get(url):
                return time.monotonic() - saved
            time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared at {url} after saving {file}")


class Preview:
    def __init__(self, folder: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "e5portfolio", "serve", str(folder), "--dev-addr", f"127.0.0.1:{self.port}"],
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def stop(self) -> tuple[str, str]:
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=60)
        return out, err


def _assert_french(out: str, err: str) -> None:
    for line in (out + err).splitlines():
        assert not any(word in line for word in ENGLISH), line
    assert "aperçu : arrêt de l'aperçu" in err


def _assert_error_page(body: str) -> None:
    assert '<html lang="fr">' in body
    assert len(re.findall(r"<h1[ >]", body)) == 1
    assert "portfolio.yml contient 1 erreur : le site n&#x27;est pas à jour</h1>" in body
    assert "portfolio.yml:4:7</span>" in body and GLUED in body
    assert "livereload" in body  # the reload script of the preview: it comes back by itself


@pytest.mark.slow
def test_broken_save_shows_the_error_page_then_the_fixed_site(minimal: Portfolio):
    good = minimal.file.read_text(encoding="utf-8")
    broken = good.replace("  nom: TESTEUR\n", "  nom:TESTEUR\n")
    preview = Preview(minimal.folder)
    try:
        _wait_for(preview.base + "index.html", "Je prépare le")
        delay = _save_until_served(minimal.file, broken, preview.base + "index.html", "contient 1 erreur")
        print(f"error page served {delay:.2f} s after the broken save")
        _assert_error_page(_get(preview.base + "index.html"))
        # The page the student was reading shows it too, and so does any other address.
        _assert_error_page(_get(preview.base + "realisations/serveur-sauvegarde.html"))
        _assert_error_page(_get(preview.base + "nulle-part.html"))
        back = _save_until_served(minimal.file, good, preview.base + "index.html", "Je prépare le")
        print(f"site served again {back:.2f} s after the fix")
    finally:
        out, err = preview.stop()
    assert preview.process.returncode == 0, out + err
    assert "Aperçu sur http://127.0.0.1" in out
    assert f"portfolio.yml:4:7: erreur [syntaxe-yaml] {GLUED}" in err
    assert (
        "aperçu : 1 erreur dans " in err
        and "portfolio.yml : la page de l'aperçu l'affiche et se met à jour dès que vous enregistrez la correction"
    ) in err
    assert re.search(r"aperçu : site construit en \d+,\d\d s", err)
    assert "aperçu : surveillance des modifications dans : " in err and "e5portfolio-mkdocs-" not in err
    _assert_french(out, err)


@pytest.mark.slow
def test_first_build_failing_serves_the_error_page(minimal: Portfolio):
    good = minimal.file.read_text(encoding="utf-8")
    minimal.file.write_text(good.replace("  nom: TESTEUR\n", "  nom:TESTEUR\n"), encoding="utf-8")
    preview = Preview(minimal.folder)
    try:
        _assert_error_page(_wait_for(preview.base, "contient 1 erreur"))
        _save_until_served(minimal.file, good, preview.base + "index.html", "Je prépare le")
    finally:
        out, err = preview.stop()
    assert preview.process.returncode == 0, out + err
    _assert_french(out, err)


@pytest.mark.slow
def test_broken_mkdocs_yml_during_the_preview_shows_why_then_the_site(minimal: Portfolio):
    (minimal.folder / "docs").mkdir()
    config = minimal.folder / "mkdocs.yml"
    good = "site_name: x\ntheme:\n  name: material\nplugins:\n  - offline\n  - e5portfolio\n"
    config.write_text(good, encoding="utf-8")
    preview = Preview(minimal.folder)
    try:
        _wait_for(preview.base + "index.html", "Je prépare le")
        _save_until_served(
            config,
            good.replace("material", "materiel"),
            preview.base + "index.html",
            "Le site n&#x27;a pas pu être construit</h1>",
        )
        page = _get(preview.base + "index.html")
        assert "Unrecognised theme name: &#x27;materiel&#x27;" in page and "mkdocs.yml est invalide" in page
        _save_until_served(config, good, preview.base + "index.html", "Je prépare le")
    finally:
        out, err = preview.stop()
    assert preview.process.returncode == 0, out + err
    assert "mkdocs.yml est invalide : corrigez-la d'après le message de MkDocs ci-dessus" in err
    assert "Aborted with" not in out + err


def test_error_page_plural_and_escaping():
    raw = (
        b"version: 1\ncandidat: {nom: '<b>X</b>', prenom: Y, option: SISS, session: 2026, centre: C, modalite: oral}\n"
    )
    _, findings = validate(load_portfolio_bytes(raw))
    page = findings_page(Report(portfolio="portfolio.yml", findings=findings))
    count = len([f for f in findings if f.severity.value == "error"])
    assert count > 1
    assert f"portfolio.yml contient {count} erreurs : le site n&#x27;est pas à jour</h1>" in page
    assert "Corrigez-les dans portfolio.yml" in page
    assert "<b>" not in page


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_error_page_passes_axe_in_light_and_dark(tmp_path: Path, scheme: str):
    require_chromium()
    from playwright.sync_api import sync_playwright

    raw = (
        b"version: 1\ncandidat: {nom: A, prenom: B, option: SISS, session: 2026, centre: C, modalite: oral}\n"
        b"presentation: x\nrealisations:\n  - intitule: R\n    periode: {debut: 13-11-2025, fin: 2025-12-01}\n"
        b"    description: d\n    competences: [B1.1]\n    productions: [ -procedure.pdf ]\n"
    )
    _, findings = validate(load_portfolio_bytes(raw))
    from e5portfolio.core.findings import Finding, Severity

    findings += [  # a warning and an information too: every kind of item is on the page
        Finding("numero-candidat-absent", Severity.WARNING, "numéro de candidat absent", "portfolio.yml", 2, 1),
        Finding(
            "sous-competence-non-couverte",
            Severity.INFO,
            "B1.5.3 n'est cité par aucune réalisation",
            "portfolio.yml",
            8,
            5,
        ),
        Finding(
            "secret-detecte",
            Severity.ERROR,
            "production « Script » : secret",
            "portfolio.yml",
            9,
            20,
            subject="productions/script.ps1",
        ),
    ]
    page_file = tmp_path / "erreurs.html"
    page_file.write_text(findings_page(Report(portfolio="portfolio.yml", findings=findings)), encoding="utf-8")
    with sync_playwright() as pw, launch_browser(pw) as browser:
        for width in (1280, 390):
            context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
            blocked = block_outside_requests(context)
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.screenshot(path=str(tmp_path / f"erreurs-{scheme}-{width}.png"), full_page=True)
            page.locator("details summary").click()  # the informations, opened
            violations = run_axe(page)
            assert violations == [], format_violations(violations)
            assert blocked == []
            context.close()


def test_what_is_written_as_output_in_the_portfolio_folder_is_not_a_change(tmp_path: Path):
    from e5portfolio.site.preview import is_output

    root = tmp_path / "portfolio"
    for path in (
        "site/index.html",
        "public/index.html",
        ".git/index",
        ".venv/lib/x.py",
        ".site.e5portfolio-ab12/x",
        "tableau-de-synthese.xlsx",
        "portfolio.pdf",
        "rapport-audit.html",
        "nom-prenom-dossier-e5.zip",
        "productions/__pycache__/x.pyc",
        ".e5portfolio/e5portfolio-0.2.0-py3-none-any.whl",
    ):
        assert is_output(str(root / path), root), path
    for path in ("portfolio.yml", "prive.yml", "productions/site/procedure.md", "docs/page.md", "images/site.png"):
        assert not is_output(str(root / path), root), path
    assert not is_output(str(tmp_path / "ailleurs" / "site" / "x"), root)


@pytest.mark.slow
def test_output_written_beside_the_preview_does_not_rebuild_it(minimal: Portfolio):
    good = minimal.file.read_text(encoding="utf-8")
    preview = Preview(minimal.folder)
    saves = 0
    try:
        _wait_for(preview.base + "index.html", "Je prépare le")
        for path in ("site/index.html", ".venv/lib/module.py", "tableau-de-synthese.xlsx"):
            (minimal.folder / path).parent.mkdir(parents=True, exist_ok=True)
            (minimal.folder / path).write_text("sortie\n", encoding="utf-8")
        changed = good.replace("Je prépare le", "Je prépare désormais le", 1)
        assert changed != good
        deadline = time.monotonic() + 60
        while "Je prépare désormais le" not in _get(preview.base + "index.html"):
            assert time.monotonic() < deadline, "the save was never rebuilt"
            minimal.file.write_text(changed, encoding="utf-8")
            saves += 1
            saved = time.monotonic()
            while time.monotonic() - saved < 10 and "Je prépare désormais le" not in _get(preview.base + "index.html"):
                time.sleep(0.05)
    finally:
        out, err = preview.stop()
    assert preview.process.returncode == 0, out + err
    assert 1 <= err.count("aperçu : modification détectée") <= saves, err
