"""Read portfolio.yml into plain data plus a position index; YAML problems become findings.

PyYAML composes the node tree (keeping marks), then we build the data ourselves so that
duplicate keys are refused, alias bombs are bounded and every node keeps its line and column.
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from e5portfolio.core.confine import refusal, why_refused
from e5portfolio.core.findings import Finding, Severity

try:  # libyaml is much faster; PyPI wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 100  # a portfolio needs about 6 levels; deeper trees would exhaust Python's stack

Path_ = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class PositionIndex:
    """Path in the data (keys and list indices) → 1-based (line, column)."""

    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    collections: set[Path_] = field(default_factory=set)  # paths whose value is a list or mapping
    # Numbers and booleans as written, when YAML reads them otherwise (02412345678 is octal
    # for YAML 1.1, « yes » is true).
    written: dict[Path_, str] = field(default_factory=dict)
    # Values merged from another file (prive.yml): path → that file's name.
    files: dict[Path_, str] = field(default_factory=dict)

    def file_for(self, path: Path_, default: str) -> str:
        """The file a finding about `path` points into: `default`, unless the value (or the
        mapping holding it) came from another file."""
        path = tuple(path)
        while path:
            if path in self.files:
                return self.files[path]
            path = path[:-1]
        return default

    def value(self, path: Path_) -> Position | None:
        """Position of the value at `path`, else of the nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def key(self, path: Path_) -> Position | None:
        """Position of the key that names `path` (for an unknown key), else of its value."""
        return self.keys.get(tuple(path)) or self.value(path)

    def best(self, path: Path_) -> Position | None:
        """Where to point for a finding about `path`: its value when it is a scalar (a date, a
        code), its key when it is a list or a mapping (« candidat: », not its first child)."""
        path = tuple(path)
        while True:
            if path in self.values:
                if path in self.collections and path in self.keys:
                    return self.keys[path]
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


@dataclass
class Loaded:
    data: Any
    positions: PositionIndex
    findings: list[Finding]
    file: str


class _YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _mark(node_or_mark: Any) -> Position:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1, mark.column + 1


def load_portfolio_file(path: Path, display_name: str | None = None, root: Path | None = None) -> Loaded:
    """Read `path` and return its data, positions and any `syntaxe-yaml` findings. The file is
    read only when its real path lies inside `root` (by default its own folder): a symbolic link
    that leaves the folder is refused, unread (core.confine)."""
    name = display_name or path.name
    path = Path(path)
    reason = refusal(path, path.parent if root is None else root)
    if reason is not None and (reason != "missing" or path.is_symlink()):
        message = why_refused(path.name, reason)
        if reason == "not-regular" and path.is_dir():
            message = (
                f"impossible de lire le fichier : « {path.name} » est un dossier, pas un fichier ; "
                "remettez à sa place le fichier YAML"
            )
        return Loaded(None, PositionIndex(), [_finding(name, message, 1, 1)], name)
    try:
        real = Path(os.path.realpath(path))
        size = real.stat().st_size
        if size > MAX_FILE_BYTES:
            return Loaded(None, PositionIndex(), [_finding(name, _too_big(size))], name)
        with real.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        finding = _finding(name, f"impossible de lire le fichier : {exc.strerror or exc}")
        return Loaded(None, PositionIndex(), [finding], name)
    return load_portfolio_bytes(raw, name)


def load_portfolio_bytes(raw: bytes, name: str = "portfolio.yml") -> Loaded:
    positions = PositionIndex()
    try:
        text = _decode(raw)
        data = _build(text, positions)
    except _YamlProblem as problem:
        finding = _finding(name, problem.message, problem.line, problem.column)
        return Loaded(None, PositionIndex(), [finding], name)
    return Loaded(data, positions, [], name)


def _finding(name: str, message: str, line: int | None = None, column: int | None = None) -> Finding:
    return Finding("syntaxe-yaml", Severity.ERROR, message, name, line, column)


def _too_big(size: int) -> str:
    megabytes = math.ceil(size / (1024 * 1024))
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return (
        f"fichier trop volumineux ({megabytes} Mo) : un portfolio.yml ne dépasse pas {limit} Mo ; "
        "placez les documents dans des fichiers à part et citez-les avec « fichier: »"
    )


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _YamlProblem(_too_big(len(raw)))
    wide = _wide_encoding(raw)
    if wide is not None:
        raise _YamlProblem(
            f"le fichier est encodé en {wide} : enregistrez-le en UTF-8 "
            "(dans le Bloc-notes : Enregistrer sous… › Encodage : UTF-8)",
            1,
            1,
        )
    if b"\x00" in raw:
        line, column = _offset_position(raw, raw.index(b"\x00"))
        raise _YamlProblem(
            "le fichier contient des octets binaires (caractère NUL) : ce n'est pas un fichier texte YAML", line, column
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _offset_position(raw, exc.start)
        raise _YamlProblem(
            "le fichier n'est pas encodé en UTF-8 (sans doute en ANSI/Windows-1252, comme "
            "l'enregistrent certains éditeurs Windows) : enregistrez-le en UTF-8 "
            "(Bloc-notes : Enregistrer sous… › Encodage : UTF-8 ; VS Code : barre d'état › "
            "Enregistrer avec l'encodage › UTF-8)",
            line,
            column,
        ) from None
    bad = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]", text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise _YamlProblem(
            f"caractère de contrôle U+{ord(bad.group()):04X} interdit (invisible, souvent venu d'un "
            "copier-coller) : supprimez-le",
            line,
            column,
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _YamlProblem("le fichier est vide : partez du modèle créé par « e5portfolio init »", 1, 1)
    # Unicode line separators (pasted from web pages or PDFs) would shift YAML's line numbers
    # away from the editor's: they become spaces.
    text = text.replace("\x85", " ").replace("\u2028", " ").replace("\u2029", " ")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _wide_encoding(raw: bytes) -> str | None:
    """« UTF-32 » or « UTF-16 » (with or without a byte order mark) when `raw` looks written in it."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:400]
    if len(head) >= 8:
        quads = len(head) // 4
        if any(
            sum(1 for i in range(quads) if head[4 * i + k] != 0) == quads
            and all(head[4 * i + j] == 0 for i in range(quads) for j in range(4) if j != k)
            for k in (0, 3)
        ):
            return "UTF-32"
        pairs = len(head) // 2
        for k in (0, 1):  # text in ASCII: every other byte is zero
            zeros = sum(1 for i in range(pairs) if head[2 * i + 1 - k] == 0)
            if zeros >= 0.9 * pairs and all(head[2 * i + k] != 0 for i in range(pairs)):
                return "UTF-16"
    return None


def _offset_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


def _build(text: str, positions: PositionIndex) -> Any:
    try:
        _count_nodes(text)  # before any tree is built: a wide flat list stops here, in bounded memory
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise _translate(exc, text) from None
    except yaml.YAMLError as exc:  # unmarked errors (rare): reader problems
        raise _YamlProblem(f"syntaxe YAML invalide ({exc})") from None
    documents = [doc for doc in documents if doc is not None and not _is_empty_scalar(doc)]
    if not documents:
        raise _YamlProblem("le fichier est vide : partez du modèle créé par « e5portfolio init »", 1, 1)
    if len(documents) > 1:
        line, column = _mark(documents[1])
        raise _YamlProblem(
            "le fichier contient plusieurs documents YAML (séparateur « --- ») : un portfolio.yml n'en contient qu'un",
            line,
            column,
        )
    root = documents[0]
    _measure(root)
    return _Builder(positions).build(root, ())


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _count_nodes(text: str) -> None:
    """Refuse a file with more than MAX_NODES values, counted on the parser's events one at a
    time (no node tree is built: memory stays flat, time stops at the limit)."""
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _NODE_EVENTS):
            count += 1
            if count > MAX_NODES:
                line, column = _mark(event)
                raise _YamlProblem(
                    f"le fichier est trop grand : plus de {f'{MAX_NODES:,}'.replace(',', ' ')} valeurs "
                    "(clés, éléments de liste…) ; un portfolio.yml en compte quelques milliers : placez "
                    "les longues données dans des fichiers à part et citez-les avec « fichier: »",
                    line,
                    column,
                )


def _is_empty_scalar(node: Node) -> bool:
    """A document with no content at all (e.g. a lone « --- »)."""
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.value


def _measure(root: Node) -> None:
    """Refuse trees too deep, or whose aliases expand to too many nodes, in time linear in the
    file (an alias is measured once, however often it is used)."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            line, column = _mark(node)
            raise _YamlProblem(
                "alias récursif : ce nœud se contient lui-même par un alias (*) ; supprimez cet alias", line, column
            )
        if depth > MAX_DEPTH:
            line, column = _mark(node)
            raise _YamlProblem(_TOO_DEEP, line, column)
        in_progress.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        in_progress.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            line, column = _mark(node)
            raise _YamlProblem(
                f"le document est trop grand une fois les alias (*) développés (plus de "
                f"{MAX_NODES} nœuds) : supprimez ces ancres et alias",
                line,
                column,
            )
        return total

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * MAX_DEPTH + 1000))
    try:
        size(root, 0)
    finally:
        sys.setrecursionlimit(limit)


_TOO_DEEP = (
    f"le document est imbriqué trop profondément (plus de {MAX_DEPTH} niveaux) : "
    "un portfolio.yml n'a que quelques niveaux de clés et de listes"
)


_YAML_TAG = "tag:yaml.org,2002:"
# The tags plain YAML resolves by itself; anything else was written by hand (!important, !!python…).
_PLAIN_TAGS = {_YAML_TAG + name for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map", "merge")}


class _Builder:
    """Node tree → plain Python data, recording positions and refusing duplicate keys."""

    def __init__(self, positions: PositionIndex):
        self.positions = positions
        self.constructor = SafeConstructor()

    def build(self, node: Node, path: Path_) -> Any:
        self.positions.values.setdefault(path, _mark(node))
        if node.tag not in _PLAIN_TAGS:
            raise _YamlProblem(
                f"étiquette YAML « {node.tag.replace(_YAML_TAG, '!!')} » non prise en charge : "
                "supprimez-la (ou, si la valeur commence vraiment par « ! », mettez-la entre guillemets)",
                *_mark(node),
            )
        if isinstance(node, MappingNode):
            self.positions.collections.add(path)
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            self.positions.collections.add(path)
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the composer makes only these three kinds of node
        value = self._scalar(node)
        if isinstance(value, (int, float)) and str(value).lower() != node.value.lower():
            self.positions.written[path] = node.value
        return value

    def _scalar(self, node: ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError):
            # e.g. 2025-02-30 looks like a date but is none: keep the text, validation
            # reports it as date-invalide at this position.
            return node.value

    def _mapping(self, node: MappingNode, path: Path_) -> dict:
        result: dict = {}
        seen: dict[Any, Position] = {}
        merged: list[MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged.extend(_merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                line, column = _mark(key_node)
                raise _YamlProblem("une clé doit être un simple mot, pas une liste ni un dictionnaire", line, column)
            key = self._scalar(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key_node.value)
            key_position = _mark(key_node)
            if key in seen:
                raise _YamlProblem(
                    f"clé « {key_node.value} » en double, lignes {seen[key][0]} et {key_position[0]} : "
                    "gardez une seule de ces deux lignes (ou renommez l'une des deux clés)",
                    *key_position,
                )
            seen[key] = key_position
            child_path = (*path, key)
            self.positions.keys[child_path] = key_position
            result[key] = self.build(value_node, child_path)
        for source in merged:
            for key_node, value_node in source.value:
                key = self._scalar(key_node) if isinstance(key_node, ScalarNode) else None
                if key is not None and key not in result:
                    result[key] = self.build(value_node, (*path, key))
        return result


def _merge_sources(node: Node) -> list[MappingNode]:
    if isinstance(node, MappingNode):
        return [node]
    if isinstance(node, SequenceNode) and all(isinstance(n, MappingNode) for n in node.value):
        return list(node.value)
    line, column = _mark(node)
    raise _YamlProblem("« << » doit être suivi d'un alias vers un dictionnaire", line, column)


_ESCAPE = (
    "barre oblique inverse « \\ » entre guillemets doubles : pour un chemin Windows, écrivez "
    "des « / » (productions/procedure.pdf) ou mettez la valeur entre guillemets simples"
)
_SPECIAL_START = (
    "« * », « & » et « ! » en début de valeur ont un sens spécial en YAML : mettez la "
    'valeur entre guillemets (par exemple "*important* : …")'
)
_PERCENT = "une ligne ne peut pas commencer par « % » : mettez la valeur entre guillemets"
_TRANSLATIONS = [
    (
        "mapping values are not allowed",
        "deux-points « : » inattendu : une valeur qui contient « : » "
        "doit être mise entre guillemets, ou l'indentation de la ligne est incorrecte",
    ),
    ("could not find expected ':'", "« : » attendu après la clé : écrivez « clé: valeur »"),
    ("expected <block end>", "indentation incorrecte : alignez cette ligne sur les clés de même niveau"),
    (
        "did not find expected key",
        "indentation incorrecte ou clé attendue : alignez cette ligne sur les clés de même niveau",
    ),
    ("did not find expected '-' indicator", "élément de liste attendu (« - ») : vérifiez l'indentation"),
    (
        "found undefined alias",
        "alias (*) vers une ancre (&) qui n'existe pas : écrivez la valeur "
        "elle-même, ou définissez l'ancre (&nom) plus haut dans le fichier ; un texte qui commence par "
        "« * » se met entre guillemets",
    ),
    ("found duplicate anchor", "ancre (&) définie deux fois : renommez l'une des deux"),
    ("found unexpected end of stream", "guillemet ou crochet non fermé avant la fin du fichier"),
    ("found unknown escape character", _ESCAPE),
    ("expected hexdecimal number", _ESCAPE),
    ("expected alphabetic or numeric character", _SPECIAL_START),
    ("expected ',' or ']'", "liste entre crochets mal fermée : « ] » ou « , » attendu"),
    ("expected ',' or '}'", "dictionnaire entre accolades mal fermé : « } » ou « , » attendu"),
    ("found unexpected ':'", "deux-points « : » inattendu : mettez la valeur entre guillemets"),
    (
        "block sequence entries are not allowed",
        "élément de liste « - » mal placé : après « clé: », "
        "passez à la ligne et indentez chaque « - élément », ou écrivez la liste entre crochets "
        "[B1.1, B1.2]",
    ),
    ("mapping keys are not allowed", "« ? » ou clé mal placée : vérifiez l'indentation de cette ligne"),
    (
        "did not find expected node content",
        "valeur attendue ici : un crochet « [ » ou une accolade "
        "« { » n'est pas fermé, ou une valeur qui commence par un caractère spécial doit être mise entre "
        "guillemets",
    ),
    (
        "expected <document start>",
        "contenu inattendu après la fin du document : supprimez la ligne « ... » ou « --- » qui précède",
    ),
    (
        "found unexpected document indicator",
        "« --- » ou « ... » inattendu dans une valeur : mettez la valeur entre guillemets",
    ),
    ("directive", _PERCENT),
    ("non-alphabetical character", _PERCENT),
    ("expected comment or line break", "texte inattendu en fin de ligne : mettez toute la valeur entre guillemets"),
    ("tag URI", "étiquette YAML (« ! ») mal écrite : mettez la valeur entre guillemets"),
    ("tag handle", "étiquette YAML (« ! ») mal écrite : mettez la valeur entre guillemets"),
]
# After these problems, a quote just before the error explains it better than indentation.
_AFTER_QUOTE_PROBLEMS = (
    "did not find expected key",
    "expected <block end>",
    "expected comment or line break",
    "could not find expected ':'",
)


def _translate(exc: yaml.MarkedYAMLError, text: str) -> _YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = exc.problem or ""
    if "quoted scalar" in (exc.context or "") and exc.context_mark and "end of stream" in problem:
        opened = _mark(exc.context_mark)
        return _YamlProblem(
            "guillemet ouvert ici et jamais fermé : ajoutez le guillemet fermant à la fin de la valeur", *opened
        )
    if "maximum nesting depth" in problem:
        return _YamlProblem(_TOO_DEEP, line, column)
    lines = text.split("\n")
    tab_line = _tab_in_indentation(lines, line)
    if tab_line is not None:
        tab_column = lines[tab_line - 1].index("\t") + 1
        return _YamlProblem(
            "tabulation dans l'indentation : YAML n'accepte que des espaces (réglez votre "
            "éditeur pour insérer des espaces)",
            tab_line,
            tab_column,
        )
    if any(needle in problem for needle in _AFTER_GLUED_VALUE_PROBLEMS):
        glued = _value_glued_to_colon(lines, line)
        if glued is not None:
            number, colon, key, value = glued
            return _YamlProblem(
                f"« {key}:{value} » est lu comme un simple texte : ajoutez une espace après "
                f"les deux-points, « {key}: {value} »",
                number,
                colon + 1,
            )
    if "did not find expected node content" in problem and _char_at(lines, line, column) == "-":
        list_key = _flow_list_key(lines, line, column)
        if list_key is not None:
            example = ITEM_EXAMPLES.get(
                list_key,
                "écrivez les éléments entre crochets sans « - », séparés par "
                "des virgules, ou un élément par ligne commençant par « - »",
            )
            return _YamlProblem(f"« - » dans la liste entre crochets de « {list_key} » : {example}", line, column)
    quote = _quote_closed_before(lines, line, column)
    if quote and any(needle in problem for needle in _AFTER_QUOTE_PROBLEMS):
        return _YamlProblem(_TEXT_AFTER_QUOTE[quote], line, column)
    if "cannot start any token" in problem:
        char = _char_at(lines, line, column)
        return _YamlProblem(
            f"une valeur ne peut pas commencer par « {char} » : mettez-la entre guillemets", line, column
        )
    odd = _odd_indentation(lines, line) if any(n in problem for n in _INDENTATION_PROBLEMS) else None
    if odd is not None:
        indent, expected = odd
        spaces = f"{indent} espace{'s' if indent > 1 else ''}"
        return _YamlProblem(
            f"indentation incohérente : {spaces}, {' ou '.join(map(str, expected))} attendus", line, indent + 1
        )
    for needle, french in _TRANSLATIONS:
        if needle in problem:
            return _YamlProblem(french, line, column)
    if "'\\t'" in problem:
        return _YamlProblem("tabulation inattendue : YAML n'accepte que des espaces", line, column)
    return _YamlProblem(f"syntaxe YAML invalide (détail technique : {problem or exc})", line, column)


# Problems that a line indented by a number of spaces used nowhere above causes.
_INDENTATION_PROBLEMS = ("did not find expected '-' indicator", "did not find expected key", "expected <block end>")


def _odd_indentation(lines: list[str], line: int | None) -> tuple[int, list[int]] | None:
    """(its spaces, the levels around them) when line `line` is indented by a number of spaces
    that no line above uses (« - » items count at their dash and at their text): 3 where the
    other lines use 2 and 4."""
    if line is None or not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    content = text.lstrip(" ")
    if not content or content.startswith("#"):
        return None
    indent = len(text) - len(content)
    levels: set[int] = set()
    for previous in lines[: line - 1]:
        stripped = previous.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        spaces = len(previous) - len(stripped)
        levels.add(spaces)
        dashes = re.match(r"(?:-[ ]+)+", stripped)
        if dashes:
            levels.add(spaces + dashes.end())
    if indent in levels:
        return None
    around = [
        max((n for n in levels if n < indent), default=None),
        min((n for n in levels if n > indent), default=None),
    ]
    expected = [n for n in around if n is not None]
    return (indent, expected) if expected else None


# Problems that a value written right after the colon (« nom:LE GALL ») causes a line or two later.
_AFTER_GLUED_VALUE_PROBLEMS = (
    "mapping values are not allowed",
    "could not find expected ':'",
    "did not find expected key",
    "expected <block end>",
)
_GLUED_VALUE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):([^\s:/#\[{][^#]*?)\s*$")
# How one item of a list of groups of keys is written.
ITEM_EXAMPLES = {
    "productions": "écrivez chaque production sur deux lignes sous « productions: », « - titre: … » "
    "puis, aligné sous « titre », « fichier: … » (ou « lien: https://… »)",
    "articles": "écrivez chaque article sur deux lignes sous « articles: », « - titre: … » puis, aligné "
    "sous « titre », « lien: https://… »",
}


def _value_glued_to_colon(lines: list[str], near: int | None) -> tuple[int, int, str, str] | None:
    """(line, column of the colon, key, value) of a « clé:valeur » line written without the space,
    at or just before line `near`: YAML reads it as text and fails on a later line."""
    if near is None:
        return None
    for number in range(min(near, len(lines)), max(0, near - 4), -1):
        match = _GLUED_VALUE.match(lines[number - 1])
        if match:
            return number, len(match.group(1)) + len(match.group(2)) + 1, match.group(2), match.group(3)
    return None


def _flow_list_key(lines: list[str], line: int | None, column: int | None) -> str | None:
    """The key of « clé: [ - … » when (line, column) is a « - » inside its brackets."""
    if line is None or column is None or line > len(lines):
        return None
    match = re.match(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*):\s*\[\s*$", lines[line - 1][: column - 1])
    return match.group(1) if match else None


_TEXT_AFTER_QUOTE = {
    "'": "texte après l'apostrophe qui ferme la valeur : dans une valeur entre apostrophes, doublez "
    "chaque apostrophe ('l''équipe') ou mettez la valeur entre guillemets doubles "
    '("l\'équipe")',
    '"': "texte après le guillemet qui ferme la valeur : mettez toute la valeur entre guillemets, ou "
    "écrivez-la sans guillemets",
}


def _quote_closed_before(lines: list[str], line: int | None, column: int | None) -> str | None:
    """The quote that ends the text just before (line, column), if any: 'GLPI' et OCS."""
    if line is None or column is None or line > len(lines):
        return None
    before = lines[line - 1][: column - 1].rstrip()
    return before[-1] if before and before[-1] in "'\"" and len(before) > 1 else None


def _char_at(lines: list[str], line: int | None, column: int | None) -> str:
    if line is None or column is None or line > len(lines) or column > len(lines[line - 1]):
        return "?"
    return lines[line - 1][column - 1]


def _tab_in_indentation(lines: list[str], near: int | None) -> int | None:
    """The line (1-based) with a tab in its leading white space, at or just before `near`."""
    if near is None:
        return None
    for number in range(min(near, len(lines)), max(0, near - 3), -1):
        leading = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip(" \t"))]
        if "\t" in leading:
            return number
    return None
