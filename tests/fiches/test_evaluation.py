"""evaluation.yml (the commission's file): validation with located French findings, the final
mark (note rounded up, minus penalties, never below 0) and `--format json`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from e5portfolio.core.referential import load_referential
from e5portfolio.fiches.evaluation import final_mark, load_evaluation

from .conftest import SAMPLE, run_cli

REFERENTIAL = load_referential(2026)

FULL = """\
modalite: ccf
commission: 12
date: 12/05/2026
membres: [Mme Riou, M. Le Goff]
niveaux:
  B1.1: bonne
  B1.2: excellente
  B1.6: partielle
note: 13,25
penalites:
  tableau-absent: true
observations:
  presentation: Présentation claire.
  echange: Réponses précises.
  appreciation: Toutes les compétences sont mobilisées.
"""


def write(folder: Path, text: str, name: str = "evaluation.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SAMPLE_URL = "https://camille-legall.github.io/portfolio/"  # the sample's candidat.url


def audit_report(
    folder: Path,
    inaccessible: bool = False,
    tableau: bool = False,
    target: str = SAMPLE_URL,
    penalties: dict | None = None,
) -> Path:
    findings = []
    if inaccessible:
        findings.append(
            {
                "rule": "portfolio-inaccessible",
                "severity": "error",
                "file": None,
                "line": None,
                "column": None,
                "url": target,
                "message": "portfolio inaccessible : la page d'accueil répond 404",
            }
        )
    path = folder / "rapport.json"
    if penalties is None:
        penalties = {"portfolio-inaccessible": 10 if inaccessible else 0, "tableau-absent": 2 if tableau else 0}
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "target": target,
                "date": "2026-03-02T09:15:00+00:00",
                "findings": findings,
                "penalties": penalties,
                "summary": {},
                "analysis": {"browser": False},
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("note", "penalties", "expected"),
    [
        (13.25, {"tableau-absent": 2}, 12),
        (9.5, {"portfolio-inaccessible": 10}, 0),
        (15, {}, 15),
        (15.0, {}, 15),
        (0.1, {}, 1),
        (19.01, {"portfolio-inaccessible": 10, "tableau-absent": 2}, 8),
        (1, {"portfolio-inaccessible": 10, "tableau-absent": 2}, 0),
        (None, {"tableau-absent": 2}, None),
    ],
)
def test_final_mark(note, penalties, expected):
    assert final_mark(note, penalties) == expected


def test_full_evaluation_is_read(tmp_path):
    evaluation, findings = load_evaluation(write(tmp_path, FULL), REFERENTIAL)
    # the competences left without a level are named, one warning each; the file stays usable
    assert [(f.rule, f.severity.value, f.message.split(" (")[0]) for f in findings] == [
        ("niveau-absent", "warning", f"aucun niveau pour la compétence {code}") for code in ("B1.3", "B1.4", "B1.5")
    ]
    assert evaluation.note == 13.25  # the French decimal comma
    assert evaluation.commission == "12"
    assert evaluation.niveaux == {"B1.1": "bonne", "B1.2": "excellente", "B1.6": "partielle"}
    assert evaluation.penalites.retained() == {"portfolio-inaccessible": None, "tableau-absent": True}


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("modalite: CCF\n", 1, 11, "vouliez-vous écrire « ccf »"),
        ("note: 21\n", 1, 7, "note « 21 » : hors limites, la note va de 0 à 20"),
        ("note: beaucoup\n", 1, 7, "écrivez la note en écriture décimale, de 0 à 20 : 13, 13.5 ou 13,5"),
        ("niveaux:\n  B1.1: moyenne\n", 2, 9, "écrivez non-evaluable, non-maitrise, partielle, bonne ou excellente"),
        ("niveaux:\n  B1.9: bonne\n", 2, 3, "compétence « B1.9 » inconnue"),
        ("penalites:\n  tableau_absent: true\n", 2, 3, "vouliez-vous écrire « tableau-absent »"),
        ("penalites:\n  tableau-absent: oui\n", 2, 19, "doit être true ou false"),
        ("observation:\n  echange: x\n", 1, 1, "vouliez-vous écrire « observations »"),
        ("note: 12\nnote: 13\n", 2, 1, "note"),
    ],
)
def test_errors_are_located_french_findings(tmp_path, text, line, column, words):
    path = write(tmp_path, text)
    evaluation, findings = load_evaluation(path, REFERENTIAL)
    assert evaluation is None
    assert [(f.line, f.column) for f in findings][:1] == [(line, column)], findings
    assert words in findings[0].message
    assert findings[0].file == str(path)


def test_cli_reports_errors_with_file_line_column_and_exit_1(tmp_path):
    path = write(tmp_path, "note: 12\nniveaux:\n  B1.1: moyenne\n")
    result = run_cli("fiches", "grille", SAMPLE, "--evaluation", path, "--format", "json")
    assert result.exit_code == 1
    assert f"{path}:3:9: erreur [schema]" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("evaluation", "audit", "expected"),
    [
        # 13.25 with the tableau penalty → 12 (decided in evaluation.yml)
        (
            "note: 13.25\npenalites:\n  tableau-absent: true\n",
            {},
            {"note": 13.25, "penalites": {"portfolio-inaccessible": 0, "tableau-absent": 2}, "note_finale": 12},
        ),
        # 9.5 with the inaccessible penalty → 0 (established by the audit)
        (
            "note: 9.5\n",
            {"inaccessible": True},
            {"note": 9.5, "penalites": {"portfolio-inaccessible": 10, "tableau-absent": 0}, "note_finale": 0},
        ),
        # 15 with none → 15
        (
            "note: 15\n",
            {},
            {"note": 15, "penalites": {"portfolio-inaccessible": 0, "tableau-absent": 0}, "note_finale": 15},
        ),
        # the commission overrides the audit: no penalty retained although the audit found no tableau
        (
            "note: 11.5\npenalites:\n  tableau-absent: false\n",
            {"tableau": True},
            {"note": 11.5, "penalites": {"portfolio-inaccessible": 0, "tableau-absent": 0}, "note_finale": 12},
        ),
    ],
)
def test_format_json_final_mark(tmp_path, evaluation, audit, expected):
    args = ["--evaluation", write(tmp_path, evaluation)]
    if audit:
        args += ["--audit", audit_report(tmp_path, **audit)]
    for form in ("grille", "appreciation"):
        result = run_cli("fiches", form, SAMPLE, *args, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == expected


def test_without_evaluation_the_marks_are_left_to_the_jury(tmp_path):
    result = run_cli("fiches", "grille", SAMPLE, "--audit", audit_report(tmp_path, tableau=True), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "note": None,
        "penalites": {"portfolio-inaccessible": 0, "tableau-absent": 2},
        "note_finale": None,
    }


@pytest.mark.parametrize("content", ["pas du json", json.dumps({"version": 1}), json.dumps([1, 2])])
def test_an_unusable_audit_file_is_a_usage_error(tmp_path, content):
    path = tmp_path / "rapport.json"
    path.write_text(content, encoding="utf-8")
    result = run_cli("fiches", "grille", SAMPLE, "--audit", path, "--format", "json")
    assert result.exit_code == 2
    assert "n'est pas un rapport d'audit JSON" in result.stderr


def test_schema_validates_the_documented_example_and_rejects_a_bad_level(tmp_path):
    result = run_cli("fiches", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    data = yaml.safe_load(FULL.replace("13,25", "13.25"))  # an editor reads dates as text too
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "niveaux": {"B1.1": "moyenne"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "niveaux": {"B1.9": "bonne"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "penalites": {"tableau_absent": True}}, schema)


def test_schema_file_is_written_but_never_over_a_user_file(tmp_path):
    target = tmp_path / "evaluation.schema.json"
    assert run_cli("fiches", "schema", "-o", target).exit_code == 0
    assert '"$schema"' in target.read_text(encoding="utf-8")
    other = write(tmp_path, "mes notes\n", "notes.json")
    result = run_cli("fiches", "schema", "-o", other)
    assert result.exit_code == 2
    assert other.read_text(encoding="utf-8") == "mes notes\n"


def test_the_readme_example_is_a_valid_evaluation(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("# yaml-language-server: $schema=evaluation.schema.json", 1)[1].split("```", 1)[0]
    evaluation, findings = load_evaluation(write(tmp_path, block), REFERENTIAL)
    assert findings == []
    assert evaluation.note == 13.25 and evaluation.niveaux["B1.2"] == "excellente"
    assert evaluation.niveaux["equipe"] == "bonne"


@pytest.mark.parametrize(
    "args",
    [
        ["grille", "--class", "classe.csv", "--format", "json"],
        ["grille", "--class", "classe.csv", "--evaluation", "evaluation.yml"],
        ["grille", SAMPLE, "--evaluations", "."],
        ["conformite", SAMPLE, "--class", "classe.csv"],
    ],
)
def test_contradictory_options_are_usage_errors(tmp_path, args):
    result = run_cli("fiches", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("e5portfolio : ") and "Traceback" not in result.output


# --- evaluation.yml as a commission writes it ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("13", 13.0),
        ("13.5", 13.5),
        ('"13,5"', 13.5),
        ("13,5", 13.5),
        ("'13'", 13.0),
        ("0", 0.0),
        ("20", 20.0),
        ("13.50", 13.5),
        ("0,5", 0.5),
    ],
)
def test_marks_in_decimal_notation(tmp_path, written, expected):
    evaluation, findings = load_evaluation(write(tmp_path, f"note: {written}\n"), REFERENTIAL)
    assert evaluation is not None, findings
    assert evaluation.note == expected


@pytest.mark.parametrize(
    ("written", "words"),
    [
        # YAML 1.1 would read these silently as other numbers: 11, 8, 19, 19, 0, 1, 0, 1
        ("013", "note « 013 » : un zéro en tête fait lire ce nombre en octal (013 vaut 11) : écrivez 13, sans le zéro"),
        ("010", "note « 010 » : un zéro en tête fait lire ce nombre en octal (013 vaut 11) : écrivez 10"),
        ("0x13", "note « 0x13 » : écriture hexadécimale refusée"),
        ("1_9", "note « 1_9 » : le caractère « _ » n'est pas permis dans une note"),
        ("no", "note « no » : ce n'est pas un nombre (YAML le lirait comme un booléen)"),
        ("off", "note « off » : ce n'est pas un nombre"),
        ("yes", "note « yes » : ce n'est pas un nombre"),
        ("on", "note « on » : ce n'est pas un nombre"),
        ("true", "note « true » : ce n'est pas un nombre"),
        ("25", "note « 25 » : hors limites, la note va de 0 à 20"),
        ("-1", "note « -1 » : hors limites, la note va de 0 à 20"),
        ("20,5", "note « 20,5 » : hors limites, la note va de 0 à 20"),
        ("1e1", "note « 1e1 » : écrivez la note en écriture décimale"),
        (".inf", "note « .inf » : écrivez la note en écriture décimale"),
        ("12:30", "note « 12:30 » : écrivez la note en écriture décimale"),
        ('"013"', "note « 013 » : un zéro en tête"),
    ],
)
def test_marks_yaml_would_misread_are_located_errors(tmp_path, written, words):
    path = write(tmp_path, f"modalite: ccf\nnote: {written}\n")
    evaluation, findings = load_evaluation(path, REFERENTIAL)
    assert evaluation is None
    [finding] = findings
    assert (finding.file, finding.line, finding.column, finding.severity.value) == (str(path), 2, 7, "error")
    assert finding.message.startswith(words), finding.message


def test_commission_number_is_kept_as_written(tmp_path):
    evaluation, _ = load_evaluation(write(tmp_path, "commission: 012\n"), REFERENTIAL)
    assert evaluation.commission == "012"


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("Bonne maîtrise", "bonne"),
        ("bonne maitrise", "bonne"),
        ("BONNE MAÎTRISE", "bonne"),
        ("Excellente maîtrise", "excellente"),
        ("Maîtrise partielle", "partielle"),
        ("Maitrise partielle", "partielle"),
        ("Non maîtrisé", "non-maitrise"),
        ("Non maitrisé", "non-maitrise"),
        ("non-maitrise", "non-maitrise"),
        ("Non évaluable", "non-evaluable"),
        ("non evaluable", "non-evaluable"),
        ("excellente", "excellente"),
    ],
)
def test_levels_in_the_annex_wording(tmp_path, written, level):
    evaluation, findings = load_evaluation(write(tmp_path, f"niveaux:\n  B1.1: {written}\n"), REFERENTIAL)
    assert evaluation is not None, findings
    assert evaluation.niveaux["B1.1"] == level


def test_team_work_row_has_a_key_and_reaches_the_grille(tmp_path):
    from e5portfolio.fiches.evaluation import marks
    from e5portfolio.fiches.forms import grille_data, grille_html
    from e5portfolio.fiches.labels import load_labels
    from e5portfolio.pipeline import analyse

    text = "niveaux:\n  equipe: Bonne maîtrise\n" + "".join(f"  B1.{n}: partielle\n" for n in range(1, 7))
    evaluation, findings = load_evaluation(write(tmp_path, text), REFERENTIAL)
    assert findings == [] and evaluation.niveaux["equipe"] == "bonne"
    analysis = analyse(Path(SAMPLE))
    page = grille_html(
        grille_data(analysis, marks(evaluation, None, REFERENTIAL), evaluation), load_labels(2026), REFERENTIAL
    )
    team_row = page.split("équipe projet", 1)[1].split("</tr>", 1)[0]
    boxes = team_row.split('<td class="niveau">')[1:]
    assert len(boxes) == 5
    ticked = [i for i, box in enumerate(boxes) if 'aria-label="coché"' in box]
    assert ticked == [3], team_row  # non-evaluable, non-maitrise, partielle, bonne, excellente


def test_a_missing_level_is_a_warning_on_the_command_line(tmp_path):
    path = write(tmp_path, "note: 12\nniveaux:\n  B1.1: bonne\n")
    result = run_cli("fiches", "grille", SAMPLE, "--evaluation", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert f"{path}:2:1: avertissement [niveau-absent] aucun niveau pour la compétence B1.2" in result.stderr
    assert json.loads(result.stdout)["note"] == 12


# --- the audit's report bound to the candidate ------------------------------------------------------


def test_another_sites_report_is_refused(tmp_path):
    other = audit_report(tmp_path, inaccessible=True, target="https://autre-eleve.github.io/portfolio/")
    result = run_cli("fiches", "grille", SAMPLE, "--audit", other, "--format", "json")
    assert result.exit_code == 2
    assert (
        "le rapport porte sur « https://autre-eleve.github.io/portfolio/ », pas sur le portfolio du candidat "
        "(« https://camille-legall.github.io/portfolio/ » ou"
    ) in result.stderr
    assert "--audit-force" in result.stderr and result.stdout == ""
    forced = run_cli("fiches", "grille", SAMPLE, "--audit", other, "--audit-force", "--format", "json")
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout)["penalites"]["portfolio-inaccessible"] == 10
    assert "Audit de « https://autre-eleve.github.io/portfolio/ » le 02/03/2026, sans le navigateur" in forced.stderr


@pytest.mark.parametrize(
    "target",
    [
        SAMPLE_URL,
        "http://camille-legall.github.io/portfolio/index.html",
        "https://CAMILLE-LEGALL.github.io/portfolio",
        str(SAMPLE),
        str(SAMPLE / "portfolio.yml"),
    ],
)
def test_the_candidates_own_targets_are_accepted(tmp_path, target):
    result = run_cli(
        "fiches", "grille", SAMPLE, "--audit", audit_report(tmp_path, tableau=True, target=target), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["penalites"]["tableau-absent"] == 2


@pytest.mark.parametrize(
    ("penalties", "words"),
    [
        ({"portfolio-inaccessible": 10.0}, "la pénalité « portfolio-inaccessible » vaut 10.0, pas un nombre entier"),
        ({"portfolio-inaccessible": "10"}, 'la pénalité « portfolio-inaccessible » vaut "10", pas un nombre entier'),
        ({"portfolio-inaccessible": True}, "vaut true, pas un nombre entier"),
        ({"portfolio-inaccessible": -2}, "vaut -2, pas un nombre entier"),
        ({"site-lent": 3}, "pénalité inconnue « site-lent »"),
    ],
)
def test_penalties_are_read_from_the_audits_own_schema(tmp_path, penalties, words):
    result = run_cli(
        "fiches", "grille", SAMPLE, "--audit", audit_report(tmp_path, penalties=penalties), "--format", "json"
    )
    assert result.exit_code == 2
    assert words in result.stderr, result.stderr


def test_the_audits_own_date_not_the_files(tmp_path):
    import os

    from e5portfolio.fiches.evaluation import read_audit

    path = audit_report(tmp_path, inaccessible=True)
    os.utime(path, (0, 0))  # 1970: the file's date says nothing
    audit = read_audit(path)
    assert audit.date == "02/03/2026" and audit.browser is False
    assert audit.evidence["portfolio-inaccessible"].endswith("(audit du 02/03/2026)")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["date"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_audit(path).summary() == (
        f"Audit de « {SAMPLE_URL} » à une date que le rapport ne donne pas, sans le navigateur."
    )


def test_the_audit_json_report_carries_its_date():
    import datetime as dt

    from e5portfolio.audit.engine import AuditResult
    from e5portfolio.audit.report import to_json_data

    data = to_json_data(AuditResult("https://exemple.test/"))
    when = dt.datetime.fromisoformat(data["date"])
    assert when.tzinfo is not None and abs((dt.datetime.now(dt.UTC) - when).total_seconds()) < 3600
