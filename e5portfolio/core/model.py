"""Typed model of portfolio.yml (format v1). No I/O and no printing here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_FR_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(value: object) -> dt.date:
    """Accept a YAML date, a 'JJ/MM/AAAA' or an 'AAAA-MM-JJ' string; else `date_invalide`."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_invalide", "date avec une heure")
    if isinstance(value, dt.date):
        return _plausible(value)
    parts = _date_parts(value) if isinstance(value, str) else None
    if parts is None:
        raise PydanticCustomError("date_invalide", "format de date non reconnu")
    try:
        date = dt.date(*parts)
    except ValueError:
        raise PydanticCustomError("date_invalide", "date inexistante") from None
    return _plausible(date)


MIN_YEAR, MAX_YEAR = 1990, 2100  # a BTS portfolio's dates; 9999-12-31 would overflow date arithmetic


def _plausible(date: dt.date) -> dt.date:
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise PydanticCustomError("date_invalide", f"année {date.year} hors de {MIN_YEAR}–{MAX_YEAR}")
    return date


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) written in `text` as JJ/MM/AAAA or AAAA-MM-JJ, else None."""
    match = _FR_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return year, month, day
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return year, month, day
    return None


def _none_as_empty_list(value: object) -> object:
    """An optional list left empty (« stages: » with nothing under it) is an empty list."""
    return [] if value is None else value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("texte_vide", "texte vide")
    return value


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value.strip(), re.IGNORECASE):
        raise PydanticCustomError("url_invalide", "adresse web invalide")
    return value.strip()


def _email(value: str) -> str:
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value.strip()):
        raise PydanticCustomError("courriel_invalide", "adresse électronique invalide")
    return value.strip()


DATE_JSON_SCHEMA = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*$"},
    ],
    "description": "Date au format AAAA-MM-JJ ou JJ/MM/AAAA",
}
Date = Annotated[dt.date, BeforeValidator(parse_date), WithJsonSchema(DATE_JSON_SCHEMA)]
Text = Annotated[str, Field(strict=True), AfterValidator(_not_blank)]
Markdown = Annotated[str, Field(strict=True), AfterValidator(_not_blank)]
Url = Annotated[str, Field(strict=True), AfterValidator(_http_url)]
Email = Annotated[str, Field(strict=True), AfterValidator(_email)]
Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN)]
RelPath = Annotated[str, Field(strict=True, min_length=1)]
Annee = Literal[1, 2]


class _NullAllowedInSchema:
    """The JSON Schema says so too: the key may be written with no value (null)."""

    def __get_pydantic_json_schema__(self, core_schema, handler):  # pydantic's hook
        return {"anyOf": [handler(core_schema), {"type": "null"}]}


# Validated as a list; `None` (the key written with no value) counts as an empty list.
NoneAsEmpty = BeforeValidator(_none_as_empty_list)
NullAllowed = _NullAllowedInSchema()
Digits = Annotated[str, StringConstraints(strict=True, pattern=r"^\d{6,15}$")]
HexColour = Annotated[str, StringConstraints(strict=True, pattern=r"^#[0-9A-Fa-f]{6}$")]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IdentitePro(_Node):
    """Professional profiles (B1.6.3 « Gérer son identité professionnelle »)."""

    linkedin: Url | None = None
    github: Url | None = None
    gitlab: Url | None = None
    autre: Url | None = Field(None, description="Autre profil professionnel (site, Mastodon…)")

    @property
    def links(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v}


class Candidat(_Node):
    nom: Text
    prenom: Text
    numero: Digits | None = Field(None, description="N° candidat, chiffres entre guillemets")
    option: Literal["SISR", "SLAM"]
    session: StrictInt = Field(ge=2020, le=2100)
    centre: Text = Field(description="Centre de formation")
    modalite: Literal["ccf", "ponctuelle"]
    url: Url | None = Field(None, description="Adresse URL du portfolio")
    courriel: Email | None = None
    photo: RelPath | None = None
    identite_pro: IdentitePro | None = None


class Stage(_Node):
    id: Slug
    organisation: Text
    annee: Annee
    debut: Date
    fin: Date
    lieu: Text | None = None
    tuteur: Text | None = None
    missions: Markdown | None = None
    attestation: RelPath | None = None
    attestation_signee: StrictBool = False

    @property
    def working_days(self) -> int:
        """Weekdays (Monday to Friday) from debut to fin, both included."""
        return weekdays_between(self.debut, self.fin)

    @property
    def weeks(self) -> float:
        """Duration in weeks of five working days (public holidays are not deducted)."""
        return self.working_days / 5


def weekdays_between(start: dt.date, end: dt.date) -> int:
    """Weekdays (Monday to Friday) from `start` to `end`, both included; computed, not walked."""
    if end < start:
        return 0
    full_weeks, rest = divmod((end - start).days + 1, 7)
    return full_weeks * 5 + sum(1 for i in range(rest) if (start.weekday() + i) % 7 < 5)


def total_stage_weeks(stages: list[Stage]) -> float:
    """Weeks of five working days covered by the stages; overlapping days count once (the
    periods are merged, then counted arithmetically: time does not grow with their length)."""
    total = 0
    current: tuple[dt.date, dt.date] | None = None
    for start, end in sorted((s.debut, s.fin) for s in stages if s.fin >= s.debut):
        if current is not None and (start - current[1]).days <= 1:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            total += weekdays_between(*current)
        current = (start, end)
    if current is not None:
        total += weekdays_between(*current)
    return total / 5


class Periode(_Node):
    debut: Date
    fin: Date


class Production(_Node):
    titre: Text
    fichier: RelPath | None = None
    lien: Url | None = None


class Realisation(_Node):
    id: Slug | None = None
    intitule: Text = Field(max_length=200)
    cadre: Literal["formation", "entreprise"] | None = None
    annee: Annee | None = None
    stage: str | None = None
    periode: Periode
    equipe: StrictBool = False
    contribution: Markdown | None = None
    description: Markdown
    competences: list[Annotated[str, Field(strict=True)]] = Field(min_length=1)
    technologies: Annotated[list[Text], NoneAsEmpty, NullAllowed] = Field(default_factory=list)
    productions: Annotated[list[Production], NoneAsEmpty, NullAllowed] = Field(default_factory=list)
    vignette: RelPath | None = Field(
        None,
        description="Image de la carte de la réalisation sur la page "
        "d'accueil (.png, .jpg, .webp) ; par défaut, la première production image",
    )


class Article(_Node):
    titre: Text
    lien: Url | None = None
    date: Date | None = None
    source: Text | None = None
    resume: Markdown | None = None


class Veille(_Node):
    sujet: Text
    description: Markdown | None = None
    outils: Annotated[list[Text], NoneAsEmpty, NullAllowed] = Field(default_factory=list)
    articles: Annotated[list[Article], NoneAsEmpty, NullAllowed] = Field(default_factory=list)


class MentionsLegales(_Node):
    editeur: Text | None = None
    hebergeur: Text | None = None
    contact: Text | None = None
    donnees_personnelles: Markdown | None = None


class Publication(_Node):
    """What the public site may show besides the defaults (privacy by default)."""

    attestations: StrictBool = Field(False, description="Publier les attestations de stage sur le site")
    numero: StrictBool = Field(False, description="Publier le N° candidat sur le site et le tableau en ligne")
    remise: StrictBool = Field(
        False,
        description="Dossier remis : les avertissements comptent comme des "
        "erreurs (check, build et publication stricts)",
    )
    # the site's look, for a school that restyles it (contrast checked: rule couleur-contraste)
    couleur: HexColour | None = Field(None, description='Couleur d\'accent du site en mode clair, "#RRGGBB"')
    couleur_sombre: HexColour | None = Field(None, description='Couleur d\'accent du site en mode sombre, "#RRGGBB"')
    logo: RelPath | None = Field(None, description="Logo de l'établissement (image), en haut de chaque page")
    etablissement: Text | None = Field(None, description="Nom de l'établissement, en pied de page")
    page_accessibilite: StrictBool = Field(
        False,
        description="Publier une page « Accessibilité » : ce qui a été "
        "testé automatiquement à la construction, ce qui ne "
        "l'a pas été, comment signaler un problème",
    )


class Portfolio(_Node):
    version: Literal[1]
    candidat: Candidat
    presentation: Markdown
    accroche: Text | None = Field(
        None,
        max_length=160,
        description="Une ligne sous votre nom, en haut de la "
        "page d'accueil (ex. « Technicien systèmes et réseaux en devenir »)",
    )
    stages: Annotated[list[Stage], NoneAsEmpty, NullAllowed] = Field(default_factory=list)
    realisations: list[Realisation] = Field(min_length=1)
    veille: Veille | None = None
    mentions_legales: MentionsLegales | None = None
    publication: Publication = Field(default_factory=Publication)

    @property
    def stages_by_id(self) -> dict[str, Stage]:
        """Stages by id; when two stages share an id, the first wins (the second is reported)."""
        result: dict[str, Stage] = {}
        for stage in self.stages:
            result.setdefault(stage.id, stage)
        return result


# `id`, `cadre` and `annee` have defaults that depend on other fields; the resolved view
# below is what checks and renderers use.
@dataclass(frozen=True)
class ResolvedRealisation:
    """A réalisation with its defaults filled in: id, cadre, année."""

    index: int
    source: Realisation
    id: str
    cadre: Literal["formation", "entreprise"] | None
    annee: Annee | None

    @property
    def intitule(self) -> str:
        return self.source.intitule

    @property
    def periode(self) -> Periode:
        return self.source.periode

    @property
    def partie(self) -> str:
        """Part of the tableau de synthèse: formation, annee1 or annee2."""
        if self.cadre == "formation":
            return "formation"
        return f"annee{self.annee or 1}"
