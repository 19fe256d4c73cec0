"""The RGAA 4.1.2 (the French accessibility standard) as data, and which criteria each accessibility
check of e5portfolio tests.

- criteres-4.1.2.json: the 13 themes and 106 criteria, official titles and WCAG references (DINUM,
  Licence Ouverte 2.0: LICENCE-Ouverte-2.0.md, SOURCE.md);
- libelles.yaml: e5portfolio's short French name of each criterion (« contraste du texte »);
- correspondance.csv: the reviewed table « check → RGAA criteria » (tools/rgaa_correspondance.py
  derives it from axe-core's WCAG tags, a person reviews it; only its column `criteres` is read).

A check is named by its rule id as the reports show it: « a11y-image-alt » (audit), « couleur-contraste »
(check, at build time), or the bare axe-core / static id (« image-alt »).
"""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from importlib import resources

import yaml

from e5portfolio.core.errors import E5Error

RGAA_VERSION = "4.1.2"
CRITERIA_FILE = "criteres-4.1.2.json"
LABELS_FILE = "libelles.yaml"
TABLE_FILE = "correspondance.csv"
NO_CRITERION = "aucun critère RGAA"
A11Y_PREFIX = "a11y-"


def criterion_key(number: str) -> tuple[int, ...]:
    """« 10.2 » after « 9.4 »: numbers sorted as numbers."""
    return tuple(int(part) for part in number.split("."))


@dataclass(frozen=True)
class Criterion:
    number: str  # « 3.2 »
    title: str  # the official question
    theme: int
    label: str  # e5portfolio's short name: « contraste du texte »
    wcag: tuple[str, ...]  # WCAG 2.1 success criteria referenced: (« 1.4.3 »,)

    @property
    def name(self) -> str:
        """« RGAA 3.2 — contraste du texte »."""
        return f"RGAA {self.number} — {self.label}"


@dataclass(frozen=True)
class Theme:
    number: int
    title: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Mapping:
    """One row of correspondance.csv."""

    rule: str  # axe-core / static id, or a `check` rule id
    origin: str  # axe-core, statique, axe-core+statique, construction
    run_by_audit: bool
    criteria: tuple[str, ...]  # reviewed; empty: no RGAA criterion
    review: str


@dataclass(frozen=True)
class Rgaa:
    version: str
    themes: tuple[Theme, ...]
    mappings: dict[str, Mapping]

    @functools.cached_property
    def criteria(self) -> dict[str, Criterion]:
        return {c.number: c for theme in self.themes for c in theme.criteria}

    def mapping(self, rule: str) -> Mapping | None:
        return self.mappings.get(rule) or self.mappings.get(rule.removeprefix(A11Y_PREFIX))

    def criteria_of(self, rule: str) -> tuple[Criterion, ...]:
        """The reviewed criteria a check tests (none for a rule outside the table)."""
        mapping = self.mapping(rule)
        return tuple(self.criteria[number] for number in mapping.criteria) if mapping else ()

    def names_of(self, rule: str) -> str:
        """« RGAA 3.2 — contraste du texte » (several joined by « ; »), or « aucun critère RGAA »."""
        found = self.criteria_of(rule)
        return " ; ".join(c.name for c in found) if found else NO_CRITERION

    def criteria_tested_by(self, rules: set[str] | frozenset[str] | list[str]) -> list[Criterion]:
        """Every criterion at least one of `rules` tests (in part: automatic checks never test a whole
        criterion), in the order of the RGAA."""
        numbers = {c.number for rule in rules for c in self.criteria_of(rule)}
        return sorted((self.criteria[n] for n in numbers), key=lambda c: criterion_key(c.number))


class RgaaDataError(E5Error):
    """The RGAA data shipped in the package is missing or malformed (a packaging bug)."""


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def load_rgaa() -> Rgaa:
    try:
        data = json.loads(_read(CRITERIA_FILE))
        labels = {str(k): str(v) for k, v in (yaml.safe_load(_read(LABELS_FILE)) or {}).items()}
        themes = tuple(
            Theme(
                int(theme["numero"]),
                theme["titre"],
                tuple(
                    Criterion(
                        c["numero"],
                        c["titre"],
                        int(theme["numero"]),
                        labels[c["numero"]],
                        tuple(ref["numero"] for ref in c["wcag"]),
                    )
                    for c in theme["criteres"]
                ),
            )
            for theme in data["thematiques"]
        )
        known = {c.number for theme in themes for c in theme.criteria}
        mappings = {}
        for row in csv.DictReader(io.StringIO(_read(TABLE_FILE))):
            reviewed = row["criteres"].strip()
            numbers = () if reviewed == NO_CRITERION else tuple(reviewed.split())
            unknown = [n for n in numbers if n not in known]
            if unknown:
                raise RgaaDataError(f"{TABLE_FILE} : critère(s) inconnu(s) {unknown} pour « {row['regle']} »")
            mappings[row["regle"]] = Mapping(row["regle"], row["origine"], row["audit"] == "oui", numbers, row["revue"])
        return Rgaa(str(data["version"]), themes, mappings)
    except (OSError, KeyError, ValueError, yaml.YAMLError) as exc:
        raise RgaaDataError(f"données du RGAA invalides ou absentes ({exc})") from exc
