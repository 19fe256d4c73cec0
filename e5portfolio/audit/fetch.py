"""Reachability of a page: one bounded HTTP(S) GET (redirects, TLS, timeouts, size cap, login walls).

Standard library only (http.client). Every failure becomes a French explanation in
`FetchResult.error`; nothing here raises for a network problem. Login walls and access-denied
pages that answer 200 (Google Drive, OneDrive/SharePoint, GitHub, Vercel, Netlify) are recognised
by the final address and the page text (`detect_wall`).
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import re
import socket
import ssl
import threading
import time
import typing
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from e5portfolio import __version__
from e5portfolio.audit.outcome import Cause, Kind, Outcome, kind_of
from e5portfolio.audit.scope import Scope

USER_AGENT = f"Mozilla/5.0 (compatible; e5portfolio-audit/{__version__})"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
TIMEOUT_TEXT = "le serveur ne répond pas dans le délai imparti (délai dépassé)"


@dataclass(frozen=True)
class FetchLimits:
    """Bounds of one fetch: total time (connection, headers and body), body size, redirects."""

    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 10


@dataclass(frozen=True)
class FetchResult:
    url: str  # as requested
    final_url: str  # after redirects
    status: int | None = None
    reason: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    truncated: bool = False  # the body was cut at FetchLimits.max_bytes
    error: str | None = None  # French: why the page could not be read
    redirects: tuple[str, ...] = ()
    failure: Cause | None = None  # the typed cause of `error` (set where the failure happened)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        if self.content_type:
            return self.content_type in ("text/html", "application/xhtml+xml")
        return self.body[:512].lstrip().lower().startswith((b"<!doctype html", b"<html"))

    def text(self) -> str:
        return decode_body(self.body, self.headers.get("content-type", ""))

    @property
    def outcome(self) -> Outcome:
        """The typed outcome of this fetch as a link check (a status under 400 is ok)."""
        if self.failure is not None and self.status is None:
            return Outcome(kind_of(self.failure), self.failure, None, self.error or "")
        if self.failure is not None:  # a redirect loop or too many redirects
            return Outcome(kind_of(self.failure), self.failure, self.status, self.error or "")
        if self.status is not None and self.status < 400:
            return Outcome(Kind.OK, None, self.status)
        status = self.status
        cause = {999: Cause.ROBOTS, 429: Cause.RATE_LIMITED, 407: Cause.PROXY}.get(status or 0, Cause.HTTP_STATUS)
        return Outcome(kind_of(cause), cause, status, self.error or "")


class _FetchFailure(Exception):
    """Internal: a fetch failed; the message is the French explanation, `cause` its type."""

    def __init__(self, message: str, cause: Cause = Cause.OTHER):
        super().__init__(message)
        self.cause = cause


def decode_body(body: bytes, content_type: str = "") -> str:
    """Decode an HTML body: charset from the header, else from a <meta>, else UTF-8."""
    charset = _charset_of(content_type) or _meta_charset(body[:4096]) or "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _meta_charset(head: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.IGNORECASE)
    return match.group(1).decode("ascii", "replace") if match else None


def fetch(url: str, limits: FetchLimits = FetchLimits(), scope: Scope | None = None) -> FetchResult:
    """GET `url`, following redirects (loop-safe), within `limits`. Never raises for the network.

    Network scope (audit.scope): with `scope`, `url` and every redirect must be allowed by it;
    without, a redirect may go only where `url` itself is (a public page never leads the audit to
    a loopback, private, link-local or metadata address; a local one only to its own host and port)."""
    deadline = time.monotonic() + limits.timeout
    current, seen = url, {url}
    redirects: list[str] = []
    if scope is not None and (why := scope.refusal(url)):
        return FetchResult(url, url, error=f"adresse non visitée : {why}", failure=Cause.INVALID)
    guard = scope or Scope(url)
    while True:
        try:
            status, reason, headers, body, truncated = _get_once(current, deadline, limits.max_bytes)
        except _FetchFailure as exc:
            return FetchResult(url, current, error=str(exc), redirects=tuple(redirects), failure=exc.cause)
        location = headers.get("location")
        if status not in REDIRECT_STATUSES or not location:
            return FetchResult(
                url, current, status, reason, headers, body, truncated, _status_error(status, reason), tuple(redirects)
            )
        target = urljoin(current, location.strip())

        stop: tuple[str, Cause] | None = None  # a redirect not followed: why, and its cause
        if target in seen:
            stop = f"boucle de redirections (l'adresse renvoie vers « {target} », déjà visitée)", Cause.REDIRECTS
        elif len(redirects) >= limits.max_redirects:
            stop = f"trop de redirections (plus de {limits.max_redirects})", Cause.REDIRECTS
        elif why := guard.refusal(target):
            stop = f"redirection refusée vers « {target} » : {why}", Cause.INVALID
        if stop is not None:
            return FetchResult(url, current, status, reason, headers, b"", False, stop[0], tuple(redirects), stop[1])
        seen.add(target)
        redirects.append(target)
        current = target


def _status_error(status: int, reason: str) -> str | None:
    if 200 <= status < 300:
        return None
    return f"le serveur répond {status} ({describe_status(status, reason)})"


def describe_status(status: int, reason: str = "") -> str:
    """French meaning of an HTTP status."""
    known = {
        400: "requête refusée",
        401: "authentification demandée",
        403: "accès interdit",
        404: "page introuvable",
        410: "page supprimée",
        429: "trop de requêtes, réessayer plus tard",
        500: "erreur du serveur",
        502: "passerelle en erreur",
        503: "service indisponible",
        504: "délai de la passerelle dépassé",
        999: "le site refuse les robots",
    }
    if status in known:
        return known[status]
    if 300 <= status < 400:
        return "redirection sans adresse de destination"
    return reason or ("erreur du serveur" if status >= 500 else "erreur")


def as_sent(url: str) -> str:
    """`url` as a browser sends it: spaces, accents and other unsafe characters of the path and
    query percent-encoded (UTF-8), escapes already there kept (« Tableau de synthèse.xlsx » →
    « Tableau%20de%20synth%C3%A8se.xlsx »)."""
    parts = urlsplit(url)
    path = quote(parts.path, safe=_SAFE_IN_PATH)
    query = quote(parts.query, safe=_SAFE_IN_PATH + "?")
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


_SAFE_IN_PATH = "/%:@!$&'()*+,;=~-._[]"


def _get_once(url: str, deadline: float, max_bytes: int) -> tuple[int, str, dict[str, str], bytes, bool]:
    url = as_sent(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _FetchFailure(f"adresse non web (« {scheme or '?'}: ») : indiquez une adresse http(s)://", Cause.INVALID)
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise _FetchFailure("adresse invalide (numéro de port incorrect)", Cause.INVALID) from None
    if not host:
        raise _FetchFailure("adresse invalide (nom de serveur manquant)", Cause.INVALID)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = watchdog = None
    try:
        connection, request_target = _connect(scheme, host, port, url, path, _remaining(deadline))
        watchdog = _Watchdog(connection.sock, deadline)
        connection.putrequest("GET", request_target, skip_accept_encoding=True)
        connection.putheader("User-Agent", USER_AGENT)
        connection.putheader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        connection.putheader("Accept-Language", "fr-FR,fr;q=0.9")
        connection.putheader("Accept-Encoding", "identity")
        connection.endheaders()
        sock = connection.sock  # kept: http.client drops it from the connection once the response owns it
        sock.settimeout(_remaining(deadline))
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        body, truncated = _read_body(response, sock, deadline, max_bytes)
        if watchdog.fired:  # the shutdown ended the body early: not a complete answer
            raise TimeoutError
        return response.status, response.reason, headers, body, truncated
    except Exception:
        if watchdog is not None and watchdog.fired:
            # the total deadline passed while the server was still sending (headers one byte at a time…)
            raise _FetchFailure(TIMEOUT_TEXT, Cause.TIMEOUT) from None
        return _explain(url, host, parts, _via_proxy(scheme, host))
    finally:
        if watchdog is not None:
            watchdog.cancel()
        if connection is not None:
            connection.close()


class _Watchdog:
    """Shuts the connection's socket down when the total deadline of the fetch passes.

    A socket timeout bounds each read, not their sum: a server that sends its headers one byte
    every 2 s would keep the audit forever. The shutdown makes the pending read fail at once."""

    def __init__(self, sock: socket.socket | None, deadline: float):
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        with contextlib.suppress(OSError):
            if self._sock is not None:
                self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _via_proxy(scheme: str, host: str) -> bool:
    return not urllib.request.proxy_bypass(host) and bool(urllib.request.getproxies().get(scheme))


def _explain(url: str, host: str, parts, via_proxy: bool = False) -> typing.NoReturn:
    """Re-raise the exception being handled as a _FetchFailure with a French explanation and its
    typed cause (through a proxy, a connection failure is the proxy's)."""

    def network(cause: Cause) -> Cause:
        return Cause.PROXY if via_proxy else cause

    try:
        raise  # noqa: PLE0704 - only called from an `except` block: re-raises what it handles
    except ssl.SSLCertVerificationError as exc:
        raise _FetchFailure(
            f"certificat HTTPS invalide ({exc.verify_message or 'non vérifiable'}) : "
            "le navigateur du jury affichera une alerte de sécurité",
            Cause.TLS,
        ) from None
    except ssl.SSLError as exc:
        raise _FetchFailure(f"échec de la connexion sécurisée HTTPS ({exc.reason or exc})", Cause.TLS) from None
    except TimeoutError:
        raise _FetchFailure(TIMEOUT_TEXT, Cause.TIMEOUT) from None
    except socket.gaierror:
        raise _FetchFailure(
            f"le nom de domaine « {host} » est introuvable (DNS) : vérifiez l'adresse", network(Cause.DNS)
        ) from None
    except ConnectionRefusedError:
        raise _FetchFailure(
            f"connexion refusée par « {parts.netloc} » : aucun serveur web ne répond", network(Cause.REFUSED)
        ) from None
    except (ConnectionError, http.client.HTTPException, OSError) as exc:
        cause = (
            Cause.PROXY
            if via_proxy and isinstance(exc, OSError)
            else (Cause.RESET if isinstance(exc, (ConnectionError, http.client.HTTPException)) else Cause.REFUSED)
        )
        raise _FetchFailure(f"la connexion a échoué ({type(exc).__name__}: {exc})", cause) from None
    except UnicodeError:
        raise _FetchFailure(f"nom de domaine invalide « {host} »", Cause.INVALID) from None


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _connect(
    scheme: str, host: str, port: int | None, url: str, path: str, timeout: float
) -> tuple[http.client.HTTPConnection, str]:
    """Open the connection, through the proxy of the environment when there is one."""
    proxy = None if urllib.request.proxy_bypass(host) else urllib.request.getproxies().get(scheme)
    connection: http.client.HTTPConnection
    if not proxy:
        if scheme == "https":
            connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.connect()
        return connection, path
    proxy_parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    if not proxy_parts.hostname:  # http.client would fail with a TypeError
        raise _FetchFailure(f"proxy « {proxy} » sans nom de serveur : corrigez la variable {scheme}_proxy")
    if scheme == "http":
        connection = http.client.HTTPConnection(proxy_parts.hostname, proxy_parts.port or 80, timeout=timeout)
        connection.connect()
        return connection, url
    connection = http.client.HTTPSConnection(
        proxy_parts.hostname, proxy_parts.port or 80, timeout=timeout, context=ssl.create_default_context()
    )
    connection.set_tunnel(host, port or 443)
    connection.connect()
    return connection, path


def _read_body(
    response: http.client.HTTPResponse, sock: socket.socket, deadline: float, max_bytes: int
) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        sock.settimeout(_remaining(deadline))
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:max_bytes], True


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header (a number or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --- login walls and access-denied pages that answer 200 ---------------------------------------

_WALL_HOSTS = {
    "accounts.google.com": "une page de connexion Google",
    "login.microsoftonline.com": "une page de connexion Microsoft",
    "login.live.com": "une page de connexion Microsoft",
    "login.microsoft.com": "une page de connexion Microsoft",
}

_WALL_TEXTS = (
    # Google Drive / Docs
    (
        re.compile(
            r"(?:disposer|besoin) d'une autorisation|demander l'accès|you need (?:access|permission)|"
            r"request access",
            re.I,
        ),
        "google.com",
        "une page « accès demandé » de Google Drive : le document n'est pas partagé publiquement",
    ),
    # OneDrive / SharePoint
    (
        re.compile(
            r"accès refusé|access denied|cet élément n'existe peut-être pas|"
            r"this item might not exist|vous n'avez pas accès|you don't have access",
            re.I,
        ),
        ("sharepoint.com", "onedrive.live.com", "1drv.ms"),
        "une page « accès refusé » de OneDrive/SharePoint : le partage n'est pas ouvert à tous",
    ),
    # Vercel deployment protection
    (
        re.compile(r"authentication required|vercel authentication|password protected", re.I),
        ("vercel.app", "vercel.com"),
        "une page protégée par Vercel (authentification ou mot de passe)",
    ),
    # Netlify password protection
    (
        re.compile(r"password protected|this site is protected|protégé par (?:un )?mot de passe", re.I),
        ("netlify.app", "netlify.com"),
        "une page protégée par mot de passe de Netlify",
    ),
)

WALL_MAX_TEXT = 3000  # characters of visible text: login walls are short pages
_PASSWORD_FIELD = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?password", re.I)
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.I | re.S)


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", _TAGS.sub(" ", html)).strip()


def detect_wall(final_url: str, status: int | None, html: str) -> str | None:
    """French description of a login wall / access-denied page, or None for an ordinary page."""
    parts = urlsplit(final_url)
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    if host in _WALL_HOSTS:
        return _WALL_HOSTS[host]
    if host == "github.com" and path.startswith(("/login", "/session")):
        return "la page de connexion de GitHub (dépôt privé ou supprimé)"
    if host == "vercel.com" and path.startswith(("/login", "/sso-api", "/sso")):
        return "une page de connexion Vercel (protection du déploiement activée)"
    if host.endswith("sharepoint.com") and "accessdenied" in path.replace("_", "").replace("/", ""):
        return "une page « accès refusé » de SharePoint"
    if host in ("drive.google.com", "docs.google.com") and "/servicelogin" in path:
        return "une page de connexion Google"
    text = visible_text(html)
    if len(text) > WALL_MAX_TEXT:  # a real page, not a wall: avoid false alarms on long pages
        return None
    for pattern, hosts, description in _WALL_TEXTS:
        if host.endswith(hosts) and pattern.search(text):
            return description
    if _PASSWORD_FIELD.search(html):
        return "une page qui demande un mot de passe"
    return None
