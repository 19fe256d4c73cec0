"""The rules of core/validate.py and core/loader.py (schema, cle-inconnue, date-invalide): a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

from .conftest import ERROR, WARNING
from .rule_messages import LAB_AD

# --- schema ------------------------------------------------------------------------------------------


def test_schema_missing_required_key(portfolio):
    assert portfolio.drop("  nom: MARTIN").found("schema") == [
        (ERROR, 3, 1, "clé obligatoire « nom » absente dans « candidat » : ajoutez « nom: … »")
    ]


def test_schema_missing_key_in_a_list_item(portfolio):
    assert portfolio.drop("    description: Nouvelle page des agences.").found("schema") == [
        (ERROR, 57, 5, "clé obligatoire « description » absente dans la réalisation n° 3 : ajoutez « description: … »")
    ]


def test_schema_missing_key_in_a_nested_mapping(portfolio):
    assert portfolio.drop("      fin: 06/02/2026").found("schema") == [
        (ERROR, 60, 5, "clé obligatoire « fin » absente dans « periode » de la réalisation n° 3 : ajoutez « fin: … »")
    ]


def test_schema_wrong_type(portfolio):
    assert portfolio.edit("session: 2026", "session: deux mille").found("schema") == [
        (ERROR, 8, 12, "« session » doit être un nombre entier, pas le texte « deux mille »")
    ]


def test_schema_number_where_text_is_expected(portfolio):
    assert portfolio.edit('numero: "02412345678"', "numero: 12345678").found("schema") == [
        (
            ERROR,
            6,
            11,
            "« numero » doit être un texte, pas le nombre 12345678 : mettez la valeur "
            'entre guillemets, « numero: "12345678" »',
        )
    ]


def test_schema_number_with_a_leading_zero_is_shown_as_written(portfolio):
    # YAML 1.1 reads 02412345670 as an octal number (2…, in decimal): show what the student wrote.
    assert portfolio.edit('numero: "02412345678"', "numero: 02412345670").found("schema") == [
        (
            ERROR,
            6,
            11,
            "« numero » doit être un texte, pas le nombre 02412345670 : mettez la valeur "
            'entre guillemets, « numero: "02412345670" »',
        )
    ]


def test_schema_yes_read_as_a_boolean_is_shown_as_written(portfolio):
    assert portfolio.edit("nom: MARTIN", "nom: yes").found("schema") == [
        (
            ERROR,
            4,
            8,
            "« nom » doit être un texte, pas « yes » (lu comme le booléen true) : mettez la "
            'valeur entre guillemets, « nom: "yes" »',
        )
    ]


def test_schema_quoted_number(portfolio):
    assert portfolio.edit("session: 2026", 'session: "2026"').found("schema") == [
        (
            ERROR,
            8,
            12,
            "« session » doit être un nombre entier, pas le texte « 2026 » : écrivez-la sans "
            "guillemets, « session: 2026 »",
        )
    ]


def test_schema_quoted_number_among_allowed_values(portfolio):
    assert portfolio.edit("    annee: 1", '    annee: "1"').found("schema") == [
        (ERROR, 18, 12, "valeur « 1 » non autorisée pour « annee » : écrivez le nombre sans guillemets : « annee: 1 »")
    ]


def test_schema_value_not_allowed_with_suggestion(portfolio):
    assert portfolio.edit("option: SISR", "option: sisr").found("schema") == [
        (ERROR, 7, 11, "valeur « sisr » non autorisée pour « option » : vouliez-vous écrire « SISR » ?")
    ]


def test_schema_value_not_allowed_lists_the_values(portfolio):
    assert portfolio.edit("option: SISR", "option: réseau").found("schema") == [
        (ERROR, 7, 11, "valeur « réseau » non autorisée pour « option » : écrivez SISR ou SLAM")
    ]


def test_schema_bool_expected(portfolio):
    assert portfolio.edit("equipe: true", "equipe: oui").found("schema") == [
        (ERROR, 48, 13, "« equipe » doit être true ou false, pas le texte « oui » : écrivez « equipe: true »")
    ]


def test_schema_non_as_a_boolean_says_false(portfolio):
    assert portfolio.edit("equipe: true", "equipe: Non").found("schema") == [
        (ERROR, 48, 13, "« equipe » doit être true ou false, pas le texte « Non » : écrivez « equipe: false »")
    ]


def test_schema_codes_written_as_text_instead_of_a_list(portfolio):
    portfolio.edit("competences: [B1.2.1, B1.2.2, B1.2.3, B1.4.1, B1.4.2, B1.4.3]", "competences: B1.2, B1.4")
    assert portfolio.found("schema") == [
        (
            ERROR,
            51,
            18,
            "« competences » doit être une liste (lignes commençant par « - »), pas le texte "
            "« B1.2, B1.4 » : écrivez la liste entre crochets, « competences: [B1.2, B1.4] »",
        )
    ]


def test_optional_lists_left_empty_are_empty_lists(portfolio):
    # « stages: » with nothing under it, early in the training: no stage yet, not a schema error.
    text = portfolio.text()
    start, end = text.index("  - id: stage1"), text.index("realisations:")
    portfolio.write(text[:start] + text[end:])
    portfolio.edit("    stage: stage1\n", "    cadre: entreprise\n    annee: 1\n")
    assert portfolio.found("schema") == []
    assert [f[:2] for f in portfolio.found("duree-stages")] == [(WARNING, 15)]


def test_schema_bad_slug(portfolio):
    assert portfolio.edit("  - id: site-web", "  - id: Site Web").found("schema") == [
        (
            ERROR,
            57,
            9,
            "valeur « Site Web » invalide pour « id » : lettres minuscules sans accent, "
            "chiffres et tirets, par exemple « glpi-inventaire »",
        )
    ]


def test_schema_production_with_both_fichier_and_lien(portfolio):
    portfolio.edit(
        "        lien: https://github.com/lea-martin/inventaire",
        "        lien: https://github.com/lea-martin/inventaire\n        fichier: productions/deployer.ps1",
    )
    assert portfolio.found("schema") == [
        (ERROR, 55, 9, "production « Dépôt » : indiquez soit « fichier », soit « lien » (ici les deux)")
    ]


def test_schema_cadre_required_without_stage(portfolio):
    assert portfolio.drop("    cadre: formation").found("schema") == [
        (
            ERROR,
            31,
            5,
            f"{LAB_AD} : clé « cadre » absente ; écrivez « cadre: formation » ou « cadre: "
            "entreprise » (ou rattachez-la à un stage avec « stage: »)",
        )
    ]


def test_schema_empty_competence_list(portfolio):
    portfolio.edit("[B1.3.1, B1.3.2, B1.3.3, B1.6.1, B1.6.2, B1.6.3, B1.6.4]", "[]")
    assert portfolio.found("schema") == [
        (
            ERROR,
            64,
            5,
            "« competences » ne peut pas être vide : indiquez au moins un code de compétence, par exemple B1.1",
        )
    ]


def test_schema_url_without_scheme(portfolio):
    portfolio.edit("url: https://lea-martin.github.io/portfolio/", "url: lea-martin.github.io")
    assert portfolio.found("schema") == [
        (
            ERROR,
            11,
            8,
            "adresse « lea-martin.github.io » invalide pour « url » : elle doit commencer par https:// (ou http://)",
        )
    ]


# --- cle-inconnue --------------------------------------------------------------------------------------


def test_unknown_key_suggests_the_closest_and_hides_the_missing_one(portfolio):
    assert portfolio.edit("  prenom: Léa", "  prenon: Léa").findings() != []
    assert [(f.rule, f.line) for f in portfolio.findings()] == [("cle-inconnue", 5)]
    assert portfolio.found("cle-inconnue") == [
        (ERROR, 5, 3, "clé inconnue « prenon » dans « candidat » : vouliez-vous écrire « prenom » ?")
    ]


def test_unknown_key_in_a_list_item(portfolio):
    assert portfolio.edit("    description: Nouvelle", "    descripton: Nouvelle").found("cle-inconnue") == [
        (ERROR, 63, 5, "clé inconnue « descripton » dans la réalisation n° 3 : vouliez-vous écrire « description » ?")
    ]


def test_unknown_key_at_the_root(portfolio):
    assert portfolio.edit("veille:", "veile:").found("cle-inconnue") == [
        (ERROR, 68, 1, "clé inconnue « veile » à la racine du fichier : vouliez-vous écrire « veille » ?")
    ]


def test_unknown_key_without_close_match_lists_the_keys(portfolio):
    assert portfolio.edit("  prenom: Léa", "  prenom: Léa\n  zzz: 1").found("cle-inconnue") == [
        (
            ERROR,
            6,
            3,
            "clé inconnue « zzz » dans « candidat » ; clés possibles ici : nom, prenom, numero, "
            "option, session, centre, modalite, url, courriel, photo, identite_pro",
        )
    ]


def test_accented_key_suggests_the_key_without_accent(portfolio):
    assert portfolio.edit("    cadre: formation", "    cadre: formation\n    équipe: false").found("cle-inconnue") == [
        (ERROR, 34, 5, "clé inconnue « équipe » dans la réalisation n° 1 : vouliez-vous écrire « equipe » ?")
    ]


# --- date-invalide -------------------------------------------------------------------------------------


def test_date_that_does_not_exist(portfolio):
    assert portfolio.edit("      fin: 06/02/2026", "      fin: 30/02/2026").found("date-invalide") == [
        (
            ERROR,
            62,
            12,
            "date « 30/02/2026 » invalide pour « fin » (date inexistante) : écrivez une date "
            "qui existe, au format JJ/MM/AAAA (19/05/2025) ou AAAA-MM-JJ (2025-05-19)",
        )
    ]


def test_date_in_another_format(portfolio):
    assert portfolio.edit("    debut: 2025-05-19", "    debut: mai 2025").found("date-invalide") == [
        (
            ERROR,
            19,
            12,
            "date « mai 2025 » invalide pour « debut » (format de date non reconnu) : écrivez "
            "une date qui existe, au format JJ/MM/AAAA (19/05/2025) ou AAAA-MM-JJ (2025-05-19)",
        )
    ]
