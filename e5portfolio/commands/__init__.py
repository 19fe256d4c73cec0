"""One module per CLI command beyond `check` and `schema`; each exposes `command` (click).

A command module imports only click (and light stdlib) at its top: heavy libraries (mkdocs,
openpyxl, playwright) are imported inside the function that runs, so `check` stays fast.
"""
