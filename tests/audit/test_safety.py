"""The audit never runs a student's code nor reads outside the audited folder.

A portfolio folder whose mkdocs.yml has `hooks:` (a hooks.py writing a marker), a
`!!python/object/apply:os.system` tag (writing another marker) and `docs_dir: ..` (a
neighbour's file beside the folder) is audited alone, in a class, and archived by `dossier`:
no marker ever appears and the neighbour's file is never published.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from e5portfolio.audit import classe
from e5portfolio.audit.classe import audit_class, read_class_list
from e5portfolio.audit.engine import audit
from e5portfolio.audit.fetch import FetchLimits, fetch
from e5portfolio.audit.portfolio_site import build_site_into
from e5portfolio.audit.sandboxed_build import build_in_child
from e5portfolio.cli import main

from .conftest import FAST, SMALL_PORTFOLIO, findings_of

NEIGHBOUR_TEXT = "NUMERO-SECRET-DU-VOISIN-0451"


@pytest.fixture
def hostile_folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    """(the portfolio folder, the marker files that must never appear)."""
    classroom = tmp_path / "classe"
    folder = classroom / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    (classroom / "voisin-attestation.md").write_text(f"# Voisin\n\n{NEIGHBOUR_TEXT}\n", encoding="utf-8")
    hook_marker, tag_marker = tmp_path / "hook-a-tourne", tmp_path / "balise-a-tourne"
    (folder / "hooks.py").write_text(
        "from pathlib import Path\n"
        f"Path({str(hook_marker)!r}).write_text('hook')\n"
        "def on_config(config):\n"
        f"    Path({str(hook_marker)!r}).write_text('hook')\n"
        "    return config\n",
        encoding="utf-8",
    )
    (folder / "mkdocs.yml").write_text(
        "site_name: Portfolio\n"
        "docs_dir: ..\n"
        "hooks:\n"
        "  - hooks.py\n"
        f'extra: !!python/object/apply:os.system ["touch {tag_marker}"]\n'
        "plugins:\n"
        "  - e5portfolio\n",
        encoding="utf-8",
    )
    return folder, [hook_marker, tag_marker]


def _no_marker(markers: list[Path]) -> None:
    assert [m.name for m in markers if m.exists()] == []


def test_audit_build_ignores_the_folders_mkdocs_yml(hostile_folder, tmp_path):
    folder, markers = hostile_folder
    site, notes = build_site_into(folder, tmp_path / "site")
    assert site is not None, notes
    _no_marker(markers)
    published = [p for p in site.rglob("*") if p.is_file()]
    assert (site / "index.html").is_file() and len(published) > 10
    assert not any(
        NEIGHBOUR_TEXT in p.read_text(encoding="utf-8", errors="replace")
        for p in published
        if p.suffix in (".html", ".md", ".json", ".txt")
    )
    assert not any("voisin" in p.name for p in published)
    # the teacher is told why the site may differ from the student's own build
    assert any(n.rule == "audit-incomplet" and "mkdocs.yml du dossier ignoré" in n.message for n in notes)
    reasons = " ".join(n.message for n in notes if n.rule == "mkdocs-config-dangereuse")
    assert "hooks:" in reasons and "!!python/object/apply:os.system" in reasons and "docs_dir: .." in reasons


@pytest.mark.usefixtures("linkchecker")
def test_audit_of_the_folder_runs_nothing(hostile_folder):
    folder, markers = hostile_folder
    result = audit(str(folder), FAST)
    _no_marker(markers)
    assert result.reachable and findings_of(result, "mkdocs-config-dangereuse")


@pytest.mark.usefixtures("linkchecker")
def test_class_audit_runs_nothing(hostile_folder, tmp_path):
    folder, markers = hostile_folder
    listing = tmp_path / "classe.csv"
    listing.write_text(f"nom;prenom;numero;url\nELEVE;Léa;01;{folder.name}\n", encoding="utf-8")
    [outcome] = audit_class(read_class_list(listing), FAST, tmp_path / "rapport.xlsx", base=folder.parent)
    _no_marker(markers)
    assert outcome.error is None and outcome.result.reachable


def test_dossier_runs_nothing_and_publishes_no_neighbour(hostile_folder, tmp_path):
    folder, markers = hostile_folder
    archive = tmp_path / "dossier.zip"
    result = CliRunner().invoke(main, ["dossier", str(folder), "-o", str(archive)])
    assert result.exit_code == 0, result.output
    _no_marker(markers)
    assert "mkdocs.yml est ignoré" in result.stdout
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert any(name.endswith("/site/index.html") for name in names)
        assert not any("voisin" in name for name in names)
        assert not any(NEIGHBOUR_TEXT.encode() in zipped.read(name) for name in names)


def test_students_own_build_still_uses_their_mkdocs_yml(tmp_path):
    """`build` is the student's own command on their own folder: their configuration applies."""
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    (folder / "mkdocs.yml").write_text(
        "site_name: Portfolio\nsite_dir: public\nplugins:\n  - e5portfolio\n", encoding="utf-8"
    )
    (folder / "docs").mkdir()
    (folder / "docs" / "extra.md").write_text("# Page ajoutée\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--site-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "extra" / "index.html").is_file()  # the student's docs_dir and use_directory_urls


# --- bounded: a student's Markdown cannot hold the audit ---------------------------------------------

STALL_MARKER = "E5-TEST-PAGE-QUI-BLOQUE"


@pytest.fixture
def stalling_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A page holding the returned marker keeps the child build's Markdown busy until it is killed.

    The slowness is the test's own (a `sitecustomize` on the child's PYTHONPATH wraps
    `markdown.Markdown.convert`), never a library's pathological case, which a new release
    may fix (Markdown 3.11.4 renders 30,000 « [ » in 0.15 s)."""
    hook = tmp_path / "crochet-de-test"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import time\n"
        "import markdown\n"
        "_convert = markdown.Markdown.convert\n"
        "def convert(self, source):\n"
        f"    while {STALL_MARKER!r} in source:\n"
        "        time.sleep(1)\n"
        "    return _convert(self, source)\n"
        "markdown.Markdown.convert = convert\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])))
    return STALL_MARKER


def _folder_with_page(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    (folder / "mkdocs.yml").write_text("site_name: Portfolio\nplugins:\n  - e5portfolio\n", encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "lourde.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.usefixtures("linkchecker")
def test_a_page_that_would_hold_mkdocs_for_minutes_is_stopped_and_named(tmp_path, stalling_markdown):
    """A page that keeps Markdown busy (30 KB of « [ » did, with Markdown < 3.11) is stopped at the
    limit and the teacher is told which file, with no site audited and no traceback."""
    folder = _folder_with_page(tmp_path, f"# Page\n\n{stalling_markdown}\n")
    result = CliRunner().invoke(
        main, ["audit", str(folder), "--no-browser", "--no-extern", "--format", "json", "--delai-construction", "10"]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    [stopped] = [f for f in data["findings"] if f["rule"] == "audit-incomplet"]
    assert stopped["severity"] == "error" and stopped["file"] == "docs/lourde.md"
    assert "la construction a dépassé 10 s et a été arrêtée" in stopped["message"]
    assert "« lourde.md »" in stopped["message"]
    assert data["analysis"]["pages"] == 0
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_dossier_stops_a_stuck_build_and_writes_no_archive(tmp_path, stalling_markdown):
    folder = _folder_with_page(tmp_path, f"# Page\n\n{stalling_markdown}\n")
    archive = tmp_path / "dossier.zip"
    result = CliRunner().invoke(main, ["dossier", str(folder), "-o", str(archive), "--delai-construction", "10"])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        "e5portfolio : docs/lourde.md : site non construit, l'archive pour la "
        "commission n'est pas écrite : la construction a dépassé 10 s"
    )
    assert not archive.exists() and "Traceback" not in result.output


def test_the_sandboxed_build_gives_the_same_findings_as_the_build_in_process(tmp_path):
    folder = _folder_with_page(tmp_path, "# Page ajoutée\n\nDu texte.\n")
    site, notes = build_in_child(folder, tmp_path / "isolé" / "site", time_limit=300)
    same_site, same_notes = build_site_into(folder, tmp_path / "direct" / "site")
    assert site is not None and same_site is not None, notes
    assert (site / "lourde.html").is_file() and (same_site / "lourde.html").is_file()
    assert notes == same_notes and any(n.rule == "audit-incomplet" for n in notes)


# --- bounded: one total deadline per request, headers included ----------------------------------


def _drip_headers(handler) -> None:
    """Send a valid response's headers one byte every 2 s (each read succeeds: only a total
    deadline can stop it)."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Lent: " + b"x" * 200 + b"\r\n\r\n<html></html>":
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(2)


@pytest.mark.slow
def test_fetch_with_headers_dripping_stops_at_the_total_deadline(server):
    base, _ = server({"/": _drip_headers})
    started = time.monotonic()
    result = fetch(base, FetchLimits(timeout=10.0))
    assert time.monotonic() - started < 60
    assert result.error == "le serveur ne répond pas dans le délai imparti (délai dépassé)"


@pytest.mark.slow
def test_audit_of_a_server_dripping_headers_ends_with_a_located_timeout(server):
    base, _ = server({"/": _drip_headers})
    started = time.monotonic()
    result = audit(base, replace(FAST, crawl=replace(FAST.crawl, page_limits=FetchLimits(timeout=10.0))))
    assert time.monotonic() - started < 60
    [finding] = findings_of(result, "portfolio-inaccessible")
    assert finding.url == base and "(le serveur ne répond pas dans le délai imparti (délai dépassé))" in finding.message
    assert result.penalties["portfolio-inaccessible"] == 10


# --- bounded: JSON depth; no control character in any report ------------------------------------


def _site(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Portfolio</title></head>'
        f"<body><main><h1>Portfolio</h1>{body}</main></body></html>",
        encoding="utf-8",
    )
    return folder


def test_portfolio_json_nested_200000_levels_is_a_finding(tmp_path):
    site = _site(tmp_path / "site", '<a href="tableau-de-synthese.xlsx">Tableau</a>')
    (site / "portfolio.json").write_text('{"realisations": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    result = audit(str(site), FAST)
    [finding] = [f for f in findings_of(result, "audit-incomplet") if "portfolio.json" in f.message]
    assert finding.message == (
        "portfolio.json ignoré : imbriqué sur plus de 64 niveaux (fichier piégé ou endommagé) ; "
        "publiez celui que produit « e5portfolio build »"
    )
    assert finding.file == "portfolio.json"


CONTROLS = ("\x1b", "\x9b", "\u202e", "\u2066", "\x07", "\x00")


def test_control_characters_never_reach_a_report(tmp_path):
    """A link whose address and text carry terminal escapes and bidi controls: text, JSON and HTML
    reports show it without them."""
    hostile = "tableau\x1b[2J\x1b]0;pwned\x07\u202eslx.\u2066-de-synthese.xlsx"
    site = _site(
        tmp_path / "site",
        f'<a href="{hostile}">Tableau\x1b[31m de synthèse\u202e</a><a href="absent\x1b[1m.html">page\x9b</a>',
    )
    outputs = {}
    for kind in ("text", "json", "html"):
        target = tmp_path / f"rapport.{kind}"
        args = ["audit", str(site), "--no-browser", "--no-extern", "--format", kind, "-o", str(target)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        outputs[kind] = target.read_text(encoding="utf-8")
        assert not [c for c in CONTROLS if c in outputs[kind] or c in result.output], kind
    assert "tableau[2J]0;pwnedslx.-de-synthese.xlsx" in outputs["text"]  # shown, without its controls


def test_clean_text_keeps_text_and_line_breaks():
    from e5portfolio.core.findings import Finding, Severity, clean_text

    assert clean_text("Réalisation « GLPI »\tB1.2\nsuite\x1b[0m\u202e") == "Réalisation « GLPI »\tB1.2\nsuite[0m"
    finding = Finding("lien-casse", Severity.ERROR, "lien « a\x1bb »", "x\u202e.html", url="http://h/\x9b")
    assert (finding.message, finding.file, finding.url) == ("lien « ab »", "x.html", "http://h/")


def test_extra_pages_of_the_folder_are_audited_without_its_configuration(tmp_path):
    """The student's own Markdown pages (docs_dir of their mkdocs.yml, read inertly) are built with
    the embedded configuration; a symbolic link leading out of the folder is not followed."""
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    secret = tmp_path / "secret.md"
    secret.write_text(f"# Secret\n\n{NEIGHBOUR_TEXT}\n", encoding="utf-8")
    (folder / "pages").mkdir()
    (folder / "pages" / "projet-perso.md").write_text("# Projet personnel\n\nUn serveur Minecraft.\n", encoding="utf-8")
    (folder / "pages" / "lien.md").symlink_to(secret)
    (folder / "mkdocs.yml").write_text(
        "site_name: Portfolio\ndocs_dir: pages\nplugins:\n  - e5portfolio\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    site, notes = build_site_into(folder, tmp_path / "site")
    assert site is not None, notes
    pages = {p.name for p in site.rglob("*.html")}
    assert "projet-perso.html" in pages and "lien.html" not in pages
    assert not any(NEIGHBOUR_TEXT in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def _children_building(folder: Path) -> list[int]:
    """The sandboxed_build processes working on `folder` (Linux' /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"e5portfolio.audit.sandboxed_build" in command and str(folder).encode() in command:
            found.append(int(entry.name))
    return found


@pytest.mark.process
@pytest.mark.skipif(not Path("/proc/self/cmdline").is_file(), reason="needs Linux' /proc")
@pytest.mark.parametrize("whole_group", [True, False], ids=["ctrl-c", "parent-only"])
def test_ctrl_c_during_a_stuck_build_ends_the_class_audit_and_its_child_in_french(
    tmp_path, whole_group, stalling_markdown
):
    """Ctrl+C reaches the whole group; `kill -INT` the audit alone: the audit stops its child builds
    itself, without waiting for their time limit."""
    folder = _folder_with_page(tmp_path, f"# Page\n\n{stalling_markdown}\n")
    listing = tmp_path / "classe.csv"
    listing.write_text(f"nom;prenom;numero;url\nELEVE;Léa;01;{folder.name}\n", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "e5portfolio",
            "audit",
            "--class",
            str(listing),
            "-o",
            str(tmp_path / "classe.xlsx"),
            "--no-browser",
            "--no-extern",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not _children_building(folder):
            assert process.poll() is None and time.monotonic() < deadline, "no child build started"
            time.sleep(0.1)
        if whole_group:
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C sends to the terminal's foreground group
        else:
            os.kill(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode != 0, stderr
    assert stderr.strip() == "Interrompu."  # click's « Aborted! » in French: no traceback, nothing from the child
    deadline = time.monotonic() + 60
    while _children_building(folder):
        assert time.monotonic() < deadline, "the child build outlived the audit"
        time.sleep(0.1)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/cmdline").is_file(), reason="needs Linux' /proc")
def test_ctrl_c_while_candidates_are_handed_out_stops_the_builds_already_started(
    tmp_path, stalling_markdown, monkeypatch
):
    """Ctrl+C may reach the class audit while it is still handing candidates to its workers, after a
    first child build has started: that build is stopped at once, not waited for until its limit."""
    first = _folder_with_page(tmp_path / "a", f"# Page\n\n{stalling_markdown}\n")
    second = _folder_with_page(tmp_path / "b", f"# Page\n\n{stalling_markdown}\n")
    listing = tmp_path / "classe.csv"
    listing.write_text(
        f"nom;prenom;numero;url\nUN;Léa;01;{first.relative_to(tmp_path)}\nDEUX;Noé;02;{second.relative_to(tmp_path)}\n",
        encoding="utf-8",
    )

    class InterruptedWhileHandingOut(classe.ThreadPoolExecutor):
        """The Ctrl+C arrives as the second candidate is handed out, once the first one builds."""

        handed_out = 0

        def submit(self, fn, /, *args, **kwargs):
            if self.handed_out == 1:
                deadline = time.monotonic() + 120
                while not _children_building(first):
                    assert time.monotonic() < deadline, "no child build started"
                    time.sleep(0.05)
                raise KeyboardInterrupt
            self.handed_out += 1
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(classe, "ThreadPoolExecutor", InterruptedWhileHandingOut)
    options = replace(FAST, build=replace(FAST.build, time_limit=120))
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        audit_class(read_class_list(listing), options, tmp_path / "classe.xlsx", base=tmp_path)
    assert time.monotonic() - started < 60, "the audit waited for the child build's time limit"
    assert _children_building(first) == [] and _children_building(second) == []
    assert not (tmp_path / "classe.xlsx").exists()
    # the builds this process starts afterwards (another audit, in a long-lived process) still run
    plain = _folder_with_page(tmp_path / "c", "# Page\n\nDu texte.\n")
    site, notes = build_in_child(plain, tmp_path / "c-site" / "site", time_limit=300)
    assert site is not None and (site / "lourde.html").is_file(), notes


@pytest.mark.process
@pytest.mark.skipif(sys.platform != "linux", reason="the address-space cap is checked on Linux")
def test_the_child_build_cannot_take_more_than_its_memory_cap():
    probe = (
        "from e5portfolio.audit.sandboxed_build import _limit_memory\n"
        "_limit_memory()\n"
        "try:\n"
        "    bytearray(3 * 1024 ** 3)\n"
        "except MemoryError:\n"
        "    print('refusé')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "refusé"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("lourde.md", "docs/lourde.md"),  # the student's own page
        ("realisations/glpi.md", "portfolio.yml"),  # a page generated from portfolio.yml
        ("../../../../../../etc/hostname", "portfolio.yml"),  # never a path outside the folder, never a crash
        ("x\x00y.md", "portfolio.yml"),
    ],
)
def test_the_stuck_page_is_named_by_the_students_file(tmp_path, page, expected):
    from e5portfolio.audit.sandboxed_build import _page_file

    folder = _folder_with_page(tmp_path, "# Page\n")
    assert _page_file(folder, page) == expected
