"""The Mentions légales page."""

from __future__ import annotations

from urllib.parse import urlsplit

from e5portfolio.site.markup import (
    block,
    page_source,
    text,
)
from e5portfolio.site.sections.base import (
    MENTIONS,
    SectionWriter,
    full_name,
)


class MentionsWriter(SectionWriter):
    """Writes the « Mentions légales » page (mentions-legales.md)."""

    def page(self) -> str:
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
