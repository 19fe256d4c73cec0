"""Messages that misled: each case now says what is wrong, in French, located."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.cli import main
from e5portfolio.commands.init import shell_argument
from e5portfolio.core.loader import load_portfolio_bytes
from e5portfolio.pipeline import analyse

SAMPLE = Path(__file__).resolve().parents[2] / "sample_portfolio"


def test_decomposed_accents_on_disk_get_a_hint(tmp_path):
    folder = tmp_path / "eleve"
    shutil.copytree(SAMPLE, folder)
    composed = "productions/glpi-inventaire/procédure.md"
    assert unicodedata.is_normalized("NFC", composed)
    source = folder / composed
    source.rename(source.with_name(unicodedata.normalize("NFD", source.name)))  # as a copy from a Mac leaves it
    findings = [f for f in analyse(folder).report.findings if f.rule == "fichier-introuvable"]
    assert len(findings) == 1 and "procédure.md" in findings[0].message
    assert "accents" in findings[0].message and findings[0].line is not None


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-32", "UTF-32"),
        ("utf-32-be", "UTF-32"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
    ],
)
def test_wide_encodings_are_named(encoding, name):
    loaded = load_portfolio_bytes("version: 1\ncandidat:\n  nom: Lé\n".encode(encoding))
    [finding] = loaded.findings
    assert f"encodé en {name} :" in finding.message and "binaire" not in finding.message


def test_portfolio_yml_replaced_by_a_folder(tmp_path):
    folder = tmp_path / "eleve"
    (folder / "portfolio.yml").mkdir(parents=True)
    for command in (["serve", str(folder)], ["check", str(folder)]):
        result = CliRunner().invoke(main, command)
        assert "est un dossier, pas un fichier" in result.output, result.output
        assert "fait construire" not in result.output


def test_portfolio_yml_replaced_by_a_folder_while_serving(tmp_path):
    from e5portfolio.site.runner import SiteConfigError, config_file_for, load

    folder = tmp_path / "eleve"
    shutil.copytree(SAMPLE, folder)
    with config_file_for(folder, folder / "portfolio.yml") as config_file:
        (folder / "portfolio.yml").unlink()
        (folder / "portfolio.yml").mkdir()
        with pytest.raises(SiteConfigError, match="est un dossier, pas un fichier"):
            load(config_file, folder / "portfolio.yml", site_dir=str(tmp_path / "site"))


def test_a_competence_code_read_as_a_number(tmp_path):
    from e5portfolio.core.referential import load_referential
    from e5portfolio.fiches.evaluation import load_evaluation

    path = tmp_path / "evaluation.yml"
    path.write_text("note: 12\nniveaux: {1.1: bonne}\n", encoding="utf-8")
    evaluation, [finding] = load_evaluation(path, load_referential())
    assert evaluation is None
    assert "clé « 1.1 »" in finding.message and "nombre 1.1" in finding.message and "[key]" not in finding.message
    assert (finding.line, finding.column) == (2, 11)


def test_init_prints_a_folder_name_with_a_quote_as_a_shell_reads_it(tmp_path, monkeypatch):
    import shlex

    quoted, spaced = shell_argument(Path('a"b')), shell_argument(Path("mon portfolio"))
    assert shlex.split("cd " + quoted) == ["cd", 'a"b']
    assert shlex.split("cd " + spaced) == ["cd", "mon portfolio"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", 'a"b'])
    assert (tmp_path / 'a"b' / "portfolio.yml").is_file(), result.output
    line = next(line for line in result.output.splitlines() if "cd " in line)
    assert shlex.split(line.split("1.", 1)[1]) == ["cd", 'a"b']
