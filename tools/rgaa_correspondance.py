"""Derive the correspondence between e5portfolio's accessibility checks and the RGAA criteria, keeping
the hand review: e5portfolio/core/referential/rgaa/correspondance.csv. Run by hand after an update
of axe-core (e5portfolio/audit/vendor) or of the RGAA data (tools/rgaa_criteres.py):

    .venv/bin/python tools/rgaa_correspondance.py

Needs Chromium and playwright (axe-core's rules are read from the shipped axe.min.js with
axe.getRules()). One row per check: every axe-core rule of the shipped version, every static check of
the audit (audit/a11y_static.py, same id as the axe rule it mirrors), every accessibility rule of
`check` (the build). Columns:

- regle: the rule id (the audit reports it as « a11y-<regle> »; a check rule as is);
- origine: axe-core, statique, axe-core+statique, construction;
- audit: « oui » when the audit runs it (axe-core: the rules its axe.run with the WCAG 2.x A/AA tags
  runs; static and build checks: always), « non » otherwise (best practices, AAA, experimental and
  deprecated rules: never reported);
- wcag: the WCAG success criteria of axe-core's tags (wcag111 → 1.1.1);
- derives: every RGAA criterion that references one of these WCAG success criteria (the derivation);
- axe_rgaa: the RGAA criteria axe-core's own tags name (RGAA-1.1.1 → 1.1), a second opinion;
- criteres: the REVIEWED criteria, the only column e5portfolio reads (« aucun critère RGAA » when none);
- revue: why the reviewed criteria differ from the derivation (or « dérivation retenue »).

A new rule gets criteres = axe_rgaa (or the derivation) and revue « À REVOIR » until someone reviews it
by hand; the columns criteres and revue of the rules already there are kept as they are.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "e5portfolio" / "core" / "referential" / "rgaa"
TABLE = DATA / "correspondance.csv"
AXE = ROOT / "e5portfolio" / "audit" / "vendor" / "axe.min.js"
COLUMNS = ("regle", "origine", "audit", "wcag", "derives", "axe_rgaa", "criteres", "revue")
NONE = "aucun critère RGAA"
TO_REVIEW = "À REVOIR"
# WCAG success criteria of the checks that are not axe-core rules (their own documentation says which)
OWN_WCAG = {"link-purpose": ("2.4.4",), "heading-one-unique": (), "couleur-contraste": ("1.4.3",)}
BUILD_RULES = ("couleur-contraste",)  # the accessibility rules of `check`, run before every build


RAN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return ["passes", "violations", "incomplete", "inapplicable"].flatMap((key) => result[key].map((r) => r.id));
}"""


def axe_rules() -> tuple[str, list[tuple[str, list[str]]], set[str]]:
    from playwright.sync_api import sync_playwright

    from e5portfolio.audit.a11y_browser import WCAG_TAGS
    from e5portfolio.browser import find_browser, needs_no_sandbox

    chromium = find_browser()
    if chromium is None:
        raise SystemExit("Chromium introuvable (e5portfolio.browser.find_browser)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox"] if needs_no_sandbox() else []
        )
        try:
            page = browser.new_page()
            page.set_content("<!DOCTYPE html><html lang='fr'><title>t</title></html>")
            page.add_script_tag(path=str(AXE))
            version, rules = page.evaluate("() => [axe.version, axe.getRules().map(r => [r.ruleId, r.tags])]")
            # the rules the audit's axe.run really runs (experimental and deprecated ones are off)
            ran = page.evaluate(RAN, list(WCAG_TAGS))
        finally:
            browser.close()
    return version, rules, set(ran)


def wcag_of(tags: list[str]) -> list[str]:
    found = []
    for tag in tags:
        match = re.fullmatch(r"wcag(\d)(\d)(\d+)", tag)
        if match:
            found.append(".".join(match.groups()))
    return found


def axe_rgaa_of(tags: list[str]) -> list[str]:
    found = []
    for tag in tags:
        match = re.fullmatch(r"RGAA-(\d+)\.(\d+)\.\d+", tag)
        if match and f"{match[1]}.{match[2]}" not in found:
            found.append(f"{match[1]}.{match[2]}")
    return found


def criteria_by_wcag() -> dict[str, list[str]]:
    data = json.loads((DATA / "criteres-4.1.2.json").read_text(encoding="utf-8"))
    index: dict[str, list[str]] = {}
    for theme in data["thematiques"]:
        for criterion in theme["criteres"]:
            for reference in criterion["wcag"]:
                index.setdefault(reference["numero"], []).append(criterion["numero"])
    return index


def main() -> None:
    from e5portfolio.audit.a11y_static import RULES as STATIC_RULES

    version, rules, ran = axe_rules()
    by_wcag = criteria_by_wcag()
    static_ids = [rule.id for rule in STATIC_RULES]
    axe_ids = {rule_id for rule_id, _ in rules}
    rows: list[dict[str, str]] = []

    def add(rule_id: str, origine: str, runs: bool, wcag: list[str], axe_rgaa: list[str]) -> None:
        derived = list(dict.fromkeys(c for sc in wcag for c in by_wcag.get(sc, [])))
        rows.append(
            {
                "regle": rule_id,
                "origine": origine,
                "audit": "oui" if runs else "non",
                "wcag": " ".join(wcag),
                "derives": " ".join(derived),
                "axe_rgaa": " ".join(axe_rgaa),
                "criteres": " ".join(axe_rgaa or derived) or NONE,
                "revue": TO_REVIEW,
            }
        )

    for rule_id, tags in sorted(rules):
        static = rule_id in static_ids
        add(
            rule_id,
            "axe-core+statique" if static else "axe-core",
            static or rule_id in ran,
            wcag_of(tags),
            axe_rgaa_of(tags),
        )
    for rule_id in static_ids:
        if rule_id not in axe_ids:
            add(rule_id, "statique", True, list(OWN_WCAG[rule_id]), [])
    for rule_id in BUILD_RULES:
        add(rule_id, "construction", True, list(OWN_WCAG[rule_id]), [])

    reviewed = {}
    if TABLE.is_file():
        reviewed = {row["regle"]: row for row in csv.DictReader(io.StringIO(TABLE.read_text(encoding="utf-8")))}
    for row in rows:
        old = reviewed.get(row["regle"])
        if old is not None and old.get("revue") and old["revue"] != TO_REVIEW:
            row["criteres"], row["revue"] = old["criteres"], old["revue"]
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    TABLE.write_text(out.getvalue(), encoding="utf-8")
    todo = [row["regle"] for row in rows if row["revue"] == TO_REVIEW]
    print(f"{TABLE}: {len(rows)} règles (axe-core {version}) ; à revoir : {', '.join(todo) or 'aucune'}")


if __name__ == "__main__":
    main()
