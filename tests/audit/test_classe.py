"""A whole class: the CSV list as Excel writes it, ten local portfolios, the .xlsx class report."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.audit.classe import ClassListError, audit_class, read_class_list, reports_folder
from e5portfolio.audit.report import HTML_GENERATOR
from e5portfolio.cli import main
from e5portfolio.core.findings import Severity
from tests.support.serve import serve_folder

from .conftest import BAD_SITE, FAST, GOOD_SITE, LOGIN_WALL, SMALL_PORTFOLIO, write_tableau

pytestmark = pytest.mark.usefixtures("linkchecker")


def test_list_with_bom_and_semicolons(tmp_path):
    path = tmp_path / "classe.csv"
    path.write_bytes(
        "\ufeffNom;Prénom;N° candidat;URL\r\nMARTIN;Léa;0241;https://lea.example.org/\r\n;;;\r\n"
        "DUPONT;Tom;;\r\n".encode("utf-8")
    )
    candidates = read_class_list(path)
    assert [(c.nom, c.prenom, c.numero, c.url, c.line) for c in candidates] == [
        ("MARTIN", "Léa", "0241", "https://lea.example.org/", 2),
        ("DUPONT", "Tom", "", "", 4),
    ]


def test_list_with_commas_and_windows_1252(tmp_path):
    path = tmp_path / "classe.csv"
    path.write_bytes("nom,prenom,numero,url\nLE GALL,Zoé,1,https://zoe.example.org/\n".encode("cp1252"))
    [candidate] = read_class_list(path)
    assert (candidate.prenom, candidate.url) == ("Zoé", "https://zoe.example.org/")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "est vide"),
        (b"nom;prenom\nMARTIN;Lea\n", "colonne(s) url introuvable(s) sur la première ligne"),
        (b"nom;prenom;numero;url\n", "ne contient aucun candidat"),
    ],
)
def test_unusable_lists(tmp_path, content, message):
    path = tmp_path / "classe.csv"
    path.write_bytes(content)
    with pytest.raises(ClassListError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_class_list(path)


@pytest.fixture
def class_of_ten(tmp_path, server, dead_port):
    """Ten candidates: 7 hand-made sites served on 127.0.0.1 (4 ready, 3 with defects), a login
    wall, a dead port and a candidate without URL; the list is saved by « Excel » (BOM, `;`)."""
    root = tmp_path / "www"
    root.mkdir()
    names = [f"eleve{i}" for i in range(7)]
    for index, name in enumerate(names):
        shutil.copytree(GOOD_SITE if index % 2 == 0 else BAD_SITE, root / name)
    wall, _ = server({"/": LOGIN_WALL})
    with serve_folder(root) as base:
        for index, name in enumerate(names):
            if index % 2 == 0:
                write_tableau(SMALL_PORTFOLIO, root / name / "tableau-de-synthese.xlsx", url=f"{base}{name}/")
        rows = [f"NOM{i};Prénom{i};0{i};{base}{name}/" for i, name in enumerate(names)]
        rows += ["MUR;Connexion;07;" + wall, f"MORT;Port;08;http://127.0.0.1:{dead_port}/", "SANS;Adresse;09;"]
        listing = tmp_path / "classe.csv"
        listing.write_bytes(("\ufeffnom;prenom;numero;url\r\n" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
        yield listing


@pytest.mark.slow
def test_class_of_ten_local_portfolios(class_of_ten, tmp_path):
    from openpyxl import load_workbook

    workbook = tmp_path / "rapport" / "classe-audit.xlsx"
    progress = []
    started = time.monotonic()
    outcomes = audit_class(
        read_class_list(class_of_ten),
        FAST,
        workbook,
        base=class_of_ten.parent,
        workers=4,
        progress=lambda done, total, label: progress.append((done, total)),
    )
    assert time.monotonic() - started < 60
    assert len(outcomes) == 10 and progress[-1] == (10, 10) and len(progress) == 10
    sheet = load_workbook(workbook).active
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Nom", "Prénom", "N° candidat", "Adresse du portfolio", "Accessible", "Tableau de synthèse"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[0] for row in rows] == [f"NOM{i}" for i in range(7)] + ["MUR", "MORT", "SANS"]
    column = {name: header.index(name) for name in header}
    for index in range(0, 7, 2):  # ready portfolios
        row = rows[index]
        assert (row[column["Accessible"]], row[column["Tableau de synthèse"]]) == ("Oui", "Présent")
        assert row[column["Compétences couvertes (sur 6)"]] == 6
        assert row[column["Pénalités prévisibles (points)"]] == 0 and row[column["Erreurs"]] == 0
    for index in range(1, 7, 2):  # sites with defects
        row = rows[index]
        assert (row[column["Accessible"]], row[column["Tableau de synthèse"]]) == ("Oui", "Absent")
        assert row[column["Pénalités prévisibles (points)"]] == 2
        assert row[column["Liens cassés"]] == 2 and row[column["Erreurs d'accessibilité"]] >= 8
        failed = row[column["Critères RGAA non conformes"]].split(", ")
        assert {"1.1", "2.1", "6.2", "8.3", "8.5", "11.1"} <= set(failed)
        assert failed == sorted(failed, key=lambda n: tuple(map(int, n.split("."))))  # in the RGAA's order
        # the line that costs points comes first, before contrast or broken links
        assert row[column["Première erreur à corriger"]].startswith("aucun tableau de synthèse trouvé")
    for row in rows[:7]:
        assert row[column["Pages analysées"]] >= 1 and row[column["Navigateur"]] == "Non"
        assert {row[column[name]] for name in ("Mentions légales", "Veille", "Identité pro")} <= {"Oui", "Non"}
    for row in rows[7:9]:
        assert row[column["Accessible"]] == "Non" and row[column["Pénalités prévisibles (points)"]] == 10
        assert row[column["Critères RGAA non conformes"]] == "?"  # no page read: nothing said
    assert rows[7][column["Première erreur à corriger"]].startswith("portfolio inaccessible : l'adresse « ")
    # an empty URL cell is the list's error, not the candidate's: no « Non », no penalty
    assert rows[9][column["Accessible"]] == "?" and rows[9][column["Pénalités prévisibles (points)"]] is None
    assert rows[9][column["Première erreur à corriger"]].startswith(
        "cible introuvable (ligne 11 du fichier) : la colonne de l'adresse est vide"
    )
    # each row links to the candidate's own HTML report, next to the workbook
    for index, row in enumerate(sheet.iter_rows(min_row=2)):
        link = row[column["Rapport détaillé"]].hyperlink.target
        report = workbook.parent / link
        assert report.parent == reports_folder(workbook) and report.name.startswith(f"{index + 1:02d}-")
        assert HTML_GENERATOR in report.read_text(encoding="utf-8")


@pytest.mark.slow
def test_class_command(class_of_ten, tmp_path):
    output = tmp_path / "classe.xlsx"
    args = ["audit", "--class", str(class_of_ten), "-o", str(output), "--no-browser", "--no-extern"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2  # the list has a row without address: the teacher fixes it
    assert result.stdout.startswith(
        f"Rapport de classe écrit dans {output} (10 candidats : 2 portfolio(s) inaccessible(s), 5 avec des erreurs)"
    )
    assert "SANS Adresse : cible introuvable (ligne 11 du fichier)" in result.stderr
    assert len(list(reports_folder(output).glob("*.html"))) == 10
    assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 2  # its own report is replaced
    foreign = tmp_path / "notes.xlsx"
    foreign.write_bytes(b"pas un rapport")
    refused = CliRunner().invoke(main, ["audit", "--class", str(class_of_ten), "-o", str(foreign)])
    assert refused.exit_code == 2 and "n'est pas un rapport d'audit" in refused.stderr
    assert foreign.read_bytes() == b"pas un rapport"


def test_missing_class_list(tmp_path: Path):
    result = CliRunner().invoke(main, ["audit", "--class", str(tmp_path / "absente.csv")])
    assert result.exit_code == 2 and "impossible de lire la liste" in result.stderr


def test_list_starting_with_excels_sep_line(tmp_path):
    path = tmp_path / "classe.csv"
    path.write_bytes(
        "\ufeffsep=;\r\nNom;Prénom;N°;Adresse du portfolio\r\nDUPONT;Élodie;0123;https://e.example.org/\r\n\r\n".encode(
            "utf-8"
        )
    )
    [candidate] = read_class_list(path)
    assert (candidate.nom, candidate.prenom, candidate.numero, candidate.url, candidate.line) == (
        "DUPONT",
        "Élodie",
        "0123",
        "https://e.example.org/",
        3,
    )


def test_list_saved_by_excel_as_unicode_text(tmp_path):
    path = tmp_path / "classe.csv"
    path.write_bytes("Nom\tPrénom\tURL\r\nLE GALL\tZoé\thttps://zoe.example.org/\r\n".encode("utf-16"))
    [candidate] = read_class_list(path)
    assert (candidate.nom, candidate.prenom, candidate.url) == ("LE GALL", "Zoé", "https://zoe.example.org/")


def test_cli_refuses_a_broken_utf16_list_in_french(tmp_path):
    path = tmp_path / "classe.csv"
    path.write_bytes(b"\xff\xfeN\x00o\x00m\x00\x00\xd8")  # a UTF-16 list cut in the middle of a character
    result = CliRunner().invoke(main, ["audit", "--class", str(path), "--no-browser", "--no-extern"])
    assert result.exit_code == 2
    assert (
        "texte Unicode (UTF-16) illisible ; enregistrez la liste au format « CSV UTF-8 (délimité par des virgules) »"
    ) in result.output


@pytest.mark.slow
def test_a_class_of_portfolio_folders_builds_each_candidate_apart(tmp_path):
    """Four candidates are built at the same time: each build is its own (they once shared MkDocs'
    state in one process, and a candidate's site was refused as « fait construire le portfolio »
    of another)."""
    root = tmp_path / "classe"
    names = [f"eleve{i}" for i in range(6)]
    for name in names:
        shutil.copytree(SMALL_PORTFOLIO, root / name)
    listing = root / "classe.csv"
    rows = [f"NOM{i};Prénom{i};0{i};{name}" for i, name in enumerate(names)]
    listing.write_text("nom;prenom;numero;url\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outcomes = audit_class(read_class_list(listing), FAST, tmp_path / "rapport.xlsx", base=root, workers=4)
    assert len(outcomes) == 6
    for outcome in outcomes:
        assert outcome.error is None and outcome.result.reachable, outcome
        stopped = [
            f.message for f in outcome.result.findings if f.rule == "audit-incomplet" and f.severity is Severity.ERROR
        ]
        assert stopped == []
        assert len(outcome.result.pages) >= 5
