"""The wheel's package list (pyproject.toml) covers every folder of the source, theme/ included."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _folders_with_files(root: Path, package: str) -> set[str]:
    found = set()
    for folder in [root, *root.rglob("*")]:
        if folder.is_dir() and "__pycache__" not in folder.parts:
            if any(item.is_file() and "__pycache__" not in item.parts for item in folder.rglob("*")):
                relative = folder.relative_to(root).parts
                if not any(part.startswith(".") for part in relative):
                    found.add(".".join((package, *relative)))
    return found


def test_every_source_folder_is_a_listed_package_and_the_theme_comes_from_the_top_level():
    setuptools = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    assert setuptools["package-dir"] == {"e5portfolio.theme": "theme"}
    source = _folders_with_files(REPO_ROOT / "e5portfolio", "e5portfolio")
    assert source - listed == set(), "add these folders to [tool.setuptools] packages in pyproject.toml"
    # the theme's asset folders are listed too (data only), so that setuptools does not warn
    theme = _folders_with_files(REPO_ROOT / "theme", "e5portfolio.theme")
    assert listed - source == theme - {"e5portfolio.theme.assets"}
    assert (REPO_ROOT / "theme" / "main.html").is_file()
    assert not (REPO_ROOT / "e5portfolio" / "theme").exists()


def test_the_plugin_uses_the_top_level_theme():
    from e5portfolio.site.plugin import theme_dir

    assert Path(theme_dir()).resolve() == (REPO_ROOT / "theme").resolve()


@pytest.mark.slow
def test_python_m_build_gives_no_package_would_be_ignored_warning(tmp_path: Path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO_ROOT / name, source / name)
    for folder in ("e5portfolio", "theme"):
        shutil.copytree(REPO_ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "would be ignored" not in result.stdout + result.stderr
    wheel = next((tmp_path / "dist").glob("*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "e5portfolio/theme/assets/stylesheets/e5portfolio.css" in names
    assert "e5portfolio/theme/assets/javascripts/e5portfolio-search.js" in names
    assert "e5portfolio/templates/exemple.zip" in names  # init --exemple from an installed copy
