"""Secrets left in what gets published: keys, passwords, API tokens — in production files
(text, PDF, DOCX/ODT, zip members) and in portfolio.yml itself."""

from __future__ import annotations

import bisect
import hashlib
import html
import io
import json
import logging
import os
import re
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.checks.files import resolved_files
from e5portfolio.core.fileutil import write_text_atomic
from e5portfolio.core.findings import Finding, Severity

SCAN_BYTES = 2 * 1024 * 1024  # text read from one file, one zip member or one XML part
PDF_BYTES = 30 * 1024 * 1024  # larger PDFs are not opened (scans, not typed procedures)
PDF_PAGES = 300
PDF_SECONDS = 5.0  # text extraction of one PDF stops after this (a hostile file may be slow to read)
ZIP_MEMBERS = 2000  # members looked at in one archive
ZIP_TOTAL_BYTES = 40 * 1024 * 1024  # uncompressed bytes read from one archive, at most
ZIP_RATIO = 200  # a member inflating more than this is a zip bomb: not read


@dataclass(frozen=True)
class Secret:
    line: int
    column: int
    kind: str  # French description


@dataclass(frozen=True)
class Hit:
    """A secret found in a file: where (French, without the value) and what kind."""

    where: str
    kind: str


_TOKENS: list[tuple[str, re.Pattern]] = [
    ("clé privée", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
    ("jeton GitHub", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b")),
    ("clé d'accès AWS", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("jeton Slack", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b")),
    ("webhook Slack", re.compile(r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/\w+")),
    ("jeton JWT", re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
    ("clé d'API Google", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("clé Stripe", re.compile(r"\b[sr]k_live_[0-9A-Za-z]{20,}\b")),
    ("clé d'API OpenAI", re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b")),
    ("jeton GitLab", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b")),
]

_KEY = r"[A-Za-z_][\w.-]*"
_SECRET_KEY_WORD = re.compile(
    r"(?:pass(?:word|wd|wort|phrase)?|pwd|mdp|mot_?de_?passe|secret|token|api_?key|access_?key"
    r"|private_?key|psk)",
    re.IGNORECASE,
)
# Words of a key that describe a secret without holding it: password_file, token_url,
# password_min_length, PasswordAuthentication, max_password_age…
_METADATA_WORDS = {
    "file",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "length",
    "len",
    "min",
    "max",
    "size",
    "age",
    "expire",
    "expires",
    "expiry",
    "expiration",
    "policy",
    "timeout",
    "ttl",
    "count",
    "retries",
    "retry",
    "history",
    "complexity",
    "prompt",
    "label",
    "field",
    "hint",
    "reset",
    "change",
    "authentication",
    "required",
    "enabled",
    "encryption",
    "type",
    "mode",
    "method",
    "format",
    "regex",
    "pattern",
    "strength",
    "validity",
    "lifetime",
    "delay",
    "attempts",
    "lockout",
    "last",
    "set",
    "command",
    "cmd",
    "helper",
    "name",
    "id",
    "identity",
    "manager",
}
# Every pattern stays on one line ([ \t], never \s, between the key and its value): an empty
# value (DB_PASSWORD= in an .env.example) must not take the next line as its value.
_QUOTED = r"(?P<q>['\"])(?P<value>[^'\"\s]+)(?P=q)"
_ASSIGNMENTS: list[tuple[str, re.Pattern]] = [
    # PHP / PowerShell / shell variables: only a quoted literal counts ($p = Read-Host … is fine)
    ("mot de passe dans une variable", re.compile(r"\$(?P<key>" + _KEY + r")[ \t]*=[ \t]*" + _QUOTED)),
    # PHP define('DB_PASSWORD', 'value')
    (
        "mot de passe dans define()",
        re.compile(r"define\([ \t]*['\"](?P<key>" + _KEY + r")['\"][ \t]*,[ \t]*" + _QUOTED, re.I),
    ),
    # PHP arrays: 'password' => 'value'
    ("mot de passe dans un tableau PHP", re.compile(r"['\"](?P<key>" + _KEY + r")['\"][ \t]*=>[ \t]*" + _QUOTED)),
    # JSON "password": "value"
    ("mot de passe JSON", re.compile(r"\"(?P<key>" + _KEY + r")\"[ \t]*:[ \t]*\"(?P<value>[^\"\s]+)\"")),
    # INI, .env, YAML, properties: key = value / key: value at line start; a quoted value may
    # hold spaces (a Wi-Fi passphrase)
    (
        "mot de passe en configuration",
        re.compile(
            r"^[ \t]*(?:export[ \t]+|-[ \t]+)?(?P<key>" + _KEY + r")[ \t]*[=:][ \t]*"
            r"(?:(?P<q>['\"])(?P<quoted>[^'\"\n]{1,64})(?P=q)|(?P<value>[^'\"\s#;]+))"
            r"[ \t]*(?:[#;].*)?$",
            re.M,
        ),
    ),
    # docker-compose environment as a quoted list item: - "MYSQL_PASSWORD=value"
    (
        "mot de passe en configuration",
        re.compile(r"^[ \t]*-[ \t]+(?P<q>['\"])(?P<key>" + _KEY + r")=(?P<value>[^'\"\s]+)(?P=q)", re.M),
    ),
]
_ARG = r"(?P<q>['\"]?)(?P<value>[^\s'\"]+)(?P=q)"  # a command-line argument, quoted or not
# From a command's name to its option: a bounded window, so that a long line holding the name
# many times (a 150 KB line of a .log) is scanned in linear time, not once per occurrence to its end.
_WINDOW = r"[^\n]{0,300}?"
_LITERALS: list[tuple[str, re.Pattern]] = [
    (
        "mot de passe Cisco",
        re.compile(r"^[ \t]*enable[ \t]+(?:secret|password)[ \t]+(?:\d[ \t]+)?(?P<value>\S+)", re.M | re.I),
    ),
    (
        "mot de passe Cisco",
        re.compile(
            r"^[ \t]*username[ \t]+\S+[ \t]+(?:privilege[ \t]+\d+[ \t]+)?(?:secret|password)[ \t]+(?:\d[ \t]+)?"
            r"(?P<value>\S+)",
            re.M | re.I,
        ),
    ),
    # password 7 (reversible), key 7, key-string 0…: any Cisco secret with its encryption type
    (
        "mot de passe Cisco",
        re.compile(
            r"(?:^[ \t]*(?:password|key|key-string|secret)|\b(?:authentication-key|ppp[ \t]+\w+[ \t]+password"
            r"|md5|ascii|hex))[ \t]+[07][ \t]+(?P<value>\S+)",
            re.M | re.I,
        ),
    ),
    ("mot de passe Cisco", re.compile(r"^[ \t]*key-string[ \t]+(?:[07][ \t]+)?(?P<value>\S+)", re.M | re.I)),
    ("communauté SNMP", re.compile(r"^[ \t]*snmp-server[ \t]+community[ \t]+(?P<value>\S+)", re.M | re.I)),
    (
        "clé RADIUS/TACACS",
        re.compile(r"^[ \t]*(?:radius|tacacs)-server\b[^\n]*?[ \t]key[ \t]+(?:[07][ \t]+)?(?P<value>\S+)", re.M | re.I),
    ),
    (
        "mot de passe LDAP",
        re.compile(r"^[ \t]*(?:olcRootPW|rootpw|userPassword)(?:[ \t]*::?|[ \t]+)[ \t]*(?P<value>\S+)", re.M | re.I),
    ),
    (
        "mot de passe SQL",
        re.compile(
            r"\bIDENTIFIED[ \t]+(?:WITH[ \t]+\w+[ \t]+)?BY[ \t]+(?:PASSWORD[ \t]+)?(?P<q>['\"])(?P<value>[^'\"\n]+)(?P=q)",
            re.I,
        ),
    ),
    (
        "mot de passe SQL",
        re.compile(
            r"\b(?:ALTER|CREATE)[ \t]+(?:USER|ROLE|LOGIN)\b[^;\n]{0,300}?\bPASSWORD[ \t]*=?[ \t]*"
            r"(?P<q>['\"])(?P<value>[^'\"\n]+)(?P=q)",
            re.I,
        ),
    ),
    (
        "mot de passe en ligne de commande MySQL",
        re.compile(r"\bmysql(?:dump|admin|import|check)?\b" + _WINDOW + r"[ \t]-p" + _ARG),
    ),
    (
        "mot de passe en ligne de commande",
        re.compile(
            r"--(?:http-|ftp-)?(?:password|passwd|pass)(?:=|[ \t]+)(?P<q>['\"]?)(?P<value>[^\s'\"-][^\s'\"]*)(?P=q)"
        ),
    ),
    ("mot de passe en ligne de commande", re.compile(r"\bsshpass[ \t]+-p[ \t]*" + _ARG)),
    (
        "mot de passe en ligne de commande (curl)",
        re.compile(
            r"\bcurl\b"
            + _WINDOW
            + r"[ \t](?:-u|--user)(?:[ \t]*|=)(?P<q>['\"]?)[^\s:'\"]{1,256}:(?P<value>[^\s'\"]+)(?P=q)"
        ),
    ),
    (
        "mot de passe en ligne de commande (htpasswd)",
        re.compile(
            r"\bhtpasswd(?=[^\n]{0,300}?[ \t]-[a-zA-Z]{0,10}b)(?:[ \t]+-[a-zA-Z]{1,10}){1,5}[ \t]+\S{1,256}[ \t]+\S{1,256}"
            r"[ \t]+" + _ARG
        ),
    ),
    (
        "mot de passe en ligne de commande (chpasswd)",
        re.compile(
            r"\b(?:echo|printf)[ \t]+(?:-\w+[ \t]+)?(?P<q>['\"]?)[\w.-]+:(?P<value>[^\s'\":]+)(?P=q)"
            r"[ \t]*\|[ \t]*(?:sudo[ \t]+)?chpasswd"
        ),
    ),
    (
        "mot de passe en ligne de commande (chpasswd)",
        re.compile(r"\bchpasswd[ \t]*<<<[ \t]*(?P<q>['\"]?)[\w.-]+:(?P<value>[^\s'\"]+)(?P=q)"),
    ),
    (
        "mot de passe en ligne de commande (passwd --stdin)",
        re.compile(
            r"\b(?:echo|printf)[ \t]+(?:-\w+[ \t]+)?(?P<q>['\"]?)(?P<value>[^\s'\"|]+)(?P=q)"
            r"[ \t]*\|[ \t]*(?:sudo[ \t]+)?passwd[ \t]+--stdin"
        ),
    ),
    (
        "mot de passe Wi-Fi en ligne de commande",
        re.compile(r"\bnmcli\b" + _WINDOW + r"[ \t](?:password|wifi-sec\.psk)[ \t]+" + _ARG),
    ),
    ("mot de passe Wi-Fi en ligne de commande", re.compile(r"\bwpa_passphrase[ \t]+\S+[ \t]+" + _ARG)),
    (
        "mot de passe en clair (ConvertTo-SecureString)",
        re.compile(
            r"ConvertTo-SecureString\b(?=[^\n]{0,300}?-AsPlainText)"
            + _WINDOW
            + r"(?P<q>['\"])(?P<value>[^'\"\s]+)(?P=q)",
            re.I,
        ),
    ),
    (
        "mot de passe dans « net user »",
        re.compile(r"\bnet[ \t]+user[ \t]+\S{1,256}[ \t]+(?P<value>[^\s/*][^\s/]{0,255})[ \t]+/add", re.I),
    ),
    (
        "mot de passe dans une adresse",
        re.compile(r"\b[a-z][a-z0-9+.-]{0,30}://[^\s:/@'\"]{1,256}:(?P<value>[^\s@/'\"]{1,256})@[\w.-]+", re.I),
    ),
    # « Mot de passe : `Azerty123` », « MDP admin = "Azerty123" »: a quoted value counts
    (
        "mot de passe écrit dans le texte",
        re.compile(
            r"\b(?:mots? de passe|password|passwd|mdp|pwd)\b(?:[ \t]+(?!est\b)[\w'’-]+){0,3}?[ \t]*(?:[:=]|est)"
            r"[ \t]*[`'\"«][ \t]*(?P<value>[^`'\"»\s]+)[ \t]*[`'\"»]",
            re.I,
        ),
    ),
]
# Values written without quotes in prose count only when they look like a password
_PROSE: list[tuple[str, re.Pattern]] = [
    # « Mot de passe : Azerty123 », « MDP admin = Azerty123 », « le mot de passe est Azerty123 »
    (
        "mot de passe écrit dans le texte",
        re.compile(
            r"\b(?:mots? de passe|password|passwd|mdp|pwd)\b(?:[ \t]+(?!est\b)[\w'’-]+){0,3}?[ \t]*"
            r"(?::|=|\best\b[ \t]*:?)[ \t]*(?P<value>[^\s`'\"«»]+)",
            re.I,
        ),
    ),
    # « identifiant admin, mot de passe Azerty123 »
    (
        "mot de passe écrit dans le texte",
        re.compile(
            r"\b(?:identifiant|login|utilisateur|user|compte)\b[^\n]{0,40}?[,;/][ \t]*(?:et[ \t]+)?"
            r"(?:mot de passe|mdp|password)[ \t]+(?P<value>[^\s`'\"«»:=]+)",
            re.I,
        ),
    ),
]

# Values that stand for a secret without being one. Compared letters and digits only, so
# « Password1 » or « Motdepasse2025 » (real, if weak, passwords) are not among them.
_PLACEHOLDER_WORDS = {
    "password",
    "motdepasse",
    "votremotdepasse",
    "mdp",
    "secret",
    "changeme",
    "redacted",
    "masque",
    "placeholder",
    "example",
    "exemple",
    "todo",
    "none",
    "null",
    "true",
    "false",
    "yes",
    "no",
    "empty",
    "vide",
    "xxx",
    "required",
    "prompt",
    "stdin",
    "hidden",
    "cache",
    "string",
    "str",
    "text",
    "texte",
    "value",
    "valeur",
    "integer",
    "number",
    "boolean",
    "public",
}
_SCHEME_HASH = re.compile(r"\{[A-Za-z0-9-]+\}\S+")  # {SSHA}…: an LDAP hash, crackable
_CODE = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\(.*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def is_placeholder(value: str) -> bool:
    """Values that stand for a secret without being one: ********, <mdp>, ${VAR}, env lookups,
    code (get_token(user), secrets.token_hex(16), self.password)…"""
    text = value.strip().strip("'\"")
    if not text or re.fullmatch(r"[*xX.…•_\-#?]+", text):
        return True
    if _SCHEME_HASH.fullmatch(text):
        return False
    if text[0] in "<{[(!&*" or text.startswith(("ENC[", "vault:")):
        return True
    if re.match(r"\$(?:\{|\(|[A-Za-z_])|%\w+%", text):  # $VAR, ${VAR}, $(cmd), %VAR%
        return True
    if re.search(r"getenv|environ|env\(|read-host|getpass|input\(|\(\)", text, re.I):
        return True
    if _CODE.fullmatch(text):
        return True  # a function call or an attribute: the value is computed, not written
    if re.fullmatch(r"\d{1,2}", text):
        return True  # a flag or a small count, not a password
    word = re.sub(r"[^a-z0-9]", "", text.lower())
    return word in _PLACEHOLDER_WORDS


_ACRONYM = re.compile(r"[A-Z]{2,}\d*(?:-[A-Z0-9]+)+")  # WPA2-PSK, AES-256: a technique, not a value


def looks_like_password(value: str) -> bool:
    """An unquoted word of prose that is a password: 6 characters or more, letters with digits
    or signs (Azerty123, Sio2025!, Motdepasse2025), not a path, an address or an acronym."""
    text = value.rstrip(".,;:)»")
    if len(text) < 6 or is_placeholder(text) or _ACRONYM.fullmatch(text):
        return False
    if "/" in text or "\\" in text or "://" in text or "@" in text[1:-1] and "." in text:
        return False
    has_letter = any(c.isalpha() for c in text)
    has_other = any(c.isdigit() or c in "!#$%&*?+=_@" for c in text)
    return has_letter and has_other


def names_a_secret(key: str) -> bool:
    """password, DB_PASSWORD, api_key… but not password_file, token_url, PasswordAuthentication."""
    if not _SECRET_KEY_WORD.search(key):
        return False
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", key)}
    return not words & _METADATA_WORDS


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _value(match: re.Match) -> str:
    groups = match.groupdict()
    value = groups.get("value")
    return value if value is not None else groups.get("quoted") or ""


# Every pattern needs one of its needles (lowercase) on the line it matches: a pattern runs only
# on the lines that hold one of them, a few hundredths of a second for a 1 MB portfolio.yml.
_SECRET_WORDS = ("pass", "pwd", "mdp", "secret", "token", "key", "psk")
_PASSWORD_WORDS = ("pass", "mdp", "pwd")
_TOKEN_NEEDLES = (
    ("private key",),
    ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ("akia", "asia"),
    ("xox",),
    ("hooks.slack",),
    ("eyj",),
    ("aiza",),
    ("k_live_",),
    ("sk-",),
    ("glpat-",),
)
_LITERAL_NEEDLES = (
    ("secret", "pass"),
    ("secret", "pass"),
    ("pass", "key", "secret", "md5", "ascii", "hex"),
    ("key",),
    ("snmp",),
    ("key",),
    ("rootpw", "pass"),
    ("identified",),
    ("pass",),
    ("mysql",),
    ("pass",),
    ("pass",),
    ("curl",),
    ("pass",),
    ("pass",),
    ("pass",),
    ("pass",),
    ("nmcli",),
    ("pass",),
    ("convertto-securestring",),
    ("/add",),
    ("://",),
    _PASSWORD_WORDS,
)
assert len(_TOKEN_NEEDLES) == len(_TOKENS) and len(_LITERAL_NEEDLES) == len(_LITERALS)


def _accept_assignment(match: re.Match) -> bool:
    return names_a_secret(match.group("key")) and not is_placeholder(_value(match))


def _accept_literal(match: re.Match) -> bool:
    return not is_placeholder(match.group("value"))


def _accept_prose(match: re.Match) -> bool:
    return looks_like_password(match.group("value"))


# (kind, pattern, needles, group whose start locates the secret, test of a match), in the order
# that decides the kind shown when several patterns find the same line
_CHECKS: list[tuple[str, re.Pattern, tuple[str, ...], str | None, Callable[[re.Match], bool] | None]] = [
    *((kind, pattern, needles, None, None) for (kind, pattern), needles in zip(_TOKENS, _TOKEN_NEEDLES, strict=True)),
    *((kind, pattern, _SECRET_WORDS, "key", _accept_assignment) for kind, pattern in _ASSIGNMENTS),
    *(
        (kind, pattern, needles, None, _accept_literal)
        for (kind, pattern), needles in zip(_LITERALS, _LITERAL_NEEDLES, strict=True)
    ),
    *((kind, pattern, _PASSWORD_WORDS, None, _accept_prose) for kind, pattern in _PROSE),
]
_ALL_NEEDLES = tuple(sorted({needle for _, _, needles, _, _ in _CHECKS for needle in needles}))


def find_secrets(text: str) -> list[Secret]:
    """Every likely secret in `text`, at most one per line."""
    found: dict[int, Secret] = {}
    lowered = text.lower()
    present = {needle for needle in _ALL_NEEDLES if needle in lowered}
    if not present:
        return []
    lines = text.split("\n") if len(text) > 20_000 else None
    needle_lines = _needle_lines(text, lowered, present) if lines is not None else {}
    for kind, pattern, needles, anchor, accept in _CHECKS:
        if present.isdisjoint(needles):
            continue
        if lines is None:  # a small text: scanned whole
            kept, scanned = None, text
        else:  # only the lines holding a needle of this pattern
            kept = sorted(set().union(*(needle_lines.get(needle, ()) for needle in needles)))
            scanned = "\n".join(lines[index] for index in kept)
        for match in pattern.finditer(scanned):
            if accept is not None and not accept(match):
                continue
            line, column = _position(scanned, match.start(anchor) if anchor else match.start())
            if kept is not None:
                line = kept[line - 1] + 1
            found.setdefault(line, Secret(line, column, kind))
    if not present.isdisjoint(_PASSWORD_WORDS + ("secret",)):
        for secret in _table_secrets(text):
            found.setdefault(secret.line, secret)
    return [found[line] for line in sorted(found)]


_TABLE_HEADER = re.compile(r"^(?:mots?[ _-]?de[ _-]?passe|mdp|pass(?:word|wd)?|pwd|secret)$", re.I)
_TABLE_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*$")
_NOT_A_VALUE = {"oui", "non", "na", "nd", "aucun", "aucune", "inconnu", "identique", "idem"}


def _cells(line: str, delimiter: str) -> list[tuple[int, str]]:
    """(offset, text) of each cell of a Markdown table row or a CSV line."""
    cells, offset = [], 0
    body = line
    if delimiter == "|":
        stripped = line.lstrip()
        offset = len(line) - len(stripped) + 1
        body = stripped[1:].rstrip()
        body = body[:-1] if body.endswith("|") else body
    for part in body.split(delimiter):
        lead = len(part) - len(part.lstrip())
        cells.append((offset + lead, part.strip().strip('"')))
        offset += len(part) + 1
    return cells


def _table_secrets(text: str) -> Iterator[Secret]:
    """Values under a « Mot de passe » column of a Markdown table or a CSV file (accounts to
    create, a procedure's table of logins)."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        index += 1
        lowered = line.lower()
        if not any(word in lowered for word in ("pass", "mdp", "pwd", "secret")):
            continue
        delimiter = "|" if line.lstrip().startswith("|") else next((d for d in ";\t," if d in line), None)
        if delimiter is None:
            continue
        header = _cells(line, delimiter)
        columns = [number for number, (_, cell) in enumerate(header) if _TABLE_HEADER.match(cell)]
        if not columns:
            continue
        while index < len(lines):
            row = lines[index].rstrip("\r")
            if not row.strip() or (delimiter == "|" and not row.lstrip().startswith("|")) or delimiter not in row:
                break
            index += 1
            if delimiter == "|" and _TABLE_SEPARATOR.match(row):
                continue
            cells = _cells(row, delimiter)
            for number in columns:
                if number < len(cells):
                    offset, value = cells[number]
                    if (
                        len(value) >= 4
                        and not any(c.isspace() for c in value)
                        and not is_placeholder(value)
                        and value.lower() not in _NOT_A_VALUE
                    ):
                        yield Secret(index, offset + 1, "mot de passe dans un tableau")
                        break


def _needle_lines(text: str, lowered: str, needles: set[str]) -> dict[str, set[int]]:
    """For each needle, the indexes (from 0) of the lines that hold it."""
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    result: dict[str, set[int]] = {}
    for needle in needles:
        lines = result.setdefault(needle, set())
        position = lowered.find(needle)
        while position != -1:
            line = bisect.bisect_right(starts, position) - 1
            lines.add(line)
            position = lowered.find(needle, starts[line + 1] if line + 1 < len(starts) else len(text))
    return result


# --- reading what a file says ---------------------------------------------------------------------


def decode_text(raw: bytes) -> str | None:
    """The text of bytes judged by their content (no NUL byte, not a PDF or zip), else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Windows PowerShell ISE, Notepad)
        return raw.decode("utf-16", errors="replace")
    if b"\x00" in raw[:8192] or raw.startswith(b"%PDF") or raw.startswith(b"PK\x03\x04"):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_text_like(path: Path) -> str | None:
    """The text of a file judged by its content (no NUL byte), else None."""
    with path.open("rb") as handle:
        return decode_text(handle.read(SCAN_BYTES))


def pdf_pages(source: Path | bytes) -> list[str]:
    """The text of each page of a PDF (at most PDF_PAGES pages, SCAN_BYTES characters, PDF_SECONDS
    seconds); [] when it cannot be read (damaged, encrypted). pypdf is imported here only: `check` stays fast on
    a portfolio without PDF."""
    import pypdf  # noqa: PLC0415 (lazy: ~0.1 s of import)

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its English warnings are not ours
    pages: list[str] = []
    total = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stream = io.BytesIO(source) if isinstance(source, bytes) else source
            reader = pypdf.PdfReader(stream, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return []
            deadline = time.monotonic() + PDF_SECONDS
            for number, page in enumerate(reader.pages):
                if number >= PDF_PAGES or total >= SCAN_BYTES or time.monotonic() > deadline:
                    break
                text = page.extract_text() or ""
                pages.append(text)
                total += len(text)
    except Exception:  # noqa: BLE001 — pypdf raises many kinds on a damaged file: nothing to read
        return pages
    return pages


_OFFICE_PARTS = re.compile(
    r"word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
    r"|content\.xml|styles\.xml"
)
_XML_BREAK = re.compile(r"</w:p>|<w:br\b[^>]*/>|<w:cr\b[^>]*/>|</text:p>|</text:h>|<text:line-break\b[^>]*/>")
_XML_SPACE = re.compile(r"<w:tab\b[^>]*/>|<text:tab\b[^>]*/>|<text:s\b[^>]*/>")
_XML_TAG = re.compile(r"<[^>]*>")
_XML_LINE_END = re.compile(r"\r\n|\r|\n")  # the file's own line ends: paragraphs are the XML's


def xml_text(xml: str) -> str:
    """Paragraphs of a DOCX/ODT XML part, one per line. Tags are cut by a pattern: no XML
    parser, so no entity expansion from a hostile file."""
    xml = _XML_LINE_END.sub(" ", xml)  # Word writes one after <?xml …?>: not a paragraph
    text = _XML_SPACE.sub(" ", _XML_BREAK.sub("\n", xml))
    return html.unescape(_XML_TAG.sub("", text))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes | None:
    """At most SCAN_BYTES of one member, None for a directory, a bomb or an encrypted member."""
    if info.is_dir() or budget[0] <= 0:
        return None
    if info.compress_size and info.file_size / info.compress_size > ZIP_RATIO:
        return None
    try:
        with archive.open(info) as handle:
            data = handle.read(min(SCAN_BYTES, budget[0]))
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    budget[0] -= len(data)
    return data


def _office_text(archive: zipfile.ZipFile, budget: list[int]) -> str | None:
    """The text of a DOCX or ODT (a zip with word/document.xml or content.xml), else None."""
    names = archive.namelist()
    if "word/document.xml" not in names and "content.xml" not in names:
        return None
    parts = []
    for info in archive.infolist():
        if _OFFICE_PARTS.fullmatch(info.filename):
            data = _read_member(archive, info, budget)
            if data:
                parts.append(xml_text(data.decode("utf-8", errors="replace")))
    return "\n".join(parts)


def _shown(name: str) -> str:
    """A member name fit for a one-line message (no control character)."""
    return "".join(c if c.isprintable() else "?" for c in name)[:120]


def _text_hits(text: str, label: str) -> list[Hit]:
    return [Hit(f"{label}ligne {s.line}, colonne {s.column}", s.kind) for s in find_secrets(text)]


def _document_hits(data: bytes | Path, head: bytes, label: str, *, nested: bool) -> list[Hit]:
    """Secrets in one document (text, PDF, DOCX/ODT, zip) given its first bytes."""
    if head.startswith(b"%PDF"):
        hits = []
        for number, page in enumerate(pdf_pages(data), start=1):
            hits += [Hit(f"{label}page {number}, ligne {s.line}", s.kind) for s in find_secrets(page)]
        return hits
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
                return _archive_hits(archive, label, nested=nested)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return []
    if isinstance(data, Path):
        text = read_text_like(data)
    else:
        text = decode_text(data)
    return _text_hits(text, label) if text is not None else []


def _archive_hits(archive: zipfile.ZipFile, label: str, *, nested: bool) -> list[Hit]:
    budget = [ZIP_TOTAL_BYTES]
    office = _office_text(archive, budget)
    if office is not None:
        return [Hit(f"{label}paragraphe {s.line}", s.kind) for s in find_secrets(office)]
    if nested:
        return []  # an archive inside an archive is not opened
    hits: list[Hit] = []
    for info in archive.infolist()[:ZIP_MEMBERS]:
        data = _read_member(archive, info, budget)
        if not data:
            continue
        member_label = f"fichier « {_shown(info.filename)} » de l'archive, "
        if data.startswith(b"%PDF") and len(data) >= SCAN_BYTES:
            continue  # a PDF cut by the read limit cannot be parsed
        hits += _document_hits(data, data[:8], member_label, nested=True)
    return hits


def scan_file(path: Path, *, deep: bool = True, memo: PdfMemo | None = None) -> list[Hit]:
    """Every secret found in a file: its text, or with `deep` the text of a PDF, DOCX/ODT and
    the members of a zip (bounded in size, count and compression ratio). A PDF already read
    (same content) takes its result from `memo`."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith((b"%PDF", b"PK\x03\x04")):
        if not deep or (head.startswith(b"%PDF") and path.stat().st_size > PDF_BYTES):
            return []
    if head.startswith(b"%PDF") and memo is not None:
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        hits = memo.get(key)
        if hits is None:
            hits = _document_hits(data, head, "", nested=False)
            memo.put(key, hits)
        return hits
    return _document_hits(path, head, "", nested=False)


class PdfMemo:
    """What was found in each PDF already read, by content hash, kept in the user's cache folder
    (E5PORTFOLIO_CACHE_DIR, else XDG_CACHE_HOME, LOCALAPPDATA or ~/.cache): reading a PDF's
    text takes pypdf ~0.05 s a page, and `check` runs again after each edit. Only places and
    kinds are kept, never the text or a secret. A change of this detector empties it."""

    ENTRIES = 2000

    def __init__(self, file: Path | None):
        self.file = file
        self.changed = False
        self.entries: dict[str, list[list[str]]] = {}
        if file is None:
            return
        try:
            data = json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict) and data.get("version") == _detector_version():
            entries = data.get("pdf")
            self.entries = entries if isinstance(entries, dict) else {}

    @classmethod
    def for_user(cls) -> PdfMemo:
        base = os.environ.get("E5PORTFOLIO_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME")
            or os.environ.get("LOCALAPPDATA")
            or os.path.join(os.path.expanduser("~"), ".cache"),
            "e5portfolio",
        )
        return cls(Path(base) / "secrets-pdf.json")

    def get(self, key: str) -> list[Hit] | None:
        found = self.entries.get(key)
        if not isinstance(found, list):
            return None
        try:
            return [Hit(str(where), str(kind)) for where, kind in found]
        except (TypeError, ValueError):
            return None

    def put(self, key: str, hits: list[Hit]) -> None:
        self.entries.pop(key, None)
        self.entries[key] = [[hit.where, hit.kind] for hit in hits]
        while len(self.entries) > self.ENTRIES:
            self.entries.pop(next(iter(self.entries)))
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.file is None:
            return
        try:
            write_text_atomic(self.file, json.dumps({"version": _detector_version(), "pdf": self.entries}))
        except OSError:
            pass  # no cache folder (read-only home): the next check reads the PDFs again


def _detector_version() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _where(hits: list[Hit]) -> str:
    first = hits[0]
    others = len(hits) - 1
    if not others:
        return first.where
    noun = "ligne" if first.where.startswith("ligne") else "passage"
    plural = "s" if others > 1 else ""
    return f"{first.where} (et {others} autre{plural} {noun}{plural})"


@rule("secret-detecte", Severity.ERROR)
def secret_detecte(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un fichier publié (script, configuration, texte, PDF, DOCX/ODT, archive .zip) et les
    textes de portfolio.yml ne contiennent ni mot de passe, ni clé privée, ni jeton d'API.

    Le portfolio est public : un secret publié doit être considéré comme compromis. Les fichiers
    sont reconnus au contenu (pas à l'extension) ; le texte des PDF, des documents Word et
    LibreOffice et des fichiers d'une archive .zip est lu aussi. Les textes de portfolio.yml
    (présentation, descriptions, veille…) sont publiés sur le site : ils sont vérifiés de même.
    Les valeurs masquées (`********`, `<mdp>`, `${DB_PASSWORD}`), calculées
    (`token = get_token(user)`) et les saisies (`Read-Host -AsSecureString "Mot de passe"`)
    sont acceptées. Le secret lui-même n'est jamais affiché.

    Correct :   DB_PASSWORD=${DB_PASSWORD}   ou   password: ********
    Incorrect : DB_PASSWORD=Azerty123   ou   enable secret 5 $1$mERr$…   ou   mysql -u root -pAzerty
    ou   « Mot de passe : Azerty123 »   ou   CREATE USER 'glpi'@'localhost' IDENTIFIED BY 'Azerty123';
    """
    yield from _portfolio_text_secrets(self, ctx)
    memo = PdfMemo.for_user()
    try:
        yield from _file_secrets(self, ctx, memo)
    finally:
        memo.save()


def _file_secrets(self: Rule, ctx: CheckContext, memo: PdfMemo) -> Iterator[Finding]:
    seen: set[Path] = set()
    for item in resolved_files(ctx):
        if item.path is None or item.path in seen:
            continue
        seen.add(item.path)
        # an attestation is a signed scan kept off the site unless publication.attestations
        deep = not item.ref.is_attestation or ctx.portfolio.publication.attestations
        try:
            hits = scan_file(item.path, deep=deep, memo=memo)
        except OSError:
            continue
        if hits:
            yield ctx.finding(
                self,
                item.ref.yaml_path,
                f"{item.ref.what} : « {item.ref.text} » contient un secret ({hits[0].kind}) "
                f"{_where(hits)} : remplacez-le par ******** ou une variable d'environnement "
                "avant de publier, et changez ce secret s'il a déjà été publié",
            )


def _portfolio_text_secrets(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Secrets written in portfolio.yml itself (its texts go to the site and its search index),
    each located at its line and column."""
    path = ctx.root / ctx.validated.file
    try:
        text = read_text_like(path) if path.is_file() else None
    except OSError:
        return
    for secret in find_secrets(text or ""):
        yield Finding(
            self.id,
            self.severity,
            f"{ctx.validated.file} contient un secret ({secret.kind}) : ce texte est publié sur "
            "le site et dans son index de recherche ; remplacez-le par ******** et changez ce "
            "secret s'il a déjà été publié",
            ctx.validated.file,
            secret.line,
            secret.column,
        )


RULES = (secret_detecte,)
