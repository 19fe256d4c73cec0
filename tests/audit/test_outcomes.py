"""Typed outcomes of link checks: each fetch path types its failures where they happen, and the
verdicts (broken, unverifiable, one « audit incomplet » warning for a machine offline or behind a
proxy) are computed from those types, never from the wording of an error. Real local servers, the
real linkchecker, the real Chromium; outside hosts end in .invalid (RFC 6761: they never resolve,
with or without a network) or are loopback addresses where nothing listens."""

from __future__ import annotations

import dataclasses
import shutil
import socket
from pathlib import Path

import pytest

from e5portfolio.audit.engine import audit, audit_folder
from e5portfolio.audit.fetch import FetchLimits, fetch
from e5portfolio.audit.links import LinkRow, judge_row
from e5portfolio.audit.outcome import Cause, Kind, linkchecker_cause
from e5portfolio.core.findings import Severity

from .conftest import FAST, FAST_LINKS, FIXTURES, SMALL_PORTFOLIO, findings_of, slow

OFFLINE_TEXT = "n'a pu être joint"


def _dead_port(host: str = "127.0.0.1") -> int:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# --- linkchecker's rows: typed from the exception classes it names -----------------------------


@pytest.mark.parametrize(
    ("result", "cause"),
    [
        (
            "ConnectionError: HTTPSConnectionPool(host='github.com', port=443): Max retries exceeded with url: /x "
            "(Caused by NameResolutionError(\"HTTPSConnection(host='github.com', port=443): Failed to resolve "
            "'github.com' ([Errno -2] Name or service not known)\"))",
            Cause.DNS,
        ),
        (
            "ConnectionError: HTTPConnectionPool(host='127.0.0.2', port=9): Max retries exceeded with url: / (Caused by "
            "NewConnectionError(\"HTTPConnection(host='127.0.0.2', port=9): Failed to establish a new connection: "
            '[Errno 111] Connection refused"))',
            Cause.REFUSED,
        ),
        (
            "ProxyError: HTTPSConnectionPool(host='a.fr', port=443): Max retries exceeded with url: / (Caused by "
            "ProxyError('Unable to connect to proxy', NewConnectionError('x: [Errno 111] Connection refused')))",
            Cause.PROXY,
        ),
        (
            "SSLError: HTTPSConnectionPool(host='a.fr', port=443): Max retries exceeded with url: / (Caused by "
            "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed')))",
            Cause.TLS,
        ),
        ("ReadTimeout: HTTPConnectionPool(host='a.fr', port=80): Read timed out. (read timeout=2)", Cause.TIMEOUT),
        (
            "ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without "
            "response'))",
            Cause.RESET,
        ),
        # the same failure in French words (a translated error) is typed the same: the class names count
        (
            "ConnectionError: HTTPSConnectionPool(host='a.fr', port=443): (Caused by NameResolutionError(\"échec de "
            'la résolution du nom"))',
            Cause.DNS,
        ),
        ("URLError: <urlopen error [Errno 2] No such file or directory: '/site/cv.pdf'>", Cause.MISSING_FILE),
        ("TooManyRedirects: Exceeded 30 redirects.", Cause.REDIRECTS),
        ("UnknownError: quelque chose d'inattendu", Cause.OTHER),
    ],
)
def test_linkchecker_failures_are_typed(result, cause):
    assert linkchecker_cause(result) is cause


def _row(url: str, result: str, failure: Cause | None, valid: bool = False) -> LinkRow:
    return LinkRow(url, url, "http://127.0.0.1:8000/", 3, 4, "lien", result, valid, "", "", failure)


def test_verdicts_read_the_type_not_the_words():
    # the rendered-page path writes French errors: the verdict comes from the type it set
    french_dns = _row(
        "https://www.linkedin.com/in/x",
        "le nom de domaine « www.linkedin.com » est introuvable (DNS) : vérifiez l'adresse",
        Cause.DNS,
    )
    verdict = judge_row(french_dns)
    assert (verdict.kind, verdict.cause, verdict.reason) == (Kind.UNVERIFIABLE, Cause.DNS, "nom de domaine introuvable")
    for cause in (Cause.REFUSED, Cause.RESET, Cause.PROXY, Cause.TLS, Cause.TIMEOUT):
        assert judge_row(_row("https://a.fr/", "peu importe", cause)).kind == "unverifiable"
    # English words that look like a network failure, on a row typed as a missing file: broken
    assert (
        judge_row(_row("http://127.0.0.1:8000/cv.pdf", "Name or service not known", Cause.MISSING_FILE)).kind
        == "broken"
    )
    assert judge_row(_row("http://127.0.0.1:8000/cv.pdf", "404 Not Found", None)).cause is Cause.HTTP_STATUS
    assert judge_row(_row("https://a.fr/x", "999 Request denied", None)).kind == "unverifiable"


# --- the Python fetcher: typed where the exception is caught -------------------------------------

LIMITS = FetchLimits(timeout=3.0, max_bytes=10_000)


def test_fetch_failures_are_typed(server, monkeypatch):
    for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(key, raising=False)
    assert fetch("https://portfolio.invalid/", LIMITS).outcome.cause is Cause.DNS
    refused = fetch(f"http://127.0.0.1:{_dead_port()}/", LIMITS).outcome
    assert (refused.kind, refused.cause) == (Kind.UNVERIFIABLE, Cause.REFUSED)
    base, _ = server({"/lent": slow(60)})
    assert fetch(f"{base}lent", LIMITS).outcome.cause is Cause.TIMEOUT
    missing = fetch(f"{base}absent", LIMITS).outcome
    assert (missing.kind, missing.cause, missing.status) == (Kind.BROKEN, Cause.HTTP_STATUS, 404)
    assert fetch("ftp://a.fr/x", LIMITS).outcome.cause is Cause.INVALID


def test_fetch_through_a_closed_proxy_is_the_proxys_failure(monkeypatch):
    for key in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{_dead_port()}")
    outcome = fetch("http://portfolio.invalid/", LIMITS).outcome
    assert (outcome.kind, outcome.cause) == (Kind.UNVERIFIABLE, Cause.PROXY)


# --- whole audits offline -------------------------------------------------------------------------


def _offline_warnings(result) -> list:
    return [
        f
        for f in findings_of(result, "audit-incomplet")
        if f.severity is Severity.WARNING and OFFLINE_TEXT in f.message
    ]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.usefixtures("linkchecker")
def test_script_built_footer_offline_gives_exactly_the_one_broken_link(chromium, tmp_path):
    """A hand-made site whose menu and footer (LinkedIn, GitHub, Root-Me, TryHackMe) are written by
    script, and one truly missing local file (the CV): with the browser, the footer's links are
    checked through the rendered page; none of them is « cassé », the CV is."""
    site = shutil.copytree(FIXTURES / "footer_site", tmp_path / "footer_site")
    options = dataclasses.replace(
        FAST,
        browser=dataclasses.replace(FAST.browser, use=True),
        links=dataclasses.replace(FAST_LINKS, check_extern=True),
    )
    result = audit_folder(site, options)
    assert result.browser_used
    broken = findings_of(result, "lien-casse")
    assert [(f.file, f.message.split(" (")[0]) for f in broken] == [
        ("projets.html", "lien cassé vers « docs/cv-sam-exemple.pdf »")
    ]
    [offline] = _offline_warnings(result)
    assert offline.message.startswith("aucun des 4 liens externes n'a pu être joint")
    assert not [f for f in findings_of(result, "lien-non-verifiable") if ".invalid" in f.message]
    # the tableau behind the script menu is found: no penalty
    assert result.tableau_present and sum(result.penalties.values()) == 0


@pytest.mark.usefixtures("linkchecker")
def test_script_built_footer_offline_without_the_browser(tmp_path):
    """Without the browser the menu's pages are not seen: the script-menu warning, « non vérifiable »
    for the tableau, no penalty, and no outside link called broken."""
    site = shutil.copytree(FIXTURES / "footer_site", tmp_path / "footer_site")
    result = audit_folder(site, dataclasses.replace(FAST, links=dataclasses.replace(FAST_LINKS, check_extern=True)))
    assert result.script_navigation and findings_of(result, "menu-javascript")
    [tableau] = findings_of(result, "tableau-absent")
    assert tableau.severity is Severity.INFO and " non vérifiable : " in tableau.message
    assert sum(result.penalties.values()) == 0
    assert findings_of(result, "lien-casse") == []


def _offline_portfolio(folder: Path, slow_site: str) -> Path:
    """small_portfolio with what a real one links to: GitHub, LinkedIn, the veille's sources and a
    réalisation's own site (which, behind the school's proxy, never answers)."""
    shutil.copytree(SMALL_PORTFOLIO, folder)
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    text = text.replace(
        "https://www.linkedin.com/in/lea-martin",
        "https://www.linkedin.invalid/in/lea-martin\n    github: https://github.invalid/lea-martin",
    )
    text = text.replace("https://github.com/", "https://github.invalid/")
    text = text.replace(
        "        lien: https://github.invalid/lea-martin/asso-site",
        "        lien: https://github.invalid/lea-martin/asso-site\n"
        "      - titre: Site de l'association en ligne\n"
        f"        lien: {slow_site}",
    )
    text += (
        "  articles:\n"
        "    - titre: Les objets connectés, nouvelle cible\n"
        "      lien: https://www.cert.invalid/actualite/iot\n"
        "      date: 2025-10-01\n"
        "      resume: Les caméras IP sont la cible de réseaux de machines zombies.\n"
        "    - titre: Mettre à jour ses objets\n"
        "      lien: https://www.zdnet.invalid/iot-mises-a-jour\n"
        "      date: 2025-11-15\n"
        "      resume: Les fabricants publient peu de correctifs.\n"
    )
    (folder / "portfolio.yml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.usefixtures("linkchecker")
def test_e5portfolio_site_audited_from_its_folder_offline(chromium, server, tmp_path, outside):
    stalled, _ = server({"/": slow(90)})  # a site that never answers in the time allowed
    outside(stalled)  # stands for a site on the Internet (the audit's scope refuses local addresses)
    portfolio = _offline_portfolio(tmp_path / "portfolio", stalled)
    options = dataclasses.replace(
        FAST,
        browser=dataclasses.replace(FAST.browser, use=True),
        links=dataclasses.replace(FAST_LINKS, check_extern=True),
    )
    result = audit(str(portfolio), options)
    assert result.reachable and result.browser_used
    assert findings_of(result, "lien-casse") == []
    [offline] = _offline_warnings(result)
    assert offline.message.startswith("aucun des ")
    assert sum(result.penalties.values()) == 0


# --- the audited address itself, offline -----------------------------------------------------------


@pytest.fixture
def resolver(monkeypatch):
    """Name resolution the test controls: only the names in the returned set resolve (to a dead
    local port's address, never used); no proxy. No packet leaves the machine."""
    import socket

    real = socket.getaddrinfo
    known: set[str] = set()

    def getaddrinfo(host, *args, **kwargs):
        if host in known:
            return real("127.0.0.1", *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return known


def test_an_address_that_no_name_resolves_for_is_unverifiable_offline_without_penalty(resolver):
    """Offline (no outside name resolves), the jury's address cannot be judged: audit-incomplet, no
    « portfolio inaccessible » 10 points."""
    result = audit("https://camille-le-gall.github.io/portfolio/", FAST)
    assert [f.rule for f in result.findings] == ["audit-incomplet"]
    assert result.findings[0].message.startswith("portfolio non vérifiable depuis cet ordinateur : ")
    assert result.penalties["portfolio-inaccessible"] == 0


def test_a_wrong_name_under_a_domain_that_resolves_is_inaccessible(resolver):
    resolver.add("github.io")
    result = audit("https://camille-le-gall.github.io/portfolio/", FAST)
    assert [f.rule for f in result.findings] == ["portfolio-inaccessible"]
    assert result.penalties["portfolio-inaccessible"] == 10
