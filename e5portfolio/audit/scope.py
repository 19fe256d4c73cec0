"""Network scope of an audit: where its requests, redirects and browser navigations may go.

A student's site must not make the teacher's audit visit the teacher's own services and put what
they answer into the report (a redirect or a `location.replace` to `http://127.0.0.1:OTHER/`, a
link-local or cloud metadata address). The rule, after name resolution:

- the audited origin itself (scheme, host, port) is always allowed;
- any other address must be public: loopback, private (RFC 1918, ULA), link-local, shared
  (100.64/10), unspecified, reserved and metadata addresses are refused.

So when the target is public, nothing local is reached; when the target is local (a folder served
on 127.0.0.1, a server of the school's network), only its own host and port are.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

# Cloud metadata services (AWS/GCP/Azure/OpenStack; Alibaba; AWS IPv6): refused even if is_global said otherwise.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(text) for text in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254")
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# (host, port) pairs treated as public: the tests stand in for outside sites with servers on
# 127.0.0.1 (tests/audit/conftest.py, `outside`); the product never adds any.
SIMULATED_PUBLIC: set[tuple[str, int]] = set()


def is_public(address: str) -> bool:
    """Whether `address` (an IP address as text) is a public unicast address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast and ip not in METADATA_ADDRESSES


@functools.lru_cache(maxsize=512)
def resolve(host: str) -> tuple[str, ...]:
    """The addresses `host` resolves to (an IP literal resolves to itself); () when unknown."""
    literal = host.strip("[]")
    try:
        return (str(ipaddress.ip_address(literal.split("%", 1)[0])),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(literal, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def origin_of(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL, lower-case, default port filled in; else None."""
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return scheme, host, port or _DEFAULT_PORTS[scheme]


@dataclass(frozen=True)
class Scope:
    """Where requests made for the audit of `target` may go."""

    target: str

    @property
    def origin(self) -> tuple[str, str, int] | None:
        return origin_of(self.target)

    @property
    def local(self) -> bool:
        """Whether the audited target itself is on a local or private address."""
        origin = self.origin
        addresses = resolve(origin[1]) if origin else ()
        return bool(addresses) and not all(is_public(a) for a in addresses)

    def allows(self, url: str) -> bool:
        return self.refusal(url) is None

    def refusal(self, url: str) -> str | None:
        """None when `url` may be requested; else why not (French, names no port that answered)."""
        origin = origin_of(url)
        if origin is None:
            return None  # not a web address: the fetch itself refuses it
        if _same_origin(origin, self.origin) or origin[1:] in SIMULATED_PUBLIC:
            return None
        addresses = resolve(origin[1])
        hidden = [a for a in addresses if not is_public(a)]
        if hidden:
            return (
                f"« {origin[1]} » désigne une adresse locale ou privée, hors du site audité : l'audit ne la visite pas"
            )
        return None


def same_site(url: str, target: str) -> bool:
    """Whether `url` has the origin (host and port) of `target`; http and https on their default
    ports count as the same site (a site that moves to HTTPS stays itself)."""
    return _same_origin(origin_of(url), origin_of(target))


def _same_origin(first: tuple[str, str, int] | None, second: tuple[str, str, int] | None) -> bool:
    if first is None or second is None or first[1] != second[1]:
        return False
    return first[2] == second[2] or (first[2] == _DEFAULT_PORTS[first[0]] and second[2] == _DEFAULT_PORTS[second[0]])
