"""Competence codes: known codes, coverage of the six competences and of their bullets."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.model import ResolvedRealisation
from e5portfolio.core.referential import Referential


def mobilised(entry: ResolvedRealisation, referential: Referential) -> list[str]:
    """Competences (B1.n) that a réalisation mobilises; unknown codes are ignored."""
    result = []
    for code in entry.source.competences:
        competence = referential.competence_of(code.strip())
        if competence and competence not in result:
            result.append(competence)
    return result


def _written_as_code(code: str, referential: Referential) -> str | None:
    """The referential code that `code` spells loosely: b1.1, B1,1, B1-1, B11, B 1.1, 1.1 → B1.1;
    B111, 1.1.1 → B1.1.1. The result may not exist (B1.7, B1.2.4)."""
    letter, number = referential.bloc.code[0], referential.bloc.code[1:]
    compact = re.sub(r"[\s.,;:_-]+", ".", code.strip().upper()).strip(".")
    compact = re.sub("^" + re.escape(letter) + r"\.", letter, compact)  # B 1.4, B.1.4 → B1.4
    match = re.fullmatch(re.escape(letter) + "?" + re.escape(number) + r"\.?(\d)(?:\.?(\d{1,2}))?", compact)
    if not match:
        return None
    competence, item = match.groups()
    return f"{referential.bloc.code}.{competence}" + (f".{int(item)}" if item else "")


def _advice(code: str, referential: Referential) -> str:
    """The end of the message for an unknown code: a did-you-mean, or what codes exist."""
    labels = referential.labels
    guess = _written_as_code(code, referential)
    if guess in labels:
        return f" : vouliez-vous écrire « {guess} » ({labels[guess]}) ?"
    parent = ".".join(guess.split(".")[:2]) if guess else None
    if guess and guess != parent and parent in labels:
        items = len(next(c for c in referential.competences if c.code == parent).items)
        return f" : la compétence {parent} « {labels[parent]} » n'a que {items} items, de {parent}.1 à {parent}.{items}"
    by_label = {label.lower(): c for c, label in labels.items()}
    close = difflib.get_close_matches(code.strip().lower(), list(by_label), n=1, cutoff=0.75)
    if close:
        found = by_label[close[0]]
        return f" : vouliez-vous écrire « {found} » ({labels[found]}) ?"
    first, last = referential.competences[0].code, referential.competences[-1].code
    return (
        f" ; codes possibles : {first} à {last} (les {len(referential.competences)} compétences "
        f"du bloc {referential.bloc.code}), ou {first}.1, {first}.2… pour un item d'une compétence"
    )


@rule("competence-inconnue", Severity.ERROR)
def competence_inconnue(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un code de compétence cité n'existe pas dans le référentiel.

    Codes valides : B1.1 à B1.6 (les six compétences) et B1.n.k (k-ième item de la compétence n).

    Correct :   competences: [B1.1, B1.1.5]
    Incorrect : competences: [B1.7]  → « le code B1.7 n'existe pas »
    """
    for entry in ctx.realisations:
        for c_index, code in enumerate(entry.source.competences):
            if code.strip() in ctx.referential.labels:
                continue
            tail = _advice(code, ctx.referential)
            yield ctx.finding(
                self,
                ("realisations", entry.index, "competences", c_index),
                f"réalisation « {entry.intitule} » : le code de compétence « {code} » "
                f"n'existe pas dans le référentiel{tail}",
            )


@rule("couverture-competences", Severity.ERROR)
def couverture_competences(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Chacune des six compétences du bloc doit être mobilisée par au moins une réalisation.

    L'annexe VI exige que les réalisations « dans leur ensemble, mobilisent toutes les
    compétences du bloc ». Citer un item B1.n.k mobilise la compétence B1.n.

    Correct :   les réalisations citent, à elles toutes, B1.1 … B1.6.
    Incorrect : aucune réalisation ne cite B1.3 ni un item B1.3.k → une erreur pour B1.3.
    """
    if not ctx.validated.is_complete(("realisations",)):
        return  # decided once the réalisations left out for their errors are fixed
    covered = {code for entry in ctx.realisations for code in mobilised(entry, ctx.referential)}
    for competence in ctx.referential.competences:
        if competence.code not in covered:
            yield ctx.finding(
                self,
                ("realisations",),
                f"la compétence {competence.code} « {competence.intitule} » n'est "
                "mobilisée par aucune réalisation : ajoutez-la à une réalisation qui la "
                "met en œuvre, ou décrivez une nouvelle réalisation",
            )


@rule("sous-competence-non-couverte", Severity.INFO)
def sous_competence_non_couverte(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un item B1.n.k du référentiel n'est cité par aucune réalisation (information).

    Le jury évalue chaque compétence à travers ses items : en citer le plus possible aide à
    montrer l'étendue de votre pratique.

    Correct :   B1.5.3 est cité par au moins une réalisation.
    Incorrect : aucune réalisation ne cite B1.5.3 → une information.
    """
    if not ctx.validated.is_complete(("realisations",)):
        return  # decided once the réalisations left out for their errors are fixed
    cited = {code.strip() for entry in ctx.realisations for code in entry.source.competences}
    for competence in ctx.referential.competences:
        for code, label in competence.item_codes:
            if code not in cited:
                yield ctx.finding(
                    self, ("realisations",), f"l'item {code} « {label} » n'est cité par aucune réalisation"
                )


RULES = (competence_inconnue, couverture_competences, sous_competence_non_couverte)
