"""axe-core in the real headless Chromium: findings, de-duplication with the static checks, the report."""

from __future__ import annotations

import dataclasses

import pytest

from e5portfolio.audit.engine import audit_folder
from e5portfolio.audit.report import render_html
from e5portfolio.core.findings import Severity

from .conftest import FAST, findings_of

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("linkchecker")]

WITH_BROWSER = dataclasses.replace(FAST, browser=dataclasses.replace(FAST.browser, use=True))


def test_axe_findings_replace_the_same_static_ones(chromium, bad_site):
    result = audit_folder(bad_site, WITH_BROWSER)
    assert result.browser_used
    [contrast] = findings_of(result, "a11y-color-contrast")
    assert contrast.file == "index.html" and contrast.severity is Severity.ERROR
    assert contrast.message == (
        "RGAA 3.2 — contraste du texte : Les éléments doivent avoir un contraste de couleurs suffisant (1 élément : "
        "p « Étudiant en BTS SIO, option SLAM. ») : "
        "foncez le texte ou éclaircissez le fond : le contraste doit atteindre 4,5:1 (3:1 "
        "pour les grands textes)"
    )
    images = [f for f in findings_of(result, "a11y-image-alt") if f.file == "index.html"]
    assert len(images) == 1 and "(2 éléments : " in images[0].message  # axe's, once, not the static pair
    assert images[0].line is None
    # rules axe does not run with the WCAG tags stay static
    assert [f.line for f in findings_of(result, "a11y-heading-order")] == [12]
    assert findings_of(result, "a11y-duplicate-id")
    assert not findings_of(result, "audit-incomplet")


def test_good_site_passes_in_the_browser(chromium, good_site):
    result = audit_folder(good_site, WITH_BROWSER)
    assert result.browser_used
    assert [f for f in result.findings if f.severity is not Severity.INFO] == []


def test_html_report_passes_axe(chromium, bad_site, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.support.browser import block_outside_requests, format_violations, launch_browser, run_axe

    report = tmp_path / "rapport.html"
    report.write_text(render_html(audit_folder(bad_site, FAST)), encoding="utf-8")
    with sync_playwright() as pw, launch_browser(pw) as browser:
        context = browser.new_context()
        blocked = block_outside_requests(context)
        page = context.new_page()
        page.goto(report.as_uri())
        violations = run_axe(page)
        assert violations == [], format_violations(violations)
        assert blocked == []


def test_every_axe_rule_of_the_shipped_version_has_a_row_in_the_rgaa_table(chromium):
    from playwright.sync_api import sync_playwright

    from e5portfolio.core.referential.rgaa import load_rgaa
    from tests.support.browser import axe_source, launch_browser

    with sync_playwright() as pw, launch_browser(pw) as browser:
        page_ = browser.new_page()
        page_.set_content("<!DOCTYPE html><html lang='fr'><title>t</title></html>")
        page_.add_script_tag(content=axe_source())
        version, rules = page_.evaluate("() => [axe.version, axe.getRules().map(r => r.ruleId)]")
    assert version == "4.14.1" and len(rules) > 90
    rgaa = load_rgaa()
    assert [rule for rule in rules if rgaa.mapping(rule) is None] == []
    assert {m.rule for m in rgaa.mappings.values() if m.origin.startswith("axe-core")} == set(rules)
