"""Loader: every malformed portfolio.yml gives one located `syntaxe-yaml` finding in French;
accepted variants (BOM, CRLF, accents, both date formats) load; positions are 1-based."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from e5portfolio.core.loader import MAX_FILE_BYTES, load_portfolio_bytes, load_portfolio_file
from e5portfolio.core.validate import validate
from e5portfolio.pipeline import analyse

from .conftest import BASE, ERROR, load_findings

COLON = (
    "deux-points « : » inattendu : une valeur qui contient « : » doit être mise entre guillemets, "
    "ou l'indentation de la ligne est incorrecte"
)
TAB = "tabulation dans l'indentation : YAML n'accepte que des espaces (réglez votre éditeur pour insérer des espaces)"
SEVERAL = "le fichier contient plusieurs documents YAML (séparateur « --- ») : un portfolio.yml n'en contient qu'un"
ANSI = (
    "le fichier n'est pas encodé en UTF-8 (sans doute en ANSI/Windows-1252, comme l'enregistrent "
    "certains éditeurs Windows) : enregistrez-le en UTF-8 (Bloc-notes : Enregistrer sous… › "
    "Encodage : UTF-8 ; VS Code : barre d'état › Enregistrer avec l'encodage › UTF-8)"
)
UTF16 = (
    "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8 (dans le Bloc-notes : Enregistrer "
    "sous… › Encodage : UTF-8)"
)
BINARY = "le fichier contient des octets binaires (caractère NUL) : ce n'est pas un fichier texte YAML"
EMPTY = "le fichier est vide : partez du modèle créé par « e5portfolio init »"
QUOTE = "guillemet ouvert ici et jamais fermé : ajoutez le guillemet fermant à la fin de la valeur"
UNDEFINED_ALIAS = (
    "alias (*) vers une ancre (&) qui n'existe pas : écrivez la valeur elle-même, ou "
    "définissez l'ancre (&nom) plus haut dans le fichier ; un texte qui commence par « * » "
    "se met entre guillemets"
)
RECURSIVE = "alias récursif : ce nœud se contient lui-même par un alias (*) ; supprimez cet alias"
BOMB = (
    "le document est trop grand une fois les alias (*) développés (plus de 500000 nœuds) : "
    "supprimez ces ancres et alias"
)
TOO_DEEP = (
    "le document est imbriqué trop profondément (plus de 100 niveaux) : un portfolio.yml n'a "
    "que quelques niveaux de clés et de listes"
)


CONTROL = "caractère de contrôle U+{} interdit (invisible, souvent venu d'un copier-coller) : supprimez-le"


def syntax(line: int | None, column: int | None, message: str) -> list[tuple]:
    return [(ERROR, line, column, message)]


def only_finding(raw: bytes) -> list[tuple]:
    loaded = load_portfolio_bytes(raw)
    assert loaded.data is None
    assert [f.rule for f in loaded.findings] == ["syntaxe-yaml"]
    assert all(f.file == "portfolio.yml" for f in loaded.findings)
    return load_findings(raw)


MALFORMED = [
    (
        "indentation-moins",
        b"version: 1\ncandidat:\n  nom: A\n prenom: B\n",
        syntax(4, 2, "indentation incohérente : 1 espace, 0 ou 2 attendus"),
    ),
    (
        "indentation-3-espaces",
        b"version: 1\nrealisations:\n  - id: a\n    intitule: b\n   description: c\n",
        syntax(5, 4, "indentation incohérente : 3 espaces, 2 ou 4 attendus"),
    ),
    ("indentation-plus", b"version: 1\ncandidat:\n  nom: A\n    prenom: B\n", syntax(4, 11, COLON)),
    ("tabulation", b"version: 1\ncandidat:\n\tnom: A\n", syntax(3, 1, TAB)),
    ("tabulation-liste", b"realisations:\n  - id: a\n\t  intitule: b\n", syntax(3, 1, TAB)),
    (
        "cle-en-double",
        b"version: 1\ncandidat:\n  nom: A\n  prenom: B\n  nom: C\n",
        syntax(
            5,
            3,
            "clé « nom » en double, lignes 3 et 5 : gardez une seule de ces deux lignes (ou "
            "renommez l'une des deux clés)",
        ),
    ),
    ("plusieurs-documents", b"version: 1\n---\nversion: 1\n", syntax(3, 1, SEVERAL)),
    ("latin-1", "version: 1\ncandidat:\n  nom: Léa\n".encode("latin-1"), syntax(3, 9, ANSI)),
    ("utf-16-bom", "version: 1\n".encode("utf-16"), syntax(1, 1, UTF16)),
    ("utf-16-be-bom", b"\xfe\xff" + "version: 1\n".encode("utf-16-be"), syntax(1, 1, UTF16)),
    ("binaire", b"version: 1\nphoto: \x89PNG\x00\x00\x01", syntax(2, 12, BINARY)),
    ("vide", b"", syntax(1, 1, EMPTY)),
    ("blancs", b"  \n\n\t\n", syntax(1, 1, EMPTY)),
    ("commentaires", b"# mon portfolio\n\n  # a remplir\n", syntax(1, 1, EMPTY)),
    ("seul-separateur", b"---\n", syntax(1, 1, EMPTY)),
    ("guillemet-double", b'version: 1\ncandidat:\n  nom: "MARTIN\n  prenom: L\n', syntax(3, 8, QUOTE)),
    ("guillemet-simple", b"version: 1\npresentation: 'Bonjour\n", syntax(2, 15, QUOTE)),
    ("alias-indefini", b"version: 1\ncandidat: *moi\n", syntax(2, 11, UNDEFINED_ALIAS)),
    ("alias-recursif", b"version: 1\nstages: &s\n  - *s\n", syntax(2, 9, RECURSIVE)),
    ("imbrication", b"a: " + b"[" * 150 + b"]" * 150 + b"\n", syntax(1, 104, TOO_DEEP)),
    ("imbrication-libyaml", b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n", syntax(1, 1003, TOO_DEEP)),
    ("controle", b"version: 1\nnom: A\x07B\n", syntax(2, 7, CONTROL.format("0007"))),
    ("controle-c1", "version: 1\nnom: A\u0080B\n".encode(), syntax(2, 7, CONTROL.format("0080"))),
    ("non-caractere", "nom: \ufffe\n".encode(), syntax(1, 6, CONTROL.format("FFFE"))),
    (
        "crochet",
        b"competences: [B1.1, B1.2\nversion: 1\n",
        syntax(2, 8, "liste entre crochets mal fermée : « ] » ou « , » attendu"),
    ),
    (
        "apostrophe",
        "presentation: 'l'équipe'\n".encode(),
        syntax(
            1,
            18,
            "texte après l'apostrophe qui ferme la valeur : dans une valeur entre apostrophes, "
            "doublez chaque apostrophe ('l''équipe') ou mettez la valeur entre guillemets doubles "
            '("l\'équipe")',
        ),
    ),
    (
        "texte-apres-guillemet",
        b'intitule: "GLPI" et OCS\n',
        syntax(
            1,
            18,
            "texte après le guillemet qui ferme la valeur : mettez toute la valeur entre "
            "guillemets, ou écrivez-la sans guillemets",
        ),
    ),
    (
        "markdown-etoile",
        b"titre: *important* texte\n",
        syntax(
            1,
            18,
            "« * », « & » et « ! » en début de valeur ont un sens spécial en YAML : mettez la "
            'valeur entre guillemets (par exemple "*important* : …")',
        ),
    ),
    (
        "arobase",
        b"courriel: @lea\n",
        syntax(1, 11, "une valeur ne peut pas commencer par « @ » : mettez-la entre guillemets"),
    ),
    (
        "liste-sur-la-ligne",
        b"competences: - B1.1\n",
        syntax(
            1,
            14,
            "élément de liste « - » mal placé : après « clé: », passez à la ligne et indentez "
            "chaque « - élément », ou écrivez la liste entre crochets [B1.1, B1.2]",
        ),
    ),
    ("deux-points", b"intitule: Linux: les bases\n", syntax(1, 16, COLON)),
    # The value glued to the colon is read as text; YAML fails on the next line, the finding
    # points at the colon that needs the space.
    (
        "sans-espace",
        b"version: 1\ncandidat:\n  nom:LE GALL\n  prenom: Camille\n",
        syntax(
            3,
            7,
            "« nom:LE GALL » est lu comme un simple texte : ajoutez une espace après les deux-points, « nom: LE GALL »",
        ),
    ),
    (
        "sans-espace-fin",
        b"candidat:\n  nom: A\n  prenom:Camille\n  option: SISR\n",
        syntax(
            3,
            10,
            "« prenom:Camille » est lu comme un simple texte : ajoutez une espace après les "
            "deux-points, « prenom: Camille »",
        ),
    ),
    (
        "tiret-entre-crochets",
        b"realisations:\n  - productions: [ - procedure.pdf ]\n",
        syntax(
            2,
            20,
            "« - » dans la liste entre crochets de « productions » : écrivez chaque production sur "
            "deux lignes sous « productions: », « - titre: … » puis, aligné sous « titre », "
            "« fichier: … » (ou « lien: https://… »)",
        ),
    ),
    (
        "etiquette",
        b"intitule: !important GLPI\n",
        syntax(
            1,
            11,
            "étiquette YAML « !important » non prise en charge : supprimez-la (ou, si la valeur "
            "commence vraiment par « ! », mettez-la entre guillemets)",
        ),
    ),
    (
        "etiquette-python",
        b"candidat: !!python/object:os.system {}\n",
        syntax(
            1,
            11,
            "étiquette YAML « !!python/object:os.system » non prise en charge : supprimez-la (ou, "
            "si la valeur commence vraiment par « ! », mettez-la entre guillemets)",
        ),
    ),
    (
        "echappement",
        b'fichier: "C:\\Users\\lea\\cv.pdf"\n',
        syntax(
            1,
            15,
            "barre oblique inverse « \\ » entre guillemets doubles : pour un chemin Windows, "
            "écrivez des « / » (productions/procedure.pdf) ou mettez la valeur entre guillemets "
            "simples",
        ),
    ),
]


@pytest.mark.parametrize("raw, expected", [case[1:] for case in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_input_gives_one_located_syntax_finding(raw: bytes, expected: list[tuple]):
    assert only_finding(raw) == expected


def billion_laughs(levels: int = 9, width: int = 10) -> bytes:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused_quickly():
    started = time.perf_counter()
    assert only_finding(billion_laughs()) == syntax(6, 5, BOMB)
    assert time.perf_counter() - started < 30  # expanding 10**9 nodes would take hours: a guard, not a benchmark


def test_aliases_of_reasonable_size_are_expanded():
    loaded = load_portfolio_bytes(b"commun: &c [B1.1, B1.2]\nautre: *c\n")
    assert loaded.findings == []
    assert loaded.data == {"commun": ["B1.1", "B1.2"], "autre": ["B1.1", "B1.2"]}


def test_file_over_20_mb_is_refused_without_being_read(tmp_path: Path, monkeypatch):
    big = tmp_path / "portfolio.yml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written to disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the big file was read"))
    loaded = load_portfolio_file(big)
    assert [(f.rule, f.severity.value, f.line, f.column, f.message) for f in loaded.findings] == [
        (
            "syntaxe-yaml",
            ERROR,
            None,
            None,
            "fichier trop volumineux (21 Mo) : un portfolio.yml ne dépasse pas 20 Mo ; placez les "
            "documents dans des fichiers à part et citez-les avec « fichier: »",
        )
    ]


def test_bytes_over_20_mb_are_refused():
    raw = b"# " + b"x" * MAX_FILE_BYTES + b"\nversion: 1\n"
    assert [f[3][:40] for f in only_finding(raw)] == ["fichier trop volumineux (21 Mo) : un por"]


def test_file_that_cannot_be_read_gives_a_finding(tmp_path: Path):
    folder = tmp_path / "portfolio.yml"
    folder.mkdir()  # a folder where a file is expected: reading fails
    loaded = load_portfolio_file(folder)
    assert [f.rule for f in loaded.findings] == ["syntaxe-yaml"]
    assert loaded.findings[0].message.startswith("impossible de lire le fichier : ")


# --- accepted variants ---------------------------------------------------------------------------


def base_bytes() -> bytes:
    return (BASE / "portfolio.yml").read_bytes()


def test_base_portfolio_loads_and_validates():
    validated, findings = validate(load_portfolio_bytes(base_bytes()))
    assert findings == []
    assert validated is not None


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw, id="bom-utf-8"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"), id="bom-et-crlf"),
    ],
)
def test_accepted_encodings_and_line_ends_keep_data_and_positions(transform):
    plain = load_portfolio_bytes(base_bytes())
    loaded = load_portfolio_bytes(transform(base_bytes()))
    assert loaded.findings == []
    assert loaded.data == plain.data
    assert loaded.positions.values == plain.positions.values
    assert loaded.positions.value(("candidat", "prenom")) == (5, 11)


def test_unicode_line_separators_do_not_shift_positions():
    raw = "presentation: Bonjour\u2028à tous\nversion: 1\nx: [\n".encode()
    assert load_findings(raw)[0][1:3] == (4, 1)
    loaded = load_portfolio_bytes("presentation: Bonjour\u2028à tous\nversion: 1\n".encode())
    assert loaded.data == {"presentation": "Bonjour à tous", "version": 1}
    assert loaded.positions.value(("version",)) == (2, 10)


def test_folder_with_spaces_and_accents(tmp_path: Path):
    root = tmp_path / "Mes documents" / "Portfolio été BTS"
    shutil.copytree(BASE, root)
    analysis = analyse(root)
    assert analysis.report.findings == []
    assert analysis.file == root / "portfolio.yml"


def test_both_date_formats_are_read():
    validated, _ = validate(load_portfolio_bytes(base_bytes()))
    stage1, stage2 = validated.portfolio.stages
    assert (stage1.debut, stage1.fin) == (dt.date(2025, 5, 19), dt.date(2025, 6, 27))  # AAAA-MM-JJ
    assert (stage2.debut, stage2.fin) == (dt.date(2026, 1, 5), dt.date(2026, 2, 13))  # JJ/MM/AAAA


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2025-05-19", dt.date(2025, 5, 19)),
        ('"2025-05-19"', dt.date(2025, 5, 19)),
        ("19/05/2025", dt.date(2025, 5, 19)),
        ("9/5/2025", dt.date(2025, 5, 9)),
        ('"2025-5-9"', dt.date(2025, 5, 9)),
    ],
)
def test_date_spellings(written: str, expected: dt.date):
    raw = base_bytes().replace(b"    debut: 2025-05-19", f"    debut: {written}".encode())
    validated, findings = validate(load_portfolio_bytes(raw))
    assert findings == []
    assert validated.portfolio.stages[0].debut == expected


@pytest.mark.parametrize(
    "written, column, reason",
    [
        ("2025-02-30", 12, "date inexistante"),
        ("30/02/2025", 12, "date inexistante"),
        ('"2025-02-30"', 12, "date inexistante"),
        ("février 2025", 12, "format de date non reconnu"),
        ("2025-02-03 10:00:00", 12, "date avec une heure"),
        ("20250203", 12, "format de date non reconnu"),
    ],
)
def test_invalid_date_is_located_at_the_value(written: str, column: int, reason: str):
    raw = base_bytes().replace(b"      fin: 2025-03-07", f"      fin: {written}".encode())
    shown = written.strip('"')
    if written == "20250203":
        shown = "20250203"
    assert load_findings(raw) == [
        (
            ERROR,
            36,
            column,
            f"date « {shown} » invalide pour « fin » ({reason}) : écrivez une date qui "
            "existe, au format JJ/MM/AAAA (19/05/2025) ou AAAA-MM-JJ (2025-05-19)",
        )
    ]


@pytest.mark.parametrize(
    "written, guess",
    [
        ("13-11-2025", "13/11/2025"),
        ("13.11.2025", "13/11/2025"),
        ("3 11 2025", "03/11/2025"),
        ("2025/02/03", "2025-02-03"),
    ],
)
def test_date_with_other_separators_gets_the_accepted_spelling(written: str, guess: str):
    raw = base_bytes().replace(b"      fin: 2025-03-07", f"      fin: {written}".encode())
    assert load_findings(raw) == [
        (
            ERROR,
            36,
            12,
            f"date « {written} » invalide pour « fin » (format de date "
            f"non reconnu) : vouliez-vous écrire « {guess} » ?",
        )
    ]


def test_date_with_other_separators_that_does_not_exist_gets_no_guess():
    raw = base_bytes().replace(b"      fin: 2025-03-07", b"      fin: 31-02-2025")
    assert load_findings(raw) == [
        (
            ERROR,
            36,
            12,
            "date « 31-02-2025 » invalide pour « fin » (format de date non "
            "reconnu) : écrivez une date qui existe, au format JJ/MM/AAAA "
            "(19/05/2025) ou AAAA-MM-JJ (2025-05-19)",
        )
    ]


@pytest.mark.parametrize("written", ["[ -productions/procedure.md ]", "\n      - productions/procedure.md"])
def test_production_written_as_a_path_gets_the_titre_fichier_example(written: str):
    raw = base_bytes().replace(
        "    productions:\n      - titre: Procédure\n        fichier: productions/procedure.md".encode(),
        f"    productions: {written}".encode(),
    )
    [(severity, _, _, message)] = load_findings(raw)
    assert message.startswith("« productions » doit être un groupe de clés (clé: valeur), pas le texte « ")
    assert message.endswith(
        " : écrivez chaque production sur deux lignes sous « productions: », « - titre: … » "
        "puis, aligné sous « titre », « fichier: … » (ou « lien: https://… »)"
    )


def test_invalid_date_has_the_date_rule():
    raw = base_bytes().replace(b"      fin: 2025-03-07", b"      fin: 2025-02-30")
    _, findings = validate(load_portfolio_bytes(raw))
    assert [f.rule for f in findings] == ["date-invalide"]


# --- positions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, value_position, key_position",
    [
        (("version",), (2, 10), (2, 1)),
        (("candidat",), (4, 3), (3, 1)),
        (("candidat", "prenom"), (5, 11), (5, 3)),
        (("candidat", "identite_pro", "linkedin"), (13, 15), (13, 5)),
        (("stages", 0), (16, 5), None),
        (("stages", 1, "debut"), (26, 12), (26, 5)),
        (("realisations", 1, "periode", "fin"), (47, 12), (47, 7)),
        (("realisations", 0, "competences", 0), (38, 19), None),
        (("realisations", 0, "competences", 9), (38, 89), None),
        (("realisations", 1, "productions", 1, "lien"), (56, 15), (56, 9)),
        (("realisations", 2, "productions", 0, "fichier"), (67, 18), (67, 9)),
        (("veille", "articles", 0, "date"), (73, 13), (73, 7)),
    ],
)
def test_positions_of_keys_and_values_are_one_based(path, value_position, key_position):
    positions = load_portfolio_bytes(base_bytes()).positions
    assert positions.value(path) == value_position
    if key_position is not None:
        assert positions.keys[path] == key_position


def test_position_of_a_missing_path_falls_back_to_its_parent():
    positions = load_portfolio_bytes(base_bytes()).positions
    assert positions.value(("candidat", "courriel")) == (4, 3)  # the candidat mapping
    assert positions.best(("candidat", "courriel")) == (3, 1)  # the « candidat: » key
    assert positions.best(("realisations", 0, "periode", "fin")) == (36, 12)  # a scalar: its value
    assert positions.best(("realisations", 0, "periode")) == (34, 5)  # a mapping: its key
