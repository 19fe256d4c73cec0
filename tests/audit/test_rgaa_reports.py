"""Accessibility findings in the words of the RGAA: a page with a contrast defect and an image without
`alt`, audited in a real Chromium (axe-core), names RGAA 3.2 and RGAA 1.1 in the text, HTML and JSON
reports, and the summary says which criteria failed, which were tested without defect, which are left
to a manual check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.usefixtures("linkchecker")]

RGAA_SITE = Path(__file__).parent / "fixtures" / "rgaa_site"
CONTRAST = "RGAA 3.2 — contraste du texte"
ALT = "RGAA 1.1 — alternative textuelle des images"


@pytest.fixture
def rgaa_site(tmp_path: Path) -> Path:
    folder = tmp_path / "rgaa_site"
    shutil.copytree(RGAA_SITE, folder)
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["audit", *args, "--browser", "--no-extern"], catch_exceptions=False)


def test_json_names_the_criteria_of_each_finding_and_their_status(chromium, rgaa_site):
    result = run(str(rgaa_site), "--format", "json")
    data = json.loads(result.stdout)
    assert data["analysis"]["browser"] is True and data["analysis"]["axe_pages"] == 1
    findings = {f["rule"]: f for f in data["findings"]}
    contrast, image = findings["a11y-color-contrast"], findings["a11y-image-alt"]
    assert contrast["rgaa"] == ["3.2"] and contrast["message"].startswith(f"{CONTRAST} : ")
    assert image["rgaa"] == ["1.1"] and image["message"].startswith(f"{ALT} : ")
    assert "foncez le texte ou éclaircissez le fond" in contrast["message"]  # the French advice stays
    assert all("rgaa" not in f for f in data["findings"] if not f["rule"].startswith("a11y-"))
    criteria = data["rgaa"]["criteria"]
    assert data["rgaa"]["version"] == "4.1.2" and len(criteria) == 106
    assert criteria["3.2"] == {"status": "failed", "pages": 1, "rules": ["a11y-color-contrast"]}
    assert criteria["1.1"]["status"] == "failed" and criteria["1.1"]["pages"] == 1
    assert "a11y-image-alt" in criteria["1.1"]["rules"]
    # axe-core and the static checks ran: the page's language and title were tested, without defect
    assert criteria["8.3"]["status"] == "no_defect_found" and criteria["8.5"]["status"] == "no_defect_found"
    # nothing automatic tests the captions of a video: left to a manual check, never « passed »
    assert criteria["4.3"]["status"] == "no_defect_found"  # video-caption ran (no video: nothing to fail)
    assert criteria["4.5"] == {"status": "manual", "pages": 0, "rules": []}
    assert {c["status"] for c in criteria.values()} == {"failed", "no_defect_found", "manual"}


def test_text_report_names_the_criteria_and_summarises_them(chromium, rgaa_site):
    result = run(str(rgaa_site))
    assert result.exit_code == 1
    out = result.stdout
    assert f"erreur [a11y-color-contrast] {CONTRAST} : " in out
    assert f"erreur [a11y-image-alt] {ALT} : " in out
    assert "Accessibilité, critères du RGAA 4.1.2 (106 critères) :" in out
    assert f"    {CONTRAST} : 1 page en défaut" in out and f"    {ALT} : 1 page en défaut" in out
    [manual] = [line for line in out.splitlines() if line.startswith("  à vérifier à la main (")]
    [tested] = [line for line in out.splitlines() if line.startswith("  testés automatiquement")]
    numbers = tested.split(" : ", 1)[1].split(" (")[0].split(", ")
    assert "8.3" in numbers and "3.2" not in numbers and "1.1" not in numbers
    assert f"testés automatiquement, sans défaut détecté ({len(numbers)}) : " in tested
    assert tested.endswith("(en partie seulement : à confirmer à la main)")
    failed = [line for line in out.splitlines() if line.endswith(" en défaut")]
    assert int(manual.split("(")[1].split(")")[0]) == 106 - len(numbers) - len(failed)


def test_html_report_names_the_criteria(chromium, rgaa_site, tmp_path):
    output = tmp_path / "rapport.html"
    run(str(rgaa_site), "--format", "html", "-o", str(output))
    html = output.read_text(encoding="utf-8")
    assert f"{CONTRAST} : Les éléments doivent avoir un contraste" in html
    assert f"{ALT} : " in html
    assert '<h2 id="rgaa">Accessibilité : critères du RGAA 4.1.2</h2>' in html
    assert f'<tr><th scope="row">{CONTRAST}</th><td>1 page</td></tr>' in html
    assert "<h3>À vérifier à la main (" in html
