"""The MkDocs plugin `e5portfolio`: checks the portfolio, generates its pages, publishes its files.

- on_config: load and check the portfolio; errors stop the build (PluginError listing the
  located French findings); warnings are logged so that `mkdocs build --strict` fails on them.
  It also makes the site offline and private by construction (our theme, no web font, the
  iframe-worker shim served from the site) and lists only the sections in the nav.
- on_files: the generated pages (File.generated: the sections, one page per réalisation and one
  per production file, see productions.py) and the published files of the portfolio folder
  (photo, productions and the pictures their Markdown shows, attestations only when the
  portfolio asks); nothing else of the portfolio folder reaches the site. With
  `attestations_locales` (e5portfolio build
  --sans-attestations), the attestation files may be absent: they are then not published, with
  a warning when the portfolio asks to publish them.
- on_post_build: portfolio.json and tableau-de-synthese.xlsx at the site root.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from importlib import resources
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from e5portfolio.core.fileutil import SITE_MARKER, SITE_MARKER_TEXT, write_text_atomic
from e5portfolio.core.findings import Severity
from e5portfolio.core.public_data import PUBLIC_DATA_FILE
from e5portfolio.core.referential import ReferentialError
from e5portfolio.core.report import finding_line, info_summary
from e5portfolio.pipeline import Analysis, PortfolioNotFound, analyse
from e5portfolio.site.config import E5PortfolioConfig
from e5portfolio.site.markup import Links, html_text
from e5portfolio.site.pages import GeneratedPage, SiteInput, build_pages, full_name, nav, site_name
from e5portfolio.site.productions import ProductionPage, production_pages
from e5portfolio.site.publication import (
    TABLEAU_FILE,
    PublishedFile,
    lookup,
    public_data,
    published_files,
)

log = get_plugin_logger(__name__)

# Set on the log records of portfolio findings, so that a face that already printed the check
# report (e5portfolio build) can filter them out instead of showing them twice.
FINDING_RECORD_FLAG = "e5portfolio_finding"
INFO_SUMMARY_FLAG = "e5portfolio_info_summary"  # the one line that stands for the informations
DEFAULT_SITE_NAME = "Portfolio E5"
STYLESHEET = "assets/stylesheets/e5portfolio.css"
POLYFILL = "assets/javascripts/iframe-worker.js"


def theme_dir() -> str:
    """The theme folder: theme/ at the root of the repository, installed as e5portfolio.theme."""
    return str(resources.files("e5portfolio.theme"))


class PublishedPortfolioFile(File):
    """A portfolio file copied as is, even when its name ends in .md (a production, not a page)."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


def _same_portfolio(analysis: Analysis, target: Path, skip_attestation_files: bool) -> bool:
    """The command's analysis is of the portfolio this build is configured for, with the same
    --sans-attestations choice."""
    real = os.path.realpath(target)
    return analysis.skip_attestation_files == skip_attestation_files and real in (
        os.path.realpath(analysis.file),
        os.path.realpath(analysis.root),
    )


class E5PortfolioPlugin(BasePlugin[E5PortfolioConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.analysis: Analysis | None = None
        self.given_analysis: Analysis | None = None  # set by site.runner.load for one build
        self.published: dict[str, PublishedFile] = {}
        self.nav_is_ours = False
        self.sections: dict[str, str] = {}  # generated page outside the nav → its section's page
        self.lit: list = []  # nav pages marked active for the page being rendered

    # Before material's offline plugin (priority 0): it adds a shim from unpkg.com unless a
    # polyfill named iframe-worker is already listed.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.analysis = self._checked_portfolio(config)
        assert self.analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
        self.published = published_files(self.analysis.validated, self.analysis.root)
        _warn_unpublished_attestations(self.analysis)
        _name_site(config, self.analysis)
        _make_offline_and_private(config)
        _apply_look(config, self.analysis, self.published)
        self.nav_is_ours = config.nav is None  # completed in on_files, once the docs are known
        return config

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Compiled templates are kept between the builds of one process (the preview rebuilds
        at each save: compiling the theme's templates again took about a third of the time).
        Keyed by template and source checksum: an edited template is compiled again."""
        env.bytecode_cache = _TEMPLATE_CACHE
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.analysis is None:
            return files
        analysis = self.analysis
        assert analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
        site = SiteInput(
            analysis.validated,
            analysis.referential,
            self.published,
            _tableau(analysis),
            Links(config.use_directory_urls),
        )
        productions = production_pages(site)
        pages: list[GeneratedPage | ProductionPage] = [*build_pages(site), *productions.pages]
        self.sections = {page.src_uri: page.section for page in pages if page.section}
        generated = [
            File.generated(
                config,
                page.src_uri,
                content=page.content,
                inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            for page in pages
        ]
        generated += [
            PublishedPortfolioFile.generated(config, item.site_path, abs_src_path=str(item.source))
            for item in [*self.published.values(), *productions.files]
        ]
        kept = self._kept_docs_files(files, config, {f.src_uri for f in generated})
        if self.nav_is_ours:
            own_pages = [f.src_uri for f in kept if f.src_dir == config.docs_dir and f.is_documentation_page()]
            config.nav = _nav_with(nav(analysis.validated.portfolio), own_pages)
        return Files(kept + generated)

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        """A page outside the nav (a réalisation) lights its section in the menu (« Réalisations »);
        MkDocs only marks the page being rendered, and on_post_page turns it off again."""
        section = self.sections.get(page.file.src_uri) if self.config.enabled else None
        if section:
            for item in nav.pages:
                if item.file.src_uri == section and not item.active:
                    item.active = True
                    self.lit.append(item)
        return context

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        while self.lit:
            self.lit.pop().active = False
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.analysis is None:
            return
        analysis = self.analysis
        assert analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
        site_dir = Path(config.site_dir)
        data = public_data(analysis.validated, analysis.referential, self.published)
        write_text_atomic(site_dir / PUBLIC_DATA_FILE, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        from e5portfolio.tableau.synthese import write_tableau

        publish_numero = analysis.validated.portfolio.publication.numero
        write_tableau(analysis.validated, analysis.referential, site_dir / TABLEAU_FILE, publish_numero=publish_numero)
        write_text_atomic(site_dir / SITE_MARKER, SITE_MARKER_TEXT)

    # --- helpers ----------------------------------------------------------------------------

    def _checked_portfolio(self, config: MkDocsConfig) -> Analysis:
        target = Path(self.config.portfolio).expanduser()
        if not target.is_absolute():
            base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
            target = base / target
        given, self.given_analysis = self.given_analysis, None
        try:
            if given is not None and _same_portfolio(given, target, self.config.attestations_locales):
                analysis = given
            else:
                analysis = analyse(target, skip_attestation_files=self.config.attestations_locales)
        except PortfolioNotFound as exc:
            raise PluginError(f"{exc} (option « portfolio » du plugin e5portfolio dans mkdocs.yml)") from None
        except ReferentialError as exc:
            raise PluginError(str(exc)) from None
        report = analysis.report
        prefix = _display_prefix(analysis.root)
        errors = [f for f in report.sorted_findings() if f.severity is Severity.ERROR]
        if errors or analysis.validated is None:
            count = len(errors)
            lines = [finding_line(f, prefix) for f in errors]
            them = "les" if count > 1 else "la"
            raise PluginError(
                "\n".join(
                    [
                        f"{prefix}{report.portfolio} contient {count} erreur{'s' if count > 1 else ''} : le site "
                        f"n'est pas construit ; corrigez-{them} (« e5portfolio check » {them} détaille) :",
                        *lines,
                    ]
                )
            )
        for finding in report.by_severity():
            if finding.severity is Severity.WARNING:
                log.warning(finding_line(finding, prefix), extra={FINDING_RECORD_FLAG: True})
            else:
                log.info(finding_line(finding, prefix), extra={FINDING_RECORD_FLAG: True})
        infos = info_summary(report.findings)
        if infos:  # after the warnings, one line for the informations (the preview shows it)
            log.info(infos, extra={FINDING_RECORD_FLAG: True, INFO_SUMMARY_FLAG: True})
        return analysis

    def _kept_docs_files(self, files: Files, config: MkDocsConfig, generated: set[str]) -> list[File]:
        """Files of docs_dir and of the theme that stay: not a raw portfolio file, not replaced."""
        assert self.analysis is not None  # called by on_files, once the portfolio is analysed
        root = Path(os.path.realpath(self.analysis.root))
        docs = Path(os.path.realpath(config.docs_dir))
        hide_portfolio = docs == root or docs in root.parents
        kept = []
        for file in files:
            from_docs = file.src_dir == config.docs_dir  # both absolute, set by MkDocs
            if (
                from_docs
                and hide_portfolio
                and file.abs_src_path is not None
                and _inside(Path(file.abs_src_path), root)
            ):
                continue  # portfolio.yml, drafts, attestations…: published only through the pages
            if file.src_uri in generated:
                if from_docs:
                    log.warning(
                        f"le fichier « {file.src_uri} » du dossier docs porte le nom d'une page "
                        "générée par e5portfolio : il est ignoré ; renommez-le"
                    )
                continue
            kept.append(file)
        return kept


class _MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode by template key, for the life of the process (jinja checks the source's
    checksum before using it)."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CACHE = _MemoryBytecodeCache()


def _warn_unpublished_attestations(analysis: Analysis) -> None:
    """`publication.attestations: true`, but an attestation file is not there (left on the
    student's computer, --sans-attestations): the site cannot publish it. From the stage facts the
    checks decided (pipeline.Analysis.stage_facts): the file is published when it is there."""
    assert analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
    if not analysis.validated.portfolio.publication.attestations:
        return
    for fact in analysis.stage_facts:
        if fact.attestation is not None and fact.path is None:
            log.warning(
                f"stage « {fact.id} » : l'attestation « {fact.attestation} » n'est pas dans le dossier "
                "du portfolio (les attestations restent sur votre ordinateur), elle n'est donc pas "
                "publiée malgré « publication: attestations: true » ; pour la publier, ajoutez-la au "
                "dépôt (voir .gitignore), sinon retirez « attestations: true »"
            )


def _nav_with(sections: list[dict[str, str]], own_pages: list[str]) -> list:
    """The sections, with the student's own pages (docs folder) before the mentions légales."""
    return [*sections[:-1], *sorted(own_pages), sections[-1]]


def _tableau(analysis: Analysis) -> dict:
    from e5portfolio.tableau.synthese import tableau_rows

    assert analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
    return tableau_rows(analysis.validated, analysis.referential)


def _inside(path: Path, folder: Path) -> bool:
    real = Path(os.path.realpath(path))
    return real == folder or folder in real.parents


def _display_prefix(root: Path) -> str:
    """How to show the portfolio folder in messages: relative to the current folder if possible."""
    try:
        relative = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        relative = root.as_posix()
    return "" if relative in ("", ".") else relative.rstrip("/") + "/"


def _name_site(config: MkDocsConfig, analysis: Analysis) -> None:
    """Site name, author, description and copyright from the candidate, HTML-escaped: themes print
    them unescaped (mkdocs-material's header, <meta> tags, footer)."""
    assert analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
    portfolio = analysis.validated.portfolio
    candidat = portfolio.candidat
    if config.site_name == DEFAULT_SITE_NAME:
        config.site_name = html_text(site_name(portfolio))
    if not config.site_author:
        config.site_author = html_text(full_name(portfolio))
    if not config.site_description:
        config.site_description = html_text(
            f"Portfolio de l'épreuve {analysis.referential.epreuve.numero} du {analysis.referential.diplome}, "
            f"option {candidat.option}, session {candidat.session}"
        )
    if not config.copyright:
        config.copyright = html_text(f"© {dt.date.today().year} {full_name(portfolio)}")  # the build year


def _apply_look(config: MkDocsConfig, analysis: Analysis, published: dict[str, PublishedFile]) -> None:
    """The school's look from `publication:` (checked by the rule couleur-contraste): colours for
    the theme (theme/main.html), the logo in the header, the school's name in the footer."""
    assert analysis.validated is not None  # _checked_portfolio refuses a portfolio that does not validate
    look = analysis.validated.portfolio.publication
    config.extra["e5portfolio_apparence"] = {"couleur": look.couleur, "couleur_sombre": look.couleur_sombre}
    logo = lookup(published, look.logo) if look.logo else None
    if logo is not None:
        config.theme["logo"] = logo.site_path
    if look.etablissement and config.copyright:
        config.copyright += " — " + html_text(look.etablissement)


def _make_offline_and_private(config: MkDocsConfig) -> None:
    """Our theme overrides, no web font, the search shim served from the site itself."""
    ours = os.path.realpath(theme_dir())
    if ours not in (os.path.realpath(d) for d in config.theme.dirs):
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, ours)
    if config.theme.name == "material" and config.theme.get("font") is not False:
        config.theme["font"] = False  # Google Fonts would be a request to another host
    if STYLESHEET not in [str(item) for item in config.extra_css]:
        config.extra_css.append(STYLESHEET)
    polyfills = config.extra.setdefault("polyfills", [])
    if not any("iframe-worker" in str(url) for url in polyfills):
        polyfills.append(POLYFILL)
    if "offline" not in config.plugins and "material/offline" not in config.plugins:
        log.warning(
            "le plugin « offline » de mkdocs-material n'est pas activé : le site ne fonctionnera "
            "pas ouvert depuis une clé USB ; ajoutez « - offline » sous « plugins: » dans mkdocs.yml"
        )
