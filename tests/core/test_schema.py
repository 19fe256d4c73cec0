"""portfolio.schema.json: committed, up to date, draft 2020-12, official wording on every code,
accepts the real portfolios and refuses a typo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from e5portfolio.core.loader import load_portfolio_file
from e5portfolio.core.referential import load_referential
from e5portfolio.core.schema import SCHEMA_FILE, schema_text
from tests.support.cli import e5portfolio_in_process

from .conftest import BASE

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / SCHEMA_FILE
SAMPLE = REPO / "sample_portfolio"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def as_json(data: Any) -> Any:
    """YAML data as an editor sees it: dates become ISO strings."""
    if isinstance(data, dict):
        return {key: as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def errors(schema: dict, data: Any) -> list:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted(validator.iter_errors(as_json(data)), key=lambda e: list(e.absolute_path))


def test_committed_schema_is_up_to_date():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "portfolio.schema.json est périmé : régénérez-le avec « e5portfolio schema -o portfolio.schema.json »"
    )


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_competence_code_carries_its_official_wording(schema):
    items = schema["$defs"]["Realisation"]["properties"]["competences"]["items"]["anyOf"]
    labels = load_referential().labels
    assert [(item["const"], item["description"]) for item in items] == list(labels.items())
    assert ("B1.1.5", "Gérer des sauvegardes") in [(i["const"], i["description"]) for i in items]


@pytest.mark.parametrize("folder", [BASE, SAMPLE], ids=["base", "sample_portfolio"])
def test_schema_accepts_real_portfolios(schema, folder: Path):
    data = load_portfolio_file(folder / "portfolio.yml").data
    assert errors(schema, data) == []


def test_schema_refuses_a_typo_key(schema):
    data = load_portfolio_file(BASE / "portfolio.yml").data
    data["candidat"]["prenon"] = data["candidat"].pop("prenom")
    found = errors(schema, data)
    assert {(e.validator, tuple(e.absolute_path)) for e in found} == {
        ("additionalProperties", ("candidat",)),
        ("required", ("candidat",)),
    }


def test_schema_refuses_an_unknown_competence_code(schema):
    data = load_portfolio_file(BASE / "portfolio.yml").data
    data["realisations"][0]["competences"].append("B1.7")
    assert [tuple(e.absolute_path) for e in errors(schema, data)] == [("realisations", 0, "competences", 10)]


def test_sample_points_editors_to_the_committed_schema():
    first_line = (SAMPLE / "portfolio.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../portfolio.schema.json"
    assert (SAMPLE / "../portfolio.schema.json").resolve() == COMMITTED


def test_schema_command_prints_the_schema(tmp_path: Path):
    result = e5portfolio_in_process("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == schema_text()


def test_schema_command_never_overwrites_another_file(tmp_path: Path):
    precious = tmp_path / "notes.json"
    precious.write_text('{"mes": "notes"}\n', encoding="utf-8")
    result = e5portfolio_in_process("schema", "-o", str(precious))
    assert result.returncode == 2
    assert "n'est pas un schéma" in result.stderr and "Traceback" not in result.stderr
    assert precious.read_text(encoding="utf-8") == '{"mes": "notes"}\n'


def test_schema_accepts_optional_lists_left_empty_as_check_does(schema):
    """« stages: » with nothing under it is an empty list for check: the editor must agree."""
    data = load_portfolio_file(BASE / "portfolio.yml").data
    data["stages"] = None
    data["realisations"][0]["technologies"] = None
    assert errors(schema, data) == []
    data["realisations"] = None  # at least one réalisation is required: null stays refused
    assert [tuple(e.absolute_path) for e in errors(schema, data)] == [("realisations",)]
