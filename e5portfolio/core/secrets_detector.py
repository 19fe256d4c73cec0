"""The secrets detector: patterns for keys, passwords and API tokens, and the scan of a text
for them (line and column of each, never the value). Pure text: reading files into text is
checks/document_text.py, the rule that reports them is checks/secrets.py."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Secret:
    line: int
    column: int
    kind: str  # French description


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
