"""The three forms printed by real headless Chromium and read back with pdftotext: every official
label verbatim, the right boxes ticked, the réalisations under each competence, the marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from e5portfolio.core.referential import load_referential
from tests.support.browser import require_chromium

from .conftest import (
    LABELS,
    NO_B13,
    SAMPLE,
    SHORT_STAGE,
    TICKED,
    UNSIGNED,
    derived_portfolio,
    flat,
    pdf_pages,
    pdf_text,
    run_cli,
    ticked,
    ticked_after,
)
from .test_evaluation import FULL, audit_report, write
from .test_labels import all_labels

pytestmark = pytest.mark.browser

REFERENTIAL = load_referential(2026)
C = LABELS.conformite


def identification_labels() -> list[str]:
    i = LABELS.identification
    return [i.nom, i.numero, i.ponctuelle, i.ccf, i.commission, *i.options.values(), i.date, i.membres, LABELS.epreuve]


def assert_all_present(text: str, labels: list[str]) -> None:
    missing = [label for label in labels if flat(label) not in flat(text)]
    assert missing == []


def conformite(portfolio: Path, output: Path) -> str:
    require_chromium()
    result = run_cli("fiches", "conformite", portfolio, "-o", output)
    assert result.exit_code == 0, result.output
    assert f"Fiche de contrôle de conformité écrite dans {output}" in result.stdout
    return pdf_text(output)


def motifs_ticked(text: str) -> dict[str, bool]:
    boxes = {key: ticked(text, label) for key, label in C.motifs.items()}
    boxes["non-valide"] = ticked(text, C.non_valide)
    return boxes


def test_conformite_of_the_sample_ticks_nothing(tmp_path):
    text = conformite(SAMPLE, tmp_path / "camille.pdf")
    assert_all_present(text, all_labels(C.model_dump(by_alias=True)) + [LABELS.epreuve])
    assert "LE GALL Camille" in text and "02534871209" in text
    assert not any(motifs_ticked(text).values())
    assert TICKED not in text
    assert "Durée des stages : 12 semaines (minimum requis : 10)" in flat(text)
    assert pdf_pages(tmp_path / "camille.pdf") == 1


def test_conformite_of_a_short_stage_ticks_the_duration_and_nv(tmp_path):
    portfolio = derived_portfolio(tmp_path / "court", SHORT_STAGE)
    result_text = conformite(portfolio, tmp_path / "court.pdf")
    assert motifs_ticked(result_text) == {
        "absence-dossier": False,
        "depot-hors-delai": False,
        "duree-stage": True,
        "attestations": False,
        "non-valide": True,
    }
    assert "Durée des stages : 8 semaines (minimum requis : 10)" in flat(result_text)


def test_conformite_of_an_unsigned_attestation_ticks_the_attestations(tmp_path):
    portfolio = derived_portfolio(tmp_path / "non-signee", UNSIGNED)
    text = conformite(portfolio, tmp_path / "non-signee.pdf")
    assert motifs_ticked(text) == {
        "absence-dossier": False,
        "depot-hors-delai": False,
        "duree-stage": False,
        "attestations": True,
        "non-valide": False,
    }
    assert "Infogérance Ouest, Cesson-Sévigné (05/01/2026 – 13/02/2026) : attestation non signée" in flat(text)


def test_conformite_of_a_missing_attestation_file_ticks_the_attestations(tmp_path):
    portfolio = derived_portfolio(tmp_path / "sans-fichier")
    (portfolio / "attestations" / "stage1.pdf").unlink()
    text = conformite(portfolio, tmp_path / "sans-fichier.pdf")
    assert motifs_ticked(text)["attestations"] is True
    assert "fichier « attestations/stage1.pdf » introuvable" in flat(text)


def test_grille_without_evaluation_leaves_levels_and_notes_to_the_jury(tmp_path):
    require_chromium()
    output = tmp_path / "grille.pdf"
    result = run_cli("fiches", "grille", SAMPLE, "-o", output)
    assert result.exit_code == 0, result.output
    text = pdf_text(output)
    g = LABELS.grille
    assert_all_present(
        text,
        identification_labels()
        + all_labels(g.model_dump())
        + [c.intitule for c in REFERENTIAL.competences]
        + [REFERENTIAL.indicateur_equipe],
    )
    assert pdf_pages(output) == 2  # recto verso
    assert text.count(TICKED) == 2  # OPTION SISR and « Contrôle en cours de formation », nothing else
    assert ticked_after(text, "OPTION SISR") and not ticked_after(text, "OPTION SLAM")
    assert ticked_after(text, LABELS.identification.ccf) and not ticked_after(text, LABELS.identification.ponctuelle)
    assert not ticked(text, g.penalites["portfolio-inaccessible"])
    assert "NOTE / 20" in flat(text) and "NOTE FINALE / 20" in flat(text)  # left empty
    assert "compétence non mobilisée" not in text
    # the réalisations that mobilise B1.3 are listed under it
    assert "Mise à jour du site WordPress" in flat(text.split("Développer la présence en ligne")[1])


def test_grille_with_evaluation_and_audit(tmp_path):
    require_chromium()
    portfolio = derived_portfolio(tmp_path / "sans-b13", NO_B13)
    output = tmp_path / "grille.pdf"
    evaluation = write(tmp_path, FULL.replace("penalites:\n  tableau-absent: true\n", ""))
    audit = audit_report(tmp_path, inaccessible=True)
    result = run_cli("fiches", "grille", portfolio, "--evaluation", evaluation, "--audit", audit, "-o", output)
    assert result.exit_code == 0, result.output
    text = pdf_text(output)
    flattened = flat(text)
    assert flattened.count("compétence non mobilisée") == 1
    assert "compétence non mobilisée" in flat(
        text.split("Développer la présence en ligne")[1].split("Travailler en mode projet")[0]
    )
    assert ticked(text, LABELS.grille.penalites["portfolio-inaccessible"])
    assert not ticked(text, LABELS.grille.penalites["tableau-absent"])
    assert "portfolio inaccessible : la page d'accueil répond 404 (audit du" in flattened
    assert "NOTE 13,25 / 20" in flattened
    assert "NOTE FINALE 4 / 20" in flattened  # 14 − 10
    assert "N° commission : 12" in flattened and "Mme Riou" in flattened and "12 / 05 / 2026" in flattened
    # option, modalité, three levels and one penalty
    assert text.count(TICKED) == 6


def test_appreciation_carries_the_final_mark_and_observations(tmp_path):
    require_chromium()
    output = tmp_path / "appreciation.pdf"
    result = run_cli("fiches", "appreciation", SAMPLE, "--evaluation", write(tmp_path, FULL), "-o", output)
    assert result.exit_code == 0, result.output
    assert "note finale : 12/20" in result.stdout
    text = pdf_text(output)
    assert_all_present(text, identification_labels() + all_labels(LABELS.appreciation.model_dump()))
    flattened = flat(text)
    for words in ("Présentation claire.", "Réponses précises.", "Toutes les compétences sont mobilisées."):
        assert words in flattened
    assert "NOTE 12 / 20" in flattened
    assert pdf_pages(output) == 1


def test_a_user_file_is_never_replaced_but_our_own_form_is(tmp_path):
    require_chromium()
    mine = tmp_path / "fiche.pdf"
    mine.write_bytes(b"%PDF-1.4 mon document")
    result = run_cli("fiches", "conformite", SAMPLE, "-o", mine)
    assert result.exit_code == 2
    assert "n'est pas une fiche écrite par e5portfolio" in result.stderr
    assert mine.read_bytes() == b"%PDF-1.4 mon document"
    ours = tmp_path / "conformite.pdf"
    assert run_cli("fiches", "conformite", SAMPLE, "-o", ours).exit_code == 0
    assert run_cli("fiches", "grille", SAMPLE, "-o", ours).exit_code == 0  # replaces a form it wrote
    assert LABELS.grille.recto in pdf_text(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conformite.pdf", "fiche.pdf"]


def test_an_unreadable_portfolio_is_reported_not_printed(tmp_path):
    folder = tmp_path / "casse"
    folder.mkdir()
    (folder / "portfolio.yml").write_text("candidat: [\n", encoding="utf-8")
    result = run_cli("fiches", "conformite", folder, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "portfolio.yml:" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_grille_with_another_sites_report_needs_force_and_names_the_address(tmp_path):
    require_chromium()
    other = audit_report(tmp_path, inaccessible=True, target="https://autre-eleve.github.io/portfolio/")
    output = tmp_path / "grille.pdf"
    refused = run_cli("fiches", "grille", SAMPLE, "--audit", other, "-o", output)
    assert refused.exit_code == 2 and not output.exists()
    result = run_cli("fiches", "grille", SAMPLE, "--audit", other, "--audit-force", "-o", output)
    assert result.exit_code == 0, result.output
    flattened = flat(pdf_text(output))
    assert (
        "Audit de « https://autre-eleve.github.io/portfolio/ » le 02/03/2026, sans le navigateur ; cible "
        "différente de celle du candidat, acceptée par --audit-force."
    ) in flattened
