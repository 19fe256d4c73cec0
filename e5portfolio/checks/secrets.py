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
    r"(?:pass(?:word|wd|wort)?|pwd|mdp|mot_?de_?passe|secret|token|api_?key|access_?key|private_?key)",
    re.IGNORECASE,
)
_ASSIGNMENTS: list[tuple[str, re.Pattern]] = [
    # PHP / PowerShell / shell variables: only a quoted literal counts ($p = Read-Host … is fine)
    ("mot de passe dans une variable", re.compile(
        r"\$(?P<key>" + _KEY + r")\s*=\s*(?P<q>['\"])(?P<value>[^'\"\s]+)(?P=q)")),
    # PHP define('DB_PASSWORD', 'value')
    ("mot de passe dans define()", re.compile(
        r"define\(\s*['\"](?P<key>" + _KEY + r")['\"]\s*,\s*['\"](?P<value>[^'\"\s]+)['\"]", re.I)),
    # JSON "password": "value"
    ("mot de passe JSON", re.compile(r"\"(?P<key>" + _KEY + r")\"\s*:\s*\"(?P<value>[^\"\s]+)\"")),
    # INI, .env, YAML, properties: key = value / key: value at line start
    ("mot de passe en configuration", re.compile(
        r"^\s*(?:export\s+|-\s+)?(?P<key>" + _KEY + r")\s*[=:]\s*(?P<q>['\"]?)(?P<value>[^'\"\s#;]+)(?P=q)\s*(?:[#;].*)?$",
        re.M)),
]
_CISCO = [
    re.compile(r"^\s*enable\s+(?:secret|password)\s+(?:\d\s+)?(?P<value>\S+)", re.M | re.I),
    re.compile(r"^\s*username\s+\S+\s+(?:privilege\s+\d+\s+)?(?:secret|password)\s+(?:\d\s+)?(?P<value>\S+)",
               re.M | re.I),
    re.compile(r"^\s*password\s+(?:7|0)\s+(?P<value>\S+)", re.M | re.I),
]
_MYSQL = re.compile(r"\bmysql(?:dump|admin|import)?\b[^\n]*?(?:\s-p(?P<value>[^\s'\"]\S*)|--password=(?P<value2>\S+))")
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:(?P<value>[^\s@/'\"]+)@[\w.-]+", re.I)

_PLACEHOLDER_WORDS = {
    "password", "motdepasse", "votremotdepasse", "mdp", "secret", "changeme", "redacted", "masque",
    "placeholder", "example", "exemple", "todo", "none", "null", "true", "false", "yes", "no",
    "empty", "vide", "xxx", "required", "prompt", "stdin",
}


def is_placeholder(value: str) -> bool:
    """Values that stand for a secret without being one: ********, <mdp>, ${VAR}, env lookups…"""
    text = value.strip().strip("'\"")
    if len(text) < 3:
        return True
    if re.fullmatch(r"[*xX.…•_\-#?]+", text):
        return True
    if text[0] in "<{$%!&*[(" or text.startswith(("{{", "ENC[", "vault:")):
        return True
    if re.search(r"getenv|environ|env\(|read-host|getpass|input\(|\(\)", text, re.I):
        return True
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return True  # a number: a length, a timeout, an expiry
    word = re.sub(r"[^a-z]", "", text.lower())
    return word in _PLACEHOLDER_WORDS


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
            if _SECRET_KEY_WORD.search(match.group("key")) and not is_placeholder(match.group("value")):
                add(match.start("key"), kind)
    for pattern in _CISCO:
        for match in pattern.finditer(text):
            if not is_placeholder(match.group("value")):
                add(match.start(), "mot de passe Cisco")
    for match in _MYSQL.finditer(text):
        value = match.group("value") or match.group("value2")
        if not is_placeholder(value):
            add(match.start(), "mot de passe en ligne de commande MySQL")
    for match in _URL_CREDENTIALS.finditer(text):
        if not is_placeholder(match.group("value")):
            add(match.start(), "mot de passe dans une adresse")
    return [found[line] for line in sorted(found)]


def read_text_like(path: Path) -> str | None:
    """The text of a file judged by its content (no NUL byte), else None."""
    with path.open("rb") as handle:
        raw = handle.read(SCAN_BYTES)
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
            more = f" (et {len(secrets) - 1} autre(s) ligne(s))" if len(secrets) > 1 else ""
            yield ctx.finding(self, item.ref.yaml_path,
                              f"{item.ref.what} : « {item.ref.text} » contient un secret ({first.kind}) "
                              f"ligne {first.line}, colonne {first.column}{more} : remplacez-le par "
                              "******** ou une variable d'environnement avant de publier, et changez ce "
                              "secret s'il a déjà été publié")


RULES = (secret_detecte,)
