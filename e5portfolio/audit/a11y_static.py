"""Static accessibility checks on parsed HTML, named after the axe-core rules they mirror.

They run on every page, with or without a browser. Each rule is a function yielding
`A11yIssue`s; its docstring is its user documentation. Rules an axe-core run also covers
(same id) are dropped for the pages axe analysed, so a defect is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from e5portfolio.audit.htmlpage import Element, Page
from e5portfolio.core.findings import Severity

LANG_PATTERN = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
VAGUE_LINK_TEXTS = frozenset(
    {
        "ici",
        "cliquez ici",
        "clique ici",
        "cliquer ici",
        "lien",
        "ce lien",
        "en savoir plus",
        "lire la suite",
        "voir",
        "voir plus",
        "plus",
        "suite",
        "la suite",
        "click here",
        "here",
        "read more",
        "more",
        "link",
    }
)
LABELLABLE_INPUT_TYPES_EXCLUDED = frozenset({"hidden", "submit", "button", "reset", "image"})


@dataclass(frozen=True)
class A11yIssue:
    rule: str  # axe-core rule id (or our own id when axe has no such rule), without "a11y-"
    severity: Severity
    message: str  # French: what, where, what to do
    line: int | None = None
    column: int | None = None
    element: str = ""  # what identifies the element (axe: its CSS selectors, to group a shared template's defect)
    hint: str | None = None  # e.g. « en savoir plus : <Deque page> »


@dataclass(frozen=True)
class StaticRule:
    id: str
    severity: Severity
    check: Callable[[StaticRule, Page], Iterator[A11yIssue]]

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()

    def issue(self, message: str, element: Element | None = None) -> A11yIssue:
        if element is None:
            return A11yIssue(self.id, self.severity, message)
        return A11yIssue(self.id, self.severity, message, element.line, element.column, element.describe())


def static_rule(rule_id: str, severity: Severity):
    def wrap(function) -> StaticRule:
        return StaticRule(rule_id, severity, function)

    return wrap


# --- accessible names ---------------------------------------------------------------------------


def _labelledby_text(page: Page, element: Element) -> str:
    ids = (element.get("aria-labelledby") or "").split()
    texts = [page.by_id[i][0].content_name() for i in ids if i in page.by_id]
    return " ".join(t for t in texts if t).strip()


def accessible_name(page: Page, element: Element, *, from_content: bool = True) -> str:
    """Roughly the accessible name a browser computes (aria-labelledby, aria-label, content, title)."""
    name = _labelledby_text(page, element) or (element.get("aria-label") or "").strip()
    if not name and from_content:
        name = element.content_name()
    if not name and element.tag == "input":
        name = (element.get("value") or element.get("alt") or "").strip()
    return name or (element.get("title") or "").strip()


def _is_hidden(element: Element) -> bool:
    node: Element | None = element
    while node is not None:
        if node.has("hidden") or node.get("aria-hidden") == "true":
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
        node = node.parent
    return False


def _quote(element: Element) -> str:
    return f"<{element.describe()}>"


# --- rules --------------------------------------------------------------------------------------


@static_rule("html-has-lang", Severity.ERROR)
def html_has_lang(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """La balise <html> indique la langue de la page (`<html lang="fr">`) : les lecteurs d'écran
    choisissent la prononciation d'après elle."""
    html = page.html
    if html is None or not (html.get("lang") or html.get("xml:lang") or "").strip():
        yield self.issue('la page n\'indique pas sa langue : écrivez <html lang="fr"> en tête du fichier', html)


@static_rule("html-lang-valid", Severity.ERROR)
def html_lang_valid(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """La langue déclarée est un code valide (`fr`, `fr-FR`, pas `francais` ni `fr_FR`)."""
    html = page.html
    lang = (html.get("lang") or "").strip() if html is not None else ""
    if lang and not LANG_PATTERN.match(lang):
        yield self.issue(f'code de langue invalide « {lang} » : écrivez <html lang="fr">', html)


@static_rule("document-title", Severity.ERROR)
def document_title(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """La page a un titre (<title>) non vide, affiché dans l'onglet et lu en premier."""
    if not page.title:
        yield self.issue(
            "la page n'a pas de titre : ajoutez dans <head> un <title> qui la décrit "
            "(par exemple « Réalisations — Portfolio de Léa Martin »)",
            page.html,
        )


@static_rule("image-alt", Severity.ERROR)
def image_alt(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Chaque image a un texte de remplacement (`alt`), vide si elle est décorative."""
    for img in page.elements("img"):
        if img.get("role") in ("presentation", "none") or _is_hidden(img):
            continue
        if img.has("alt") or accessible_name(page, img, from_content=False):
            continue
        yield self.issue(
            f"image sans texte de remplacement {_quote(img)} : ajoutez un attribut alt qui "
            'décrit l\'image, ou alt="" si elle est seulement décorative',
            img,
        )


@static_rule("page-has-heading-one", Severity.WARNING)
def page_has_heading_one(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """La page a un titre principal de niveau 1 (<h1>)."""
    if not any(level == 1 for level, _ in page.headings()):
        yield self.issue(
            "la page n'a pas de titre principal <h1> : donnez-lui un <h1> qui annonce son contenu", page.html
        )


@static_rule("heading-one-unique", Severity.WARNING)
def heading_one_unique(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """La page n'a qu'un seul titre de niveau 1 : les autres titres sont des <h2>, <h3>…"""
    ones = [element for level, element in page.headings() if level == 1]
    for extra in ones[1:]:
        yield self.issue(
            f"{len(ones)} titres <h1> sur la même page, dont « {extra.text()[:60]} » : gardez "
            "un seul <h1> et passez les autres en <h2>",
            extra,
        )


@static_rule("heading-order", Severity.WARNING)
def heading_order(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Les niveaux de titre se suivent sans saut (un <h2> avant un <h3>)."""
    previous = 0
    for level, element in page.headings():
        if previous and level > previous + 1:
            yield self.issue(
                f"titre de niveau {level} « {element.text()[:60]} » après un titre de niveau "
                f"{previous} : utilisez <h{previous + 1}> (les niveaux ne doivent pas sauter)",
                element,
            )
        previous = level


@static_rule("empty-heading", Severity.WARNING)
def empty_heading(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Un titre n'est jamais vide."""
    for level, element in page.headings():
        if not _is_hidden(element) and not accessible_name(page, element):
            yield self.issue(f"titre <h{level}> vide {_quote(element)} : écrivez-y un texte ou supprimez-le", element)


@static_rule("link-name", Severity.ERROR)
def link_name(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Chaque lien a un texte (ou une image avec alt, ou aria-label) qui dit où il mène."""
    for link in page.elements("a"):
        if not link.has("href") or _is_hidden(link) or link.get("role") in ("presentation", "none"):
            continue
        if not accessible_name(page, link):
            yield self.issue(
                f"lien sans texte {_quote(link)} : écrivez un texte dans le lien, ou un "
                "attribut alt sur son image, ou un aria-label qui dit où il mène",
                link,
            )


@static_rule("link-purpose", Severity.WARNING)
def link_purpose(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Le texte d'un lien dit où il mène (pas « cliquez ici », « en savoir plus »), critère WCAG 2.4.4."""
    for link in page.elements("a"):
        if not link.has("href") or _is_hidden(link):
            continue
        name = accessible_name(page, link).lower().strip(" .…:!→»>")
        if name in VAGUE_LINK_TEXTS and not link.get("aria-label") and not link.get("aria-labelledby"):
            yield self.issue(
                f"texte de lien trop vague « {accessible_name(page, link)} » {_quote(link)} : "
                "écrivez où mène le lien (par exemple « Procédure d'installation de GLPI (PDF) »)",
                link,
            )


@static_rule("button-name", Severity.ERROR)
def button_name(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Chaque bouton a un nom (texte, aria-label ou value)."""
    for element in page.elements("button", "input"):
        if element.tag == "input" and (element.get("type") or "").lower() not in ("submit", "button", "reset"):
            continue
        if _is_hidden(element):
            continue
        if (
            element.tag == "input"
            and (element.get("type") or "").lower() in ("submit", "reset")
            and not element.has("value")
        ):
            continue  # the browser shows a default label (« Envoyer », « Réinitialiser »)
        if not accessible_name(page, element):
            yield self.issue(
                f"bouton sans nom {_quote(element)} : écrivez un texte dans le bouton ou "
                'ajoutez aria-label="…" qui dit ce qu\'il fait',
                element,
            )


def _rows(table: Element) -> list[Element]:
    """The rows of this table, not of nested tables."""
    rows, pending = [], list(table.children)
    while pending:
        child = pending.pop(0)
        if isinstance(child, str) or child.tag == "table":
            continue
        if child.tag == "tr":
            rows.append(child)
        else:
            pending[0:0] = child.children
    return rows


def _cells(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]


@static_rule("td-has-header", Severity.ERROR)
def td_has_header(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Un tableau de données (3 × 3 ou plus) a des cellules d'en-tête (<th>)."""
    for table in page.elements("table"):
        if table.get("role") in ("presentation", "none") or _is_hidden(table):
            continue
        rows = _rows(table)
        cells = [_cells(row) for row in rows]
        if len(rows) < 3 or max((len(c) for c in cells), default=0) < 3:
            continue
        if any(
            cell.tag == "th" or cell.has("headers") or cell.get("role") in ("columnheader", "rowheader")
            for row in cells
            for cell in row
        ):
            continue
        yield self.issue(
            f"tableau de {len(rows)} lignes sans cellule d'en-tête {_quote(table)} : écrivez la "
            'première ligne avec <th scope="col"> (et <caption> pour le titre du tableau)',
            table,
        )


@static_rule("duplicate-id", Severity.WARNING)
def duplicate_id(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Chaque identifiant (`id`) est unique dans la page (les libellés et liens internes en dépendent)."""
    for identifier, elements in page.by_id.items():
        for element in elements[1:]:
            yield self.issue(
                f'identifiant id="{identifier}" utilisé {len(elements)} fois : donnez un id différent à chaque élément',
                element,
            )


@static_rule("label", Severity.ERROR)
def label(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Chaque champ de formulaire a une étiquette (<label for>, <label> englobant, aria-label, title)."""
    labelled = {lab.get("for") for lab in page.elements("label") if lab.get("for")}
    for field in page.elements("input", "select", "textarea"):
        if field.tag == "input" and (field.get("type") or "text").lower() in LABELLABLE_INPUT_TYPES_EXCLUDED:
            continue
        if _is_hidden(field) or field.get("role") in ("presentation", "none"):
            continue
        if field.get("id") in labelled or _inside_label(field):
            continue
        if (
            _labelledby_text(page, field)
            or (field.get("aria-label") or field.get("title") or field.get("placeholder") or "").strip()
        ):
            continue
        yield self.issue(
            f'champ de formulaire sans étiquette {_quote(field)} : ajoutez <label for="…"> '
            'avec le même id que le champ, ou aria-label="…"',
            field,
        )


def _inside_label(element: Element) -> bool:
    node = element.parent
    while node is not None:
        if node.tag == "label":
            return True
        node = node.parent
    return False


@static_rule("frame-title", Severity.ERROR)
def frame_title(self: StaticRule, page: Page) -> Iterator[A11yIssue]:
    """Chaque cadre (<iframe>, <frame>) a un titre qui décrit son contenu."""
    for frame in page.elements("iframe", "frame"):
        if _is_hidden(frame) or frame.get("role") in ("presentation", "none"):
            continue
        if not accessible_name(page, frame, from_content=False):
            yield self.issue(
                f'cadre sans titre {_quote(frame)} : ajoutez title="…" qui décrit son contenu '
                "(par exemple « Vidéo de démonstration de l'application »)",
                frame,
            )


RULES: tuple[StaticRule, ...] = (
    html_has_lang,
    html_lang_valid,
    document_title,
    image_alt,
    page_has_heading_one,
    heading_one_unique,
    heading_order,
    empty_heading,
    link_name,
    link_purpose,
    button_name,
    td_has_header,
    duplicate_id,
    label,
    frame_title,
)


def check_page(page: Page) -> list[A11yIssue]:
    """Every static accessibility issue of one page, in document order per rule."""
    issues: list[A11yIssue] = []
    for static in RULES:
        issues.extend(static.check(static, page))
    return issues
