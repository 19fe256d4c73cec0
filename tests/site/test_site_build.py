"""Real builds of the site: the sample through `mkdocs build --strict` and `e5portfolio build`,
the pages of the site map, the public data, privacy by default and the opt-ins."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from site_helpers import SAMPLE, Portfolio, outline, site_pages

SECTIONS = {
    "index.html": "Camille LE GALL",  # a person first: the name is the home page's h1
    "parcours.html": "Parcours",
    "realisations.html": "Réalisations professionnelles",
    "competences.html": "Compétences",
    "tableau-de-synthese.html": "Tableau de synthèse des réalisations professionnelles",
    "veille.html": "Veille informationnelle",
    "mentions-legales.html": "Mentions légales",
}
SAMPLE_IDS = (
    "env-apprentissage-veille",
    "lab-ad-gpo",
    "lab-vlan-pfsense",
    "glpi-inventaire",
    "sauvegarde-rsync",
    "site-wordpress",
    "helpdesk-tickets",
    "supervision-zabbix",
)
SAMPLE_PRODUCTION_FILES = 19  # each has its own page (site/productions.py)
NUMERO = "02534871209"


def all_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json", ".js")
    )


def xlsx_values(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    return [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def test_mkdocs_build_strict_of_the_sample_through_the_plugin(sample_mkdocs_site):
    site, result = sample_mkdocs_site
    assert result.returncode == 0, result.stderr
    for name in (*SECTIONS, "portfolio.json", "tableau-de-synthese.xlsx", ".e5portfolio-site"):
        assert (site / name).is_file(), name
    assert sorted(p.stem for p in (site / "realisations").glob("*.html")) == sorted(SAMPLE_IDS)


def test_e5portfolio_build_says_where_to_open_the_site(sample_site):
    assert (sample_site / "index.html").is_file()
    # nothing left behind by the build-then-swap
    assert [p.name for p in sample_site.parent.iterdir() if "e5portfolio" in p.name] == []


def test_every_page_has_one_h1_and_headings_in_order(sample_site):
    pages = site_pages(sample_site)
    assert len(pages) == len(SECTIONS) + len(SAMPLE_IDS) + SAMPLE_PRODUCTION_FILES
    for page in pages:
        levels = [level for level, _ in outline(page).headings]
        assert levels.count(1) == 1 and levels[0] == 1, page
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (page, levels)


def test_section_pages_have_their_french_titles(sample_site):
    for name, title in SECTIONS.items():
        assert outline(sample_site / name).headings[0] == (1, title)


def test_browser_titles_name_the_page_then_the_site(sample_site):
    titles = {
        name: re.search(r"<title>(.*?)</title>", (sample_site / name).read_text(encoding="utf-8")).group(1)
        for name in ("index.html", "parcours.html")
    }
    assert titles == {
        "index.html": "Accueil - Portfolio E5 de Camille LE GALL",
        "parcours.html": "Parcours - Portfolio E5 de Camille LE GALL",
    }


def test_nav_lists_the_sections_not_the_realisation_pages(sample_site):
    index = (sample_site / "index.html").read_text(encoding="utf-8")
    menu = index.split('class="md-sidebar md-sidebar--primary"', 1)[1].split('class="md-content"', 1)[0]
    assert 'href="parcours.html"' in menu
    assert "realisations/glpi-inventaire.html" not in menu
    realisations = (sample_site / "realisations.html").read_text(encoding="utf-8")
    assert realisations.count('href="realisations/') == len(SAMPLE_IDS)


def test_realisation_page_shows_official_wording_productions_and_contribution(sample_site):
    page = (sample_site / "realisations" / "lab-vlan-pfsense.html").read_text(encoding="utf-8")
    assert "B1.4.2 Planifier les activités" in page
    assert "Travail en équipe et contribution personnelle" in page
    assert 'href="../productions/lab-vlan-pfsense-1.html"' in page  # the production's own page
    production = (sample_site / "productions" / "lab-vlan-pfsense-1.html").read_text(encoding="utf-8")
    assert 'href="../fichiers/productions/lab-vlan-pfsense/schema-reseau.png"' in production
    assert (sample_site / "fichiers/productions/lab-vlan-pfsense/schema-reseau.png").is_file()


def test_timeline_is_svg_with_title_desc_and_a_text_alternative(sample_site):
    page = (sample_site / "parcours.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert '<title id="frise-titre">' in page and '<desc id="frise-desc">' in page
    assert "Frise en version texte" in page
    assert "Stage : Breizh Transports SARL, Vern-sur-Seiche" in page
    assert "6 semaines" in page


def test_competence_matrix_is_text_not_colour_and_lists_indicators(sample_site):
    page = (sample_site / "competences.html").read_text(encoding="utf-8")
    # the cell shows « ✓ » and the items cited, and says « mobilisée » to a screen reader; an
    # empty cell says « non mobilisée » to a screen reader only (the site never shows a gap)
    assert (
        '<td class="e5-oui"><span aria-hidden="true">✓</span><span class="e5-sr">mobilisée</span>'
        '<span class="e5-items">B1.6.1, B1.6.2, B1.6.3, B1.6.4</span></td>'
    ) in page
    assert '<td class="e5-non"><span class="e5-sr">non mobilisée</span></td>' in page
    assert "<caption>" in page and '<th scope="col">B1.1</th>' in page
    assert "Les restaurations sont testées et opérationnelles." in page  # a performance indicator


def test_pages_are_styled_by_the_theme_not_by_inline_styles(sample_site):
    # one exception: the productions listed in a row header of the tableau, for the print view
    # (printable.py), which has its own stylesheet
    for path in site_pages(sample_site):
        article = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        styles = set(re.findall(r' style="([^"]*)"', article))
        assert styles <= ({"font-weight: normal"} if path.name == "tableau-de-synthese.html" else set()), path
    parcours = (sample_site / "parcours.html").read_text(encoding="utf-8")
    assert '<figure class="e5-frise-figure">\n<div class="e5-frise-defilement" tabindex="0">\n<svg' in parcours
    tableau = (sample_site / "tableau-de-synthese.html").read_text(encoding="utf-8")
    assert '<div class="e5-matrice e5-tableau">' in tableau
    assert (
        '<td class="e5-oui"><span class="e5-x">X</span><span class="e5-nom">B1.1 Gérer le patrimoine '
        "informatique</span></td>"
    ) in tableau


def test_realisation_page_links_its_neighbours_with_rel(sample_site):
    page = (sample_site / "realisations" / "lab-vlan-pfsense.html").read_text(encoding="utf-8")
    assert '<dl class="e5-fiche">' in page
    assert (
        '<li class="e5-precedente">Réalisation précédente : <a href="lab-ad-gpo.html" rel="prev">'
        "Domaine Active Directory et stratégies de groupe pour le laboratoire SIO</a></li>"
    ) in page
    assert (
        '<li class="e5-suivante">Réalisation suivante : <a href="glpi-inventaire.html" rel="next">'
        "Inventaire automatisé du parc informatique avec GLPI</a></li>"
    ) in page
    assert '<li class="e5-toutes"><a href="../realisations.html">Toutes les réalisations</a></li>' in page


def test_tableau_page_matches_the_xlsx_and_links_to_it(sample_site):
    page = (sample_site / "tableau-de-synthese.html").read_text(encoding="utf-8")
    assert 'href="tableau-de-synthese.xlsx"' in page
    values = "\n".join(xlsx_values(sample_site / "tableau-de-synthese.xlsx"))
    for title in ("Segmentation du réseau du laboratoire en VLAN avec pfSense", "Bilan chiffré des tickets traités"):
        assert title in values and title in page
    assert "LE GALL Camille" in page and "non publié en ligne" in page


def test_only_cited_files_are_published(sample_site):
    published = sorted(
        p.relative_to(sample_site / "fichiers").as_posix() for p in (sample_site / "fichiers").rglob("*") if p.is_file()
    )
    cited = sorted(
        p.relative_to(SAMPLE).as_posix()
        for p in SAMPLE.rglob("*")
        if p.is_file() and p.parts[len(SAMPLE.parts)] in ("productions", "images")
    )
    assert published == cited
    names = {p.name for p in sample_site.rglob("*")}
    assert not names & {"portfolio.yml", "README.md", "stage1.pdf", "stage2.pdf"}


def test_public_data_without_numero_by_default(sample_site):
    data = json.loads((sample_site / "portfolio.json").read_text(encoding="utf-8"))
    assert data["candidat"] == {
        "nom": "LE GALL",
        "prenom": "Camille",
        "option": "SISR",
        "session": 2026,
        "centre": "Lycée Paul-Féval, Rennes",
        "url": "https://camille-legall.github.io/portfolio/",
    }
    assert [r["id"] for r in data["realisations"]] == list(SAMPLE_IDS)
    glpi = next(r for r in data["realisations"] if r["id"] == "glpi-inventaire")
    assert glpi["cadre"] == "entreprise" and glpi["annee"] == 1
    assert glpi["periode"] == {"debut": "2025-05-19", "fin": "2025-06-06"}
    assert glpi["competences"] == ["B1.1", "B1.2"]
    assert glpi["productions"][0] == {
        "titre": "Procédure d'installation de GLPI et de l'agent",
        "fichier": "productions/glpi-inventaire/procédure.md",
        "chemin_site": "fichiers/productions/glpi-inventaire/procédure.md",
    }
    assert NUMERO not in all_text(sample_site)


def test_published_xlsx_leaves_the_candidate_number_empty(sample_site):
    values = xlsx_values(sample_site / "tableau-de-synthese.xlsx")
    assert any("N° candidat" in value for value in values)
    assert not any(NUMERO in value for value in values)


def test_opt_in_publishes_numero_and_attestations(minimal: Portfolio):
    minimal.edit(lambda d: d.update(publication={"numero": True, "attestations": True}))
    result = minimal.build("--strict")
    assert result.returncode == 0, result.stderr
    site = minimal.folder / "site"
    assert json.loads((site / "portfolio.json").read_text(encoding="utf-8"))["candidat"]["numero"] == "02400000042"
    assert any("02400000042" in v for v in xlsx_values(site / "tableau-de-synthese.xlsx"))
    assert (site / "fichiers/attestations/stage1.pdf").is_file()
    assert 'href="fichiers/attestations/stage1.pdf"' in (site / "parcours.html").read_text(encoding="utf-8")


def test_default_keeps_attestations_and_private_files_out(minimal: Portfolio):
    result = minimal.build("--strict")
    assert result.returncode == 0, result.stderr
    site = minimal.folder / "site"
    names = {p.name for p in site.rglob("*")}
    assert not names & {"stage1.pdf", "notes-privees.txt", "portfolio.yml"}
    assert "02400000042" not in all_text(site)
    # a file name with a space and a '#' is published and linked percent-encoded
    page = (site / "productions" / "serveur-sauvegarde-2.html").read_text(encoding="utf-8")
    assert 'href="../fichiers/productions/compte%20rendu%20%231.txt"' in page
    # a relative link of a free-text field to a production is rewritten to the published copy
    assert 'href="fichiers/productions/procedure.md"' in (site / "index.html").read_text(encoding="utf-8")


def test_student_mkdocs_yml_listing_the_plugin_is_used(minimal: Portfolio):
    (minimal.folder / "docs").mkdir()
    (minimal.folder / "docs" / "cv.md").write_text("# Mon CV\n\nTexte du CV.\n", encoding="utf-8")
    (minimal.folder / "mkdocs.yml").write_text(
        "site_name: Mon portfolio à moi\ntheme:\n  name: material\n  language: fr\n"
        "plugins:\n  - search\n  - offline\n  - e5portfolio\n"
        "nav:\n  - Accueil: index.md\n  - CV: cv.md\n  - Réalisations: realisations.md\n",
        encoding="utf-8",
    )
    result = minimal.build()
    assert result.returncode == 0, result.stderr
    site = minimal.folder / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Mon portfolio à moi" in index
    assert "Texte du CV." in (site / "cv.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in index and "unpkg.com" not in index
    assert "iframe-worker.js" in index and "e5portfolio.css" in index
    assert (site / "assets/javascripts/iframe-worker.js").is_file()
    assert (site / "assets/stylesheets/e5portfolio.css").is_file()


def test_student_mkdocs_yml_without_the_plugin_is_refused(minimal: Portfolio):
    (minimal.folder / "mkdocs.yml").write_text(
        "site_name: Sans plugin\ntheme:\n  name: material\ndocs_dir: productions\n", encoding="utf-8"
    )
    result = minimal.build()
    assert result.returncode == 2
    assert "n'active pas le plugin e5portfolio" in result.stderr
    assert not (minimal.folder / "site").exists()


@pytest.mark.parametrize("strict", [False, True])
def test_warnings_are_printed_and_stop_a_strict_build(minimal: Portfolio, strict: bool):
    minimal.edit(lambda d: d["candidat"].pop("numero"))
    result = minimal.build(*(["--strict"] if strict else []))
    assert "[numero-candidat-absent]" in result.stdout
    assert result.returncode == (1 if strict else 0), result.stderr
    assert (minimal.folder / "site").exists() is not strict


def test_student_pages_join_the_sections_when_mkdocs_yml_has_no_nav(minimal: Portfolio):
    (minimal.folder / "docs").mkdir()
    (minimal.folder / "docs" / "cv.md").write_text("# Mon CV\n", encoding="utf-8")
    (minimal.folder / "mkdocs.yml").write_text(
        "site_name: Portfolio E5\ntheme:\n  name: material\nplugins:\n  - search\n  - offline\n  - e5portfolio\n",
        encoding="utf-8",
    )
    result = minimal.build("--strict")
    assert result.returncode == 0, result.stderr
    index = (minimal.folder / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        index.index('href="veille.html"') < index.index('href="cv.html"') < index.index('href="mentions-legales.html"')
    )
    assert "Portfolio E5 de Alex TESTEUR" in index


def test_site_files_get_the_usual_mode_not_a_private_one(sample_site):
    umask = os.umask(0)
    os.umask(umask)
    for name in ("portfolio.json", "tableau-de-synthese.xlsx", "index.html", "fichiers/images/photo.png"):
        assert (sample_site / name).stat().st_mode & 0o777 == 0o666 & ~umask, name
    assert sample_site.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's 0700


def test_a_vignette_is_the_card_picture_and_a_missing_one_stops_the_build(minimal):
    picture = SAMPLE / "productions" / "lab-vlan-pfsense" / "schema-reseau.png"
    (minimal.folder / "images" / "carte.png").write_bytes(picture.read_bytes())
    first = minimal.data["realisations"][0]["id"]
    minimal.edit(lambda d: d["realisations"][0].update(vignette="images/carte.png"))
    result = minimal.build("--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    index = (minimal.folder / "site" / "index.html").read_text(encoding="utf-8")
    card = index.split(f'href="realisations/{first}.html"', 1)[0].rsplit('<li class="e5-carte">', 1)[1]
    assert '<img src="fichiers/images/carte.png" alt="Illustration : ' in card
    assert (minimal.folder / "site" / "fichiers" / "images" / "carte.png").is_file()
    minimal.edit(lambda d: d["realisations"][0].update(vignette="images/absente.png"))
    result = minimal.build()
    assert result.returncode != 0
    assert "vignette de la réalisation" in result.stdout + result.stderr
    assert "introuvable" in result.stdout + result.stderr
