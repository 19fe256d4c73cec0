"""Network scope of the audit: redirects, links and browser navigations never bring a service of
the teacher's machine (another loopback port, a private, link-local or metadata address) into the
report. Real servers on 127.0.0.1 (two ports) and real Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.audit.fetch import fetch
from e5portfolio.audit.scope import Scope, is_public
from e5portfolio.cli import main
from tests.audit.conftest import page, redirect, routed_server
from tests.support.browser import require_chromium

TEACHER = "SERVICE-DU-PROF-TOKEN-4242"
SECRET_PAGE = page(f"<h1>Service local</h1><p>{TEACHER}</p><a href='/admin?token={TEACHER}'>admin</a>", "Interne")


def test_scope_rule():
    public = Scope("https://portfolio.example.org/")
    for url in (
        "http://127.0.0.1:8080/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.10/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:9000/",
        "http://[fd12:3456::1]/",
        "http://[fe80::1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
    ):
        assert public.refusal(url), url
    assert public.allows("https://8.8.8.8/") and public.allows("https://portfolio.example.org/page")
    local = Scope("http://127.0.0.1:5000/")
    assert local.allows("http://127.0.0.1:5000/autre.html")
    assert not local.allows("http://127.0.0.1:5001/") and not local.allows("http://192.168.1.1/")
    assert not is_public("169.254.169.254") and is_public("1.1.1.1")


def test_redirect_to_another_loopback_port_is_not_followed():
    with (
        routed_server({"/": SECRET_PAGE}) as (other, other_hits),
        routed_server({"/": redirect(other), "/lien": redirect("http://169.254.169.254/latest/")}) as (base, _),
    ):
        result = fetch(base)
        assert result.error and "redirection refusée" in result.error and TEACHER not in result.error
        assert other_hits == {}
        linked = fetch(base + "lien")
        assert linked.error and "redirection refusée" in linked.error
        # a public target never reaches a loopback address, not even directly as a link
        direct = fetch(other, scope=Scope("https://portfolio.example.org/"))
        assert direct.error and "adresse locale ou privée" in direct.error and other_hits == {}


def test_audit_url_that_redirects_to_the_teachers_service(tmp_path):
    with routed_server({"/": SECRET_PAGE}) as (other, other_hits), routed_server({"/": redirect(other)}) as (base, _):
        result = CliRunner().invoke(main, ["audit", base, "--no-browser", "--no-extern", "--format", "json"])
    assert TEACHER not in result.output and "Interne" not in result.output
    assert other_hits == {}
    report = json.loads(result.stdout)
    assert any(
        f["rule"] == "portfolio-inaccessible" and "redirection refusée" in f["message"] for f in report["findings"]
    )


@pytest.mark.usefixtures("linkchecker")
def test_links_to_local_ports_tell_nothing_about_them(tmp_path, dead_port):
    with routed_server({"/": SECRET_PAGE}) as (other, _):
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title></head><body><main>'
            f'<h1>Accueil</h1><a href="{other}secret">vivant</a> <a href="http://127.0.0.1:{dead_port}/">mort</a>'
            "</main></body></html>",
            encoding="utf-8",
        )
        result = CliRunner().invoke(main, ["audit", str(site), "--no-browser", "--extern", "--format", "json"])
    assert TEACHER not in result.output
    report = json.loads(result.stdout)
    local = [f["message"] for f in report["findings"] if "adresse locale ou privée" in f["message"]]
    assert len(local) == 2, report["findings"]
    # the same words for the port that answers and the one that does not
    assert {m.replace(other + "secret", "X").replace(f"http://127.0.0.1:{dead_port}/", "X") for m in local} == {
        local[0].replace(other + "secret", "X").replace(f"http://127.0.0.1:{dead_port}/", "X")
    }


def _site_that_leaves(folder: Path, other: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title></head><body><main>'
        '<h1>Accueil</h1><p><a href="fuite.html">suite</a></p></main></body></html>',
        encoding="utf-8",
    )
    (folder / "fuite.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Fuite</title></head><body><main>'
        f"<h1>Fuite</h1></main><script>location.replace({json.dumps(other)});</script></body></html>",
        encoding="utf-8",
    )
    return folder


@pytest.mark.browser
@pytest.mark.slow
def test_browser_navigation_to_another_loopback_port_folder(tmp_path):
    require_chromium()
    with routed_server({"/": SECRET_PAGE}) as (other, other_hits):
        site = _site_that_leaves(tmp_path / "site", other)
        result = CliRunner().invoke(
            main, ["audit", str(site), "--browser", "--axe-toutes-pages", "--no-extern", "--format", "json"]
        )
    assert TEACHER not in result.output and "Interne" not in result.output
    assert other_hits == {}
    report = json.loads(result.stdout)
    left = [f for f in report["findings"] if "a quitté le site audité" in f["message"]]
    assert left and left[0]["severity"] == "warning", report["findings"]


@pytest.mark.browser
@pytest.mark.slow
def test_browser_navigation_to_another_loopback_port_url(tmp_path):
    require_chromium()
    site = _site_that_leaves(tmp_path / "site", "http://127.0.0.1:1/")  # rewritten below
    from e5portfolio.audit.serve import serve_site

    with routed_server({"/": SECRET_PAGE}) as (other, other_hits), serve_site(site) as base:
        (site / "fuite.html").write_text(
            (site / "fuite.html").read_text(encoding="utf-8").replace("http://127.0.0.1:1/", other), encoding="utf-8"
        )
        result = CliRunner().invoke(
            main, ["audit", base, "--browser", "--axe-toutes-pages", "--no-extern", "--format", "json"]
        )
    assert TEACHER not in result.output and "Interne" not in result.output
    assert other_hits == {}
    report = json.loads(result.stdout)
    assert any("a quitté le site audité" in f["message"] for f in report["findings"]), report["findings"]
