"""Every rule of the contract: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from e5portfolio.checks import LOAD_RULES, RULES

from .conftest import CONTRACT_RULES, ERROR, INFO, KNOWN_RULES, WARNING, PortfolioCopy

LAB_AD = "réalisation « Domaine Active Directory du laboratoire »"
GLPI = "réalisation « Inventaire du parc avec GLPI »"
SITE = "réalisation « Évolution du site web »"
OUTSIDE = (
    "copiez le fichier dans le dossier du portfolio et écrivez un chemin relatif, par exemple "
    "productions/mon-fichier.pdf"
)
NOT_FOUND = "vérifiez le nom et l'emplacement du fichier (chemin relatif au dossier de portfolio.yml)"
ATTESTATION_ADVICE = (
    "les attestations ne sont pas envoyées sur GitHub (.gitignore) : si elle est restée sur "
    "un autre ordinateur, copiez-la à cet emplacement"
)
NOT_CHECKED = (
    "non vérifié (--sans-attestations : les attestations restent sur votre ordinateur) ; lancez "
    "« e5portfolio check » sur votre ordinateur pour le vérifier avant « e5portfolio dossier »"
)
SECRET_ADVICE = (
    "remplacez-le par ******** ou une variable d'environnement avant de publier, et "
    "changez ce secret s'il a déjà été publié"
)


# --- the registry and the base ---------------------------------------------------------------------


def test_registry_implements_every_contract_rule():
    assert set(CONTRACT_RULES) <= {r.id for r in RULES} | set(LOAD_RULES)
    assert len({r.id for r in RULES}) == len(RULES)
    assert not set(LOAD_RULES) & {r.id for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_docstring_documents_a_correct_and_an_incorrect_case(rule):
    assert "Correct" in rule.doc and "Incorrect" in rule.doc


def test_base_portfolio_has_no_finding_at_all(portfolio: PortfolioCopy):
    assert portfolio.findings() == []


@pytest.mark.parametrize("rule", KNOWN_RULES)
def test_passing_case_of_every_rule_is_the_base(portfolio: PortfolioCopy, rule: str):
    assert portfolio.found(rule) == []


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


# --- periode-inversee ----------------------------------------------------------------------------------


def test_realisation_period_reversed(portfolio):
    assert portfolio.edit("      fin: 2025-03-07", "      fin: 2025-01-10").found("periode-inversee") == [
        (
            ERROR,
            36,
            12,
            f"{LAB_AD} : la fin (10/01/2025) est avant le début (13/01/2025) : corrigez les "
            "dates (sont-elles inversées ?)",
        )
    ]


def test_stage_period_reversed(portfolio):
    assert portfolio.edit("    fin: 2025-06-27", "    fin: 2025-05-01").found("periode-inversee") == [
        (
            ERROR,
            20,
            10,
            "stage « stage1 » : la fin (01/05/2025) est avant le début (19/05/2025) : "
            "corrigez les dates (sont-elles inversées ?)",
        )
    ]


def test_one_day_period_is_fine(portfolio):
    assert portfolio.edit("      fin: 2025-03-07", "      fin: 2025-01-13").found("periode-inversee") == []


# --- competence-inconnue -------------------------------------------------------------------------------

UNKNOWN = f"{LAB_AD} : le code de compétence « {{}} » n'existe pas dans le référentiel"


@pytest.mark.parametrize(
    "written, tail",
    [
        ("B11", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("b1.1", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("'B1,1'", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("'1.1'", " : vouliez-vous écrire « B1.1 » (Gérer le patrimoine informatique) ?"),
        ("B1-1-5", " : vouliez-vous écrire « B1.1.5 » (Gérer des sauvegardes) ?"),
        ("B 1.4", " : vouliez-vous écrire « B1.4 » (Travailler en mode projet) ?"),
        ("B.1.4.2", " : vouliez-vous écrire « B1.4.2 » (Planifier les activités) ?"),
        ("Gérer des sauvegardes", " : vouliez-vous écrire « B1.1.5 » (Gérer des sauvegardes) ?"),
        ("B1.1.7", " : la compétence B1.1 « Gérer le patrimoine informatique » n'a que 6 items, de B1.1.1 à B1.1.6"),
        (
            "B1.7",
            " ; codes possibles : B1.1 à B1.6 (les 6 compétences du bloc B1), ou B1.1.1, B1.1.2… "
            "pour un item d'une compétence",
        ),
        (
            "B2.1",
            " ; codes possibles : B1.1 à B1.6 (les 6 compétences du bloc B1), ou B1.1.1, B1.1.2… "
            "pour un item d'une compétence",
        ),
    ],
)
def test_unknown_competence_code(portfolio, written: str, tail: str):
    portfolio.edit("[B1.1, B1.1.1,", f"[{written}, B1.1.1,")
    shown = written.strip("'")
    assert portfolio.found("competence-inconnue") == [(ERROR, 38, 19, UNKNOWN.format(shown) + tail)]


def test_unknown_competence_code_position_inside_the_list(portfolio):
    portfolio.edit("B1.2.3, B1.4.1", "B1.2.4, B1.4.1")
    assert portfolio.found("competence-inconnue") == [
        (
            ERROR,
            51,
            35,
            f"{GLPI} : le code de compétence « B1.2.4 » n'existe pas dans le référentiel : la "
            "compétence B1.2 « Répondre aux incidents et aux demandes d'assistance et "
            "d'évolution » n'a que 3 items, de B1.2.1 à B1.2.3",
        )
    ]


# --- couverture-competences ----------------------------------------------------------------------------


def missing_competence(code: str, label: str) -> tuple:
    return (
        ERROR,
        30,
        1,
        f"la compétence {code} « {label} » n'est mobilisée par aucune réalisation : "
        "ajoutez-la à une réalisation qui la met en œuvre, ou décrivez une nouvelle "
        "réalisation",
    )


def test_one_finding_per_missing_competence_naming_it_verbatim(portfolio):
    portfolio.edit("[B1.3.1, B1.3.2, B1.3.3, B1.6.1, B1.6.2, B1.6.3, B1.6.4]", "[B1.6]")
    portfolio.edit("B1.2.3, B1.4.1, B1.4.2, B1.4.3]", "B1.2.3]")
    assert portfolio.found("couverture-competences") == [
        missing_competence("B1.3", "Développer la présence en ligne de l'organisation"),
        missing_competence("B1.4", "Travailler en mode projet"),
    ]


def test_citing_a_bullet_mobilises_its_competence(portfolio):
    portfolio.edit("[B1.1, B1.1.1,", "[B1.1.1,")
    assert portfolio.found("couverture-competences") == []


# --- production-manquante ------------------------------------------------------------------------------

NO_PRODUCTION = (
    ERROR,
    57,
    5,
    f"{SITE} sans production : ajoutez sous « productions: » au moins un "
    "document (titre + fichier) ou un lien (titre + lien)",
)


def test_realisation_without_productions_key(portfolio):
    portfolio.drop("    productions:\n      - titre: Compte rendu\n        fichier: productions/compte rendu été.md")
    assert portfolio.found("production-manquante") == [NO_PRODUCTION]


def test_realisation_with_productions_left_empty(portfolio):
    portfolio.edit(
        "    productions:\n      - titre: Compte rendu\n        fichier: productions/compte rendu été.md",
        "    productions:",
    )
    assert portfolio.found("schema") == []
    assert portfolio.found("production-manquante") == [NO_PRODUCTION]


def test_realisation_with_empty_productions(portfolio):
    portfolio.edit(
        "    productions:\n      - titre: Compte rendu\n        fichier: productions/compte rendu été.md",
        "    productions: []",
    )
    assert portfolio.found("production-manquante") == [NO_PRODUCTION]


# --- contribution-manquante ----------------------------------------------------------------------------


def test_team_work_without_contribution(portfolio):
    assert portfolio.drop("    contribution: J'ai déployé l'agent GLPI.").found("contribution-manquante") == [
        (ERROR, 48, 13, f"{GLPI} en équipe sans « contribution » : décrivez ce que vous avez fait vous-même")
    ]


def test_solo_work_needs_no_contribution(portfolio):
    portfolio.drop("    contribution: J'ai déployé l'agent GLPI.").edit("equipe: true", "equipe: false")
    assert portfolio.found("contribution-manquante") == []


# --- identifiant-duplique ------------------------------------------------------------------------------


def test_two_realisations_with_the_same_id(portfolio):
    assert portfolio.edit("  - id: site-web", "  - id: lab-ad").found("identifiant-duplique") == [
        (
            ERROR,
            57,
            9,
            "identifiant de réalisation « lab-ad » en double (déjà utilisé ligne 31) : donnez "
            "à chaque réalisation un « id » différent",
        )
    ]


def test_two_realisations_with_the_same_derived_id(portfolio):
    portfolio.edit(
        "  - id: glpi-inventaire\n    intitule: Inventaire du parc avec GLPI\n",
        "  - intitule: Inventaire du parc avec GLPI\n",
    )
    portfolio.edit(
        "  - id: site-web\n    intitule: Évolution du site web\n", "  - intitule: Inventaire du parc avec GLPI\n"
    )
    assert portfolio.found("identifiant-duplique") == [
        (
            ERROR,
            56,
            5,
            "identifiant de réalisation « inventaire-du-parc-avec-glpi » (déduit de l'intitulé) "
            "en double (déjà utilisé ligne 42) : donnez à chaque réalisation un « id » différent",
        )
    ]


def test_derived_id_equal_to_an_explicit_id(portfolio):
    portfolio.edit("  - id: site-web\n    intitule: Évolution du site web\n", "  - intitule: Lab AD\n")
    assert portfolio.found("identifiant-duplique") == [
        (
            ERROR,
            57,
            5,
            "identifiant de réalisation « lab-ad » (déduit de l'intitulé) en double (déjà "
            "utilisé ligne 31) : donnez à chaque réalisation un « id » différent",
        )
    ]


def test_two_stages_with_the_same_id(portfolio):
    portfolio.edit("  - id: stage2", "  - id: stage1")
    assert portfolio.found("identifiant-duplique") == [
        (
            ERROR,
            23,
            9,
            "identifiant de stage « stage1 » en double (déjà utilisé ligne 16) : donnez à chaque "
            "stage un « id » différent",
        )
    ]


# --- stage-inconnu -------------------------------------------------------------------------------------


def test_unknown_stage_with_a_close_id(portfolio):
    assert portfolio.edit("    stage: stage2", "    stage: stag2").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stag2 » n'existe pas : vouliez-vous écrire « stage2 » ?")
    ]


def test_unknown_stage_proposes_only_the_stage_whose_dates_contain_the_realisation(portfolio):
    # stage3 is as close to stage1 as to stage2, but only stage2 (05/01–13/02/2026) contains the
    # réalisation (12/01–06/02/2026): a deleted stage is not replaced by any stage.
    assert portfolio.edit("    stage: stage2", "    stage: stage3").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stage3 » n'existe pas : vouliez-vous écrire « stage2 » ?")
    ]


def test_unknown_stage_close_to_a_stage_at_other_dates_is_not_proposed(portfolio):
    portfolio.edit("      debut: 12/01/2026\n      fin: 06/02/2026", "      debut: 02/03/2026\n      fin: 20/03/2026")
    assert portfolio.edit("    stage: stage2", "    stage: stage3").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stage3 » n'existe pas ; stages déclarés : stage1, stage2")
    ]
    assert portfolio.edit("    stage: stage3", "    stage: stag2").found("stage-inconnu") == [
        (ERROR, 59, 12, f"{SITE} : le stage « stag2 » n'existe pas ; stages déclarés : stage1, stage2")
    ]


# --- fichier-introuvable -------------------------------------------------------------------------------


def test_missing_production_file(portfolio):
    portfolio.edit("productions/procedure.md", "productions/procedur.md")
    assert portfolio.found("fichier-introuvable") == [
        (ERROR, 41, 18, f"production « Procédure » : fichier « productions/procedur.md » introuvable : {NOT_FOUND}")
    ]


def test_missing_file_differing_only_by_case(portfolio):
    portfolio.edit("productions/procedure.md", "Productions/Procedure.md")
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : fichier « Productions/Procedure.md » introuvable : la "
            "casse diffère, le fichier s'appelle « productions/procedure.md » (sous Windows "
            "cela passe, mais pas une fois en ligne)",
        )
    ]


def test_web_address_written_as_a_file(portfolio):
    portfolio.edit("fichier: productions/procedure.md", "fichier: https://github.com/lea-martin/procedure")
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : fichier « https://github.com/lea-martin/procedure » "
            "introuvable : pour une adresse web, écrivez « lien: » au lieu de « fichier: »",
        )
    ]


def test_missing_attestation_file(portfolio):
    (portfolio.root / "attestations" / "stage2.pdf").unlink()
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            28,
            18,
            f"attestation du stage « stage2 » : fichier « attestations/stage2.pdf » introuvable : "
            f"{NOT_FOUND} ; {ATTESTATION_ADVICE}",
        )
    ]


def test_folder_instead_of_a_file(portfolio):
    portfolio.edit("productions/procedure.md", "productions")
    assert portfolio.found("fichier-introuvable") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : « productions » est un dossier, pas un fichier : "
            "indiquez le chemin d'un fichier de ce dossier",
        )
    ]


def test_windows_separators_are_accepted(portfolio):
    portfolio.edit("fichier: productions/procedure.md", "fichier: productions\\procedure.md")
    assert portfolio.findings() == []


# --- chemin-hors-portfolio -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, shown, reason",
    [
        ("/etc/passwd", "/etc/passwd", "est un chemin absolu"),
        ("C:\\Users\\lea\\procedure.pdf", "C:\\Users\\lea\\procedure.pdf", "est un chemin absolu"),
        ("'C:/Users/lea/procedure.pdf'", "C:/Users/lea/procedure.pdf", "est un chemin absolu"),
        ("\\\\serveur\\partage\\procedure.pdf", "\\\\serveur\\partage\\procedure.pdf", "est un chemin absolu"),
        ("../procedure.md", "../procedure.md", "sort du dossier du portfolio (« .. »)"),
        ("productions/../../procedure.md", "productions/../../procedure.md", "sort du dossier du portfolio (« .. »)"),
        ("..\\..\\procedure.md", "..\\..\\procedure.md", "sort du dossier du portfolio (« .. »)"),
    ],
)
def test_path_leaving_the_portfolio(portfolio, written: str, shown: str, reason: str):
    portfolio.edit("fichier: productions/procedure.md", f"fichier: {written}")
    assert portfolio.found("chemin-hors-portfolio") == [
        (ERROR, 41, 18, f"production « Procédure » : le chemin « {shown} » {reason} ; {OUTSIDE}")
    ]
    assert portfolio.found("fichier-introuvable") == []


def test_symlink_leading_out(portfolio, tmp_path: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("hors du portfolio\n", encoding="utf-8")
    os.symlink(outside, portfolio.root / "productions" / "lien.md")
    portfolio.edit("productions/procedure.md", "productions/lien.md")
    assert portfolio.found("chemin-hors-portfolio") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : le chemin « productions/lien.md » est un lien symbolique "
            f"qui mène hors du dossier du portfolio ; {OUTSIDE}",
        )
    ]


def test_symlinked_folder_leading_out(portfolio, tmp_path: Path):
    (tmp_path / "ailleurs").mkdir()
    (tmp_path / "ailleurs" / "procedure.md").write_text("x\n", encoding="utf-8")
    os.symlink(tmp_path / "ailleurs", portfolio.root / "docs")
    portfolio.edit("productions/procedure.md", "docs/procedure.md")
    assert [row[:3] for row in portfolio.found("chemin-hors-portfolio")] == [(ERROR, 41, 18)]


def test_symlink_inside_the_portfolio_is_fine(portfolio):
    os.symlink("procedure.md", portfolio.root / "productions" / "lien.md")
    portfolio.edit("productions/procedure.md", "productions/lien.md")
    assert portfolio.findings() == []


# --- fichier-trop-volumineux ---------------------------------------------------------------------------


def sparse(path: Path, megabytes: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(megabytes * 1024 * 1024)  # sparse: fast, takes no disk space


def test_file_over_25_mb_is_a_warning(portfolio):
    sparse(portfolio.root / "productions" / "procedure.md", 26)
    assert portfolio.found("fichier-trop-volumineux") == [
        (
            WARNING,
            41,
            18,
            "production « Procédure » : « productions/procedure.md » pèse 26 Mo (plus de 25 Mo) : "
            "le jury l'ouvrira lentement ; compressez-le si possible",
        )
    ]


def test_file_over_100_mb_is_an_error(portfolio):
    sparse(portfolio.root / "attestations" / "stage1.pdf", 101)
    assert portfolio.found("fichier-trop-volumineux") == [
        (
            ERROR,
            21,
            18,
            "attestation du stage « stage1 » : « attestations/stage1.pdf » pèse 101 Mo, plus que "
            "la limite de 100 Mo : compressez-le, ou publiez-le ailleurs et citez-le avec « lien: »",
        )
    ]


def test_file_of_25_mb_exactly_is_fine(portfolio):
    sparse(portfolio.root / "productions" / "procedure.md", 25)
    assert portfolio.found("fichier-trop-volumineux") == []


# --- secret-detecte ------------------------------------------------------------------------------------


def test_secret_in_a_production(portfolio):
    portfolio.add_file("productions/procedure.md", "# Procédure\n\n$db_password = 'Sio2025!';\n")
    assert portfolio.found("secret-detecte") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : « productions/procedure.md » contient un secret (mot de "
            f"passe dans une variable) ligne 3, colonne 2 : {SECRET_ADVICE}",
        )
    ]


def test_several_secrets_in_one_file_give_one_finding(portfolio):
    portfolio.add_file(
        "productions/deployer.ps1", "$password = 'Sio2025!'\nmysql -u root -pAzerty123\nenable secret 0 Cisco123\n"
    )
    assert portfolio.found("secret-detecte") == [
        (
            ERROR,
            54,
            18,
            "production « Script de déploiement » : « productions/deployer.ps1 » contient un "
            "secret (mot de passe dans une variable) ligne 1, colonne 2 (et 2 autres lignes) : "
            f"{SECRET_ADVICE}",
        )
    ]


# --- duree-stages --------------------------------------------------------------------------------------


def test_stages_too_short(portfolio):
    assert portfolio.edit("    fin: 13/02/2026", "    fin: 16/01/2026").found("duree-stages") == [
        (
            WARNING,
            15,
            1,
            "durée totale des stages : 8 semaines sur les 10 exigées : un dossier dont les stages "
            "sont trop courts est refusé au contrôle de conformité ; vérifiez les dates des "
            "stages ou ajoutez les stages manquants",
        )
    ]


def test_no_stage_at_all(portfolio):
    text = portfolio.text()
    start, end = text.index("  - id: stage1"), text.index("realisations:")
    portfolio.write(text[:start].replace("stages:\n", "stages: []\n") + text[end:])
    assert portfolio.found("duree-stages") == [
        (
            WARNING,
            15,
            1,
            "durée totale des stages : 0 semaine sur les 10 exigées : un dossier dont les stages "
            "sont trop courts est refusé au contrôle de conformité ; vérifiez les dates des "
            "stages ou ajoutez les stages manquants",
        )
    ]


def test_overlapping_stages_count_once(portfolio):
    # stage2 moved onto stage1's dates: 6 weeks in all, not 12
    edited = portfolio.edit("    debut: 05/01/2026", "    debut: 2025-05-19").edit(
        "    fin: 13/02/2026", "    fin: 2025-06-27"
    )
    assert [message for *_, message in edited.found("duree-stages")] == [
        "durée totale des stages : 6 semaines sur les 10 exigées : un dossier dont les stages sont trop "
        "courts est refusé au contrôle de conformité ; vérifiez les dates des stages ou ajoutez les "
        "stages manquants"
    ]


def test_ten_weeks_exactly_is_enough(portfolio):
    assert portfolio.edit("    fin: 13/02/2026", "    fin: 30/01/2026").found("duree-stages") == []


# --- attestations --------------------------------------------------------------------------------------


def test_stage_without_attestation(portfolio):
    portfolio.drop("    attestation: attestations/stage1.pdf\n    attestation_signee: true")
    assert portfolio.found("attestation-manquante") == [
        (
            WARNING,
            16,
            5,
            "stage « stage1 » sans attestation : ajoutez « attestation: attestations/<fichier>.pdf » "
            "(attestation signée par l'organisation d'accueil)",
        )
    ]


@pytest.mark.parametrize("signed", ["", "    attestation_signee: false\n"])
def test_attestation_not_signed(portfolio, signed: str):
    portfolio.edit(
        "    attestation: attestations/stage1.pdf\n    attestation_signee: true\n",
        f"    attestation: attestations/stage1.pdf\n{signed}",
    )
    assert portfolio.found("attestation-non-signee") == [
        (
            WARNING,
            21,
            18,
            "stage « stage1 » : l'attestation n'est pas indiquée comme signée ; faites-la signer "
            "puis écrivez « attestation_signee: true »",
        )
    ]


# --- attestation-non-verifiee (--sans-attestations: the attestations stay on the computer) ----------


def remove_attestation_files(portfolio: PortfolioCopy) -> None:
    for name in ("stage1.pdf", "stage2.pdf"):
        (portfolio.root / "attestations" / name).unlink()


def test_absent_attestation_files_are_not_checked_with_the_option(portfolio):
    remove_attestation_files(portfolio)
    assert [f.rule for f in portfolio.findings(skip_attestation_files=True)] == ["attestation-non-verifiee"] * 2
    assert portfolio.found("attestation-non-verifiee", skip_attestation_files=True) == [
        (INFO, 21, 18, f"attestation du stage « stage1 » : fichier « attestations/stage1.pdf » {NOT_CHECKED}"),
        (INFO, 28, 18, f"attestation du stage « stage2 » : fichier « attestations/stage2.pdf » {NOT_CHECKED}"),
    ]


def test_absent_attestation_files_are_errors_without_the_option(portfolio):
    remove_attestation_files(portfolio)
    assert [severity for severity, *_ in portfolio.found("fichier-introuvable")] == [ERROR, ERROR]
    assert portfolio.found("attestation-non-verifiee") == []


def test_present_attestation_files_are_checked_with_the_option(portfolio):
    assert portfolio.findings(skip_attestation_files=True) == []


def test_the_option_spares_attestations_only_not_productions(portfolio):
    remove_attestation_files(portfolio)
    portfolio.edit("productions/procedure.md", "productions/procedur.md")
    assert [row[:3] for row in portfolio.found("fichier-introuvable", skip_attestation_files=True)] == [(ERROR, 41, 18)]


@pytest.mark.parametrize(
    "written, reason",
    [
        ("../stage1.pdf", "sort du dossier du portfolio (« .. »)"),
        ("/home/lea/stage1.pdf", "est un chemin absolu"),
    ],
)
def test_attestation_path_leaving_the_portfolio_is_still_an_error_with_the_option(portfolio, written, reason):
    portfolio.edit("attestation: attestations/stage1.pdf", f"attestation: {written}")
    assert portfolio.found("chemin-hors-portfolio", skip_attestation_files=True) == [
        (ERROR, 21, 18, f"attestation du stage « stage1 » : le chemin « {written} » {reason} ; {OUTSIDE}")
    ]
    assert portfolio.found("attestation-non-verifiee", skip_attestation_files=True) == []


def test_attestation_name_differing_by_case_is_still_an_error_with_the_option(portfolio):
    # the file is in the folder, misnamed: online, the link would be broken
    attestations = portfolio.root / "attestations"
    (attestations / "stage2.pdf").rename(attestations / "Stage2.pdf")
    assert [row[:2] for row in portfolio.found("fichier-introuvable", skip_attestation_files=True)] == [(ERROR, 28)]


def test_attestation_folder_instead_of_a_file_is_still_an_error_with_the_option(portfolio):
    portfolio.edit("attestation: attestations/stage1.pdf", "attestation: attestations")
    assert [row[:3] for row in portfolio.found("fichier-introuvable", skip_attestation_files=True)] == [(ERROR, 21, 18)]


def test_attestation_rules_still_apply_with_the_option(portfolio):
    remove_attestation_files(portfolio)
    portfolio.edit("    attestation: attestations/stage1.pdf\n    attestation_signee: true\n", "")
    portfolio.edit("    attestation_signee: true\n", "")
    assert {f.rule for f in portfolio.findings(skip_attestation_files=True)} == {
        "attestation-manquante",
        "attestation-non-signee",
        "attestation-non-verifiee",
    }


# --- periode-hors-stage --------------------------------------------------------------------------------


def test_realisation_outside_its_stage(portfolio):
    assert portfolio.edit("      fin: 2025-06-13", "      fin: 2025-07-13").found("periode-hors-stage") == [
        (
            WARNING,
            45,
            5,
            f"{GLPI} (20/05/2025 – 13/07/2025) en dehors du stage « stage1 » (19/05/2025 – "
            "27/06/2025) : corrigez les dates ou le stage de rattachement",
        )
    ]


def test_realisation_on_the_stage_boundaries_is_fine(portfolio):
    portfolio.edit("      debut: 2025-05-20\n      fin: 2025-06-13", "      debut: 2025-05-19\n      fin: 2025-06-27")
    assert portfolio.found("periode-hors-stage") == []


# --- candidate identity --------------------------------------------------------------------------------


def test_candidate_number_absent(portfolio):
    assert portfolio.drop('  numero: "02412345678"').found("numero-candidat-absent") == [
        (
            WARNING,
            3,
            1,
            "numéro de candidat absent : écrivez-le dans prive.yml, à côté de portfolio.yml, "
            'sous la forme « candidat: {numero: "…"} » (il figure sur votre convocation ; '
            "ce fichier reste sur votre ordinateur et le numéro n'est pas publié)",
        )
    ]


def test_portfolio_url_absent(portfolio):
    assert portfolio.drop("  url: https://lea-martin.github.io/portfolio/").found("url-portfolio-absente") == [
        (
            WARNING,
            3,
            1,
            "adresse du portfolio absente : ajoutez « url: https://… » sous « candidat: » (elle "
            "figure sur le tableau de synthèse)",
        )
    ]


IDENTITE = (
    "aucun profil professionnel : ajoutez sous « candidat: » une clé « identite_pro: » avec au "
    "moins « linkedin: » ou « github: »"
)


def test_professional_identity_absent(portfolio):
    portfolio.drop("  identite_pro:\n    linkedin: https://www.linkedin.com/in/lea-martin")
    assert portfolio.found("identite-pro-absente") == [(WARNING, 3, 1, IDENTITE)]


def test_professional_identity_empty(portfolio):
    portfolio.edit("  identite_pro:\n    linkedin: https://www.linkedin.com/in/lea-martin", "  identite_pro: {}")
    assert portfolio.found("identite-pro-absente") == [(WARNING, 12, 3, IDENTITE)]


def test_github_alone_is_a_professional_identity(portfolio):
    portfolio.edit("    linkedin: https://www.linkedin.com/in/lea-martin", "    github: https://github.com/lea-martin")
    assert portfolio.found("identite-pro-absente") == []


def test_veille_absent(portfolio):
    portfolio.write(portfolio.text().split("veille:")[0])
    assert portfolio.found("veille-absente") == [
        (
            WARNING,
            2,
            1,
            "section « veille » absente : décrivez votre veille informationnelle (sujet, outils, articles datés)",
        )
    ]


# --- sous-competence-non-couverte ----------------------------------------------------------------------


def test_bullet_cited_by_no_realisation(portfolio):
    assert portfolio.edit("B1.5.2, B1.5.3]", "B1.5.2]").found("sous-competence-non-couverte") == [
        (
            INFO,
            30,
            1,
            "l'item B1.5.3 « Accompagner les utilisateurs dans la mise en place d'un service » "
            "n'est cité par aucune réalisation",
        )
    ]


# --- session-sans-referentiel ------------------------------------------------------------------------


def test_known_session_has_its_referential(portfolio):
    assert portfolio.found("session-sans-referentiel") == []


@pytest.mark.parametrize("session", ["2027", "2031"])
def test_later_session_under_the_same_official_texts_has_no_info(portfolio, session):
    # The 2026 texts stay in force until amended: 2027 and 2031 are their sessions too.
    assert portfolio.edit("  session: 2026", f"  session: {session}").found("session-sans-referentiel") == []


def test_session_before_any_referential_uses_the_nearest_known_rules(portfolio):
    assert portfolio.edit("  session: 2026", "  session: 2025").found("session-sans-referentiel") == [
        (
            INFO,
            8,
            12,
            "e5portfolio ne contient pas le référentiel de la session 2025 : les règles "
            "de la session 2026 sont appliquées ; vérifiez l'année de votre examen (elle "
            "figure sur votre convocation)",
        )
    ]


def test_referential_lookup_by_session():
    from e5portfolio.core.referential import referential_for_session

    assert referential_for_session(2027).session == 2026  # the 2026 texts, still in force
    assert referential_for_session(2025).session == 2026  # before any: the default, with the info
    assert referential_for_session(None).session == 2026


def test_session_after_a_replaced_referential_gets_the_info():
    from e5portfolio.core.referential import load_referential

    replaced = load_referential(2026).model_copy(update={"derniere_session": 2028})
    assert replaced.covers(2028) and not replaced.covers(2029) and not replaced.covers(2025)


# --- lien-local-non-publie ---------------------------------------------------------------------------


def test_link_to_a_published_production_is_fine(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: Voir [la procédure](productions/procedure.md#etapes) et "
        "[ANSSI](https://cyber.gouv.fr) et [haut](#haut) et ![schéma](images/x.png).",
    )
    assert edited.found("lien-local-non-publie") == []


def test_link_to_a_file_that_is_not_published(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.", "    description: Voir [mes notes](notes/brouillon.md)."
    )
    assert edited.found("lien-local-non-publie") == [
        (
            WARNING,
            37,
            18,
            "description de la réalisation « Domaine Active Directory du laboratoire » : le lien "
            "vers « notes/brouillon.md » ne mène à aucun fichier publié : il sera affiché comme "
            "simple texte sur le site ; citez ce fichier comme production (titre + fichier) ou "
            "écrivez une adresse https://…",
        )
    ]


def test_reference_style_link_in_the_presentation_is_checked_too(portfolio):
    text = portfolio.text()
    start = text.index("presentation:")
    end = text.index("\n", start)
    portfolio.write(text[:start] + "presentation: |\n  Mon [CV][cv].\n\n  [cv]: documents/cv.pdf" + text[end:])
    assert [message.split(" : ")[0] for *_, message in portfolio.found("lien-local-non-publie")] == ["présentation"]


# --- texte-a-completer ---------------------------------------------------------------------------------


def test_written_text_is_not_to_complete(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: Exemple de GPO appliquée aux postes, TODOS compris.",
    )
    assert edited.found("texte-a-completer") == []


def test_example_text_left_from_init_is_to_complete(portfolio):
    edited = portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: |\n      EXEMPLE — À remplacer. Décrivez le contexte,\n      le besoin et la démarche.",
    )
    assert edited.found("texte-a-completer") == [
        (
            WARNING,
            37,
            18,
            "« description » de la réalisation « Domaine Active Directory du laboratoire » est "
            "encore à compléter : remplacez « EXEMPLE — À remplacer. Décrivez le contexte, le "
            "besoin et la démarche. » par votre texte",
        )
    ]
