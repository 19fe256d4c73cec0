"""One order and one label for the réalisations, everywhere they are listed.

`check`'s coverage table (R1, R2…), the site (réalisation index, previous/next links, frise),
the tableau de synthèse and the PDF all number the réalisations the same way: the tableau's
parts in their order (formation, 1re année, 2e année), then by date within each part (start,
end, then the order of portfolio.yml). No heavy import here: `check` uses it.
"""

from __future__ import annotations

from collections.abc import Iterable

from e5portfolio.core.model import ResolvedRealisation

PART_ORDER = ("formation", "annee1", "annee2")


def _key(entry: ResolvedRealisation) -> tuple:
    part = PART_ORDER.index(entry.partie) if entry.partie in PART_ORDER else len(PART_ORDER)
    return (part, entry.periode.debut, entry.periode.fin, entry.index)


def ordered(realisations: Iterable[ResolvedRealisation]) -> list[ResolvedRealisation]:
    """The réalisations in the one order: by part of the tableau, then by date."""
    return sorted(realisations, key=_key)


def label(number: int) -> str:
    """The label of the réalisation at 1-based position `number` of `ordered` (R1, R2…)."""
    return f"R{number}"


def labels(realisations: Iterable[ResolvedRealisation]) -> dict[str, str]:
    """Réalisation id → its label (R1…), in the one order."""
    return {entry.id: label(number) for number, entry in enumerate(ordered(realisations), start=1)}
