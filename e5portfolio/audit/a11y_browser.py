"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1/2.2, levels A and AA) in headless Chromium.

Used when a Chromium, the `playwright` Python package (only as a driver: it never downloads a
browser) and the axe-core script are all found; `browser_availability()` says what is missing and
how to get it. The axe-core script comes from `E5PORTFOLIO_AXE_JS` or from `node_modules/axe-core`
(repository root or current folder); its French locale is used when present, so axe's own texts
are French too. Violations become `A11yIssue`s named after the axe rule, one per rule and page.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..findings import Severity
from .a11y_static import A11yIssue

AXE_ENV = "E5PORTFOLIO_AXE_JS"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
MAX_SELECTORS = 5
PACKAGE_ROOT = Path(__file__).resolve().parents[2]

# How to fix the most frequent problems, in French (others: axe's own help, French when its
# locale is present, and its documentation link).
FIXES = {
    "color-contrast": "foncez le texte ou éclaircissez le fond : le contraste doit atteindre 4,5:1 "
                      "(3:1 pour les grands textes)",
    "image-alt": "ajoutez un attribut alt qui décrit l'image (alt=\"\" si elle est décorative)",
    "html-has-lang": "écrivez <html lang=\"fr\">",
    "html-lang-valid": "écrivez un code de langue valide : <html lang=\"fr\">",
    "document-title": "ajoutez un <title> qui décrit la page",
    "link-name": "écrivez un texte dans le lien, ou aria-label=\"…\" qui dit où il mène",
    "button-name": "écrivez un texte dans le bouton, ou aria-label=\"…\" qui dit ce qu'il fait",
    "label": "associez une étiquette <label for=\"…\"> au champ",
    "select-name": "associez une étiquette <label for=\"…\"> à la liste",
    "frame-title": "ajoutez title=\"…\" au cadre <iframe>",
    "list": "une liste <ul>/<ol> ne contient que des <li> (et <script>, <template>)",
    "listitem": "placez chaque <li> dans une liste <ul> ou <ol>",
    "link-in-text-block": "soulignez les liens dans le texte : la couleur seule ne suffit pas",
    "td-has-header": "ajoutez des cellules d'en-tête <th scope=\"col\"> au tableau",
    "th-has-data-cells": "chaque en-tête <th> doit correspondre à des cellules de données",
    "meta-viewport": "n'empêchez pas le zoom : retirez user-scalable=no et maximum-scale",
    "svg-img-alt": "donnez un titre à l'image SVG (role=\"img\" et aria-label ou <title>)",
    "role-img-alt": "donnez un texte de remplacement (aria-label) à l'élément role=\"img\"",
    "input-image-alt": "ajoutez alt=\"…\" au bouton image",
    "nested-interactive": "ne placez pas un lien ou un bouton dans un autre élément cliquable",
    "scrollable-region-focusable": "rendez la zone défilante accessible au clavier (tabindex=\"0\")",
    "target-size": "agrandissez la zone cliquable (au moins 24 × 24 pixels) ou espacez les cibles",
    "aria-hidden-focus": "un élément masqué (aria-hidden) ne doit pas recevoir le focus",
    "duplicate-id-aria": "donnez un id unique à chaque élément référencé par ARIA",
    "video-caption": "ajoutez des sous-titres (<track kind=\"captions\">) à la vidéo",
    "bypass": "ajoutez un lien d'évitement « Aller au contenu » en début de page",
}


@dataclass(frozen=True)
class BrowserAvailability:
    chromium: str | None
    axe_script: Path | None
    playwright: bool

    @property
    def usable(self) -> bool:
        return bool(self.chromium and self.axe_script and self.playwright)

    def missing(self) -> str:
        """French: what is missing and how to enable the browser check."""
        needs = []
        if not self.chromium:
            needs.append("un navigateur Chromium (« apt-get install chromium »)")
        if not self.playwright:
            needs.append("le paquet Python playwright (« pip install playwright », sans « playwright install »)")
        if not self.axe_script:
            needs.append("le script axe-core (« npm install axe-core » à la racine du projet, ou la "
                         f"variable {AXE_ENV}=chemin/vers/axe.min.js)")
        return ", ".join(needs)


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.isabs(candidate):
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
        elif found := shutil.which(candidate):
            return found
    return None


def find_axe_script() -> Path | None:
    explicit = os.environ.get(AXE_ENV)
    if explicit:
        path = Path(explicit)
        return path if path.is_file() else None
    for base in (PACKAGE_ROOT, Path.cwd()):
        path = base / "node_modules" / "axe-core" / "axe.min.js"
        if path.is_file():
            return path
    return None


def browser_availability() -> BrowserAvailability:
    return BrowserAvailability(find_chromium(), find_axe_script(),
                               importlib.util.find_spec("playwright") is not None)


@dataclass
class AxePageResult:
    url: str
    issues: list[A11yIssue] = field(default_factory=list)
    error: str | None = None  # French: why the page was not analysed


@dataclass
class AxeRun:
    pages: list[AxePageResult] = field(default_factory=list)
    rule_ids: frozenset[str] = frozenset()  # the axe rules that ran (for de-duplication)
    problem: str | None = None  # French: why the browser check stopped early or could not start
    skipped: list[str] = field(default_factory=list)  # pages not analysed (time budget)


def _locale_for(script: Path) -> str | None:
    locale = script.parent / "locales" / "fr.json"
    return locale.read_text(encoding="utf-8") if locale.is_file() else None


_RUN_AXE = """async ([tags, locale]) => {
    if (locale) { axe.configure({locale: JSON.parse(locale)}); }
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                            resultTypes: ["violations"]});
    return {violations: result.violations,
            rules: axe.getRules(tags).map(rule => rule.ruleId)};
}"""


def run_axe(urls: list[str], availability: BrowserAvailability, *, local_only: bool,
            page_timeout: float = 20.0, budget: float = 120.0) -> AxeRun:
    """Analyse each page with axe-core in one headless Chromium, within `budget` seconds overall.

    `local_only`: requests to hosts other than 127.0.0.1/localhost are blocked (a local site
    must not depend on the network, and the audit must not hang on it).
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    script = availability.axe_script.read_text(encoding="utf-8")
    locale = _locale_for(availability.axe_script)
    run = AxeRun()
    started = time.monotonic()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=availability.chromium, headless=True,
                                                 args=list(CHROMIUM_ARGS), timeout=page_timeout * 1000)
            try:
                context = browser.new_context(locale="fr-FR", service_workers="block")
                if local_only:
                    context.route("**/*", _local_only_route)
                page = context.new_page()
                page.set_default_timeout(page_timeout * 1000)
                for index, url in enumerate(urls):
                    if time.monotonic() - started > budget:
                        run.skipped = urls[index:]
                        break
                    run.pages.append(_analyse(page, url, script, locale, run, PlaywrightError))
            finally:
                browser.close()
    except PlaywrightError as exc:
        run.problem = f"le navigateur Chromium n'a pas pu démarrer ({_first_line(exc)})"
    return run


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _local_only_route(route) -> None:
    parts = urlsplit(route.request.url)
    if parts.scheme in ("data", "blob", "about") or (parts.hostname or "") in ("127.0.0.1", "localhost", "::1"):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def _analyse(page, url: str, script: str, locale: str | None, run: AxeRun, error_type) -> AxePageResult:
    try:
        page.goto(url, wait_until="load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=script)
        outcome = page.evaluate(_RUN_AXE, [list(WCAG_TAGS), locale])
    except error_type as exc:
        return AxePageResult(url, error=f"page non analysée dans le navigateur ({_first_line(exc)})")
    run.rule_ids = run.rule_ids | frozenset(outcome["rules"])
    return AxePageResult(url, [violation_issue(v) for v in outcome["violations"]])


def _selector(target) -> str:
    """axe's node target: a list of CSS selectors (nested lists for iframes and shadow roots)."""
    if isinstance(target, list):
        return " ➜ ".join(_selector(t) for t in target)
    return str(target)


def violation_issue(violation: dict) -> A11yIssue:
    """One finding per rule and page: what, which elements (selectors), how to fix."""
    rule = violation.get("id", "inconnue")
    impact = violation.get("impact")
    severity = Severity.ERROR if impact in ("critical", "serious") else Severity.WARNING
    nodes = violation.get("nodes", [])
    selectors = [_selector(node.get("target", [])) for node in nodes[:MAX_SELECTORS]]
    where = ", ".join(f"« {s} »" for s in selectors)
    if len(nodes) > MAX_SELECTORS:
        where += f" et {len(nodes) - MAX_SELECTORS} autre(s)"
    help_text = (violation.get("help") or rule).rstrip(".")
    fix = FIXES.get(rule)
    if not fix and violation.get("helpUrl"):
        fix = f"voir {violation['helpUrl']}"
    count = f"{len(nodes)} élément{'s' if len(nodes) > 1 else ''}"
    message = f"{help_text} ({count} : {where})"
    if fix:
        message += f" : {fix}"
    return A11yIssue(rule, severity, message, element=selectors[0] if selectors else "")
