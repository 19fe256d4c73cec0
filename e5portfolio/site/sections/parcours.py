"""The Parcours page: the formation, the stages, the frise."""

from __future__ import annotations

from e5portfolio.core.model import Stage
from e5portfolio.site.markup import (
    annee_fr,
    block,
    page_source,
    period_html,
    text,
    time_tag,
    weeks_fr,
)
from e5portfolio.site.publication import lookup
from e5portfolio.site.sections.base import (
    OPTIONS,
    PARCOURS,
    SectionWriter,
    ul,
)
from e5portfolio.site.timeline import Bar, timeline_svg


class ParcoursWriter(SectionWriter):
    """Writes the « Parcours » page (parcours.md)."""

    def page(self) -> str:
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
        parts = [f"### {text(stage.organisation)}", block(ul(items))]
        if stage.missions:
            parts.append(self.markdown(stage.missions, PARCOURS, 4))
        linked = [e for e in self.site.realisations if e.source.stage == stage.id]
        if linked:
            parts.append(
                block(
                    "<p>Réalisations menées pendant ce stage :</p>",
                    ul(self.realisation_link(PARCOURS, e) for e in linked),
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
                block('<div class="e5-ecran-seul">', "<p>Stages :</p>", ul(stage_items), "</div>")
                if stage_items
                else "",
                block("<p>Réalisations :</p>", ul(work_items)),
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
