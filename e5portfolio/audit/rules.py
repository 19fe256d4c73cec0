"""Registry of the audit's rules: id, default severity, French documentation (shown by `regles`).

A plain data table: add a row for a new rule. The accessibility rules of the static checks
(`a11y-<axe id>`) are listed from their own registry (a11y_static.RULES, docstrings). Ids are
those of the contract (shared/spec/portfolio-format.md); `identite-pro-absente` and
`veille-absente` are also check rules, testing something else (the site's links and pages, not
portfolio.yml): `e5portfolio regles ID` shows both.
"""

from __future__ import annotations

from dataclasses import dataclass

from e5portfolio.core.findings import Severity


@dataclass(frozen=True)
class AuditRule:
    id: str
    severity: Severity  # the usual severity (a rule may report a lesser one, said in its doc)
    doc: str


AUDIT_RULES: tuple[AuditRule, ...] = (
    AuditRule(
        "portfolio-inaccessible",
        Severity.ERROR,
        """
        La page d'accueil du portfolio s'ouvre sans connexion : pas d'erreur du serveur, pas de délai
        dépassé, pas de page de connexion (Google Drive, OneDrive, GitHub privé, Vercel, Netlify…).
        Sinon, pénalité de 10 points à l'épreuve (grille d'évaluation).

        Correct :   https://prenom-nom.github.io/portfolio/ s'ouvre dans une fenêtre de navigation privée
        Incorrect : un lien de partage Google Drive « accès demandé »""",
    ),
    AuditRule(
        "tableau-absent",
        Severity.ERROR,
        """
        Un lien du site mène à un fichier du tableau de synthèse que le jury peut ouvrir (.xlsx, .ods,
        PDF « synthèse », Google Sheets public). portfolio.json seul ne suffit pas : il faut le fichier.
        Sinon, pénalité de 2 points à l'épreuve.

        Correct :   <a href="tableau-de-synthese.xlsx">Tableau de synthèse</a>, fichier publié
        Incorrect : aucun lien, ou un lien vers un fichier absent (404)""",
    ),
    AuditRule(
        "tableau-incoherent",
        Severity.ERROR,
        """
        Le tableau de synthèse est lisible (modèle E5 officiel au format .xlsx, pas l'ancien modèle
        E4) et dit la même chose que le site : mêmes réalisations, mêmes périodes, compétences
        indiquées sur le site, les six compétences couvertes, l'adresse du portfolio renseignée.
        Avertissement quand la comparaison se fait sur le texte des pages (site sans portfolio.json).

        Correct :   le tableau produit par « e5portfolio export »
        Incorrect : une réalisation du tableau absente du site""",
    ),
    AuditRule(
        "lien-casse",
        Severity.ERROR,
        """
        Chaque lien du site mène à une page ou un fichier qui existe (vérifié par linkchecker).
        Quand aucun lien externe ne peut être joint (ordinateur hors ligne), un seul avertissement
        « audit-incomplet » remplace les erreurs de chaque lien.

        Correct :   un lien vers productions/procedure.pdf, publié
        Incorrect : un lien vers une page supprimée (404)""",
    ),
    AuditRule(
        "lien-non-verifiable",
        Severity.WARNING,
        """
        Lien qu'un robot ne peut pas vérifier (LinkedIn répond 999, trop de requêtes, page de connexion) :
        à ouvrir à la main dans une fenêtre de navigation privée. Information pour les liens vers
        l'adresse publique d'un site audité depuis un dossier local.

        Correct :   vérifier soi-même le lien LinkedIn
        Incorrect : un lien vers un document partagé qui demande une connexion""",
    ),
    AuditRule(
        "mentions-legales-absentes",
        Severity.WARNING,
        """
        Le site a une page dont le titre ou un intertitre dit « Mentions légales », et qui nomme
        l'éditeur (responsable de la publication) et l'hébergeur. Un lien vers la page d'un autre
        site ne compte pas.

        Correct :   une page « Mentions légales » : « Éditeur : Léa Martin. Hébergeur : GitHub Pages. »
        Incorrect : un lien « mentions légales » vers le site du lycée""",
    ),
    AuditRule(
        "veille-absente",
        Severity.WARNING,
        """
        (Audit d'un site ; la règle de « check » du même nom porte sur portfolio.yml.)
        Une page, un intertitre ou un lien du site parle de « Veille » (veille informationnelle,
        attendue pour la compétence B1.6).

        Correct :   une page « Veille technologique » avec sujet, outils et articles datés
        Incorrect : aucune section de veille""",
    ),
    AuditRule(
        "identite-pro-absente",
        Severity.WARNING,
        """
        (Audit d'un site ; la règle de « check » du même nom porte sur portfolio.yml.)
        Une page du site a un lien vers un profil professionnel : LinkedIn (/in/…), GitHub ou GitLab
        (compte ou dépôt), pour l'identité professionnelle évaluée dans la compétence B1.6.

        Correct :   <a href="https://www.linkedin.com/in/lea-martin">LinkedIn</a>
        Incorrect : seulement un lien vers la page d'accueil de LinkedIn""",
    ),
    AuditRule(
        "menu-javascript",
        Severity.WARNING,
        """
        Sans navigateur, l'audit ne suit que les liens écrits dans le HTML. Quand la page d'accueil n'a
        presque aucun lien vers le reste du site et qu'un script écrit la page (menu, pied de page
        construits par JavaScript, site React ou Vue), il le dit : relancez avec le navigateur
        (--browser). Les absences qu'il n'a pas pu vérifier (tableau, mentions légales, veille,
        profil professionnel) sont alors des informations « non vérifiable », sans pénalité.

        Correct :   e5portfolio audit https://prenom-nom.github.io/ --browser
        Incorrect : conclure « tableau absent » d'un audit qui n'a vu que la page d'accueil""",
    ),
    AuditRule(
        "audit-incomplet",
        Severity.WARNING,
        """
        Une partie de l'audit n'a pas pu se faire, et il le dit : site non construit (erreur de
        portfolio.yml), linkchecker ou navigateur absent, ordinateur hors ligne, page trop lourde,
        portfolio.json piégé, mkdocs.yml du dossier ignoré (l'audit construit toujours avec la
        configuration par défaut). Erreur quand le site n'a pas pu être construit ; information
        quand il s'agit seulement de le signaler.

        Correct :   relancer l'audit avec linkchecker installé et une connexion à Internet
        Incorrect : se fier à un audit dont les liens n'ont pas été vérifiés""",
    ),
)


def audit_rules() -> list[AuditRule]:
    """Every audit rule: the table above, then the static accessibility rules (a11y-<id>), then the
    other axe-core rules the browser check runs (from the RGAA table, core.referential.rgaa)."""
    from e5portfolio.audit.a11y_static import RULES as STATIC_RULES
    from e5portfolio.audit.axe_advice import advice_for
    from e5portfolio.core.referential.rgaa import load_rgaa

    rules = list(AUDIT_RULES)
    known = {rule.id for rule in rules}
    for static in STATIC_RULES:
        rule_id = f"a11y-{static.id}"
        if rule_id not in known:
            known.add(rule_id)
            rules.append(AuditRule(rule_id, static.severity, static.doc))
    for mapping in load_rgaa().mappings.values():
        rule_id = f"a11y-{mapping.rule}"
        if mapping.origin == "axe-core" and mapping.run_by_audit and rule_id not in known:
            known.add(rule_id)
            advice = advice_for(mapping.rule)
            rules.append(
                AuditRule(
                    rule_id,
                    Severity.ERROR,
                    f"""
                Règle « {mapping.rule} » d'axe-core, vérifiée dans le navigateur (--browser) : {advice}.
                Erreur quand axe-core juge l'impact grave ou critique, avertissement sinon.""",
                )
            )
    return rules
