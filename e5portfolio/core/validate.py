"""Plain data → typed Portfolio; every validation error becomes a located French finding.

Errors are keyed on pydantic's error *types* (and our own custom types), never on its English
message text.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.loader import ITEM_EXAMPLES, Loaded, PositionIndex
from e5portfolio.core.model import (
    Candidat,
    Portfolio,
    Realisation,
    ResolvedRealisation,
    parse_date,
)
from e5portfolio.core.referential import DEFAULT_SESSION
from e5portfolio.core.slug import slugify


@dataclass(frozen=True)
class Validated:
    """A portfolio that passed validation, with what checks need to locate findings."""

    portfolio: Portfolio
    realisations: list[ResolvedRealisation]
    positions: PositionIndex
    file: str
    # Ids of the stages left out because they are invalid (reported already): a réalisation
    # naming one is not reported again as naming an unknown stage.
    broken_stages: frozenset[str] = frozenset()
    # Lists some of whose entries were left out for their errors, and optional keys left out for
    # theirs (paths in `portfolio`): rules about a whole list (coverage, total duration…) or about
    # an absent key (no url…) are not decided on what is left.
    left_out: frozenset[tuple] = frozenset()
    # Required keys written wrong, replaced by a valid stand-in so that the other rules run (their
    # own errors are reported): what is built for the commission (fiches) refuses these.
    stood_in: frozenset[tuple] = frozenset()

    def is_complete(self, path: tuple) -> bool:
        """Nothing at `path` was left out (réalisations: none unusable either)."""
        if path in self.left_out:
            return False
        return path != ("realisations",) or len(self.realisations) == len(self.portfolio.realisations)


class ValidatedView:
    """For what is built on a Validated (check context, site input): its portfolio and
    resolved réalisations, without repeating `.validated`."""

    validated: Validated

    @property
    def portfolio(self) -> Portfolio:
        return self.validated.portfolio

    @property
    def realisations(self) -> list[ResolvedRealisation]:
        return self.validated.realisations


def validate(loaded: Loaded) -> tuple[Validated | None, list[Finding]]:
    findings = list(loaded.findings)
    if findings:
        return None, findings
    locator = _Locator(loaded.positions, loaded.file)
    if not isinstance(loaded.data, dict):
        found = _type_name(loaded.data)
        return None, [
            locator.at(
                "schema", (), f"le fichier doit contenir des clés (version, candidat, realisations…), pas {found}"
            )
        ]
    try:
        portfolio = Portfolio.model_validate(loaded.data)
        broken_stages: frozenset[str] = frozenset()
        left_out: frozenset[tuple] = frozenset()
        positions, findings = loaded.positions, []
        stood_in: frozenset[tuple] = frozenset()
    except ValidationError as exc:
        errors = _without_typo_doubles(typing.cast(list[dict], exc.errors()))  # ErrorDetails are dicts
        findings = _findings_of(errors, loaded, locator)
        repaired, hard, fields = _repaired_fields(loaded.data, typing.cast(list[dict], exc.errors()))
        kept = _without_broken_entries(repaired, hard)
        if kept is None:
            return None, findings
        data, moves, broken_stages, removed = kept
        try:
            portfolio = Portfolio.model_validate(data)
        except ValidationError:  # e.g. every réalisation is broken: nothing left to check
            return None, findings
        positions, shortened = _moved(loaded.positions, moves)
        stood_in = frozenset(path for path in fields if _is_required(path))
        fields = frozenset(moved for moved in (_move_path(path, moves) for path in fields) if moved is not None)
        portfolio = _without_placeholder_competences(portfolio, fields)
        left_out = shortened | removed | fields
        if any(path[2:] == ("competences",) for path in fields):
            left_out |= {("realisations",)}  # the coverage is not decided without them
    realisations, problems = _resolve(portfolio, _Locator(positions, loaded.file))
    return (
        Validated(portfolio, realisations, positions, loaded.file, broken_stages, left_out, stood_in),
        _unique([*findings, *problems]),
    )


# --- keeping the valid fields of a réalisation when some are broken ----------------------------

_PLACEHOLDER_DATE = dt.date(2000, 1, 1)
_PLACEHOLDER_TEXT = "…"


def _repaired_fields(data: Any, errors: list[dict]) -> tuple[Any, list[dict], frozenset[tuple]]:
    """A copy of `data` where each broken field of a réalisation is left out (an optional one) or
    replaced by a placeholder (a required one), so that every other part of the réalisation (its
    files, productions, secrets, competences…) is still checked; the errors that no field repair
    can mend (to leave out whole entries, as before) and the paths of the repaired fields (rules
    about them are not decided on the placeholder). Repeats while mending shows new errors (an
    unknown key « competence » left out, « competences » is then missing)."""
    if not isinstance(data, dict):
        return data, errors, frozenset()
    data = copy.deepcopy(data)
    fields: set[tuple] = set()
    hard: list[dict] = []
    hard_entries: set[tuple] = set()
    for _ in range(4):
        fresh = False
        for error in errors:
            loc = tuple(error["loc"])
            if _entry_of(loc) in hard_entries:
                if all(tuple(e["loc"]) != loc or e["type"] != error["type"] for e in hard):
                    hard.append(error)
                continue
            fresh = True
            field = _repair(data, loc)
            if field is None:
                hard.append(error)
                hard_entries.add(_entry_of(loc))
            elif field:
                fields.add(field)
        if not fresh:
            break
        try:
            Portfolio.model_validate(data)
            break
        except ValidationError as exc:
            errors = typing.cast(list[dict], exc.errors())
    return data, hard, frozenset(fields)


def _is_required(path: tuple) -> bool:
    """Whether the key at `path` (candidat › option, presentation, a réalisation's periode…) is
    required: then a stand-in took its place."""
    model: Any = Portfolio
    for part in path:
        if isinstance(part, int):
            continue
        if not _is_model(model):
            return False
        field = model.model_fields.get(part)
        if field is None:
            return False
        if not field.is_required():
            return False
        model = _inner_model(field.annotation)
    return True


def _entry_of(loc: tuple) -> tuple:
    """The list item (or top-level key) an error at `loc` is in."""
    entry = _broken_entry(loc)
    return entry if entry is not None else loc[:1]


# A valid stand-in for each required key of candidat, and for the presentation: the rules are
# still run on everything else (a broken « option » does not hide a secret in a production).
_CANDIDAT_STAND_INS = {"option": "SISR", "modalite": "ccf", "session": DEFAULT_SESSION}


def _repair_top(data: dict, loc: tuple) -> tuple | None:
    """Mend in place the key of candidat (or the presentation) an error at `loc` is in."""
    if loc == ("presentation",):
        data["presentation"] = _PLACEHOLDER_TEXT
        return loc
    if (
        len(loc) < 2
        or loc[0] != "candidat"
        or not isinstance(loc[1], str)
        or not isinstance(data.get("candidat"), dict)
    ):
        return None
    candidat = data["candidat"] = dict(data["candidat"])
    name = loc[1]
    field = Candidat.model_fields.get(name)
    if field is None:
        candidat.pop(name, None)
        return ()
    if not field.is_required():
        candidat.pop(name, None)
        return loc[:2]
    candidat[name] = _CANDIDAT_STAND_INS.get(name, _PLACEHOLDER_TEXT)
    return loc[:2]


def _repair(data: dict, loc: tuple) -> tuple | None:
    """Mend in place the réalisation field an error at `loc` is in: () for an unknown key left out,
    the field's path for a field left out or replaced, None when the error is not in a
    réalisation's own field (a production, a stage…: left to the entry rules)."""
    if loc and loc[0] in ("candidat", "presentation"):
        return _repair_top(data, loc)
    if len(loc) < 3 or loc[0] != "realisations" or not isinstance(loc[1], int) or not isinstance(loc[2], str):
        return None
    if loc[2] == "productions" and len(loc) > 3:
        return None
    items = data.get("realisations")
    if not isinstance(items, list) or not 0 <= loc[1] < len(items) or not isinstance(items[loc[1]], dict):
        return None
    item = items[loc[1]] = dict(items[loc[1]])
    name = loc[2]
    field = Realisation.model_fields.get(name)
    if field is None:
        item.pop(name, None)
        return ()
    path = loc[:3]
    if not field.is_required():
        item.pop(name, None)
        return path
    item[name] = _placeholder(name, item.get(name), loc[1])
    return path


def _placeholder(name: str, value: Any, index: int) -> Any:
    """A valid stand-in for the required réalisation field `name` written as `value`."""
    if name == "intitule":
        text = str(value).strip() if isinstance(value, (str, int, float)) else ""
        return text[:200] if text else f"réalisation n° {index + 1}"
    if name == "periode":
        dates = value if isinstance(value, dict) else {}
        valid = [_date_or_none(dates.get(key)) for key in ("debut", "fin")]
        known = next((date for date in valid if date is not None), _PLACEHOLDER_DATE)
        return {"debut": valid[0] or known, "fin": valid[1] or known}
    if name == "competences":
        return ["B1.1"]  # replaced by an empty list once validated (_without_placeholder_competences)
    return _PLACEHOLDER_TEXT


def _date_or_none(value: Any) -> dt.date | None:
    try:
        return parse_date(value)
    except PydanticCustomError:  # not a date
        return None


def _without_placeholder_competences(portfolio: Portfolio, fields: frozenset[tuple]) -> Portfolio:
    """The placeholder code of each réalisation whose competences are broken becomes no code."""
    indices = {path[1] for path in fields if path[2:] == ("competences",)}
    if not indices:
        return portfolio
    realisations = [
        r.model_copy(update={"competences": []}) if i in indices else r for i, r in enumerate(portfolio.realisations)
    ]
    return portfolio.model_copy(update={"realisations": realisations})


# --- keeping the valid entries when some are broken -------------------------------------------

# Lists whose broken items are left out so that every other rule still runs on the others.
Moves = dict[tuple, dict[int, int]]  # list path (original indices) → original index → new index


def _broken_entry(loc: tuple) -> tuple | None:
    """The list item that an error at `loc` makes unusable (a réalisation, a stage, a production,
    an article), or None when the error is elsewhere (candidat, version…): nothing can be kept."""
    if len(loc) >= 4 and loc[0] == "realisations" and loc[2] == "productions" and isinstance(loc[3], int):
        return loc[:4]
    if len(loc) >= 2 and loc[0] in ("realisations", "stages") and isinstance(loc[1], int):
        return loc[:2]
    if len(loc) >= 3 and loc[:2] == ("veille", "articles") and isinstance(loc[2], int):
        return loc[:3]
    return None


def _without_broken_entries(
    data: dict, errors: list[dict]
) -> tuple[dict, Moves, frozenset[str], frozenset[tuple]] | None:
    """A copy of `data` without the list items and the optional keys that have errors; the index
    moves that makes, the ids of the stages left out and the keys left out. None when an error is
    in a required key outside the lists (candidat › option…)."""
    broken: dict[tuple, set[int]] = {}
    removed: set[tuple] = set()
    for error in errors:
        loc = tuple(error["loc"])
        entry = _broken_entry(loc)
        if entry is not None:
            broken.setdefault(entry[:-1], set()).add(entry[-1])
            continue
        key = _optional_key(loc)
        if key is None:
            return None
        removed.add(key)
    moves: Moves = {}

    def kept(path: tuple, items: list, rebuild=None) -> list:
        dropped = broken.get(path, set())
        result: list = []
        move: dict[int, int] = {}
        for index, item in enumerate(items):
            if index not in dropped:
                move[index] = len(result)
                result.append(rebuild(index, item) if rebuild else item)
        if dropped:
            moves[path] = move
        return result

    def realisation(index: int, item: Any) -> Any:
        path = ("realisations", index, "productions")
        if path in broken and isinstance(item, dict) and isinstance(item.get("productions"), list):
            return {**item, "productions": kept(path, item["productions"])}
        return item

    copy = dict(data)
    if isinstance(data.get("realisations"), list):
        copy["realisations"] = kept(("realisations",), data["realisations"], realisation)
    if isinstance(data.get("stages"), list):
        copy["stages"] = kept(("stages",), data["stages"])
    veille = data.get("veille")
    if ("veille", "articles") in broken and isinstance(veille, dict) and isinstance(veille.get("articles"), list):
        copy["veille"] = {**veille, "articles": kept(("veille", "articles"), veille["articles"])}
    for key in sorted(removed, key=len):
        _remove(copy, key)
    stages: list = data["stages"] if isinstance(data.get("stages"), list) else []
    broken_stages = frozenset(
        stages[i]["id"]
        for i in broken.get(("stages",), ())
        if isinstance(stages[i], dict) and isinstance(stages[i].get("id"), str)
    )
    return copy, moves, broken_stages, frozenset(removed)


def _optional_key(loc: tuple) -> tuple | None:
    """The key to leave out for an error at `loc` outside the lists: the first optional key on
    its path (« candidat » › « url »), or an unknown key; None when every key on the way is
    required (candidat › option, version…): then nothing can be checked."""
    model: Any = Portfolio
    for depth, part in enumerate(loc):
        if isinstance(part, int) or not _is_model(model):
            return None
        field = model.model_fields.get(part)
        if field is None or not field.is_required():
            return loc[: depth + 1]
        model = _inner_model(field.annotation)
    return None


def _remove(data: dict, path: tuple) -> None:
    """Delete the key at `path` from `data`, copying the mappings on the way (the loaded data
    stays as it was)."""
    node = data
    for part in path[:-1]:
        child = node.get(part) if isinstance(node, dict) else None
        if not isinstance(child, dict):
            return
        node[part] = child = dict(child)
        node = child
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _moved(positions: PositionIndex, moves: Moves) -> tuple[PositionIndex, frozenset[tuple]]:
    """The position index of the data without its broken entries (paths renumbered, translated
    when asked: the index itself is not copied), and the renumbered paths of the lists that lost
    entries."""

    back: Moves = {}  # list path (new indices) → new index → original index
    for path, table in moves.items():
        new_path = _move_path(path, moves)
        if new_path is not None:
            back[new_path] = {new: old for old, new in table.items()}
    return _MovedPositions(positions, back), frozenset(back)


def _move_path(path: tuple, moves: Moves) -> tuple | None:
    """`path` (original indices) in the data without its broken entries; None when left out."""
    result = list(path)
    for depth, part in enumerate(path):
        if isinstance(part, int) and path[:depth] in moves:
            new = moves[path[:depth]].get(part)
            if new is None:
                return None
            result[depth] = new
    return tuple(result)


class _MovedPositions(PositionIndex):
    """A position index read with the paths of the data without its broken entries."""

    def __init__(self, original: PositionIndex, back: Moves):
        super().__init__(original.values, original.keys, original.collections, original.written)
        self.back = back

    def _original(self, path: tuple) -> tuple:
        result = list(path)
        for depth, part in enumerate(path):
            if isinstance(part, int) and path[:depth] in self.back:
                result[depth] = self.back[path[:depth]].get(part, part)
        return tuple(result)

    def value(self, path):
        return super().value(self._original(tuple(path)))

    def key(self, path):
        original = self._original(tuple(path))  # PositionIndex.key would translate twice through value()
        return self.keys.get(original) or super().value(original)

    def best(self, path):
        return super().best(self._original(tuple(path)))


def validation_findings(exc: ValidationError, loaded: Loaded, root: type[BaseModel] = Portfolio) -> list[Finding]:
    """pydantic's errors on `loaded` (validated against `root`) as located French findings."""
    errors = _without_typo_doubles(typing.cast(list[dict], exc.errors()), root)  # ErrorDetails are dicts
    return _findings_of(errors, loaded, _Locator(loaded.positions, loaded.file), root)


def _findings_of(
    errors: list[dict], loaded: Loaded, locator: _Locator, root: type[BaseModel] = Portfolio
) -> list[Finding]:
    return _unique([_translate(error, loaded.data, locator, root) for error in errors])


class _Locator:
    def __init__(self, positions: PositionIndex, file: str):
        self.positions = positions
        self.file = file

    def at(
        self,
        rule: str,
        path: tuple,
        message: str,
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
    ) -> Finding:
        position = self.positions.key(path) if key else self.positions.best(path)
        line, column = position if position else (None, None)
        return Finding(rule, severity, message, self.positions.file_for(path, self.file), line, column, hint)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, result = set(), []
    for finding in findings:
        key = (finding.rule, finding.line, finding.column, finding.message)
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result


def _without_typo_doubles(errors: list[dict], root: type[BaseModel] = Portfolio) -> list[dict]:
    """Drop « key X missing » when the same mapping has an unknown key that is a typo of X:
    the did-you-mean of `cle-inconnue` already says what to write."""
    suggested = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            suggestion = _suggest_key(loc, root)
            if suggestion:
                suggested.add((*loc[:-1], suggestion))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def _suggest_key(loc: tuple, root: type[BaseModel] = Portfolio) -> str | None:
    """The known key closest to the unknown key at `loc`, if one is close enough."""
    close = difflib.get_close_matches(str(loc[-1]).lower(), _known_keys(loc[:-1], root), n=1, cutoff=0.6)
    return close[0] if close else None


def _resolve(portfolio: Portfolio, locator: _Locator) -> tuple[list[ResolvedRealisation], list[Finding]]:
    """Fill in the defaults that depend on other fields, and check field combinations. A
    réalisation whose cadre or année cannot be known is reported and left out of the rules."""
    stages = portfolio.stages_by_id
    resolved, problems = [], []
    for index, realisation in enumerate(portfolio.realisations):
        path = ("realisations", index)
        stage = stages.get(realisation.stage) if realisation.stage else None
        cadre = realisation.cadre or ("entreprise" if realisation.stage else None)
        annee = realisation.annee or (stage.annee if stage else None)
        unusable = cadre is None or (cadre == "entreprise" and annee is None and not realisation.stage)
        if cadre is None:
            problems.append(
                locator.at(
                    "schema",
                    path,
                    f"réalisation « {realisation.intitule} » : clé « cadre » absente ; "
                    "écrivez « cadre: formation » ou « cadre: entreprise » (ou rattachez-la à un stage "
                    "avec « stage: »)",
                )
            )
        elif cadre == "entreprise" and annee is None and not realisation.stage:
            problems.append(
                locator.at(
                    "schema",
                    path,
                    f"réalisation « {realisation.intitule} » en entreprise : clé « annee » "
                    "absente ; écrivez « annee: 1 » ou « annee: 2 »",
                )
            )
        for p_index, production in enumerate(realisation.productions):
            if (production.fichier is None) == (production.lien is None):
                which = "les deux" if production.fichier else "ni l'un ni l'autre"
                problems.append(
                    locator.at(
                        "schema",
                        (*path, "productions", p_index),
                        f"production « {production.titre} » : indiquez soit « fichier », soit « lien » (ici {which})",
                    )
                )
        if unusable:
            continue
        identifier = realisation.id or slugify(realisation.intitule)
        resolved.append(ResolvedRealisation(index, realisation, identifier, cadre, annee))
    return resolved, problems


# --- translating pydantic errors ------------------------------------------------------------

_TYPE_WORDS = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "model_type": "un groupe de clés (clé: valeur)",
    "dict_type": "un groupe de clés (clé: valeur)",
    "model_attributes_type": "un groupe de clés (clé: valeur)",
}

_PATTERN_HINTS = {
    "id": "lettres minuscules sans accent, chiffres et tirets, par exemple « glpi-inventaire »",
    "numero": 'uniquement des chiffres, entre guillemets, par exemple "02412345678"',
    "couleur": 'un code couleur #RRGGBB entre guillemets, par exemple "#1a5e20"',
    "couleur_sombre": 'un code couleur #RRGGBB entre guillemets, par exemple "#a5d6a7"',
}


def _translate(error: dict, data: Any, locator: _Locator, root: type[BaseModel] = Portfolio) -> Finding:
    loc = tuple(error["loc"])
    kind = error["type"]
    name = _field_name(loc)
    value = _value_at(data, loc)
    if loc and loc[-1] == "[key]":  # a key of a mapping that YAML read as a number, a date, a boolean…
        key = loc[-2] if len(loc) > 1 else "?"
        container = _value_at(data, loc[:-2])
        if isinstance(container, dict):  # pydantic gives the key as text: find the one YAML read
            key = next((k for k in container if str(k) == str(key)), key)
        return locator.at(
            "schema",
            (*loc[:-2], key),
            f"clé « {key} »{_context(loc[:-2])} : YAML la lit comme "
            f"{_type_name(key, None)}, pas comme un texte ; écrivez le code "
            "complet (par exemple « B1.1: ») ou mettez la clé entre guillemets",
            key=True,
        )
    if kind == "missing":
        return locator.at(
            "schema", loc[:-1], f"clé obligatoire « {loc[-1]} » absente{_context(loc[:-1])} : ajoutez « {loc[-1]}: … »"
        )
    if kind == "extra_forbidden":
        known = _known_keys(loc[:-1], root)
        suggestion = _suggest_key(loc, root)
        tail = (
            f" : vouliez-vous écrire « {suggestion} » ?"
            if suggestion
            else (f" ; clés possibles ici : {', '.join(known)}" if known else "")
        )
        return locator.at("cle-inconnue", loc, f"clé inconnue « {loc[-1]} »{_context(loc[:-1])}{tail}", key=True)
    if kind == "date_invalide":
        guess = _date_guess(value)
        advice = (
            f"vouliez-vous écrire « {guess} » ?"
            if guess
            else "écrivez une date qui existe, au format JJ/MM/AAAA (19/05/2025) ou AAAA-MM-JJ (2025-05-19)"
        )
        if str(error["msg"]).startswith("année "):
            advice = "vérifiez l'année : les dates d'un portfolio sont comprises entre 1990 et 2100"
        return locator.at(
            "date-invalide", loc, f"date « {_show(value)} » invalide pour « {name} » ({error['msg']}) : {advice}"
        )
    if kind == "literal_error":
        allowed = _allowed(error)
        matches = [a for a in allowed if str(a).lower() == str(value).strip().lower()]
        tail = f"vouliez-vous écrire « {matches[0]} » ?" if matches else f"écrivez {_or_list(allowed)}"
        if matches and isinstance(value, str) and value.strip().isdigit():
            tail = f"écrivez le nombre sans guillemets : « {name}: {value.strip()} »"
        return locator.at("schema", loc, f"valeur « {_show(value)} » non autorisée pour « {name} » : {tail}")
    if kind in _TYPE_WORDS:
        written = locator.positions.written.get(loc)
        return locator.at(
            "schema",
            loc,
            f"« {name} » doit être {_TYPE_WORDS[kind]}, "
            f"pas {_type_name(value, written)}{_type_hint(kind, name, value, written)}",
        )
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(name, "format invalide")
        return locator.at("schema", loc, f"valeur « {_show(value)} » invalide pour « {name} » : {hint}")
    if kind == "too_short":
        return locator.at("schema", loc, f"« {name} » ne peut pas être vide : {_min_hint(name)}")
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return locator.at(
            "schema",
            loc,
            f"« {name} » est trop long (plus de {limit} caractères) : "
            "gardez un intitulé court et mettez le détail dans la description",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return locator.at("schema", loc, f"valeur « {_show(value)} » hors limites pour « {name} »{_bound_hint(name)}")
    if kind == "texte_vide":
        return locator.at("schema", loc, f"« {name} » est vide : écrivez un texte")
    if kind == "url_invalide":
        return locator.at(
            "schema",
            loc,
            f"adresse « {_show(value)} » invalide pour « {name} » : elle doit commencer par https:// (ou http://)",
        )
    if kind == "courriel_invalide":
        return locator.at("schema", loc, f"adresse électronique « {_show(value)} » invalide")
    return locator.at("schema", loc, f"valeur invalide pour « {name} »")


def _date_guess(value: Any) -> str | None:
    """The accepted spelling of a date written with other separators: 13-11-2026 → 13/11/2026,
    13.11.2026 → 13/11/2026, 2026/11/13 → 2026-11-13; None when it is no real date."""
    if not isinstance(value, str):
        return None
    parts = re.fullmatch(r"\s*(\d{1,4})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{1,4})\s*", value)
    if not parts:
        return None
    first, month, last = parts.groups()
    if len(first) <= 2 and len(last) == 2:  # 18/5/26: a year of this century
        last = f"20{last}"
    if len(first) <= 2 and len(last) == 4:
        day, year, text = first, last, f"{int(first):02d}/{int(month):02d}/{last}"
    elif len(first) == 4 and len(last) <= 2:
        day, year, text = last, first, f"{first}-{int(month):02d}-{int(last):02d}"
    else:
        return None
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return text


_BOOL_WORDS = {"oui": "true", "vrai": "true", "non": "false", "faux": "false"}


def _type_hint(kind: str, name: str, value: Any, written: str | None) -> str:
    """What to write instead, for a value of the wrong type."""
    if kind in ("model_type", "model_attributes_type", "dict_type") and name in ITEM_EXAMPLES:
        return f" : {ITEM_EXAMPLES[name]}"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        shown = written or (str(value).lower() if isinstance(value, bool) else str(value))
        return f' : mettez la valeur entre guillemets, « {name}: "{shown}" »'
    if not isinstance(value, str):
        return ""
    if _unquoted_would_fit(kind, value):
        return f" : écrivez-la sans guillemets, « {name}: {value.strip()} »"
    if kind in ("bool_type", "bool_parsing") and value.strip().lower() in _BOOL_WORDS:
        return f" : écrivez « {name}: {_BOOL_WORDS[value.strip().lower()]} »"
    if kind == "list_type" and value.strip():
        items = ", ".join(_flow_item(part) for part in _list_parts(name, value))
        return f" : écrivez la liste entre crochets, « {name}: [{items}] »"
    return ""


def _list_parts(name: str, text: str) -> list[str]:
    """The items of a list written as a sentence: « B1.1, B1.2 et B1.2.1 » → B1.1, B1.2, B1.2.1
    (competence codes may also be separated by spaces only)."""
    parts = [part.strip() for part in re.split(r"\s*(?:,|;|\s+et\s+|\s+and\s+)\s*", text.strip())]
    if name == "competences":
        parts = [code for part in parts for code in part.split()]
    return [part for part in parts if part]


def _flow_item(item: str) -> str:
    """`item` as YAML reads it back inside [ ]: as it is, or between double quotes."""
    try:
        if yaml.safe_load(f"[{item}]") == [item]:
            return item
    except yaml.YAMLError:
        pass
    return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquoted_would_fit(kind: str, value: str) -> bool:
    """A quoted "2026" where a number is expected, a quoted "true" where a boolean is."""
    text = value.strip()
    if kind in ("int_type", "int_parsing"):
        return text.isdigit()
    return kind in ("bool_type", "bool_parsing") and text.lower() in ("true", "false")


def _field_name(loc: tuple) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "document"


_ITEM_WORDS = {
    "realisations": "la réalisation",
    "stages": "le stage",
    "productions": "la production",
    "articles": "l'article",
}


def _context(loc: tuple) -> str:
    """Where in the file, in words: « dans « candidat » », « dans la réalisation n° 3 »."""
    return f" dans {_place(loc)}" if loc else " à la racine du fichier"


def _place(loc: tuple) -> str:
    """« candidat », « la réalisation n° 3 », « « periode » de la réalisation n° 2 »."""
    if isinstance(loc[-1], int):
        container = _field_name(loc)
        item = _ITEM_WORDS.get(container)
        text = f"{item} n° {loc[-1] + 1}" if item else f"l'élément n° {loc[-1] + 1} de « {container} »"
        parent = loc[:-2]
    else:
        text = f"« {loc[-1]} »"
        parent = loc[:-1]
    while parent and not isinstance(parent[-1], int):
        parent = parent[:-1]
    if parent:
        outer = _place(parent)
        text += f" du {outer[3:]}" if outer.startswith("le ") else f" de {outer}"
    return text


def _min_hint(name: str) -> str:
    return {
        "realisations": "décrivez au moins une réalisation",
        "competences": "indiquez au moins un code de compétence, par exemple B1.1",
    }.get(name, "ajoutez au moins un élément")


def _bound_hint(name: str) -> str:
    return " : écrivez l'année de la session, par exemple 2026" if name == "session" else ""


def _or_list(words: list) -> str:
    """['a', 'b', 'c'] → 'a, b ou c'."""
    words = [str(word) for word in words]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} ou {words[-1]}"


def _allowed(error: dict) -> list:
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip().strip("'\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _type_name(value: Any, written: str | None = None) -> str:
    if written is not None and not isinstance(value, bool):
        return f"le nombre {written}"
    if written is not None:
        return f"« {written} » (lu comme le booléen {str(value).lower()})"
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte « {_show(value)} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un groupe de clés"
    return f"« {_show(value)} »"


def _known_keys(loc: tuple, root: type[BaseModel] = Portfolio) -> list[str]:
    """Keys (field names, or their aliases) of the model found at `loc` (keys and indices)."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = _field_named(model, part) if _is_model(model) else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [field.alias or name for name, field in model.model_fields.items()] if _is_model(model) else []


def _field_named(model: type[BaseModel], key: str) -> Any:
    return next((field for name, field in model.model_fields.items() if (field.alias or name) == key), None)


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if _is_model(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
