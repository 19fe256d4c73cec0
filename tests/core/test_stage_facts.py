"""The facts about each stage's attestation (checks.stages.stage_facts), decided once per analysis
and carried on pipeline.Analysis: one test per state, with and without --sans-attestations. Each
case edits a copy of testdata/base (stage1 at the Mairie de Rennes, stage2 at Infogérance Ouest,
both with a signed attestation file)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from e5portfolio.checks import files
from e5portfolio.checks.stages import AttestationState, StageFact
from e5portfolio.pipeline import analyse

from .conftest import PortfolioCopy


def facts(portfolio: PortfolioCopy, *, skip_attestation_files: bool = False) -> tuple[StageFact, ...]:
    return analyse(portfolio.root, skip_attestation_files=skip_attestation_files).stage_facts


def states(portfolio: PortfolioCopy, *, skip_attestation_files: bool = False) -> list[AttestationState]:
    return [fact.state for fact in facts(portfolio, skip_attestation_files=skip_attestation_files)]


def test_a_signed_attestation_in_the_folder_is_signee_with_its_real_file(portfolio):
    stage1, stage2 = facts(portfolio)
    assert stage1 == StageFact(
        0,
        "stage1",
        "Mairie de Rennes",
        dt.date(2025, 5, 19),
        dt.date(2025, 6, 27),
        "attestations/stage1.pdf",
        (portfolio.root / "attestations" / "stage1.pdf").resolve(),
        AttestationState.SIGNEE,
        True,
    )
    assert (stage2.index, stage2.id, stage2.organisation) == (1, "stage2", "Infogérance Ouest")
    assert (stage2.debut, stage2.fin) == (dt.date(2026, 1, 5), dt.date(2026, 2, 13))
    assert stage2.state is AttestationState.SIGNEE


def test_an_attestation_not_said_signed_is_non_signee(portfolio):
    portfolio.edit(
        "    attestation: attestations/stage2.pdf\n    attestation_signee: true",
        "    attestation: attestations/stage2.pdf\n    attestation_signee: false",
    )
    stage2 = facts(portfolio)[1]
    assert stage2.state is AttestationState.NON_SIGNEE
    assert stage2.path == (portfolio.root / "attestations" / "stage2.pdf").resolve()
    assert stage2.signee is False


def test_a_stage_without_attestation_key_is_absente(portfolio):
    portfolio.drop("    attestation: attestations/stage2.pdf\n    attestation_signee: true")
    stage2 = facts(portfolio)[1]
    assert (stage2.state, stage2.attestation, stage2.path) == (AttestationState.ABSENTE, None, None)
    # the same decision as the rule: attestation-manquante for this stage only
    assert [f.rule for f in portfolio.findings()] == ["attestation-manquante"]


def test_a_missing_file_is_introuvable(portfolio):
    (portfolio.root / "attestations" / "stage2.pdf").unlink()
    stage2 = facts(portfolio)[1]
    assert (stage2.state, stage2.path, stage2.problem) == (AttestationState.INTROUVABLE, None, "absent")
    assert stage2.attestation == "attestations/stage2.pdf"


def test_a_missing_file_under_sans_attestations_is_non_verifiee(portfolio):
    (portfolio.root / "attestations" / "stage2.pdf").unlink()
    assert states(portfolio, skip_attestation_files=True) == [AttestationState.SIGNEE, AttestationState.NON_VERIFIEE]
    stage2 = facts(portfolio, skip_attestation_files=True)[1]
    assert (stage2.path, stage2.signee) == (None, True)


def test_a_name_differing_by_case_stays_introuvable_under_sans_attestations(portfolio):
    attestations = portfolio.root / "attestations"
    (attestations / "stage2.pdf").rename(attestations / "Stage2.pdf")
    if (attestations / "stage2.pdf").exists():
        pytest.skip("case-insensitive file system: the two names are the same file")
    assert states(portfolio, skip_attestation_files=True)[1] is AttestationState.INTROUVABLE


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("../attestation.pdf", "dehors"),
        ("/home/lea/attestation.pdf", "absolu"),
        ("C:/Users/lea/attestation.pdf", "absolu"),
    ],
)
@pytest.mark.parametrize("skip", [False, True])
def test_a_file_outside_the_folder_is_introuvable_even_under_sans_attestations(portfolio, written, problem, skip):
    (portfolio.root.parent / "attestation.pdf").write_bytes(b"%PDF-1.4 hors du dossier")  # it exists, outside
    portfolio.edit("attestation: attestations/stage1.pdf", f"attestation: {written}")
    stage1 = facts(portfolio, skip_attestation_files=skip)[0]
    assert (stage1.state, stage1.path, stage1.problem) == (AttestationState.INTROUVABLE, None, problem)


def test_a_symbolic_link_leading_out_is_introuvable(portfolio):
    outside = portfolio.root.parent / "attestation.pdf"
    outside.write_bytes(b"%PDF-1.4 hors du dossier")
    link = portfolio.root / "attestations" / "lien.pdf"
    try:
        os.symlink(outside, link)
    except OSError:
        pytest.skip("symbolic links cannot be made here (Windows without the privilege)")
    portfolio.edit("attestation: attestations/stage1.pdf", "attestation: attestations/lien.pdf")
    stage1 = facts(portfolio)[0]
    assert (stage1.state, stage1.path, stage1.problem) == (AttestationState.INTROUVABLE, None, "symlink")


def test_a_folder_is_introuvable(portfolio):
    portfolio.edit("attestation: attestations/stage1.pdf", "attestation: attestations")
    stage1 = facts(portfolio)[0]
    assert (stage1.state, stage1.problem) == (AttestationState.INTROUVABLE, "dossier")


def test_each_attestation_is_resolved_once_per_analysis(portfolio, monkeypatch):
    """The facts come from the resolution the file rules made, not from a second one."""
    resolved: list[str] = []
    real = files.resolve_ref

    def counting(root, ref):
        if ref.is_attestation:
            resolved.append(ref.text)
        return real(root, ref)

    monkeypatch.setattr(files, "resolve_ref", counting)
    assert states(portfolio) == [AttestationState.SIGNEE, AttestationState.SIGNEE]
    assert resolved == ["attestations/stage1.pdf", "attestations/stage2.pdf"]
