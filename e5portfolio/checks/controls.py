"""Invisible characters that change how a text reads: bidi controls anywhere, line breaks in
one-line values (names, titles, file names)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.checks.todo import portfolio_texts
from e5portfolio.core.findings import Finding, Severity

BIDI = {
    "\u200e": "marque de sens gauche à droite",
    "\u200f": "marque de sens droite à gauche",
    "\u202a": "enchâssement gauche à droite",
    "\u202b": "enchâssement droite à gauche",
    "\u202c": "fin d'enchâssement ou de forçage",
    "\u202d": "forçage gauche à droite",
    "\u202e": "inversion du sens du texte",
    "\u2066": "isolat gauche à droite",
    "\u2067": "isolat droite à gauche",
    "\u2068": "isolat de sens automatique",
    "\u2069": "fin d'isolat",
}
LINE_BREAKS = {
    "\n": "saut de ligne",
    "\r": "retour chariot",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x85": "passage à la ligne",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
}
# Values written over several lines on purpose (Markdown): line breaks are fine there
MULTILINE_KEYS = {"presentation", "missions", "contribution", "description", "resume", "donnees_personnelles"}


_BIDI_RE = re.compile("[" + "".join(BIDI) + "]")
_BREAK_RE = re.compile("[" + "".join(LINE_BREAKS) + "]")


def forbidden_character(text: str, *, multiline: bool) -> str | None:
    """« U+202E (inversion du sens du texte) » for the first forbidden character of `text`."""
    found = _BIDI_RE.search(text)
    if found:
        return f"U+{ord(found.group()):04X} ({BIDI[found.group()]})"
    if not multiline:
        found = _BREAK_RE.search(text.strip())  # a block scalar's final line break is not shown
        if found:
            return f"U+{ord(found.group()):04X} ({LINE_BREAKS[found.group()]})"
    return None


def _where(path: tuple) -> str:
    """Which value, without quoting any text of the portfolio (it may hold the character)."""
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if len(path) >= 2 and path[0] in ("realisations", "stages") and isinstance(path[1], int):
        owner = "de la réalisation" if path[0] == "realisations" else "du stage"
        return f"« {key} » {owner} n° {path[1] + 1}"
    parent = path[0] if len(path) > 1 and isinstance(path[0], str) else None
    return f"« {key} » sous « {parent}: »" if parent else f"« {key} »"


@rule("caractere-de-controle", Severity.ERROR)
def caractere_de_controle(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Aucun texte ne contient de caractère de contrôle du sens d'écriture (U+202A à U+202E,
    U+2066 à U+2069, U+200E, U+200F), et les noms, titres et chemins de fichiers tiennent sur
    une ligne.

    Ces caractères invisibles font lire un texte autrement qu'il n'est écrit (« exe.fdp » qui
    s'affiche « pdf.exe ») sur le site, dans le tableau de synthèse et le PDF ; un saut de ligne
    dans un nom ou un titre casse la mise en page et un nom de fichier.

    Correct :   intitule: Inventaire du parc avec GLPI
    Incorrect : un nom copié d'une page web avec un U+202E invisible, ou
    intitule: "Inventaire\\ndu parc"
    """
    for path, text in portfolio_texts(ctx):
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        found = forbidden_character(text, multiline=key in MULTILINE_KEYS)
        if found:
            yield ctx.finding(
                self,
                path,
                f"{_where(path)} contient le caractère de contrôle {found} : "
                "supprimez-le (retapez la valeur sur une seule ligne, sans copier-coller)",
            )


RULES = (caractere_de_controle,)
