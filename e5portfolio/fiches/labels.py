"""Official labels of the commission's forms, loaded from referential/fiches-<session>.yaml."""

from __future__ import annotations

import functools
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from e5portfolio.core.referential import DEFAULT_SESSION, ReferentialError

LEVELS = ("non-evaluable", "non-maitrise", "partielle", "bonne", "excellente")
PENALTIES = ("portfolio-inaccessible", "tableau-absent")
MOTIFS = ("absence-dossier", "depot-hors-delai", "duree-stage", "attestations")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Identification(_Strict):
    nom: str
    numero: str
    ponctuelle: str
    ccf: str
    commission: str
    options: dict[str, str]
    date: str
    membres: str


class Conformite(_Strict):
    annexe: str
    titre: str
    nom: str
    numero: str
    preambule: str
    introduction: str
    motifs: dict[str, str]
    regularisation: str
    non_valide: str = Field(alias="non-valide")
    date: str
    visa: str

    @model_validator(mode="after")
    def _all_motifs(self) -> Conformite:
        if tuple(self.motifs) != MOTIFS:
            raise ValueError(f"motifs must be {MOTIFS}, in this order")
        return self


class Grille(_Strict):
    recto: str
    verso: str
    proposition: str
    consignes: tuple[str, ...]
    note: str
    sur: str
    penalites_titre: str
    penalites_consigne: str
    penalites: dict[str, str]
    note_finale: str
    report: str
    tableau_titre: str
    niveaux: dict[str, str]
    non_evaluable: str
    criteres: tuple[tuple[str, str, str, str], ...]
    indicateurs: str

    @model_validator(mode="after")
    def _known_keys(self) -> Grille:
        if tuple(self.niveaux) != LEVELS:
            raise ValueError(f"niveaux must be {LEVELS}, in this order")
        if tuple(self.penalites) != PENALTIES:
            raise ValueError(f"penalites must be {PENALTIES}, in this order")
        return self


class Appreciation(_Strict):
    annexe: str
    partie1: str
    partie2: str
    observations: str
    appreciation: str
    note: str
    sur: str
    visa: str


class FormLabels(_Strict):
    session: int
    epreuve: str
    identification: Identification
    conformite: Conformite
    grille: Grille
    appreciation: Appreciation


@functools.cache
def load_labels(session: int = DEFAULT_SESSION) -> FormLabels:
    """The labels of `session`, else of the default session (the forms rarely change)."""
    package = resources.files("e5portfolio.core.referential")
    source = package.joinpath(f"fiches-{session}.yaml")
    if not source.is_file():
        source = package.joinpath(f"fiches-{DEFAULT_SESSION}.yaml")
    try:
        return FormLabels.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ReferentialError(f"libellés des fiches {source.name} invalides : {exc}") from exc
