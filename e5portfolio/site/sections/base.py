"""What every section writer shares: the page sources, the site's input, and the pieces that
several pages show (links to réalisations, free text rendered from Markdown, badges, chips).

MkDocs-independent, like the rest of the page generation (site/pages.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from e5portfolio.checks.competences import mobilised
from e5portfolio.core.model import Portfolio, ResolvedRealisation, Stage
from e5portfolio.core.ordering import ordered
from e5portfolio.core.referential import Competence, Referential
from e5portfolio.core.validate import Validated, ValidatedView
from e5portfolio.site.freetext import FreeText
from e5portfolio.site.markup import (
    Links,
    attr,
    block,
    realisation_uri,
    text,
)
from e5portfolio.site.publication import PublishedFile, lookup
from e5portfolio.tableau.synthese import SyntheseRow

ACCUEIL = "index.md"
PARCOURS = "parcours.md"
REALISATIONS = "realisations.md"
COMPETENCES = "competences.md"
TABLEAU = "tableau-de-synthese.md"
VEILLE = "veille.md"
MENTIONS = "mentions-legales.md"

OPTIONS = {
    "SISR": "Solutions d'infrastructure, systèmes et réseaux",
    "SLAM": "Solutions logicielles et applications métiers",
}
PROFILES = {"linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab", "autre": "Autre profil"}
PARTS = ("formation", "annee1", "annee2")
YES = "✓"
NOT_MOBILISED = "non mobilisée"  # for screen readers only: the site shows no empty cell in words


@dataclass
class SiteInput(ValidatedView):
    """Everything the pages are made from."""

    validated: Validated
    referential: Referential
    published: dict[str, PublishedFile]
    tableau: dict[str, list[SyntheseRow]]  # part (formation, annee1, annee2) → rows (synthese.tableau_rows)
    links: Links = field(default_factory=Links)

    @property
    def realisations(self) -> list[ResolvedRealisation]:
        """In the one order of the project (ordering.py): by part of the tableau, then by date."""
        return ordered(self.validated.realisations)


def full_name(portfolio: Portfolio) -> str:
    return f"{portfolio.candidat.prenom} {portfolio.candidat.nom}"


def site_name(portfolio: Portfolio) -> str:
    return f"Portfolio E5 de {full_name(portfolio)}"


def sr(words: str) -> str:
    """Words for screen readers only (visually hidden by the theme and by the print view)."""
    return f'<span class="e5-sr">{words}</span>'


def mark(mobilised: bool, items: Iterable[str] = ()) -> str:
    """A cell of the competence matrix: « ✓ » (with the items cited, if any), or empty with
    « non mobilisée » for screen readers: the public site never spells out a gap."""
    if not mobilised:
        return f'<td class="e5-non">{sr(NOT_MOBILISED)}</td>'
    cited = ", ".join(items)
    detail = f'<span class="e5-items">{cited}</span>' if cited else ""
    return f'<td class="e5-oui"><span aria-hidden="true">{YES}</span>{sr("mobilisée")}{detail}</td>'


def competence_anchor(competence: Competence) -> str:
    """The id of a competence's section on the Compétences page (B1.1 → competence-b1-1)."""
    return "competence-" + competence.code.lower().replace(".", "-")


def initials(portfolio: Portfolio) -> str:
    return "".join(part[:1].upper() for part in (portfolio.candidat.prenom, portfolio.candidat.nom) if part)


def ul(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>" if items else ""


@dataclass
class Shared:
    """What the writers of one build share (the free-text renderer is costly to make)."""

    freetext: FreeText = field(default_factory=FreeText)
    codes: dict[int, list[str]] = field(default_factory=dict)


class SectionWriter:
    """The base of the section writers: one site, one free-text renderer and one cache of the
    competences each réalisation mobilises, shared by every writer of a build."""

    def __init__(self, site: SiteInput, shared: Shared):
        self.site = site
        self.links = site.links
        self.referential = site.referential
        self.freetext = shared.freetext
        self._codes = shared.codes

    def codes(self, entry: ResolvedRealisation) -> list[str]:
        """The competences a réalisation mobilises (computed once: every page shows them)."""
        if entry.index not in self._codes:
            self._codes[entry.index] = mobilised(entry, self.referential)
        return self._codes[entry.index]

    def markdown(self, source: str, page: str, base_level: int, extra_class: str = "") -> str:
        def resolve(target: str) -> str | None:
            found = lookup(self.site.published, target.split("#")[0])
            return self.links.file(page, found.site_path) if found else None

        rendered = self.freetext.render(source, base_level=base_level, resolve=resolve)
        classes = f"e5-texte {extra_class}".strip()
        return block(f'<div class="{classes}">', rendered, "</div>")

    def realisation_link(self, page: str, entry: ResolvedRealisation, rel: str = "") -> str:
        rel_attr = f' rel="{rel}"' if rel else ""
        return f'<a href="{self.links.page(page, realisation_uri(entry))}"{rel_attr}>{text(entry.intitule)}</a>'

    def competence_heading(self, competence: Competence) -> str:
        return f"{competence.code} {competence.intitule}"

    def part_label(self, part: str) -> str:
        return self.referential.tableau.parties[part]

    def badges(self, page: str, codes: Iterable[str]) -> str:
        """The competences as badges: the code on screen, the code and title as accessible name,
        each a link to the competence on the Compétences page."""
        by_code = {c.code: c for c in self.referential.competences}
        items = []
        for code in codes:
            competence = by_code[code]
            href = self.links.page(page, COMPETENCES, competence_anchor(competence))
            items.append(
                f'<li><a class="e5-badge" href="{href}" title="{text(competence.intitule)}">{code}'
                f"{sr(' ' + text(competence.intitule))}</a></li>"
            )
        return f'<ul class="e5-badges" aria-label="Compétences mobilisées">{"".join(items)}</ul>' if items else ""

    def chips(self, words: Iterable[str]) -> str:
        items = "".join(f'<li class="e5-puce">{text(word)}</li>' for word in words)
        return f'<ul class="e5-puces">{items}</ul>' if items else ""

    def stage_of(self, entry: ResolvedRealisation) -> Stage | None:
        return next((s for s in self.site.portfolio.stages if s.id == entry.source.stage), None)

    def photo(self) -> str:
        photo = self.site.portfolio.candidat.photo
        found = lookup(self.site.published, photo) if photo else None
        if found is None:
            return ""
        alt = f"Photo de {full_name(self.site.portfolio)}"
        return f'<img class="e5-photo" src="{self.links.file(ACCUEIL, found.site_path)}" alt="{text(alt)}" width="160">'

    def contact(self) -> str:
        portfolio = self.site.portfolio
        if portfolio.mentions_legales and portfolio.mentions_legales.contact:
            return text(portfolio.mentions_legales.contact)
        courriel = portfolio.candidat.courriel
        return f'<a href="mailto:{attr(courriel)}">{text(courriel)}</a>' if courriel else ""
