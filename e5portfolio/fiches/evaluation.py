"""The commission's own file, evaluation.yml: levels per competence, the jury's note, the
penalties and the observations; and the final mark of the grille (Annexe VI-3).

evaluation.yml is read with the portfolio's located loader (duplicate keys refused, sizes
bounded, line and column kept) and validated by a pydantic model: every problem is a French
finding with file:line:col, as for portfolio.yml.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema

from e5portfolio.core.errors import E5Error
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.loader import load_portfolio_file
from e5portfolio.core.model import Date, NoneAsEmpty, Text
from e5portfolio.core.referential import Referential
from e5portfolio.core.validate import validation_findings
from e5portfolio.fiches.labels import LEVELS, PENALTIES

EVALUATION_FILE = "evaluation.yml"
Niveau = Literal["non-evaluable", "non-maitrise", "partielle", "bonne", "excellente"]
assert tuple(Niveau.__args__) == LEVELS  # type: ignore[attr-defined]


def _decimal_comma(value: object) -> object:
    """« note: 13,5 » (the French decimal comma, read by YAML as a text) is 13.5."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value):
        return float(value.strip().replace(",", "."))
    return value


def _number_as_text(value: object) -> object:
    """« commission: 12 » is the commission's number written without quotes: keep it as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Penalites(_Node):
    portfolio_inaccessible: bool | None = Field(
        None, alias="portfolio-inaccessible", strict=True,
        description="true : la pénalité « Portfolio inaccessible » est retenue (remplace l'audit)")
    tableau_absent: bool | None = Field(
        None, alias="tableau-absent", strict=True,
        description="true : la pénalité « Absence de tableau de synthèse » est retenue (remplace l'audit)")

    def retained(self) -> dict[str, bool | None]:
        return {"portfolio-inaccessible": self.portfolio_inaccessible, "tableau-absent": self.tableau_absent}


class Observations(_Node):
    presentation: Text | None = Field(None, description="Partie 1 : présentation du parcours")
    echange: Text | None = Field(None, description="Partie 2 : échange avec le jury")
    appreciation: Text | None = Field(None, description="Appréciation (maîtrise, couverture, environnement)")


class Evaluation(_Node):
    """evaluation.yml: what the commission decided for one candidate."""

    modalite: Literal["ponctuelle", "ccf"] | None = Field(None, description="ponctuelle ou ccf")
    commission: Annotated[Text, BeforeValidator(_number_as_text),
                          WithJsonSchema({"type": ["string", "integer"]})] | None = Field(
        None, description="N° commission")
    date: Date | None = Field(None, description="Date de l'interrogation")
    membres: Annotated[list[Text], NoneAsEmpty] = Field(
        default_factory=list, description="Noms des membres de la commission d'interrogation")
    niveaux: dict[str, Niveau] = Field(
        default_factory=dict, description="Code de compétence (B1.1 … B1.6) → niveau de maîtrise")
    note: Annotated[float, BeforeValidator(_decimal_comma)] | None = Field(
        None, ge=0, le=20, description="Note proposée sur 20 (décimales permises)")
    penalites: Penalites = Field(default_factory=Penalites)
    observations: Observations = Field(default_factory=Observations)


def load_evaluation(path: Path, referential: Referential) -> tuple[Evaluation | None, list[Finding]]:
    """Read and validate evaluation.yml; (None, findings) when it has errors."""
    loaded = load_portfolio_file(path, str(path))
    if loaded.findings:
        return None, loaded.findings
    data = {} if loaded.data is None else loaded.data
    if not isinstance(data, dict):
        return None, [Finding("schema", Severity.ERROR, "le fichier doit contenir des clés (note, niveaux, "
                              "observations…), pas une liste ou un texte", loaded.file, 1, 1)]
    try:
        evaluation = Evaluation.model_validate(data)
    except ValidationError as exc:
        return None, validation_findings(exc, loaded, Evaluation)
    codes = [c.code for c in referential.competences]
    problems = []
    for code in evaluation.niveaux:
        if code not in codes:
            line, column = loaded.positions.key(("niveaux", code)) or (None, None)
            problems.append(Finding("schema", Severity.ERROR,
                                    f"compétence « {code} » inconnue dans « niveaux » : écrivez un code de "
                                    f"compétence du bloc ({', '.join(codes)})", loaded.file, line, column))
    return (None, problems) if problems else (evaluation, [])


# --- penalties and final mark ----------------------------------------------------------------

@dataclass(frozen=True)
class Penalty:
    retained: bool
    points: int  # points of the referential (10, 2)
    evidence: str | None = None  # why: the audit's finding, or the commission's decision


@dataclass(frozen=True)
class Marks:
    note: float | None
    penalties: dict[str, Penalty]

    @property
    def note_finale(self) -> int | None:
        return final_mark(self.note, {k: p.points for k, p in self.penalties.items() if p.retained})

    def to_json_data(self) -> dict[str, Any]:
        note = self.note
        if note is not None and float(note).is_integer():
            note = int(note)
        return {"note": note,
                "penalites": {k: p.points if p.retained else 0 for k, p in self.penalties.items()},
                "note_finale": self.note_finale}


def final_mark(note: float | None, penalties: dict[str, int]) -> int | None:
    """The jury's note rounded up to the next whole point, minus the penalties, never below 0."""
    if note is None:
        return None
    rounded = math.ceil(Decimal(str(note)))  # Decimal: 13.1 stays 13.1, not 13.100000000000001
    return max(0, rounded - sum(penalties.values()))


def marks(evaluation: Evaluation | None, audit: AuditPenalties | None, referential: Referential) -> Marks:
    """The penalties retained: the commission's decision in evaluation.yml, else the audit's."""
    decided = evaluation.penalites.retained() if evaluation else {}
    result = {}
    for key in PENALTIES:
        points = referential.penalites[key].points
        if decided.get(key) is not None:
            evidence = "retenue par la commission" if decided[key] else None
            result[key] = Penalty(bool(decided[key]), points, evidence)
        elif audit is not None and audit.retained.get(key):
            result[key] = Penalty(True, points, audit.evidence.get(key))
        else:
            result[key] = Penalty(False, points)
    return Marks(evaluation.note if evaluation else None, result)


# --- the audit's JSON report -------------------------------------------------------------------

MAX_AUDIT_BYTES = 20 * 1024 * 1024


class AuditFileError(E5Error):
    """The --audit file cannot be used (French message)."""


@dataclass(frozen=True)
class AuditPenalties:
    retained: dict[str, bool]
    evidence: dict[str, str]


def read_audit(path: Path) -> AuditPenalties:
    """Penalties and their evidence from `e5portfolio audit --format json` output (bounded read)."""
    import datetime as dt

    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_AUDIT_BYTES + 1)
        when = dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError as exc:
        raise AuditFileError(f"impossible de lire le rapport d'audit « {path} » ({exc.strerror or exc})") from None
    if len(raw) > MAX_AUDIT_BYTES:
        raise AuditFileError(f"« {path} » dépasse {MAX_AUDIT_BYTES // (1024 * 1024)} Mo : ce n'est pas un rapport "
                             "d'audit ; indiquez le fichier écrit par « e5portfolio audit --format json »")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        data = None
    penalties = data.get("penalties") if isinstance(data, dict) else None
    if not isinstance(penalties, dict):
        raise AuditFileError(f"« {path} » n'est pas un rapport d'audit JSON (clé « penalties » absente) : écrivez-le "
                             "avec « e5portfolio audit CIBLE --format json -o rapport.json »")
    retained = {key: isinstance(penalty := penalties.get(key), int) and penalty > 0 for key in PENALTIES}
    evidence: dict[str, str] = {}
    findings = data.get("findings") if isinstance(data.get("findings"), list) else []
    for finding in findings:
        if isinstance(finding, dict) and finding.get("rule") in PENALTIES and isinstance(finding.get("message"), str):
            evidence.setdefault(finding["rule"], f"{finding['message'][:300]} (audit du {when:%d/%m/%Y})")
    return AuditPenalties(retained, {k: v for k, v in evidence.items() if retained[k]})


# --- JSON Schema, for editors -------------------------------------------------------------------

def evaluation_schema(referential: Referential) -> dict[str, Any]:
    schema = Evaluation.model_json_schema(mode="validation", by_alias=True)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "evaluation.yml — e5portfolio (commission d'interrogation)",
        "description": f"Évaluation d'une personne candidate à l'épreuve {referential.epreuve.numero} : "
                       "niveaux de maîtrise, note, pénalités, observations (annexes VI-3 et VI-4).",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    niveaux = schema["properties"]["niveaux"]
    niveaux["propertyNames"] = {"enum": [c.code for c in referential.competences]}
    return schema


def evaluation_schema_text(referential: Referential) -> str:
    return json.dumps(evaluation_schema(referential), ensure_ascii=False, indent=2) + "\n"
