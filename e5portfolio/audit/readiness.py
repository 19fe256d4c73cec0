"""Exam readiness of a site: tableau de synthèse reachable and coherent, mentions légales, veille,
professional profile, and the portfolio URL written in the tableau.

Works on any site (hand-made HTML, WordPress, React…): the tableau is found through the links of
the crawled pages (.xlsx, .ods, Google Sheets) or our own `portfolio.json`; it is read by its
landmarks (`e5portfolio.tableau.reader`) and compared with the site — precisely with the
réalisations of `portfolio.json` when the site has one, by searching the pages' text otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from e5portfolio.audit.fetch import FetchLimits, detect_wall, fetch
from e5portfolio.audit.htmlpage import Page
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.public_data import (
    MAX_JSON_DEPTH,
    MAX_PUBLIC_DATA_BYTES,
    PUBLIC_DATA_FILE,
    PublicDataError,
    read_public_data,
)
from e5portfolio.core.referential import Referential
from e5portfolio.tableau.landmarks import TableauError, normalise

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
READABLE_SUFFIXES = (".xlsx", ".xlsm")
STANDARD_TABLEAU_NAME = "tableau-de-synthese.xlsx"
PORTFOLIO_JSON = PUBLIC_DATA_FILE
TABLEAU_LIMITS = FetchLimits(timeout=20.0, max_bytes=20_000_000)
JSON_LIMITS = FetchLimits(timeout=10.0, max_bytes=MAX_PUBLIC_DATA_BYTES)
PROBE_LIMITS = FetchLimits(timeout=10.0, max_bytes=200_000)
MAX_TABLEAU_CANDIDATES = 4

_MENTIONS = re.compile(
    r"mentions?[\s_-]*l[ée]gales?|informations?[\s_-]*l[ée]gales?|legal[\s_-]*notice|"
    r"mentions[\s_-]*legales",
    re.I,
)
_VEILLE = re.compile(r"\bveille\b", re.I)
_SYNTHESE = re.compile(r"synth[eè]se", re.I)

Locate = Callable[[str], tuple[str | None, str | None]]  # URL → (file, url) for a finding


@dataclass(frozen=True)
class SiteRealisation:
    intitule: str
    debut: dt.date | None = None
    fin: dt.date | None = None
    competences: frozenset[str] = frozenset()  # B1.n


@dataclass(frozen=True)
class TableauRow:
    intitule: str
    partie: str
    debut: dt.date | None
    fin: dt.date | None
    periode_text: str
    competences: frozenset[str]


@dataclass(frozen=True)
class TableauView:
    url: str  # where it was downloaded from
    candidate_url: str  # « Adresse URL du portfolio » as written
    rows: tuple[TableauRow, ...]
    session: int | None = None  # « SESSION 2026 » as written


@dataclass
class ReadinessResult:
    findings: list[Finding] = field(default_factory=list)
    tableau_present: bool = False
    tableau: TableauView | None = None
    site_realisations: list[SiteRealisation] | None = None  # from portfolio.json
    site_url: str | None = None  # candidat.url of portfolio.json
    coverage: int | None = None  # competences covered (of 6), tableau first, else portfolio.json


@dataclass(frozen=True)
class SiteContext:
    """What readiness needs to know about the audited site."""

    pages: list[Page]
    base_url: str  # the folder of the home page, ending with "/"
    home_url: str
    audited_url: str | None  # the URL the user asked for (None for a local folder)
    locate: Locate
    referential: Referential


def match_key(text: str) -> str:
    """Tolerant comparison key: no accents, lower case, apostrophes and punctuation as spaces."""
    normalised, _ = normalise(text or "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", normalised).split())


def _finding(
    ctx: SiteContext,
    rule: str,
    severity: Severity,
    message: str,
    where: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    file, url = ctx.locate(where or ctx.home_url)
    return Finding(rule, severity, message, file, line, column, url=url)


def _shown(ctx: SiteContext, url: str) -> str:
    """How to name a site URL in a message: its path in a local folder, else the URL."""
    file, shown = ctx.locate(url)
    return file or shown or url


# --- finding the tableau ------------------------------------------------------------------------


def _spreadsheet_links(pages: list[Page]) -> list[str]:
    found: list[str] = []
    for page in pages:
        for link in page.links():
            parts = urlsplit(link.url)
            path = parts.path.lower()
            is_sheet = path.endswith(SPREADSHEET_SUFFIXES) or (
                (parts.hostname or "") == "docs.google.com" and path.startswith("/spreadsheets")
            )
            # a tableau exported as PDF is not absent: the jury can read it (it cannot be compared)
            is_pdf_tableau = path.endswith(".pdf") and bool(_SYNTHESE.search(f"{link.text} {path}"))
            if (is_sheet or is_pdf_tableau) and link.url not in found:
                found.append(link.url)
    # the likeliest first: a file we can read, whose name says « synthèse » or « tableau »
    return sorted(
        found,
        key=lambda u: (
            not urlsplit(u).path.lower().endswith(READABLE_SUFFIXES),
            not re.search(r"synth|tableau", u, re.I),
        ),
    )


def _read_portfolio_json(url: str) -> tuple[dict | None, str | None]:
    """(the data of the site's portfolio.json, None) or (None, French reason to tell, or None
    when there is simply no usable portfolio.json). Read by core.public_data, the one reader."""
    result = fetch(url, JSON_LIMITS)
    if not result.ok or result.truncated:
        return None, None
    try:
        data = read_public_data(result.body)
    except PublicDataError as exc:
        if exc.kind == "trop-imbrique":
            return None, (
                f"portfolio.json ignoré : imbriqué sur plus de {MAX_JSON_DEPTH} niveaux (fichier piégé ou "
                "endommagé) ; publiez celui que produit « e5portfolio build »"
            )
        return None, None
    if data.realisations is None:
        return None, None
    return {"candidat": data.candidat or {}, "realisations": data.realisations}, None


def _date(value) -> dt.date | None:
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
            try:
                return dt.datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    return None


def _competence(code: str) -> str | None:
    match = re.match(r"^\s*(B\d+\.\d+)", str(code))
    return match.group(1) if match else None


def site_realisations(data: dict) -> list[SiteRealisation]:
    """Réalisations of a portfolio.json, tolerant to its exact shape."""
    result = []
    for item in data.get("realisations", []):
        if not isinstance(item, dict) or not item.get("intitule"):
            continue
        periode: dict = item["periode"] if isinstance(item.get("periode"), dict) else item
        codes = item.get("competences") or []
        competences = frozenset(c for c in (_competence(code) for code in codes) if c)
        result.append(
            SiteRealisation(str(item["intitule"]), _date(periode.get("debut")), _date(periode.get("fin")), competences)
        )
    return result


def read_tableau_file(path: Path, url: str) -> TableauView:
    """Read a tableau by its landmarks (raises TableauError with a French message)."""
    from e5portfolio.tableau.reader import read_tableau

    data = read_tableau(path)
    rows = tuple(
        TableauRow(
            row.intitule, row.partie, row.periode_debut, row.periode_fin, row.periode_text, frozenset(row.competences)
        )
        for row in data.rows
    )
    return TableauView(url, (data.url or "").strip(), rows, data.session)


def _unreachable(url: str) -> str | None:
    """Why a tableau we do not read cannot be opened (error, login wall), or None."""
    result = fetch(url, PROBE_LIMITS)
    if not result.ok:
        return result.error or f"réponse {result.status}"
    wall = detect_wall(result.final_url, result.status, result.text()) if result.is_html else None
    return f"le lien mène à {wall}" if wall else None


def _download(url: str) -> tuple[Path | None, str | None]:
    """Download a tableau into a temporary file; (None, French reason) when it cannot be read."""
    result = fetch(url, TABLEAU_LIMITS)
    if not result.ok:
        return None, result.error or f"réponse {result.status}"
    if result.truncated:
        return None, f"fichier de plus de {TABLEAU_LIMITS.max_bytes // 1_000_000} Mo, trop lourd pour un tableau"
    if result.is_html:
        return None, "le lien mène à une page web, pas au fichier (partage privé ou page de connexion ?)"
    # the file keeps the name of the link (messages name it), in a temporary folder of its own
    folder = Path(tempfile.mkdtemp(prefix="e5p-tableau-"))
    path = folder / _file_name(url)
    with open(path, "wb") as stream:
        stream.write(result.body)
    return path, None


def _file_name(url: str) -> str:
    """A safe local name for the file a URL names: its last path segment, decoded, without
    separators or control characters (« tableau-de-synthese.xlsx »)."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f/\\:]+", "_", name).strip(". ")[:120]
    suffix = Path(name).suffix.lower()
    if not name or suffix not in SPREADSHEET_SUFFIXES:
        name = f"{name or 'tableau'}{'' if suffix in SPREADSHEET_SUFFIXES else '.xlsx'}"
    return name


# --- the checks ---------------------------------------------------------------------------------


def check_readiness(ctx: SiteContext) -> ReadinessResult:
    result = ReadinessResult()
    json_url = urljoin(ctx.base_url, PORTFOLIO_JSON)
    data, problem = _read_portfolio_json(json_url)
    if problem is not None:
        result.findings.append(_finding(ctx, "audit-incomplet", Severity.WARNING, problem, json_url))
    if data is not None:
        result.site_realisations = site_realisations(data)
        candidat: dict = data["candidat"] if isinstance(data.get("candidat"), dict) else {}
        result.site_url = str(candidat.get("url") or "") or None
    _find_tableau(ctx, result, data is not None)
    if result.tableau is not None:
        _compare(ctx, result)
    result.coverage = _coverage(result)
    result.findings.extend(_presence_findings(ctx))
    return result


def _find_tableau(ctx: SiteContext, result: ReadinessResult, has_json: bool) -> None:
    candidates = _spreadsheet_links(ctx.pages)
    if not candidates:
        candidates = [urljoin(ctx.base_url, STANDARD_TABLEAU_NAME)] if has_json else []
    problems: list[str] = []
    for url in candidates[:MAX_TABLEAU_CANDIDATES]:
        if _try_candidate(ctx, result, url, problems):
            return
    # portfolio.json alone is not the tableau: the jury needs a file it can open
    if problems:
        message = (
            "tableau de synthèse inaccessible : "
            + " ; ".join(problems)
            + " : publiez le fichier .xlsx et corrigez le lien (pénalité de 2 points si le jury ne le "
            "trouve pas)"
        )
    else:
        message = (
            "aucun tableau de synthèse trouvé : ajoutez sur le site un lien vers le fichier .xlsx du "
            "tableau de synthèse (son absence coûte 2 points à l'épreuve)"
        )
    result.findings.append(_finding(ctx, "tableau-absent", Severity.ERROR, message))


def _try_candidate(ctx: SiteContext, result: ReadinessResult, url: str, problems: list[str]) -> bool:
    """True when `url` is taken as the tableau (read, or present but in a format we cannot read)."""
    suffix = Path(urlsplit(url).path.lower()).suffix
    if suffix not in READABLE_SUFFIXES:
        problem = _unreachable(url)
        if problem:
            problems.append(f"« {_shown(ctx, url)} » ({problem})")
            return False
        result.tableau_present = True
        result.findings.append(
            _finding(
                ctx,
                "tableau-incoherent",
                Severity.INFO,
                f"tableau de synthèse « {_shown(ctx, url)} » trouvé mais non comparé au site (format "
                f"{suffix or 'en ligne'} non lu) : publiez aussi le modèle officiel au format .xlsx",
                url,
            )
        )
        return True
    path, problem = _download(url)
    if path is None:
        problems.append(f"« {_shown(ctx, url)} » ({problem})")
        return False
    try:
        result.tableau = read_tableau_file(path, url)
    except TableauError as exc:
        result.tableau_present = True
        result.findings.append(
            _finding(
                ctx,
                "tableau-incoherent",
                Severity.ERROR,
                f"le fichier « {_shown(ctx, url)} » n'a pas pu être lu comme un tableau de synthèse : {exc} ; partez "
                "du modèle officiel (Annexe VI-1)",
                url,
            )
        )
        return True
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    result.tableau_present = True
    return True


def _coverage(result: ReadinessResult) -> int | None:
    """Competences covered: by the tableau when it was read, else by portfolio.json."""
    if result.tableau is not None:
        sets = [row.competences for row in result.tableau.rows]
    elif result.site_realisations is not None:
        sets = [r.competences for r in result.site_realisations]
    else:
        return None
    return len(frozenset().union(*sets))


def _compare(ctx: SiteContext, result: ReadinessResult) -> None:
    from e5portfolio.tableau.reader import LAST_E4_SESSION

    tableau = result.tableau
    assert tableau is not None  # compared only once the tableau is read
    where = tableau.url
    if tableau.session is not None and tableau.session <= LAST_E4_SESSION:
        result.findings.append(
            _finding(
                ctx,
                "tableau-incoherent",
                Severity.ERROR,
                f"le tableau de synthèse « {_shown(ctx, where)} » est l'ancien modèle E4 (session {tableau.session}, "
                f"session ≤ {LAST_E4_SESSION}) : utilisez le modèle E5 de la session {ctx.referential.session} "
                "(Annexe VI-1 de la circulaire)",
                where,
            )
        )
    result.findings.extend(_coverage_findings(ctx, tableau))
    result.findings.extend(_url_findings(ctx, tableau, result.site_url))
    if result.site_realisations is not None:
        result.findings.extend(_compare_with_json(ctx, tableau, result.site_realisations))
    else:
        result.findings.extend(_compare_with_pages(ctx, tableau))
    if not tableau.rows:
        result.findings.append(
            _finding(
                ctx,
                "tableau-incoherent",
                Severity.ERROR,
                "le tableau de synthèse ne liste aucune réalisation : remplissez-le avec "
                "les réalisations présentées sur le site",
                where,
            )
        )


def _coverage_findings(ctx: SiteContext, tableau: TableauView) -> list[Finding]:
    ticked = set().union(*[row.competences for row in tableau.rows]) if tableau.rows else set()
    return [
        _finding(
            ctx,
            "tableau-incoherent",
            Severity.ERROR,
            f"aucune réalisation du tableau de synthèse ne mobilise la compétence {c.code} « {c.intitule} » : "
            "les six compétences du bloc doivent être couvertes (cochez-la d'un X pour une réalisation qui "
            "la met en œuvre)",
            tableau.url,
        )
        for c in ctx.referential.competences
        if c.code not in ticked
    ]


def url_key(url: str) -> str:
    """Comparable form of a portfolio address: no scheme, no www., no index.html, no final slash."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    path = re.sub(r"/index\.html?$", "/", parts.path or "/").rstrip("/")
    return host + path


def _url_findings(ctx: SiteContext, tableau: TableauView, site_url: str | None) -> list[Finding]:
    """The « Adresse URL du portfolio » of the tableau is the audited address (or, for a local
    folder, the address the site itself declares in portfolio.json)."""
    if not tableau.candidate_url:
        # from a local folder (before publication) the address may not be known yet: a warning
        severity = Severity.ERROR if ctx.audited_url else Severity.WARNING
        return [
            _finding(
                ctx,
                "tableau-incoherent",
                severity,
                "l'adresse URL du portfolio n'est pas renseignée dans le tableau de synthèse : écrivez-la "
                "après « Adresse URL du portfolio : » (le jury s'en sert pour ouvrir le site)",
                tableau.url,
            )
        ]
    expected = ctx.audited_url or site_url
    if expected is None:
        return []
    accepted = {url_key(expected)} | ({url_key(ctx.home_url)} if ctx.audited_url else set())
    if url_key(tableau.candidate_url) in accepted:
        return []
    which = "l'adresse auditée" if ctx.audited_url else "l'adresse déclarée par le site (portfolio.json)"
    return [
        _finding(
            ctx,
            "tableau-incoherent",
            Severity.ERROR,
            f"l'adresse du portfolio écrite dans le tableau (« {tableau.candidate_url} ») n'est pas "
            f"{which} (« {expected} ») : corrigez le tableau, c'est l'adresse que le jury ouvrira",
            tableau.url,
        )
    ]


def _period_text(debut: dt.date | None, fin: dt.date | None) -> str:
    def show(d: dt.date | None) -> str:
        return d.strftime("%d/%m/%y") if d else "?"

    return f"du {show(debut)} au {show(fin)}"


def _compare_with_json(ctx: SiteContext, tableau: TableauView, realisations: list[SiteRealisation]) -> list[Finding]:
    findings = []
    on_site = {match_key(r.intitule): r for r in realisations}
    in_tableau = {match_key(row.intitule): row for row in tableau.rows if row.intitule}
    for key, row in in_tableau.items():
        site = on_site.get(key)
        if site is None:
            findings.append(
                _finding(
                    ctx,
                    "tableau-incoherent",
                    Severity.ERROR,
                    f"la réalisation « {row.intitule} » du tableau de synthèse n'est pas sur le "
                    "site : ajoutez-la au portfolio ou retirez-la du tableau",
                    tableau.url,
                )
            )
            continue
        findings.extend(_compare_row(ctx, tableau, row, site))
    for key, site in on_site.items():
        if key not in in_tableau:
            findings.append(
                _finding(
                    ctx,
                    "tableau-incoherent",
                    Severity.ERROR,
                    f"la réalisation « {site.intitule} » du site n'est pas dans le tableau de "
                    "synthèse : ajoutez-la au tableau (e5portfolio export le régénère)",
                    tableau.url,
                )
            )
    return findings


def _compare_row(ctx: SiteContext, tableau: TableauView, row: TableauRow, site: SiteRealisation) -> list[Finding]:
    findings = []
    if (row.debut, row.fin) != (site.debut, site.fin) and (row.debut or row.fin):
        findings.append(
            _finding(
                ctx,
                "tableau-incoherent",
                Severity.ERROR,
                f"période de « {row.intitule} » différente : {_period_text(row.debut, row.fin)} dans le tableau, "
                f"{_period_text(site.debut, site.fin)} sur le site : mettez les mêmes dates",
                tableau.url,
            )
        )
    extra = sorted(row.competences - site.competences)
    if extra:
        findings.append(
            _finding(
                ctx,
                "tableau-incoherent",
                Severity.ERROR,
                f"« {row.intitule} » : compétence(s) {', '.join(extra)} cochée(s) dans le tableau mais pas indiquée(s) "
                "sur le site : indiquez-les sur la page de la réalisation ou décochez-les",
                tableau.url,
            )
        )
    return findings


def _states_competence(text_key: str, raw_text: str, code: str, ctx: SiteContext) -> bool:
    if re.search(rf"\b{re.escape(code)}(?:\.\d+)?\b", raw_text):
        return True
    competence = next((c for c in ctx.referential.competences if c.code == code), None)
    return competence is not None and match_key(competence.intitule) in text_key


def _compare_with_pages(ctx: SiteContext, tableau: TableauView) -> list[Finding]:
    """No portfolio.json: look for each réalisation of the tableau in the pages' text."""
    texts = [(page, page.text()) for page in ctx.pages]
    keyed = [(page, text, match_key(text)) for page, text in texts]
    findings = []
    for row in tableau.rows:
        key = match_key(row.intitule)
        if not key:
            continue
        holders = [(page, text, text_key) for page, text, text_key in keyed if key in text_key]
        if not holders:
            findings.append(
                _finding(
                    ctx,
                    "tableau-incoherent",
                    Severity.WARNING,
                    f"la réalisation « {row.intitule} » du tableau de synthèse n'a pas été trouvée "
                    "sur le site : présentez-la sous le même intitulé",
                    tableau.url,
                )
            )
            continue
        titled = [
            h
            for h in holders
            if key in match_key(h[0].title) or any(key in match_key(element.text()) for _, element in h[0].headings())
        ]
        pages = titled or holders
        missing = sorted(
            code
            for code in row.competences
            if not any(_states_competence(text_key, text, code, ctx) for _, text, text_key in pages)
        )
        if missing:
            findings.append(
                _finding(
                    ctx,
                    "tableau-incoherent",
                    Severity.WARNING,
                    f"« {row.intitule} » : compétence(s) {', '.join(missing)} cochée(s) dans le tableau mais pas "
                    "indiquée(s) sur la page de la réalisation : nommez-les (code ou intitulé officiel)",
                    pages[0][0].url,
                )
            )
    return findings


# --- mentions légales, veille, professional identity --------------------------------------------


def _page_mentions(page: Page, pattern: re.Pattern[str]) -> bool:
    if pattern.search(page.title) or pattern.search(page.url):
        return True
    if any(pattern.search(element.text()) for _, element in page.headings()):
        return True
    return any(pattern.search(link.text) or pattern.search(link.href) for link in page.links())


def is_professional_profile(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host.endswith("linkedin.com"):
        return bool(segments) and segments[0] in ("in", "pub")
    if host in ("github.com", "gitlab.com"):
        return bool(segments) and segments[0] not in ("login", "features", "about", "explore", "pricing")
    return False


# what a page of mentions légales must say (LCEN art. 6: who publishes the site, who hosts it),
# searched in the accent-free lower-case text (match_key)
_MENTIONS_CONTENT = (
    (
        "l'éditeur du site (nom de la personne responsable de la publication)",
        re.compile(
            r"\bedit(?:eur|rice|e par)\b|responsable (?:de (?:la )?)?publication|"
            r"directeur (?:de (?:la )?)?publication|\bpublie par\b"
        ),
    ),
    (
        "l'hébergeur (nom, adresse ou site de l'hébergeur, par exemple GitHub Pages)",
        re.compile(r"\bheberg|\bhosted by\b|\bhosting\b|\bhost\b"),
    ),
)


def _titled(page: Page, pattern: re.Pattern[str]) -> bool:
    """The page says, in its title or one of its headings, that it is about `pattern`."""
    return bool(pattern.search(page.title)) or any(pattern.search(element.text()) for _, element in page.headings())


def _mentions_findings(ctx: SiteContext) -> list[Finding]:
    """Mentions légales = a page of the audited site titled so, that names the editor and the
    host; a link (to another site, or to a page that was not found) does not count."""
    pages = [page for page in ctx.pages if _titled(page, _MENTIONS)]
    if not pages:
        linked = any(
            _MENTIONS.search(link.text) or _MENTIONS.search(link.href) for page in ctx.pages for link in page.links()
        )
        detail = (
            " (un lien « mentions légales » existe, mais il ne mène pas à une page de ce site titrée ainsi)"
            if linked
            else ""
        )
        return [
            _finding(
                ctx,
                "mentions-legales-absentes",
                Severity.WARNING,
                f"aucune page « Mentions légales » trouvée{detail} : ajoutez-en une (éditeur du site, "
                "hébergeur, données personnelles) et un lien vers elle sur chaque page",
            )
        ]
    best, missing = None, None
    for page in pages:
        text = match_key(page.text())
        lacking = [what for what, pattern in _MENTIONS_CONTENT if not pattern.search(text)]
        if missing is None or len(lacking) < len(missing):
            best, missing = page, lacking
    if not missing:
        return []
    assert best is not None  # set with `missing`
    return [
        _finding(
            ctx,
            "mentions-legales-absentes",
            Severity.WARNING,
            f"la page « Mentions légales » ne nomme pas {' ni '.join(missing)} : complétez-la",
            best.url,
        )
    ]


def _presence_findings(ctx: SiteContext) -> list[Finding]:
    findings = _mentions_findings(ctx)
    if not any(_page_mentions(page, _VEILLE) for page in ctx.pages):
        findings.append(
            _finding(
                ctx,
                "veille-absente",
                Severity.WARNING,
                "aucune section « Veille » trouvée : présentez votre veille informationnelle "
                "(sujet, outils, articles datés), attendue pour la compétence B1.6",
            )
        )
    if not any(is_professional_profile(link.url) for page in ctx.pages for link in page.links()):
        findings.append(
            _finding(
                ctx,
                "identite-pro-absente",
                Severity.WARNING,
                "aucun lien vers un profil professionnel (LinkedIn, GitHub ou GitLab) : ajoutez-en "
                "un, l'identité professionnelle est évaluée dans la compétence B1.6",
            )
        )
    return findings
