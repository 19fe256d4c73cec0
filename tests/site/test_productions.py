"""Production pages (site/productions.py): each production file has its own page with its
download link, size and type, and its content shown as its type allows, never as live HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from site_helpers import MINIMAL, copy_portfolio, outline

from e5portfolio.site.productions import MAX_CODE_LINES, kind_of
from tests.support.browser import PALETTE_SCHEMES, format_violations, run_axe, set_palette

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a3e6a6e80000000049454e44ae426082"
)


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


# --- the sample ------------------------------------------------------------------------------


def test_markdown_production_is_rendered_with_its_headings(sample_site: Path) -> None:
    page = sample_site / "productions" / "glpi-inventaire-1.html"
    headings = outline(page).headings
    assert headings[0] == (1, "Procédure d'installation de GLPI et de l'agent")
    assert (3, "Procédure — installation de GLPI et déploiement de l'agent d'inventaire") in headings
    assert (4, "1. Objectif et périmètre") in headings
    html = _html(sample_site, "productions/glpi-inventaire-1.html")
    assert "<table>" in html and "<th>Élément</th>" in html
    assert "mysql_secure_installation" in html
    assert re.search(r'<div class="highlight"><pre><span></span><code><span class="k">CREATE', html)  # coloured
    # the raw file is still there to download
    link = re.search(
        r'<a href="([^"]+)" download="procédure\.md">Télécharger le fichier « procédure\.md » '
        r"\(document Markdown, [\d,]+ Ko\)</a>",
        html,
    )
    assert link, html
    assert (page.parent / unquote(link.group(1))).resolve().is_file()


def test_powershell_production_is_shown_highlighted_with_line_numbers(sample_site: Path) -> None:
    html = _html(sample_site, "productions/glpi-inventaire-2.html")
    assert '<div class="highlight"><pre>' in html
    assert re.search(r'<span class="linenos" data-linenos=" *1 "></span>', html)
    assert re.search(r'<span class="nb">Get-Date</span>', html)
    source = Path(__file__).parents[2] / "sample_portfolio/productions/glpi-inventaire/deployer-glpi-agent.ps1"
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    assert html.count('class="linenos"') == len(lines)
    assert "Type</dt>\n<dd>script PowerShell</dd>" in html


def test_picture_pdf_and_config_pages(sample_site: Path) -> None:
    image = _html(sample_site, "productions/lab-vlan-pfsense-1.html")
    assert re.search(
        r'<img src="\.\./fichiers/productions/lab-vlan-pfsense/schema-reseau\.png" '
        r'alt="[^"]+"',
        image,
    )
    pdf = _html(sample_site, "productions/lab-ad-gpo-1.html")
    preview = re.search(
        r'<object class="e5-apercu-pdf" data="([^"]+)" type="application/pdf" '
        r'aria-label="Aperçu du document PDF « [^"]+ »">\s*<p>.*?<a href="\1">',
        pdf,
        re.S,
    )
    assert preview, pdf
    conf = _html(sample_site, "productions/supervision-zabbix-2.html")
    assert 'download="zabbix_agent2.conf"' in conf and re.search(r'data-linenos=" *1 "', conf)


def test_realisation_page_links_each_production_page_with_its_file_name(sample_site: Path) -> None:
    html = _html(sample_site, "realisations/lab-ad-gpo.html")
    assert (
        '<a href="../productions/lab-ad-gpo-2.html">Script de création des comptes &#40;PowerShell&#41;</a> '
        "(fichier <code>creer-utilisateurs.ps1</code>, script PowerShell, 3 Ko)"
    ) in html
    assert "../productions/lab-ad-gpo-1.html" in html and "../productions/lab-ad-gpo-3.html" in html


def test_kind_of_known_and_unknown_types() -> None:
    assert kind_of("a.PS1") == ("script PowerShell", "code", "powershell")
    assert kind_of("page.html")[1] == "download" and kind_of("logo.svg")[1] == "download"
    assert kind_of("archive.7z") == ("fichier 7Z", "download", "")
    assert kind_of("LISEZMOI") == ("fichier", "download", "")


# --- hostile and awkward productions -------------------------------------------------------------


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    portfolio = copy_portfolio(MINIMAL, tmp_path_factory.mktemp("productions") / "portfolio")
    folder = portfolio.folder / "productions"
    (folder / "doc").mkdir()
    (folder / "doc" / "capture.png").write_bytes(PNG)
    (folder / "doc" / "notes.md").write_text(
        "# Notes\n\n<script>alert('md')</script>\n\n![Capture](capture.png)\n\n![Photo](../../images/photo.png)\n\n"
        "![Distante](https://example.org/x.png)\n\n[piège](javascript:alert(1)) et [site](https://example.org/)\n\n"
        "```powershell\nGet-Process\n```\n",
        encoding="utf-8",
    )
    (folder / "page.html").write_text("<script>alert('html')</script>", encoding="utf-8")
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8"
    )
    (folder / "long.sh").write_text("".join(f"echo {n}\n" for n in range(1, MAX_CODE_LINES + 51)), encoding="utf-8")
    (folder / "ancien.bat").write_bytes("REM Création du partage\r\necho été\r\n".encode("cp1252"))
    (folder / "binaire.txt").write_bytes(b"\x00\x01\x02 not text")

    def change(data: dict) -> None:
        data["realisations"][0]["productions"] = [
            {"titre": "Procédure d'installation", "fichier": "productions/procedure.md"},  # cited by the text
            {"titre": "Notes de travail", "fichier": "productions/doc/notes.md"},
            {"titre": "Page exportée", "fichier": "productions/page.html"},
            {"titre": "Logo", "fichier": "productions/logo.svg"},
            {"titre": "Long script", "fichier": "productions/long.sh"},
            {"titre": "Ancien script", "fichier": "productions/ancien.bat"},
            {"titre": "Fichier binaire", "fichier": "productions/binaire.txt"},
        ]

    portfolio.edit(change)
    result = portfolio.build("--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return portfolio.folder / "site"


def test_markdown_production_stays_inert_and_shows_only_its_own_pictures(awkward_site: Path) -> None:
    html = _html(awkward_site, "productions/serveur-sauvegarde-2.html")
    article = html.split("<article", 1)[1].split("</article>")[0]
    assert "<script" not in article and "&lt;script&gt;alert(" in article
    # its own folder's picture is shown and published; one outside its folder or on another host is not
    assert re.findall(r"<img [^>]*>", article) == [
        '<img alt="Capture" loading="lazy" src="../fichiers/productions/doc/capture.png">'
    ]
    assert (awkward_site / "fichiers/productions/doc/capture.png").read_bytes() == PNG
    assert "[image : Photo]" in article and "[image : Distante]" in article
    assert "javascript:" not in article and '<a href="https://example.org/">site</a>' in article


def test_html_and_svg_are_offered_for_download_only(awkward_site: Path) -> None:
    for number, name in ((3, "page.html"), (4, "logo.svg")):
        html = _html(awkward_site, f"productions/serveur-sauvegarde-{number}.html")
        article = html.split("<article", 1)[1].split("</article>")[0]
        assert f'download="{name}"' in article
        assert "<object" not in article and "<iframe" not in article and "<img" not in article
        assert "n'est pas affiché dans le site : téléchargez-le pour l'ouvrir" in article
        # published only as text: opening the file's address never runs its script in the site
        assert f'href="../fichiers/productions/{name}.txt" download="{name}"' in article
        assert (awkward_site / "fichiers" / "productions" / f"{name}.txt").is_file()
        assert not (awkward_site / "fichiers" / "productions" / name).exists()


def test_long_file_shows_its_first_lines_then_the_download(awkward_site: Path) -> None:
    html = _html(awkward_site, "productions/serveur-sauvegarde-5.html")
    assert f"seules ses {MAX_CODE_LINES} premières lignes sont affichées" in html
    assert html.count('class="linenos"') == MAX_CODE_LINES
    assert f"echo {MAX_CODE_LINES}\n" in re.sub(r"<[^>]+>", "", html)
    assert f"echo {MAX_CODE_LINES + 1}\n" not in re.sub(r"<[^>]+>", "", html)


def test_windows_1252_script_is_decoded_and_binary_is_not_shown(awkward_site: Path) -> None:
    bat = re.sub(r"<[^>]+>", "", _html(awkward_site, "productions/serveur-sauvegarde-6.html"))
    assert "REM Création du partage" in bat and "echo été" in bat
    binary = _html(awkward_site, "productions/serveur-sauvegarde-7.html")
    assert "linenos" not in binary and 'download="binaire.txt"' in binary
    assert "Ce fichier n'est pas un texte lisible, il n'est donc pas affiché dans le site : téléchargez-le" in binary


# --- in a real browser -------------------------------------------------------------------------


@pytest.mark.browser
def test_browser_shows_markdown_headings_and_powershell_code(sample_site: Path, offline_page) -> None:
    page = offline_page
    page.goto((sample_site / "realisations" / "glpi-inventaire.html").as_uri())
    page.get_by_role("link", name="Procédure d'installation de GLPI et de l'agent").click()
    page.wait_for_url("**/productions/glpi-inventaire-1.html")
    title = "Procédure — installation de GLPI et déploiement de l'agent d'inventaire"
    assert page.get_by_role("heading", level=3, name=title).is_visible()
    assert page.get_by_role("heading", level=4, name="1. Objectif et périmètre").is_visible()
    page.goto((sample_site / "productions" / "glpi-inventaire-2.html").as_uri())
    code = page.get_by_role("region", name="Contenu de Script de déploiement de GLPI Agent")
    assert code.is_visible()
    assert "$VersionCible" in code.inner_text() and "Start-Process" in code.inner_text()
    assert page.blocked == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_awkward_production_pages_have_no_axe_violation(awkward_site: Path, offline_page, scheme: str) -> None:
    # the sample's production pages are in tests/site/test_every_page.py's tours (both widths, both
    # palettes); these are the awkward portfolio's, which no tour visits
    pages = [
        awkward_site / "productions" / name
        for name in (
            "serveur-sauvegarde-2.html",  # Markdown with a picture
            "serveur-sauvegarde-3.html",  # HTML, download only
            "serveur-sauvegarde-5.html",  # long script, cut
        )
    ]
    page = offline_page
    problems = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(path.as_uri())
            set_palette(page, scheme)
            violations = run_axe(page)
            if violations:
                problems.append(f"{path.name} ({width} px):\n{format_violations(violations)}")
            scroll = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if scroll > 0:
                problems.append(f"{path.name} ({width} px): the page scrolls sideways by {scroll} px")
    assert problems == [], "\n".join(problems)
    assert page.blocked == []
