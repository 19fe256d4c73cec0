"""The home page: the person, the réalisations as cards, the competences."""

from __future__ import annotations

from e5portfolio.core.model import ResolvedRealisation
from e5portfolio.site.markup import (
    annee_fr,
    attr,
    block,
    page_source,
    period_html,
    text,
)
from e5portfolio.site.productions import IMAGE, kind_of
from e5portfolio.site.publication import lookup
from e5portfolio.site.sections.base import (
    ACCUEIL,
    COMPETENCES,
    PROFILES,
    REALISATIONS,
    SectionWriter,
    competence_anchor,
    full_name,
    initials,
)


class AccueilWriter(SectionWriter):
    """Writes the « Accueil » page (index.md)."""

    def page(self) -> str:
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
