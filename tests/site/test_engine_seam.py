"""The engine seam (docs/engine.md): the site is a plain MkDocs project (the embedded
configuration, our plugin, our theme overrides) that another MkDocs 1.x engine builds unchanged.

The sample's generated project is built by MkDocs and by ProperDocs (a maintained drop-in fork of
MkDocs 1.6 that loads MkDocs plugins), each in its own process: ProperDocs redirects every
`mkdocs.*` import to itself, so the two cannot share one. Both must produce the same files and,
page by page, the same main content. And the page generation (site/pages.py, productions.py)
imports no MkDocs at all: only plugin.py, config.py and runner.py know the engine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import SAMPLE, copy_portfolio, run

from e5portfolio.site.runner import config_file_for

ENGINES = ("mkdocs", "properdocs")
GENERATOR = re.compile(r'\s*<meta name="generator" content="([^"]*)">')


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's generated MkDocs project, built `--strict` by each engine: engine → site folder."""
    portfolio = copy_portfolio(SAMPLE, tmp_path_factory.mktemp("seam") / "sample_portfolio")
    built = {}
    with config_file_for(portfolio.folder, portfolio.file) as config_file:
        for engine in ENGINES:
            site = portfolio.folder.parent / f"site-{engine}"
            result = run(sys.executable, "-m", engine, "build", "--strict", "-f", config_file, "-d", site, timeout=600)
            assert result.returncode == 0, f"{engine}:\n{result.stdout}\n{result.stderr}"
            assert "Traceback" not in result.stderr, result.stderr
            built[engine] = site
    return built


def files_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def main_content(page: str) -> str:
    """The page's <article> (what our plugin generated, rendered), without the theme around it."""
    start, end = page.find("<article"), page.find("</article>")
    assert 0 <= start < end, "no <article> in the page"
    return page[start:end]


@pytest.mark.slow
def test_each_engine_is_the_one_that_built_its_site(sites: dict[str, Path]) -> None:
    generators = {
        engine: GENERATOR.search((site / "index.html").read_text(encoding="utf-8")).group(1)
        for engine, site in sites.items()
    }
    assert generators["mkdocs"].startswith("mkdocs-1.")
    assert "ProperDocs" in generators["properdocs"]


@pytest.mark.slow
def test_both_engines_write_the_same_files(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = files_of(sites["mkdocs"]), files_of(sites["properdocs"])
    assert mkdocs == properdocs
    pages = [name for name in mkdocs if name.endswith(".html")]
    assert {
        "index.html",
        "parcours.html",
        "realisations.html",
        "competences.html",
        "veille.html",
        "tableau-de-synthese.html",
        "mentions-legales.html",
        "404.html",
    } <= set(pages)
    assert any(name.startswith("realisations/") for name in pages)
    assert any(name.startswith("productions/") for name in pages)
    for name in ("portfolio.json", "tableau-de-synthese.xlsx", ".e5portfolio-site"):
        assert name in mkdocs
    assert (sites["mkdocs"] / "portfolio.json").read_bytes() == (sites["properdocs"] / "portfolio.json").read_bytes()


@pytest.mark.slow
def test_every_page_has_the_same_main_content(sites: dict[str, Path]) -> None:
    pages = [name for name in files_of(sites["mkdocs"]) if name.endswith(".html")]
    assert len(pages) > 20
    for name in pages:
        mkdocs, properdocs = ((sites[engine] / name).read_text(encoding="utf-8") for engine in ENGINES)
        assert main_content(mkdocs) == main_content(properdocs), name
        # today, apart from the generator's name, the whole page (nav, header, footer) is the same
        assert GENERATOR.sub("", mkdocs) == GENERATOR.sub("", properdocs), name


@pytest.mark.process
def test_page_generation_imports_no_mkdocs() -> None:
    """A fresh interpreter (this one has MkDocs loaded by other tests) imports the page generation."""
    probe = (
        "import sys\n"
        "import e5portfolio.site.pages, e5portfolio.site.productions, e5portfolio.site.publication\n"
        "print('ENGINE', sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs', 'material')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "ENGINE []"
    # the probe can fail: the plugin itself does import MkDocs
    result = subprocess.run(
        [sys.executable, "-c", probe.replace("e5portfolio.site.publication", "e5portfolio.site.plugin")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "'mkdocs'" in result.stdout.splitlines()[-1]
