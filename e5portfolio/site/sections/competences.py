"""The Compétences page: the matrix, one section per competence, the indicators."""

from __future__ import annotations

from e5portfolio.core.referential import Competence
from e5portfolio.site.markup import (
    block,
    page_source,
    text,
)
from e5portfolio.site.sections.base import (
    COMPETENCES,
    YES,
    SectionWriter,
    competence_anchor,
    mark,
    ul,
)


class CompetencesWriter(SectionWriter):
    """Writes the « Compétences » page (competences.md)."""

    def page(self) -> str:
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
            + ul(text(indicateur) for indicateur in c.indicateurs)
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
                    cells.append(mark(True, items))
                else:
                    cells.append(mark(False))
            rows.append(f'<tr><th scope="row">{self.realisation_link(COMPETENCES, entry)}</th>{"".join(cells)}</tr>')
        footer = "".join(f"<td>{totals[c.code]}</td>" for c in competences)
        legend = ul(f'<a href="#{competence_anchor(c)}">{c.code} : {text(c.intitule)}</a>' for c in competences)
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
                ul(items),
                "</div>",
            ),
        ]
