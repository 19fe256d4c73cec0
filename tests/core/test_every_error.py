"""Every error at once: a broken réalisation, stage or production is reported with its own located
errors and left out of the rules that need it; every other rule still runs on the valid entries."""

from __future__ import annotations

from e5portfolio.core.report import render_text, summary_line
from e5portfolio.pipeline import analyse

from .conftest import ERROR, WARNING, PortfolioCopy, row


def test_two_errors_in_two_realisations_and_a_missing_file_in_one_run(portfolio: PortfolioCopy):
    portfolio.edit("    competences: [B1.1, B1.1.1,", "    competence: [B1.1, B1.1.1,")  # réalisation 1
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")  # réalisation 3
    portfolio.edit("        fichier: productions/deployer.ps1", "        fichier: productions/deploy.ps1")
    report = analyse(portfolio.root).report
    assert sorted(row(f) for f in report.findings) == [
        (ERROR, 38, 5, "clé inconnue « competence » dans la réalisation n° 1 : vouliez-vous écrire « competences » ?"),
        (
            ERROR,
            54,
            18,
            "production « Script de déploiement » : fichier « productions/deploy.ps1 » "
            "introuvable : vérifiez le nom et l'emplacement du fichier (chemin relatif au dossier "
            "de portfolio.yml)",
        ),
        (
            ERROR,
            61,
            14,
            "date « 13-01-2026 » invalide pour « debut » (format de date non reconnu) : "
            "vouliez-vous écrire « 13/01/2026 » ?",
        ),
    ]
    # Coverage is not decided while réalisations are left out (it would report B1.3, B1.6… missing).
    assert {f.rule for f in report.findings} == {"cle-inconnue", "fichier-introuvable", "date-invalide"}
    assert summary_line(report) == "3 erreurs, 0 avertissement, 0 information : à corriger avant l'épreuve."
    analysis = analyse(portfolio.root)
    text = render_text(analysis.report, analysis.referential)
    assert (
        "Couverture des compétences du bloc (✓ = compétence mobilisée par la réalisation) :\n"
        "  (1 réalisation en erreur non comptée ici : corrigez d'abord les erreurs ci-dessus)\n"
    ) in text
    # Réalisation 1 is kept (only its competences are not counted), in its place.
    assert "  R2 = glpi-inventaire — Inventaire du parc avec GLPI" in text


def test_rules_run_on_the_valid_realisations_after_a_broken_one(portfolio: PortfolioCopy):
    portfolio.edit("    description: Annuaire et stratégies de groupe.\n", "")  # réalisation 1: required key
    portfolio.drop("    contribution: J'ai déployé l'agent GLPI.")  # réalisation 2: contribution-manquante
    findings = sorted(row(f) for f in analyse(portfolio.root).report.findings if f.severity.value == ERROR)
    assert findings == [
        (ERROR, 31, 5, "clé obligatoire « description » absente dans la réalisation n° 1 : ajoutez « description: … »"),
        (
            ERROR,
            47,
            13,
            "réalisation « Inventaire du parc avec GLPI » en équipe sans « contribution » : "
            "décrivez ce que vous avez fait vous-même",
        ),
    ]


def test_a_broken_stage_is_not_reported_again_by_the_realisation_that_names_it(portfolio: PortfolioCopy):
    portfolio.edit("    organisation: Infogérance Ouest\n", "    organisation: Infogérance Ouest\n    ville: Rennes\n")
    findings = analyse(portfolio.root).report.findings
    assert [row(f) for f in findings if f.severity.value == ERROR] == [
        (
            ERROR,
            25,
            5,
            "clé inconnue « ville » dans le stage n° 2 ; clés possibles ici : id, organisation, annee, "
            "debut, fin, lieu, tuteur, missions, attestation, attestation_signee",
        )
    ]
    # Neither stage-inconnu for the réalisation of stage2, nor duree-stages on stage1 alone.
    assert {f.rule for f in findings} == {"cle-inconnue"}


def test_a_broken_production_leaves_the_others_checked(portfolio: PortfolioCopy):
    portfolio.edit("      - titre: Dépôt\n", "      - titr: Dépôt\n")
    portfolio.edit("        fichier: productions/procedure.md", "        fichier: productions/procedur.md")
    findings = analyse(portfolio.root).report.sorted_findings()
    assert [(f.rule, f.line, f.column) for f in findings] == [("fichier-introuvable", 41, 18), ("cle-inconnue", 55, 9)]


def test_a_realisation_whose_only_production_is_broken_is_not_said_to_have_none(portfolio: PortfolioCopy):
    portfolio.edit(
        "      - titre: Procédure\n        fichier: productions/procedure.md", "      - productions/procedure.md"
    )
    assert analyse(portfolio.root).report.findings and "production-manquante" not in portfolio.rules()


def test_every_realisation_broken_still_reports_each_one(portfolio: PortfolioCopy):
    text = portfolio.text().replace("    description: ", "    descriptio: ")
    portfolio.write(text)
    report = analyse(portfolio.root).report
    assert [(f.rule, f.line) for f in report.sorted_findings()] == [
        ("cle-inconnue", 37),
        ("cle-inconnue", 50),
        ("cle-inconnue", 63),
    ]
    assert report.summary["errors"] == 3


def test_an_error_outside_the_lists_still_reports_every_error(portfolio: PortfolioCopy):
    portfolio.edit("  option: SISR", "  option: SIRS")
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")
    assert sorted((f.rule, f.line) for f in analyse(portfolio.root).report.findings) == [
        ("date-invalide", 61),
        ("schema", 7),
    ]


def test_a_warning_rule_still_runs_beside_a_broken_realisation(portfolio: PortfolioCopy):
    portfolio.drop('  numero: "02412345678"')
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")
    assert sorted((f.severity.value, f.rule) for f in analyse(portfolio.root).report.findings) == [
        (ERROR, "date-invalide"),
        (WARNING, "numero-candidat-absent"),
    ]


def test_an_optional_key_written_wrong_is_left_out_and_every_rule_still_runs(portfolio: PortfolioCopy):
    portfolio.edit("  url: https://lea-martin.github.io/portfolio/", "  url: lea-martin.github.io")
    portfolio.edit("    linkedin: https://www.linkedin.com/in/lea-martin", "    linkedin: www.linkedin.com/in/lea")
    portfolio.edit("        fichier: productions/deployer.ps1", "        fichier: productions/deploy.ps1")
    findings = analyse(portfolio.root).report.sorted_findings()
    # No « adresse du portfolio absente » nor « aucun profil professionnel »: they are written, wrong.
    assert [(f.rule, f.line) for f in findings] == [("schema", 11), ("schema", 13), ("fichier-introuvable", 54)]


def test_an_unknown_key_at_the_root_is_reported_and_the_rest_checked(portfolio: PortfolioCopy):
    portfolio.write(portfolio.text() + "projets:\n  - un projet\n")
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")
    findings = analyse(portfolio.root).report.sorted_findings()
    assert [(f.rule, f.line) for f in findings] == [("date-invalide", 61), ("cle-inconnue", 74)]


def test_a_required_key_missing_in_candidat_still_reports_the_realisation_errors(portfolio: PortfolioCopy):
    portfolio.drop("  centre: Lycée Exemple, Rennes")
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")
    assert sorted((f.rule, f.line) for f in analyse(portfolio.root).report.findings) == [
        ("date-invalide", 60),
        ("schema", 3),
    ]


def test_findings_after_a_left_out_production_point_at_their_own_lines(portfolio: PortfolioCopy):
    # réalisation 2: production 1 broken, production 2 (now the first one checked) a missing file;
    # réalisation 1 broken too, so both the réalisations and the productions are renumbered.
    portfolio.edit("    competences: [B1.1, B1.1.1,", "    competence: [B1.1, B1.1.1,")
    portfolio.edit("      - titre: Script de déploiement\n", "      - titr: Script de déploiement\n")
    portfolio.edit("        lien: https://github.com/lea-martin/inventaire", "        fichier: productions/absent.pdf")
    findings = analyse(portfolio.root).report.sorted_findings()
    assert [(f.rule, f.line, f.column) for f in findings] == [
        ("cle-inconnue", 38, 5),
        ("cle-inconnue", 53, 9),
        ("fichier-introuvable", 56, 18),
    ]


SECRET_LINE = '$pass = "P@ssw0rd2024!"\n'


def _secret_and_impossible_date(portfolio: PortfolioCopy) -> None:
    """Réalisation 2: a password in its .ps1 production and an impossible end date."""
    script = portfolio.root / "productions" / "deployer.ps1"
    script.write_text(script.read_text(encoding="utf-8") + SECRET_LINE, encoding="utf-8")
    portfolio.edit("      fin: 2025-06-13", "      fin: 30/02/2026")


def test_a_secret_and_an_impossible_date_in_one_realisation_are_both_reported_by_check(portfolio: PortfolioCopy):
    from click.testing import CliRunner

    from e5portfolio.cli import main

    _secret_and_impossible_date(portfolio)
    result = CliRunner().invoke(main, ["check", str(portfolio.root)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any("[date-invalide] date « 30/02/2026 » invalide pour « fin »" in line for line in lines)
    assert any(
        "[secret-detecte] production « Script de déploiement » : « productions/deployer.ps1 » "
        "contient un secret" in line
        for line in lines
    )
    assert "2 erreurs, 0 avertissement, 0 information : à corriger avant l'épreuve." in result.output


def test_a_secret_and_an_impossible_date_are_both_on_the_serve_error_page(portfolio: PortfolioCopy):
    from e5portfolio.site.preview import _build_failed

    _secret_and_impossible_date(portfolio)
    shown: list = []
    _build_failed(
        RuntimeError("build"), "", portfolio.file, "", analyse, lambda page, terminal: shown.append((page, terminal))
    )
    [(page, terminal)] = shown
    assert "Le portfolio contient 2 erreurs : le site n&#x27;est pas à jour</h1>" in page
    date = page.index("[date-invalide]")
    secret = page.index("[secret-detecte]")
    # the secret is shown in its production, with the line of portfolio.yml that names it
    assert (
        '<span class="where">productions/deployer.ps1</span> (déclaré en <span class="where">'
        "portfolio.yml:54:18</span>)"
    ) in page[:secret]
    assert date > 0 and secret > 0
    assert terminal[-1].startswith("aperçu : 2 erreurs dans le portfolio : la page de l'aperçu les affiche")


def test_the_error_page_lists_errors_first_then_warnings(portfolio: PortfolioCopy):
    from e5portfolio.site.errorpage import findings_page

    portfolio.drop('  numero: "02412345678"')  # warning, line 6
    portfolio.edit("      debut: 12/01/2026", "      debut: 13-01-2026")  # error, line 61
    page = findings_page(analyse(portfolio.root).report)
    assert page.index("[date-invalide]") < page.index("1 avertissement</h2>") < page.index("[numero-candidat-absent]")


def test_a_broken_required_key_of_candidat_does_not_hide_a_secret(portfolio: PortfolioCopy):
    script = portfolio.root / "productions" / "deployer.ps1"
    script.write_text(script.read_text(encoding="utf-8") + SECRET_LINE, encoding="utf-8")
    portfolio.edit("  option: SISR", "  option: SIRS")
    portfolio.edit("  session: 2026", "  session: 26")
    analysis = analyse(portfolio.root)
    assert sorted((f.rule, f.line) for f in analysis.report.findings) == [
        ("schema", 7),
        ("schema", 8),
        ("secret-detecte", 54),
    ]
    # what is made for the commission is refused on a stand-in
    assert analysis.validated.stood_in == {("candidat", "option"), ("candidat", "session")}


def test_the_fiches_are_refused_while_a_required_key_is_stood_in(portfolio: PortfolioCopy):
    from click.testing import CliRunner

    from e5portfolio.cli import main

    portfolio.edit("  nom: MARTIN", "  nom: 3")
    result = CliRunner().invoke(
        main, ["fiches", "conformite", str(portfolio.root), "-o", str(portfolio.root / "fiche.pdf")]
    )
    assert result.exit_code == 1, result.output
    assert "la fiche n'est pas écrite" in result.output
    assert not (portfolio.root / "fiche.pdf").exists()
