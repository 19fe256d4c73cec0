"""Secrets left in published production files: keys, passwords, API tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, Severity
from .base import CheckContext, Rule, rule
from .files import resolved_files

SCAN_BYTES = 2 * 1024 * 1024


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
    "file", "path", "dir", "url", "uri", "endpoint", "length", "len", "min", "max", "size", "age",
    "expire", "expires", "expiry", "expiration", "policy", "timeout", "ttl", "count", "retries",
    "retry", "history", "complexity", "prompt", "label", "field", "hint", "reset", "change",
    "authentication", "required", "enabled", "encryption", "type", "mode", "method",
    "format", "regex", "pattern", "strength", "validity", "lifetime", "delay", "attempts",
    "lockout", "last", "set", "command", "cmd", "helper", "name", "id", "identity", "manager",
}
_QUOTED = r"(?P<q>['\"])(?P<value>[^'\"\s]+)(?P=q)"
_ASSIGNMENTS: list[tuple[str, re.Pattern]] = [
    # PHP / PowerShell / shell variables: only a quoted literal counts ($p = Read-Host … is fine)
    ("mot de passe dans une variable", re.compile(r"\$(?P<key>" + _KEY + r")\s*=\s*" + _QUOTED)),
    # PHP define('DB_PASSWORD', 'value')
    ("mot de passe dans define()", re.compile(
        r"define\(\s*['\"](?P<key>" + _KEY + r")['\"]\s*,\s*" + _QUOTED, re.I)),
    # PHP arrays: 'password' => 'value'
    ("mot de passe dans un tableau PHP", re.compile(
        r"['\"](?P<key>" + _KEY + r")['\"]\s*=>\s*" + _QUOTED)),
    # JSON "password": "value"
    ("mot de passe JSON", re.compile(r"\"(?P<key>" + _KEY + r")\"\s*:\s*\"(?P<value>[^\"\s]+)\"")),
    # INI, .env, YAML, properties: key = value / key: value at line start
    ("mot de passe en configuration", re.compile(
        r"^\s*(?:export\s+|-\s+)?(?P<key>" + _KEY + r")\s*[=:]\s*(?P<q>['\"]?)(?P<value>[^'\"\s#;]+)(?P=q)"
        r"\s*(?:[#;].*)?$",
        re.M)),
]
_LITERALS: list[tuple[str, re.Pattern]] = [
    ("mot de passe Cisco", re.compile(
        r"^\s*enable\s+(?:secret|password)\s+(?:\d\s+)?(?P<value>\S+)", re.M | re.I)),
    ("mot de passe Cisco", re.compile(
        r"^\s*username\s+\S+\s+(?:privilege\s+\d+\s+)?(?:secret|password)\s+(?:\d\s+)?(?P<value>\S+)",
        re.M | re.I)),
    ("mot de passe Cisco", re.compile(r"^\s*password\s+(?:7|0)\s+(?P<value>\S+)", re.M | re.I)),
    ("mot de passe en ligne de commande MySQL", re.compile(
        r"\bmysql(?:dump|admin|import|check)?\b[^\n]*?\s-p(?P<value>[^\s'\"]\S*)")),
    ("mot de passe en ligne de commande", re.compile(
        r"--(?:password|passwd|pass)(?:=|[ \t]+)(?P<q>['\"]?)(?P<value>[^\s'\"-][^\s'\"]*)(?P=q)")),
    ("mot de passe en ligne de commande", re.compile(r"\bsshpass\s+-p\s*(?P<q>['\"]?)(?P<value>[^\s'\"]+)")),
    ("mot de passe en clair (ConvertTo-SecureString)", re.compile(
        r"ConvertTo-SecureString\s+(?:-String\s+)?" + _QUOTED + r"\s+-AsPlainText", re.I)),
    ("mot de passe dans « net user »", re.compile(
        r"\bnet\s+user\s+\S+\s+(?P<value>[^\s/*][^\s/]*)\s+/add", re.I)),
    ("mot de passe dans une adresse", re.compile(
        r"\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:(?P<value>[^\s@/'\"]+)@[\w.-]+", re.I)),
    # « Mot de passe : `Azerty123` » in a procedure: only a quoted or code-formatted value counts
    ("mot de passe écrit dans le texte", re.compile(
        r"\b(?:mot de passe|password|mdp)\b\s*(?:[:=]|est)\s*[`'\"«]\s*(?P<value>[^`'\"»\s]+)\s*[`'\"»]",
        re.I)),
]

_PLACEHOLDER_WORDS = {
    "password", "motdepasse", "votremotdepasse", "mdp", "secret", "changeme", "redacted", "masque",
    "placeholder", "example", "exemple", "todo", "none", "null", "true", "false", "yes", "no",
    "empty", "vide", "xxx", "required", "prompt", "stdin", "hidden", "cache",
}


def is_placeholder(value: str) -> bool:
    """Values that stand for a secret without being one: ********, <mdp>, ${VAR}, env lookups…"""
    text = value.strip().strip("'\"")
    if not text or re.fullmatch(r"[*xX.…•_\-#?]+", text):
        return True
    if text[0] in "<{[(!&*" or text.startswith(("ENC[", "vault:")):
        return True
    if re.match(r"\$(?:\{|\(|[A-Za-z_])|%\w+%", text):  # $VAR, ${VAR}, $(cmd), %VAR%
        return True
    if re.search(r"getenv|environ|env\(|read-host|getpass|input\(|\(\)", text, re.I):
        return True
    if re.fullmatch(r"\d{1,2}", text):
        return True  # a flag or a small count, not a password
    word = re.sub(r"[^a-z]", "", text.lower())
    return word in _PLACEHOLDER_WORDS


def names_a_secret(key: str) -> bool:
    """password, DB_PASSWORD, api_key… but not password_file, token_url, PasswordAuthentication."""
    if not _SECRET_KEY_WORD.search(key):
        return False
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", key)}
    return not words & _METADATA_WORDS


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def find_secrets(text: str) -> list[Secret]:
    """Every likely secret in `text`, at most one per line."""
    found: dict[int, Secret] = {}

    def add(offset: int, kind: str) -> None:
        line, column = _position(text, offset)
        found.setdefault(line, Secret(line, column, kind))

    for kind, pattern in _TOKENS:
        for match in pattern.finditer(text):
            add(match.start(), kind)
    for kind, pattern in _ASSIGNMENTS:
        for match in pattern.finditer(text):
            if names_a_secret(match.group("key")) and not is_placeholder(match.group("value")):
                add(match.start("key"), kind)
    for kind, pattern in _LITERALS:
        for match in pattern.finditer(text):
            if not is_placeholder(match.group("value")):
                add(match.start(), kind)
    return [found[line] for line in sorted(found)]


def read_text_like(path: Path) -> str | None:
    """The text of a file judged by its content (no NUL byte), else None."""
    with path.open("rb") as handle:
        raw = handle.read(SCAN_BYTES)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Windows PowerShell ISE, Notepad)
        return raw.decode("utf-16", errors="replace")
    if b"\x00" in raw[:8192] or raw.startswith(b"%PDF") or raw.startswith(b"PK\x03\x04"):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@rule("secret-detecte", Severity.ERROR)
def secret_detecte(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un fichier publié (script, configuration, texte) ne contient ni mot de passe, ni clé
    privée, ni jeton d'API.

    Le portfolio est public : un secret publié doit être considéré comme compromis. Les fichiers
    sont reconnus au contenu (pas à l'extension). Les valeurs masquées (`********`, `<mdp>`,
    `${DB_PASSWORD}`) et les saisies (`Read-Host -AsSecureString "Mot de passe"`) sont acceptées.

    Correct :   DB_PASSWORD=${DB_PASSWORD}   ou   password: ********
    Incorrect : DB_PASSWORD=Azerty123   ou   enable secret 5 $1$mERr$…   ou   mysql -u root -pAzerty
    """
    seen: set[Path] = set()
    for item in resolved_files(ctx):
        if item.path is None or item.path in seen:
            continue
        seen.add(item.path)
        try:
            text = read_text_like(item.path)
        except OSError:
            continue
        if text is None:
            continue
        secrets = find_secrets(text)
        if secrets:
            first = secrets[0]
            others = len(secrets) - 1
            more = (f" (et {others} autre{'s' if others > 1 else ''} ligne{'s' if others > 1 else ''})"
                    if others else "")
            yield ctx.finding(self, item.ref.yaml_path,
                              f"{item.ref.what} : « {item.ref.text} » contient un secret ({first.kind}) "
                              f"ligne {first.line}, colonne {first.column}{more} : remplacez-le par "
                              "******** ou une variable d'environnement avant de publier, et changez ce "
                              "secret s'il a déjà été publié")


RULES = (secret_detecte,)
