"""Build a student's portfolio folder for the audit in a child process, bounded in time and memory.

A teacher audits folders that students wrote. `audit.portfolio_site` already never runs their code, but
their Markdown still goes through Python-Markdown, where some inputs take quadratic time or worse
(20 KB of « [ » takes 80 s, 200 KB takes hours). In a child process the build can be stopped:
after `time_limit` seconds it is killed and the audit says which page was being read. On POSIX the
child's address space is capped too, so that a page cannot exhaust the teacher's memory.

Parent: `build_in_child`. Child: `python -m e5portfolio.audit.sandboxed_build FOLDER SITE RESULT PURPOSE`
(PURPOSE: a key of portfolio_site.CONSEQUENCES), then `--sans-attestations` if wanted.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from e5portfolio.audit.portfolio_site import CONSEQUENCES, build_site_into, not_built
from e5portfolio.core.findings import Finding

DEFAULT_TIME_LIMIT = 180.0  # seconds; the sample (32 pages) builds in about 3 s
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for the child (POSIX only)
PROGRESS = "e5portfolio-page: "  # a line of the child's stderr: the page MkDocs is reading
_OUTPUT_MAX = 200_000  # characters of MkDocs' messages passed on to the teacher


def build_in_child(
    folder: Path,
    site_dir: Path,
    *,
    skip_attestation_files: bool = False,
    time_limit: float = DEFAULT_TIME_LIMIT,
    purpose: str = "audit",
) -> tuple[Path | None, list[Finding]]:
    """What `portfolio_site.build_site_into` returns, computed in a child process; a build that runs out of
    time or memory becomes an `audit-incomplet` error naming the page it was reading."""
    result_file = site_dir.parent / f"{site_dir.name}.result.json"
    command = [sys.executable, "-m", __name__, str(folder), str(site_dir), str(result_file), purpose]
    if skip_attestation_files:
        command.append("--sans-attestations")
    # the child's temporary folders (MkDocs' e5portfolio-mkdocs-*, 18–50 MB) go into one of ours,
    # removed whatever happens to the child: a killed child cleans nothing up itself
    child_tmp = Path(tempfile.mkdtemp(prefix="e5p-build-tmp-"))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUTF8": "1",
        "TMPDIR": str(child_tmp),
        "TEMP": str(child_tmp),
        "TMP": str(child_tmp),
    }
    try:
        returncode, stderr = _run_child(command, env, time_limit)
    except subprocess.TimeoutExpired as exc:
        page = _last_page(_text(exc.stderr))
        where = f" ; elle lisait la page « {page} »" if page else ""
        return None, [
            _stopped(
                purpose,
                f"la construction a dépassé {time_limit:g} s et a été arrêtée{where} : "
                "une page Markdown trop lourde ou mal formée (par exemple des milliers de "
                "« [ » ou de « * » à la suite) peut bloquer MkDocs ; corrigez-la, ou "
                "relancez avec un délai plus long (--delai-construction)",
                _page_file(folder, page),
            )
        ]
    finally:
        shutil.rmtree(child_tmp, ignore_errors=True)
    # the child's stderr is never shown: it holds the progress lines, and a traceback should Ctrl+C
    # reach the child while Python starts; MkDocs' own messages come back in the result file
    messages = _text(stderr)
    try:
        data = json.loads(result_file.read_text(encoding="utf-8"))
        findings = [Finding.from_dict(item) for item in data["findings"]]
        site = Path(data["site"]) if data["site"] is not None else None
        _pass_on(str(data.get("messages", "")))
    except (OSError, ValueError, KeyError, TypeError):
        page = _last_page(messages)
        where = f" pendant la lecture de la page « {page} »" if page else ""
        memory = " (mémoire épuisée ?)" if "MemoryError" in messages else ""
        return None, [
            _stopped(
                purpose,
                f"la construction s'est arrêtée{where} sans produire de site "
                f"(code {returncode}){memory} : vérifiez cette page, puis "
                "relancez « e5portfolio build » dans le dossier pour voir le message",
                _page_file(folder, page),
            )
        ]
    return site, findings


# Child builds still running: killed when the audit that started them is interrupted (Ctrl+C in a
# class: the main thread stops, the workers would otherwise wait for their children's time limit).
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()
_stopping = threading.Event()


def stop_children() -> None:
    """Kill every child build still running, and any started from now on (until `allow_children`)."""
    with _running_lock:
        _stopping.set()
        for process in _running:
            process.kill()


def allow_children() -> None:
    _stopping.clear()


def _run_child(command: list[str], env: dict[str, str], time_limit: float) -> tuple[int, bytes]:
    """(exit code, stderr) of the child; TimeoutExpired (with the stderr so far) after `time_limit`."""
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    with _running_lock:
        _running.add(process)
        if _stopping.is_set():
            process.kill()
    try:
        _, stderr = process.communicate(timeout=time_limit)
        return process.returncode, stderr
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        raise subprocess.TimeoutExpired(command, time_limit, stderr=stderr) from None
    except BaseException:  # Ctrl+C while waiting (one folder, main thread): the child goes too
        process.kill()
        process.wait()
        raise
    finally:
        with _running_lock:
            _running.discard(process)


def _stopped(purpose: str, reason: str, file: str | None) -> Finding:
    return not_built(file or "portfolio.yml", purpose, reason)


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data


def _last_page(messages: str) -> str | None:
    pages = [line[len(PROGRESS) :].strip() for line in messages.splitlines() if line.startswith(PROGRESS)]
    return pages[-1] if pages else None


def _page_file(folder: Path, page: str | None) -> str | None:
    """The student's file behind a page MkDocs read: an extra Markdown page of their docs folder,
    or a page generated from portfolio.yml."""
    if page is None:
        return None
    from e5portfolio.site.runner import student_docs_dir

    docs = student_docs_dir(folder)
    try:
        candidate = Path(os.path.realpath(docs / page)) if docs is not None else None
        if candidate is not None and docs in candidate.parents and candidate.is_file():
            return candidate.relative_to(Path(os.path.realpath(folder))).as_posix()
    except (OSError, ValueError):  # a name MkDocs would not give: the finding stays on portfolio.yml
        pass
    return "portfolio.yml"


def _pass_on(messages: str) -> None:
    """MkDocs' messages in the child (in French, see site.runner) go to the teacher's terminal, as
    in-process."""
    if messages.strip():
        sys.stderr.write(messages[:_OUTPUT_MAX].rstrip("\n") + "\n")


# --- the child ---------------------------------------------------------------------------------------


class _Progress(logging.Handler):
    """MkDocs says « Reading: <page> » (debug) just before it converts a page's Markdown."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Reading: "):
            assert sys.__stderr__ is not None  # the parent reads the child's stderr
            sys.__stderr__.write(f"{PROGRESS}{message[len('Reading: ') :]}\n")
            sys.__stderr__.flush()


def _limit_memory() -> None:
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):  # macOS does not let every process lower it: the time limit remains
        pass


def main(argv: list[str]) -> int:
    folder, site_dir, result_file = (Path(value) for value in argv[:3])
    purpose = argv[3] if len(argv) > 3 and argv[3] in CONSEQUENCES else "audit"
    assert sys.__stderr__ is not None  # the parent reads the child's stderr
    _limit_memory()
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addHandler(_Progress(logging.DEBUG))
    build_logger.setLevel(logging.DEBUG)
    build_logger.propagate = True
    captured = io.StringIO()  # MkDocs' messages (site.runner.mkdocs_messages writes to sys.stderr)
    sys.stderr = captured
    try:
        site, findings = build_site_into(
            folder, site_dir, purpose=purpose, skip_attestation_files="--sans-attestations" in argv[4:]
        )
    except MemoryError:
        sys.__stderr__.write("MemoryError\n")  # the parent says it in French
        return 3
    except Exception as exc:  # noqa: BLE001 - said by the parent as a stopped build, never a traceback
        sys.__stderr__.write(f"erreur inattendue ({type(exc).__name__})\n")
        return 4
    finally:
        sys.stderr = sys.__stderr__
    data = {
        "site": str(site) if site is not None else None,
        "findings": [f.to_dict() for f in findings],
        "messages": captured.getvalue()[:_OUTPUT_MAX],
    }
    result_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
