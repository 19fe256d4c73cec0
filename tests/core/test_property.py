"""Properties: whatever the bytes, loading, validating, checking and reporting never raise, and
every finding has a known rule id and, for a readable YAML file, a line and a column."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from e5portfolio.checks import coverage, run_checks
from e5portfolio.core.findings import Report
from e5portfolio.core.loader import load_portfolio_bytes
from e5portfolio.core.model import Portfolio
from e5portfolio.core.report import render_github, render_json, render_text
from e5portfolio.core.validate import validate
from e5portfolio.pipeline import referential_for

from .conftest import BASE, KNOWN_RULES

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def model_keys(model: type[BaseModel] = Portfolio, seen: set | None = None) -> set[str]:
    """Every key name of the format, found by walking the model."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    keys = set(model.model_fields)
    for field in model.model_fields.values():
        for candidate in _models_in(field.annotation):
            keys |= model_keys(candidate, seen)
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


KEYS = sorted(model_keys())
BASE_BYTES = (BASE / "portfolio.yml").read_bytes()


def analyse_bytes(raw: bytes, root: Path) -> Report:
    """The pipeline of `check`, from bytes, down to the three renderers."""
    loaded = load_portfolio_bytes(raw)
    validated, findings = validate(loaded)
    referential = referential_for(validated)
    if validated is not None:
        findings.extend(run_checks(validated, referential, root))
    report = Report(
        "portfolio.yml",
        findings,
        coverage(validated, referential),
        [(r.id, r.intitule) for r in validated.realisations] if validated else [],
    )
    render_text(report, referential)
    json.loads(render_json(report))
    render_github(report)
    render_text(report.strict(), referential)
    return report


def assert_well_formed(report: Report, yaml_was_readable: bool) -> None:
    for finding in report.findings:
        assert finding.rule in KNOWN_RULES, finding
        assert finding.message and finding.file == "portfolio.yml", finding
        if yaml_was_readable:
            assert finding.line is not None and finding.column is not None, finding
            assert finding.line >= 1 and finding.column >= 1, finding


# --- random bytes ----------------------------------------------------------------------------------

FRAGMENTS = [
    b"version: 1\n",
    b"candidat:\n",
    b"  nom: A\n",
    b"realisations:\n",
    b"  - ",
    b"id: a\n",
    b"stages: ",
    b"&a ",
    b"*a",
    b"*b",
    b"<<: ",
    b"\t",
    b"---\n",
    b"...\n",
    b'"',
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b",",
    b"\n",
    b"  ",
    b"#",
    b"\xff",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\r\n",
    b"\xc3\xa9",
    b"2025-02-30",
    b"19/05/2025",
    b"!!binary ",
    b"!!python/object ",
    b"? ",
    b"|\n",
    b">-\n",
    b"%YAML 1.1\n",
    b"\\",
    b"B1.1",
    b"~",
    b"null",
    b"yes",
    b"0o17",
    b"1e400",
    b".nan",
]
yamlish_bytes = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join)


@SETTINGS
@given(raw=st.one_of(st.binary(max_size=600), yamlish_bytes))
def test_any_bytes_give_findings_or_a_model(raw: bytes):
    loaded = load_portfolio_bytes(raw)
    validated, findings = validate(loaded)
    assert (validated is None) == bool(findings)
    for finding in findings:
        assert finding.rule in KNOWN_RULES
        assert finding.message


# --- random YAML trees with the real key names ------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    st.sampled_from(
        [
            "B1.1",
            "B1.2.3",
            "B1.7",
            "SISR",
            "ccf",
            "formation",
            "entreprise",
            "stage1",
            "19/05/2025",
            "30/02/2025",
            "2025-5-9",
            "https://example.org/",
            "../x",
            "/etc/passwd",
            "productions/procedure.md",
            "C:\\x.pdf",
            "",
        ]
    ),
)
keys = st.one_of(st.sampled_from(KEYS), st.sampled_from(["prenon", "équipe", "1", "Version"]))
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)),
    max_leaves=30,
)


@SETTINGS
@given(tree=st.dictionaries(keys, trees, max_size=8))
def test_random_trees_never_raise_and_findings_are_located(tree: dict):
    raw = yaml.safe_dump(tree, allow_unicode=True).encode("utf-8")
    report = analyse_bytes(raw, BASE)
    assert_well_formed(report, yaml_was_readable=True)


# --- the base portfolio with one part replaced by a random tree ---------------------------------------

BASE_DATA = yaml.safe_load(BASE_BYTES)


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


BASE_PATHS = [p for p in paths(BASE_DATA) if p]


def replaced(data: Any, path: tuple, value: Any, delete: bool) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if delete and not rest:
            copy.pop(head, None)
        else:
            copy[head] = replaced(data[head], rest, value, delete)
        return copy
    copy = list(data)
    if delete and not rest:
        del copy[head]
    else:
        copy[head] = replaced(data[head], rest, value, delete)
    return copy


@SETTINGS
@given(edits=st.lists(st.tuples(st.sampled_from(BASE_PATHS), trees, st.booleans()), min_size=1, max_size=3))
def test_base_with_random_parts_never_raises(edits):
    data = BASE_DATA
    for path, value, delete in edits:
        try:
            data = replaced(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    report = analyse_bytes(raw, BASE)
    assert_well_formed(report, yaml_was_readable=True)
