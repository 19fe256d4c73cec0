"""Hostile portfolios are shown as text, a portfolio with errors builds nothing, and the build
never deletes a folder it does not own."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_helpers import Portfolio, e5portfolio, run

PAYLOAD = '</title><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def make_hostile(data: dict) -> None:
    first = data["realisations"][0]
    first["intitule"] = f"Serveur {PAYLOAD}"
    first["description"] = (
        f'Texte {PAYLOAD}\n\n<div onclick="x()">brut</div>\n\n'
        "[clic](javascript:alert(1)) [autre](JAVASCRIPT:alert(2)) [data](data:text/html,hi) "
        "[ailleurs](//evil.example/x) ![pistage](https://evil.example/pixel.png)\n\n"
        "# Un second titre de niveau 1\n\n`<code>` reste du code"
    )
    first["technologies"] = ["[lien](javascript:x)", "*gras*", "<b>b</b>"]
    first["productions"][0]["titre"] = f"Procédure {PAYLOAD}"
    data["presentation"] = f"Bonjour {PAYLOAD} [x](javascript:alert(3))"
    data["candidat"]["prenom"] = 'Alex "<u>x</u>" </title>'
    data["candidat"]["centre"] = f"Lycée {PAYLOAD}"
    data["veille"]["articles"][0]["titre"] = f"Article {PAYLOAD}"
    data["veille"]["articles"][0]["resume"] = "Résumé <iframe src='https://evil.example'></iframe>"


@pytest.fixture
def hostile_site(minimal: Portfolio) -> Path:
    minimal.edit(make_hostile)
    result = minimal.build("--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return minimal.folder / "site"


def generated_html(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "fichiers"
    )


class _Markup(HTMLParser):
    """What a browser would make of a page: its elements, their attributes, its scripts' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_user_text_is_escaped_everywhere(hostile_site: Path):
    text = generated_html(hostile_site)
    assert "window.__pwned" in text  # the text is there…
    markup = _Markup()
    markup.feed(text)
    assert not any("__pwned" in script for script in markup.scripts)  # …but never as markup
    handlers = [(tag, name) for tag, attrs in markup.elements for name in attrs if name.startswith("on")]
    assert handlers == []
    tags = {tag for tag, _ in markup.elements}
    assert not tags & {"iframe", "b", "u"}
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in markup.elements)
    hrefs = [attrs.get("href") or "" for _, attrs in markup.elements]
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data):", h, re.IGNORECASE)]
    urls = [value or "" for _, attrs in markup.elements for name, value in attrs.items() if name in ("href", "src")]
    assert not [u for u in urls if "evil.example" in u]  # neither the remote image nor the //host link
    assert "<code>&lt;code&gt;</code>" in text
    page = (hostile_site / "realisations" / "serveur-sauvegarde.html").read_text(encoding="utf-8")
    assert "[image : pistage]" in page and "<span>clic</span>" in page


def test_title_and_headings_stay_in_order_despite_a_level_1_heading_in_markdown(hostile_site: Path):
    page = (hostile_site / "realisations" / "serveur-sauvegarde.html").read_text(encoding="utf-8")
    assert page.count("<h1") == 1
    assert "<h3>Un second titre de niveau 1</h3>" in page
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "<" not in title and "&lt;/title&gt;&lt;script&gt;" in title


def test_portfolio_with_errors_builds_nothing(minimal: Portfolio):
    minimal.edit(lambda d: d["realisations"][0].update(competences=["B1.9"]))
    result = minimal.build()
    assert result.returncode == 1
    assert "[competence-inconnue]" in result.stdout
    assert "le site n'est pas construit" in result.stderr
    assert not (minimal.folder / "site").exists()
    assert [p.name for p in minimal.folder.iterdir() if "e5portfolio" in p.name] == []


def test_portfolio_with_errors_leaves_the_previous_site(minimal: Portfolio):
    assert minimal.build().returncode == 0
    before = (minimal.folder / "site" / "index.html").read_bytes()
    minimal.edit(lambda d: d["realisations"][0].update(competences=["B1.9"]))
    assert minimal.build().returncode == 1
    assert (minimal.folder / "site" / "index.html").read_bytes() == before


def test_plain_mkdocs_stops_on_errors_with_located_french_findings(minimal: Portfolio):
    minimal.edit(lambda d: d["realisations"][0].update(competences=["B1.9"]))
    (minimal.folder / "docs").mkdir()
    (minimal.folder / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\nplugins:\n  - offline\n  - e5portfolio\n", encoding="utf-8"
    )
    result = run(sys.executable, "-m", "mkdocs", "build", cwd=minimal.folder)
    assert result.returncode == 1
    assert "portfolio.yml:" in result.stderr and "[competence-inconnue]" in result.stderr
    assert (
        "portfolio.yml contient 4 erreurs : le site n'est pas construit ; corrigez-les (« e5portfolio check » "
        "les détaille) :"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    minimal.edit(
        lambda d: d["realisations"][0].update(
            competences=["B1.1"], periode={"debut": "12-05-2025", "fin": "2025-06-06"}
        )
    )
    result = run(sys.executable, "-m", "mkdocs", "build", cwd=minimal.folder)
    # every error at once: the bad date, and the coverage that the réalisation's one competence leaves short
    assert (
        "portfolio.yml contient 3 erreurs : le site n'est pas construit ; corrigez-les (« e5portfolio check » "
        "les détaille) :"
    ) in result.stderr
    assert "[date-invalide]" in result.stderr and result.stderr.count("[couverture-competences]") == 2


def test_plain_mkdocs_strict_fails_on_a_portfolio_warning(minimal: Portfolio):
    minimal.edit(lambda d: d["candidat"].pop("url"))
    (minimal.folder / "docs").mkdir()
    (minimal.folder / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\nplugins:\n  - offline\n  - e5portfolio\n", encoding="utf-8"
    )
    assert run(sys.executable, "-m", "mkdocs", "build", cwd=minimal.folder).returncode == 0
    strict = run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=minimal.folder)
    assert strict.returncode == 1
    assert "[url-portfolio-absente]" in strict.stderr


@pytest.mark.parametrize("where", ["portfolio", "parent"])
def test_refuses_a_site_dir_that_is_or_contains_the_portfolio(minimal: Portfolio, where: str):
    site_dir = minimal.folder if where == "portfolio" else minimal.folder.parent
    before = sorted(p.relative_to(minimal.folder.parent) for p in minimal.folder.parent.rglob("*"))
    result = minimal.build("--site-dir", site_dir)
    assert result.returncode == 2
    expected = "est le dossier du portfolio" if where == "portfolio" else "contient le dossier du portfolio"
    assert expected in result.stderr
    assert sorted(p.relative_to(minimal.folder.parent) for p in minimal.folder.parent.rglob("*")) == before


def test_never_replaces_an_unmarked_folder(minimal: Portfolio, tmp_path: Path):
    mine = tmp_path / "mes-documents"
    mine.mkdir()
    (mine / "important.txt").write_text("à garder", encoding="utf-8")
    result = minimal.build("--site-dir", mine)
    assert result.returncode == 2
    assert "n'a pas été créé par e5portfolio" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["important.txt"]


def test_replaces_its_own_site_and_an_empty_folder(minimal: Portfolio, tmp_path: Path):
    target = tmp_path / "vide"
    target.mkdir()
    assert minimal.build("--site-dir", target).returncode == 0
    (target / "ancien.html").write_text("ancien", encoding="utf-8")
    result = minimal.build("--site-dir", target)
    assert result.returncode == 0, result.stderr
    assert not (target / "ancien.html").exists()
    assert (target / "index.html").is_file() and (target / ".e5portfolio-site").is_file()
    assert f"{target / 'index.html'}" in result.stdout


def test_a_failing_mkdocs_configuration_leaves_the_previous_site(minimal: Portfolio):
    assert minimal.build().returncode == 0
    site = minimal.folder / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (minimal.folder / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  custom_dir: absent\nplugins:\n  - e5portfolio\n", encoding="utf-8"
    )
    result = minimal.build()
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in minimal.folder.iterdir() if "e5portfolio" in p.name] == []


def test_portfolio_not_found_is_a_usage_error(tmp_path: Path):
    result = e5portfolio("build", tmp_path / "absent")
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr
