"""axe-core on the pages with new kinds of element only; the other pages inherit, in a site and in a class.

Pure functions first (kinds, inheritance, the class's order), then the real Chromium on sites served
on 127.0.0.1: a page holding a kind of element no other page holds is always run through axe-core,
a page of the same template inherits the template's defect, and `--axe-toutes-pages` finds the same.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import threading
from pathlib import Path

import pytest

from e5portfolio.audit.classe import Candidate, audit_class
from e5portfolio.audit.engine import audit_folder
from e5portfolio.audit.htmlpage import parse_page
from e5portfolio.audit.report import render_json, render_text
from e5portfolio.audit.sampling import (
    KIND_JS,
    AnalysedPage,
    AxeSampler,
    ClassAxeShare,
    element_kind,
    inherited_violations,
    kind_label,
    page_kinds,
)
from e5portfolio.audit.serve import serve_site

from .conftest import FAST, FIXTURES, findings_of

WITH_BROWSER = dataclasses.replace(FAST, browser=dataclasses.replace(FAST.browser, use=True))

STYLE = """<style>
body { background: #fff; color: #222; font-family: sans-serif; }
.pale { color: #bbb; }
nav a { color: #0645ad; }
</style>"""


def html_page(title: str, main: str, menu: str = "") -> str:
    menu = menu or (
        '<a href="index.html">Accueil</a> <a href="projets.html">Projets</a> '
        '<a href="veille.html">Veille</a> <a href="contact.html">Contact</a>'
    )
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>{STYLE}</head>'
        f'<body><header><nav aria-label="Menu">{menu}</nav></header>'
        f"<main><h1>{title}</h1>{main}</main><footer><p>Pied de page</p></footer></body></html>"
    )


def write_site(folder, pages: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- pure functions --------------------------------------------------------------------------------


def test_a_kind_is_tag_classes_and_what_axe_reads_not_text_or_ids():
    assert element_kind("a", {"href": "x.html", "class": "b a a", "id": "lien", "title": "t"}) == "a|a.b|href"
    assert (
        element_kind("div", {"role": "Region", "aria-label": "Code", "style": " color: red; ", "data-x": "1"})
        == "div||aria-label,role=region,style=color: red"
    )
    assert element_kind("input", {"type": "Text"}) == "input||type=text"
    assert element_kind("span", {"type": "x"}) == "span||"


def test_the_layout_of_a_page_is_what_lies_outside_its_main_content():
    page = parse_page("http://h/", html_page("Accueil", '<p class="pale">x</p><div role="main"><em>y</em></div>'))
    layout = {kind.partition("#")[2] for kind in page_kinds(page, layout_only=True)}
    assert "nav||aria-label" in layout and "main||" in layout
    assert "p|pale|" not in layout and "h1||" not in layout
    assert "p|pale|" in {kind.partition("#")[2] for kind in page_kinds(page)}


def test_pages_with_the_same_kinds_of_element_are_sampled_once():
    home = parse_page("http://h/", html_page("Accueil", "<p>Bienvenue</p>"))
    other = parse_page("http://h/veille.html", html_page("Veille", "<p>Articles lus</p><p>Autres</p>"))
    special = parse_page("http://h/projets.html", html_page("Projets", '<p class="pale">Ancien projet</p>'))
    sampler = AxeSampler()
    chosen = []
    for page in (home, other, special):
        kinds = page_kinds(page, "css1")
        if sampler.wants(kinds):
            sampler.analysed(kinds)
            chosen.append(page.url)
    assert chosen == ["http://h/", "http://h/projets.html"]
    # another style sheet makes every kind new
    assert AxeSampler(covered=set(page_kinds(home, "css1"))).wants(page_kinds(home, "css2"))
    assert AxeSampler(every_page=True, covered=set(page_kinds(home, "css1"))).wants(page_kinds(home, "css1"))


def test_style_sheets_are_read_once_each_and_at_most_a_few_per_site():
    from e5portfolio.audit.sampling import StyleFingerprints

    reads: list[str] = []
    styles = StyleFingerprints("http://h/", lambda url: reads.append(url) or url.encode())
    links = "".join(f'<link rel="stylesheet" href="s{i}.css">' for i in range(50))
    page = parse_page("http://h/", f"<html><head>{links}<link rel=stylesheet href=http://cdn/x.css></head></html>")
    first = styles.of(page)
    assert styles.of(page) == first
    assert len(reads) == StyleFingerprints.MAX_READS and len(set(reads)) == len(reads)
    assert "http://cdn/x.css" not in reads  # another site's sheet: named by its address, never read
    changed = parse_page("http://h/", f"<html><head>{links}<style>p {{ color: red }}</style></head></html>")
    assert styles.of(changed) != first


def _violation(rule: str, *nodes: tuple[str, str]) -> dict:
    return {
        "id": rule,
        "impact": "serious",
        "help": rule,
        "helpUrl": "",
        "nodes": [{"target": [f"#n{i}"], "label": label, "kind": kind} for i, (label, kind) in enumerate(nodes)],
    }


def test_a_template_defect_is_inherited_whole_and_a_content_defect_only_where_its_kind_is():
    menu = ("a « Contact »", "a||href")
    pale = ("p « Ancien projet »", "p|pale|")
    analysed = [
        AnalysedPage("site", "index.html", "css", [_violation("target-size", menu)]),
        AnalysedPage(
            "site",
            "projets.html",
            "css",
            [
                _violation("color-contrast", pale),
                _violation("target-size", menu),
                _violation("image-alt", ("img", "img||")),
            ],
        ),
    ]
    plain = frozenset({"css#a||href", "css#p||", "css#img||"})
    inherited = inherited_violations(analysed, plain, "site")
    # the menu's defect comes from the first page where it failed, identical (one finding « sur N pages »)
    assert inherited == [_violation("target-size", menu)]
    with_pale = inherited_violations(analysed, plain | {"css#p|pale|"}, "site")
    assert [v["id"] for v in with_pale] == ["target-size", "color-contrast"]
    # image-alt is checked statically on every page: never inherited
    assert all(v["id"] != "image-alt" for v in with_pale)
    # same kind under another style sheet: nothing inherited
    assert inherited_violations(analysed, frozenset({"other#a||href"}), "site") == []


def test_what_a_page_inherits_from_another_candidate_never_shows_that_candidates_text():
    seen = _violation("color-contrast", ("a « Jean Dupont »", "a|md-nav__link|href"))
    analysed = [AnalysedPage("candidat-0", "http://a/", "css", [seen])]
    [violation] = inherited_violations(analysed, frozenset({"css#a|md-nav__link|href"}), "candidat-1")
    assert [node["label"] for node in violation["nodes"]] == ["a.md-nav__link"]
    assert "Dupont" not in repr(violation)
    assert kind_label("css#div|e5-code.e5-x|role=region") == "div.e5-code"


def test_a_class_chooses_in_list_order_whatever_the_order_candidates_arrive_in():
    share = ClassAxeShare(3, max_pages=10)
    views = {
        0: [("a/1", frozenset({"k1", "k2"}))],
        1: [("b/1", frozenset({"k1"})), ("b/2", frozenset({"k3"}))],
        2: [("c/1", frozenset({"k2", "k3"}))],
    }
    results: dict[int, tuple[list[str], list[str]]] = {}

    def run(index: int) -> None:
        ticket = share.ticket(index)
        results[index] = ticket.choose(views[index])
        ticket.publish([AnalysedPage(ticket.source, url, "", []) for url in results[index][0]])

    threads = [threading.Thread(target=run, args=(index,)) for index in (2, 1, 0)]  # last candidate first
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == {0: (["a/1"], []), 1: (["b/2"], ["b/1"]), 2: ([], ["c/1"])}
    assert [page.url for page in share.ticket(2).analysed_before_and_with()] == ["a/1", "b/2"]


def test_a_candidate_that_stops_early_never_blocks_the_ones_after_it():
    share = ClassAxeShare(2, max_pages=5, wait=60)
    share.ticket(0).close()  # unreachable site: no crawl, no axe-core
    chosen, covered = share.ticket(1).choose([("b/1", frozenset({"k"}))])
    assert (chosen, covered) == (["b/1"], [])
    share.ticket(1).close()
    assert share.ticket(1).analysed_before_and_with() == []


# --- in the real browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_kinds_are_the_same_in_python_and_in_the_browser(chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    from e5portfolio.audit.a11y_browser import chromium_args

    text = html_page(
        "Projets",
        '<p class="pale  x">a</p><div role="Region" aria-label="c" style="color: red;  ">'
        '<input type="Text" tabindex="0"><button type="submit">b</button></div>'
        '<a class="b a">sans cible</a>',
    )
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    expected = {kind.partition("#")[2] for kind in page_kinds(parse_page("file:///page.html", text))}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=chromium_args())
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            found = set(page.evaluate(f"Array.from(document.body.querySelectorAll('*')).map({KIND_JS})"))
            found |= set(page.evaluate(f"[{KIND_JS}(document.body)]"))
        finally:
            browser.close()
    assert found == expected - {"html||", "meta||"}


def _template_site(folder):
    tiny = (
        '<nav aria-label="Menu">'
        + " ".join(
            f'<a href="{n}.html" style="font-size:8px;padding:0;line-height:1">{n[0]}</a>'
            for n in ("index", "projets", "veille", "contact")
        )
        + "</nav>"
    )
    return write_site(
        folder,
        {
            "index.html": html_page("Accueil", "<p>Bienvenue</p>", tiny),
            "projets.html": html_page("Projets", '<p>Projets</p><p class="pale">Ancien projet peu lisible</p>', tiny),
            "veille.html": html_page("Veille", "<p>Articles</p><p>Sources</p>", tiny),
            "contact.html": html_page("Contact", "<p>Écrivez-moi</p>", tiny),
        },
    )


def _a11y(result) -> dict[str, list[str]]:
    return {
        f.rule: sorted(f.file for f in findings_of(result, f.rule))
        for f in result.findings
        if f.rule.startswith("a11y-")
    }


@pytest.mark.browser
def test_axe_runs_on_pages_with_new_kinds_and_the_others_inherit(chromium, tmp_path):
    site = _template_site(tmp_path / "site")
    result = audit_folder(site, WITH_BROWSER)
    assert result.browser_used
    # the home page and the page with the pale paragraph (a new kind); veille and contact inherit
    assert result.axe_pages == 2 and len(result.pages) == 4
    [contrast] = findings_of(result, "a11y-color-contrast")
    assert contrast.file == "projets.html" and "Ancien projet" in contrast.message
    [targets] = findings_of(result, "a11y-target-size")
    assert targets.message.startswith("sur 4 pages ("), targets.message  # the menu's defect, inherited
    assert "axe-core a analysé 2 pages ; les 2 autres n'ont que des types d'éléments déjà analysés" in render_text(
        result
    )
    assert json.loads(render_json(result))["analysis"]["axe_pages"] == 2
    # every page through axe-core: the same defects
    every = audit_folder(
        site, dataclasses.replace(WITH_BROWSER, browser=dataclasses.replace(WITH_BROWSER.browser, axe_every_page=True))
    )
    assert every.axe_pages == 4
    assert _a11y(every) == _a11y(result)


@pytest.mark.browser
def test_axe_rapide_runs_axe_once_per_layout_and_says_what_it_leaves_to_static_checks(chromium, tmp_path):
    site = _template_site(tmp_path / "site")
    result = audit_folder(
        site, dataclasses.replace(WITH_BROWSER, browser=dataclasses.replace(WITH_BROWSER.browser, axe_layout_only=True))
    )
    # one layout (same header, menu and footer on every page): axe-core on the home page only
    assert result.axe_pages == 1
    [targets] = findings_of(result, "a11y-target-size")
    assert targets.message.startswith("sur 4 pages ("), targets.message  # the layout's defect, everywhere
    # the trade-off: the pale paragraph in projets.html's own content is not seen by axe-core
    assert not findings_of(result, "a11y-color-contrast")
    assert "une par mise en page (--axe-rapide)" in render_text(result)
    assert json.loads(render_json(result))["analysis"]["axe_layout_only"] is True


@pytest.mark.browser
def test_a_class_with_one_style_runs_axe_once_and_every_candidate_gets_the_defects(chromium, tmp_path):
    _template_site(tmp_path / "www" / "alice")
    second = _template_site(tmp_path / "www" / "bruno")
    # bruno's contact page has a plain menu: a kind of element alice's site does not have
    (second / "contact.html").write_text(html_page("Contact", "<p>Bruno Martin</p>"), encoding="utf-8")
    with serve_site(tmp_path / "www") as base:
        candidates = [
            Candidate("ALICE", "A", "1", f"{base}alice/", 2),
            Candidate("BRUNO", "B", "2", f"{base}bruno/", 3),
        ]
        outcomes = audit_class(candidates, WITH_BROWSER, tmp_path / "classe.xlsx", base=tmp_path)
    alice, bruno = (outcome.result for outcome in outcomes)
    assert alice.axe_pages == 2
    # bruno's pages have the same style sheets and kinds: no axe run of his own except his different contact page
    assert bruno.axe_pages == 1
    [contrast] = findings_of(bruno, "a11y-color-contrast")
    assert contrast.url.endswith("/bruno/projets.html")
    assert "p.pale" in contrast.message and "Ancien projet" not in contrast.message  # alice's text never shown
    [alice_contrast] = findings_of(alice, "a11y-color-contrast")
    assert "Ancien projet" in alice_contrast.message  # her own page, her own words
    # the menu's defect reaches all of bruno's pages but his own contact page, whose menu is plain
    [targets] = findings_of(bruno, "a11y-target-size")
    assert targets.message.startswith("sur 3 pages ("), targets.message


# --- which home pages a class renders to find links written by script ---------------------------------


def test_only_a_page_whose_scripts_may_write_links_is_rendered_to_find_them(tmp_path):
    from importlib.resources import files

    from e5portfolio.audit.script_navigation import writes_no_links

    theme_script = Path(str(files("e5portfolio.theme"))) / "assets" / "javascripts" / "e5portfolio-search.js"
    site = write_site(tmp_path / "site", {"index.html": "<p>x</p>"})
    shutil.copy(theme_script, site / "theme.js")
    (site / "changed.js").write_bytes(theme_script.read_bytes() + b"\ndocument.body.append('x');\n")
    with serve_site(site) as base:

        def inert(body: str) -> bool:
            return writes_no_links(parse_page(base, f"<html><body>{body}</body></html>"), base)

        assert inert("<p>Pas de script</p>")
        assert inert('<script type="application/json">{"a": 1}</script><script>var x = 1;</script>')
        assert inert('<script src="theme.js"></script>')  # e5portfolio's own theme script, same bytes
        assert not inert('<script src="changed.js"></script>')
        assert not inert("<script>document.getElementById('menu').innerHTML = '<a href=\"a.html\">A</a>';</script>")
        assert not inert('<script type="module" src="theme.js"></script><script src="http://192.0.2.1/x.js"></script>')


@pytest.mark.browser
def test_a_class_still_follows_the_links_a_script_writes(chromium, tmp_path):
    for name in ("alice", "bruno"):
        shutil.copytree(FIXTURES / "script_site", tmp_path / "www" / name)
    with serve_site(tmp_path / "www") as base:
        candidates = [
            Candidate("ALICE", "A", "1", f"{base}alice/", 2),
            Candidate("BRUNO", "B", "2", f"{base}bruno/", 3),
        ]
        outcomes = audit_class(candidates, WITH_BROWSER, tmp_path / "classe.xlsx", base=tmp_path)
    for outcome in outcomes:
        result = outcome.result
        assert sorted(result.pages) == sorted(
            f"{base}{outcome.candidate.nom.lower()}/{page}"
            for page in ("", "mentions-legales.html", "projets.html", "veille.html")
        )
        assert result.tableau_present and not findings_of(result, "veille-absente")
        assert result.browser_used
