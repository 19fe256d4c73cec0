"""Identity and presence of the candidate: numéro, URL, professional identity, veille."""

from __future__ import annotations

from collections.abc import Iterator

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.private import PRIVATE_FILE, runs_in_ci, tracked_by_git


@rule("numero-candidat-absent", Severity.WARNING)
def numero_candidat_absent(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Le numéro de candidat est renseigné (`candidat.numero`) : il figure sur le tableau.

    Correct :   numero: "02412345678"
    Incorrect : pas de clé numero.
    """
    if (
        not ctx.portfolio.candidat.numero
        and ctx.validated.is_complete(("candidat", "numero"))
        and not _private_data_absent_by_design(ctx)
    ):
        yield ctx.finding(
            self,
            ("candidat",),
            "numéro de candidat absent : écrivez-le dans prive.yml, à côté de portfolio.yml, "
            'sous la forme « candidat: {numero: "…"} » (il figure sur votre convocation ; '
            "ce fichier reste sur votre ordinateur et le numéro n'est pas publié)",
        )


def _private_data_absent_by_design(ctx: CheckContext) -> bool:
    """In a forge's CI, or with --sans-attestations, prive.yml stays on the student's computer."""
    return ctx.skip_attestation_files or runs_in_ci()


@rule("numero-candidat-public", Severity.WARNING)
def numero_candidat_public(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Le N° candidat n'est pas écrit dans un portfolio.yml suivi par Git : un dépôt public est
    lisible par tous. Sa place est prive.yml, que le .gitignore d'init garde hors de Git.

    Correct :   prive.yml : candidat: {numero: "02412345678"}
    Incorrect : portfolio.yml (suivi par Git) : numero: "02412345678"
    """
    path = ("candidat", "numero")
    if not ctx.portfolio.candidat.numero:
        return
    if ctx.validated.positions.file_for(path, ctx.validated.file) != ctx.validated.file:
        return  # it comes from prive.yml
    if not tracked_by_git(ctx.root, ctx.validated.file):
        return
    yield ctx.finding(
        self,
        path,
        "le N° candidat est écrit dans portfolio.yml, que Git envoie sur un dépôt public : "
        "déplacez la ligne « numero: … » dans un fichier prive.yml à côté, sous "
        "« candidat: », et ajoutez la ligne « prive.yml » au fichier .gitignore s'il ne "
        "l'a pas déjà",
    )


@rule("prive-suivi-par-git", Severity.WARNING)
def prive_suivi_par_git(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """prive.yml (N° candidat, tuteurs) n'est pas suivi par Git : il doit rester sur l'ordinateur.

    Correct :   .gitignore contient la ligne « prive.yml ».
    Incorrect : prive.yml ajouté au dépôt (git add .) sans cette ligne.
    """
    if tracked_by_git(ctx.root, PRIVATE_FILE):
        yield Finding(
            self.id,
            self.severity,
            "prive.yml est suivi par Git et serait publié avec le dépôt : ajoutez la ligne "
            "« prive.yml » au fichier .gitignore, puis lancez « git rm --cached prive.yml »",
            PRIVATE_FILE,
            1,
            1,
        )


@rule("url-portfolio-absente", Severity.WARNING)
def url_portfolio_absente(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """L'adresse publique du portfolio est renseignée (`candidat.url`).

    Elle figure sur le tableau de synthèse (« Adresse URL du portfolio ») : la commission
    doit pouvoir ouvrir le portfolio.

    Correct :   url: https://lea-martin.github.io/portfolio/
    Incorrect : pas de clé url.
    """
    if not ctx.portfolio.candidat.url and ctx.validated.is_complete(("candidat", "url")):
        yield ctx.finding(
            self,
            ("candidat",),
            "adresse du portfolio absente : ajoutez « url: https://… » sous « candidat: » "
            "(elle figure sur le tableau de synthèse)",
        )


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
        yield ctx.finding(
            self,
            path,
            "aucun profil professionnel : ajoutez sous « candidat: » une clé "
            "« identite_pro: » avec au moins « linkedin: » ou « github: »",
        )


@rule("veille-absente", Severity.WARNING)
def veille_absente(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """La section `veille` est présente (B1.6.2 « Mettre en œuvre des outils et stratégies de
    veille informationnelle »).

    Correct :   veille: {sujet: …, outils: […], articles: […]}
    Incorrect : pas de section veille.
    """
    if ctx.portfolio.veille is None and ctx.validated.is_complete(("veille",)):
        yield ctx.finding(
            self,
            (),
            "section « veille » absente : décrivez votre veille informationnelle (sujet, outils, articles datés)",
        )


@rule("session-sans-referentiel", Severity.INFO)
def session_sans_referentiel(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """La session du candidat a son référentiel dans e5portfolio ; sinon, celui de la session
    la plus proche connue est appliqué (information). Les textes officiels restent en vigueur
    jusqu'à leur modification : le référentiel 2026 vaut aussi pour les sessions suivantes.

    Correct :   session: 2027
    Incorrect : session: 2025 → « les règles de la session 2026 sont appliquées ».
    """
    session = ctx.portfolio.candidat.session
    if ctx.referential.covers(session) or not ctx.validated.is_complete(("candidat", "session")):
        return
    if session < ctx.referential.session:
        yield ctx.finding(
            self,
            ("candidat", "session"),
            f"e5portfolio ne contient pas le référentiel de la session {session} : les "
            f"règles de la session {ctx.referential.session} sont appliquées ; vérifiez "
            "l'année de votre examen (elle figure sur votre convocation)",
        )
    else:
        yield ctx.finding(
            self,
            ("candidat", "session"),
            f"e5portfolio ne connaît pas encore le référentiel de la session {session} : "
            f"les règles de la session {ctx.referential.session} sont appliquées ; quand "
            f"le référentiel {session} sera publié, mettez e5portfolio à jour "
            "(pip install -U e5portfolio)",
        )


RULES = (
    numero_candidat_absent,
    numero_candidat_public,
    prive_suivi_par_git,
    url_portfolio_absente,
    identite_pro_absente,
    veille_absente,
    session_sans_referentiel,
)
