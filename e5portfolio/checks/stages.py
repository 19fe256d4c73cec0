"""Stages: total duration and attestations (contrôle de conformité, Annexe VI-2).

Also the one place where the facts about each stage's attestation are decided (`stage_facts`):
from the same path resolution as the file rules (files.resolved_files), once per analysis. The
rules here, the VI-2 form (fiches.forms), the commission's archive (dossier.archive) and the
site's warning (site.plugin) read these facts instead of deciding again.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.checks.files import left_on_computer, resolved_files
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.model import total_stage_weeks


class AttestationState(str, enum.Enum):
    """What is known of a stage's attestation."""

    ABSENTE = "absente"  # no `attestation:` key
    INTROUVABLE = "introuvable"  # written, but no file there (missing, outside the folder, a folder…)
    NON_VERIFIEE = "non-verifiee"  # not in the folder under --sans-attestations: not checked
    NON_SIGNEE = "non-signee"  # the file is there, not said signed
    SIGNEE = "signee"  # the file is there, said signed


@dataclass(frozen=True)
class StageFact:
    """One stage of the portfolio and its attestation, as the checks established them."""

    index: int  # in portfolio.stages (and in the file's `stages:` list)
    id: str
    organisation: str
    debut: dt.date
    fin: dt.date
    attestation: str | None  # the path as written, None without one
    path: Path | None  # the real file, inside the portfolio folder, when it is there
    state: AttestationState
    signee: bool  # `attestation_signee: true` as written
    problem: str | None = None  # why the file is not there (files.Resolved.problem)


def stage_facts(ctx: CheckContext) -> tuple[StageFact, ...]:
    """The facts of every stage, decided once per check (cached in the context)."""
    if "stage_facts" not in ctx.cache:
        resolved = {item.ref.yaml_path: item for item in resolved_files(ctx)}
        facts = []
        for index, stage in enumerate(ctx.portfolio.stages):
            item = resolved.get(("stages", index, "attestation")) if stage.attestation else None
            if item is None:
                state = AttestationState.ABSENTE
            elif left_on_computer(ctx, item):
                state = AttestationState.NON_VERIFIEE
            elif item.path is None:
                state = AttestationState.INTROUVABLE
            else:
                state = AttestationState.SIGNEE if stage.attestation_signee else AttestationState.NON_SIGNEE
            facts.append(
                StageFact(
                    index,
                    stage.id,
                    stage.organisation,
                    stage.debut,
                    stage.fin,
                    stage.attestation or None,
                    item.path if item else None,
                    state,
                    stage.attestation_signee,
                    item.problem if item else None,
                )
            )
        ctx.cache["stage_facts"] = tuple(facts)
    return ctx.cache["stage_facts"]


def _weeks(value: float) -> str:
    """« 1 semaine », « 7,5 semaines » (French: plural from 2)."""
    text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} semaine{'s' if value >= 2 else ''}"


@rule("duree-stages", Severity.WARNING)
def duree_stages(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """La durée totale des stages atteint le minimum du référentiel (10 semaines).

    Les semaines sont comptées en jours ouvrés (lundi–vendredi) / 5, des dates des stages
    (des stages qui se chevauchent ne comptent qu'une fois) ; une durée insuffisante fait refuser le
    dossier au contrôle de conformité.

    Correct :   deux stages de 5 semaines ou plus au total.
    Incorrect : un seul stage de 6 semaines → « 6 semaines sur 10 ».
    """
    if not ctx.validated.is_complete(("stages",)):
        return  # decided once the stages left out for their errors are fixed
    minimum = ctx.referential.stages.semaines_minimum
    total = total_stage_weeks(ctx.portfolio.stages)
    if total + 1e-9 < minimum:
        yield ctx.finding(
            self,
            ("stages",),
            f"durée totale des stages : {_weeks(total)} sur les {minimum} exigées : un "
            "dossier dont les stages sont trop courts est refusé au contrôle de conformité ; "
            "vérifiez les dates des stages ou ajoutez les stages manquants",
        )


@rule("attestation-manquante", Severity.WARNING)
def attestation_manquante(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Chaque stage a son attestation (fichier `attestation`).

    Les attestations de stage font partie du dossier ; leur absence fait refuser le dossier
    au contrôle de conformité.

    Correct :   attestation: attestations/stage1.pdf
    Incorrect : pas de clé attestation.
    """
    for fact in stage_facts(ctx):
        if fact.state is AttestationState.ABSENTE:
            yield ctx.finding(
                self,
                ("stages", fact.index),
                f"stage « {fact.id} » sans attestation : ajoutez "
                "« attestation: attestations/<fichier>.pdf » (attestation signée par "
                "l'organisation d'accueil)",
            )


@rule("attestation-non-signee", Severity.WARNING)
def attestation_non_signee(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """L'attestation d'un stage est signée (`attestation_signee: true`).

    Une attestation non signée fait refuser le dossier au contrôle de conformité.

    Correct :   attestation_signee: true
    Incorrect : attestation_signee absent ou false.
    """
    for fact in stage_facts(ctx):
        if fact.attestation is not None and not fact.signee:
            yield ctx.finding(
                self,
                ("stages", fact.index, "attestation"),
                f"stage « {fact.id} » : l'attestation n'est pas indiquée comme signée ; "
                "faites-la signer puis écrivez « attestation_signee: true »",
            )


RULES = (duree_stages, attestation_manquante, attestation_non_signee)
