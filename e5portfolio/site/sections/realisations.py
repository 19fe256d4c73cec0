"""The Réalisations page (by part of the tableau) and one page per réalisation."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from e5portfolio.checks.competences import mobilised
from e5portfolio.checks.files import normalise
from e5portfolio.core.model import Production, ResolvedRealisation
from e5portfolio.site.markup import (
    annee_fr,
    attr,
    block,
    page_source,
    period_html,
    realisation_uri,
    size_fr,
    text,
)
from e5portfolio.site.productions import IMAGE, kind_of, production_uri
from e5portfolio.site.publication import lookup
from e5portfolio.site.sections.base import (
    PARTS,
    REALISATIONS,
    SectionWriter,
    ul,
)


class RealisationsWriter(SectionWriter):
    """Writes the « Réalisations » page (realisations.md) and the page of each réalisation."""

    def page(self) -> str:
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
                ul(self.production(page, p, entry, n) for n, p in enumerate(source.productions, 1))
                or "<p>Aucune production.</p>"
            )
        )
        parts.append(block(self.neighbours(page, previous, following)))
        return page_source(entry.intitule, *parts)

    def cadre(self, entry: ResolvedRealisation) -> str:
        """« Réalisation en milieu professionnel en cours de première année (stage : Mairie de
        Saint-Malo) »: the tableau's part head, in the singular, for one réalisation."""
        label = self.part_label(entry.partie)
        if label.startswith("Réalisations "):
            label = "Réalisation " + label.removeprefix("Réalisations ")
        stage = self.stage_of(entry)
        return f"{label} (stage : {text(stage.organisation)})" if stage else label

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
            detail = ul(bullets) if bullets else ""
            items.append(f"<strong>{competence.code} {competence.intitule}</strong>{detail}")
        return ul(items)

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
