"""The forms' labels are data (referential/fiches-2026.yaml), verbatim from the official annex."""

from __future__ import annotations

import re

import pytest

from e5portfolio.core.referential import load_referential
from e5portfolio.fiches.labels import LEVELS, MOTIFS, PENALTIES

from .conftest import ANNEXE, LABELS, flat


def all_labels(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in all_labels(value)]
    if isinstance(node, (list, tuple)):
        return [text for value in node for text in all_labels(value)]
    return []


def form_labels() -> list[str]:
    data = LABELS.model_dump(by_alias=True)
    return all_labels({k: v for k, v in data.items() if k != "session"})


@pytest.mark.parametrize("label", form_labels())
def test_each_label_is_verbatim_in_the_annex(label):
    assert flat(label) in flat(ANNEXE.read_text(encoding="utf-8"))


def test_the_annex_is_covered_in_order():
    """The labels follow the annex: motifs, levels, penalties, in its order."""
    annex = flat(ANNEXE.read_text(encoding="utf-8"))
    motifs = [annex.index(flat(LABELS.conformite.motifs[m])) for m in MOTIFS]
    assert motifs == sorted(motifs)
    levels = [annex.index(LABELS.grille.niveaux[level]) for level in LEVELS]
    assert levels == sorted(levels)
    assert len(LABELS.grille.criteres) == 5


def test_penalty_points_in_labels_match_the_referential():
    referential = load_referential(2026)
    for key in PENALTIES:
        label = LABELS.grille.penalites[key]
        assert label.startswith(referential.penalites[key].libelle)
        assert re.search(rf"\({referential.penalites[key].points} points de pénalité\)", label)


def test_an_unknown_session_falls_back_to_the_default_labels():
    from e5portfolio.fiches.labels import load_labels

    assert load_labels(2031) == LABELS
