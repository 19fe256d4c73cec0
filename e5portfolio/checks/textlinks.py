"""Links written inside free-text fields (Markdown) that point to files of the portfolio folder."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.checks.files import normalise
from e5portfolio.core.findings import Finding, Severity

# [text](target "title") and ![alt](target) — the leading "!" tells an image
_INLINE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?[^)\n]*\)")
# [ref]: target
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.M)


def free_texts(ctx: CheckContext) -> Iterator[tuple[tuple, str, str]]:
    """(YAML path, French name of the field, Markdown text) of every free-text field."""
    portfolio = ctx.portfolio
    yield ("presentation",), "présentation", portfolio.presentation
    for index, stage in enumerate(portfolio.stages):
        if stage.missions:
            yield ("stages", index, "missions"), f"missions du stage « {stage.id} »", stage.missions
    for entry in ctx.realisations:
        where = f"réalisation « {entry.intitule} »"
        yield ("realisations", entry.index, "description"), f"description de la {where}", entry.source.description
        if entry.source.contribution:
            yield (
                ("realisations", entry.index, "contribution"),
                f"contribution de la {where}",
                entry.source.contribution,
            )
    veille = portfolio.veille
    if veille is not None:
        if veille.description:
            yield ("veille", "description"), "description de la veille", veille.description
        for index, article in enumerate(veille.articles):
            if article.resume:
                yield ("veille", "articles", index, "resume"), f"résumé de « {article.titre} »", article.resume
    mentions = portfolio.mentions_legales
    if mentions is not None and mentions.donnees_personnelles:
        yield (("mentions_legales", "donnees_personnelles"), "données personnelles", mentions.donnees_personnelles)


def local_targets(markdown_text: str) -> list[str]:
    """Link targets (not images) that name a file of the folder rather than a web address."""
    targets = [target for bang, target in _INLINE.findall(markdown_text) if not bang]
    targets += _DEFINITION.findall(markdown_text)
    return [t for t in targets if not t.startswith("#") and not urlsplit(t).scheme and not t.startswith("//")]


def published_paths(ctx: CheckContext) -> set[str]:
    """The portfolio paths the site publishes (as the site normalises them)."""
    portfolio = ctx.portfolio
    written = [portfolio.candidat.photo] if portfolio.candidat.photo else []
    written += [portfolio.publication.logo] if portfolio.publication.logo else []
    written += [p.fichier for e in ctx.realisations for p in e.source.productions if p.fichier]
    if portfolio.publication.attestations:
        written += [s.attestation for s in portfolio.stages if s.attestation]
    return {posixpath.normpath(normalise(path)) for path in written}


@rule("lien-local-non-publie", Severity.WARNING)
def lien_local_non_publie(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Un lien écrit dans un texte (présentation, description…) vers un fichier du dossier mène
    à un fichier publié sur le site.

    Seuls les fichiers cités comme production (et la photo) sont publiés : un lien vers un autre
    fichier serait affiché comme simple texte sur le site.

    Correct :   [la procédure](productions/glpi/procedure.pdf), ce fichier étant une production
    Incorrect : [mes notes](notes/brouillon.md), fichier cité par aucune production.
    """
    published = published_paths(ctx)
    for path, field_name, source in free_texts(ctx):
        for target in local_targets(source):
            if posixpath.normpath(normalise(target.split("#")[0])) not in published:
                yield ctx.finding(
                    self,
                    path,
                    f"{field_name} : le lien vers « {target} » ne mène à aucun fichier publié : "
                    "il sera affiché comme simple texte sur le site ; citez ce fichier comme "
                    "production (titre + fichier) ou écrivez une adresse https://…",
                )


RULES = (lien_local_non_publie,)
