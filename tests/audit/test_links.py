"""Links checked by the real linkchecker program against local servers."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from e5portfolio.audit.engine import audit_folder
from e5portfolio.audit.links import (
    LinkcheckerRun,
    judge_row,
    parse_csv,
)
from e5portfolio.audit.outcome import Cause
from e5portfolio.audit.serve import serve_site

from .conftest import FAST, FAST_LINKS, findings_of, page, rate_limited_then_ok, redirect, slow, status

pytestmark = pytest.mark.usefixtures("linkchecker")

CSV = """# created by LinkChecker at 2026-01-01 10:00:00+000
# Read the documentation at https://linkchecker.github.io/linkchecker/
urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified
http://127.0.0.1:8000/;;;200 OK;;;True;http://127.0.0.1:8000/;;0;495;0.01;0;0;
#section;http://127.0.0.1:8000/;;200 OK;;;True;http://127.0.0.1:8000/#section;3;1;Haut;-1;-1;0.0;0;1;
missing.html;http://127.0.0.1:8000/;;404 File not found;;;False;http://127.0.0.1:8000/missing.html;7;28;CV;-1;335;1.0;0;1;
http://127.0.0.1:9/loop;http://127.0.0.1:8000/;;TooManyRedirects: Exceeded 10 redirects.;"Redirected to `http://127.0.0.1:9/loop2' status: 302 Found.
Redirected to `http://127.0.0.1:9/loop' status: 302 Found.";;False;http://127.0.0.1:9/loop;3;132;boucle;-1;-1;1.7;0;1;
# Stopped checking at 2026-01-01 10:00:03+000 (3 seconds)
"""  # noqa: E501 - linkchecker's CSV output, one record a line


def test_parse_csv_keeps_data_rows_and_drops_comments():
    rows = parse_csv(CSV)
    assert [r.link for r in rows] == ["http://127.0.0.1:8000/", "#section", "missing.html", "http://127.0.0.1:9/loop"]
    assert rows[2].valid is False and rows[2].status == 404 and (rows[2].line, rows[2].column) == (7, 28)
    assert rows[3].final_url == "http://127.0.0.1:9/loop"
    assert (rows[0].line, rows[0].column, rows[0].valid) == (None, None, True)  # the start URL row is shorter
    assert parse_csv("# nothing\n") is None


def test_verdicts():
    rows = {r.link: r for r in parse_csv(CSV)}
    assert judge_row(rows["#section"]) is None
    assert judge_row(rows["missing.html"]).reason == "404 : page introuvable"
    assert judge_row(rows["http://127.0.0.1:9/loop"]).reason == "boucle ou excès de redirections"
    linkedin = dataclasses.replace(rows["missing.html"], url="https://www.linkedin.com/in/lea", result="403 Forbidden")
    verdict = judge_row(linkedin)
    assert (verdict.kind, verdict.reason) == ("unverifiable", "www.linkedin.com refuse les robots (code 403)")
    private = dataclasses.replace(rows["missing.html"], url="https://github.com/lea/projet-prive")
    assert judge_row(private).reason == "404 : page introuvable, dépôt privé ou supprimé ? rendez-le public"
    wall = dataclasses.replace(
        rows["missing.html"],
        valid=True,
        result="200 OK",
        url="https://drive.google.com/x",
        warning="Redirected to `https://accounts.google.com/ServiceLogin' status: 302 Found.",
    )
    assert judge_row(wall).reason == "le lien mène à une page de connexion Google"


def make_site(folder: Path, external: str, dead_port: int) -> Path:
    links = "".join(
        f'<li><a href="{href}">{text}</a></li>'
        for href, text in [
            ("page.html", "Page"),
            ("absente.html", "Page absente"),
            ("doc.txt", "Document"),
            (external + "999", "LinkedIn"),
            (external + "429-once", "Limité une fois"),
            (external + "429-always", "Toujours limité"),
            (external + "429-long", "Limité longtemps"),
            (external + "500", "Erreur"),
            (external + "loop", "Boucle"),
            (external + "ok", "Externe"),
            (f"http://127.0.0.1:{dead_port}/", "Port mort"),
            ("mailto:lea@example.org", "Courriel"),
        ]
    )
    folder.mkdir()
    (folder / "index.html").write_text(
        f'<!DOCTYPE html><html lang="fr"><head><title>Accueil</title></head>'
        f"<body><h1>Accueil</h1><ul>{links}</ul></body></html>",
        encoding="utf-8",
    )
    (folder / "page.html").write_text(
        '<html lang="fr"><head><title>Page</title></head><body><h1>Page</h1>'
        '<a href="index.html">Accueil</a><a href="encore-absente.html">X</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (folder / "doc.txt").write_text("document", encoding="utf-8")
    return folder


@pytest.fixture
def external(server, outside):
    base, hits = server(
        {
            "/999": status(999, "Request denied"),
            "/429-once": rate_limited_then_ok("1"),
            "/429-always": status(429, headers={"Retry-After": "1"}),
            "/429-long": status(429, headers={"Retry-After": "3600"}),
            "/500": status(500),
            "/loop": redirect("/loop2"),
            "/loop2": redirect("/loop"),
            "/ok": page("ok"),
            "/robots.txt": status(404),
        }
    )
    return outside(base), hits


def test_broken_and_unverifiable_links(tmp_path, external, dead_port, outside):
    base, hits = external
    outside(f"http://127.0.0.1:{dead_port}/")  # a site of the Internet that does not answer
    site = make_site(tmp_path / "site", base, dead_port)
    options = dataclasses.replace(FAST, links=dataclasses.replace(FAST_LINKS, check_extern=True))
    started = time.monotonic()
    result = audit_folder(site, options)
    assert time.monotonic() - started < 20
    broken = {f.message for f in findings_of(result, "lien-casse")}
    assert broken == {
        "lien cassé vers « absente.html » (404 : page introuvable) : corrigez l'adresse du lien ou publiez le "
        "fichier manquant",
        "lien cassé vers « encore-absente.html » (404 : page introuvable) : corrigez l'adresse du lien ou publiez "
        "le fichier manquant",
        f"lien externe cassé vers « {base}500 » (500 : erreur du serveur) : corrigez l'adresse ou retirez le lien",
        f"lien externe cassé vers « {base}loop » (boucle ou excès de redirections) : corrigez l'adresse ou retirez "
        "le lien",
    }
    unverifiable = {
        f.message.split(" non vérifiable")[0]: f.message for f in findings_of(result, "lien-non-verifiable")
    }
    # a refused connection says nothing about the link from this machine: unverifiable, never « cassé »
    assert set(unverifiable) == {
        f"lien vers « {base}999 »",
        f"lien vers « {base}429-always »",
        f"lien vers « {base}429-long »",
        f"lien vers « http://127.0.0.1:{dead_port}/ »",
    }
    assert (
        "(connexion refusée : aucun serveur ne répond)" in unverifiable[f"lien vers « http://127.0.0.1:{dead_port}/ »"]
    )
    assert "(le site refuse les robots (code 999))" in unverifiable[f"lien vers « {base}999 »"]
    assert "après l'attente demandée" in unverifiable[f"lien vers « {base}429-always »"]
    assert "demande d'attendre 3600 s : réessayez plus tard" in unverifiable[f"lien vers « {base}429-long »"]
    # Retry-After honoured once: the 429-once link was asked again and then answered 200
    assert hits["/429-once"] == 2 and hits["/429-always"] == 2 and hits["/429-long"] == 1
    # each external link checked once, although two pages could link to it
    assert hits["/ok"] == 1
    where = {f.file for f in findings_of(result, "lien-casse")}
    assert where == {"index.html", "page.html"}
    located = next(
        f for f in findings_of(result, "lien-casse") if "absente.html »" in f.message and "encore" not in f.message
    )
    assert located.line == 1 and located.column is not None


def test_external_links_can_be_left_out(tmp_path, external, dead_port):
    base, hits = external
    site = make_site(tmp_path / "site", base, dead_port)
    result = audit_folder(site, FAST)
    assert not findings_of(result, "lien-non-verifiable")
    assert {f.message.split(" (")[0] for f in findings_of(result, "lien-casse")} == {
        "lien cassé vers « absente.html »",
        "lien cassé vers « encore-absente.html »",
    }
    assert hits.get("/999") is None


@pytest.mark.slow
def test_run_is_bounded_in_time(tmp_path, server):
    # The link answers after 120 s; the run is stopped at 10 s (generous for linkchecker's start-up
    # on a loaded machine), far before the link could answer.
    base, _ = server({"/lent": slow(120), "/robots.txt": status(404)})
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<html lang="fr"><title>x</title><a href="{base}lent">lent</a></html>')
    options = dataclasses.replace(FAST_LINKS, check_extern=True, timeout=120, max_seconds=10)
    started = time.monotonic()
    with serve_site(site) as url:
        result = LinkcheckerRun(url, options).result()
    assert time.monotonic() - started < 60
    assert not result.complete
    assert [row.url for row in result.rows][:1] == [url]  # what was checked before the stop is kept
    assert result.problem == (
        "vérification des liens arrêtée au bout de 10 s : les liens restants n'ont pas été vérifiés"
    )


def test_connection_timeout_is_unverifiable(tmp_path, server):
    # The link answers after 120 s; linkchecker gives up after 2 s, long before.
    base, _ = server({"/lent": slow(120), "/robots.txt": status(404)})
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<html lang="fr"><title>x</title><a href="{base}lent">lent</a></html>')
    options = dataclasses.replace(FAST_LINKS, check_extern=True, timeout=2, max_seconds=100)
    started = time.monotonic()
    with serve_site(site) as url:
        result = LinkcheckerRun(url, options).result()
    assert time.monotonic() - started < 60
    [verdict] = result.verdicts
    assert (verdict.kind, verdict.cause, verdict.reason) == (
        "unverifiable",
        Cause.TIMEOUT,
        "le serveur ne répond pas dans le délai",
    )


def test_robots_txt_of_the_site_does_not_hide_its_broken_links(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    (site / "index.html").write_text('<html lang="fr"><title>x</title><a href="absente.html">x</a></html>')
    result = audit_folder(site, FAST)
    assert [f.message.split(" (")[0] for f in findings_of(result, "lien-casse")] == ["lien cassé vers « absente.html »"]
