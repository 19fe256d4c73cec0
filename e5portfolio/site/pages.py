"""The site map: a checked portfolio → the Markdown sources of the generated pages.

MkDocs-independent (moving to another generator means rewriting plugin.py only). Each page is
Markdown for its headings (MkDocs builds the title and the table of contents from them) and raw
HTML blocks for the rest: tables with caption and header cells, lists, the frise. User text is
escaped with `markup.text`; the free-text fields go through `freetext.FreeText`, which never
lets raw HTML, images or unsafe links through. All the text is French.

One writer per section (site/sections/), on a shared base (sections/base.py); this module
puts them together in navigation order.
"""

from __future__ import annotations

from dataclasses import dataclass

from e5portfolio.core.model import Portfolio
from e5portfolio.site import accessibilite
from e5portfolio.site.markup import realisation_uri
from e5portfolio.site.sections.accessibilite import AccessibiliteWriter
from e5portfolio.site.sections.accueil import AccueilWriter
from e5portfolio.site.sections.base import (
    ACCUEIL,
    COMPETENCES,
    MENTIONS,
    NOT_MOBILISED,
    OPTIONS,
    PARCOURS,
    PARTS,
    PROFILES,
    REALISATIONS,
    TABLEAU,
    VEILLE,
    YES,
    Shared,
    SiteInput,
    competence_anchor,
    full_name,
    initials,
    site_name,
)
from e5portfolio.site.sections.competences import CompetencesWriter
from e5portfolio.site.sections.mentions import MentionsWriter
from e5portfolio.site.sections.parcours import ParcoursWriter
from e5portfolio.site.sections.realisations import RealisationsWriter
from e5portfolio.site.sections.tableau import TableauWriter
from e5portfolio.site.sections.veille import VeilleWriter

# the names other modules import from here (they live in sections/base.py)
__all__ = [
    "ACCUEIL",
    "COMPETENCES",
    "MENTIONS",
    "NOT_MOBILISED",
    "OPTIONS",
    "PARCOURS",
    "PARTS",
    "PROFILES",
    "REALISATIONS",
    "TABLEAU",
    "VEILLE",
    "YES",
    "GeneratedPage",
    "SiteInput",
    "build_pages",
    "competence_anchor",
    "full_name",
    "initials",
    "nav",
    "sections",
    "site_name",
]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text, for the navigation
    content: str
    in_nav: bool = True
    section: str = ""  # for a page outside the nav: the section page lit in the menu


def sections(portfolio: Portfolio) -> list[tuple[str, str]]:
    """(title, page source) of the section pages, in navigation order."""
    result = [
        ("Accueil", ACCUEIL),
        ("Parcours", PARCOURS),
        ("Réalisations", REALISATIONS),
        ("Compétences", COMPETENCES),
        ("Tableau de synthèse", TABLEAU),
    ]
    if portfolio.veille:
        result.append(("Veille", VEILLE))
    if portfolio.publication.page_accessibilite:
        result.append((accessibilite.TITLE, accessibilite.ACCESSIBILITE))
    result.append(("Mentions légales", MENTIONS))
    return result


def nav(portfolio: Portfolio) -> list[dict[str, str]]:
    """The MkDocs nav: the sections only (hundreds of réalisation pages stay out of it)."""
    return [{title: uri} for title, uri in sections(portfolio)]


def build_pages(site: SiteInput) -> list[GeneratedPage]:
    """Every generated page, the sections first (in navigation order), then one per réalisation."""
    shared = Shared()
    realisations = RealisationsWriter(site, shared)
    writers = {
        ACCUEIL: AccueilWriter(site, shared).page,
        PARCOURS: ParcoursWriter(site, shared).page,
        REALISATIONS: realisations.page,
        COMPETENCES: CompetencesWriter(site, shared).page,
        TABLEAU: TableauWriter(site, shared).page,
        VEILLE: VeilleWriter(site, shared).page,
        MENTIONS: MentionsWriter(site, shared).page,
        accessibilite.ACCESSIBILITE: AccessibiliteWriter(site, shared).page,
    }
    pages = [GeneratedPage(uri, title, writers[uri]()) for title, uri in sections(site.portfolio)]
    entries = site.realisations
    for index, entry in enumerate(entries):
        previous = entries[index - 1] if index > 0 else None
        following = entries[index + 1] if index + 1 < len(entries) else None
        pages.append(
            GeneratedPage(
                realisation_uri(entry),
                entry.intitule,
                realisations.realisation(entry, previous, following),
                in_nav=False,
                section=REALISATIONS,
            )
        )
    return pages
