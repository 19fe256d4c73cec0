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
from e5portfolio.core.slug import slugify
from e5portfolio.core.validate import validation_findings
from e5portfolio.fiches.labels import LEVELS, PENALTIES

EVALUATION_FILE = "evaluation.yml"
Niveau = Literal["non-evaluable", "non-maitrise", "partielle", "bonne", "excellente"]
assert tuple(Niveau.__args__) == LEVELS  # type: ignore[attr-defined]
# the key of the verso's first row (Annexe VI-3): « Capacité à rendre compte d'un travail réalisé au
# sein d'une équipe projet en mettant clairement en évidence sa contribution personnelle »
TEAM_KEY = "equipe"
NOTE_MIN, NOTE_MAX = 0, 20

# the annex's own wording of each level (« Bonne maîtrise »), through the one slug: accents, case,
# hyphens and spaces aside
_LEVEL_WORDS = {
    "non-evaluable": "non-evaluable",
    "non-maitrise": "non-maitrise",
    "non-maitrisee": "non-maitrise",
    "maitrise-partielle": "partielle",
    "partielle": "partielle",
    "partiellement-maitrise": "partielle",
    "bonne-maitrise": "bonne",
    "bonne": "bonne",
    "excellente-maitrise": "excellente",
    "excellente": "excellente",
}


def _level_words(value: object) -> object:
    """« Bonne maîtrise », « bonne maitrise », « Maîtrise partielle », « Non évaluable »… → the key."""
    if isinstance(value, str):
        return _LEVEL_WORDS.get(slugify(value, fallback=""), value)
    return value


def _number_as_text(value: object) -> object:
    """« commission: 12 » is the commission's number written without quotes: keep it as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Penalites(_Node):
    portfolio_inaccessible: bool | None = Field(
        None,
        alias="portfolio-inaccessible",
        strict=True,
        description="true : la pénalité « Portfolio inaccessible » est retenue (remplace l'audit)",
    )
    tableau_absent: bool | None = Field(
        None,
        alias="tableau-absent",
        strict=True,
        description="true : la pénalité « Absence de tableau de synthèse » est retenue (remplace l'audit)",
    )

    def retained(self) -> dict[str, bool | None]:
        return {"portfolio-inaccessible": self.portfolio_inaccessible, "tableau-absent": self.tableau_absent}


class Observations(_Node):
    presentation: Text | None = Field(None, description="Partie 1 : présentation du parcours")
    echange: Text | None = Field(None, description="Partie 2 : échange avec le jury")
    appreciation: Text | None = Field(None, description="Appréciation (maîtrise, couverture, environnement)")


class Evaluation(_Node):
    """evaluation.yml: what the commission decided for one candidate."""

    modalite: Literal["ponctuelle", "ccf"] | None = Field(None, description="ponctuelle ou ccf")
    commission: (
        Annotated[Text, BeforeValidator(_number_as_text), WithJsonSchema({"type": ["string", "integer"]})] | None
    ) = Field(None, description="N° commission")
    date: Date | None = Field(None, description="Date de l'interrogation")
    membres: Annotated[list[Text], NoneAsEmpty] = Field(
        default_factory=list, description="Noms des membres de la commission d'interrogation"
    )
    niveaux: dict[str, Annotated[Niveau, BeforeValidator(_level_words)]] = Field(
        default_factory=dict,
        description="Code de compétence (B1.1 … B1.6), ou « equipe » (capacité à rendre "
        "compte d'un travail réalisé au sein d'une équipe projet) → niveau de maîtrise (non-evaluable, "
        "non-maitrise, partielle, bonne, excellente, ou le libellé de l'annexe : « Bonne maîtrise »…)",
    )
    note: (
        Annotated[float, WithJsonSchema({"type": ["number", "string"], "pattern": r"^(0|[1-9][0-9]?)([.,][0-9]+)?$"})]
        | None
    ) = Field(
        None, ge=NOTE_MIN, le=NOTE_MAX, description="Note proposée sur 20, en écriture décimale : 13, 13.5 ou 13,5"
    )
    penalites: Penalites = Field(default_factory=Penalites)
    observations: Observations = Field(default_factory=Observations)


def load_evaluation(path: Path, referential: Referential) -> tuple[Evaluation | None, list[Finding]]:
    """Read and validate evaluation.yml; (None, findings) when it has errors."""
    loaded = load_portfolio_file(path, str(path))
    if loaded.findings:
        return None, loaded.findings
    data = {} if loaded.data is None else loaded.data
    if not isinstance(data, dict):
        return None, [
            Finding(
                "schema",
                Severity.ERROR,
                "le fichier doit contenir des clés (note, niveaux, observations…), pas une liste ou un texte",
                loaded.file,
                1,
                1,
            )
        ]
    data = dict(data)
    note_problem = None
    if data.get("note") is not None:
        data["note"], note_problem = _read_note(data["note"], loaded)
    if isinstance(data.get("commission"), (int, float)) and not isinstance(data.get("commission"), bool):
        # « commission: 012 » is the text 012, not YAML 1.1's octal 10
        data["commission"] = loaded.positions.written.get(("commission",), str(data["commission"]))
    try:
        evaluation = Evaluation.model_validate(data)
    except ValidationError as exc:
        return None, ([note_problem] if note_problem else []) + validation_findings(exc, loaded, Evaluation)
    if note_problem:
        return None, [note_problem]
    codes = [c.code for c in referential.competences]
    problems = []
    for code in evaluation.niveaux:
        if code not in codes and code != TEAM_KEY:
            line, column = loaded.positions.key(("niveaux", code)) or (None, None)
            problems.append(
                Finding(
                    "schema",
                    Severity.ERROR,
                    f"compétence « {code} » inconnue dans « niveaux » : écrivez un code de "
                    f"compétence du bloc ({', '.join(codes)}) ou « {TEAM_KEY} » (travail en "
                    "équipe projet)",
                    loaded.file,
                    line,
                    column,
                )
            )
    if problems:
        return None, problems
    warnings = []
    line, column = loaded.positions.key(("niveaux",)) or (1, 1)
    for competence in referential.competences:
        if competence.code not in evaluation.niveaux:
            warnings.append(
                Finding(
                    "niveau-absent",
                    Severity.WARNING,
                    f"aucun niveau pour la compétence {competence.code} ({competence.intitule}) "
                    "dans « niveaux » : sa ligne de la grille restera vide ; écrivez par exemple "
                    f"« {competence.code}: bonne » (ou non-evaluable)",
                    loaded.file,
                    line,
                    column,
                )
            )
    return evaluation, warnings


_DECIMAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _read_note(value: object, loaded) -> tuple[object, Finding | None]:
    """The note as the commission wrote it: decimal notation only (13, 13.5, « 13,5 »). What YAML 1.1
    would read otherwise (013 as octal 11, 0x13 as 19, 1_9 as 19, yes/no/on/off as 1/0) is an error
    at its line and column, never a silent number. Returns (the number, or the value unchanged for
    the schema to report, None) or (None, the finding)."""
    written = loaded.positions.written.get(("note",))
    if written is None and isinstance(value, bool):
        written = "true" if value else "false"
    text = written if written is not None else (value if isinstance(value, str) else str(value))
    line, column = loaded.positions.value(("note",)) or (None, None)

    def error(message: str) -> tuple[object, Finding]:
        return None, Finding("schema", Severity.ERROR, f"note « {text} » : {message}", loaded.file, line, column)

    shown = text.strip()
    if isinstance(value, bool) or shown.lower() in ("yes", "no", "on", "off", "true", "false", "oui", "non", "y", "n"):
        return error(
            "ce n'est pas un nombre (YAML le lirait comme un booléen) : écrivez la note en chiffres, "
            f"de {NOTE_MIN} à {NOTE_MAX}, par exemple 13 ou 13,5"
        )
    if not isinstance(value, (str, int, float)):
        return value, None  # a list or a mapping: the schema says « doit être un nombre »
    if re.fullmatch(r"[+-]?0[xX][0-9a-fA-F_]+", shown):
        return error("écriture hexadécimale refusée : écrivez la note en chiffres décimaux, par exemple 13 ou 13,5")
    if "_" in shown:
        return error(
            "le caractère « _ » n'est pas permis dans une note : écrivez-la en chiffres, par exemple 19 ou 13,5"
        )
    if not _DECIMAL.fullmatch(shown):
        return error(f"écrivez la note en écriture décimale, de {NOTE_MIN} à {NOTE_MAX} : 13, 13.5 ou 13,5")
    leading = re.fullmatch(r"([+-]?)0+(\d.*)", shown)
    if leading:
        return error(
            f"un zéro en tête fait lire ce nombre en octal (013 vaut 11) : écrivez "
            f"{leading[1]}{leading[2]}, sans le zéro"
        )
    number = float(shown.replace(",", "."))
    if not NOTE_MIN <= number <= NOTE_MAX:
        return error(f"hors limites, la note va de {NOTE_MIN} à {NOTE_MAX}")
    return number, None


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
        return {
            "note": note,
            "penalites": {k: p.points if p.retained else 0 for k, p in self.penalties.items()},
            "note_finale": self.note_finale,
        }


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
    target: str = ""  # what the audit audited (an address, a folder), as its report says
    date: str | None = None  # the audit's own date (JJ/MM/AAAA), None when the report has none
    browser: bool | None = None  # whether the browser ran, None when the report does not say
    forced: bool = False  # the target does not match the candidate's and --audit-force accepted it

    def summary(self) -> str:
        """One French line for the form: which address was audited, when, how."""
        when = f"le {self.date}" if self.date else "à une date que le rapport ne donne pas"
        how = {True: "avec le navigateur", False: "sans le navigateur", None: "navigateur non précisé"}[self.browser]
        forced = " ; cible différente de celle du candidat, acceptée par --audit-force" if self.forced else ""
        return f"Audit de « {self.target} » {when}, {how}{forced}."


def _site_key(text: str) -> str | None:
    """An address compared as a site: scheme http/https alike, host in lower case, no query or
    fragment, « index.html » and the trailing slash aside. None when `text` is no web address."""
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    path = re.sub(r"/index\.html?$", "/", parts.path or "/").rstrip("/")
    return f"{parts.hostname.lower()}{port}{path}"


def _path_key(text: str, *bases: Path) -> set[Path]:
    path = Path(text.strip())
    if path.is_absolute():
        return {path.resolve()}
    return {(base / path).resolve() for base in bases}


def target_matches(target: str, expected: list[str | Path], report_folder: Path | None = None) -> bool:
    """Does the audit's target name one of `expected` (the candidate's candidat.url, portfolio
    folder or dossier archive)? A folder target is read from the current folder and from the
    report's folder (where the audit was probably run)."""
    site = _site_key(target)
    if site is not None:
        return any(_site_key(str(e)) == site for e in expected if not isinstance(e, Path))
    bases = [Path.cwd()] + ([report_folder] if report_folder is not None else [])
    candidates = _path_key(target, *bases)
    for wanted in expected:
        if isinstance(wanted, Path):
            resolved = wanted.resolve()
            if resolved in candidates or any(
                c.parent == resolved and c.name in ("portfolio.yml", "portfolio.yaml") for c in candidates
            ):
                return True
    return False


def read_audit(path: Path, expected: list[str | Path] | None = None, force: bool = False) -> AuditPenalties:
    """Penalties and their evidence from `e5portfolio audit --format json` output (bounded read),
    read as the audit writes them: `penalties` maps known rule ids to whole numbers of points;
    anything else is refused. With `expected` (the candidate's address, folder or archive), a
    report of another target is refused unless `force`."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_AUDIT_BYTES + 1)
    except OSError as exc:
        raise AuditFileError(f"impossible de lire le rapport d'audit « {path} » ({exc.strerror or exc})") from None
    if len(raw) > MAX_AUDIT_BYTES:
        raise AuditFileError(
            f"« {path} » dépasse {MAX_AUDIT_BYTES // (1024 * 1024)} Mo : ce n'est pas un rapport "
            "d'audit ; indiquez le fichier écrit par « e5portfolio audit --format json »"
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        data = None
    penalties = data.get("penalties") if isinstance(data, dict) else None
    if not isinstance(penalties, dict):
        raise AuditFileError(
            f"« {path} » n'est pas un rapport d'audit JSON (clé « penalties » absente) : écrivez-le "
            "avec « e5portfolio audit CIBLE --format json -o rapport.json »"
        )
    for key, value in penalties.items():
        if key not in PENALTIES:
            raise AuditFileError(
                f"« {path} » : pénalité inconnue « {key} » dans « penalties » (connues : "
                f"{', '.join(PENALTIES)}) : ce rapport n'a pas été écrit par « e5portfolio audit »"
            )
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise AuditFileError(
                f"« {path} » : la pénalité « {key} » vaut {json.dumps(value, ensure_ascii=False)}, "
                "pas un nombre entier de points : ce rapport n'est pas tel que « e5portfolio audit » "
                "l'écrit ; relancez l'audit"
            )
    target = data.get("target") if isinstance(data.get("target"), str) else ""
    forced = False
    if expected is not None:
        if not target:
            problem = "le rapport ne dit pas quel site a été audité (clé « target » absente)"
        elif not target_matches(target, expected, path.parent):
            shown = " ou ".join(f"« {e} »" for e in expected) or "aucune adresse (candidat.url absent)"
            problem = f"le rapport porte sur « {target} », pas sur le portfolio du candidat ({shown})"
        else:
            problem = None
        if problem is not None and not force:
            raise AuditFileError(
                f"« {path} » : {problem} ; auditez le bon site, ou ajoutez --audit-force si c'est "
                "bien le sien (l'adresse auditée sera imprimée sur la fiche)"
            )
        forced = problem is not None
    date = _audit_date(data.get("date"))
    analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
    browser = analysis.get("browser") if isinstance(analysis.get("browser"), bool) else None
    retained = {key: penalties.get(key, 0) > 0 for key in PENALTIES}
    evidence: dict[str, str] = {}
    findings = data.get("findings") if isinstance(data.get("findings"), list) else []
    when = f" (audit du {date})" if date else ""
    for finding in findings:
        if isinstance(finding, dict) and finding.get("rule") in PENALTIES and isinstance(finding.get("message"), str):
            evidence.setdefault(finding["rule"], f"{finding['message'][:300]}{when}")
    return AuditPenalties(retained, {k: v for k, v in evidence.items() if retained[k]}, target, date, browser, forced)


def _audit_date(value: object) -> str | None:
    """The audit's own date (ISO 8601, written by the audit) as JJ/MM/AAAA; never the file's date."""
    import datetime as dt

    if not isinstance(value, str):
        return None
    try:
        return f"{dt.datetime.fromisoformat(value.replace('Z', '+00:00')):%d/%m/%Y}"
    except ValueError:
        return None


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
    niveaux["propertyNames"] = {"enum": [c.code for c in referential.competences] + [TEAM_KEY]}
    return schema


def evaluation_schema_text(referential: Referential) -> str:
    return json.dumps(evaluation_schema(referential), ensure_ascii=False, indent=2) + "\n"
