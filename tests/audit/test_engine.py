"""Whole audits: hand-made sites with and without defects, unreachable URLs, a portfolio folder."""

from __future__ import annotations

import dataclasses
import json
import shutil
import time

import pytest

from e5portfolio.audit.engine import AuditError, audit, audit_folder, audit_url
from e5portfolio.core.findings import Severity

from .conftest import (
    FAST,
    LOGIN_WALL,
    SMALL_PORTFOLIO,
    findings_of,
    huge,
    page,
    redirect,
    rules,
    slow,
    status,
    write_tableau,
)

pytestmark = pytest.mark.usefixtures("linkchecker")


def test_hand_made_site_with_known_defects(bad_site):
    result = audit_folder(bad_site, FAST)
    assert result.reachable
    assert {
        "a11y-html-has-lang",
        "a11y-image-alt",
        "a11y-link-name",
        "a11y-heading-order",
        "a11y-link-purpose",
        "a11y-frame-title",
        "a11y-document-title",
        "a11y-duplicate-id",
        "a11y-td-has-header",
        "a11y-label",
        "a11y-button-name",
        "lien-casse",
        "tableau-absent",
        "mentions-legales-absentes",
        "veille-absente",
        "identite-pro-absente",
    } <= rules(result)
    assert result.penalties == {"portfolio-inaccessible": 0, "tableau-absent": 2}
    assert not result.tableau_present and result.coverage is None
    assert sorted(f.file for f in findings_of(result, "lien-casse")) == ["index.html", "projets.html"]
    [absent] = findings_of(result, "tableau-absent")
    assert absent.severity is Severity.ERROR and absent.file == "index.html"
    assert absent.message == (
        "aucun tableau de synthèse trouvé : ajoutez sur le site un lien vers le fichier .xlsx "
        "du tableau de synthèse (son absence coûte 2 points à l'épreuve)"
    )
    [lang] = findings_of(result, "a11y-html-has-lang")
    assert (lang.file, lang.line) == ("index.html", 2)
    assert sorted(p for p in result.pages) == ["index.html", "projets.html", "video.html"]
    assert result.has_errors


def test_good_hand_made_site_is_ready(good_site):
    result = audit_folder(good_site, FAST)
    assert [f for f in result.findings if f.severity is not Severity.INFO] == []
    assert result.penalties == {"portfolio-inaccessible": 0, "tableau-absent": 0}
    assert result.tableau_present and result.coverage == 6
    assert len(result.pages) == 7 and result.links_checked >= 10


def test_tableau_that_disagrees_with_the_site(good_site):
    (good_site / "realisations" / "association.html").unlink()
    glpi = good_site / "realisations" / "glpi.html"
    glpi.write_text(
        glpi.read_text(encoding="utf-8").replace(
            "<li>B1.2 Répondre aux incidents et aux demandes d’assistance et d’évolution</li>", ""
        ),
        encoding="utf-8",
    )
    listing = good_site / "realisations.html"
    listing.write_text(
        listing.read_text(encoding="utf-8").replace("Refonte du site de l’association sportive", "Projet associatif"),
        encoding="utf-8",
    )
    result = audit_folder(good_site, FAST)
    messages = sorted(f.message for f in findings_of(result, "tableau-incoherent"))
    assert messages == [
        "la réalisation « Refonte du site de l'association sportive » du tableau de synthèse n'a pas été trouvée "
        "sur le site : présentez-la sous le même intitulé",
        "« Inventaire du parc avec GLPI » : compétence(s) B1.2 cochée(s) dans le tableau mais pas indiquée(s) sur "
        "la page de la réalisation : nommez-les (code ou intitulé officiel)",
    ]
    assert findings_of(result, "lien-casse")  # the deleted page is also a broken link


def test_tableau_not_covering_every_competence(good_site, tmp_path):
    portfolio = tmp_path / "portfolio"
    shutil.copytree(SMALL_PORTFOLIO, portfolio)
    text = (portfolio / "portfolio.yml").read_text(encoding="utf-8")
    (portfolio / "portfolio.yml").write_text(text.replace("[B1.5, B1.6]", "[B1.5, B1.2]"), encoding="utf-8")
    from e5portfolio.pipeline import analyse
    from e5portfolio.tableau.synthese import write_tableau as writer

    analysis = analyse(portfolio)  # B1.6 is then missing: check reports it, but the writer still writes
    writer(analysis.validated, analysis.referential, good_site / "tableau-de-synthese.xlsx")
    result = audit_folder(good_site, FAST)
    assert result.coverage == 5
    assert (
        "aucune réalisation du tableau de synthèse ne mobilise la compétence B1.6 « Organiser son développement "
        "professionnel » : les six compétences du bloc doivent être couvertes (cochez-la d'un X pour une "
        "réalisation qui la met en œuvre)"
    ) in [f.message for f in findings_of(result, "tableau-incoherent")]


def test_unreadable_tableau(good_site):
    (good_site / "tableau-de-synthese.xlsx").write_bytes(b"pas un classeur")
    result = audit_folder(good_site, FAST)
    assert result.tableau_present and result.penalties["tableau-absent"] == 0
    [finding] = findings_of(result, "tableau-incoherent")
    assert finding.file == "tableau-de-synthese.xlsx" and finding.severity is Severity.ERROR
    assert finding.message.startswith("le fichier « ")


def test_broken_tableau_link_is_an_absent_tableau(good_site):
    (good_site / "tableau-de-synthese.xlsx").unlink()
    result = audit_folder(good_site, FAST)
    assert result.penalties["tableau-absent"] == 2
    [absent] = findings_of(result, "tableau-absent")
    assert absent.message == (
        "tableau de synthèse inaccessible : « tableau-de-synthese.xlsx » (le serveur répond 404 "
        "(page introuvable)) : publiez le fichier .xlsx et corrigez le lien (pénalité de 2 "
        "points si le jury ne le trouve pas)"
    )


def test_served_site_and_the_url_written_in_the_tableau(good_site, tmp_path, server):
    from e5portfolio.audit.serve import serve_site

    with serve_site(good_site) as url:
        write_tableau(SMALL_PORTFOLIO, good_site / "tableau-de-synthese.xlsx", url=url)
        assert not findings_of(audit_url(url, FAST), "tableau-incoherent")
        write_tableau(SMALL_PORTFOLIO, good_site / "tableau-de-synthese.xlsx", url="https://ailleurs.example.org/")
        [wrong] = findings_of(audit_url(url + "index.html", FAST), "tableau-incoherent")
    assert wrong.message.startswith(
        "l'adresse du portfolio écrite dans le tableau (« https://ailleurs.example.org/ ») n'est pas l'adresse auditée"
    )
    assert wrong.url == url + "tableau-de-synthese.xlsx" and wrong.file is None


@pytest.mark.parametrize(
    ("routes", "expected"),
    [
        ({"/": status(500)}, "ne s'ouvre pas (le serveur répond 500 (erreur du serveur))"),
        ({"/": redirect("/a"), "/a": redirect("/")}, "ne s'ouvre pas (boucle de redirections"),
        ({"/": slow(120)}, "(le serveur ne répond pas dans le délai imparti (délai dépassé))"),
        ({"/": LOGIN_WALL}, "mène à une page qui demande un mot de passe"),
        ({"/": status(404)}, "(le serveur répond 404 (page introuvable))"),
    ],
    ids=["500", "redirect-loop", "slow", "login-wall", "404"],
)
def test_inaccessible_portfolio(server, routes, expected):
    base, _ = server(routes)
    started = time.monotonic()
    result = audit_url(
        base,
        dataclasses.replace(
            FAST,
            crawl=dataclasses.replace(FAST.crawl, page_limits=dataclasses.replace(FAST.crawl.page_limits, timeout=1)),
        ),
    )
    assert time.monotonic() - started < 30  # the slow server answers after 120 s
    [finding] = result.findings
    assert finding.rule == "portfolio-inaccessible" and finding.severity is Severity.ERROR
    assert expected in finding.message and finding.url == base and finding.file is None
    assert finding.message.endswith(
        "(pénalité de 10 points) : publiez le site et vérifiez l'adresse dans une fenêtre de navigation privée"
    )
    assert result.penalties == {"portfolio-inaccessible": 10, "tableau-absent": 0}
    assert not result.reachable


def test_dead_port_is_inaccessible(dead_port):
    result = audit(f"http://127.0.0.1:{dead_port}/", FAST)
    assert [f.rule for f in result.findings] == ["portfolio-inaccessible"]
    assert result.penalties["portfolio-inaccessible"] == 10


def test_huge_home_page_is_read_up_to_the_cap(server):
    base, _ = server({"/": huge(100_000_000)})
    options = dataclasses.replace(
        FAST,
        crawl=dataclasses.replace(
            FAST.crawl, page_limits=dataclasses.replace(FAST.crawl.page_limits, max_bytes=500_000)
        ),
    )
    started = time.monotonic()
    result = audit_url(base, options)
    assert time.monotonic() - started < 10
    assert result.reachable
    assert any(
        f.rule == "audit-incomplet"
        and f.message.startswith("page d'accueil de plus de 500 ko : seul le début a été analysé")
        for f in result.findings
    )


def test_javascript_only_home_page(server):
    base, _ = server({"/": page('<div id="root"></div><script src="app.js"></script>')})
    result = audit_url(base, FAST)
    # a framework's mount point and no link: the navigation is written by script
    [menu] = findings_of(result, "menu-javascript")
    assert menu.message.startswith("menu construit par JavaScript : relancez avec le navigateur")
    assert result.script_navigation and result.penalties["tableau-absent"] == 0
    assert not any("presque vide sans JavaScript" in f.message for f in result.findings)  # said once


def test_almost_empty_home_page_without_script_navigation(server):
    base, _ = server(
        {
            "/": page('<p>Bientôt.</p><a href="a.html">A</a><a href="b.html">B</a><script>console.log(1)</script>'),
            "/a.html": page("<p>A</p>"),
            "/b.html": page("<p>B</p>"),
        }
    )
    result = audit_url(base, FAST)
    assert any("presque vide sans JavaScript" in f.message for f in findings_of(result, "audit-incomplet"))
    assert not findings_of(result, "menu-javascript") and not result.script_navigation


def test_targets_that_cannot_be_audited(tmp_path):
    with pytest.raises(AuditError, match="n'existe pas"):
        audit(str(tmp_path / "absent"), FAST)
    (tmp_path / "vide").mkdir()
    with pytest.raises(AuditError, match="ni un site construit"):
        audit(str(tmp_path / "vide"), FAST)


def test_portfolio_folder_is_built_then_audited(tmp_path):
    portfolio = tmp_path / "portfolio"
    shutil.copytree(SMALL_PORTFOLIO, portfolio)
    result = audit(str(portfolio), FAST)
    assert result.reachable and result.tableau_present and result.coverage == 6
    assert result.folder is None and "index.html" in result.pages
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
    assert sorted(p.name for p in portfolio.iterdir()) == ["portfolio.yml"]  # nothing written in the portfolio


def test_portfolio_with_errors_is_not_built(tmp_path):
    portfolio = tmp_path / "portfolio"
    shutil.copytree(SMALL_PORTFOLIO, portfolio)
    text = (portfolio / "portfolio.yml").read_text(encoding="utf-8")
    (portfolio / "portfolio.yml").write_text(text.replace("fin: 2025-06-13", "fin: 2025-04-13"), encoding="utf-8")
    result = audit(str(portfolio), FAST)
    assert "periode-inversee" in rules(result)
    assert findings_of(result, "audit-incomplet")[0].message.startswith("site non construit, donc non audité")
    assert result.has_errors


def test_folder_given_by_its_index_file(good_site):
    result = audit(str(good_site / "index.html"), FAST)
    assert result.reachable and result.folder == str(good_site)


def test_generated_site_compared_through_portfolio_json(built_site):
    assert not [f for f in audit_folder(built_site, FAST).findings if f.severity is not Severity.INFO]
    data = json.loads((built_site / "portfolio.json").read_text(encoding="utf-8"))
    data["realisations"][0]["periode"]["fin"] = "2025-06-20"
    data["realisations"][0]["competences"] = ["B1.1"]
    data["realisations"].append(
        {
            "intitule": "Réalisation ajoutée au site",
            "competences": ["B1.2"],
            "periode": {"debut": "2025-09-01", "fin": "2025-09-30"},
        }
    )
    data["candidat"]["url"] = "https://autre-adresse.example.org/"
    (built_site / "portfolio.json").write_text(json.dumps(data), encoding="utf-8")
    messages = sorted(f.message for f in findings_of(audit_folder(built_site, FAST), "tableau-incoherent"))
    assert messages == [
        "l'adresse du portfolio écrite dans le tableau (« https://lea-martin.example.org/portfolio/ ») n'est pas "
        "l'adresse déclarée par le site (portfolio.json) (« https://autre-adresse.example.org/ ») : corrigez le "
        "tableau, c'est l'adresse que le jury ouvrira",
        "la réalisation « Réalisation ajoutée au site » du site n'est pas dans le tableau de synthèse : ajoutez-la au "
        "tableau (e5portfolio export le régénère)",
        "période de « Inventaire du parc avec GLPI » différente : du 20/05/25 au 13/06/25 dans le tableau, du "
        "20/05/25 au 20/06/25 sur le site : mettez les mêmes dates",
        "« Inventaire du parc avec GLPI » : compétence(s) B1.2 cochée(s) dans le tableau mais pas indiquée(s) sur le "
        "site : indiquez-les sur la page de la réalisation ou décochez-les",
    ]


def test_tableau_published_as_pdf_is_present_but_not_compared(bad_site):
    (bad_site / "tableau-synthese.pdf").write_bytes(b"%PDF-1.4\n")
    index = bad_site / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "<ul>", '<ul><li><a href="tableau-synthese.pdf">Tableau de synthèse</a></li>'
        ),
        encoding="utf-8",
    )
    result = audit_folder(bad_site, FAST)
    assert result.tableau_present and result.penalties["tableau-absent"] == 0
    [note] = findings_of(result, "tableau-incoherent")
    assert note.severity is Severity.INFO
    assert note.message == (
        "tableau de synthèse « tableau-synthese.pdf » trouvé mais non comparé au site (format .pdf "
        "non lu) : publiez aussi le modèle officiel au format .xlsx"
    )


def test_own_public_address_is_not_judged_from_a_local_folder(tmp_path, server):
    """Before the first publication the portfolio's own address answers 404: auditing the
    local build must not call the links to it broken."""
    from e5portfolio.audit.portfolio_site import build_site_into

    base, hits = server({})  # every path answers 404
    own_url = f"{base}portfolio/"
    source = tmp_path / "portfolio"
    shutil.copytree(SMALL_PORTFOLIO, source)
    yml = source / "portfolio.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text.replace("https://lea-martin.example.org/portfolio/", own_url), encoding="utf-8")
    site, findings = build_site_into(source, tmp_path / "site")
    assert site is not None, findings
    assert own_url in (site / "tableau-de-synthese.html").read_text(encoding="utf-8")

    options = dataclasses.replace(FAST, links=dataclasses.replace(FAST.links, check_extern=True))
    result = audit_folder(site, options)

    assert [f for f in findings_of(result, "lien-casse") if own_url in f.message] == []
    own = [f for f in findings_of(result, "lien-non-verifiable") if own_url in f.message]
    assert [f.severity for f in own] == [Severity.INFO]
    assert hits, "the own address was really asked (and answered 404)"


def test_tableau_linked_by_a_name_with_spaces_and_accents_is_found(good_site):
    (good_site / "tableau-de-synthese.xlsx").rename(good_site / "Tableau de synthèse É.xlsx")
    for html in good_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        html.write_text(text.replace("tableau-de-synthese.xlsx", "Tableau de synthèse É.xlsx"), encoding="utf-8")
    result = audit_folder(good_site, FAST)
    assert result.tableau_present and result.coverage == 6
    assert result.penalties == {"portfolio-inaccessible": 0, "tableau-absent": 0}
    assert [f.message for f in result.findings if f.severity is Severity.ERROR] == []
