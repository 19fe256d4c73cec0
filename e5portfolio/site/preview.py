"""The live preview behind `e5portfolio serve`: MkDocs' live-reload server with a builder that never
fails, and MkDocs' messages in French.

MkDocs' own `serve` keeps the browser waiting while a rebuild fails (« the server will appear stuck
until build errors are resolved »). Here a failed build is a build too: it writes a French error
page (site.errorpage) over every page of the site, so the open page reloads to it, and reloads
again to the site once the portfolio is fixed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import click

from e5portfolio.core.findings import Severity
from e5portfolio.core.report import top_down_lines
from e5portfolio.site.errorpage import failure_page, findings_page

PREFIX = "aperçu : "


def _seconds(text: str) -> str:
    return text.replace(".", ",")


def _watched(paths: str) -> str:
    """The watched folders, without the temporary configuration of the embedded default."""
    shown = [p for p in re.findall(r"'([^']*)'", paths) if "e5portfolio-mkdocs-" not in p]
    return f"surveillance des modifications dans : {', '.join(shown)}"


# MkDocs' English messages (mkdocs.commands.build, mkdocs.commands.serve, mkdocs.livereload) →
# French, or None to leave them out (what they say is said otherwise, or is of no use here).
_TRANSLATIONS: list[tuple[re.Pattern, Callable[[re.Match], str | None]]] = [
    (re.compile(r"Building documentation\.\.\.$"), lambda m: "construction du site…"),
    (re.compile(r"Documentation built in ([\d.]+) seconds$"), lambda m: f"site construit en {_seconds(m[1])} s"),
    (re.compile(r"Detected file changes$"), lambda m: "modification détectée"),
    (re.compile(r"Reloading browsers$"), lambda m: "pages ouvertes rechargées dans le navigateur"),
    (re.compile(r"Watching paths for changes: (.*)$", re.S), lambda m: _watched(m[1])),
    (re.compile(r"Serving on .*"), lambda m: None),  # the command says where, in French
    (re.compile(r"Shutting down\.\.\.$"), lambda m: "arrêt de l'aperçu"),
    (re.compile(r"Browser connected: (.*)$"), lambda m: f"navigateur connecté : {m[1]}"),
    (
        re.compile(r"An error happened during the rebuild.*", re.S),
        lambda m: (
            "la construction du site a échoué : voir les messages ci-dessus ; l'aperçu reprend à la "
            "prochaine modification"
        ),
    ),
    (re.compile(r"Aborted with .*", re.S), lambda m: None),
    (re.compile(r"Cleaning site directory$"), lambda m: None),
    (re.compile(r"Building documentation to directory: .*"), lambda m: None),
    (
        re.compile(r'"(\S+) (\S+)[^"]*" code (\d+)$'),
        lambda m: f"page introuvable : {m[2]}" if m[3] == "404" else f"requête {m[1]} {m[2]} : code {m[3]}",
    ),
    (re.compile(r"500 Internal Server Error$"), lambda m: "erreur interne du serveur d'aperçu"),
]


_TIME_STAMP = re.compile(r"^\[\d\d:\d\d:\d\d\] ")


class FrenchPreviewMessages(logging.Handler):
    """Prints MkDocs' messages in French on stderr: known ones translated, the plugin's own ones
    (already French) as they are, other informational ones (English) left out. The build error
    that MkDocs logs before aborting is kept for the error page, not printed: the preview prints
    the findings itself."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.errors: list[str] = []  # the error messages of the current build

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self._text(record)
            if text is not None:
                click.echo(text, err=True)
        except Exception:  # a message must never stop the preview
            self.handleError(record)

    def _text(self, record: logging.LogRecord) -> str | None:
        from e5portfolio.site.plugin import FINDING_RECORD_FLAG, INFO_SUMMARY_FLAG

        message = _TIME_STAMP.sub("", record.getMessage(), count=1)  # mkdocs.livereload's « [15:04:05] »
        if getattr(record, FINDING_RECORD_FLAG, False):  # « portfolio.yml:3:1: avertissement […] … »
            if getattr(record, INFO_SUMMARY_FLAG, False):
                return PREFIX + message  # « 10 sous-compétences non citées : e5portfolio check --details »
            if record.levelno < logging.WARNING:
                return None  # each information is for `check --details`, not repeated at every save
            return message.split(": ", 1)[1] if message.startswith("e5portfolio: ") else message
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
            if record.name == "mkdocs.commands.build":
                return None  # the preview prints the findings itself
        for pattern, translate in _TRANSLATIONS:
            match = pattern.match(message)
            if match:
                text = translate(match)
                return None if text is None else PREFIX + text
        if record.levelno < logging.WARNING:
            return None  # an English detail of MkDocs or of a theme plugin
        level = "erreur" if record.levelno >= logging.ERROR else "avertissement"
        return f"mkdocs : {level} : {message}"


@contextlib.contextmanager
def french_messages() -> Iterator[FrenchPreviewMessages]:
    """MkDocs' loggers print through FrenchPreviewMessages only, for the preview's lifetime."""
    logger = logging.getLogger("mkdocs")
    handler = FrenchPreviewMessages()
    previous = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


def show_error_page(site_dir: Path, page: str) -> None:
    """Put `page` in place of every page of the site (the open page reloads to it), and as the
    home and not-found pages."""
    content = page.encode("utf-8")
    for html in site_dir.rglob("*.html"):
        if html.is_file() and not html.is_symlink():
            html.write_bytes(content)
    for name in ("index.html", "404.html"):
        (site_dir / name).write_bytes(content)


class AddressInUse(Exception):
    """The preview's address is taken (another preview, another server): found before building."""

    def __init__(self, host: str, port: int, error: OSError):
        super().__init__(f"{host}:{port}")
        self.host, self.port, self.error = host, port, error


def check_address(host: str, port: int) -> None:
    """Raise AddressInUse when the server could not listen on host:port, as it would bind."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except OSError:
        return  # an address that does not resolve: the server says why
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise AddressInUse(host, port, exc) from None


def serve(config_loader, analysis, *, open_in_browser: bool, announce: Callable[[str], None]) -> None:
    """Serve the site of `analysis` until Ctrl+C or SIGTERM. `config_loader(site_dir)` loads the
    MkDocs configuration (it may raise SiteConfigError, shown as an error page on rebuilds)."""
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer

    from e5portfolio.core.fileutil import display_prefix
    from e5portfolio.pipeline import analyse
    from e5portfolio.site.runner import SiteConfigError

    site_dir = Path(tempfile.mkdtemp(prefix="e5portfolio-apercu-"))
    prefix = display_prefix(analysis.root)
    with french_messages() as messages:
        try:
            config = config_loader(site_dir)
            config.plugins.on_startup(command="serve", dirty=False)
            host, port = config.dev_addr
            check_address(host, port)  # before the first build: a busy port is said at once
            mount = urlsplit(config.site_url or "/").path.strip("/")
            mount_path = f"/{mount}/" if mount else "/"
            serve_url = config.site_url = f"http://{host}:{port}{mount_path}"

            def failed(page: str, terminal: list[str]) -> None:
                show_error_page(site_dir, page)
                for line in terminal:
                    click.echo(line, err=True)

            def builder(current=None) -> None:
                """One build of the preview; never raises (the server would hang on the old site)."""
                messages.errors.clear()
                try:
                    if current is None:
                        current = config_loader(site_dir)
                        current.site_url = serve_url
                    click.echo(PREFIX + "construction du site…", err=True)
                    build(current, serve_url=serve_url, dirty=False)
                except SiteConfigError as exc:
                    failed(failure_page("\n".join([*messages.errors, str(exc)])), [f"e5portfolio : {exc}"])
                except Exception as exc:  # noqa: BLE001 - any failure becomes the error page
                    _build_failed(exc, "\n".join(messages.errors), analysis.file, prefix, analyse, failed)

            server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path)
            server.error_handler = _error_handler(server, site_dir)
            builder(config)
            server.watch(config.docs_dir)
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            watch_portfolio(server, analysis.root)
            announce(server.url)
            try:
                server.serve(open_in_browser=open_in_browser)
            except KeyboardInterrupt:
                click.echo(PREFIX + "arrêt de l'aperçu", err=True)
            finally:
                server.shutdown()
            config.plugins.on_shutdown()
        finally:
            shutil.rmtree(site_dir, ignore_errors=True)


# What e5portfolio and the tools around it write in the portfolio folder: not a reason to rebuild
# (a `build` or an `export` beside the preview, a commit, a pip install in .venv…).
_OUTPUT_FOLDERS = ("site", "public", ".git", ".venv", "venv", "__pycache__", ".e5portfolio")
_OUTPUT_FILES = ("tableau-de-synthese.xlsx", "portfolio.pdf", "rapport-audit.html")


def is_output(path: str, root: Path) -> bool:
    """Whether a change at `path` is output (of e5portfolio, Git, Python), not the portfolio."""
    try:
        parts = Path(path).resolve().relative_to(root.resolve()).parts
    except ValueError:
        return False
    if not parts:
        return False
    if parts[0] in _OUTPUT_FOLDERS or re.fullmatch(r"\..*\.e5portfolio-.*", parts[0]):
        return True
    if len(parts) == 1 and (parts[0] in _OUTPUT_FILES or parts[0].endswith(".zip")):
        return True
    return any(part == "__pycache__" for part in parts)


def watch_portfolio(server, root: Path) -> None:
    """Rebuild when a file of the portfolio folder changes, but not for what is written there as
    output (see is_output). Through MkDocs' own watch when its rebuild flag is not reachable."""
    import watchdog.events

    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild") or not hasattr(server, "observer"):
        server.watch(str(root))
        return

    def changed(event) -> None:
        if event.is_directory:
            return
        paths = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if all(is_output(os.fsdecode(p), root) for p in paths):
            return
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = changed  # type: ignore[method-assign]  # one callback for every event
    server.observer.schedule(handler, str(root), recursive=True)


def _build_failed(exc: Exception, logged: str | None, portfolio_file: Path, prefix: str, analyse, failed) -> None:
    """After a failed build: the findings page when the portfolio has errors, else the reason."""
    try:
        report = analyse(portfolio_file).report
    except Exception:  # noqa: BLE001 - the portfolio went away meanwhile: say what MkDocs said
        report = None
    errors = [f for f in report.sorted_findings() if f.severity is Severity.ERROR] if report else []
    if errors:
        count = len(errors)
        noun = "erreur" if count == 1 else "erreurs"
        them = "l'affiche" if count == 1 else "les affiche"
        where = (
            "dans le portfolio"
            if any(f.subject or f.file != report.portfolio for f in errors)
            else f"dans {prefix}{report.portfolio}"
        )
        failed(
            findings_page(report, prefix),
            [
                *top_down_lines(report, prefix),
                f"{PREFIX}{count} {noun} {where} : la page de l'aperçu {them} et "
                "se met à jour dès que vous enregistrez la correction",
            ],
        )
        return
    reason = logged or str(exc) or type(exc).__name__
    failed(
        failure_page(reason),
        [
            f"{PREFIX}le site n'a pas pu être construit ({reason}) ; la page de "
            "l'aperçu l'indique et se met à jour à la prochaine modification"
        ],
    )


def _error_handler(server, site_dir: Path) -> Callable[[int], bytes | None]:
    """MkDocs' not-found page for 404 and 500, with the reload script so that it reloads too."""

    def handler(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        if code not in (404, 500) or not page.is_file():
            return None
        content = page.read_bytes()
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is not None:
            with contextlib.suppress(Exception):
                content = inject(content, server._visible_epoch)
        return content

    return handler
