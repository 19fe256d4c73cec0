"""Typed configuration of the e5portfolio MkDocs plugin (the `plugins:` entry of mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class E5PortfolioConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # The portfolio: its folder or its portfolio.yml, relative to the folder of mkdocs.yml.
    portfolio = c.Type(str, default="portfolio.yml")
