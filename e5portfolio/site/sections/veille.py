"""The Veille informationnelle page."""

from __future__ import annotations

from urllib.parse import urlsplit

from e5portfolio.site.markup import (
    attr,
    block,
    page_source,
    text,
    time_tag,
)
from e5portfolio.site.sections.base import (
    VEILLE,
    SectionWriter,
    ul,
)


class VeilleWriter(SectionWriter):
    """Writes the « Veille » page (veille.md)."""

    def page(self) -> str:
        veille = self.site.portfolio.veille
        assert veille is not None  # the section exists only when the portfolio has a veille
        parts = ["## Sujet", block(f"<p>{text(veille.sujet)}</p>")]
        if veille.description:
            parts.append(self.markdown(veille.description, VEILLE, 3))
        if veille.outils:
            parts.extend(["## Outils de veille", block(ul(text(tool) for tool in veille.outils))])
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
