"""The site map: a checked portfolio → the Markdown sources of the generated pages.

MkDocs-independent (moving to another generator means rewriting plugin.py only). Each page is
Markdown for its headings (MkDocs builds the title and the table of contents from them) and raw
HTML blocks for the rest: tables with caption and header cells, lists, the frise. User text is
escaped with `markup.text`; the free-text fields go through `freetext.FreeText`, which never
lets raw HTML, images or unsafe links through. All the text is French.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from e5portfolio.checks.competences import mobilised
from e5portfolio.checks.files import normalise
from e5portfolio.core.model import Portfolio, Production, ResolvedRealisation, Stage
from e5portfolio.core.ordering import ordered
from e5portfolio.core.referential import Competence, Referential
from e5portfolio.core.validate import Validated, ValidatedView
from e5portfolio.site import accessibilite
from e5portfolio.site.freetext import FreeText
from e5portfolio.site.markup import (
    Links,
    annee_fr,
    attr,
    block,
    page_source,
    period_html,
    realisation_uri,
    size_fr,
    text,
    time_tag,
    weeks_fr,
)
from e5portfolio.site.productions import IMAGE, kind_of, production_uri
from e5portfolio.site.publication import TABLEAU_FILE, PublishedFile, lookup
from e5portfolio.site.timeline import Bar, timeline_svg
from e5portfolio.tableau.synthese import SyntheseRow, identity

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


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text, for the navigation
    content: str
    in_nav: bool = True
    section: str = ""  # for a page outside the nav: the section page lit in the menu


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
    writer = _Writer(site)
    writers = {
        ACCUEIL: writer.accueil,
        PARCOURS: writer.parcours,
        REALISATIONS: writer.realisations,
        COMPETENCES: writer.competences,
        TABLEAU: writer.tableau,
        VEILLE: writer.veille,
        MENTIONS: writer.mentions,
        accessibilite.ACCESSIBILITE: writer.accessibilite,
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
                writer.realisation(entry, previous, following),
                in_nav=False,
                section=REALISATIONS,
            )
        )
    return pages


def _sr(words: str) -> str:
    """Words for screen readers only (visually hidden by the theme and by the print view)."""
    return f'<span class="e5-sr">{words}</span>'


def _mark(mobilised: bool, items: Iterable[str] = ()) -> str:
    """A cell of the competence matrix: « ✓ » (with the items cited, if any), or empty with
    « non mobilisée » for screen readers: the public site never spells out a gap."""
    if not mobilised:
        return f'<td class="e5-non">{_sr(NOT_MOBILISED)}</td>'
    cited = ", ".join(items)
    detail = f'<span class="e5-items">{cited}</span>' if cited else ""
    return f'<td class="e5-oui"><span aria-hidden="true">{YES}</span>{_sr("mobilisée")}{detail}</td>'


def competence_anchor(competence: Competence) -> str:
    """The id of a competence's section on the Compétences page (B1.1 → competence-b1-1)."""
    return "competence-" + competence.code.lower().replace(".", "-")


def initials(portfolio: Portfolio) -> str:
    return "".join(part[:1].upper() for part in (portfolio.candidat.prenom, portfolio.candidat.nom) if part)


def _ul(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>" if items else ""


class _Writer:
    def __init__(self, site: SiteInput):
        self.site = site
        self.links = site.links
        self.referential = site.referential
        self.freetext = FreeText()
        self._codes: dict[int, list[str]] = {}

    def codes(self, entry: ResolvedRealisation) -> list[str]:
        """The competences a réalisation mobilises (computed once: every page shows them)."""
        if entry.index not in self._codes:
            self._codes[entry.index] = mobilised(entry, self.referential)
        return self._codes[entry.index]

    # --- shared pieces ----------------------------------------------------------------------

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

    def production(self, page: str, production: Production, entry: ResolvedRealisation, number: int) -> str:
        if production.lien:
            host = urlsplit(production.lien).hostname or production.lien
            return f'<a href="{attr(production.lien)}">{text(production.titre)}</a> (lien externe vers {text(host)})'
        found = lookup(self.site.published, production.fichier or "")
        if found is None:  # the checks report it as fichier-introuvable before any build
            return f"{text(production.titre)} (fichier non publié)"
        # the production's own page (productions.py); the file name is written out, for paper too
        name = PurePosixPath(normalise(found.written)).name
        return (
            f'<a href="{self.links.page(page, production_uri(entry, number))}">{text(production.titre)}</a> '
            f"(fichier <code>{text(name)}</code>, {kind_of(name)[0]}, {size_fr(found.size)})"
        )

    def competence_heading(self, competence: Competence) -> str:
        return f"{competence.code} {competence.intitule}"

    def part_label(self, part: str) -> str:
        return self.referential.tableau.parties[part]

    def cadre(self, entry: ResolvedRealisation) -> str:
        """« Réalisation en milieu professionnel en cours de première année (stage : Mairie de
        Saint-Malo) »: the tableau's part head, in the singular, for one réalisation."""
        label = self.part_label(entry.partie)
        if label.startswith("Réalisations "):
            label = "Réalisation " + label.removeprefix("Réalisations ")
        stage = self.stage_of(entry)
        return f"{label} (stage : {text(stage.organisation)})" if stage else label

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
                f"{_sr(' ' + text(competence.intitule))}</a></li>"
            )
        return f'<ul class="e5-badges" aria-label="Compétences mobilisées">{"".join(items)}</ul>' if items else ""

    def chips(self, words: Iterable[str]) -> str:
        items = "".join(f'<li class="e5-puce">{text(word)}</li>' for word in words)
        return f'<ul class="e5-puces">{items}</ul>' if items else ""

    def stage_of(self, entry: ResolvedRealisation) -> Stage | None:
        return next((s for s in self.site.portfolio.stages if s.id == entry.source.stage), None)

    # --- Accueil ----------------------------------------------------------------------------

    def accueil(self) -> str:
        """A person first: the name (the page's one h1), the headline, one quiet line for the
        diploma, session and centre, the ways to get in touch, then the presentation beside the
        photo (or the initials); then the work (cards) and the competences."""
        portfolio = self.site.portfolio
        candidat = portfolio.candidat
        count = len(self.site.realisations)
        cursus = (
            f"{text(self.referential.diplome)}, option {candidat.option} · session {candidat.session} · "
            f"{text(candidat.centre)}"
        )
        intro = [
            f'<p class="e5-accroche">{text(portfolio.accroche)}</p>' if portfolio.accroche else "",
            f'<p class="e5-cursus">{cursus}</p>',
            self.contacts(),
        ]
        return page_source(
            full_name(portfolio),
            block(
                '<div class="e5-identite e5-hero">',
                f'<div class="e5-hero__portrait">{self.photo() or self.initials()}</div>',
                '<div class="e5-hero__intro">',
                *intro,
                "</div>",
                '<div class="e5-hero__presentation">',
            ),
            self.markdown(portfolio.presentation, ACCUEIL, 2),
            block("</div>", "</div>"),
            "## Réalisations {: .e5-ecran-seul }",
            block(
                f'<p class="e5-chapeau">{count} réalisation{"s" if count > 1 else ""} '
                f'professionnelle{"s" if count > 1 else ""}. <a href="{self.links.page(ACCUEIL, REALISATIONS)}">'
                "Toutes les réalisations, par partie du tableau de synthèse</a>.</p>"
            ),
            block(self.cards()),
            "## Compétences du bloc {: .e5-ecran-seul }",
            block(self.coverage()),
            head_title="Accueil",
            heading_class="e5-nom-candidat",
        )

    def contacts(self) -> str:
        """The e-mail address and the professional profiles, as buttons (the address is written
        out: it is also what a printed copy shows)."""
        candidat = self.site.portfolio.candidat
        items = []
        if candidat.courriel:
            items.append(
                f'<li><a class="e5-bouton e5-bouton--principal" href="mailto:{attr(candidat.courriel)}">'
                f"{text(candidat.courriel)}</a></li>"
            )
        profiles = candidat.identite_pro.links if candidat.identite_pro else {}
        items += [
            f'<li><a class="e5-bouton" href="{attr(url)}">{PROFILES[key]}</a></li>' for key, url in profiles.items()
        ]
        return f'<ul class="e5-contacts" aria-label="Contact et profils">{"".join(items)}</ul>' if items else ""

    def initials(self) -> str:
        """The candidate's initials in a disc, where a photo would be (decorative)."""
        return f'<span class="e5-initiales" aria-hidden="true">{text(initials(self.site.portfolio))}</span>'

    def thumbnail(self, page: str, entry: ResolvedRealisation) -> str:
        """The réalisation's `vignette` (a picture), else its first picture production (the
        production's title as text alternative), or "" when it has none."""
        vignette = lookup(self.site.published, entry.source.vignette) if entry.source.vignette else None
        if vignette is not None and kind_of(vignette.written)[1] == IMAGE:
            return (
                f'<img src="{self.links.file(page, vignette.site_path)}" '
                f'alt="Illustration : {text(entry.intitule)}" loading="lazy">'
            )
        for production in entry.source.productions:
            found = lookup(self.site.published, production.fichier) if production.fichier else None
            if found is not None and kind_of(found.written)[1] == IMAGE:
                return (
                    f'<img src="{self.links.file(page, found.site_path)}" alt="{text(production.titre)}" '
                    'loading="lazy">'
                )
        return ""

    def card_cadre(self, entry: ResolvedRealisation) -> str:
        """« Stage · Breizh Transports SARL » or « Formation · 1re année »: where, in a few words."""
        stage = self.stage_of(entry)
        if stage:
            return f"Stage · {text(stage.organisation)}"
        return "Formation" + (f" · {annee_fr(entry.annee)}" if entry.annee else "")

    def cards(self) -> str:
        """One card per réalisation: a thumbnail (its first picture, else its number on a tinted
        ground, decorative), the intitulé (the link), where, when, the technologies as chips and
        the competences as badges."""
        cards = []
        for number, entry in enumerate(self.site.realisations, start=1):
            picture = self.thumbnail(ACCUEIL, entry)
            visual = (
                f'<div class="e5-carte__vignette">{picture}</div>'
                if picture
                else f'<div class="e5-carte__vignette e5-carte__vignette--vide" aria-hidden="true">'
                f"<span>R{number}</span></div>"
            )
            period = period_html(entry.periode.debut, entry.periode.fin)
            cards.append(
                "\n".join(
                    [
                        '<li class="e5-carte">',
                        visual,
                        f'<h3 class="e5-carte__titre">{self.realisation_link(ACCUEIL, entry)}</h3>',
                        f'<p class="e5-carte__cadre">{self.card_cadre(entry)}</p>',
                        f'<p class="e5-carte__periode">D{period[1:]}</p>',
                        self.chips(entry.source.technologies),
                        self.badges(ACCUEIL, self.codes(entry)),
                        "</li>",
                    ]
                )
            )
        return "\n".join(['<ul class="e5-cartes">', *cards, "</ul>"])

    def coverage(self) -> str:
        """The six competences of the bloc, each a link to its section of the Compétences page,
        with the number of réalisations that mobilise it (never a zero: the site shows no gap)."""
        counts = {c.code: 0 for c in self.referential.competences}
        for entry in self.site.realisations:
            for code in self.codes(entry):
                counts[code] += 1
        items = []
        for competence in self.referential.competences:
            count = counts[competence.code]
            number = (
                f'<span class="e5-bandeau__nombre">{count} réalisation{"s" if count > 1 else ""}</span>'
                if count
                else ""
            )
            # spaces between the parts: the link's name is its text (« B1.1 Gérer… 6 réalisations »)
            items.append(
                f'<li><a href="{self.links.page(ACCUEIL, COMPETENCES, competence_anchor(competence))}">'
                f'<span class="e5-bandeau__code">{competence.code}</span> '
                f'<span class="e5-bandeau__titre">{text(competence.intitule)}</span> {number}</a></li>'
            )
        return "\n".join(['<ul class="e5-bandeau-competences">', *items, "</ul>"])

    def photo(self) -> str:
        photo = self.site.portfolio.candidat.photo
        found = lookup(self.site.published, photo) if photo else None
        if found is None:
            return ""
        alt = f"Photo de {full_name(self.site.portfolio)}"
        return f'<img class="e5-photo" src="{self.links.file(ACCUEIL, found.site_path)}" alt="{text(alt)}" width="160">'

    # --- Parcours ---------------------------------------------------------------------------

    def parcours(self) -> str:
        portfolio = self.site.portfolio
        candidat = portfolio.candidat
        modalite = {"ccf": "contrôle en cours de formation (CCF)", "ponctuelle": "épreuve ponctuelle"}
        formation = (
            f"<p>{text(self.referential.diplome)}, option {candidat.option} "
            f"({text(OPTIONS[candidat.option])}), au centre de formation {text(candidat.centre)}, "
            f"session {candidat.session}. Modalité de l'épreuve {self.referential.epreuve.numero} : "
            f"{modalite[candidat.modalite]}.</p>"
        )
        parts = ["## Formation", block(formation), "## Stages en milieu professionnel"]
        if portfolio.stages:
            parts.append(block(self.stages_table()))
            for stage in portfolio.stages:
                parts.extend(self.stage_section(stage))
        else:
            parts.append(block("<p>Aucun stage n'est encore renseigné.</p>"))
        parts.extend(self.frise())
        return page_source("Parcours", *parts)

    def stages_table(self) -> str:
        stages = self.site.portfolio.stages
        total = sum(stage.weeks for stage in stages)
        minimum = self.referential.stages.semaines_minimum
        rows = [
            f'<tr><th scope="row">{text(stage.organisation)}</th><td>{annee_fr(stage.annee)}</td>'
            f"<td>{time_tag(stage.debut)}</td><td>{time_tag(stage.fin)}</td><td>{weeks_fr(stage.weeks)}</td></tr>"
            for stage in stages
        ]
        return "\n".join(
            [
                "<table>",
                f"<caption>Stages : {weeks_fr(total)} au total (minimum requis : {minimum} semaines)</caption>",
                '<thead><tr><th scope="col">Organisation</th><th scope="col">Année</th><th scope="col">Début</th>'
                '<th scope="col">Fin</th><th scope="col">Durée</th></tr></thead>',
                "<tbody>",
                *rows,
                "</tbody>",
                "</table>",
            ]
        )

    def stage_section(self, stage: Stage) -> list[str]:
        items = [
            f"Du {time_tag(stage.debut)} au {time_tag(stage.fin)}, {annee_fr(stage.annee)} ({weeks_fr(stage.weeks)})"
        ]
        if stage.lieu:
            items.append(f"Lieu : {text(stage.lieu)}")
        found = lookup(self.site.published, stage.attestation) if stage.attestation else None
        if found is not None:
            items.append(
                f'<a href="{self.links.file(PARCOURS, found.site_path)}">Attestation de stage '
                f"({text(stage.organisation)})</a>"
            )
        parts = [f"### {text(stage.organisation)}", block(_ul(items))]
        if stage.missions:
            parts.append(self.markdown(stage.missions, PARCOURS, 4))
        linked = [e for e in self.site.realisations if e.source.stage == stage.id]
        if linked:
            parts.append(
                block(
                    "<p>Réalisations menées pendant ce stage :</p>",
                    _ul(self.realisation_link(PARCOURS, e) for e in linked),
                )
            )
        return parts

    def frise(self) -> list[str]:
        stages = self.site.portfolio.stages
        entries = self.site.realisations  # numbered as everywhere else (ordering.py)
        bars = [Bar(s.organisation, s.debut, s.fin, "stage") for s in stages]
        bars += [
            Bar(e.intitule, e.periode.debut, e.periode.fin, "realisation", n) for n, e in enumerate(entries, start=1)
        ]
        svg = timeline_svg(
            bars,
            title="Frise chronologique des stages et des réalisations",
            description=f"{len(stages)} stage(s) et {len(entries)} réalisation(s) sur un axe du temps ; "
            "le détail se trouve dans la liste qui suit la frise.",
        )
        caption = (
            "Les bandes encadrées, sous le nom de l'organisation, sont les stages ; les barres fines "
            "sont les réalisations, numérotées R1, R2… comme dans la liste ci-dessous et sur le site."
        )
        stage_items = [f"{period_html(s.debut, s.fin).capitalize()} : {text(s.organisation)}" for s in stages]
        # the réalisations in the site's one numbering (ordering.py), not by date
        work_items = [
            f"R{n} : {self.realisation_link(PARCOURS, e)}, {period_html(e.periode.debut, e.periode.fin)}"
            for n, e in enumerate(entries, start=1)
        ]
        listing = "\n".join(
            [
                # on paper the stages table above says it already
                block('<div class="e5-ecran-seul">', "<p>Stages :</p>", _ul(stage_items), "</div>")
                if stage_items
                else "",
                block("<p>Réalisations :</p>", _ul(work_items)),
            ]
        )
        return [
            "## Frise chronologique",
            # the drawing keeps a readable size on a phone: its container scrolls sideways
            # (focusable, so that the keyboard can scroll it too)
            block(
                '<figure class="e5-frise-figure">',
                '<div class="e5-frise-defilement" tabindex="0">',
                svg,
                "</div>",
                f"<figcaption>{caption}</figcaption>",
                "</figure>",
            ),
            "### Frise en version texte",
            block(listing),
        ]

    # --- Réalisations -----------------------------------------------------------------------

    def realisations(self) -> str:
        entries = self.site.realisations
        count = len(entries)
        parts = [
            block(
                f"<p>{count} réalisation{'s' if count > 1 else ''}, classées comme dans le tableau de "
                "synthèse. Chaque intitulé mène à la page de la réalisation : contexte, compétences "
                "mobilisées, technologies et productions.</p>"
            ),
        ]
        for part in PARTS:
            chosen = [e for e in entries if e.partie == part]
            if chosen:
                parts.append(f"## {self.part_label(part)}")
                parts.append(block(self.realisations_table(part, chosen)))
        return page_source("Réalisations professionnelles", *parts)

    def realisations_table(self, part: str, entries: list[ResolvedRealisation]) -> str:
        rows = []
        for entry in entries:
            codes = ", ".join(mobilised(entry, self.referential))
            count = len(entry.source.productions)
            rows.append(
                f'<tr><th scope="row">{self.realisation_link(REALISATIONS, entry)}</th>'
                f"<td>{period_html(entry.periode.debut, entry.periode.fin)}</td>"
                f"<td>{codes}</td><td>{count}</td></tr>"
            )
        return "\n".join(
            [
                "<table>",
                f"<caption>{self.part_label(part)} ({len(entries)})</caption>",
                '<thead><tr><th scope="col">Réalisation</th><th scope="col">Période</th>'
                '<th scope="col">Compétences</th><th scope="col">Productions</th></tr></thead>',
                "<tbody>",
                *rows,
                "</tbody>",
                "</table>",
            ]
        )

    def realisation(
        self, entry: ResolvedRealisation, previous: ResolvedRealisation | None, following: ResolvedRealisation | None
    ) -> str:
        page = realisation_uri(entry)
        source = entry.source
        facts = [
            ("Cadre", self.cadre(entry)),
            ("Année", annee_fr(entry.annee) if entry.annee else "non précisée (réalisation en formation)"),
            ("Période", period_html(source.periode.debut, source.periode.fin)),
            ("Travail", "en équipe" if source.equipe else "individuel"),
            ("Compétences", self.badges(page, self.codes(entry))),
        ]
        if source.technologies:
            facts.append(("Technologies", self.chips(source.technologies)))
        parts = [
            # the summary card: what, where, when, with whom, which competences and tools
            block(
                '<div class="e5-resume">',
                '<dl class="e5-fiche">',
                *(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in facts),
                "</dl>",
                "</div>",
            ),
            "## Description",
            self.markdown(source.description, page, 3),
        ]
        if source.equipe or source.contribution:
            parts.append("## Travail en équipe et contribution personnelle")
            if source.contribution:  # stands out: what the candidate did, in a framed block
                parts.append(self.markdown(source.contribution, page, 3, extra_class="e5-contribution"))
        parts.append("## Compétences mobilisées")
        parts.append(block(self.competences_list(entry)))
        parts.append("## Productions")
        parts.append(block(self.gallery(page, entry)))
        parts.append(
            block(
                _ul(self.production(page, p, entry, n) for n, p in enumerate(source.productions, 1))
                or "<p>Aucune production.</p>"
            )
        )
        parts.append(block(self.neighbours(page, previous, following)))
        return page_source(entry.intitule, *parts)

    def gallery(self, page: str, entry: ResolvedRealisation) -> str:
        """The réalisation's picture productions, shown in place (the production's title is the
        text alternative and the caption; the picture leads to the production's page); several
        pictures make a gallery."""
        figures = []
        for number, production in enumerate(entry.source.productions, 1):
            found = lookup(self.site.published, production.fichier) if production.fichier else None
            if found is None or kind_of(found.written)[1] != IMAGE:
                continue
            figures.append(
                f'<figure class="e5-galerie__image"><a href="{self.links.page(page, production_uri(entry, number))}">'
                f'<img src="{self.links.file(page, found.site_path)}" alt="{text(production.titre)}" loading="lazy">'
                f"</a><figcaption>{text(production.titre)}</figcaption></figure>"
            )
        if not figures:
            return ""
        kind = "e5-galerie e5-galerie--plusieurs" if len(figures) > 1 else "e5-galerie"
        return "\n".join([f'<div class="{kind}">', *figures, "</div>"])

    def competences_list(self, entry: ResolvedRealisation) -> str:
        cited = {code.strip() for code in entry.source.competences}
        items = []
        for competence in self.referential.competences:
            if competence.code not in self.codes(entry):
                continue
            bullets = [f"{code} {label}" for code, label in competence.item_codes if code in cited]
            detail = _ul(bullets) if bullets else ""
            items.append(f"<strong>{competence.code} {competence.intitule}</strong>{detail}")
        return _ul(items)

    def neighbours(self, page: str, previous: ResolvedRealisation | None, following: ResolvedRealisation | None) -> str:
        items = []
        if previous:
            items.append(
                f'<li class="e5-precedente">Réalisation précédente : '
                f"{self.realisation_link(page, previous, rel='prev')}</li>"
            )
        if following:
            items.append(
                f'<li class="e5-suivante">Réalisation suivante : '
                f"{self.realisation_link(page, following, rel='next')}</li>"
            )
        items.append(
            f'<li class="e5-toutes"><a href="{self.links.page(page, REALISATIONS)}">Toutes les réalisations</a></li>'
        )
        return "\n".join(
            ['<nav class="e5-voisins" aria-label="Autres réalisations">', "<ul>", *items, "</ul>", "</nav>"]
        )

    # --- Compétences ------------------------------------------------------------------------

    def competences(self) -> str:
        """One compact matrix; per competence, its réalisations and the items they cite; the
        annex's performance indicators once, folded, at the end."""
        referential = self.referential
        parts = [
            block(
                f"<p>Les six compétences du bloc {referential.bloc.code} « {text(referential.bloc.intitule)} » "
                f"(épreuve {referential.epreuve.numero}), et les réalisations qui les mobilisent. "
                f"Dans la matrice, « {YES} » signale une compétence mobilisée, suivie des items cités.</p>"
            ),
            "## Matrice des compétences et des réalisations",
            block(self.matrix()),
        ]
        for competence in referential.competences:
            parts.extend(self.competence_section(competence))
        parts.append("## Indicateurs de performance du référentiel {: .e5-ecran-seul }")
        parts.append(block(self.indicators()))
        # the matrix takes the width; its legend links every competence's section
        return page_source("Compétences", *parts, hide_toc=True)

    def indicators(self) -> str:
        """The annex's indicators of the six competences, folded once (they are the same for
        every portfolio: the jury knows them)."""
        groups = "\n".join(
            f"<p><strong>{c.code} {text(c.intitule)}</strong></p>\n"
            + _ul(text(indicateur) for indicateur in c.indicateurs)
            for c in self.referential.competences
        )
        return "\n".join(
            [
                '<details class="e5-indicateurs">',
                "<summary>Afficher les indicateurs de performance des six compétences</summary>",
                groups,
                "</details>",
            ]
        )

    def matrix(self) -> str:
        competences = self.referential.competences
        header = "".join(f'<th scope="col">{c.code}</th>' for c in competences)
        rows = []
        totals = {c.code: 0 for c in competences}
        for entry in self.site.realisations:
            codes = self.codes(entry)
            cited = [code.strip() for code in entry.source.competences]
            cells = []
            for competence in competences:
                if competence.code in codes:
                    totals[competence.code] += 1
                    items = [code for code, _ in competence.item_codes if code in cited]
                    cells.append(_mark(True, items))
                else:
                    cells.append(_mark(False))
            rows.append(f'<tr><th scope="row">{self.realisation_link(COMPETENCES, entry)}</th>{"".join(cells)}</tr>')
        footer = "".join(f"<td>{totals[c.code]}</td>" for c in competences)
        legend = _ul(f'<a href="#{competence_anchor(c)}">{c.code} : {text(c.intitule)}</a>' for c in competences)
        return "\n".join(
            [
                '<div class="e5-matrice">',
                "<p>Légende des colonnes :</p>",
                legend,
                "<table>",
                "<caption>Compétences mobilisées par chaque réalisation</caption>",
                f'<thead><tr><th scope="col">Réalisation</th>{header}</tr></thead>',
                "<tbody>",
                *rows,
                "</tbody>",
                f'<tfoot><tr><th scope="row">Nombre de réalisations</th>{footer}</tr></tfoot>',
                "</table>",
                "</div>",
            ]
        )

    def competence_section(self, competence: Competence) -> list[str]:
        entries = [e for e in self.site.realisations if competence.code in self.codes(e)]
        count = len(entries)
        # only what the candidate did: no « mobilisée par aucune réalisation », no uncited item
        # (the gaps are for `e5portfolio check` and the audit, not for the jury)
        summary = f"<p>Mobilisée par {count} réalisation{'s' if count > 1 else ''}.</p>" if count else ""
        items = []
        for code, label in competence.item_codes:
            citing = [e for e in entries if code in {c.strip() for c in e.source.competences}]
            if citing:
                where = ", ".join(self.realisation_link(COMPETENCES, e) for e in citing)
                items.append(f"<strong>{code}</strong> {text(label)} — {where}")
        # on paper the matrix says it all (each réalisation lists its items): screen only
        return [
            block(f'<div class="e5-ancre" id="{competence_anchor(competence)}"></div>'),
            f"## {self.competence_heading(competence)} {{: .e5-ecran-seul }}",
            block(
                '<div class="e5-ecran-seul">',
                summary,
                '<p class="e5-items-titre">Items mobilisés :</p>' if items else "",
                _ul(items),
                "</div>",
            ),
        ]

    # --- Tableau de synthèse ------------------------------------------------------------------

    def tableau(self) -> str:
        labels = self.referential.tableau
        href = self.links.file(TABLEAU, TABLEAU_FILE)
        return page_source(
            labels.titre,
            block(
                f"<p>Le même contenu que le tableau de synthèse officiel (annexe VI-1), qui est aussi "
                f'disponible au format tableur : <a href="{href}">télécharger le tableau de synthèse '
                f"(fichier Excel .xlsx)</a>.</p>"
            ),
            "## Identification du candidat",
            block(self.identification()),
            "## Réalisations professionnelles",
            block(self.tableau_table()),
            hide_toc=True,
        )

    def identification(self) -> str:
        portfolio = self.site.portfolio
        who = identity(self.site.validated, publish_numero=portfolio.publication.numero)
        labels = self.referential.tableau.identification
        url = (
            f'<a class="e5-adresse-ecrite" href="{attr(who.url)}">{text(who.url)}</a>' if who.url else "non renseignée"
        )
        values = {
            "nom": text(who.nom_prenom),
            "numero": text(who.numero) if who.numero else "non publié en ligne",
            "centre": text(who.centre),
            "option": f"{who.option} ({text(OPTIONS[who.option])})",
            "url": url,
        }
        rows = [
            f'<tr><th scope="row">{text(label.rstrip(" :"))}</th><td>{values[key]}</td></tr>'
            for key, label in labels.items()
            if key in values
        ]
        # no caption: the heading « Identification du candidat » right above names it
        return "\n".join(['<table class="e5-identification">', "<tbody>", *rows, "</tbody>", "</table>"])

    def tableau_table(self) -> str:
        labels = self.referential.tableau
        competences = self.referential.competences
        width = 2 + len(competences)
        head = [
            "<thead>",
            f'<tr><th scope="col" rowspan="2">{text(labels.colonnes["realisations"])}<br>'
            f"{text(labels.colonnes['realisations_detail'])}</th>"
            f'<th scope="col" rowspan="2">{text(labels.colonnes["periode"])}<br>'
            f"{text(labels.colonnes['periode_detail'])}</th>"
            f'<th scope="colgroup" colspan="{len(competences)}">{text(labels.colonnes["competences"])}</th></tr>',
            "<tr>"
            + "".join(
                f'<th scope="col" class="e5-competence">{text(self.competence_heading(c))}</th>' for c in competences
            )
            + "</tr>",
            "</thead>",
        ]
        bodies = []
        for part in PARTS:
            rows = self.site.tableau.get(part, [])
            lines = [f'<tbody>\n<tr><th scope="rowgroup" colspan="{width}">{text(labels.parties[part])}</th></tr>']
            for row in rows:
                cells = "".join(self.tableau_mark(c, c.code in row.competences) for c in competences)
                # inline, for the print view too (printable.py has its own stylesheet): in a row
                # header the productions would otherwise print in bold
                listing = _ul(text(title) for title in row.productions).replace(
                    "<ul>", '<ul style="font-weight: normal">', 1
                )
                lines.append(
                    f'<tr><th scope="row">{self.realisation_link(TABLEAU, row.realisation)}{listing}'
                    f"</th><td>{text(row.periode)}</td>{cells}</tr>"
                )
            if not rows:
                lines.append(f'<tr><td colspan="{width}">Aucune réalisation.</td></tr>')
            lines.append("</tbody>")
            bodies.append("\n".join(lines))
        caption = f"<caption>{text(labels.titre)} — session {self.site.portfolio.candidat.session}</caption>"
        return "\n".join(
            ['<div class="e5-matrice e5-tableau">', "<table>", caption, *head, *bodies, "</table>", "</div>"]
        )

    def tableau_mark(self, competence: Competence, mobilised: bool) -> str:
        """A cell of the tableau: « X » as on the official form, or empty (« non mobilisée » for
        screen readers). The competence's title is in the cell too, shown only on a phone, where
        each réalisation becomes a block that lists its competences by title."""
        if not mobilised:
            return f'<td class="e5-non">{_sr(NOT_MOBILISED)}</td>'
        return (
            f'<td class="e5-oui"><span class="e5-x">X</span>'
            f'<span class="e5-nom">{text(self.competence_heading(competence))}</span></td>'
        )

    # --- Veille -----------------------------------------------------------------------------

    def veille(self) -> str:
        veille = self.site.portfolio.veille
        assert veille is not None  # the section exists only when the portfolio has a veille
        parts = ["## Sujet", block(f"<p>{text(veille.sujet)}</p>")]
        if veille.description:
            parts.append(self.markdown(veille.description, VEILLE, 3))
        if veille.outils:
            parts.extend(["## Outils de veille", block(_ul(text(tool) for tool in veille.outils))])
        parts.append("## Articles")
        articles = sorted(veille.articles, key=lambda a: (a.date is None, -(a.date.toordinal() if a.date else 0)))
        if not articles:
            parts.append(block("<p>Aucun article n'est encore renseigné.</p>"))
        for article in articles:
            parts.append(f"### {text(article.titre)}")
            details = []
            if article.date:
                details.append(f"Publié le {time_tag(article.date)}")
            if article.source:
                details.append(f"source : {text(article.source)}")
            if article.lien:
                host = urlsplit(article.lien).hostname or article.lien
                details.append(
                    f'<a href="{attr(article.lien)}">lire l\'article « {text(article.titre)} » sur {text(host)}</a>'
                )
            if details:
                parts.append(block(f"<p>{', '.join(details)}</p>"))
            if article.resume:
                parts.append(self.markdown(article.resume, VEILLE, 4))
        return page_source("Veille informationnelle", *parts)

    # --- Mentions légales -------------------------------------------------------------------

    def mentions(self) -> str:
        portfolio = self.site.portfolio
        mentions = portfolio.mentions_legales
        name = full_name(portfolio)
        editor = (
            text(mentions.editeur)
            if mentions and mentions.editeur
            else (
                f"Ce site est édité par {text(name)}, qui prépare le {text(self.referential.diplome)} (session "
                f"{portfolio.candidat.session}). Responsable de la publication : {text(name)}"
            )
        )
        contact = self.contact()
        host = text(mentions.hebergeur) if mentions and mentions.hebergeur else self.default_host()
        parts = [
            "## Éditeur",
            block(f"<p>{editor}.</p>", f"<p>Contact : {contact}.</p>" if contact else ""),
            "## Hébergeur",
            block(f"<p>{host}</p>"),
            "## Données personnelles",
        ]
        if mentions and mentions.donnees_personnelles:
            parts.append(self.markdown(mentions.donnees_personnelles, MENTIONS, 3))
        else:
            parts.append(
                block(
                    f"<p>Ce site présente le parcours et les réalisations de {text(name)} dans le cadre de "
                    f"l'épreuve {self.referential.epreuve.numero} du {text(self.referential.diplome)}. Les "
                    f"informations personnelles qu'il contient ({self.personal_data()}) sont publiées par "
                    f"{text(name)}.</p>",
                    "<p>Le site ne dépose aucun cookie, ne mesure pas l'audience et ne fait appel à aucun service "
                    "tiers : aucune donnée n'est collectée sur les visiteurs. Seule la préférence d'affichage "
                    "(mode clair ou sombre) est conservée dans votre navigateur.</p>",
                    "<p>Pour exercer vos droits d'accès, de rectification ou d'effacement (RGPD), contactez "
                    "l'éditeur.</p>",
                )
            )
        parts.append("## Réalisation")
        parts.append(block("<p>Site généré avec e5portfolio, MkDocs et Material for MkDocs.</p>"))
        return page_source("Mentions légales", *parts)

    def accessibilite(self) -> str:
        """The « Accessibilité » page (site/accessibilite.py): at this point, only the colour checks are
        known; `e5portfolio build` adds the checks of the built pages."""
        from e5portfolio import __version__

        tests = accessibilite.BuildTests(
            f"e5portfolio {__version__}",
            dt.date.today(),
            accessibilite.merged(accessibilite.colour_tests(self.site.portfolio)),
        )
        return accessibilite.accessibility_page(tests, self.contact())

    def personal_data(self) -> str:
        """What personal data the site shows, from what the portfolio holds (no « photo » when
        there is none)."""
        candidat = self.site.portfolio.candidat
        shown = ["nom et prénom"]
        if self.photo():
            shown.append("photo")
        if candidat.courriel:
            shown.append("adresse électronique")
        if candidat.identite_pro and candidat.identite_pro.links:
            shown.append("profils professionnels")
        shown.append("formation")
        if self.site.portfolio.stages:
            shown.append("stages")
        return ", ".join(shown)

    def contact(self) -> str:
        portfolio = self.site.portfolio
        if portfolio.mentions_legales and portfolio.mentions_legales.contact:
            return text(portfolio.mentions_legales.contact)
        courriel = portfolio.candidat.courriel
        return f'<a href="mailto:{attr(courriel)}">{text(courriel)}</a>' if courriel else ""

    def default_host(self) -> str:
        url = self.site.portfolio.candidat.url or ""
        host = (urlsplit(url).hostname or "").lower()
        if host.endswith("github.io"):
            return "GitHub Pages — GitHub Inc., 88 Colin P Kelly Jr St, San Francisco, CA 94107, États-Unis."
        if host.endswith("gitlab.io"):
            return "GitLab Pages — GitLab Inc., 268 Bush Street #350, San Francisco, CA 94104, États-Unis."
        return (
            "Hébergeur non renseigné : le candidat doit l'indiquer dans portfolio.yml (clé mentions_legales.hebergeur)."
        )
