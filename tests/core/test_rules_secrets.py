"""The rules of checks/secrets.py: a passing and a failing case, with rule id, severity, line,
column and the exact French message. Each case edits a copy of testdata/base."""

from __future__ import annotations

from .conftest import ERROR
from .rule_messages import SECRET_ADVICE

# --- secret-detecte ------------------------------------------------------------------------------------


def test_secret_in_a_production(portfolio):
    portfolio.add_file("productions/procedure.md", "# Procédure\n\n$db_password = 'Sio2025!';\n")
    assert portfolio.found("secret-detecte") == [
        (
            ERROR,
            41,
            18,
            "production « Procédure » : « productions/procedure.md » contient un secret (mot de "
            f"passe dans une variable) ligne 3, colonne 2 : {SECRET_ADVICE}",
        )
    ]


def test_several_secrets_in_one_file_give_one_finding(portfolio):
    portfolio.add_file(
        "productions/deployer.ps1", "$password = 'Sio2025!'\nmysql -u root -pAzerty123\nenable secret 0 Cisco123\n"
    )
    assert portfolio.found("secret-detecte") == [
        (
            ERROR,
            54,
            18,
            "production « Script de déploiement » : « productions/deployer.ps1 » contient un "
            "secret (mot de passe dans une variable) ligne 1, colonne 2 (et 2 autres lignes) : "
            f"{SECRET_ADVICE}",
        )
    ]
