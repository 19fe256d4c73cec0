"""Publishing boundaries: what may not be a production (attestation, portfolio.yml, prive.yml,
the generated site), and invisible characters that change how names read."""

from __future__ import annotations

import pytest

from .conftest import ERROR

SUFFIX = {
    "attestation": "est l'attestation du stage « stage1 » : une attestation n'est publiée qu'avec "
    "« publication: attestations: true » ; retirez cette production",
    "dossier-attestations": "est dans le dossier attestations/, qui n'est pas publié (données personnelles) : "
    "retirez cette production",
    "portfolio": "est le fichier portfolio.yml lui-même : il est déjà la source du site ; citez plutôt une "
    "production (script, procédure, configuration…)",
    "prive": "est votre fichier privé prive.yml, qui n'est jamais publié : retirez cette production",
    "site": "est dans le dossier du site généré par « e5portfolio build » (remplacé à chaque construction) : "
    "citez le fichier d'origine, pas sa copie dans le site",
}


@pytest.mark.parametrize(
    "path, files, why",
    [
        ("attestations/stage1.pdf", [], "attestation"),
        ("./attestations//stage1.pdf", [], "attestation"),
        ("attestations/stage3.pdf", ["attestations/stage3.pdf"], "dossier-attestations"),
        ("portfolio.yml", [], "portfolio"),
        ("prive.yml", ["prive.yml"], "prive"),
        ("donnees/Prive.yml", ["donnees/Prive.yml"], "prive"),
        ("site/fichiers/productions/procedure.md", ["site/fichiers/productions/procedure.md"], "site"),
        ("public/fichiers/procedure.md", ["public/.e5portfolio-site", "public/fichiers/procedure.md"], "site"),
        (".site.e5portfolio-x1y2/procedure.md", [".site.e5portfolio-x1y2/procedure.md"], "site"),
    ],
)
def test_a_production_that_may_not_be_published(portfolio, path: str, files: list[str], why: str):
    for name in files:
        # prive.yml beside portfolio.yml is merged at load: give it valid private data.
        portfolio.add_file(name, 'candidat:\n  numero: "02412345678"\n' if name == "prive.yml" else "contenu\n")
    portfolio.edit("        fichier: productions/procedure.md", f"        fichier: {path}")
    assert portfolio.found("production-non-publiable") == [
        (ERROR, 41, 18, f"production « Procédure » : « {path} » {SUFFIX[why]}")
    ]


def test_ordinary_productions_and_the_stage_attestation_itself_are_fine(portfolio):
    portfolio.add_file("productions/site/index.html", "<p>maquette</p>\n")  # a folder named site, elsewhere
    portfolio.edit("        fichier: productions/procedure.md", "        fichier: productions/site/index.html")
    assert portfolio.found("production-non-publiable") == []


@pytest.mark.parametrize(
    "old, new, line, column, message",
    [
        (
            "  nom: MARTIN",
            '  nom: "MAR\u202eNITRAM"',
            4,
            8,
            "« nom » sous « candidat: » contient le caractère de contrôle U+202E (inversion du sens du texte)",
        ),
        (
            "  prenom: Léa",
            '  prenom: "L\u2067éa"',
            5,
            11,
            "« prenom » sous « candidat: » contient le caractère de contrôle U+2067 (isolat droite à gauche)",
        ),
        (
            "    organisation: Mairie de Rennes",
            '    organisation: "Mairie\\nde Rennes"',
            17,
            19,
            "« organisation » du stage n° 1 contient le caractère de contrôle U+000A (saut de ligne)",
        ),
        (
            "    intitule: Domaine Active Directory du laboratoire",
            '    intitule: "Domaine\\u200f AD"',
            32,
            15,
            "« intitule » de la réalisation n° 1 contient le caractère de contrôle U+200F (marque de sens droite à gauche)",
        ),
        (
            "        fichier: productions/procedure.md",
            '        fichier: "productions/\\rprocedure.md"',
            41,
            18,
            "« fichier » de la réalisation n° 1 contient le caractère de contrôle U+000D (retour chariot)",
        ),
        (
            "    description: Annuaire et stratégies de groupe.",
            '    description: "Annuaire \u202dAD"',
            37,
            18,
            "« description » de la réalisation n° 1 contient le caractère de contrôle U+202D (forçage gauche à droite)",
        ),
    ],
)
def test_bidi_controls_and_line_breaks_are_named(portfolio, old: str, new: str, line: int, column: int, message: str):
    portfolio.edit(old, new)
    assert portfolio.found("caractere-de-controle") == [
        (ERROR, line, column, message + " : supprimez-le (retapez la valeur sur une seule ligne, sans copier-coller)")
    ]


def test_line_breaks_are_fine_in_markdown_texts_and_at_the_end_of_a_block(portfolio):
    portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: |\n      Annuaire.\n\n      Stratégies de groupe.",
    )
    portfolio.edit(
        "    intitule: Domaine Active Directory du laboratoire",
        "    intitule: |\n      Domaine Active Directory du laboratoire",
    )
    assert portfolio.found("caractere-de-controle") == []
