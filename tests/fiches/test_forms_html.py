"""The forms' HTML, before printing: what does not need a browser to be checked."""

from __future__ import annotations

from e5portfolio.core.referential import load_referential
from e5portfolio.fiches.evaluation import marks
from e5portfolio.fiches.forms import GrilleData, Identity, grille_html
from e5portfolio.fiches.labels import load_labels

REFERENTIAL = load_referential(2026)


def test_the_verso_names_at_most_six_realisations_per_competence():
    titles = [f"Réalisation n° {n}" for n in range(1, 10)]
    data = GrilleData(Identity("MARTIN Léa"), {"B1.1": titles}, marks(None, None, REFERENTIAL))
    page = grille_html(data, load_labels(2026), REFERENTIAL)
    assert "Réalisation n° 6 ; et 3 autre(s)" in page and "Réalisation n° 7" not in page
    assert page.count("compétence non mobilisée") == 5
