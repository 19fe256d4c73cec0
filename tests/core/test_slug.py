"""One slug for every name the tool makes: réalisation ids and every file named after a person."""

from __future__ import annotations

import pytest

from e5portfolio.audit.classe import Candidate, report_name
from e5portfolio.core.slug import slugify
from e5portfolio.fiches.classe import form_name


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Inventaire du parc avec GLPI", "inventaire-du-parc-avec-glpi"),
        ("O'Brien", "o-brien"),
        ("O’Brien", "o-brien"),  # the typographic apostrophe separates words too
        ("Élodie", "elodie"),
        ("Cœur de réseau", "coeur-de-reseau"),
        ("Ægir Straße", "aegir-strasse"),
        ("N° 12", "n-12"),
        ("", "realisation"),
        ("x" * 80, "x" * 60),
    ],
)
def test_the_agreed_slug(text, slug):
    assert slugify(text) == slug


def test_a_name_without_letters_falls_back_to_what_it_names():
    assert slugify("!!!", fallback="candidat") == "candidat"


def test_class_reports_and_forms_name_o_brien_the_same_way():
    candidate = Candidate(line=2, nom="O’Brien", prenom="Seán", numero="", url="x")
    assert report_name(1, candidate) == "01-o-brien-sean.html"
    assert form_name(1, candidate, "grille") == "01-o-brien-sean-grille.pdf"
