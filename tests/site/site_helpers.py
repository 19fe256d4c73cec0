"""Helpers of the site tests: run the CLI (in-process) and the real programs, edit a copy of a portfolio, list pages."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.support.cli import e5portfolio_in_process

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "sample_portfolio"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


def run(*args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a real program (python -m …) and capture its output as text."""
    return subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


def e5portfolio(*args: str | os.PathLike[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`e5portfolio ARGS…` in-process (tests/support/cli.py): the same result, without a new interpreter."""
    return e5portfolio_in_process(*args, cwd=cwd)


class Portfolio:
    """A copy of a portfolio folder in a temporary folder, edited through its YAML data."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.file = folder / "portfolio.yml"

    @property
    def data(self) -> dict:
        return yaml.safe_load(self.file.read_text(encoding="utf-8"))

    def write(self, data: dict) -> None:
        self.file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def edit(self, change) -> Portfolio:
        data = self.data
        change(data)
        self.write(data)
        return self

    def build(self, *options: str) -> subprocess.CompletedProcess:
        return e5portfolio("build", self.folder, *options)


def copy_portfolio(source: Path, destination: Path) -> Portfolio:
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("site"))
    return Portfolio(destination)


def site_pages(site: Path) -> list[Path]:
    """The generated HTML pages (not the published productions nor MkDocs' 404 page)."""
    return sorted(
        p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "fichiers" and p.name != "404.html"
    )


class _Outline(HTMLParser):
    """Headings of a page's main content, and every href/src of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links: list[str] = []
        self._in_article = 0
        self._heading: list[str] | None = None
        self._level = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])
        if tag == "article":
            self._in_article += 1
        elif self._in_article and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._level = [], int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        elif self._heading is not None and tag == f"h{self._level}":
            self.headings.append((self._level, "".join(self._heading).replace("¶", "").strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def outline(page: Path) -> _Outline:
    parser = _Outline()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser
