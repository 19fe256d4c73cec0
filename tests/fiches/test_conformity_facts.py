"""The VI-2 form reads the stage facts of the analysis (pipeline.Analysis.stage_facts): what it
says of each attestation does not depend on where the findings are located in portfolio.yml."""

from __future__ import annotations

import dataclasses
import shutil

from e5portfolio.fiches.forms import conformity_of
from e5portfolio.pipeline import analyse

from .conftest import SAMPLE, UNSIGNED, derived_portfolio

BREIZH = "Breizh Transports SARL, Vern-sur-Seiche (19/05/2025 – 27/06/2025) : attestation"
INFOGERANCE = "Infogérance Ouest, Cesson-Sévigné (05/01/2026 – 13/02/2026) : attestation"


def without_positions(analysis):
    """The same analysis, its findings stripped of line and column."""
    findings = [dataclasses.replace(f, line=None, column=None) for f in analysis.report.findings]
    return dataclasses.replace(analysis, report=dataclasses.replace(analysis.report, findings=findings))


def test_a_missing_attestation_file_is_introuvable_whatever_the_finding_positions(tmp_path):
    portfolio = tmp_path / "sans-fichier"
    shutil.copytree(SAMPLE, portfolio)
    (portfolio / "attestations" / "stage1.pdf").unlink()
    analysis = analyse(portfolio)
    assert "fichier-introuvable" in {f.rule for f in analysis.report.findings}
    conformity = conformity_of(without_positions(analysis))
    assert conformity.attestations == (
        f"{BREIZH} fichier « attestations/stage1.pdf » introuvable",
        f"{INFOGERANCE} signée",
    )
    assert conformity.motifs["attestations"] is True
    assert conformity.motifs["duree-stage"] is False


def test_a_complete_sample_ticks_no_attestation_motif(tmp_path):
    portfolio = tmp_path / "complet"
    shutil.copytree(SAMPLE, portfolio)
    conformity = conformity_of(analyse(portfolio))
    assert conformity.attestations == (f"{BREIZH} signée", f"{INFOGERANCE} signée")
    assert conformity.motifs["attestations"] is False


def test_an_attestation_outside_the_folder_is_introuvable_not_signee(tmp_path):
    # the path is refused (chemin-hors-portfolio), so the file cannot be in the dossier
    portfolio = derived_portfolio(
        tmp_path / "dehors", ("attestation: attestations/stage2.pdf", "attestation: ../stage2.pdf")
    )
    shutil.copy(portfolio / "attestations" / "stage2.pdf", tmp_path / "stage2.pdf")  # there, but outside
    conformity = conformity_of(analyse(portfolio))
    assert conformity.attestations[1] == f"{INFOGERANCE} fichier « ../stage2.pdf » introuvable"
    assert conformity.motifs["attestations"] is True


def test_an_unsigned_attestation_ticks_the_motif_and_says_so(tmp_path):
    conformity = conformity_of(analyse(derived_portfolio(tmp_path / "non-signee", UNSIGNED)))
    assert conformity.attestations[1] == f"{INFOGERANCE} non signée"
    assert conformity.motifs["attestations"] is True


def test_an_attestation_left_on_the_computer_is_said_not_checked(tmp_path):
    portfolio = tmp_path / "sans-attestations"
    shutil.copytree(SAMPLE, portfolio)
    (portfolio / "attestations" / "stage2.pdf").unlink()
    conformity = conformity_of(analyse(portfolio, skip_attestation_files=True))
    assert conformity.attestations[1] == (
        f"{INFOGERANCE} signée, fichier « attestations/stage2.pdf » non vérifié (--sans-attestations)"
    )
    assert conformity.motifs["attestations"] is False
