"""The optional « Accessibilité » page (`publication.page_accessibilite: true`). MkDocs-independent.

It says only what was tested, in the criteria of the RGAA 4.1.2 (core.referential.rgaa):

- what was tested automatically when the site was built, by which tool and version, on which date,
  and the result per criterion (« aucun défaut détecté » is never « conforme »: an automatic check
  only ever tests part of a criterion);
- what was not tested (every other criterion; no audit, hence no declaration of conformity);
- how to report a problem (the portfolio's contact).

The plugin writes the page with the checks it knows of (the colours of `publication:`, checked by the
rule couleur-contraste before any build); `e5portfolio build` then checks every page it built (the
audit's static checks, commands/build.py) and puts those results in the page's results block
(`with_results`), between START and END.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from e5portfolio.core.model import Portfolio
from e5portfolio.core.referential.rgaa import Criterion, criterion_key, load_rgaa
from e5portfolio.site.markup import block, page_source, text

ACCESSIBILITE = "accessibilite.md"
TITLE = "Accessibilité"
RESULTS_ID = "e5-tests-accessibilite"
START = f'<div id="{RESULTS_ID}">'
END = f"<!-- fin {RESULTS_ID} --></div>"
START_UNTESTED = f'<div id="{RESULTS_ID}-non">'
END_UNTESTED = f"<!-- fin {RESULTS_ID}-non --></div>"
COLOUR_RULE = "couleur-contraste"


@dataclass(frozen=True)
class TestedCriterion:
    criterion: Criterion
    what: str  # French: what was checked (plain text)
    failed_pages: int = 0  # pages where a check of this criterion found a defect


@dataclass(frozen=True)
class BuildTests:
    tool: str  # « e5portfolio 0.9.0 »
    date: dt.date
    criteria: tuple[TestedCriterion, ...]
    pages: int | None = None  # pages of the site checked; None: no page was checked (only portfolio.yml)


def colour_tests(portfolio: Portfolio) -> list[TestedCriterion]:
    """What the rule couleur-contraste tested: only the accent colours written in `publication:` (a build
    stops on its error, so a built site passed it)."""
    look = portfolio.publication
    chosen = [name for name, value in (("couleur", look.couleur), ("couleur_sombre", look.couleur_sombre)) if value]
    if not chosen:
        return []
    return [
        TestedCriterion(
            criterion,
            f"couleurs d'accent choisies ({', '.join(chosen)}) : contraste d'au moins "
            "4,5:1 avec le fond du site ; le contraste du reste du texte n'a pas été "
            "mesuré",
        )
        for criterion in load_rgaa().criteria_of(COLOUR_RULE)
    ]


def merged(*groups: list[TestedCriterion]) -> tuple[TestedCriterion, ...]:
    """One entry per criterion (what was checked joined, defects added), in the order of the RGAA."""
    by_number: dict[str, TestedCriterion] = {}
    for group in groups:
        for tested in group:
            known = by_number.get(tested.criterion.number)
            if known is None:
                by_number[tested.criterion.number] = tested
            else:
                by_number[tested.criterion.number] = TestedCriterion(
                    known.criterion,
                    f"{known.what.rstrip('.')} ; {tested.what}",
                    max(known.failed_pages, tested.failed_pages),
                )
    return tuple(sorted(by_number.values(), key=lambda t: criterion_key(t.criterion.number)))


def _pages(count: int) -> str:
    return f"{count} page{'s' if count > 1 else ''}"


def _blocks(tests: BuildTests) -> tuple[str, str]:
    """The two results blocks: what was tested (tool, date, criteria and results), what was not."""
    rgaa = load_rgaa()
    when = tests.date.strftime("%d/%m/%Y")
    if tests.pages is None:
        scope = (
            "seules les couleurs choisies pour le site ont été vérifiées ; les pages elles-mêmes n'ont pas "
            "été analysées"
            if tests.criteria
            else "aucun test automatique d'accessibilité n'a été fait"
        )
    else:
        scope = f"le code HTML des {_pages(tests.pages)} du site a été analysé automatiquement (sans navigateur)"
    rows = []
    for tested in tests.criteria:
        result = f"défaut détecté sur {_pages(tested.failed_pages)}" if tested.failed_pages else "aucun défaut détecté"
        rows.append(
            f'<tr data-rgaa="{tested.criterion.number}"><th scope="row">{text(tested.criterion.name)}</th>'
            f"<td>{text(tested.what)}</td><td>{result}</td></tr>"
        )
    table = (
        "<table><caption>Critères du RGAA testés automatiquement à la construction du site</caption>"
        '<thead><tr><th scope="col">Critère</th><th scope="col">Ce qui a été vérifié</th>'
        f'<th scope="col">Résultat</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else ""
    )
    tested_numbers = {t.criterion.number for t in tests.criteria}
    untested = [c.number for c in rgaa.criteria.values() if c.number not in tested_numbers]
    done = [
        START,
        (
            f"<p>Tests faits le {when} par {text(tests.tool)}, lors de la construction du site : {scope}. Ces tests "
            "automatiques ne vérifient qu'une partie de chaque critère : « aucun défaut détecté » ne veut pas dire "
            "que le critère est respecté.</p>"
        ),
        table,
        END,
    ]
    not_done = [
        START_UNTESTED,
        (
            f"<p>Les {len(untested)} autres critères du RGAA {text(rgaa.version)} (sur {len(rgaa.criteria)}) n'ont "
            "fait l'objet d'aucun test automatique : notamment la pertinence des textes de remplacement des images, "
            "la navigation au clavier, la lisibilité avec un texte agrandi, les vidéos et les documents à "
            "télécharger (productions en PDF…). Aucun audit complet de l'accessibilité n'a été réalisé : ce site "
            "ne déclare pas de conformité au RGAA.</p>"
        ),
        f'<p class="e5-rgaa-non-testes">Critères non testés : {", ".join(untested)}.</p>',
        END_UNTESTED,
    ]
    # no blank line inside: each is one raw HTML block
    return "\n".join(part for part in done if part), "\n".join(not_done)


def results_html(tests: BuildTests) -> str:
    """Both results blocks, as they stand in the page (tests without the page's headings)."""
    return "\n".join(_blocks(tests))


def accessibility_page(tests: BuildTests, contact_html: str) -> str:
    """The page's Markdown source (raw HTML blocks); `contact_html` is already escaped (a mailto link)."""
    rgaa = load_rgaa()
    reach = (
        f"contactez {contact_html}"
        if contact_html
        else "contactez l'éditeur du site (voir la page « Mentions légales »)"
    )
    return page_source(
        TITLE,
        block(
            f"<p>Cette page dit ce qui a été vérifié de l'accessibilité de ce site, selon les critères du "
            f"Référentiel général d'amélioration de l'accessibilité (RGAA {text(rgaa.version)}), et ce qui ne "
            "l'a pas été.</p>"
        ),
        "## Tests automatiques",
        block(_blocks(tests)[0]),
        "## Ce qui n'a pas été testé",
        block(_blocks(tests)[1]),
        "## Signaler un problème",
        block(
            f"<p>Si vous ne parvenez pas à accéder à un contenu de ce site, {reach} pour l'obtenir sous une "
            "autre forme.</p>"
        ),
    )


def with_results(page_html: str, tests: BuildTests) -> str | None:
    """The built page with its two results blocks replaced; None when a block is not found exactly once."""
    for first, last in ((START, END), (START_UNTESTED, END_UNTESTED)):
        if page_html.count(first) != 1 or page_html.count(last) != 1:
            return None
    for (first, last), new in zip(((START, END), (START_UNTESTED, END_UNTESTED)), _blocks(tests), strict=True):
        head, rest = page_html.split(first, 1)
        _, tail = rest.split(last, 1)
        page_html = head + new + tail
    return page_html


_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.DOTALL)


def with_search_results(entries: list, location: str, tests: BuildTests) -> bool:
    """The site's search index (mkdocs-material's `docs`, each a dict with `location` and `text`): the
    entries of this page that hold a results block get the new results' paragraphs. True if changed."""
    changed = False
    for entry, block_html in (
        (e, b)
        for e in entries
        if isinstance(e, dict) and str(e.get("location", "")).split("#")[0] == location
        for b in _blocks(tests)
    ):
        first = _PARAGRAPH.search(block_html)
        text_now = str(entry.get("text", ""))
        if first and _same_start(text_now, first.group(1)):
            entry["text"] = " ".join(f"<p>{p}</p>" for p in _PARAGRAPH.findall(block_html))
            changed = True
    return changed


def _same_start(indexed: str, paragraph: str) -> bool:
    """Whether the indexed text is the search text of the block whose first paragraph is `paragraph`
    (the first words, before any number or date, identify the block)."""
    opening = re.split(r"\d", paragraph, maxsplit=1)[0]
    return indexed.startswith(f"<p>{opening}")
