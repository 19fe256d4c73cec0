"""Réalisations and their links: productions, team work, ids, stages and periods."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity


def _fr(date) -> str:
    return date.strftime("%d/%m/%Y")


@rule("production-manquante", Severity.ERROR)
def production_manquante(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Chaque réalisation présente au moins une production (document, script, lien…).

    Le tableau de synthèse liste, pour chaque réalisation, « les documents et productions
    associés ».

    Correct :   productions: [{titre: Procédure, fichier: productions/procedure.pdf}]
    Incorrect : productions absent ou vide.
    """
    for entry in ctx.realisations:
        if not entry.source.productions and ctx.validated.is_complete(("realisations", entry.index, "productions")):
            yield ctx.finding(
                self,
                ("realisations", entry.index),
                f"réalisation « {entry.intitule} » sans production : ajoutez sous "
                "« productions: » au moins un document (titre + fichier) ou un lien "
                "(titre + lien)",
            )


@rule("contribution-manquante", Severity.ERROR)
def contribution_manquante(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Une réalisation en équipe (`equipe: true`) décrit la contribution personnelle.

    La grille d'évaluation apprécie la « capacité à rendre compte d'un travail réalisé au sein
    d'une équipe projet en mettant clairement en évidence sa contribution personnelle ».

    Correct :   equipe: true + contribution: « J'ai rédigé le plan de tests… »
    Incorrect : equipe: true sans contribution.
    """
    for entry in ctx.realisations:
        if entry.source.equipe and not entry.source.contribution:
            yield ctx.finding(
                self,
                ("realisations", entry.index, "equipe"),
                f"réalisation « {entry.intitule} » en équipe sans « contribution » : "
                "décrivez ce que vous avez fait vous-même",
            )


@rule("identifiant-duplique", Severity.ERROR)
def identifiant_duplique(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Deux réalisations (ou deux stages) ne partagent pas le même identifiant.

    L'identifiant d'une réalisation est sa clé `id`, ou à défaut son intitulé transformé
    (« Inventaire GLPI » → inventaire-glpi) ; il donne l'adresse de sa page.

    Correct :   id: glpi-inventaire et id: glpi-helpdesk
    Incorrect : deux réalisations « id: glpi » → la seconde est signalée.
    """
    first_line: dict[str, int | None] = {}
    for entry in ctx.realisations:
        path = ("realisations", entry.index, "id") if entry.source.id else ("realisations", entry.index)
        if entry.id in first_line:
            where = f" (déjà utilisé ligne {first_line[entry.id]})" if first_line[entry.id] else ""
            explicit = "" if entry.source.id else " (déduit de l'intitulé)"
            yield ctx.finding(
                self,
                path,
                f"identifiant de réalisation « {entry.id} »{explicit} en double"
                f"{where} : donnez à chaque réalisation un « id » différent",
            )
        else:
            position = ctx.validated.positions.value(path)
            first_line[entry.id] = position[0] if position else None
    seen: dict[str, int | None] = {}
    for index, stage in enumerate(ctx.portfolio.stages):
        path = ("stages", index, "id")
        if stage.id in seen:
            yield ctx.finding(
                self,
                path,
                f"identifiant de stage « {stage.id} » en double (déjà utilisé "
                f"ligne {seen[stage.id]}) : donnez à chaque stage un « id » "
                "différent",
            )
        else:
            position = ctx.validated.positions.value(path)
            seen[stage.id] = position[0] if position else None


def _closest(name: str, ids: list[str]) -> str | None:
    """The one id closest to `name`; None when none is close or several are equally close
    (stage3 is as close to stage1 as to stage2: better list them all)."""
    scored = [(difflib.SequenceMatcher(None, name, known).ratio(), known) for known in ids]
    scored = sorted((s for s in scored if s[0] >= 0.6), reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


@rule("stage-inconnu", Severity.ERROR)
def stage_inconnu(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Le stage nommé par une réalisation (`stage: …`) existe dans la liste `stages`.

    Correct :   stages: [{id: stage1, …}] et, dans la réalisation, stage: stage1
    Incorrect : stage: stage3 alors qu'aucun stage n'a l'id stage3.
    """
    stages = ctx.portfolio.stages_by_id
    ids = list(stages)
    for entry in ctx.realisations:
        name = entry.source.stage
        if name is not None and name not in ids and name not in ctx.validated.broken_stages:
            # Only a stage during which the réalisation took place is worth proposing.
            periode = entry.periode
            during = [
                i
                for i in ids
                if stages[i].debut <= periode.debut
                and periode.fin <= stages[i].fin
                or not ctx.validated.is_complete(("realisations", entry.index, "periode"))
            ]
            close = _closest(name, during)
            tail = (
                f" : vouliez-vous écrire « {close} » ?"
                if close
                else f" ; stages déclarés : {', '.join(ids)}"
                if ids
                else " ; aucun stage n'est déclaré sous « stages: »"
            )
            yield ctx.finding(
                self,
                ("realisations", entry.index, "stage"),
                f"réalisation « {entry.intitule} » : le stage « {name} » n'existe pas{tail}",
            )


@rule("periode-inversee", Severity.ERROR)
def periode_inversee(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """La date de fin d'une période (réalisation ou stage) n'est pas avant sa date de début.

    Correct :   debut: 19/05/2025, fin: 27/06/2025
    Incorrect : debut: 27/06/2025, fin: 19/05/2025.
    """
    for index, stage in enumerate(ctx.portfolio.stages):
        if stage.fin < stage.debut:
            yield ctx.finding(
                self,
                ("stages", index, "fin"),
                f"stage « {stage.id} » : la fin ({_fr(stage.fin)}) est avant le début "
                f"({_fr(stage.debut)}) : corrigez les dates (sont-elles inversées ?)",
            )
    for entry in ctx.realisations:
        periode = entry.periode
        if periode.fin < periode.debut:
            yield ctx.finding(
                self,
                ("realisations", entry.index, "periode", "fin"),
                f"réalisation « {entry.intitule} » : la fin ({_fr(periode.fin)}) est avant "
                f"le début ({_fr(periode.debut)}) : corrigez les dates (sont-elles inversées ?)",
            )


@rule("periode-hors-stage", Severity.WARNING)
def periode_hors_stage(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Une réalisation rattachée à un stage se déroule pendant ce stage.

    Correct :   stage du 19/05/2025 au 27/06/2025, réalisation du 20/05/2025 au 13/06/2025.
    Incorrect : réalisation du 02/09/2025 au 10/09/2025 rattachée à ce stage.
    """
    stages = ctx.portfolio.stages_by_id
    for entry in ctx.realisations:
        stage = stages.get(entry.source.stage or "")
        periode = entry.periode
        if stage is None or stage.fin < stage.debut or periode.fin < periode.debut:
            continue
        if not ctx.validated.is_complete(("realisations", entry.index, "periode")):
            continue  # a date written wrong is reported already: its stand-in is not judged
        if periode.debut < stage.debut or periode.fin > stage.fin:
            yield ctx.finding(
                self,
                ("realisations", entry.index, "periode"),
                f"réalisation « {entry.intitule} » ({_fr(periode.debut)} – {_fr(periode.fin)}) "
                f"en dehors du stage « {stage.id} » ({_fr(stage.debut)} – {_fr(stage.fin)}) : "
                "corrigez les dates ou le stage de rattachement",
            )


RULES = (
    production_manquante,
    contribution_manquante,
    identifiant_duplique,
    stage_inconnu,
    periode_inversee,
    periode_hors_stage,
)
