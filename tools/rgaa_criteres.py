"""Convert the official RGAA criteria (criteres.json of the DINUM) into the compact data file shipped
in the package: e5portfolio/core/referential/rgaa/criteres-4.1.2.json. Run by hand, when the RGAA changes:

    git clone https://github.com/DISIC/accessibilite.numerique.gouv.fr
    python tools/rgaa_criteres.py accessibilite.numerique.gouv.fr/RGAA/criteres.json

Kept: themes (number, title), criteria (number « 3.2 », title, the WCAG success criteria of their
references). The titles are the official text with the glossary links removed (their text kept)
and the code spans unquoted (`<img>` → <img>); nothing else is changed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "e5portfolio" / "core" / "referential" / "rgaa" / "criteres-4.1.2.json"
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
WCAG = re.compile(r"^(\d+\.\d+\.\d+)\s+(.*?)\s*\((A{1,3})\)\s*$")


def plain(text: str) -> str:
    return LINK.sub(r"\1", text).replace("`", "").strip()


def convert(official: dict) -> dict:
    themes = []
    for topic in official["topics"]:
        criteria = []
        for entry in topic["criteria"]:
            criterium = entry["criterium"]
            wcag = []
            for reference in criterium.get("references", []):
                for line in reference.get("wcag", []):
                    match = WCAG.match(line.strip())
                    if not match:
                        raise SystemExit(
                            f"unexpected WCAG reference {line!r} in {topic['number']}.{criterium['number']}"
                        )
                    wcag.append({"numero": match[1], "titre": match[2], "niveau": match[3]})
            criteria.append(
                {"numero": f"{topic['number']}.{criterium['number']}", "titre": plain(criterium["title"]), "wcag": wcag}
            )
        themes.append({"numero": topic["number"], "titre": topic["topic"], "criteres": criteria})
    return {"referentiel": "RGAA", "version": "4.1.2", "wcag": str(official["wcag"]["version"]), "thematiques": themes}


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tools/rgaa_criteres.py PATH/TO/RGAA/criteres.json")
    data = convert(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    count = sum(len(theme["criteres"]) for theme in data["thematiques"])
    print(f"{OUTPUT}: {len(data['thematiques'])} thématiques, {count} critères")


if __name__ == "__main__":
    main()
