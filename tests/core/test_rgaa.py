"""The RGAA 4.1.2 shipped as data (official text, its licence) and the reviewed table « check → criteria »."""

from __future__ import annotations

import csv
import io
from importlib import resources

from e5portfolio.core.referential.rgaa import NO_CRITERION, load_rgaa


def test_the_data_is_the_official_rgaa_4_1_2_thirteen_themes_and_106_criteria():
    rgaa = load_rgaa()
    assert rgaa.version == "4.1.2"
    assert len(rgaa.themes) == 13 and len(rgaa.criteria) == 106
    assert [len(theme.criteria) for theme in rgaa.themes] == [9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12]
    assert [theme.title for theme in rgaa.themes][:3] == ["Images", "Cadres", "Couleurs"]
    assert rgaa.themes[8].title == "Structuration de l’information"


def test_titles_are_verbatim():
    """Character for character, the non-breaking space before « ? » included."""
    criteria = load_rgaa().criteria
    assert criteria["1.1"].title == "Chaque image porteuse d’information a-t-elle une alternative textuelle\u00a0?"
    assert criteria["3.2"].title == (
        "Dans chaque page web, le contraste entre la couleur du texte et la couleur de son "
        "arrière-plan est-il suffisamment élevé (hors cas particuliers)\u00a0?"
    )
    assert criteria["8.3"].title == "Dans chaque page web, la langue par défaut est-elle présente\u00a0?"
    assert criteria["12.7"].title == (
        "Dans chaque page web, un lien d’évitement ou d’accès rapide à la zone de contenu "
        "principal est-il présent (hors cas particuliers)\u00a0?"
    )
    assert criteria["13.12"].title.startswith("Dans chaque page web, les fonctionnalités qui impliquent un mouvement")


def test_wcag_references_and_short_names():
    criteria = load_rgaa().criteria
    assert criteria["3.2"].wcag == ("1.4.3",)
    assert criteria["11.1"].wcag == ("1.3.1", "2.4.6", "3.3.2", "4.1.2")
    assert criteria["3.2"].name == "RGAA 3.2 — contraste du texte"
    assert all(c.label and c.label == c.label.strip() for c in criteria.values())


def test_the_licence_and_the_source_are_shipped_beside_the_data():
    folder = resources.files("e5portfolio.core.referential.rgaa")
    assert "LICENCE OUVERTE 2.0" in folder.joinpath("LICENCE-Ouverte-2.0.md").read_text(encoding="utf-8")
    source = folder.joinpath("SOURCE.md").read_text(encoding="utf-8")
    assert "DISIC/accessibilite.numerique.gouv.fr" in source and "Licence Ouverte 2.0" in source


def test_every_static_and_build_check_has_a_reviewed_row():
    from e5portfolio.audit.a11y_static import RULES

    rgaa = load_rgaa()
    for rule in [*(f"a11y-{r.id}" for r in RULES), "couleur-contraste"]:
        assert rgaa.mapping(rule) is not None, rule
    assert rgaa.names_of("a11y-image-alt") == "RGAA 1.1 — alternative textuelle des images"
    assert rgaa.names_of("couleur-contraste") == "RGAA 3.2 — contraste du texte"
    assert rgaa.names_of("a11y-color-contrast") == "RGAA 3.2 — contraste du texte"
    assert rgaa.names_of("a11y-page-has-heading-one") == NO_CRITERION
    assert rgaa.names_of("a11y-link-purpose") == "RGAA 6.1 — liens explicites"


def test_every_row_is_reviewed_and_names_known_criteria():
    text = resources.files("e5portfolio.core.referential.rgaa").joinpath("correspondance.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    criteria = load_rgaa().criteria
    for row in rows:
        assert row["revue"] and row["revue"] != "À REVOIR", row["regle"]
        assert row["criteres"] == NO_CRITERION or all(n in criteria for n in row["criteres"].split()), row
        # the derivation is kept beside the review: every derived criterion exists too
        assert all(n in criteria for n in row["derives"].split()), row
    assert len({row["regle"] for row in rows}) == len(rows)
