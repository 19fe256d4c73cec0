"""French advice for axe-core rules: a data table (axe_advice.yaml), axe rule id → what to write instead."""

from __future__ import annotations

import functools
from importlib import resources

import yaml

ADVICE_FILE = "axe_advice.yaml"


@functools.cache
def advice_table() -> dict[str, str]:
    text = resources.files(__package__).joinpath(ADVICE_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {str(key): str(value) for key, value in data.items()}


def advice_for(rule: str) -> str:
    """The French advice for an axe rule; a French fallback for a rule a newer axe-core may add."""
    return advice_table().get(rule) or (
        f"corrigez les éléments signalés (règle axe-core « {rule} », voir le lien « en savoir plus »)"
    )
