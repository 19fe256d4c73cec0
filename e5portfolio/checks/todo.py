"""Values still to complete: texts that start with « TODO » (left by `e5portfolio import`) or
« EXEMPLE — » (the example content written by `e5portfolio init`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity

TODO = re.compile(r"^\s*(?:TODO\b|EXEMPLE\s*[—:–-])")
_PREVIEW = 100


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every string in the data, with its path (keys and list indices)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def portfolio_texts(ctx: CheckContext) -> list[tuple[tuple, str]]:
    """Every string written in portfolio.yml with its path, computed once per check."""
    if "texts" not in ctx.cache:
        ctx.cache["texts"] = list(_texts(ctx.portfolio.model_dump(mode="python", exclude_unset=True), ()))
    return ctx.cache["texts"]


def _where(path: tuple, ctx: CheckContext) -> str:
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if len(path) >= 2 and path[0] == "realisations" and isinstance(path[1], int):
        intitule = ctx.portfolio.realisations[path[1]].intitule
        if key != "intitule" and not TODO.match(intitule):
            return f"« {key} » de la réalisation « {intitule} »"
        return f"« {key} » de la réalisation n° {path[1] + 1}"
    if len(path) >= 2 and path[0] == "stages" and isinstance(path[1], int):
        return f"« {key} » du stage n° {path[1] + 1}"
    parent = path[0] if len(path) > 1 and isinstance(path[0], str) else None
    return f"« {key} » sous « {parent}: »" if parent else f"« {key} »"


@rule("texte-a-completer", Severity.WARNING)
def texte_a_completer(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Une valeur commence encore par « TODO » ou « EXEMPLE — » : elle est à remplacer par
    votre texte.

    `e5portfolio import` écrit « TODO : … » partout où le tableau de synthèse ne dit rien
    (description, présentation, fichiers des productions…) ; `e5portfolio init` écrit un
    exemple marqué « EXEMPLE — … » à remplacer avant de publier.

    Correct :   description: « **Contexte.** Le parc de l'entreprise… »
    Incorrect : description: "TODO : décrivez le contexte, le besoin, la démarche et le résultat"
    """
    for path, text in portfolio_texts(ctx):
        if not TODO.match(text):
            continue
        shown = " ".join(text.split())  # one line per finding, even for a block of text
        shown = shown if len(shown) <= _PREVIEW else shown[: _PREVIEW - 1] + "…"
        yield ctx.finding(
            self, path, f"{_where(path, ctx)} est encore à compléter : remplacez « {shown} » par votre texte"
        )


RULES = (texte_a_completer,)
