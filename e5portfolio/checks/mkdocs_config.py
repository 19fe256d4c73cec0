"""The student's own mkdocs.yml: what would run code or read outside the portfolio folder.

The file is never loaded the way MkDocs loads it (MkDocs' YAML loader builds Python objects):
it is only *composed* by PyYAML (a node tree with tags and positions, nothing constructed),
size-capped. The audit, `--class` and `dossier` ignore this file and build with the embedded
default configuration; this rule tells the student why, and what leaks on their own build.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import yaml

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity

MKDOCS_FILES = ("mkdocs.yml", "mkdocs.yaml")
MAX_BYTES = 256 * 1024
MAX_NODES = 50_000
_PYTHON_TAG = "tag:yaml.org,2002:python/"
# `!!python/name:` pointing into mkdocs-material / pymdown-extensions is their documented usage
# (emoji index, custom fences): it names installed code, it does not run the folder's.
_KNOWN_NAMES = ("material.", "pymdownx.")


def config_file(root: Path) -> Path | None:
    for name in MKDOCS_FILES:
        if (root / name).is_file():
            return root / name
    return None


def _read(path: Path) -> tuple[str | None, str | None]:
    """(text, None) or (None, French reason why the file is not analysed)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, f"illisible ({exc.strerror or exc})"
    if len(data) > MAX_BYTES:
        return None, f"de plus de {MAX_BYTES // 1024} ko, non analysé"
    return data.decode("utf-8", errors="replace"), None


def _nodes(root_node: yaml.Node) -> Iterator[yaml.Node]:
    """Every node once (aliases share nodes: a « billion laughs » file is walked in linear time)."""
    seen: set[int] = set()
    stack = [root_node]
    while stack and len(seen) < MAX_NODES:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _outside(root: Path, config: Path, value: str) -> bool:
    target = Path(value).expanduser()
    if not target.is_absolute():
        target = config.parent / target
    real, base = os.path.realpath(target), os.path.realpath(root)
    return real != base and not real.startswith(base.rstrip(os.sep) + os.sep)


def _problems(root: Path, config: Path, document: yaml.Node) -> Iterator[tuple[yaml.Node, Severity, str, str]]:
    for node in _nodes(document):
        if node.tag.startswith(_PYTHON_TAG) or node.tag.startswith("!!python"):
            kind = node.tag.removeprefix(_PYTHON_TAG).removeprefix("!!python/")
            value = node.value if isinstance(node, yaml.ScalarNode) else ""
            if kind.startswith("name:") and kind.removeprefix("name:").startswith(_KNOWN_NAMES):
                continue
            shown = f" ({value[:80]})" if value else ""
            yield (
                node,
                Severity.WARNING,
                f"la balise « !!python/{kind[:80]} » fait exécuter du code Python à la lecture du fichier{shown}",
                "retirez cette balise",
            )
    if not isinstance(document, yaml.MappingNode):
        return
    for key, value in document.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name == "hooks":
            yield (
                key,
                Severity.WARNING,
                "« hooks: » fait exécuter des scripts Python à chaque construction",
                "retirez « hooks: » si vous n'en avez pas besoin",
            )
        elif name == "INHERIT":
            yield (
                key,
                Severity.WARNING,
                ("« INHERIT: » fait lire un autre fichier de configuration, qui peut se trouver hors du dossier"),
                "recopiez dans ce fichier les réglages voulus et retirez « INHERIT: »",
            )
        elif name in ("docs_dir", "site_dir") and isinstance(value, yaml.ScalarNode) and value.value:
            if _outside(root, config, str(value.value)):
                if name == "docs_dir":
                    yield (
                        value,
                        Severity.WARNING,
                        (
                            f"« docs_dir: {value.value} » désigne un dossier hors du "
                            "portfolio, dont les fichiers (ceux d'un voisin, des attestations…) "
                            "seraient publiés"
                        ),
                        "écrivez un dossier du portfolio, par exemple « docs_dir: docs »",
                    )
                else:
                    yield (
                        value,
                        Severity.WARNING,
                        (f"« site_dir: {value.value} » fait écrire le site hors du dossier du portfolio"),
                        "retirez « site_dir: » (le site est alors écrit dans « site/ »)",
                    )


@rule("mkdocs-config-dangereuse", Severity.WARNING)
def mkdocs_config_dangereuse(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Le mkdocs.yml du dossier ne fait ni exécuter de code ni lire hors du dossier du portfolio.

    Sont signalés : « hooks: » (scripts Python lancés à chaque construction), « INHERIT: » (autre
    fichier de configuration), une balise « !!python/… » (code Python exécuté à la lecture ; sauf
    « !!python/name: » vers material ou pymdownx, l'usage documenté de mkdocs-material),
    « docs_dir: » hors du dossier (« .. », chemin absolu : des fichiers qui ne sont pas ceux du
    portfolio seraient publiés) et « site_dir: » hors du dossier.
    C'est un avertissement (une erreur avec --strict) : l'audit (aussi avec --class) et
    « dossier » n'utilisent jamais ce fichier, ils construisent le site avec la configuration par
    défaut d'e5portfolio ; seuls « build », « serve » et « pdf » l'utilisent, sur votre ordinateur.

    Correct :   un mkdocs.yml sans « hooks: », avec « docs_dir: docs »
    Incorrect : docs_dir: ..    ou    hooks: [outils/hook.py]
    """
    config = config_file(ctx.root)
    if config is None:
        return
    text, problem = _read(config)
    if text is None:
        yield Finding(
            self.id,
            Severity.WARNING,
            f"{config.name} {problem} : l'audit et « dossier » l'ignorent ; allégez-le",
            config.name,
        )
        return
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        yield Finding(
            self.id,
            Severity.WARNING,
            f"{config.name} n'est pas du YAML lisible : corrigez-le (MkDocs refusera de construire le site)",
            config.name,
            line,
            column,
        )
        return
    if document is None:
        return
    for node, severity, reason, fix in _problems(ctx.root, config, document):
        mark = node.start_mark
        yield Finding(
            self.id,
            severity,
            f"{config.name} : {reason} (l'audit et « dossier » ignorent ce fichier) : {fix}",
            config.name,
            mark.line + 1,
            mark.column + 1,
        )


RULES = (mkdocs_config_dangereuse,)
