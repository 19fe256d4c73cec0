"""The official referential of the épreuve, loaded from data files (one YAML per session)."""

from __future__ import annotations

import functools
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from e5portfolio.core.errors import E5Error

DEFAULT_SESSION = 2026


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Epreuve(_Strict):
    numero: str
    intitule: str
    coefficient: int


class Bloc(_Strict):
    code: str
    intitule: str


class StageRules(_Strict):
    semaines_minimum: int = Field(gt=0)


class Penalite(_Strict):
    points: int
    libelle: str


class Competence(_Strict):
    code: str
    intitule: str
    items: tuple[str, ...]
    indicateurs: tuple[str, ...] = ()

    def item_code(self, index: int) -> str:
        """Code of the bullet at 0-based `index`, e.g. B1.1.1."""
        return f"{self.code}.{index + 1}"

    @property
    def item_codes(self) -> list[tuple[str, str]]:
        return [(self.item_code(i), label) for i, label in enumerate(self.items)]


class TableauLabels(_Strict):
    entete_gauche: str
    entete_droite: str
    titre: str
    identification: dict[str, str]
    colonnes: dict[str, str]
    parties: dict[str, str]


class Referential(_Strict):
    session: int  # the first session these rules apply to
    # The last one, when a newer text is known to replace them; None: every later session,
    # since the official texts stay in force until they are amended.
    derniere_session: int | None = None
    diplome: str
    epreuve: Epreuve
    bloc: Bloc
    stages: StageRules
    penalites: dict[str, Penalite]
    competences: tuple[Competence, ...]
    indicateur_equipe: str
    tableau: TableauLabels

    @model_validator(mode="after")
    def _codes_follow_bloc(self) -> Referential:
        for number, competence in enumerate(self.competences, start=1):
            expected = f"{self.bloc.code}.{number}"
            if competence.code != expected:
                raise ValueError(f"competence {competence.code} should be {expected}")
        return self

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """Every code (competence and bullet) → its official wording."""
        result: dict[str, str] = {}
        for competence in self.competences:
            result[competence.code] = competence.intitule
            for code, label in competence.item_codes:
                result[code] = label
        return result

    def covers(self, session: int) -> bool:
        """Whether the official texts make these the rules of `session`."""
        return self.session <= session and (self.derniere_session is None or session <= self.derniere_session)

    def competence_of(self, code: str) -> str | None:
        """The competence code a (known) code belongs to: B1.2.3 → B1.2, B1.2 → B1.2."""
        if code not in self.labels:
            return None
        return ".".join(code.split(".")[:2])


class ReferentialError(E5Error):
    """A referential data file is missing or malformed (a packaging bug, not a user error)."""


@functools.cache
def load_referential(session: int = DEFAULT_SESSION) -> Referential:
    name = f"e5-{session}.yaml"
    source = resources.files(__package__).joinpath(name)
    if not source.is_file():
        raise ReferentialError(f"référentiel introuvable pour la session {session} ({name})")
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        return Referential.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ReferentialError(f"référentiel {name} invalide : {exc}") from exc


def available_sessions() -> list[int]:
    sessions = []
    for entry in resources.files(__package__).iterdir():
        stem = entry.name.removesuffix(".yaml")
        if entry.name.endswith(".yaml") and stem.startswith("e5-") and stem[3:].isdigit():
            sessions.append(int(stem[3:]))
    return sorted(sessions)


def referential_for_session(session: int | None) -> Referential:
    """The referential whose official rules apply to `session`: the newest one that covers it,
    else (a session before any known one, or None) the default session's."""
    if session is not None:
        for first in sorted(available_sessions(), reverse=True):
            referential = load_referential(first)
            if referential.covers(session):
                return referential
    return load_referential(DEFAULT_SESSION)
