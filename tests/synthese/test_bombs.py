"""Hostile .xlsx files are refused before openpyxl expands them: `import`, `export --template` and
the audit of a site that links one end with a French refusal, bounded in time and memory.

The bombs are generated at run time: one cell at XFD1048576 in a few KB, a shared-string bomb
(450,000 strings), an XML entity bomb (« billion laughs ») and a zip bomb (a sheet that inflates
to 400 MB). Time and memory are measured on a separate process (`import` and `export --template`
run as the console command would); the 5 s / 300 MB targets are in benchmarks/bench_xlsx_bombs.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from e5portfolio.tableau.xlsxguard import XlsxRefused, inspect_xlsx

from .conftest import FIXTURE_PORTFOLIO

MAX_SECONDS = 60  # generous: the refusal itself takes well under a second
MAX_RSS_MB = 300


def _far_cell(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Tableau de synthèse"
    sheet["XFD1048576"] = "loin"
    workbook.save(path)
    assert path.stat().st_size < 10_000
    return path


def _base_members() -> dict[str, bytes]:
    """The members of a tiny valid workbook written by openpyxl."""
    from io import BytesIO

    from openpyxl import Workbook

    buffer = BytesIO()
    Workbook().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _shared_string_bomb(path: Path) -> Path:
    members = _base_members()
    count = 450_000  # distinct strings: not compressible enough to be caught as a zip bomb
    members["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + f'count="{count}" uniqueCount="{count}">'.encode()
        + b"".join(b"<si><t>%x</t></si>" % i for i in range(count))
        + b"</sst>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert path.stat().st_size < 3_000_000
    return path


def _zip_bomb(path: Path) -> Path:
    """The sheet XML padded with 400 MB of spaces (valid XML), streamed: never held in memory."""
    members = _base_members()
    sheet = members.pop("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"</worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(head)
            block = b" " * (4 << 20)
            for _ in range(100):
                stream.write(block)
            stream.write(b"</worksheet>" + tail)
    assert path.stat().st_size < 3_000_000
    return path


def _entity_bomb(path: Path) -> Path:
    """« Billion laughs » in the shared strings: nested entities that expand to gigabytes."""
    members = _base_members()
    entities = '<!ENTITY a0 "AAAAAAAAAA">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    members["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a9;</t></si></sst>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


BOMBS = {
    "cellule-lointaine": _far_cell,
    "textes-partages": _shared_string_bomb,
    "zip-bomb": _zip_bomb,
    "entites-xml": _entity_bomb,
}
REASONS = {
    "cellule-lointaine": "XFD1048576",
    "textes-partages": "textes différents",
    "zip-bomb": "décompressé",
    "entites-xml": "déclare des entités XML",
}


@pytest.fixture(params=sorted(BOMBS))
def bomb(request, tmp_path_factory) -> tuple[str, Path]:
    kind = request.param
    return kind, BOMBS[kind](tmp_path_factory.mktemp(kind) / "tableau-de-synthese.xlsx")


def _run(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the console command in a child process: (result, seconds, the child's peak memory in MB).

    The child runs e5portfolio's main and, on its way out, prints its own peak resident set (VmHWM
    of /proc/self/status: the high-water mark of this process's memory, not inherited at exec)."""
    probe = (
        "import re, runpy, sys; sys.argv = ['e5portfolio'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('e5portfolio', run_name='__main__')\n"
        "finally:\n    status = open('/proc/self/status').read()\n"
        "    sys.stderr.write('\\nPEAK_KB=%s\\n' % re.search(r'VmHWM:\\s*(\\d+)', status).group(1))\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd, timeout=MAX_SECONDS * 2
    )
    elapsed = time.monotonic() - started
    peak = int(result.stderr.rsplit("PEAK_KB=", 1)[1].split()[0]) / 1024
    result.stderr = result.stderr.rsplit("\nPEAK_KB=", 1)[0]
    return result, elapsed, peak


def test_guard_refuses_each_bomb(bomb):
    kind, path = bomb
    with pytest.raises(XlsxRefused, match=REASONS[kind]):
        inspect_xlsx(path)


def test_guard_lets_a_real_tableau_through(tmp_path):
    from e5portfolio.pipeline import analyse
    from e5portfolio.tableau.synthese import write_tableau

    analysis = analyse(FIXTURE_PORTFOLIO)
    target = tmp_path / "tableau.xlsx"
    write_tableau(analysis.validated, analysis.referential, target)
    inspect_xlsx(target)  # no refusal


@pytest.mark.process  # the child's own time and peak memory
def test_import_refuses_a_bomb_in_french(bomb, tmp_path):
    kind, path = bomb
    output = tmp_path / "portfolio.yml"
    result, elapsed, peak = _run("import", str(path), "-o", str(output), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(
        "e5portfolio : le tableau « tableau-de-synthese.xlsx » est refusé sans être ouvert : "
    )
    assert REASONS[kind] in result.stderr and "rien n'a été écrit" in result.stderr
    assert "Traceback" not in result.stderr and not output.exists()
    assert elapsed < MAX_SECONDS and peak < MAX_RSS_MB


@pytest.mark.process
def test_export_template_refuses_a_bomb_in_french(bomb, tmp_path):
    kind, path = bomb
    folder = tmp_path / "portfolio"
    shutil.copytree(FIXTURE_PORTFOLIO, folder)
    output = tmp_path / "rempli.xlsx"
    result, elapsed, peak = _run("export", str(folder), "--template", str(path), "-o", str(output), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "est refusé sans être ouvert" in result.stderr and REASONS[kind] in result.stderr
    assert "Traceback" not in result.stderr and not output.exists()
    assert elapsed < MAX_SECONDS and peak < MAX_RSS_MB


def test_audit_of_a_site_linking_a_bomb(bomb, tmp_path):
    """The site is served on 127.0.0.1; the tableau link is a bomb: a located French finding."""
    from e5portfolio.audit.engine import AuditOptions, BrowserOptions, CrawlOptions, audit
    from e5portfolio.audit.fetch import FetchLimits
    from e5portfolio.audit.links import LinkCheckOptions

    resource = pytest.importorskip("resource")  # POSIX: the fast tier runs on Windows too
    kind, path = bomb
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(path, site / "tableau-de-synthese.xlsx")
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>Portfolio</title></head><body><main><h1>Portfolio</h1>'
        '<a href="tableau-de-synthese.xlsx">Tableau de synthèse</a></main></body></html>',
        encoding="utf-8",
    )
    options = AuditOptions(
        crawl=CrawlOptions(page_limits=FetchLimits(timeout=10.0)),
        browser=BrowserOptions(use=False),
        links=LinkCheckOptions(check_extern=False, timeout=5, max_seconds=30),
    )
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = audit(str(site), options)  # served on 127.0.0.1 for the time of the audit
    elapsed = time.monotonic() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    [finding] = [f for f in result.findings if f.rule == "tableau-incoherent" and "refusé" in f.message]
    assert finding.message.startswith(
        "le fichier « tableau-de-synthese.xlsx » n'a pas pu être lu comme un tableau "
        "de synthèse : le tableau « tableau-de-synthese.xlsx » est refusé sans être "
        "ouvert : "
    )
    assert REASONS[kind] in finding.message and "e5p-tableau-" not in finding.message
    assert finding.file == "tableau-de-synthese.xlsx"
    assert elapsed < MAX_SECONDS and grown < MAX_RSS_MB
