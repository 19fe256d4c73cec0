"""`build` and `pdf` analyse the portfolio once: the plugin uses the command's analysis instead of
reading, validating and scanning every file for secrets a second time. A plain `mkdocs build`
(no command before it) still analyses, and so does each `serve` rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_helpers import SAMPLE

from e5portfolio import pipeline
from e5portfolio.cli import main
from e5portfolio.site import plugin


@pytest.fixture
def counted(monkeypatch) -> list[Path]:
    """The portfolios analysed during the test, wherever the analysis is asked for."""
    calls: list[Path] = []
    real = pipeline.analyse

    def analyse(portfolio, *args, **kwargs):
        calls.append(Path(portfolio))
        return real(portfolio, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    monkeypatch.setattr(plugin, "analyse", analyse)
    return calls


def test_build_analyses_the_portfolio_once(tmp_path, counted):
    folder = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("site"))
    result = CliRunner().invoke(main, ["build", str(folder), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert len(counted) == 1


def test_a_build_given_no_analysis_analyses_as_before(tmp_path, counted):
    """The analysis handed to the plugin is used once: the next build of the same configuration
    (what a preview's rebuild does) reads the portfolio anew."""
    from e5portfolio.site.runner import build, config_file_for, load

    folder = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("site"))
    analysis = pipeline.analyse(folder)
    with config_file_for(analysis.root, analysis.file) as config_file:
        build(load(config_file, analysis.file, site_dir=str(tmp_path / "un"), analysis=analysis))
        assert len(counted) == 1
        build(load(config_file, analysis.file, site_dir=str(tmp_path / "deux")))
    assert len(counted) == 2
    assert (tmp_path / "deux" / "index.html").is_file()
