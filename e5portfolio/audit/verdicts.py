"""Verdicts: what the audit's observations become as findings (home page reachability, notes on what
could not be checked, accessibility defects grouped by template, link findings with the offline
filter) and the penalties preview of the grille.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from e5portfolio.audit import a11y_browser
from e5portfolio.audit.a11y_static import RULES as STATIC_RULES
from e5portfolio.audit.a11y_static import A11yIssue
from e5portfolio.audit.crawl import Crawled
from e5portfolio.audit.fetch import FetchResult, detect_wall, visible_text
from e5portfolio.audit.links import LinkCheckResult, LinkVerdict, is_hint_row, is_network_failure
from e5portfolio.audit.options import AuditOptions
from e5portfolio.audit.outcome import Cause
from e5portfolio.audit.readiness import ReadinessResult
from e5portfolio.audit.result import INCOMPLETE, AuditResult, Site, count_text, display
from e5portfolio.audit.rgaa import criteria_prefix
from e5portfolio.audit.scope import Scope
from e5portfolio.core.findings import Finding, Severity, clean_text

PROBE_SECONDS = 5.0


def unverifiable_from_here(home: FetchResult) -> bool:
    """The home page could not be fetched because of this machine's reach, not the site: a proxy
    refused it, or its name did not resolve while its parent domain does not either (this machine
    resolves no outside name: offline). A name that does not resolve under a parent that does is
    the candidate's wrong address."""
    if home.failure is Cause.PROXY:
        return True
    if home.failure is not Cause.DNS:
        return False
    host = (urlsplit(home.url).hostname or "").rstrip(".")
    parent = host.split(".", 1)[1] if host.count(".") >= 2 else "github.io"
    return not _resolves(parent)


def _resolves(name: str) -> bool:
    """Whether `name` resolves, within PROBE_SECONDS (getaddrinfo has no timeout of its own)."""
    import socket
    import threading

    answer: list[bool] = []

    def probe() -> None:
        try:
            socket.getaddrinfo(name, 443, type=socket.SOCK_STREAM)
            answer.append(True)
        except (OSError, UnicodeError):
            answer.append(False)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(PROBE_SECONDS)
    return bool(answer and answer[0])


def reachability_problem(home: FetchResult) -> str | None:
    """French reason why the home page cannot be read, or None when it can."""
    if home.error is not None:
        return f"la page d'accueil « {home.url} » ne s'ouvre pas ({home.error})"
    if not home.is_html:
        kind = home.content_type or "inconnu"
        return f"l'adresse « {home.url} » ne mène pas à une page web (contenu de type {kind})"
    wall = detect_wall(home.final_url, home.status, home.text())
    if wall:
        return f"l'adresse « {home.url} » mène à {wall}"
    return None


def unreachable(
    result: AuditResult,
    problem: str,
    home: FetchResult,
    location: tuple[str | None, str | None],
    local: bool,
    referential,
) -> None:
    """The home page cannot be read: « portfolio inaccessible » and its penalty, or, when this machine
    cannot reach the Internet (a URL only), « non vérifiable depuis cet ordinateur » without penalty."""
    file, url = location
    if not local and unverifiable_from_here(home):
        result.findings.append(
            Finding(
                "audit-incomplet",
                Severity.ERROR,
                f"portfolio non vérifiable depuis cet ordinateur : {problem} ; cet ordinateur ne joint pas "
                "Internet (salle hors ligne, proxy de l'établissement) : aucune pénalité n'est proposée ; "
                "relancez l'audit depuis un ordinateur connecté",
                file,
                url=url,
            )
        )
        return
    points = referential.penalites["portfolio-inaccessible"].points
    result.findings.append(
        Finding(
            "portfolio-inaccessible",
            Severity.ERROR,
            f"portfolio inaccessible : {problem} ; le jury ne pourra pas l'ouvrir "
            f"(pénalité de {points} points) : publiez le site et vérifiez "
            "l'adresse dans une fenêtre de navigation privée",
            file,
            url=url,
        )
    )
    result.penalties["portfolio-inaccessible"] = points


def finish(
    result: AuditResult,
    site: Site,
    readiness: ReadinessResult,
    links: LinkCheckResult | None,
    axe_run: a11y_browser.AxeRun | None,
    availability,
    referential,
) -> AuditResult:
    result.findings.extend(site.findings)
    result.tableau_present = readiness.tableau_present
    result.coverage = readiness.coverage
    if any(f.rule == "tableau-absent" and f.severity is Severity.ERROR for f in result.findings):
        result.penalties["tableau-absent"] = referential.penalites["tableau-absent"].points
    result.pages = [clean_text(display(site.locate(page.url))) for page in site.pages]
    result.links_checked = len(links.rows) if links else 0
    result.axe_pages = sum(1 for page in axe_run.pages if page.error is None) if axe_run else 0
    result.a11y_rules, result.a11y_pages = rules_run(site, axe_run), site.a11y_pages
    # the browser pass ran for this site: pages rendered, analysed by axe-core, or (in a class) inheriting
    result.browser_used = axe_run is not None and (
        axe_run.rendered > 0 or bool(axe_run.inherited) or any(page.error is None for page in axe_run.pages)
    )
    if availability is not None and not availability.usable:
        result.findings.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                f"vérification d'accessibilité dans le navigateur (axe-core) non faite : il manque "
                f"{availability.missing()} ; seuls les contrôles statiques ont été faits",
            )
        )
    return result


def axe_notes(site: Site, crawled: Crawled, max_pages: int, budget: float) -> list[Finding]:
    """What axe-core could not do (pages left to the static checks, pages it failed on)."""
    notes = []
    axe_run = crawled.axe
    assert axe_run is not None  # called after a crawl with the browser
    unanalysed = len(crawled.pages) - len(axe_run.pages) - len(crawled.sampled_out)
    if unanalysed > 0:
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                f"{count_text(unanalysed, 'page', 'pages')} sans vérification axe-core dans le "
                "navigateur "
                f"(limite de {count_text(max_pages, 'page', 'pages')} ou de {int(budget)} s) : seuls les "
                "contrôles statiques y ont été faits",
            )
        )
    for page in axe_run.pages:
        if page.error:
            # a page that left the site is the student's doing: the teacher sees it
            severity, message = Severity.INFO, page.error
            if page.error.startswith(a11y_browser.LEFT_SITE):
                severity = Severity.WARNING
            elif "délai dépassé" in page.error or "timeout" in page.error.lower():
                # a page that never settles (a script in a loop, dialogs one after the other) keeps
                # axe-core off it: the teacher is told, it costs the student something
                severity = Severity.WARNING
                message = (
                    "page qui ne se stabilise pas dans le navigateur (script en boucle ou boîtes de "
                    "dialogue à répétition ?) : axe-core n'a pas pu la vérifier et le jury risque de ne "
                    f"pas pouvoir l'afficher ; à vérifier à la main ({page.error})"
                )
            notes.append(site.finding(INCOMPLETE, severity, message, page.url))
    return notes


def size_text(size: int) -> str:
    """A size in French units: « 500 ko », « 5 Mo »."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.3g} Mo".replace(".", ",")
    return f"{max(1, round(size / 1000))} ko"


SCRIPT_NAVIGATION = "menu-javascript"  # our own audit rule: navigation written by script, no browser ran


# readiness rules whose absence cannot be asserted when the pages behind a script-built menu were not seen
UNVERIFIABLE_RULES = {
    "tableau-absent": "présence du tableau de synthèse",
    "mentions-legales-absentes": "présence des mentions légales",
    "veille-absente": "présence de la veille",
    "identite-pro-absente": "présence d'un profil professionnel (LinkedIn, GitHub…)",
}


def home_notes(site: Site, options: AuditOptions, crawled: Crawled) -> list[Finding]:
    notes = []
    if site.home.truncated:
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.WARNING,
                f"page d'accueil de plus de {size_text(options.crawl.page_limits.max_bytes)} : seul le "
                "début a été analysé ; allégez-la, le jury l'attendra longtemps",
            )
        )
    if crawled.script_navigation:
        evidence = crawled.script_evidence
        example = ""
        if evidence is not None and evidence.pages:
            named = [display(site.locate(url)) for url in evidence.pages[:3]]
            others = len(evidence.pages) - len(named)
            example = (
                f" (par exemple {', '.join(f'« {n} »' for n in named)}"
                f"{f' et {others} autre' + ('s' if others > 1 else '') if others else ''}, que seul un script "
                "atteint)"
            )
        notes.append(
            site.finding(
                SCRIPT_NAVIGATION,
                Severity.WARNING,
                f"menu construit par JavaScript : relancez avec le navigateur (--browser) ; sans "
                f"lui, l'audit n'a vu {_pages_seen(len(crawled.pages))} et ne peut pas "
                f"suivre les liens écrits par script{example}",
            )
        )
    elif crawled.axe is None and len(visible_text(site.home.text())) < 40 and "<script" in site.home.text().lower():
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                "la page d'accueil est presque vide sans JavaScript (site React, Vue…) : "
                "l'analyse sans navigateur n'en voit pas le contenu ; lancez l'audit avec "
                "--browser",
            )
        )
    if len(site.pages) >= options.crawl.max_pages:
        notes.append(
            site.finding(
                INCOMPLETE,
                Severity.INFO,
                f"plus de {options.crawl.max_pages} pages : seules les {options.crawl.max_pages} premières ont été analysées",
            )
        )
    return notes


def _pages_seen(count: int) -> str:
    return "que la page d'accueil" if count <= 1 else f"que {count} pages"


def unverifiable(site: Site, findings: list[Finding], crawled: Crawled) -> list[str]:
    """Without a browser on a script-built site, an absence is not asserted: « non vérifiable », no penalty."""
    if not crawled.script_navigation:
        return []
    rules = []
    for index, finding in enumerate(findings):
        label = UNVERIFIABLE_RULES.get(finding.rule)
        if label is None:
            continue
        rules.append(finding.rule)
        findings[index] = replace(
            finding,
            severity=Severity.INFO,
            message=(
                f"{label} non vérifiable : le menu est construit par JavaScript et l'audit s'est fait sans "
                "navigateur ; relancez avec --browser pour le vérifier (aucune pénalité retenue)"
            ),
        )
    return rules


def a11y_findings(site: Site, static: dict[str, list[A11yIssue]], axe_run: a11y_browser.AxeRun | None) -> list[Finding]:
    analysed = {p.url: p for p in axe_run.pages if p.error is None} if axe_run else {}
    covered = axe_run.rule_ids if axe_run else frozenset()
    order = {url: index for index, url in enumerate(static)}  # crawl order
    found: list[tuple[str, A11yIssue]] = []
    for url, issues in static.items():
        for issue in issues:
            if url in analysed and issue.rule in covered:
                continue  # axe tested the same thing on this page: report it once, from axe
            found.append((url, issue))
    for url, page in analysed.items():
        found.extend((url, issue) for issue in page.issues)
    for url, issues in (axe_run.inherited if axe_run else {}).items():
        found.extend((url, issue) for issue in issues)
    found.sort(key=lambda item: order.get(item[0], len(order)))
    found = [(url, with_criteria(issue)) for url, issue in found]
    for url, issue in found:
        pages = site.a11y_pages.setdefault(f"a11y-{issue.rule}", [])
        shown = clean_text(display(site.locate(url)))
        if shown not in pages:
            pages.append(shown)
    return [_grouped_finding(site, group) for group in _template_groups(found)]


def with_criteria(issue: A11yIssue) -> A11yIssue:
    """The issue's message opens with the RGAA criteria its rule tests (« RGAA 3.2 — contraste du texte : »)."""
    return replace(issue, message=f"{criteria_prefix(issue.rule)} : {issue.message}")


def rules_run(site: Site, axe_run: a11y_browser.AxeRun | None) -> list[str]:
    """The accessibility checks that ran on at least one page: the static ones on every page read,
    axe-core's on the pages it analysed."""
    if not site.pages:
        return []
    ran = {rule.id for rule in STATIC_RULES}
    if axe_run is not None and any(page.error is None for page in axe_run.pages):
        ran |= set(axe_run.rule_ids)
    return sorted(ran)


MAX_PAGES_NAMED = 4


def _template_groups(found: list[tuple[str, A11yIssue]]) -> list[list[tuple[str, A11yIssue]]]:
    """A shared template's defect (same rule, same elements, same message on several pages) is one group."""
    groups: dict[tuple, list[tuple[str, A11yIssue]]] = {}
    for index, (url, issue) in enumerate(found):
        key = (issue.rule, issue.severity, issue.element, issue.message) if issue.element else (index,)
        groups.setdefault(key, []).append((url, issue))
    return list(groups.values())


def _grouped_finding(site: Site, group: list[tuple[str, A11yIssue]]) -> Finding:
    url, issue = group[0]
    pages = list(dict.fromkeys(u for u, _ in group))
    if len(pages) < 2:
        return _issue_finding(site, url, issue)
    names = [display(site.locate(u)) for u in pages]
    shown = ", ".join(names[:MAX_PAGES_NAMED])
    if len(names) > MAX_PAGES_NAMED:
        shown += f" et {count_text(len(names) - MAX_PAGES_NAMED, 'autre', 'autres')}"
    message = f"sur {len(pages)} pages ({shown}), défaut du modèle commun : {issue.message}"
    return site.finding(f"a11y-{issue.rule}", issue.severity, message, url, issue.line, issue.column, issue.hint)


def _issue_finding(site: Site, url: str, issue: A11yIssue) -> Finding:
    return site.finding(f"a11y-{issue.rule}", issue.severity, issue.message, url, issue.line, issue.column, issue.hint)


def link_findings(
    site: Site, links: LinkCheckResult | None, missing: str | None, own_url: str | None = None
) -> list[Finding]:
    """Findings for the links; `own_url` is the public address of a site audited from a local
    folder: links to it are not judged (before the first publication it answers 404)."""
    if links is None:
        return [site.finding(INCOMPLETE, Severity.WARNING, missing or "liens non vérifiés")]
    findings = []
    hints = {url for page in site.pages for url in page.hint_urls()}
    verdicts = [v for v in links.verdicts if not is_hint_row(v.row, hints)]
    # linkchecker's results for local, private or metadata addresses (other than the audited site)
    # are dropped unread: they would tell which of the teacher's ports answer (audit.scope)
    net = Scope(site.scope)
    hidden = [v for v in verdicts if not net.allows(v.row.url) and not (own_url and v.row.url.startswith(own_url))]
    verdicts = [v for v in verdicts if v not in hidden]
    for verdict in hidden:
        findings.append(
            site.finding(
                "lien-casse",
                Severity.ERROR,
                f"lien vers « {verdict.row.url} » : adresse locale ou privée, que le jury ne "
                "pourra pas ouvrir (l'audit ne la visite pas) : retirez le lien ou "
                "remplacez-le par une adresse publique",
                verdict.row.parent or site.home.final_url,
                verdict.row.line,
                verdict.row.column,
            )
        )
    verdicts, offline, outside = offline_filter(verdicts, site.scope, links.rows, hints)
    if offline:
        counted = (
            f"aucun des {offline} liens externes n'a pu être joint"
            if offline == outside
            else f"{offline} des {outside} liens externes n'ont pas pu être joints"
        )
        findings.append(
            site.finding(
                INCOMPLETE,
                Severity.WARNING,
                f"{counted} (nom de domaine introuvable ou connexion impossible) : cet "
                "ordinateur n'a sans doute pas accès à Internet, ou passe par un proxy qui "
                "les bloque ; liens externes non vérifiés",
            )
        )
    own = [v for v in verdicts if own_url and v.row.url.startswith(own_url)]
    for verdict in verdicts:
        if verdict not in own:
            findings.append(_verdict_finding(site, verdict))
    if own:
        findings.append(
            site.finding(
                "lien-non-verifiable",
                Severity.INFO,
                f"{count_text(len(own), 'lien', 'liens')} vers l'adresse publique du portfolio (« {own_url} ») "
                f"non vérifié{'s' if len(own) > 1 else ''} : l'audit "
                "porte sur un dossier local ; auditez l'adresse publique une fois le site publié",
            )
        )
    if links.problem:
        findings.append(site.finding(INCOMPLETE, Severity.WARNING, links.problem))
    return findings


def offline_filter(
    verdicts: list[LinkVerdict], scope: str, rows: list | tuple = (), hints: set[str] | frozenset[str] = frozenset()
) -> tuple[list[LinkVerdict], int, int]:
    """When most outside links (at least two hosts) could not be reached for a network cause (name
    resolution, connection, proxy, TLS interception, timeout: the typed outcome, never its wording),
    the machine is offline or behind a proxy: one warning instead of one finding per link. Returns
    the verdicts left, how many outside links were folded into that warning and how many were checked."""
    outside = {
        row.url
        for row in rows
        if not row.url.startswith(scope)
        and not is_hint_row(row, set(hints))
        and urlsplit(row.url).scheme.lower() in ("http", "https")
    }
    network = [v for v in verdicts if not v.row.url.startswith(scope) and is_network_failure(v)]
    failed = {v.row.url for v in network}
    hosts = {urlsplit(url).hostname for url in failed}
    outside |= failed
    if len(hosts) >= 2 and 2 * len(failed) > len(outside):
        folded = {id(v) for v in network}
        return [v for v in verdicts if id(v) not in folded], len(failed), len(outside)
    return verdicts, 0, len(outside)


def _verdict_finding(site: Site, verdict: LinkVerdict) -> Finding:
    row = verdict.row
    where = row.parent or site.home.final_url
    internal = row.url.startswith(site.scope)
    shown = row.link if internal and row.link else row.url
    if verdict.kind == "unverifiable":
        message = (
            f"lien vers « {shown} » non vérifiable automatiquement ({verdict.reason}) : ouvrez-le dans une "
            "fenêtre de navigation privée pour vérifier qu'il s'affiche sans connexion"
        )
        return site.finding("lien-non-verifiable", Severity.WARNING, message, where, row.line, row.column)
    if verdict.kind != "broken":  # only a typed broken outcome is « lien-casse »
        return site.finding("lien-non-verifiable", Severity.WARNING, verdict.reason, where, row.line, row.column)
    if internal:
        message = (
            f"lien cassé vers « {shown} » ({verdict.reason}) : corrigez l'adresse du lien ou publiez le "
            "fichier manquant"
        )
    else:
        message = f"lien externe cassé vers « {shown} » ({verdict.reason}) : corrigez l'adresse ou retirez le lien"
    return site.finding("lien-casse", Severity.ERROR, message, where, row.line, row.column)
