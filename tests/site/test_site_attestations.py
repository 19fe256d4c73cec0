"""Attestations de stage left on the student's computer (kept out of the public repository):
`e5portfolio build --sans-attestations`, the plugin's `attestations_locales` option, and the
dossier for the commission, which still needs every attestation file."""

from __future__ import annotations

import json
import sys

import pytest
from site_helpers import Portfolio, e5portfolio, run

FOLDER = "testeur-alex-dossier-e5"
UNPUBLISHED = (
    "stage « stage1 » : l'attestation « attestations/stage1.pdf » n'est pas dans le dossier du "
    "portfolio (les attestations restent sur votre ordinateur), elle n'est donc pas publiée malgré "
    "« publication: attestations: true » ; pour la publier, ajoutez-la au dépôt (voir .gitignore), "
    "sinon retirez « attestations: true »"
)
OWN_MKDOCS = "site_name: Portfolio E5\ntheme:\n  name: material\nplugins:\n  - search\n  - offline\n"


@pytest.fixture
def without_attestation(minimal: Portfolio) -> Portfolio:
    """The minimal portfolio as GitHub Actions sees it: its attestation file is not in the repository."""
    (minimal.folder / "attestations" / "stage1.pdf").unlink()
    return minimal


def test_build_needs_the_attestation_files_without_the_option(without_attestation: Portfolio):
    result = without_attestation.build("--strict")
    assert result.returncode == 1
    assert "[fichier-introuvable] attestation du stage « stage1 »" in result.stdout
    assert not (without_attestation.folder / "site").exists()


def test_build_sans_attestations_builds_the_site(without_attestation: Portfolio):
    result = without_attestation.build("--strict", "--sans-attestations")
    assert result.returncode == 0, result.stdout + result.stderr
    site = without_attestation.folder / "site"
    assert (site / "index.html").is_file() and (site / "parcours.html").is_file()
    assert "Attestation de stage" not in (site / "parcours.html").read_text(encoding="utf-8")
    assert "[attestation-non-verifiee]" not in result.stdout + result.stderr  # an info: check shows it


def test_build_sans_attestations_overrides_the_students_mkdocs_yml(without_attestation: Portfolio):
    (without_attestation.folder / "docs").mkdir()
    (without_attestation.folder / "mkdocs.yml").write_text(OWN_MKDOCS + "  - e5portfolio\n", encoding="utf-8")
    refused = without_attestation.build()
    assert refused.returncode == 1 and "[fichier-introuvable]" in refused.stdout
    result = without_attestation.build("--sans-attestations")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (without_attestation.folder / "site" / "index.html").is_file()


def test_opt_in_publication_of_absent_attestations_warns_instead_of_failing(without_attestation: Portfolio):
    without_attestation.edit(lambda d: d.update(publication={"attestations": True}))
    result = without_attestation.build("--sans-attestations")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"mkdocs : avertissement : e5portfolio: {UNPUBLISHED}" in result.stderr.splitlines()
    site = without_attestation.folder / "site"
    assert not (site / "fichiers" / "attestations").exists()
    assert "Attestation de stage" not in (site / "parcours.html").read_text(encoding="utf-8")
    strict = without_attestation.build("--strict", "--sans-attestations")  # the workflow's build
    assert strict.returncode == 1
    assert UNPUBLISHED in strict.stderr


def test_plain_mkdocs_with_the_plugin_option(without_attestation: Portfolio):
    (without_attestation.folder / "docs").mkdir()
    mkdocs_yml = without_attestation.folder / "mkdocs.yml"
    mkdocs_yml.write_text(OWN_MKDOCS + "  - e5portfolio\n", encoding="utf-8")
    refused = run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=without_attestation.folder)
    assert refused.returncode == 1
    assert "[fichier-introuvable]" in refused.stderr
    mkdocs_yml.write_text(OWN_MKDOCS + "  - e5portfolio:\n      attestations_locales: true\n", encoding="utf-8")
    built = run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=without_attestation.folder)
    assert built.returncode == 0, built.stderr
    assert (without_attestation.folder / "site" / "index.html").is_file()


def test_dossier_for_the_commission_needs_the_attestation_files(without_attestation: Portfolio):
    result = e5portfolio("dossier", without_attestation.folder)
    assert result.returncode == 1
    assert (
        "portfolio.yml:24:18: erreur [fichier-introuvable] attestation du stage « stage1 » : fichier "
        "« attestations/stage1.pdf » introuvable : vérifiez le nom et l'emplacement du fichier (chemin "
        "relatif au dossier de portfolio.yml) ; les attestations ne sont pas envoyées sur GitHub "
        "(.gitignore) : si elle est restée sur un autre ordinateur, copiez-la à cet emplacement"
    ) in result.stdout
    assert "l'archive n'est pas écrite : corrigez d'abord les erreurs ci-dessus." in result.stderr
    assert not (without_attestation.folder.parent / f"{FOLDER}.zip").exists()


def test_dossier_has_no_sans_attestations_option(without_attestation: Portfolio):
    result = e5portfolio("dossier", without_attestation.folder, "--sans-attestations")
    assert result.returncode == 2
    assert not (without_attestation.folder.parent / f"{FOLDER}.zip").exists()


def test_audit_of_a_portfolio_folder_sans_attestations(without_attestation: Portfolio):
    options = ("--no-browser", "--no-extern", "--format", "json")
    refused = e5portfolio("audit", without_attestation.folder, *options)
    assert refused.returncode == 1
    assert {f["rule"] for f in json.loads(refused.stdout)["findings"]} == {"audit-incomplet", "fichier-introuvable"}
    audited = e5portfolio("audit", without_attestation.folder, *options, "--sans-attestations")
    assert audited.returncode == 0, audited.stdout + audited.stderr
    assert json.loads(audited.stdout)["findings"] == []
