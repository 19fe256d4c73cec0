"""mkdocs-config-dangereuse: the student's mkdocs.yml is only composed (never constructed) and
every way it could run code or read outside the folder is reported, located, with its reason."""

from __future__ import annotations

from pathlib import Path

from .conftest import WARNING, PortfolioCopy

RULE = "mkdocs-config-dangereuse"
IGNORED = "(l'audit et « dossier » ignorent ce fichier)"


def _findings(portfolio: PortfolioCopy, text: str):
    portfolio.add_file("mkdocs.yml", text)
    return [f for f in portfolio.findings() if f.rule == RULE]


def test_a_plain_mkdocs_yml_is_fine(portfolio: PortfolioCopy):
    text = (
        "site_name: Portfolio\ndocs_dir: docs\nplugins:\n  - e5portfolio\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    assert _findings(portfolio, text) == []


def test_every_danger_is_located_with_its_reason(portfolio: PortfolioCopy, tmp_path: Path):
    marker = tmp_path / "marqueur"
    text = (
        "site_name: Portfolio\n"
        "INHERIT: ../commun.yml\n"
        "docs_dir: ..\n"
        "site_dir: /tmp/ailleurs\n"
        "hooks:\n  - hooks.py\n"
        f'extra: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    found = _findings(portfolio, text)
    assert not marker.exists()  # composed, never constructed
    assert [(f.severity.value, f.file, f.line, f.column) for f in found] == [
        (WARNING, "mkdocs.yml", 7, 8),
        (WARNING, "mkdocs.yml", 2, 1),
        (WARNING, "mkdocs.yml", 3, 11),
        (WARNING, "mkdocs.yml", 4, 11),
        (WARNING, "mkdocs.yml", 5, 1),
    ]
    messages = [f.message for f in found]
    assert messages[0].startswith(
        "mkdocs.yml : la balise « !!python/object/apply:os.system » fait exécuter du "
        "code Python à la lecture du fichier"
    )
    assert messages[2] == (
        "mkdocs.yml : « docs_dir: .. » désigne un dossier hors du portfolio, dont les fichiers "
        "(ceux d'un voisin, des attestations…) seraient publiés " + IGNORED + " : écrivez un "
        "dossier du portfolio, par exemple « docs_dir: docs »"
    )
    assert "INHERIT" in messages[1] and "site_dir: /tmp/ailleurs" in messages[3] and "hooks:" in messages[4]
    assert all(IGNORED in m for m in messages)


def test_hostile_yaml_is_bounded(portfolio: PortfolioCopy):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    assert _findings(portfolio, laughs) == []  # walked once per node, not once per path
    deep = _findings(portfolio, "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert len(deep) == 1 and "n'est pas du YAML lisible" in deep[0].message


def test_a_huge_mkdocs_yml_is_not_read(portfolio: PortfolioCopy):
    [finding] = _findings(portfolio, "site_name: x\n" + "# " + "x" * 400_000 + "\n")
    assert finding.message == (
        "mkdocs.yml de plus de 256 ko, non analysé : l'audit et « dossier » l'ignorent ; allégez-le"
    )
