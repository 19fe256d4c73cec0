"""Stages: total duration and attestations (contrôle de conformité, Annexe VI-2)."""

from __future__ import annotations

from collections.abc import Iterator

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.model import total_stage_weeks


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
    for index, stage in enumerate(ctx.portfolio.stages):
        if not stage.attestation:
            yield ctx.finding(
                self,
                ("stages", index),
                f"stage « {stage.id} » sans attestation : ajoutez "
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
    for index, stage in enumerate(ctx.portfolio.stages):
        if stage.attestation and not stage.attestation_signee:
            yield ctx.finding(
                self,
                ("stages", index, "attestation"),
                f"stage « {stage.id} » : l'attestation n'est pas indiquée comme signée ; "
                "faites-la signer puis écrivez « attestation_signee: true »",
            )


RULES = (duree_stages, attestation_manquante, attestation_non_signee)
