"""The files init writes for a forge and for a codespace, and the project's own workflows, checked
against their published JSON schemas (devcontainers/spec; GitHub and GitLab schemas vendored by
the check-jsonschema package)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from e5portfolio.scaffold.project import Settings, planned_files

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent


def vendored_schema(name: str) -> dict:
    """A schema that check-jsonschema ships (from SchemaStore / GitLab), by file name."""
    folder = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))


def errors_of(document: object, schema: dict) -> list[str]:
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def load_workflow(text: str) -> dict:
    """A GitHub workflow as GitHub reads it: « on: » is a key (YAML 1.1 would read true)."""
    document = yaml.safe_load(text)
    if True in document:
        document["on"] = document.pop(True)
    return document


def planned(forge: str, option: str = "SISR") -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in planned_files(Settings(option, 2027, forge)).items()}


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_devcontainer_follows_the_published_schema(forge: str) -> None:
    schema = json.loads((HERE / "schemas" / "devContainer.base.schema.json").read_text(encoding="utf-8"))
    document = json.loads(planned(forge)[".devcontainer/devcontainer.json"])
    assert errors_of(document, schema) == []
    assert document["customizations"]["vscode"]["extensions"] == ["redhat.vscode-yaml"]
    assert 8000 in document["forwardPorts"]
    assert "python" in document["image"] and "pip install" in document["postCreateCommand"]


def test_the_schema_check_can_fail() -> None:
    schema = json.loads((HERE / "schemas" / "devContainer.base.schema.json").read_text(encoding="utf-8"))
    document = json.loads(planned("github")[".devcontainer/devcontainer.json"])
    document["forwardPorts"] = "8000 et 8001"
    assert errors_of(document, schema)


def test_generated_github_workflow_follows_the_published_schema() -> None:
    document = load_workflow(planned("github")[".github/workflows/portfolio.yml"])
    assert errors_of(document, vendored_schema("github-workflows")) == []


def test_generated_gitlab_ci_follows_the_published_schema() -> None:
    document = yaml.safe_load(planned("gitlab")[".gitlab-ci.yml"])
    assert errors_of(document, vendored_schema("gitlab-ci")) == []
    assert errors_of({"pages": {"script": 3}}, vendored_schema("gitlab-ci"))  # the check can fail


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_project_workflows_follow_the_published_schema(name: str) -> None:
    document = load_workflow((REPO_ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    assert errors_of(document, vendored_schema("github-workflows")) == []
