"""The e5portfolio theme: mkdocs-material overrides (theme.custom_dir), shipped as e5portfolio.theme.

This file only makes the folder a package so that it installs (wheel and editable) as package
data of e5portfolio; MkDocs never copies *.py files of a theme into the site.
"""
