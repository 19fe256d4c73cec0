"""Static accessibility rules: one failing and one passing page each, messages pinned."""

from __future__ import annotations

import pytest

from e5portfolio.audit.a11y_static import RULES, check_page
from e5portfolio.audit.htmlpage import parse_page
from e5portfolio.core.findings import Severity


def html(body: str, *, lang: str = ' lang="fr"', title: str = "<title>Page</title>") -> str:
    return f"<!DOCTYPE html>\n<html{lang}>\n<head>{title}</head>\n<body>\n<h1>Titre</h1>\n{body}\n</body>\n</html>"


def issues(document: str, rule: str) -> list:
    return [i for i in check_page(parse_page("http://127.0.0.1/p.html", document)) if i.rule == rule]


CASES = [
    # rule, failing document, passing document
    ("html-has-lang", html("", lang=""), html("")),
    ("html-lang-valid", html("", lang=' lang="fr_FR"'), html("", lang=' lang="fr-FR"')),
    ("document-title", html("", title=""), html("")),
    ("image-alt", html('<img src="a.png">'), html('<img src="a.png" alt="">')),
    ("page-has-heading-one", html("").replace("<h1>Titre</h1>", "<h2>Titre</h2>"), html("")),
    ("heading-one-unique", html("<h1>Encore</h1>"), html("<h2>Partie</h2>")),
    ("heading-order", html("<h3>Trop bas</h3>"), html("<h2>Partie</h2><h3>Sous-partie</h3>")),
    ("empty-heading", html("<h2> </h2>"), html("<h2>Partie</h2>")),
    (
        "link-name",
        html('<a href="x.html"><img src="i.png"></a>'),
        html('<a href="x.html"><img src="i.png" alt="Suite"></a>'),
    ),
    ("link-purpose", html('<a href="cv.pdf">cliquez ici</a>'), html('<a href="cv.pdf">Mon CV (PDF)</a>')),
    ("button-name", html("<button></button>"), html('<button aria-label="Rechercher"></button>')),
    (
        "td-has-header",
        html("<table>" + "<tr><td>a</td><td>b</td><td>c</td></tr>" * 3 + "</table>"),
        html(
            "<table><tr><th>a</th><th>b</th><th>c</th></tr>"
            + "<tr><td>a</td><td>b</td><td>c</td></tr>" * 2
            + "</table>"
        ),
    ),
    ("duplicate-id", html('<p id="x">a</p><p id="x">b</p>'), html('<p id="x">a</p><p id="y">b</p>')),
    ("label", html('<input type="text" name="q">'), html('<label for="q">Recherche</label><input id="q" type="text">')),
    (
        "frame-title",
        html('<iframe src="v.html"></iframe>'),
        html('<iframe src="v.html" title="Vidéo de démonstration"></iframe>'),
    ),
]


def test_every_rule_has_a_case_and_a_documentation():
    assert {rule for rule, _, _ in CASES} == {r.id for r in RULES}
    assert all(r.doc for r in RULES)


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_rule_fails_and_passes(rule, bad, good):
    assert issues(bad, rule), f"{rule} should fail"
    assert not issues(good, rule), f"{rule} should pass"


def test_messages_say_what_where_and_how():
    [issue] = issues(html('<img src="photo.png">'), "image-alt")
    assert issue.severity is Severity.ERROR
    assert issue.message == (
        'image sans texte de remplacement <img[src="photo.png"]> : ajoutez un attribut alt qui '
        'décrit l\'image, ou alt="" si elle est seulement décorative'
    )
    assert (issue.line, issue.column) == (6, 1)
    [issue] = issues(html("<h3>Compétences</h3>"), "heading-order")
    assert issue.message == (
        "titre de niveau 3 « Compétences » après un titre de niveau 1 : utilisez <h2> "
        "(les niveaux ne doivent pas sauter)"
    )
    assert issue.severity is Severity.WARNING


def test_names_from_aria_and_hidden_elements():
    page = html(
        '<span id="l">Accueil</span><a href="/" aria-labelledby="l"></a>'
        '<a href="/" aria-label="Accueil"></a><a href="/" hidden></a>'
        '<div style="display: none"><img src="x.png"></div>'
    )
    found = check_page(parse_page("http://x/", page))
    assert not [i for i in found if i.rule in ("link-name", "image-alt")]


def test_broken_markup_never_raises():
    messy = "<html><body><p>un<p>deux</div></span><table><tr><td>a<td>b</table><h1>x" + "<div>" * 3000
    assert isinstance(check_page(parse_page("http://x/", messy)), list)
