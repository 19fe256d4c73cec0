"""The schema `init` writes next to portfolio.yml: editors validate the portfolio with it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from e5portfolio.core.schema import schema_text

from .conftest import REPO_ROOT, SAMPLE, load_as_editor, run_cli


def validator_for(folder: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads((folder / "portfolio.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_validates_the_new_portfolio(new_portfolio: Path) -> None:
    errors = list(validator_for(new_portfolio).iter_errors(load_as_editor(new_portfolio / "portfolio.yml")))
    assert errors == []


def test_schema_validates_the_sample_portfolio(new_portfolio: Path) -> None:
    errors = list(validator_for(new_portfolio).iter_errors(load_as_editor(SAMPLE / "portfolio.yml")))
    assert errors == []


@pytest.mark.parametrize("key, typo", [("  prenom:", "  prénom:"), ("    intitule:", "    intitulé:")])
def test_schema_rejects_a_typo_in_a_key(new_portfolio: Path, key: str, typo: str) -> None:
    file = new_portfolio / "portfolio.yml"
    file.write_text(file.read_text(encoding="utf-8").replace(key, typo, 1), encoding="utf-8")
    errors = list(validator_for(new_portfolio).iter_errors(load_as_editor(file)))
    assert [e.validator for e in errors if typo.strip(" :") in e.message] == ["additionalProperties"]


def test_schema_refresh_command_rewrites_the_file_in_place(new_portfolio: Path) -> None:
    target = new_portfolio / "portfolio.schema.json"
    target.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema"}\n', encoding="utf-8")
    result = run_cli("schema", "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == schema_text()


def test_committed_schema_is_the_one_init_writes(new_portfolio: Path) -> None:
    committed = REPO_ROOT / "portfolio.schema.json"
    generated = new_portfolio / "portfolio.schema.json"
    assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8")
