"""Render an audit: text (terminal), JSON (the contract), or one self-contained accessible HTML page.

The HTML page has no outside request (inline CSS, no script, no font, no image) and can be sent
by a teacher to a student as it is. Severity is always written in words, never shown by colour
alone.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from e5portfolio import __version__
from e5portfolio.audit.engine import AuditResult
from e5portfolio.audit.rgaa import (
    FAILED,
    MANUAL,
    NO_DEFECT_FOUND,
    criteria_statuses,
    finding_criteria,
    rgaa_json,
    summary_lines,
)
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.referential.rgaa import RGAA_VERSION
from e5portfolio.core.report import finding_line, plural, summary_text

HTML_GENERATOR = f"e5portfolio audit {__version__}"
TEXT_HEADING = "Audit e5portfolio de"
PENALTY_LABELS = {
    "portfolio-inaccessible": "Portfolio inaccessible",
    "tableau-absent": "Absence de tableau de synthèse",
}
CATEGORIES = (
    ("acces", "Accès au portfolio"),
    ("epreuve", "Préparation à l'épreuve"),
    ("liens", "Liens"),
    ("a11y", "Accessibilité"),
    ("autres", "Autres remarques"),
)
_READINESS_RULES = ("tableau-", "mentions-legales-absentes", "veille-absente", "identite-pro-absente")


def category_of(finding: Finding) -> str:
    rule = finding.rule
    if rule in ("portfolio-inaccessible", "menu-javascript"):
        return "acces"
    if rule.startswith(_READINESS_RULES):
        return "epreuve"
    if rule.startswith("lien-"):
        return "liens"
    if rule.startswith("a11y-"):
        return "a11y"
    return "autres"


def summary_line(result: AuditResult) -> str:
    return summary_text(result.summary)


# what a finding costs the candidate, cheapest last: penalties of the grille, then errors the jury
# sees first (tableau, broken links), then accessibility; warnings and notes after every error
_ERROR_COST = (
    ("tableau-", 1),
    ("lien-casse", 2),
    ("mentions-legales-", 3),
    ("veille-", 3),
    ("identite-pro-", 3),
    ("a11y-", 4),
)


def cost_rank(finding: Finding, result: AuditResult) -> tuple[int, int]:
    """(rank, -pages): penalties first, then errors by cost; a defect on more pages before one on fewer."""
    pages = _pages_of(finding)
    if finding.severity is Severity.ERROR:
        if result.penalties.get(finding.rule):
            return (0, -pages)
        rank = next((cost for prefix, cost in _ERROR_COST if finding.rule.startswith(prefix)), 5)
        return (rank, -pages)
    return (10 + finding.severity.rank, -pages)


def _pages_of(finding: Finding) -> int:
    if finding.message.startswith("sur "):
        number = finding.message[4:].split(" ", 1)[0]
        if number.isdigit():
            return int(number)
    return 1


def teacher_order(result: AuditResult) -> list[Finding]:
    """Penalties first, then errors by cost, then warnings and notes; stable for identical findings."""
    return sorted(result.sorted_findings(), key=lambda f: cost_rank(f, result))


def axe_sentence(result: AuditResult) -> str:
    """How many pages axe-core ran on, and what the others got (French, singular and plural right)."""
    others = len(result.pages) - result.axe_pages
    analysed = plural(result.axe_pages, "page", "pages")
    if others <= 0:
        return f"axe-core a analysé chaque page ({result.axe_pages})."
    rest, verb, take = ("l'autre", "n'a", "reprend") if others == 1 else (f"les {others} autres", "n'ont", "reprennent")
    head = (
        f"axe-core a analysé {analysed}"
        if result.axe_pages
        else "axe-core n'a analysé aucune page de ce site (ses types d'éléments l'avaient déjà été ailleurs)"
    )
    if result.axe_layout_only:
        return (
            f"{head}, une par mise en page (--axe-rapide) ; {rest} en {take} les défauts, mais "
            f"{'son' if others == 1 else 'leur'} contenu propre n'a eu que les contrôles statiques (sans "
            "--axe-rapide, axe-core passe sur chaque page qui a un type d'élément nouveau)."
        )
    if not result.axe_pages:
        rest, verb, take = (
            ("sa page", "n'a", "reprend") if others == 1 else (f"ses {others} pages", "n'ont", "reprennent")
        )
    return (
        f"{head} ; {rest} {verb} que des types d'éléments déjà analysés (mêmes feuilles de style, balises, "
        f"classes et attributs ARIA) : {'elle' if others == 1 else 'elles'} en {take} les défauts, et les "
        "contrôles statiques y ont été faits (--axe-toutes-pages pour les analyser une à une)."
    )


def analysis_line(result: AuditResult) -> str:
    line = (
        f"Pages analysées : {len(result.pages)} ; liens vérifiés : {result.links_checked} ; "
        f"navigateur (axe-core) : {'oui' if result.browser_used else 'non'}."
    )
    if result.browser_used:
        line += f" {axe_sentence(result)}"
    if result.script_navigation:
        line += " Menu construit par JavaScript : relancez avec le navigateur (--browser)."
    return line


def penalty_lines(result: AuditResult) -> list[str]:
    lines = ["Pénalités prévisibles (grille d'évaluation de l'épreuve E5) :"]
    for rule, points in result.penalties.items():
        lines.append(f"  {PENALTY_LABELS.get(rule, rule)} : {plural(points, 'point', 'points')}")
    return lines


def _file_prefix(result: AuditResult) -> str:
    if not result.folder:
        return ""
    folder = Path(result.folder)
    try:
        shown = folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = folder.as_posix()
    return "" if shown in ("", ".") else shown.rstrip("/") + "/"


def render_text(result: AuditResult, color: bool = False) -> str:
    prefix = _file_prefix(result)
    parts = [f"{TEXT_HEADING} {result.target}", ""]
    parts.extend(penalty_lines(result))
    parts.append(analysis_line(result))
    if result.reachable:
        parts.extend(summary_lines(result))
    parts.append("")
    parts.extend(finding_line(f, prefix, color) for f in teacher_order(result))
    if result.findings:
        parts.append("")
    parts.append(summary_line(result))
    return "\n".join(parts) + "\n"


def to_json_data(result: AuditResult) -> dict:
    return {
        "version": 1,
        "target": result.target,
        "findings": [_finding_dict(f) for f in result.sorted_findings()],
        "penalties": dict(result.penalties),
        "summary": result.summary,
        # added to the contract: how much of the site was seen, and how
        "analysis": {
            "pages": len(result.pages),
            "browser": result.browser_used,
            "axe_pages": result.axe_pages,
            "axe_layout_only": result.axe_layout_only,
            "script_navigation": result.script_navigation,
            "unverified": sorted(result.unverified),
        },
        # added to the contract: each RGAA criterion's status (failed, no_defect_found, manual)
        "rgaa": rgaa_json(result),
        "date": result.date,  # added to the contract: when the audit ran (ISO 8601, UTC)
    }


def _finding_dict(finding: Finding) -> dict:
    """The contract's finding; an accessibility finding also lists its RGAA criteria (added key)."""
    data = finding.to_dict()
    if category_of(finding) == "a11y":
        data["rgaa"] = finding_criteria(finding.rule)
    return data


def render_json(result: AuditResult) -> str:
    return json.dumps(to_json_data(result), ensure_ascii=False, indent=2) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #1b1b1b; background: #ffffff; }
.skip { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; background: #1b1b1b; color: #fff; }
.skip:focus { left: 0; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 4px solid #000091; }
h1 { font-size: 1.8rem; margin: .5rem 0; }
h2 { font-size: 1.4rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.15rem; margin-top: 1.5rem; }
a { color: #000091; text-decoration: underline; }
a:focus, .skip:focus { outline: 3px solid #0a76f6; outline-offset: 2px; }
.verdict { font-size: 1.15rem; font-weight: bold; padding: .75rem 1rem; border-left: 6px solid #000091;
           background: #f0f0ff; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
td.where { overflow-wrap: anywhere; font-size: .9rem; min-width: 9rem; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem; }
.sev { font-weight: bold; white-space: nowrap; }
.sev-error { color: #a4001a; }
.sev-warning { color: #6b4400; }
.sev-info { color: #1a4d7a; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid #8a8a8a; padding: .5rem 1rem; }
footer { color: #444; font-size: .9rem; border-top: 1px solid #ccc; }
@media print { .skip { display: none; } a { color: #000; } }
"""

_SEVERITY_TEXT = {Severity.ERROR: "✖ Erreur", Severity.WARNING: "⚠ Avertissement", Severity.INFO: "ℹ Info"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _where_html(finding: Finding) -> str:
    place = finding.url or finding.file or "—"
    if finding.line is not None:
        place_suffix = f" (ligne {finding.line}{f', colonne {finding.column}' if finding.column else ''})"
    else:
        place_suffix = ""
    if (
        finding.url
        and finding.url.startswith(("http://", "https://"))
        and not finding.url.startswith(("http://127.0.0.1", "http://localhost"))
    ):
        return f'<a href="{_e(finding.url)}">{_e(finding.url)}</a>{_e(place_suffix)}'
    return f"<code>{_e(place)}</code>{_e(place_suffix)}"


def _findings_table(title: str, findings: list[Finding]) -> str:
    rows = []
    for finding in findings:
        severity = finding.severity
        rows.append(
            "<tr>"
            f'<td class="sev sev-{severity.value}">{_SEVERITY_TEXT[severity]}</td>'
            f'<td class="where">{_where_html(finding)}</td>'
            f"<td>{_e(finding.message)}{f'<br>Conseil : {_e(finding.hint)}' if finding.hint else ''}</td>"
            f"<td><code>{_e(finding.rule)}</code></td>"
            "</tr>"
        )
    return (
        "<table>"
        f"<caption>{_e(title)} : {plural(len(findings), 'remarque', 'remarques')}</caption>"
        '<thead><tr><th scope="col">Gravité</th><th scope="col">Où</th>'
        '<th scope="col">Problème et correction</th><th scope="col">Règle</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _penalties_table(result: AuditResult) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(PENALTY_LABELS.get(rule, rule))}</th>'
        f"<td>{plural(points, 'point', 'points')}</td></tr>"
        for rule, points in result.penalties.items()
    )
    total = sum(result.penalties.values())
    return (
        "<table><caption>Pénalités prévisibles (grille d'évaluation de l'épreuve E5)</caption>"
        '<thead><tr><th scope="col">Motif</th><th scope="col">Pénalité</th></tr></thead>'
        f"<tbody>{rows}</tbody>"
        f'<tfoot><tr><th scope="row">Total</th><td>{plural(total, "point", "points")}</td></tr></tfoot>'
        "</table>"
    )


def _sections(result: AuditResult) -> str:
    by_category: dict[str, list[Finding]] = {key: [] for key, _ in CATEGORIES}
    for finding in result.findings:
        by_category[category_of(finding)].append(finding)
    parts = []
    for key, title in CATEGORIES:
        findings = sorted(by_category[key], key=lambda f: (cost_rank(f, result), f.sort_key()))
        parts.append(f'<h3 id="{key}">{_e(title)}</h3>')
        parts.append(_findings_table(title, findings) if findings else "<p>Rien à signaler.</p>")
    return "\n".join(parts)


def _rgaa_section(result: AuditResult) -> str:
    """The accessibility summary in the criteria of the RGAA: failed, tested without defect, by hand."""
    statuses = criteria_statuses(result)
    failed = [s for s in statuses if s.status == FAILED]
    passed = [s for s in statuses if s.status == NO_DEFECT_FOUND]
    manual = [s for s in statuses if s.status == MANUAL]
    rows = "".join(
        f'<tr><th scope="row">{_e(s.criterion.name)}</th><td>{plural(s.pages, "page", "pages")}</td></tr>'
        for s in failed
    )
    failed_html = (
        "<table><caption>Critères non conformes</caption>"
        '<thead><tr><th scope="col">Critère</th><th scope="col">Pages en défaut</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        if failed
        else "<p>Aucun critère mis en défaut par les tests automatiques.</p>"
    )
    passed_html = "".join(f"<li>{_e(s.criterion.name)}</li>" for s in passed)
    return f"""<h2 id="rgaa">Accessibilité : critères du RGAA {_e(RGAA_VERSION)}</h2>
<p>Le RGAA compte {len(statuses)} critères. Les tests automatiques n'en vérifient qu'une partie, et chacun
seulement en partie : un critère sans défaut détecté reste à confirmer à la main.</p>
{failed_html}
<h3>Testés automatiquement, sans défaut détecté ({len(passed)})</h3>
{f"<ul>{passed_html}</ul>" if passed else "<p>Aucun.</p>"}
<h3>À vérifier à la main ({len(manual)})</h3>
<p>{len(manual)} critères ne sont couverts par aucun test automatique (vidéos, pertinence des
textes, navigation au clavier…) : à vérifier à la main.</p>"""


def render_html(result: AuditResult, now: dt.datetime | None = None) -> str:
    when = (now or dt.datetime.now()).strftime("%d/%m/%Y à %H:%M")
    s = result.summary
    pages = "".join(f"<li><code>{_e(p)}</code></li>" for p in result.pages) or "<li>Aucune page lue.</li>"
    script_note = (
        "<p><strong>Menu construit par JavaScript</strong> : l'audit s'est fait sans navigateur et n'a "
        "pas pu suivre les liens écrits par script ; relancez-le avec le navigateur (--browser). Les "
        "absences marquées « non vérifiable » ne comptent pas dans les pénalités.</p>"
        if result.script_navigation
        else ""
    )
    browser = (
        "dans le navigateur Chromium avec axe-core (WCAG 2.x, niveaux A et AA) et par une analyse du code"
        if result.browser_used
        else "par une analyse du code HTML (sans navigateur)"
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{_e(HTML_GENERATOR)}">
<title>Audit du portfolio — {_e(result.target)}</title>
<style>{_CSS}</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
<h1>Audit du portfolio E5</h1>
<p>Portfolio audité : <strong>{_e(result.target)}</strong><br>Rapport du {_e(when)}.</p>
</header>
<main id="contenu">
<h2>Bilan</h2>
<p class="verdict">{_e(summary_line(result))}</p>
<ul class="counts">
<li>{plural(s["errors"], "erreur", "erreurs")}</li>
<li>{plural(s["warnings"], "avertissement", "avertissements")}</li>
<li>{plural(s["infos"], "information", "informations")}</li>
<li>{plural(s["pages"], "page analysée", "pages analysées")}</li>
<li>{plural(s["links"], "lien vérifié", "liens vérifiés")}</li>
<li>Navigateur : {"oui" if result.browser_used else "non"}</li>
</ul>
{f"<p>{_e(axe_sentence(result))}</p>" if result.browser_used else ""}
{script_note}
{_penalties_table(result)}
<h2>Remarques</h2>
<p>Les erreurs sont à corriger avant l'épreuve ; les avertissements signalent ce que le jury
risque de remarquer. L'accessibilité a été vérifiée {_e(browser)}.</p>
{_sections(result)}
{_rgaa_section(result) if result.reachable else ""}
<h2>Pages analysées</h2>
<ul>{pages}</ul>
</main>
<footer>
<p>Rapport produit par {_e(HTML_GENERATOR)}. Un audit automatique ne remplace pas une relecture :
ouvrez aussi le portfolio dans une fenêtre de navigation privée, comme le fera le jury.</p>
</footer>
</body>
</html>
"""


def is_our_report(path: Path) -> bool:
    """True when `path` holds a report written by the audit (so it may be replaced)."""
    try:
        head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
    except OSError:
        return False
    return (
        HTML_GENERATOR.rsplit(" ", 1)[0] in head
        or head.startswith(TEXT_HEADING)
        or ('"target"' in head and '"version": 1' in head)
    )
