"""The one outcome type of a link or page check: ok, broken, unverifiable, skipped.

Each fetch path types its failures where they happen (the Python fetcher from the exception it
caught, linkchecker's rows from the exception class it names, the rendered page's links through
the fetcher); verdicts, offline and proxy detection, the report and the class workbook read these
types only, never the wording of a message.

- broken: the link is the candidate's fault (an HTTP error status, a missing local file, a
  redirect loop, an invalid address);
- unverifiable: nothing can be said about the link from this machine (name resolution, connection
  refused or reset, a proxy, TLS interception, a timeout, robots refused with 999, 429 « too many
  requests », a login wall);
- skipped: not checked on purpose (mail, phone, a page outside the audit's scope).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Kind(str, enum.Enum):
    OK = "ok"
    BROKEN = "broken"
    UNVERIFIABLE = "unverifiable"
    SKIPPED = "skipped"


class Cause(str, enum.Enum):
    """Why a check did not end with « ok »."""

    HTTP_STATUS = "http-status"  # an HTTP error status (the status is in Outcome.status)
    MISSING_FILE = "missing-file"  # a local file that does not exist
    REDIRECTS = "redirects"  # a redirect loop or too many redirects
    INVALID = "invalid"  # an address that cannot be requested (scheme, port, host)
    TOO_LARGE = "too-large"
    OTHER = "other"  # a failure of the link itself that fits nothing above
    # the machine's reach, not the link: unverifiable
    DNS = "dns"
    REFUSED = "refused"
    RESET = "reset"
    PROXY = "proxy"
    TLS = "tls"
    TIMEOUT = "timeout"
    # the site refuses to answer a robot: unverifiable
    ROBOTS = "robots"  # 999, or a robot-hostile site's 4xx
    RATE_LIMITED = "rate-limited"  # 429
    LOGIN_WALL = "login-wall"


# failures that say nothing about the link, only about the way from this machine to its host
NETWORK_CAUSES = frozenset({Cause.DNS, Cause.REFUSED, Cause.RESET, Cause.PROXY, Cause.TLS, Cause.TIMEOUT})
UNVERIFIABLE_CAUSES = NETWORK_CAUSES | {Cause.ROBOTS, Cause.RATE_LIMITED, Cause.LOGIN_WALL}

# French reasons of the network causes (shown in the report; never read back)
NETWORK_REASONS = {
    Cause.DNS: "nom de domaine introuvable",
    Cause.REFUSED: "connexion refusée : aucun serveur ne répond",
    Cause.RESET: "connexion coupée par le serveur",
    Cause.PROXY: "le proxy de cet ordinateur a refusé ou coupé la connexion",
    Cause.TLS: "connexion sécurisée HTTPS impossible (certificat refusé ou connexion interceptée)",
    Cause.TIMEOUT: "le serveur ne répond pas dans le délai",
}


@dataclass(frozen=True)
class Outcome:
    """The outcome of one check."""

    kind: Kind
    cause: Cause | None = None
    status: int | None = None  # the HTTP status, when there was one
    reason: str = ""  # French, for the report only

    @property
    def network(self) -> bool:
        """Unverifiable because of the way from this machine to the host (offline, a proxy…)."""
        return self.cause in NETWORK_CAUSES


def kind_of(cause: Cause) -> Kind:
    return Kind.UNVERIFIABLE if cause in UNVERIFIABLE_CAUSES else Kind.BROKEN


# --- linkchecker: its `result` field is « ExceptionClass: text » for a failure ------------------

_EXCEPTION = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*:")
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\(")  # « NameResolutionError(… » inside the text
_ERRNO = re.compile(r"\[Errno (-?\d+)\]")
# exception classes (requests, urllib3, the standard library) → cause; the innermost class wins
_CLASS_CAUSES = {
    "NameResolutionError": Cause.DNS,
    "gaierror": Cause.DNS,
    "LocationParseError": Cause.INVALID,
    "NewConnectionError": Cause.REFUSED,
    "ConnectionRefusedError": Cause.REFUSED,
    "ProxyError": Cause.PROXY,
    "SSLError": Cause.TLS,
    "SSLCertVerificationError": Cause.TLS,
    "CertificateError": Cause.TLS,
    "ConnectTimeout": Cause.TIMEOUT,
    "ConnectTimeoutError": Cause.TIMEOUT,
    "ReadTimeout": Cause.TIMEOUT,
    "ReadTimeoutError": Cause.TIMEOUT,
    "Timeout": Cause.TIMEOUT,
    "TimeoutError": Cause.TIMEOUT,
    "timeout": Cause.TIMEOUT,
    "ConnectionResetError": Cause.RESET,
    "RemoteDisconnected": Cause.RESET,
    "ProtocolError": Cause.RESET,
    "ChunkedEncodingError": Cause.RESET,
    "ConnectionAbortedError": Cause.RESET,
    "BrokenPipeError": Cause.RESET,
    "TooManyRedirects": Cause.REDIRECTS,
    "InvalidURL": Cause.INVALID,
    "InvalidSchema": Cause.INVALID,
    "MissingSchema": Cause.INVALID,
    "InvalidHeader": Cause.OTHER,
}
# errno values that name the network (POSIX and Windows): unreachable, refused, reset, timed out
_ERRNO_CAUSES = {
    -2: Cause.DNS,
    -3: Cause.DNS,
    -5: Cause.DNS,
    11001: Cause.DNS,
    11004: Cause.DNS,
    111: Cause.REFUSED,
    10061: Cause.REFUSED,
    101: Cause.REFUSED,
    113: Cause.REFUSED,
    10051: Cause.REFUSED,
    10065: Cause.REFUSED,
    104: Cause.RESET,
    10054: Cause.RESET,
    110: Cause.TIMEOUT,
    10060: Cause.TIMEOUT,
    2: Cause.MISSING_FILE,
}


def linkchecker_cause(result: str) -> Cause:
    """The cause of a failed linkchecker row without an HTTP status, from the exception classes its
    `result` names (« ConnectionError: …(Caused by NameResolutionError(…)) », « URLError: <urlopen
    error [Errno 2] …> »), the way linkchecker writes them: class names and errno values, not prose."""
    named = [_CLASS_CAUSES[name] for name in _CALLED.findall(result) if name in _CLASS_CAUSES]
    if Cause.PROXY in named:  # « ProxyError(…, NewConnectionError(…)) »: the proxy is what failed
        return Cause.PROXY
    if named:
        return named[-1]  # the innermost cause is the most precise
    errno = _ERRNO.search(result)
    if errno and int(errno.group(1)) in _ERRNO_CAUSES:
        return _ERRNO_CAUSES[int(errno.group(1))]
    outer = _EXCEPTION.match(result)
    if outer:
        cause = _CLASS_CAUSES.get(outer.group(1).rsplit(".", 1)[-1])
        if cause is not None:
            return cause
    return Cause.OTHER
