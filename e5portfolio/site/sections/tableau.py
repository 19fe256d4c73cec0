"""The Tableau de synthèse page: the official form's content as HTML tables."""

from __future__ import annotations

from e5portfolio.core.referential import Competence
from e5portfolio.site.markup import (
    attr,
    block,
    page_source,
    text,
)
from e5portfolio.site.publication import TABLEAU_FILE
from e5portfolio.site.sections.base import (
    NOT_MOBILISED,
    OPTIONS,
    PARTS,
    TABLEAU,
    SectionWriter,
    sr,
    ul,
)
from e5portfolio.tableau.synthese import identity


class TableauWriter(SectionWriter):
    """Writes the « Tableau de synthèse » page (tableau-de-synthese.md)."""

    def page(self) -> str:
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
                listing = ul(text(title) for title in row.productions).replace(
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
            return f'<td class="e5-non">{sr(NOT_MOBILISED)}</td>'
        return (
            f'<td class="e5-oui"><span class="e5-x">X</span>'
            f'<span class="e5-nom">{text(self.competence_heading(competence))}</span></td>'
        )
