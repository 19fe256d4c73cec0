"""Plain data → typed Portfolio; every validation error becomes a located French finding.

Errors are keyed on pydantic's error *types* (and our own custom types), never on its English
message text.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .findings import Finding, Severity
from .loader import Loaded, PositionIndex
from .model import Portfolio, ResolvedRealisation, slugify


@dataclass(frozen=True)
class Validated:
    """A portfolio that passed validation, with what checks need to locate findings."""

    portfolio: Portfolio
    realisations: list[ResolvedRealisation]
    positions: PositionIndex
    file: str


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
        return None, [locator.at("schema", (), f"le fichier doit contenir des clés (version, candidat, "
                                                 f"realisations…), pas {found}")]
    try:
        portfolio = Portfolio.model_validate(loaded.data)
    except ValidationError as exc:
        errors = _without_typo_doubles(exc.errors())
        return None, _unique([_translate(error, loaded.data, locator) for error in errors])
    realisations, problems = _resolve(portfolio, locator)
    if problems:
        return None, problems
    return Validated(portfolio, realisations, loaded.positions, loaded.file), []


class _Locator:
    def __init__(self, positions: PositionIndex, file: str):
        self.positions = positions
        self.file = file

    def at(self, rule: str, path: tuple, message: str, *, key: bool = False,
           severity: Severity = Severity.ERROR, hint: str | None = None) -> Finding:
        position = self.positions.key(path) if key else self.positions.best(path)
        line, column = position if position else (None, None)
        return Finding(rule, severity, message, self.file, line, column, hint)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, result = set(), []
    for finding in findings:
        key = (finding.rule, finding.line, finding.column, finding.message)
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result


def _without_typo_doubles(errors: list[dict]) -> list[dict]:
    """Drop « key X missing » when the same mapping has an unknown key that is a typo of X:
    the did-you-mean of `cle-inconnue` already says what to write."""
    suggested = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            suggestion = _suggest_key(loc)
            if suggestion:
                suggested.add((*loc[:-1], suggestion))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def _suggest_key(loc: tuple) -> str | None:
    """The known key closest to the unknown key at `loc`, if one is close enough."""
    close = difflib.get_close_matches(str(loc[-1]).lower(), _known_keys(loc[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


def _resolve(portfolio: Portfolio, locator: _Locator) -> tuple[list[ResolvedRealisation], list[Finding]]:
    """Fill in the defaults that depend on other fields, and check field combinations."""
    stages = portfolio.stages_by_id
    resolved, problems = [], []
    for index, realisation in enumerate(portfolio.realisations):
        path = ("realisations", index)
        stage = stages.get(realisation.stage) if realisation.stage else None
        cadre = realisation.cadre or ("entreprise" if realisation.stage else None)
        annee = realisation.annee or (stage.annee if stage else None)
        if cadre is None:
            problems.append(locator.at(
                "schema", path, f"réalisation « {realisation.intitule} » : clé « cadre » absente ; "
                "écrivez « cadre: formation » ou « cadre: entreprise » (ou rattachez-la à un stage "
                "avec « stage: »)"))
        elif cadre == "entreprise" and annee is None and not realisation.stage:
            problems.append(locator.at(
                "schema", path, f"réalisation « {realisation.intitule} » en entreprise : clé « annee » "
                "absente ; écrivez « annee: 1 » ou « annee: 2 »"))
        for p_index, production in enumerate(realisation.productions):
            if (production.fichier is None) == (production.lien is None):
                which = "les deux" if production.fichier else "ni l'un ni l'autre"
                problems.append(locator.at(
                    "schema", (*path, "productions", p_index),
                    f"production « {production.titre} » : indiquez soit « fichier », soit « lien » "
                    f"(ici {which})"))
        identifier = realisation.id or slugify(realisation.intitule)
        resolved.append(ResolvedRealisation(index, realisation, identifier, cadre, annee))
    return resolved, problems


# --- translating pydantic errors ------------------------------------------------------------

_TYPE_WORDS = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "model_type": "un groupe de clés (clé: valeur)",
    "dict_type": "un groupe de clés (clé: valeur)",
    "model_attributes_type": "un groupe de clés (clé: valeur)",
}

_PATTERN_HINTS = {
    "id": "lettres minuscules sans accent, chiffres et tirets, par exemple « glpi-inventaire »",
    "numero": "uniquement des chiffres, entre guillemets, par exemple \"02412345678\"",
    "couleur": "un code couleur #RRGGBB entre guillemets, par exemple \"#1a5e20\"",
    "couleur_sombre": "un code couleur #RRGGBB entre guillemets, par exemple \"#a5d6a7\"",
}


def _translate(error: dict, data: Any, locator: _Locator) -> Finding:
    loc = tuple(error["loc"])
    kind = error["type"]
    name = _field_name(loc)
    value = _value_at(data, loc)
    if kind == "missing":
        return locator.at("schema", loc[:-1], f"clé obligatoire « {loc[-1]} » absente{_context(loc[:-1])} : "
                                              f"ajoutez « {loc[-1]}: … »")
    if kind == "extra_forbidden":
        known = _known_keys(loc[:-1])
        suggestion = _suggest_key(loc)
        tail = f" : vouliez-vous écrire « {suggestion} » ?" if suggestion else (
            f" ; clés possibles ici : {', '.join(known)}" if known else "")
        return locator.at("cle-inconnue", loc, f"clé inconnue « {loc[-1]} »{_context(loc[:-1])}{tail}",
                          key=True)
    if kind == "date_invalide":
        return locator.at(
            "date-invalide", loc,
            f"date « {_show(value)} » invalide pour « {name} » ({error['msg']}) : écrivez une date "
            "qui existe, au format JJ/MM/AAAA (19/05/2025) ou AAAA-MM-JJ (2025-05-19)")
    if kind == "literal_error":
        allowed = _allowed(error)
        suggestion = [a for a in allowed if str(a).lower() == str(value).strip().lower()]
        tail = f"vouliez-vous écrire « {suggestion[0]} » ?" if suggestion else f"écrivez {_or_list(allowed)}"
        if suggestion and isinstance(value, str) and value.strip().isdigit():
            tail = f"écrivez le nombre sans guillemets : « {name}: {value.strip()} »"
        return locator.at("schema", loc, f"valeur « {_show(value)} » non autorisée pour « {name} » : {tail}")
    if kind in _TYPE_WORDS:
        written = locator.positions.written.get(loc)
        return locator.at("schema", loc, f"« {name} » doit être {_TYPE_WORDS[kind]}, "
                                         f"pas {_type_name(value, written)}{_type_hint(kind, name, value, written)}")
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(name, "format invalide")
        return locator.at("schema", loc, f"valeur « {_show(value)} » invalide pour « {name} » : {hint}")
    if kind == "too_short":
        return locator.at("schema", loc, f"« {name} » ne peut pas être vide : {_min_hint(name)}")
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return locator.at("schema", loc, f"« {name} » est trop long (plus de {limit} caractères) : "
                                         "gardez un intitulé court et mettez le détail dans la description")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return locator.at("schema", loc, f"valeur « {_show(value)} » hors limites pour « {name} »"
                                         f"{_bound_hint(name)}")
    if kind == "texte_vide":
        return locator.at("schema", loc, f"« {name} » est vide : écrivez un texte")
    if kind == "url_invalide":
        return locator.at("schema", loc, f"adresse « {_show(value)} » invalide pour « {name} » : "
                                         "elle doit commencer par https:// (ou http://)")
    if kind == "courriel_invalide":
        return locator.at("schema", loc, f"adresse électronique « {_show(value)} » invalide")
    return locator.at("schema", loc, f"valeur invalide pour « {name} »")


_BOOL_WORDS = {"oui": "true", "vrai": "true", "non": "false", "faux": "false"}


def _type_hint(kind: str, name: str, value: Any, written: str | None) -> str:
    """What to write instead, for a value of the wrong type."""
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        shown = written or (str(value).lower() if isinstance(value, bool) else str(value))
        return f" : mettez la valeur entre guillemets, « {name}: \"{shown}\" »"
    if not isinstance(value, str):
        return ""
    if _unquoted_would_fit(kind, value):
        return f" : écrivez-la sans guillemets, « {name}: {value.strip()} »"
    if kind in ("bool_type", "bool_parsing") and value.strip().lower() in _BOOL_WORDS:
        return f" : écrivez « {name}: {_BOOL_WORDS[value.strip().lower()]} »"
    if kind == "list_type" and value.strip():
        items = ", ".join(part.strip() for part in value.split(",") if part.strip())
        return f" : écrivez la liste entre crochets, « {name}: [{items}] »"
    return ""


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
    "realisations": "la réalisation", "stages": "le stage", "productions": "la production",
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


def _known_keys(loc: tuple) -> list[str]:
    """Field names of the model found at `loc` (a path of keys and indices)."""
    model: Any = Portfolio
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return list(model.model_fields) if _is_model(model) else []


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
