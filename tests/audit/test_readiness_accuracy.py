"""Readiness that says what is true: mentions légales are a page of the site with the expected
content, an offline machine gives one warning (not one error per outside link), the old E4
tableau model is named as such, and the tableau counts only when a tableau file is reachable."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

import pytest

from e5portfolio.audit.engine import audit

from .conftest import FAST, FAST_LINKS, findings_of, page

HEAD = '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'


def _write(folder: Path, name: str, body: str, title: str = "Portfolio", head: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        HEAD.format(title=title, head=head) + f"<body><main><h1>{title}</h1>{body}</main></body></html>",
        encoding="utf-8",
    )


# --- mentions légales ---------------------------------------------------------------------------


def test_a_link_to_another_sites_mentions_does_not_count(tmp_path, server):
    elsewhere, _ = server(
        {
            "/mentions-legales.html": page(
                "<h1>Mentions légales</h1><p>Éditeur : X. Hébergeur : Y.</p>", "Mentions légales"
            )
        }
    )
    _write(tmp_path / "site", "index.html", f'<a href="{elsewhere}mentions-legales.html">Mentions légales</a>')
    [finding] = findings_of(audit(str(tmp_path / "site"), FAST), "mentions-legales-absentes")
    assert finding.message == (
        "aucune page « Mentions légales » trouvée (un lien « mentions légales » existe, mais il "
        "ne mène pas à une page de ce site titrée ainsi) : ajoutez-en une (éditeur du site, "
        "hébergeur, données personnelles) et un lien vers elle sur chaque page"
    )


def test_a_mentions_page_without_the_host(tmp_path):
    site = tmp_path / "site"
    _write(site, "index.html", '<a href="legal.html">Mentions légales</a>')
    _write(site, "legal.html", "<p>Site édité par Léa Martin, étudiante.</p>", title="Mentions légales")
    [finding] = findings_of(audit(str(site), FAST), "mentions-legales-absentes")
    assert finding.message == (
        "la page « Mentions légales » ne nomme pas l'hébergeur (nom, adresse ou site de "
        "l'hébergeur, par exemple GitHub Pages) : complétez-la"
    )
    assert finding.file == "legal.html"


def test_a_complete_mentions_page(tmp_path):
    site = tmp_path / "site"
    _write(site, "index.html", '<a href="infos.html">Infos</a>')
    _write(
        site,
        "infos.html",
        "<h2>Mentions légales</h2><p>Responsable de la publication : Léa Martin.</p>"
        "<p>Hébergement : GitHub Pages, GitHub Inc.</p>",
        title="Informations",
    )
    assert findings_of(audit(str(site), FAST), "mentions-legales-absentes") == []


# --- offline ------------------------------------------------------------------------------------


def _dead_port(host: str) -> int:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.mark.usefixtures("linkchecker")
def test_offline_machine_gives_one_warning_and_no_broken_outside_link(tmp_path, outside):
    """Outside hosts (other loopback addresses where nothing listens, standing for Internet sites:
    `outside`) all refuse the connection, and the pages carry preconnect / dns-prefetch hints: one
    warning, no « lien externe cassé »."""
    hosts = [f"127.0.0.{n}" for n in (2, 3, 4)]
    ports = [_dead_port(h) for h in hosts]
    outside = [outside(f"http://{h}:{p}/") for h, p in zip(hosts, ports, strict=True)]
    head = (
        f'<link rel="preconnect" href="http://127.0.0.5:{_dead_port("127.0.0.5")}">'
        f'<link rel="dns-prefetch" href="//127.0.0.6:{_dead_port("127.0.0.6")}">'
    )
    site = tmp_path / "site"
    _write(
        site,
        "index.html",
        "".join(f'<a href="{url}page.html">lien {i}</a>' for i, url in enumerate(outside)),
        head=head,
    )
    options = replace(FAST, links=replace(FAST_LINKS, check_extern=True))
    result = audit(str(site), options)
    assert [f.message for f in findings_of(result, "lien-casse")] == []
    [offline] = [f for f in findings_of(result, "audit-incomplet") if "accès à Internet" in f.message]
    assert offline.message.startswith(
        "aucun des 3 liens externes n'a pu être joint (nom de domaine introuvable ou connexion impossible)"
    )


# --- the old E4 model ---------------------------------------------------------------------------


def _old_e4_model(path: Path) -> Path:
    """The head of the 2020–2025 model: « Épreuve E4 », « SESSION 2023 », no E5 landmarks."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "BTS SERVICES INFORMATIQUES AUX ORGANISATIONS"
    sheet["F1"] = "SESSION 2023"
    sheet["A2"] = "ANNEXE 9-1-A : Tableau de synthèse des réalisations professionnelles"
    sheet["A3"] = "Épreuve E4 - Support et mise à disposition de services informatiques"
    sheet["A4"] = "Nom et prénom :"
    sheet["A6"] = "Réalisations professionnelles"
    sheet["B6"] = "Période"
    sheet["A8"] = "Mise en place d'un serveur GLPI"
    workbook.save(path)
    return path


def test_import_names_the_old_e4_model(tmp_path):
    from click.testing import CliRunner

    from e5portfolio.cli import main

    model = _old_e4_model(tmp_path / "tableau-2023.xlsx")
    result = CliRunner().invoke(main, ["import", str(model), "-o", str(tmp_path / "portfolio.yml")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "e5portfolio : tableau « tableau-2023.xlsx » : ancien modèle E4 (session ≤ 2025, il porte la mention "
        "« session 2023 ») : utilisez le modèle E5 de la session 2026 (Annexe VI-1 de la circulaire) et recopiez-y "
        "vos réalisations ; rien n'a été écrit"
    )


def test_audit_names_the_old_e4_model(tmp_path):
    site = tmp_path / "site"
    _write(site, "index.html", '<a href="tableau-de-synthese.xlsx">Tableau de synthèse</a>')
    _old_e4_model(site / "tableau-de-synthese.xlsx")
    result = audit(str(site), FAST)
    [finding] = findings_of(result, "tableau-incoherent")
    assert "ancien modèle E4 (session ≤ 2025" in finding.message and "modèle E5 de la session 2026" in finding.message
    assert "illisible" not in finding.message and finding.file == "tableau-de-synthese.xlsx"


# --- the tableau counts only when a tableau file is reachable ---------------------------------------


def test_portfolio_json_with_a_dead_xlsx_link_is_tableau_absent(tmp_path):
    import json

    site = tmp_path / "site"
    _write(site, "index.html", '<a href="tableau-de-synthese.xlsx">Tableau de synthèse (.xlsx)</a>')
    (site / "portfolio.json").write_text(
        json.dumps({"candidat": {"nom": "MARTIN"}, "realisations": [{"intitule": "GLPI", "competences": ["B1.1"]}]}),
        encoding="utf-8",
    )
    result = audit(str(site), FAST)
    [absent] = findings_of(result, "tableau-absent")
    assert absent.message.startswith(
        "tableau de synthèse inaccessible : « tableau-de-synthese.xlsx » (le serveur répond 404"
    )
    assert not result.tableau_present and result.penalties["tableau-absent"] == 2


def test_generated_site_with_portfolio_json_has_its_tableau(tmp_path, built_site):
    """Our generated site: the tableau sits beside portfolio.json and is found there."""
    result = audit(str(built_site), FAST)
    assert result.tableau_present and findings_of(result, "tableau-absent") == []
