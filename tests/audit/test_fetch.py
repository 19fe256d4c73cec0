"""Reachability against real local servers: status, redirects, timeouts, size cap, TLS, walls."""

from __future__ import annotations

import datetime as dt
import http.server
import shutil
import ssl
import subprocess
import threading
import time

import pytest

from e5portfolio.audit.fetch import FetchLimits, detect_wall, fetch, retry_after_seconds
from tests.support.tools import require_tool

from .conftest import LOGIN_WALL, huge, page, redirect, send, slow, status

LIMITS = FetchLimits(timeout=2.0, max_bytes=200_000, max_redirects=5)


def test_ordinary_page(server):
    base, _ = server({"/": page("<h1>Accueil</h1>")})
    result = fetch(base, LIMITS)
    assert result.ok and result.is_html and result.status == 200
    assert "<h1>Accueil</h1>" in result.text()


def test_server_error_is_reported_in_french(server):
    base, _ = server({"/": status(500)})
    result = fetch(base, LIMITS)
    assert not result.ok
    assert result.error == "le serveur répond 500 (erreur du serveur)"


def test_redirects_are_followed(server):
    base, _ = server({"/": redirect("/accueil/"), "/accueil/": page("ok")})
    result = fetch(base, LIMITS)
    assert result.ok and result.final_url == base + "accueil/"
    assert result.redirects == (base + "accueil/",)


def test_redirect_loop_stops(server):
    base, hits = server({"/a": redirect("/b"), "/b": redirect("/a")})
    started = time.monotonic()
    result = fetch(base + "a", LIMITS)
    assert time.monotonic() - started < 30  # the hits below say it stopped at once; no time cap on a loaded CI
    assert result.error.startswith("boucle de redirections")
    assert hits == {"/a": 1, "/b": 1}


def test_too_many_redirects(server):
    routes = {f"/r{i}": redirect(f"/r{i + 1}") for i in range(20)}
    base, hits = server(routes)
    result = fetch(base + "r0", LIMITS)
    assert result.error == "trop de redirections (plus de 5)"
    assert sum(hits.values()) == 6


def test_slow_server_times_out(server):
    base, _ = server({"/": slow(120)})
    started = time.monotonic()
    result = fetch(base, FetchLimits(timeout=0.5))
    assert time.monotonic() - started < 30  # far below the server's 120 s, far above a loaded CI's delays
    assert "délai" in result.error


def test_body_that_trickles_is_bounded_by_the_total_time(server):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(1200):  # 120 s in all, each read well within the timeout
            h.wfile.write(b"<p>x</p>")
            h.wfile.flush()
            time.sleep(0.1)

    base, _ = server({"/": trickle})
    started = time.monotonic()
    result = fetch(base, FetchLimits(timeout=0.6))
    assert time.monotonic() - started < 30
    assert "délai" in result.error


def test_huge_body_is_cut_at_the_size_cap(server):
    base, _ = server({"/": huge(200_000_000)})
    started = time.monotonic()
    result = fetch(base, FetchLimits(timeout=60, max_bytes=300_000))
    assert time.monotonic() - started < 30
    assert result.ok and result.truncated and len(result.body) == 300_000


def test_dead_port(dead_port):
    result = fetch(f"http://127.0.0.1:{dead_port}/", LIMITS)
    assert result.error == f"connexion refusée par « 127.0.0.1:{dead_port} » : aucun serveur web ne répond"


def test_not_a_web_address():
    assert fetch("ftp://example.org/", LIMITS).error.startswith("adresse non web")


@pytest.fixture
def https_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate (unknown to the system)."""
    require_tool(shutil.which("openssl") is not None, "openssl is needed to make a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            send(self, 200, "<html><body>ok</body></html>")

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_invalid_certificate(https_server):
    result = fetch(https_server, LIMITS)
    assert result.error.startswith("certificat HTTPS invalide (self-signed certificate")
    assert "alerte de sécurité" in result.error


def test_login_wall_answering_200_is_recognised(server):
    base, _ = server({"/": LOGIN_WALL})
    result = fetch(base, LIMITS)
    assert result.ok
    assert detect_wall(result.final_url, result.status, result.text()) == "une page qui demande un mot de passe"


@pytest.mark.parametrize(
    ("url", "text", "expected"),
    [
        ("https://accounts.google.com/ServiceLogin?continue=x", "", "une page de connexion Google"),
        (
            "https://drive.google.com/file/d/abc/view",
            "<p>Vous devez disposer d'une autorisation</p>",
            "une page « accès demandé » de Google Drive : le document n'est pas partagé publiquement",
        ),
        ("https://login.microsoftonline.com/common/oauth2", "", "une page de connexion Microsoft"),
        (
            "https://lycee-my.sharepoint.com/_layouts/15/AccessDenied.aspx",
            "",
            "une page « accès refusé » de SharePoint",
        ),
        (
            "https://github.com/login?return_to=%2Flea%2Fportfolio",
            "",
            "la page de connexion de GitHub (dépôt privé ou supprimé)",
        ),
        (
            "https://vercel.com/sso-api?url=https%3A%2F%2Flea.vercel.app",
            "",
            "une page de connexion Vercel (protection du déploiement activée)",
        ),
        (
            "https://lea.netlify.app/",
            "<h1>This site is password protected</h1>",
            "une page protégée par mot de passe de Netlify",
        ),
    ],
)
def test_known_walls(url, text, expected):
    assert detect_wall(url, 200, text) == expected


def test_ordinary_pages_are_not_walls():
    assert detect_wall("https://lea.github.io/", 200, "<h1>Portfolio</h1><p>Hébergé par Netlify</p>") is None
    long_page = "<p>" + "contenu " * 1000 + '</p><input type="password">'
    assert detect_wall("https://lea.github.io/", 200, long_page) is None
    assert detect_wall("https://lea.netlify.app/", 200, "<p>Mon site, hébergé par Netlify.</p>") is None


def test_retry_after_forms():
    now = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("bientôt") is None


def test_spaces_and_accents_in_an_address_are_sent_as_a_browser_sends_them(server):
    base, hits = server({"/docs/Tableau%20de%20synth%C3%A8se.xlsx": page("ok"), "/r%C3%A9al/a%20b.html": page("ok")})
    assert fetch(base + "docs/Tableau de synthèse.xlsx", LIMITS).ok
    assert fetch(base + "r%C3%A9al/a b.html", LIMITS).ok  # escapes already there are kept
    assert hits == {"/docs/Tableau%20de%20synth%C3%A8se.xlsx": 1, "/r%C3%A9al/a%20b.html": 1}
