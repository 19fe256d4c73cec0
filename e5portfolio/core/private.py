"""`prive.yml`: the private data that stays on the student's computer, merged at load level.

The public repository and the site must not carry the N° candidat nor a tutor's name (a third
party). They may live in `prive.yml`, beside `portfolio.yml`, which `init`'s .gitignore keeps
out of Git:

    candidat:
      numero: "02412345678"
    stages:
      stage1:
        tuteur: M. Dupont, responsable informatique

`merge_private` reads it (bounded, safe YAML, like portfolio.yml) and writes its values into the
loaded portfolio data before validation, each with its position in prive.yml: every later stage
sees one portfolio, and a finding about a private value points into prive.yml. A problem in
prive.yml is a located finding in prive.yml, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

from e5portfolio.core.confine import refusal
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.loader import Loaded, load_portfolio_file

PRIVATE_FILE = "prive.yml"
_CANDIDAT_KEYS = ("numero",)
_STAGE_KEYS = ("tuteur",)
GIT_TIMEOUT_SECONDS = 10


def merge_private(loaded: Loaded, folder: Path) -> Loaded:
    """`loaded` with the values of `folder`/prive.yml merged in (unchanged when there is none)."""
    path = Path(folder) / PRIVATE_FILE
    if loaded.data is None or not isinstance(loaded.data, dict) or not os.path.lexists(path):
        return loaded
    if refusal(path, folder) is None and _only_comments(path):
        return loaded  # the template init writes: nothing filled in yet
    # read only when it is a regular file inside the folder (a link to /etc/shadow is refused unread)
    private = load_portfolio_file(path, PRIVATE_FILE, folder)
    if private.findings:
        return replace(loaded, findings=[*loaded.findings, *private.findings])
    if private.data is None:
        return loaded  # an empty file
    problems: list[Finding] = []
    data = loaded.data
    positions = loaded.positions

    def problem(where: tuple, message: str) -> None:
        line, column = private.positions.key(where) or (None, None)
        problems.append(Finding("schema", Severity.ERROR, message, PRIVATE_FILE, line, column))

    def take(target: tuple, source: tuple, value: Any) -> None:
        positions.values[target] = private.positions.values.get(source) or (1, 1)
        if source in private.positions.keys:
            positions.keys[target] = private.positions.keys[source]
        if source in private.positions.written:
            positions.written[target] = private.positions.written[source]
        positions.files[target] = PRIVATE_FILE

    if not isinstance(private.data, dict):
        problem(
            (),
            "prive.yml doit contenir des clés : « candidat: » (avec « numero: ») et "
            "« stages: » (avec le tuteur de chaque stage)",
        )
        return replace(loaded, findings=[*loaded.findings, *problems])
    for key, value in private.data.items():
        if key == "candidat" and isinstance(value, dict):
            candidat = data.get("candidat")
            for sub, sub_value in value.items():
                if sub not in _CANDIDAT_KEYS:
                    problem(
                        ("candidat", sub),
                        f"clé « {sub} » inconnue dans « candidat: » de prive.yml : "
                        "seul « numero: » y a sa place (le reste va dans portfolio.yml)",
                    )
                elif isinstance(candidat, dict):
                    candidat[sub] = sub_value
                    take(("candidat", sub), ("candidat", sub), sub_value)
        elif key == "stages" and isinstance(value, dict):
            _merge_stages(value, data, problem, take)
        elif key in ("candidat", "stages"):
            example = 'numero: "…"' if key == "candidat" else "stage1: {tuteur: …}"
            problem((key,), f"« {key}: » de prive.yml doit contenir des clés, par exemple « {example} »")
        else:
            problem(
                (key,),
                f"clé « {key} » inconnue dans prive.yml : seuls « candidat: » (numero) et "
                "« stages: » (tuteur) y ont leur place ; le reste va dans portfolio.yml",
            )
    if problems:
        return replace(loaded, findings=[*loaded.findings, *problems])
    return loaded


def _only_comments(path: Path) -> bool:
    """Whether the file holds nothing but blank and comment lines (read at most 64 KiB)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024 + 1)
    except OSError:
        return False
    if len(head) > 64 * 1024:
        return False
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _merge_stages(value: dict, data: dict, problem, take) -> None:
    stages = data.get("stages")
    by_id = {}
    if isinstance(stages, list):
        by_id = {
            stage.get("id"): index
            for index, stage in enumerate(stages)
            if isinstance(stage, dict) and isinstance(stage.get("id"), str)
        }
    for stage_id, fields in value.items():
        if stage_id not in by_id:
            known = ", ".join(str(name) for name in by_id) or "aucun"
            problem(
                ("stages", stage_id),
                f"le stage « {stage_id} » de prive.yml n'existe pas dans "
                f"portfolio.yml (stages connus : {known}) : écrivez son « id: »",
            )
            continue
        if not isinstance(fields, dict):
            problem(
                ("stages", stage_id),
                f"« {stage_id}: » de prive.yml doit contenir des clés, par exemple « tuteur: M. Dupont »",
            )
            continue
        index = by_id[stage_id]
        assert isinstance(stages, list)  # by_id is empty otherwise
        for sub, sub_value in fields.items():
            if sub not in _STAGE_KEYS:
                problem(
                    ("stages", stage_id, sub),
                    f"clé « {sub} » inconnue pour le stage « {stage_id} » de prive.yml : seul « tuteur: » y a sa place",
                )
                continue
            stages[index][sub] = sub_value
            take(("stages", index, sub), ("stages", stage_id, sub), sub_value)


# Set by the forges' runners (Forgejo and Gitea Actions set GITHUB_ACTIONS too). The generic
# `CI` is not one of them: test suites set it for other reasons (tests/support/tools.py).
FORGE_CI_VARIABLES = ("GITHUB_ACTIONS", "GITLAB_CI", "FORGEJO_ACTIONS", "GITEA_ACTIONS")


def runs_in_ci() -> bool:
    """Whether this run is a forge's CI, where private data is absent by design."""
    return any(os.environ.get(name) for name in FORGE_CI_VARIABLES)


def tracked_by_git(folder: Path, name: str) -> bool:
    """Whether `name` in `folder` is tracked by the Git repository whose root is `folder` (as
    init makes it: the portfolio is the repository). False without git, outside a repository, in
    a subfolder of a bigger repository (a project's example), or on any problem: never fails.
    The repository's own configuration cannot run a command (core.fsmonitor is forced off: a
    teacher may check a folder a student wrote)."""
    git = shutil.which("git")
    if git is None or not (Path(folder) / name).is_file():
        return False
    try:
        result = subprocess.run(
            [
                git,
                "-c",
                "core.fsmonitor=false",
                "-c",
                "core.untrackedCache=false",
                "ls-files",
                "--full-name",
                "--error-unmatch",
                "--",
                name,
            ],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and result.stdout[:1000].decode("utf-8", "replace").strip() == name
