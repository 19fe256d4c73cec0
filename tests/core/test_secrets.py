"""secret-detecte: real secrets are found (line, column, kind), look-alikes are not, and files
are judged by their content, not by their extension."""

from __future__ import annotations

import pytest

from e5portfolio.core.secrets_detector import Secret, find_secrets, is_placeholder, names_a_secret

from .conftest import ERROR

# Test values are built in pieces so that this file itself does not look like a leak.
GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
AWS_KEY = "AKIA" + "IOSFODNN7EXAMPLF"
SLACK_TOKEN = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0"
    + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)

TRUE_POSITIVES = [
    (
        "cle-pem",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n",
        1,
        1,
        "clé privée",
    ),
    ("cle-openssh", "# ma clé\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n", 2, 1, "clé privée"),
    ("php-variable", "<?php\n$db_password = 'Sio2025!';\n", 2, 2, "mot de passe dans une variable"),
    ("php-define", "<?php\ndefine('DB_PASSWORD','Sio2025!');\n", 2, 9, "mot de passe dans define()"),
    ("php-define-espaces", '<?php define( "DB_PASSWORD" , "Sio2025!" );\n', 1, 16, "mot de passe dans define()"),
    (
        "php-tableau",
        "<?php\nreturn ['host' => 'localhost', 'password' => 'Sio2025!'];\n",
        2,
        33,
        "mot de passe dans un tableau PHP",
    ),
    ("env", "DB_HOST=localhost\nDB_PASSWORD=Sio2025!\n", 2, 1, "mot de passe en configuration"),
    ("env-export", "export DB_PASSWORD='Sio2025!'\n", 1, 8, "mot de passe en configuration"),
    ("ini", "[database]\nhost = localhost\npassword=Sio2025!\n", 3, 1, "mot de passe en configuration"),
    ("yaml", "base:\n  user: glpi\n  password: Sio2025!\n", 3, 3, "mot de passe en configuration"),
    ("yaml-guillemets", 'mysql_root_password: "Sio2025!"\n', 1, 1, "mot de passe en configuration"),
    ("json", '{\n  "user": "root",\n  "password": "Sio2025!"\n}\n', 3, 4, "mot de passe JSON"),
    (
        "cisco-enable-secret",
        "hostname SW1\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n",
        2,
        1,
        "mot de passe Cisco",
    ),
    ("cisco-username", "username admin password 7 0822455D0A16\n", 1, 1, "mot de passe Cisco"),
    ("cisco-username-secret", "username admin privilege 15 secret 0 Cisco123\n", 1, 1, "mot de passe Cisco"),
    ("cisco-line", "line vty 0 4\n password 7 0822455D0A16\n login\n", 2, 1, "mot de passe Cisco"),
    ("mysql-p-colle", "mysql -u root -pAzerty123 glpi < glpi.sql\n", 1, 1, "mot de passe en ligne de commande MySQL"),
    (
        "mysqldump-password",
        "mysqldump --user=root --password=Azerty123 glpi > glpi.sql\n",
        1,
        23,
        "mot de passe en ligne de commande",
    ),
    ("sshpass", "sshpass -p 'Azerty123' ssh root@192.168.10.5\n", 1, 1, "mot de passe en ligne de commande"),
    ("github", f"git remote set-url origin x\n# jeton : {GITHUB_TOKEN}\n", 2, 11, "jeton GitHub"),
    ("aws", f"aws_access_key_id = {AWS_KEY}\n", 1, 21, "clé d'accès AWS"),
    ("slack", f"SLACK={SLACK_TOKEN}\n", 1, 7, "jeton Slack"),
    ("jwt", f"Authorization: Bearer {JWT}\n", 1, 23, "jeton JWT"),
    (
        "url-avec-identifiants",
        "DATABASE_URL=postgres://glpi:Azerty123@db.example.org:5432/glpi\n",
        1,
        14,
        "mot de passe dans une adresse",
    ),
    (
        "git-clone-identifiants",
        "git clone https://lea:Azerty123@github.com/lea/x.git\n",
        1,
        11,
        "mot de passe dans une adresse",
    ),
    ("powershell-variable", '$Password = "Azerty123"\n', 1, 2, "mot de passe dans une variable"),
    (
        "powershell-securestring",
        '$pw = ConvertTo-SecureString "Azerty123" -AsPlainText -Force\n',
        1,
        7,
        "mot de passe en clair (ConvertTo-SecureString)",
    ),
    ("net-user", "net user stagiaire Azerty123 /add\n", 1, 1, "mot de passe dans « net user »"),
    (
        "procedure-markdown",
        "Connectez-vous avec `admin`, mot de passe : `Azerty123`.\n",
        1,
        30,
        "mot de passe écrit dans le texte",
    ),
    ("procedure-guillemets", "Le mot de passe est « Azerty123 ».\n", 1, 4, "mot de passe écrit dans le texte"),
    ("mot-de-passe-chiffres", "password: 1234\n", 1, 1, "mot de passe en configuration"),
    ("wifi", "wpa_passphrase=MonWifi2025\n", 1, 1, "mot de passe en configuration"),
]


@pytest.mark.parametrize(
    "text, line, column, kind", [c[1:] for c in TRUE_POSITIVES], ids=[c[0] for c in TRUE_POSITIVES]
)
def test_secret_is_found(text: str, line: int, column: int, kind: str):
    assert find_secrets(text) == [Secret(line, column, kind)]


FALSE_POSITIVES = [
    (
        "prose",
        "Le mot de passe doit contenir 12 caractères. En cas d'oubli du mot de passe, "
        "contactez le support : password oublié ?\n",
    ),
    ("prose-deux-points", "Mot de passe : voir le coffre KeePass de l'équipe.\n"),
    ("read-host", 'Read-Host -AsSecureString "Mot de passe"\n'),
    ("read-host-variable", '$pwd = Read-Host "Mot de passe" -AsSecureString\n'),
    ("read-host-deux-points", '$pw = Read-Host "Mot de passe : " -AsSecureString\n'),
    ("get-credential", "$cred = Get-Credential\n$pw = ConvertTo-SecureString $env:PW -AsPlainText -Force\n"),
    ("etoiles", "password: ********\n"),
    ("x-masque", "password: xxxxxx\n"),
    ("chevrons", "DB_PASSWORD=<votre mot de passe>\n"),
    ("variable-env", "DB_PASSWORD=${DB_PASSWORD}\n"),
    ("variable-env-windows", "set DB_PASSWORD=%DB_PASSWORD%\n"),
    ("ansible-vault", 'password: "{{ vault_db_password }}"\n'),
    ("ansible-become", 'ansible_become_password: "{{ become_pass }}"\n'),
    ("php-getenv", "<?php\n$db_password = getenv('DB_PASSWORD');\ndefine('DB_PASSWORD', getenv('DB_PASSWORD'));\n"),
    ("mysql-invite", "mysql -u root -p\n"),
    ("mysql-invite-base", "mysql -u root -p glpi < glpi.sql\n"),
    ("mysqldump-variable", 'mysqldump --password="$DB_PASS" glpi\n'),
    ("net-user-invite", "net user stagiaire * /add\n"),
    ("tableau-markdown", "| Compte | Mot de passe |\n|---|---|\n| admin | (fourni par le tuteur) |\n"),
    ("tableau-markdown-masque", "| Paramètre | Valeur |\n|---|---|\n| Mot de passe | ******** |\n"),
    ("politique", "password_min_length: 12\nminimum_password_length = 12\nMaxPasswordAge = 90\n"),
    ("ssh", "PasswordAuthentication no\nPermitRootLogin no\n"),
    ("chemin-de-fichier", "password_file: /etc/glpi/pw\nTLSPSKFile=/etc/zabbix/agent.psk\n"),
    ("adresse-de-jeton", "token_url: https://example.org/oauth/token\n"),
    ("cisco-service", "service password-encryption\nno enable secret\n"),
    ("csv-sans-mot-de-passe", "nom;prenom;login;motdepasse\nDupont;Jean;jdupont;\n"),
    ("yaml-liste", "password:\n  - longueur\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in FALSE_POSITIVES], ids=[c[0] for c in FALSE_POSITIVES])
def test_look_alike_is_not_a_secret(text: str):
    assert find_secrets(text) == []


def test_at_most_one_secret_per_line_and_all_lines_reported():
    text = f"password=Sio2025! {GITHUB_TOKEN}\n\nmysql -u root -pAzerty123\n"
    assert [(s.line, s.kind) for s in find_secrets(text)] == [
        (1, "jeton GitHub"),
        (3, "mot de passe en ligne de commande MySQL"),
    ]


@pytest.mark.parametrize(
    "value",
    [
        "********",
        "<mdp>",
        "${DB_PASSWORD}",
        "$DB_PASSWORD",
        "%MDP%",
        "{{ vault }}",
        "changeme",
        "getenv('X')",
        "x",
        "12",
        "",
    ],
)
def test_placeholders(value: str):
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["Azerty123", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "1234", "root!"])
def test_real_values_are_not_placeholders(value: str):
    assert not is_placeholder(value)


@pytest.mark.parametrize(
    "key, expected",
    [
        ("password", True),
        ("DB_PASSWORD", True),
        ("dbPassword", True),
        ("api_key", True),
        ("mot_de_passe", True),
        ("wpa_passphrase", True),
        ("auth_token", True),
        ("SECRET_KEY", True),
        ("password_file", False),
        ("token_url", False),
        ("PasswordAuthentication", False),
        ("max_password_age", False),
        ("username", False),
    ],
)
def test_names_a_secret(key: str, expected: bool):
    assert names_a_secret(key) is expected


# --- through the rule: judged by content, not by extension ----------------------------------------

LEAK = "# notes\nDB_PASSWORD=Sio2025!\n"


@pytest.mark.parametrize("name", ["notes.txt", "LISEZMOI", "config.inc", "script.PS1", "sauvegarde.sh.bak"])
def test_secret_found_whatever_the_extension(portfolio, name: str):
    portfolio.add_file(f"productions/{name}", LEAK)
    portfolio.edit("productions/procedure.md", f"productions/{name}")
    assert portfolio.found("secret-detecte") == [
        (
            ERROR,
            41,
            18,
            f"production « Procédure » : « productions/{name} » contient un secret (mot de passe "
            "en configuration) ligne 2, colonne 1 : remplacez-le par ******** ou une variable "
            "d'environnement avant de publier, et changez ce secret s'il a déjà été publié",
        )
    ]


def test_secret_in_a_utf16_script_is_found(portfolio):
    portfolio.add_file("productions/deployer.ps1", "\ufeff$password = 'Sio2025!'\r\n".encode("utf-16-le"))
    assert [row[:3] for row in portfolio.found("secret-detecte")] == [(ERROR, 54, 18)]


def test_secret_in_a_latin1_file_is_found(portfolio):
    portfolio.add_file("productions/procedure.md", "Procédure\nDB_PASSWORD=Sio2025!\n".encode("latin-1"))
    assert [row[:3] for row in portfolio.found("secret-detecte")] == [(ERROR, 41, 18)]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + LEAK.encode() + b"%%EOF\n",  # a damaged PDF: nothing readable, no crash
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + LEAK.encode(),  # binary: a NUL byte
        b"PK\x03\x04" + LEAK.encode(),  # a damaged zip, .docx, .odt
    ],
)
def test_binary_and_damaged_files_are_skipped(portfolio, content: bytes):
    portfolio.add_file("productions/procedure.md", content)
    assert portfolio.found("secret-detecte") == []


def test_a_file_cited_twice_is_reported_once(portfolio):
    portfolio.add_file("productions/procedure.md", LEAK)
    portfolio.edit("productions/deployer.ps1", "productions/procedure.md")
    assert [row[1] for row in portfolio.found("secret-detecte")] == [41]


def test_attestation_is_scanned_too(portfolio):
    portfolio.add_file("attestations/stage1.pdf", LEAK)  # named .pdf, but text inside
    assert [row[:3] for row in portfolio.found("secret-detecte")] == [(ERROR, 21, 18)]


# --- missed cases of issue 12 and its false alarms ----------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Mot de passe : Azerty2025!\n", "mot de passe écrit dans le texte"),
        ("MDP admin = Btssio2026\n", "mot de passe écrit dans le texte"),
        ("Identifiant admin, mot de passe Glpi2025.\n", "mot de passe écrit dans le texte"),
        ("CREATE USER 'glpi'@'localhost' IDENTIFIED BY 'Glpi#2025';\n", "mot de passe SQL"),
        ("ALTER USER zabbix WITH PASSWORD 'Zbx2025pw';\n", "mot de passe SQL"),
        ("mysql -u root -p'Azerty123' glpi\n", "mot de passe en ligne de commande MySQL"),
        ("curl -u admin:Nextcloud2025 https://cloud.lab.local/\n", "mot de passe en ligne de commande (curl)"),
        ("htpasswd -cb /etc/apache2/.htpasswd jury Jury2025\n", "mot de passe en ligne de commande (htpasswd)"),
        ("echo 'stagiaire:Stage2025' | sudo chpasswd\n", "mot de passe en ligne de commande (chpasswd)"),
        ("snmp-server community Sio2025RO RO\n", "communauté SNMP"),
        ("radius-server host 10.0.0.5 key R4d1us!\n", "clé RADIUS/TACACS"),
        (" ip ospf authentication-key 7 13061E010803\n", "mot de passe Cisco"),
        ("olcRootPW: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n", "mot de passe LDAP"),
        (
            '$pw = ConvertTo-SecureString -AsPlainText "P@ssw0rd" -Force\n',
            "mot de passe en clair (ConvertTo-SecureString)",
        ),
        ('network={\n  psk="Mon Wifi 2025"\n}\n', "mot de passe en configuration"),
        ("    environment:\n      MYSQL_ROOT_PASSWORD: Azerty2025\n", "mot de passe en configuration"),
        ("DB_PASSWORD=Password1\n", "mot de passe en configuration"),
        ("mot_de_passe: Motdepasse2025\n", "mot de passe en configuration"),
    ],
)
def test_issue_12_missed_cases_are_found(text: str, kind: str):
    assert [s.kind for s in find_secrets(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "token = get_token(user)\n",
        "secret = secrets.token_hex(16)\n",
        "password = hash_password(x)\n",
        '{"token": "string"}\n',
        "DB_PASSWORD=\nDB_HOST=localhost\n",  # an .env.example: the empty value does not take the next line
        "services:\n  db:\n    secrets: [db_root]\nsecrets:\n  db_root:\n    file: ./db_root.txt\n",
        "0 incident\n7 postes installés\n",
        "Le Wi-Fi utilise WPA2-PSK. Mot de passe : WPA2-PSK\n",
    ],
)
def test_issue_12_false_alarms_are_gone(text: str):
    assert find_secrets(text) == []


def test_a_secret_in_portfolio_yml_is_located_at_its_line_and_never_shown(portfolio):
    portfolio.edit(
        "    description: Annuaire et stratégies de groupe.",
        "    description: |\n      Annuaire et stratégies de groupe.\n      Compte admin, MDP = Azerty2025!",
    )
    portfolio.edit(
        "presentation: Étudiante en BTS SIO option SISR.",
        "presentation: Étudiante en BTS SIO option SISR. MDP du labo = Labo2025",
    )
    found = portfolio.found("secret-detecte")
    assert [(severity, line, column) for severity, line, column, _ in found] == [(ERROR, 14, 49), (ERROR, 39, 21)]
    for _, _, _, message in found:
        assert message.startswith("portfolio.yml contient un secret (mot de passe écrit dans le texte) : ")
        assert "Azerty2025" not in message and "Labo2025" not in message


CORPUS = __import__("pathlib").Path(__file__).parent / "secrets_corpus"


def test_a_secret_in_a_pdf_production_is_found_by_page(portfolio):
    pdf = (CORPUS / "true" / "procedure-glpi.pdf").read_bytes()
    portfolio.add_file("productions/procedure.md", pdf)  # judged by content: a PDF named .md
    assert portfolio.found("secret-detecte") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : « productions/procedure.md » contient un secret (mot de passe "
            "SQL) page 1, ligne 3 (et 1 autre passage) : remplacez-le par ******** ou une variable "
            "d'environnement avant de publier, et changez ce secret s'il a déjà été publié",
        )
    ]


@pytest.mark.parametrize(
    "name, where",
    [
        ("procedure-glpi.docx", "paragraphe 3"),
        ("procedure-glpi.odt", "paragraphe 3"),
        ("projet-glpi.zip", "fichier « projet/docker/.env » de l'archive, ligne 2, colonne 1"),
        ("rendu-documents.zip", "fichier « rendu/procedure.docx » de l'archive, paragraphe 3"),
    ],
)
def test_documents_and_archives_are_read(portfolio, name: str, where: str):
    portfolio.add_file(f"productions/{name}", (CORPUS / "true" / name).read_bytes())
    portfolio.edit("productions/procedure.md", f"productions/{name}")
    [(_, _, _, message)] = portfolio.found("secret-detecte")
    assert f") {where}" in message


def test_zip_bomb_members_and_nested_archives_are_not_read(portfolio):
    import io
    import zipfile

    def zipped(members: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(member, data)
        return buffer.getvalue()

    bomb = b"\n" * (8 * 1024 * 1024) + LEAK.encode()  # inflates ~1000 times: not read
    inner = zipped({".env": LEAK.encode()})  # an archive inside the archive: not opened
    portfolio.add_file("productions/rendu.zip", zipped({"gros.txt": bomb, "interne.zip": inner}))
    portfolio.edit("productions/procedure.md", "productions/rendu.zip")
    assert portfolio.found("secret-detecte") == []


def test_attestation_pdf_text_is_read_only_when_attestations_are_published(portfolio):
    portfolio.add_file("attestations/stage1.pdf", (CORPUS / "true" / "procedure-glpi.pdf").read_bytes())
    assert portfolio.found("secret-detecte") == []
    portfolio.edit("veille:", "publication:\n  attestations: true\nveille:")
    assert [row[:3] for row in portfolio.found("secret-detecte")] == [(ERROR, 21, 18)]


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path, monkeypatch):
    """Each test starts with an empty PDF memo of its own (not the user's cache folder)."""
    monkeypatch.setenv("E5PORTFOLIO_CACHE_DIR", str(tmp_path / "cache"))


def test_a_pdf_read_once_is_not_read_again_and_its_secret_is_not_kept(portfolio, tmp_path, monkeypatch):
    from e5portfolio.checks import secrets as module

    pdf = (CORPUS / "true" / "procedure-glpi.pdf").read_bytes()
    portfolio.add_file("productions/procedure.md", pdf)
    first = portfolio.found("secret-detecte")
    memo = (tmp_path / "cache" / "secrets-pdf.json").read_text(encoding="utf-8")
    assert "page 1, ligne 3" in memo and "Glpi#2025" not in memo and "Azerty2025" not in memo

    def no_reading(source):
        raise AssertionError("the PDF was read again")

    monkeypatch.setattr(module, "pdf_pages", no_reading)
    assert portfolio.found("secret-detecte") == first
    portfolio.add_file("productions/procedure.md", (CORPUS / "false" / "procedure-glpi.pdf").read_bytes())
    with pytest.raises(AssertionError, match="read again"):
        portfolio.found("secret-detecte")  # another content: read, not taken from the memo


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("| Compte | Mot de passe |\n|---|---|\n| admin | Azerty2025 |\n", 3, 11),
        ("| Compte | MDP |\n| :-- | --: |\n| admin | `Azerty2025` |\n", 3, 11),
        ("nom;prenom;login;motdepasse\nDupont;Jean;jdupont;Bienvenue2025\n", 2, 21),
        ("login\tpassword\njdupont\tJd-2025!\n", 2, 9),
    ],
)
def test_a_password_column_of_a_table_is_read(text: str, line: int, column: int):
    assert find_secrets(text) == [Secret(line, column, "mot de passe dans un tableau")]


@pytest.mark.parametrize(
    "text",
    [
        "| Compte | Mot de passe |\n|---|---|\n| admin | voir le coffre |\n| tech | ******** |\n| x | N/A |\n",
        "| Compte | Mot de passe |\n|---|---|\n\nadmin;Azerty2025\n",  # the table ended before
        "Paramètre;Valeur\nLongueur du mot de passe;12\n",
    ],
)
def test_a_table_without_a_password_value_is_fine(text: str):
    assert find_secrets(text) == []


@pytest.mark.parametrize("paragraph", [1, 4])
def test_a_word_document_names_the_paragraph_of_its_secret(portfolio, paragraph: int):
    import io
    import zipfile

    # as Word writes it: a line end after the XML declaration, and between the parts
    lines = ["Procédure"] * 5
    lines[paragraph - 1] = "Mot de passe : Azerty2025!"
    body = "\r\n".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", document)
    portfolio.add_file("productions/procedure.docx", buffer.getvalue())
    portfolio.edit("productions/procedure.md", "productions/procedure.docx")
    [(_, _, _, message)] = portfolio.found("secret-detecte")
    assert f") paragraphe {paragraph} :" in message
