"""The French page that the live preview shows instead of the site while it cannot be built.

Self-contained (inline style in the site's colours, light and dark), accessible (lang fr, one h1,
AA contrast), every text escaped: it lists the located findings with their fixes, or says why the
site could not be built. The preview injects its reload script before </body>.
"""

from __future__ import annotations

from html import escape

from e5portfolio.core.findings import Finding, Report, Severity
from e5portfolio.core.report import location

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
.hint { margin: 0.3rem 0 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card); padding: 0.8rem; }
p.note { color: var(--muted); }
"""


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _page(title: str, heading: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        "<header>Aperçu du portfolio</header>\n"
        f'<main>\n<h1>{escape(heading)}</h1>\n{body}'
        '<p class="note">Cette page se met à jour toute seule dès que vous enregistrez la correction : '
        "inutile de relancer l'aperçu.</p>\n</main>\n</body>\n</html>\n"
    )


def _item(finding: Finding, prefix: str) -> str:
    hint = f'<p class="hint">Conseil : {escape(finding.hint)}</p>' if finding.hint else ""
    return (f'<li><span class="where">{escape(location(finding, prefix))}</span> '
            f'<span class="label">{escape(finding.severity.label)}</span> '
            f'<span class="rule">[{escape(finding.rule)}]</span><br>{escape(finding.message)}{hint}</li>\n')


def findings_page(report: Report, prefix: str = "") -> str:
    """The page for a portfolio with errors: each error, located, with what to write instead."""
    errors = [f for f in report.sorted_findings() if f.severity is Severity.ERROR]
    count = _plural(len(errors), "erreur", "erreurs")
    heading = f"{prefix}{report.portfolio} contient {count} : le site n'est pas à jour"
    them = "la" if len(errors) == 1 else "les"
    body = (f"<p>Corrigez-{them} dans {escape(prefix + report.portfolio)} (ligne et colonne indiquées), puis "
            "enregistrez le fichier.</p>\n<ol>\n" + "".join(_item(f, prefix) for f in errors) + "</ol>\n")
    return _page(f"{count} dans {report.portfolio} - Aperçu", heading, body)


def failure_page(message: str) -> str:
    """The page for a site that could not be built for another reason (mkdocs.yml, a theme…)."""
    body = f"<p>La construction du site a échoué :</p>\n<pre>{escape(message)}</pre>\n"
    return _page("Site non construit - Aperçu", "Le site n'a pas pu être construit", body)
