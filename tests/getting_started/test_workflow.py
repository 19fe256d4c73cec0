"""The GitHub Actions workflow written by `init`: triggers, steps, pinned actions, permissions."""

from __future__ import annotations

import re
import shlex

import click
import pytest
import yaml

from e5portfolio.cli import main

from .conftest import init_portfolio

ON_MAIN_PUSH = re.compile(r"github\.ref == 'refs/heads/main'")


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = init_portfolio(tmp_path_factory.mktemp("wf") / "p")
    return yaml.safe_load((folder / ".github/workflows/portfolio.yml").read_text(encoding="utf-8"))


def steps_using(job: dict) -> dict[str, dict]:
    return {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}


def run_lines(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def test_runs_on_push_to_main_and_on_pull_requests(workflow: dict) -> None:
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as True
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers


def test_least_permissions(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["check-build"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    writers = [name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).values()]
    assert writers == ["deploy"]


def test_check_build_job_checks_builds_audits_and_keeps_the_report(workflow: dict) -> None:
    job = workflow["jobs"]["check-build"]
    uses = steps_using(job)
    assert set(uses) == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/upload-pages-artifact",
    }
    runs = run_lines(job)
    assert runs[0].startswith("python -m pip install ") and "e5portfolio" in runs[0]
    assert runs[1:] == [
        "e5portfolio check --format github --sans-attestations",
        "e5portfolio build --sans-attestations",  # strict only with publication.remise: true
        "e5portfolio audit site --no-browser --format html -o rapport-audit.html",
    ]
    audit = next(step for step in job["steps"] if step.get("run", "").startswith("e5portfolio audit"))
    assert audit["continue-on-error"] is True  # its own address does not answer before the first deploy
    report = uses["actions/upload-artifact"]
    assert report["if"] == "always()"
    assert report["with"]["path"] == "rapport-audit.html"
    pages = uses["actions/upload-pages-artifact"]
    assert pages["with"]["path"] == "site"
    assert ON_MAIN_PUSH.search(pages["if"]) and "pull_request" in pages["if"]


def test_check_and_build_leave_the_attestations_on_the_students_computer(workflow: dict) -> None:
    # .gitignore keeps attestations/ out of the repository: GitHub cannot check those files
    commands = {shlex.split(line)[1]: shlex.split(line)[2:] for line in run_lines(workflow["jobs"]["check-build"])[1:]}
    assert "--sans-attestations" in commands["check"] and "--sans-attestations" in commands["build"]
    assert "--sans-attestations" not in commands["audit"]  # it audits the built site, not the portfolio


def test_deploy_job_publishes_from_main_only(workflow: dict) -> None:
    job = workflow["jobs"]["deploy"]
    assert job["needs"] == "check-build"
    assert ON_MAIN_PUSH.search(job["if"]) and "github.event_name != 'pull_request'" in job["if"]
    assert job["environment"]["name"] == "github-pages"
    assert list(steps_using(job)) == ["actions/deploy-pages"]


def test_every_action_is_pinned_to_a_version(workflow: dict) -> None:
    versions = {step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step}
    assert versions == {
        "actions/checkout@v6",
        "actions/setup-python@v6",
        "actions/upload-artifact@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    }


def test_the_workflow_commands_parse_with_this_cli(workflow: dict) -> None:
    """Each `e5portfolio …` line names a command and options that exist."""
    for line in run_lines(workflow["jobs"]["check-build"])[1:]:
        args = shlex.split(line)[1:]
        assert args[0] in main.commands, line
        command = main.commands[args[0]]
        with command.make_context(args[0], args[1:]) as ctx:
            assert isinstance(ctx, click.Context)
