"""A page that never settles (a busy loop, dialogs one after the other) keeps axe-core off it: the
teacher now sees it as a warning, not an information note. Real Chromium."""

from __future__ import annotations

import dataclasses

import pytest

from e5portfolio.audit.engine import audit_folder
from e5portfolio.core.findings import Severity
from tests.audit.conftest import FAST
from tests.support.browser import require_chromium

PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><main><h1>{title}</h1>{body}</main></body></html>"
)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("script", ["while (true) {}", "for (;;) { alert('encore'); }"])
def test_a_page_that_never_settles_is_a_warning(tmp_path, script):
    require_chromium()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        PAGE.format(title="Accueil", body='<a href="boucle.html">suite</a>'), encoding="utf-8"
    )
    (site / "boucle.html").write_text(PAGE.format(title="Boucle", body=f"<script>{script}</script>"), encoding="utf-8")
    options = dataclasses.replace(
        FAST, browser=dataclasses.replace(FAST.browser, use=True, axe_every_page=True, page_timeout=5.0)
    )
    result = audit_folder(site, options)
    stuck = [f for f in result.findings if f.file == "boucle.html" and "ne se stabilise pas" in f.message]
    assert stuck and stuck[0].severity == Severity.WARNING, [(f.file, f.severity, f.message) for f in result.findings]
