"""`e5portfolio build [PORTFOLIO] [--site-dir DIR] [--strict] [--sans-attestations]`: check, then build the site."""

from __future__ import annotations

from pathlib import Path

import click

from e5portfolio.commands import EXIT_FINDINGS, EXIT_USAGE, fail, sans_attestations_option


@click.command("build", short_help="Construit le site du portfolio, s'il est sans erreur.")
@click.argument("portfolio", required=False, type=click.Path(path_type=Path))
@click.option(
    "--site-dir",
    "site_dir",
    metavar="DOSSIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Dossier du site (par défaut : site dans le dossier du portfolio). Il est remplacé "
    "à chaque construction, et seulement s'il est vide ou a été créé par e5portfolio.",
)
@click.option("--strict", is_flag=True, help="Les avertissements comptent comme des erreurs.")
@sans_attestations_option
def command(portfolio: Path | None, site_dir: Path | None, strict: bool, skip_attestation_files: bool) -> None:
    """Vérifie PORTFOLIO (dossier ou portfolio.yml ; par défaut le dossier courant) puis construit
    son site : il s'ouvre dans un navigateur, même sans connexion. Avec une erreur, rien n'est
    construit. Utilise le mkdocs.yml du dossier s'il y en a un (il doit activer le plugin
    e5portfolio), sinon la configuration par défaut."""
    from e5portfolio.site.sitedir import (
        BuildInterrupted,
        SiteDirRefused,
        check_site_dir,
        describe_os_error,
        interruptible,
        staging_dir,
        swap_in,
    )

    analysis = checked_analysis(
        portfolio, strict, action="le site n'est pas construit", skip_attestation_files=skip_attestation_files
    )
    wanted = site_dir if site_dir is not None else analysis.root / "site"
    try:
        target = check_site_dir(wanted, analysis.root)
    except SiteDirRefused as exc:
        fail(str(exc), EXIT_USAGE)
    except OSError as exc:
        fail(
            f"impossible d'utiliser le dossier du site « {wanted} » ({describe_os_error(exc)}) : "
            "choisissez un dossier où vous pouvez écrire, par exemple --site-dir site",
            EXIT_USAGE,
        )
    try:
        with interruptible() as interruption, staging_dir(target) as staging:
            build_site(analysis, staging, strict=strict)
            if analysis.validated.portfolio.publication.page_accessibilite:
                fill_accessibility_page(analysis, staging)
            try:
                with interruption.deferred():
                    swap_in(staging, target)
            except SiteDirRefused as exc:
                fail(str(exc), EXIT_USAGE)
    except BuildInterrupted as exc:
        fail(
            f"construction interrompue ({exc.signal_name}) : le dossier temporaire est supprimé et le "
            "site précédent est inchangé",
            EXIT_USAGE,
        )
    except OSError as exc:
        where = f" : {exc.filename}" if exc.filename else ""
        fail(
            f"impossible d'écrire le site dans « {wanted} » ({describe_os_error(exc)}{where}) : choisissez "
            "un dossier où vous pouvez écrire, par exemple --site-dir site, ou vérifiez les droits sur ce "
            "dossier",
            EXIT_USAGE,
        )
    index = target / "index.html"
    click.echo(f"Site construit dans {target}")
    click.echo(f"Ouvrez-le dans un navigateur : {index}")


def checked_analysis(portfolio: Path | None, strict: bool, *, action: str, skip_attestation_files: bool = False):
    """Check the portfolio; print its findings; stop (exit 1) on errors, after `--strict` too.

    Without `skip_attestation_files` (the dossier for the commission), every attestation file
    must be in the portfolio folder."""
    from e5portfolio.commands import fail_usage, use_color
    from e5portfolio.core.fileutil import display_prefix
    from e5portfolio.core.report import render_errors, summary_line, top_down_lines
    from e5portfolio.pipeline import PortfolioNotFound, analyse

    try:
        analysis = analyse(portfolio, skip_attestation_files=skip_attestation_files)
    except PortfolioNotFound as exc:
        fail_usage(str(exc))
    report = analysis.report.strict() if strict else analysis.report
    prefix = display_prefix(analysis.root)
    if report.has_errors or analysis.validated is None:
        click.echo(render_errors(report, prefix, use_color()), nl=False)
        fail(f"{action} : corrigez d'abord les erreurs ci-dessus.", EXIT_FINDINGS)
    shown = top_down_lines(report, prefix, use_color())
    for line in shown:
        click.echo(line)
    if shown:
        click.echo(summary_line(report))
    return analysis


def build_site(analysis, folder: Path, *, strict: bool, trusted: bool = True) -> None:
    """Build the checked portfolio's site into `folder` (which MkDocs clears first); exit 1 on failure.

    The plugin checks the portfolio again, with the same --sans-attestations choice as `analysis`.
    Not `trusted` (dossier), the folder's own mkdocs.yml is ignored: the embedded default is used."""
    from e5portfolio.site.runner import SiteBuildError, SiteConfigError, build, config_file_for, load, mkdocs_messages

    with mkdocs_messages(findings=False):
        try:
            with config_file_for(analysis.root, analysis.file, trusted=trusted) as config_file:
                config = load(
                    config_file,
                    analysis.file,
                    site_dir=str(folder),
                    strict=strict,
                    analysis=analysis,
                    skip_attestation_files=analysis.skip_attestation_files,
                )
                build(config)
        except SiteConfigError as exc:
            fail(str(exc), EXIT_USAGE)
        except SiteBuildError as exc:
            fail(str(exc), EXIT_FINDINGS)


GENERATOR_MARK = '<meta name="generator" content="mkdocs-'


def fill_accessibility_page(analysis, folder: Path) -> None:
    """The « Accessibilité » page gets the results of the audit's static accessibility checks, run now on
    every page MkDocs built in `folder` (404.html aside), with the colour checks of the portfolio."""
    import datetime as dt

    from e5portfolio import __version__
    from e5portfolio.audit.a11y_static import RULES, check_page
    from e5portfolio.audit.htmlpage import parse_page
    from e5portfolio.core.referential.rgaa import load_rgaa
    from e5portfolio.site import accessibilite

    rgaa = load_rgaa()
    pages = sorted(p for p in folder.rglob("*.html") if p.name != "404.html" and p.is_file())
    built: dict[Path, str] = {}
    for path in pages:
        html = path.read_text(encoding="utf-8", errors="replace")
        if GENERATOR_MARK in html[:20_000]:  # a page of the site, not a production published as is
            built[path] = html
    failing: dict[str, set[Path]] = {}
    for path, html in built.items():
        for issue in check_page(parse_page(path.as_uri(), html)):
            for criterion in rgaa.criteria_of(f"a11y-{issue.rule}"):
                failing.setdefault(criterion.number, set()).add(path)
    static = []
    for rule in RULES:
        what = rule.doc.split("\n\n")[0].replace("\n", " ").replace("`", "")
        for criterion in rgaa.criteria_of(f"a11y-{rule.id}"):
            static.append(accessibilite.TestedCriterion(criterion, what, len(failing.get(criterion.number, ()))))
    tests = accessibilite.BuildTests(
        f"e5portfolio {__version__}",
        dt.date.today(),
        accessibilite.merged(accessibilite.colour_tests(analysis.validated.portfolio), static),
        pages=len(built),
    )
    for path, html in built.items():
        filled = accessibilite.with_results(html, tests)
        if filled is not None:
            path.write_text(filled, encoding="utf-8")
            _refresh_search_index(folder, path, tests)


def _refresh_search_index(folder: Path, page: Path, tests) -> None:
    """The search index (mkdocs-material's search plugin) holds the page's text as built: give it the
    results too, so that a search never shows the placeholder."""
    import json

    from e5portfolio.core.fileutil import write_text_atomic
    from e5portfolio.site import accessibilite

    index = folder / "search" / "search_index.json"
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no search index (search plugin off): nothing to refresh
    location = page.relative_to(folder).as_posix()
    if location == "index.html" or location.endswith("/index.html"):
        location = location.removesuffix("index.html")
    docs = data.get("docs") if isinstance(data, dict) else None
    if isinstance(docs, list) and accessibilite.with_search_results(docs, location, tests):
        write_text_atomic(index, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
