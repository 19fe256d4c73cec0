"""Typed configuration of the e5portfolio MkDocs plugin (the `plugins:` entry of mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class E5PortfolioConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # The portfolio: its folder or its portfolio.yml, relative to the folder of mkdocs.yml.
    portfolio = c.Type(str, default="portfolio.yml")
    # The attestations de stage stay on the student's computer (kept out of the public repository
    # by .gitignore): an absent attestation file is not an error, and is not published even with
    # `publication.attestations: true` (a warning says so). Set by `e5portfolio build
    # --sans-attestations`, or here for a plain `mkdocs build` on GitHub Actions.
    attestations_locales = c.Type(bool, default=False)
