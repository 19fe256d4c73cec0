"""Identity and presence of the candidate: numéro, URL, professional identity, veille."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import CheckContext, Rule, rule


@rule("numero-candidat-absent", Severity.WARNING)
def numero_candidat_absent(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Le numéro de candidat est renseigné (`candidat.numero`) : il figure sur le tableau.

    Correct :   numero: "02412345678"
    Incorrect : pas de clé numero.
    """
    if not ctx.portfolio.candidat.numero and ctx.validated.is_complete(("candidat", "numero")):
        yield ctx.finding(self, ("candidat",),
                          "numéro de candidat absent : ajoutez « numero: \"…\" » sous « candidat: » "
                          "(il figure sur votre convocation ; il n'est pas publié sur le site)")


@rule("url-portfolio-absente", Severity.WARNING)
def url_portfolio_absente(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """L'adresse publique du portfolio est renseignée (`candidat.url`).

    Elle figure sur le tableau de synthèse (« Adresse URL du portfolio ») : la commission
    doit pouvoir ouvrir le portfolio.

    Correct :   url: https://lea-martin.github.io/portfolio/
    Incorrect : pas de clé url.
    """
    if not ctx.portfolio.candidat.url and ctx.validated.is_complete(("candidat", "url")):
        yield ctx.finding(self, ("candidat",),
                          "adresse du portfolio absente : ajoutez « url: https://… » sous « candidat: » "
                          "(elle figure sur le tableau de synthèse)")


@rule("identite-pro-absente", Severity.WARNING)
def identite_pro_absente(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un profil professionnel est renseigné (`candidat.identite_pro`).

    « L'identité professionnelle est pertinente et visible sur un réseau social
    professionnel » (indicateur de B1.6).

    Correct :   identite_pro: {linkedin: https://www.linkedin.com/in/…}
    Incorrect : pas de clé identite_pro, ou aucun lien dedans.
    """
    identite = ctx.portfolio.candidat.identite_pro
    if not ctx.validated.is_complete(("candidat", "identite_pro")):
        return  # written with an error, reported already
    if identite is None or not identite.links:
        path = ("candidat", "identite_pro") if identite is not None else ("candidat",)
        yield ctx.finding(self, path,
                          "aucun profil professionnel : ajoutez sous « candidat: » une clé "
                          "« identite_pro: » avec au moins « linkedin: » ou « github: »")


@rule("veille-absente", Severity.WARNING)
def veille_absente(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """La section `veille` est présente (B1.6.2 « Mettre en œuvre des outils et stratégies de
    veille informationnelle »).

    Correct :   veille: {sujet: …, outils: […], articles: […]}
    Incorrect : pas de section veille.
    """
    if ctx.portfolio.veille is None and ctx.validated.is_complete(("veille",)):
        yield ctx.finding(self, (),
                          "section « veille » absente : décrivez votre veille informationnelle "
                          "(sujet, outils, articles datés)")


@rule("session-sans-referentiel", Severity.INFO)
def session_sans_referentiel(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """La session du candidat a son référentiel dans e5portfolio ; sinon, celui de la session
    la plus proche connue est appliqué (information).

    Correct :   session: 2026
    Incorrect : session: 2031 → « les règles de la session 2026 sont appliquées ».
    """
    session = ctx.portfolio.candidat.session
    if session != ctx.referential.session:
        yield ctx.finding(self, ("candidat", "session"),
                          f"e5portfolio ne connaît pas encore le référentiel de la session {session} : "
                          f"les règles de la session {ctx.referential.session} sont appliquées ; quand "
                          f"le référentiel {session} sera publié, mettez e5portfolio à jour "
                          "(pip install -U e5portfolio)")


RULES = (numero_candidat_absent, url_portfolio_absente, identite_pro_absente, veille_absente,
         session_sans_referentiel)
