"""The wheel's package list (pyproject.toml) covers every folder of the source, theme/ included."""

from __future__ import annotations

import tomllib
from pathlib import Path

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
    # the theme's own subfolders (assets/…) are package data of e5portfolio.theme ("**/*")
    assert listed - source == {"e5portfolio.theme"}
    assert (REPO_ROOT / "theme" / "main.html").is_file()
    assert not (REPO_ROOT / "e5portfolio" / "theme").exists()


def test_the_plugin_uses_the_top_level_theme():
    from e5portfolio.site.plugin import theme_dir

    assert Path(theme_dir()).resolve() == (REPO_ROOT / "theme").resolve()
