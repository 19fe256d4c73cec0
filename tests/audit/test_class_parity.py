"""A class sees what a single audit sees: a site twice in one class and a site whose project pages
are linked by script get the same pages and the same findings as alone. Real Chromium, real local
servers; and the axe-core sentence says « 1 page », « l'autre », never « les 1 autres »."""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter

import pytest

from e5portfolio.audit.classe import audit_class, read_class_list
from e5portfolio.audit.engine import AuditResult, audit_folder
from e5portfolio.audit.report import axe_sentence

from .conftest import FAST, FIXTURES

WITH_BROWSER = dataclasses.replace(FAST, browser=dataclasses.replace(FAST.browser, use=True))


def _shape(result) -> tuple:
    return (
        sorted(result.pages),
        Counter((f.rule, f.severity.value, f.file) for f in result.findings),
        result.penalties,
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.usefixtures("linkchecker")
def test_a_class_sees_what_single_audits_see(chromium, tmp_path):
    for name, source in (("a", "script_projects_site"), ("b", "script_projects_site"), ("c", "script_site")):
        shutil.copytree(FIXTURES / source, tmp_path / name)
    (tmp_path / "classe.csv").write_text(
        "nom;prenom;numero;url\nAUBRY;Yanis;1;a\nBRUN;Yanis;2;b\nCOLIN;Camille;3;c\n", encoding="utf-8"
    )
    alone = {name: audit_folder(tmp_path / name, WITH_BROWSER) for name in ("a", "c")}
    # the project pages are linked by a script of projets.html, not of the home page
    assert len(alone["a"].pages) == 7 and "projets/zabbix.html" in alone["a"].pages
    outcomes = audit_class(
        read_class_list(tmp_path / "classe.csv"), WITH_BROWSER, tmp_path / "classe.xlsx", base=tmp_path, workers=2
    )
    first, second, script = (outcome.result for outcome in outcomes)
    assert sorted(first.pages) == sorted(alone["a"].pages) == sorted(second.pages)
    assert sorted(script.pages) == sorted(alone["c"].pages)
    # identical sites, identical counts: sharing axe-core's work never changes a count
    assert first.summary == second.summary
    assert (_shape(first)[0], first.penalties) == (_shape(alone["a"])[0], alone["a"].penalties)
    assert Counter(f.rule for f in first.findings if not f.rule.startswith("a11y-")) == Counter(
        f.rule for f in alone["a"].findings if not f.rule.startswith("a11y-")
    )


@pytest.mark.parametrize(
    ("pages", "axe_pages", "words"),
    [
        (
            2,
            1,
            "axe-core a analysé 1 page ; l'autre n'a que des types d'éléments déjà analysés (mêmes feuilles de "
            "style, balises, classes et attributs ARIA) : elle en reprend les défauts",
        ),
        (7, 1, "axe-core a analysé 1 page ; les 6 autres n'ont que des types d'éléments"),
        (
            6,
            0,
            "axe-core n'a analysé aucune page de ce site (ses types d'éléments l'avaient déjà été ailleurs) ; ses 6 "
            "pages n'ont que des types d'éléments déjà analysés",
        ),
        (
            1,
            0,
            "axe-core n'a analysé aucune page de ce site (ses types d'éléments l'avaient déjà été ailleurs) ; sa "
            "page n'a que des types",
        ),
    ],
)
def test_axe_sentence_singular_and_plural(pages, axe_pages, words):
    result = AuditResult("site", pages=[f"p{i}.html" for i in range(pages)], axe_pages=axe_pages)
    sentence = axe_sentence(result)
    assert sentence.startswith(words), sentence
    assert "(s)" not in sentence and "les 1 autres" not in sentence
