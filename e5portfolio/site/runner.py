"""Run MkDocs on a portfolio folder: with the student's own mkdocs.yml, or the embedded default.

Shared by the build, serve and dossier commands. MkDocs' own messages are shown in French
form (« mkdocs : avertissement : … »); its failures become a SiteBuildError with a French
message, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from e5portfolio.core.errors import E5Error

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from e5portfolio.pipeline import Analysis

MKDOCS_FILES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN_NAME = "e5portfolio"
THEME_PLACEHOLDER = "__E5PORTFOLIO_THEME_DIR__"
_LEVELS = {"DEBUG": "débogage", "INFO": "info", "WARNING": "avertissement", "ERROR": "erreur", "CRITICAL": "erreur"}


class SiteBuildError(E5Error):
    """MkDocs could not build the site; the message is French and says what to do."""


class SiteConfigError(SiteBuildError):
    """The MkDocs configuration cannot be used for this portfolio (a usage problem)."""


def own_config_file(root: Path) -> Path | None:
    """The student's mkdocs.yml beside portfolio.yml, if there is one."""
    for name in MKDOCS_FILES:
        if (root / name).is_file():
            return root / name
    return None


def default_config_data(portfolio_file: Path, docs_dir: Path) -> dict:
    """The embedded default configuration, completed for this portfolio."""
    from e5portfolio.site.plugin import theme_dir

    source = resources.files("e5portfolio.site").joinpath("default_mkdocs.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    if data.get("theme", {}).get("custom_dir") == THEME_PLACEHOLDER:
        data["theme"]["custom_dir"] = theme_dir()
    data["docs_dir"] = str(docs_dir)
    data["plugins"] = [
        {PLUGIN_NAME: {"portfolio": str(portfolio_file)}} if entry == PLUGIN_NAME else entry
        for entry in data.get("plugins", [])
    ]
    return data


@contextlib.contextmanager
def config_file_for(root: Path, portfolio_file: Path, *, trusted: bool = True) -> Iterator[Path]:
    """The mkdocs.yml to build with: the student's, or a temporary one from the embedded default.

    The temporary one lives, with an empty docs folder, in a temporary folder removed on exit.
    Not `trusted` (the audit, --class, dossier: someone else's folder), the student's mkdocs.yml is
    never used: MkDocs' YAML loader runs `!!python/…` tags, `hooks:` run scripts, and `docs_dir:`
    may publish files from outside the folder (see the check rule mkdocs-config-dangereuse).
    """
    own = own_config_file(root) if trusted else None
    if own is not None:
        yield own
        return
    with tempfile.TemporaryDirectory(prefix="e5portfolio-mkdocs-") as folder:
        docs = Path(folder) / "docs"
        docs.mkdir()
        if not trusted:
            copy_extra_pages(root, docs)
        path = Path(folder) / "mkdocs.yml"
        data = default_config_data(portfolio_file.resolve(), docs)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        yield path


# The student's extra pages, copied for a build that does not trust the folder: only Markdown and
# images, regular files inside the portfolio folder (no symbolic link), within these bounds.
EXTRA_SUFFIXES = frozenset({".md", ".markdown", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
EXTRA_MAX_FILES = 200
EXTRA_MAX_FILE_BYTES = 5_000_000
EXTRA_MAX_TOTAL_BYTES = 50_000_000
CONFIG_MAX_BYTES = 256 * 1024


class _InertLoader(yaml.SafeLoader):
    """PyYAML's safe loader, where every other tag (`!!python/…`, `!ENV`, `!relative`) becomes None:
    nothing is constructed, nothing runs, and a usual mkdocs-material file stays readable."""


_InertLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def student_docs_dir(root: Path) -> Path | None:
    """The docs folder named by the student's mkdocs.yml (default « docs »), read with a safe
    loader, size-capped; None when it is unusable or outside the portfolio folder."""
    own = own_config_file(root)
    if own is None:  # without mkdocs.yml, the student's own build has no extra pages either
        return None
    try:
        with own.open("rb") as stream:
            data = stream.read(CONFIG_MAX_BYTES + 1)
        settings = yaml.load(data, Loader=_InertLoader) if len(data) <= CONFIG_MAX_BYTES else None  # noqa: S506
    except (OSError, yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(settings, dict):
        return None
    value = settings.get("docs_dir", "docs")
    if not isinstance(value, str) or not value.strip():
        return None
    name = value.strip()
    base = os.path.realpath(root)
    docs = os.path.realpath(os.path.join(base, os.path.expanduser(name)))
    if not docs.startswith(base.rstrip(os.sep) + os.sep) or not os.path.isdir(docs):
        return None
    return Path(docs)


def copy_extra_pages(root: Path, target: Path) -> int:
    """Copy the student's extra Markdown pages and images into `target` (the docs folder of the
    embedded configuration); returns how many files were copied. Never follows a symbolic link,
    never reads outside the portfolio folder, stops at the bounds above."""
    source = student_docs_dir(root)
    if source is None:
        return 0
    copied, total = 0, 0
    for folder, subfolders, files in os.walk(source, followlinks=False):
        subfolders[:] = sorted(
            d for d in subfolders if not d.startswith(".") and not os.path.islink(os.path.join(folder, d))
        )
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix.lower() not in EXTRA_SUFFIXES or path.is_symlink():
                continue
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if not path.is_file() or size > EXTRA_MAX_FILE_BYTES:
                continue
            if copied >= EXTRA_MAX_FILES or total + size > EXTRA_MAX_TOTAL_BYTES:
                return copied
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination, follow_symlinks=False)
            copied, total = copied + 1, total + size
    return copied


def load(
    config_file: Path,
    portfolio_file: Path,
    *,
    skip_attestation_files: bool = False,
    analysis: Analysis | None = None,
    **overrides,
) -> MkDocsConfig:
    """Load and validate a MkDocs configuration that must use our plugin on this portfolio.

    `skip_attestation_files` (--sans-attestations) turns the plugin's `attestations_locales` on,
    whatever mkdocs.yml says; without it, mkdocs.yml decides. `analysis`, the command's own
    analysis of `portfolio_file`, spares the plugin a second one (secrets scanned once).
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(str(config_file), **overrides)
    except (Abort, ConfigurationError) as exc:
        detail = "" if str(exc).startswith("Aborted with") else f" ({exc})"  # MkDocs' English, said above
        raise SiteConfigError(
            f"la configuration MkDocs {config_file} est invalide{detail} : corrigez-la "
            "d'après le message de MkDocs ci-dessus"
        ) from None
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise SiteConfigError(
            f"{config_file} n'active pas le plugin e5portfolio : ajoutez « - e5portfolio » "
            "sous « plugins: », ou supprimez ce fichier pour utiliser la configuration "
            "par défaut"
        )
    if Path(portfolio_file).is_dir():  # replaced by a folder while the preview runs
        raise SiteConfigError(
            f"« {portfolio_file} » est un dossier, pas un fichier : remettez à sa place le "
            "fichier portfolio.yml (un dossier ne peut pas porter ce nom)"
        )
    target = Path(plugin.config.portfolio).expanduser()
    if not target.is_absolute():
        target = config_file.parent / target
    if target.is_dir():
        target = target / portfolio_file.name
    if os.path.realpath(target) != os.path.realpath(portfolio_file):
        raise SiteConfigError(
            f"{config_file} fait construire le portfolio « {plugin.config.portfolio} », pas "
            f"{portfolio_file} : corrigez l'option « portfolio » du plugin e5portfolio"
        )
    if skip_attestation_files:
        plugin.config.attestations_locales = True
    # the command's analysis of this portfolio, used once by the plugin's next build instead of
    # analysing it again (serve gives none: each rebuild reads the files anew)
    plugin.given_analysis = analysis
    return config


def build(config: MkDocsConfig) -> None:
    """One MkDocs build into config.site_dir (MkDocs clears that folder first).

    Never two at once in one process: MkDocs keeps one instance of each plugin per process
    (`Plugins.plugin_cache`), so concurrent builds share our plugin's state. A class audit builds
    each folder in a child process (audit.sandboxed_build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError

    try:
        mkdocs_build(config)
    except (Abort, BuildError) as exc:
        raise SiteBuildError(f"la construction du site a échoué ({exc}) : voir les messages ci-dessus") from None


class _FrenchFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = _LEVELS.get(record.levelname, record.levelname.lower())
        return f"mkdocs : {level} : {record.getMessage()}"


class _DropFindings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from e5portfolio.site.plugin import FINDING_RECORD_FLAG

        return not getattr(record, FINDING_RECORD_FLAG, False)


@contextlib.contextmanager
def mkdocs_messages(level: int = logging.WARNING, *, findings: bool = True) -> Iterator[None]:
    """Show MkDocs' messages of `level` and above on stderr; without `findings`, drop the plugin's
    portfolio findings (the face printed the check report already; they are not counted by
    --strict either, the face decided on them)."""
    from e5portfolio.site.plugin import log as plugin_log

    mkdocs_logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_FrenchFormatter())
    handler.setLevel(level)
    previous_level = mkdocs_logger.level
    mkdocs_logger.addHandler(handler)
    mkdocs_logger.setLevel(min(level, logging.WARNING))
    dropper = _DropFindings()
    if not findings:
        plugin_log.logger.addFilter(dropper)
    try:
        yield
    finally:
        plugin_log.logger.removeFilter(dropper)
        mkdocs_logger.removeHandler(handler)
        mkdocs_logger.setLevel(previous_level)
