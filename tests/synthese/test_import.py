"""`e5portfolio import`: reading a tableau (ours or filled by hand) into a portfolio.yml skeleton."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml

from e5portfolio.checks import RULES, todo
from e5portfolio.checks.base import CheckContext
from e5portfolio.checks.competences import mobilised
from e5portfolio.pipeline import analyse
from e5portfolio.tableau.reader import TableauError, read_tableau

from . import official_like_model as M
from .conftest import EXPECTED, SAMPLE, run_cli


def _export(portfolio: Path, target: Path) -> Path:
    result = run_cli("export", portfolio, "-o", target)
    assert result.exit_code == 0, result.output
    return target


def _import(tableau: Path, target: Path) -> dict:
    result = run_cli("import", tableau, "-o", target)
    assert result.exit_code == 0, result.output
    return yaml.safe_load(target.read_text(encoding="utf-8"))


def _as_tableau_shows(analysis) -> list[tuple]:
    """(intitulé, cadre, année, début, fin, competences B1.n, productions) of each réalisation."""
    rows = []
    for entry in analysis.validated.realisations:
        annee = entry.annee if entry.cadre == "entreprise" else None
        rows.append(
            (
                entry.intitule,
                entry.cadre,
                annee,
                entry.periode.debut,
                entry.periode.fin,
                sorted(mobilised(entry, analysis.referential)),
                [p.titre for p in entry.source.productions],
            )
        )
    return sorted(rows)


def _as_skeleton_says(data: dict) -> list[tuple]:
    return sorted(
        (
            r["intitule"],
            r["cadre"],
            r.get("annee"),
            r["periode"]["debut"],
            r["periode"]["fin"],
            r["competences"],
            [p["titre"] for p in r["productions"]],
        )
        for r in data["realisations"]
    )


def test_import_of_an_export_gives_back_the_same_realisations(tmp_path: Path, analysis) -> None:
    tableau = _export(analysis.root, tmp_path / "tableau.xlsx")
    data = _import(tableau, tmp_path / "portfolio.yml")
    assert _as_skeleton_says(data) == _as_tableau_shows(analysis)
    candidat = data["candidat"]
    assert (
        candidat["nom"],
        candidat["prenom"],
        candidat["numero"],
        candidat["option"],
        candidat["session"],
        candidat["centre"],
        candidat["url"],
    ) == (
        "LE GALL",
        "Camille",
        "02534871209",
        "SLAM",
        2026,
        "Lycée Paul-Féval, Rennes",
        "https://camille-legall.github.io/portfolio/",
    )


def test_round_trip_of_the_sample_portfolio(tmp_path: Path) -> None:
    sample = analyse(SAMPLE)
    assert sample.validated is not None, sample.report.findings
    from e5portfolio.tableau.synthese import write_tableau

    tableau = tmp_path / "tableau.xlsx"
    write_tableau(sample.validated, sample.referential, tableau)
    data = _import(tableau, tmp_path / "portfolio.yml")
    assert _as_skeleton_says(data) == _as_tableau_shows(sample)


def test_the_reader_gives_parts_periodes_and_competences(tmp_path: Path, analysis) -> None:
    data = read_tableau(_export(analysis.root, tmp_path / "tableau.xlsx"))
    for partie, expected_rows in EXPECTED.items():
        got = [(r.intitule, r.periode_text, r.productions, sorted(r.competences)) for r in data.rows_of(partie)]
        assert got == expected_rows
    first = data.rows[0]
    assert (first.partie, first.periode_debut, first.periode_fin) == (
        "formation",
        dt.date(2024, 9, 16),
        dt.date(2025, 1, 31),
    )
    assert data.notes == []


# --- a model filled by hand --------------------------------------------------------------------


@pytest.fixture
def hand_filled(model: Path) -> Path:
    """The official-like model as a student might fill it in a spreadsheet."""
    workbook = openpyxl.load_workbook(model)
    sheet = workbook[M.SHEET]
    sheet["B5"] = "Nom et Prénom: MARTIN Léa"  # value typed after the label, in the same cell
    sheet["H5"] = 2412345678  # typed as a number: the leading zero is lost
    sheet["C6"] = "Lycée Exemple, Brest"
    sheet["I6"] = "☒ SLAM"
    sheet["C7"] = "https://lea-martin.github.io/"
    sheet["B12"] = "Application de gestion des notes\n- Cahier des charges\n- Dépôt Git"
    sheet["C12"] = "16/09/2024 - 20/12/2024"
    sheet["E12"] = "x"
    sheet["G12"] = "X"
    sheet["B13"] = "- Diagramme de classes"  # a row holding only productions: continues the row above
    sheet["B15"] = "Site vitrine WordPress"
    sheet["C15"] = dt.datetime(2025, 6, 2)  # a real date cell
    sheet["F15"] = "✓"
    sheet["B17"] = "Supervision\nNagios"
    sheet["C17"] = "janvier 2026"
    sheet["D17"] = 1
    sheet["B18"] = "Remarque hors tableau"  # no border, nothing in the other columns: not a row
    workbook.save(model)
    return model


def test_a_hand_filled_model_is_read_by_its_landmarks(hand_filled: Path) -> None:
    data = read_tableau(hand_filled)
    assert data.sheet == M.SHEET  # the notice sheet, active, is skipped
    assert (data.nom_prenom, data.numero, data.centre, data.option, data.url, data.session) == (
        "MARTIN Léa",
        "2412345678",
        "Lycée Exemple, Brest",
        "SLAM",
        "https://lea-martin.github.io/",
        2026,
    )
    got = [
        (r.partie, r.intitule, r.productions, r.periode_debut, r.periode_fin, r.periode_text, sorted(r.competences))
        for r in data.rows
    ]
    assert got == [
        (
            "formation",
            "Application de gestion des notes",
            ["Cahier des charges", "Dépôt Git", "Diagramme de classes"],
            dt.date(2024, 9, 16),
            dt.date(2024, 12, 20),
            "16/09/2024 - 20/12/2024",
            ["B1.2", "B1.4"],
        ),
        ("annee1", "Site vitrine WordPress", [], dt.date(2025, 6, 2), dt.date(2025, 6, 2), "02/06/25", ["B1.3"]),
        ("annee2", "Supervision", ["Nagios"], None, None, "janvier 2026", ["B1.1"]),
    ]
    assert data.notes == [
        "N° candidat « 2412345678 » saisi comme un nombre dans le tableau : vérifiez qu'il ne manque "
        "pas un zéro au début",
        "ligne 17 : période « janvier 2026 » illisible ; écrivez-la sous la forme JJ/MM/AA au JJ/MM/AA",
    ]


def test_importing_a_hand_filled_model_marks_what_is_missing(tmp_path: Path, hand_filled: Path) -> None:
    target = tmp_path / "portfolio.yml"
    result = run_cli("import", hand_filled, "-o", target)
    assert result.exit_code == 0, result.output
    assert "attention : ligne 17 : période « janvier 2026 » illisible" in result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["candidat"]["nom"] == "MARTIN" and data["candidat"]["prenom"] == "Léa"
    assert data["candidat"]["modalite"] == "TODO : ccf ou ponctuelle"
    last = data["realisations"][-1]
    assert (last["cadre"], last["annee"]) == ("entreprise", 2)
    assert last["periode"] == {"debut": "TODO : JJ/MM/AAAA", "fin": "TODO : JJ/MM/AAAA"}
    check = run_cli("check", target)
    assert check.exit_code == 1
    assert "valeur « TODO : ccf ou ponctuelle » non autorisée pour « modalite »" in check.output
    assert "date « TODO : JJ/MM/AAAA » invalide pour « debut »" in check.output


def test_a_tableau_without_its_table_is_refused(tmp_path: Path) -> None:
    model = M.build(tmp_path / "sans-parties.xlsx", omit=("formation", "B1.6"))
    with pytest.raises(TableauError) as caught:
        read_tableau(model)
    assert caught.value.missing == ["Organiser son développement professionnel", "Réalisation en cours de formation"]
    assert caught.value.message.startswith(
        "tableau « sans-parties.xlsx » illisible : repères introuvables : "
        "« Organiser son développement professionnel », « Réalisation en "
        "cours de formation » ;"
    )
    result = run_cli("import", model, "-o", tmp_path / "portfolio.yml")
    assert result.exit_code == 1
    assert "« Réalisation en cours de formation »" in result.output
    assert not (tmp_path / "portfolio.yml").exists()


def test_missing_identification_labels_only_leave_fields_empty(tmp_path: Path) -> None:
    data = read_tableau(M.build(tmp_path / "sans-nom.xlsx", omit=("nom", "url")))
    assert data.nom_prenom is None and data.url is None and data.rows == []


# --- the skeleton and `check` ------------------------------------------------------------------


def test_import_never_overwrites_a_file(tmp_path: Path, analysis) -> None:
    tableau = _export(analysis.root, tmp_path / "tableau.xlsx")
    target = tmp_path / "portfolio.yml"
    target.write_text("# mon portfolio\n", encoding="utf-8")
    result = run_cli("import", tableau, "-o", target)
    assert result.exit_code == 1
    assert "existe déjà : il n'est jamais remplacé" in result.output
    assert target.read_text(encoding="utf-8") == "# mon portfolio\n"


def test_import_into_a_folder_writes_its_portfolio_yml(tmp_path: Path, analysis) -> None:
    tableau = _export(analysis.root, tmp_path / "tableau.xlsx")
    folder = tmp_path / "nouveau"
    folder.mkdir()
    result = run_cli("import", tableau, "-o", folder)
    assert result.exit_code == 0, result.output
    assert (folder / "portfolio.yml").is_file()
    assert (
        "6 réalisations (3 en cours de formation ; en milieu professionnel : 1 en première année, 2 en seconde année)"
        in result.output
    )


def _completed_skeleton(tmp_path: Path, analysis) -> Path:
    """The imported skeleton with its one enumerated TODO (modalite) answered."""
    folder = tmp_path / "importe"
    folder.mkdir()
    _import(_export(analysis.root, tmp_path / "tableau.xlsx"), folder / "portfolio.yml")
    file = folder / "portfolio.yml"
    file.write_text(file.read_text(encoding="utf-8").replace('"TODO : ccf ou ponctuelle"', "ccf"), encoding="utf-8")
    return folder


def test_check_points_at_every_todo_text_of_the_skeleton(tmp_path: Path, analysis) -> None:
    folder = _completed_skeleton(tmp_path, analysis)
    result = analyse(folder)
    assert result.validated is not None, result.report.findings
    findings = list(todo.texte_a_completer.run(CheckContext(result.validated, result.referential, folder)))
    lines = (folder / "portfolio.yml").read_text(encoding="utf-8").splitlines()
    todo_lines = [n for n, line in enumerate(lines, start=1) if '"TODO' in line and not line.lstrip().startswith("#")]
    assert sorted(f.line for f in findings) == todo_lines
    assert all(f.rule == "texte-a-completer" and f.severity.value == "warning" for f in findings)
    description = next(f for f in findings if "« description »" in f.message)
    assert description.message == (
        "« description » de la réalisation « Environnement d'apprentissage et veille » est encore à "
        "compléter : remplacez « TODO : décrivez le contexte, le besoin, la démarche et le résultat » "
        "par votre texte"
    )
    presentation = next(f for f in findings if "« presentation »" in f.message)
    assert presentation.message.startswith("« presentation » est encore à compléter : remplacez « TODO : ")


def test_the_todo_rule_ignores_ordinary_text(analysis) -> None:
    context = CheckContext(analysis.validated, analysis.referential, analysis.root)
    assert list(todo.texte_a_completer.run(context)) == []


def test_cli_check_reports_the_todo_texts_once_the_rule_is_registered(tmp_path: Path, analysis) -> None:
    assert "texte-a-completer" in {rule.id for rule in RULES}
    folder = _completed_skeleton(tmp_path, analysis)
    result = run_cli("check", folder)
    assert "avertissement [texte-a-completer] « description » de la réalisation" in result.output


def test_import_writes_portfolio_yml_in_the_current_folder_by_default(
    tmp_path: Path, analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    tableau = _export(analysis.root, tmp_path / "tableau.xlsx")
    work = tmp_path / "travail"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run_cli("import", tableau)
    assert result.exit_code == 0, result.output
    assert [p.name for p in work.iterdir()] == ["portfolio.yml"]
    assert "Portfolio de départ écrit dans « portfolio.yml »" in result.output
