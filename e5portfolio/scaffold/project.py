"""`init`: writes a new portfolio folder from the templates; never overwrites anything.

The templates live in e5portfolio/templates/init/ (package data) under flat, plain names
(`gitignore.txt`, `workflow-portfolio.yml`…) so that every one of them ships in the wheel;
`planned_files` maps them to their place in the new folder and fills in the few tokens
(`@E5_OPTION@`, `@E5_SESSION@`…). Nothing is written unless every target is free, and a
failure half-way removes what this run created.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from e5portfolio import __version__
from e5portfolio.core.errors import E5Error
from e5portfolio.core.fileutil import new_mode
from e5portfolio.core.schema import SCHEMA_FILE, schema_text
from e5portfolio.scaffold.origin import CiRequirement, ci_requirement, index_requirement, installed_origin

OPTIONS = ("SISR", "SLAM")

# (source in templates/init, target in the new folder); the option-specific ones below.
_COMMON_FILES: tuple[tuple[str, str], ...] = (
    ("portfolio.yml", "portfolio.yml"),
    ("mkdocs.yml", "mkdocs.yml"),
    ("docs-gitkeep.txt", "docs/.gitkeep"),
    ("README.md", "README.md"),
    ("gitignore.txt", ".gitignore"),
    ("prive.yml", "prive.yml"),
    ("productions-README.md", "productions/README.md"),
    ("attestations-README.md", "attestations/README.md"),
    ("production-fiche-environnement.md", "productions/exemple-environnement-veille/fiche-environnement.md"),
    ("devcontainer.json", ".devcontainer/devcontainer.json"),
)
# The forge's CI file: GitHub Actions by default, GitLab CI with --forge gitlab.
FORGES = ("github", "gitlab")
_FORGE_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "github": (("workflow-portfolio.yml", ".github/workflows/portfolio.yml"),),
    "gitlab": (("gitlab-ci.yml", ".gitlab-ci.yml"),),
}
_OPTION_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "SISR": (
        ("production-procedure-sisr.md", "productions/exemple-serveur-fichiers/procedure.md"),
        ("production-fiche-utilisateurs.md", "productions/exemple-assistance-stage/fiche-utilisateurs.md"),
    ),
    "SLAM": (
        ("production-cahier-de-recette.md", "productions/exemple-application-reservation/cahier-de-recette.md"),
        ("production-compte-rendu.md", "productions/exemple-evolution-site-stage/compte-rendu.md"),
    ),
}
_REALISATIONS = {"SISR": "realisations-sisr.yml", "SLAM": "realisations-slam.yml"}
_TOKEN_PREFIX = "@E5_"


class ScaffoldRefused(E5Error):
    """The folder cannot receive a new portfolio; `conflicts` names every blocking path."""

    def __init__(self, folder: Path, conflicts: list[str]) -> None:
        self.folder = folder
        self.conflicts = conflicts
        super().__init__(f"{folder}: {', '.join(conflicts)}")


@dataclass(frozen=True)
class Settings:
    """What varies from one new portfolio to another."""

    option: str
    session: int
    forge: str = "github"
    # What the CI files install; by default, from how this e5portfolio was installed.
    ci: CiRequirement | None = None

    @property
    def requirement(self) -> CiRequirement:
        return self.ci or ci_requirement(installed_origin())

    @property
    def tokens(self) -> dict[str, str]:
        requirement = self.requirement
        comment = "".join(f"# {line}\n" for line in (requirement.comment or "").splitlines())
        return {
            "@E5_OPTION@": self.option,
            "@E5_SESSION@": str(self.session),
            "@E5_AN1@": str(self.session - 2),  # September of the first year
            "@E5_AN2@": str(self.session - 1),  # second half of the first year
            "@E5_REQUIREMENT@": requirement.requirement,
            "@E5_REQUIREMENT_JSON@": json.dumps(requirement.requirement)[1:-1],
            "@E5_REQUIREMENT_COMMENT@": comment,
            "@E5_REQUIREMENT_COMMENT_6@": _indent(comment, 6),
            "@E5_REQUIREMENT_COMMENT_4@": _indent(comment, 4),
        }


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(True))


def likely_session(today: dt.date | None = None) -> int:
    """The exam year of a student in their last year: the June of the current school year
    (September to August). On 1 December 2026, the 2027 session."""
    today = today or dt.date.today()
    return today.year + 1 if today.month >= 9 else today.year


def tool_requirement(version: str = __version__) -> str:
    """The index requirement of this release's series (e5portfolio~=0.2.0)."""
    return index_requirement(version)


def _template_text(name: str) -> str:
    return (resources.files("e5portfolio") / "templates" / "init" / name).read_text(encoding="utf-8")


def _fill(text: str, tokens: dict[str, str]) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    if _TOKEN_PREFIX in text:
        raise ValueError(f"unreplaced template token in: {text[text.index(_TOKEN_PREFIX) :][:40]!r}")
    return text


def _portfolio_text(settings: Settings) -> str:
    realisations = _template_text(_REALISATIONS[settings.option])
    template = _template_text("portfolio.yml").replace("@E5_REALISATIONS@\n", realisations)
    return _fill(template, settings.tokens)


def planned_files(settings: Settings) -> dict[str, bytes]:
    """Every file of the new portfolio: relative POSIX path → content, in writing order."""
    if settings.option not in OPTIONS:
        raise ValueError(f"unknown option {settings.option!r}")
    if settings.forge not in FORGES:
        raise ValueError(f"unknown forge {settings.forge!r}")
    tokens = settings.tokens
    plan: dict[str, bytes] = {}
    files = _COMMON_FILES + _FORGE_FILES[settings.forge] + _OPTION_FILES[settings.option]
    for source, target in files:
        text = _portfolio_text(settings) if source == "portfolio.yml" else _template_text(source)
        plan[target] = _fill(text, tokens).encode("utf-8")
    plan[SCHEMA_FILE] = schema_text().encode("utf-8")
    if settings.requirement.wheel is not None:  # what the CI installs: tracked by Git
        path, data = settings.requirement.wheel
        plan[path] = data
    return plan


def exemple_files() -> dict[str, bytes]:
    """The sample portfolio (sample_portfolio/ of the project, shipped as templates/exemple.zip),
    its schema beside it: what `init --exemple` writes."""
    import io
    import zipfile

    data = (resources.files("e5portfolio") / "templates" / "exemple.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        plan = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    text = plan["portfolio.yml"].decode("utf-8")
    plan["portfolio.yml"] = text.replace("$schema=../portfolio.schema.json", "$schema=portfolio.schema.json", 1).encode(
        "utf-8"
    )
    plan[SCHEMA_FILE] = schema_text().encode("utf-8")
    return plan


def write_exemple(folder: Path) -> list[str]:
    """Write the sample portfolio into `folder` (refused, untouched, when a file is in the way)."""
    folder = Path(folder)
    if os.path.lexists(folder) and not folder.is_dir():
        raise ScaffoldRefused(folder, [f"{folder} (n'est pas un dossier)"])
    plan = exemple_files()
    blocking = conflicts(folder, list(plan))
    if blocking:
        raise ScaffoldRefused(folder, blocking)
    _write_all(folder, plan)
    return list(plan)


def conflicts(folder: Path, targets: list[str]) -> list[str]:
    """Targets that already exist (even as a broken link), and folders in the way that are files."""
    found: list[str] = []
    for target in targets:
        if os.path.lexists(folder / target):
            found.append(target)
            continue
        for parent in PurePosixPath(target).parents:
            if parent != PurePosixPath(".") and os.path.lexists(folder / parent) and not (folder / parent).is_dir():
                found.append(f"{parent} (n'est pas un dossier)")
                break
    return sorted(set(found), key=found.index)


def scaffold(folder: Path, settings: Settings) -> list[str]:
    """Write the new portfolio into `folder`; return the written paths (relative, POSIX).

    Raises ScaffoldRefused, with every conflict named, before writing anything.
    """
    folder = Path(folder)
    if os.path.lexists(folder) and not folder.is_dir():
        raise ScaffoldRefused(folder, [f"{folder} (n'est pas un dossier)"])
    plan = planned_files(settings)
    blocking = conflicts(folder, list(plan))
    if blocking:
        raise ScaffoldRefused(folder, blocking)
    _write_all(folder, plan)
    return list(plan)


def _write_all(folder: Path, plan: dict[str, bytes]) -> None:
    """Write every file, or none: on any failure, remove what this call created."""
    created_files: list[Path] = []
    created_dirs: list[Path] = []
    try:
        for target, data in plan.items():
            path = folder / target
            created_dirs.extend(_make_parents(path.parent))
            _write_new_file(path, data)
            created_files.append(path)
    except BaseException:
        for path in reversed(created_files):
            path.unlink(missing_ok=True)
        for directory in reversed(created_dirs):
            _remove_if_empty(directory)
        raise


def _make_parents(directory: Path) -> list[Path]:
    """Create `directory` and its missing parents; return the ones created, outermost first."""
    missing = []
    current = directory
    while not current.exists():
        missing.append(current)
        current = current.parent
    directory.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _remove_if_empty(directory: Path) -> None:
    try:
        directory.rmdir()
    except OSError:
        pass  # not empty or already gone: leave it


def _write_new_file(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then move it in only if `path` is free.

    A hard link is the atomic "create if absent"; file systems without hard links (FAT on
    a USB key) get a rename after a last check.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, new_mode())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise ScaffoldRefused(path.parent, [path.name]) from None
        except OSError:
            if os.path.lexists(path):
                raise ScaffoldRefused(path.parent, [path.name]) from None
            os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
