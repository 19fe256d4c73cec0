"""The French page that the live preview shows instead of the site while it cannot be built.

Self-contained (inline style in the site's colours, light and dark), accessible (lang fr, one h1,
AA contrast), every text escaped: it lists the located findings with their fixes, or says why the
site could not be built. The preview injects its reload script before </body>.
"""

from __future__ import annotations

from html import escape

from e5portfolio.core.findings import Finding, Report, Severity
from e5portfolio.core.report import location, plural

_STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f1f1f; --muted: #595959; --card: #f5f5f5;
  --error: #b71c1c; --header: #283593; --header-fg: #ffffff; --code: #eceff1; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1e2029; --fg: #e2e4e9; --muted: #a1a5b0; --card: #272a35; --error: #ff8a80;
    --header: #283593; --header-fg: #ffffff; --code: #2f3340; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
header { background: var(--header); color: var(--header-fg); padding: 0.9rem 1.2rem; font-weight: 700; }
main { max-width: 60rem; margin: 0 auto; padding: 1.2rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0.6rem 0 1rem; }
ol { padding-left: 1.4rem; }
li { background: var(--card); border-left: 4px solid var(--error); margin: 0 0 0.8rem; padding: 0.6rem 0.8rem;
  overflow-wrap: anywhere; }
.where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code);
  padding: 0 0.25rem; border-radius: 0.2rem; }
.rule { color: var(--muted); }
.label { color: var(--error); font-weight: 700; }
li.warning, li.info { border-left-color: var(--muted); }
li.warning .label, li.info .label { color: var(--fg); }
h2 { font-size: 1.25rem; margin: 1.2rem 0 0.6rem; }
summary { cursor: pointer; margin: 1rem 0 0.6rem; }
.hint { margin: 0.3rem 0 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card); padding: 0.8rem; }
p.note { color: var(--muted); }
"""


def _page(title: str, heading: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        "<header>Aperçu du portfolio</header>\n"
        f"<main>\n<h1>{escape(heading)}</h1>\n{body}"
        '<p class="note">Cette page se met à jour toute seule dès que vous enregistrez la correction : '
        "inutile de relancer l'aperçu.</p>\n</main>\n</body>\n</html>\n"
    )


def _where(finding: Finding, prefix: str) -> str:
    """The file the problem is in: the production's name first when it is in a production."""
    where = f'<span class="where">{escape(location(finding, prefix))}</span>'
    if finding.subject:
        return f'<span class="where">{escape(prefix + finding.subject)}</span> (déclaré en {where})'
    return where


def _item(finding: Finding, prefix: str) -> str:
    hint = f'<p class="hint">Conseil : {escape(finding.hint)}</p>' if finding.hint else ""
    return (
        f'<li class="{finding.severity.value}">{_where(finding, prefix)} '
        f'<span class="label">{escape(finding.severity.label)}</span> '
        f'<span class="rule">[{escape(finding.rule)}]</span><br>{escape(finding.message)}{hint}</li>\n'
    )


def findings_page(report: Report, prefix: str = "") -> str:
    """The page for a portfolio with errors: every finding, errors first, each located (in the
    production when it is in one), with what to write instead."""
    ordered = report.by_severity()
    errors = [f for f in ordered if f.severity is Severity.ERROR]
    others = [f for f in ordered if f.severity is Severity.WARNING]
    infos = [f for f in ordered if f.severity is Severity.INFO]
    count = plural(len(errors), "erreur", "erreurs")
    elsewhere = any(f.subject or (f.file and f.file != report.portfolio) for f in errors)
    whole = "Le portfolio" if elsewhere else f"{prefix}{report.portfolio}"
    heading = f"{whole} contient {count} : le site n'est pas à jour"
    them = "la" if len(errors) == 1 else "les"
    where = (
        "dans les fichiers indiqués (ligne et colonne de portfolio.yml quand il y en a)"
        if elsewhere
        else f"dans {escape(prefix + report.portfolio)} (ligne et colonne indiquées)"
    )
    body = (
        f"<p>Corrigez-{them} {where}, puis enregistrez le fichier.</p>\n<ol>\n"
        + "".join(_item(f, prefix) for f in errors)
        + "</ol>\n"
    )
    if others:
        body += (
            f"<h2>{plural(len(others), 'avertissement', 'avertissements')}</h2>\n<ol>\n"
            + "".join(_item(f, prefix) for f in others)
            + "</ol>\n"
        )
    if infos:
        body += (
            f"<details><summary>{plural(len(infos), 'information', 'informations')}</summary>\n<ol>\n"
            + "".join(_item(f, prefix) for f in infos)
            + "</ol>\n</details>\n"
        )
    return _page(f"{count} dans {whole} - Aperçu", heading, body)


def failure_page(message: str) -> str:
    """The page for a site that could not be built for another reason (mkdocs.yml, a theme…)."""
    body = f"<p>La construction du site a échoué :</p>\n<pre>{escape(message)}</pre>\n"
    return _page("Site non construit - Aperçu", "Le site n'a pas pu être construit", body)
