"""One page per production file: what it is, its download link, and its content shown in the page.

MkDocs-independent, like pages.py. What a production page shows depends on the file type:

- a Markdown document is rendered like a free-text field (freetext.py: raw HTML shown as text,
  only http, https, mailto and in-page links, no script), except that it may show the pictures
  that its own folder holds (they are then published with it); its raw file stays downloadable;
- a script or configuration file is highlighted (Pygments, through pymdownx.highlight, which
  mkdocs-material already installs) with line numbers, offline; a long file shows its first
  lines only, with the download link for the rest;
- a picture is shown, its title as text alternative;
- a PDF gets an inline preview (`<object>`, with a link as fallback where the browser cannot);
- an HTML page or an SVG picture (they can run scripts) is offered for download only, never
  shown in the site's own origin; any other type too.

Every read is capped in size; a file that cannot be read as text is offered for download only.
The pages stay out of the navigation and of the search index (the réalisation pages link them).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from e5portfolio.checks.files import FileRef, normalise, resolve_ref
from e5portfolio.core.model import Production, ResolvedRealisation
from e5portfolio.site.freetext import FreeText
from e5portfolio.site.markup import attr, block, page_source, realisation_uri, size_fr, text
from e5portfolio.site.publication import PublishedFile, lookup, site_path_of

if TYPE_CHECKING:
    from e5portfolio.site.pages import SiteInput

PRODUCTIONS_DIR = "productions"
MAX_TEXT_BYTES = 512 * 1024  # a Markdown document bigger than this is offered for download only
MAX_CODE_BYTES = 256 * 1024  # at most this much of a script is read…
MAX_CODE_LINES = 800  # …and at most this many lines are shown
MAX_IMAGE_BYTES = 10 * 1024 * 1024  # a picture of a Markdown document, published with it
# Pygments' lexers backtrack on very long lines (a base64 certificate in a PowerShell here-string:
# minutes for 200 KB): a text with a line longer than this, or longer than MAX_HIGHLIGHT_CHARS in
# all, is shown as plain text (linear), and the page says so.
MAX_HIGHLIGHT_LINE = 2000
MAX_HIGHLIGHT_CHARS = 128 * 1024
PLAIN_TEXT_NOTE = (
    "Ce fichier contient des lignes très longues (plus de {line} caractères) ou est très "
    "long : il est affiché sans coloration syntaxique."
)

MARKDOWN, CODE, IMAGE, PDF, DOWNLOAD = "markdown", "code", "image", "pdf", "download"

# suffix → (French description, how the page shows it, Pygments language for code)
TYPES: dict[str, tuple[str, str, str]] = {
    ".md": ("document Markdown", MARKDOWN, ""),
    ".markdown": ("document Markdown", MARKDOWN, ""),
    ".ps1": ("script PowerShell", CODE, "powershell"),
    ".psm1": ("module PowerShell", CODE, "powershell"),
    ".sh": ("script shell", CODE, "bash"),
    ".bash": ("script shell", CODE, "bash"),
    ".bat": ("script batch Windows", CODE, "batch"),
    ".cmd": ("script batch Windows", CODE, "batch"),
    ".py": ("script Python", CODE, "python"),
    ".sql": ("script SQL", CODE, "sql"),
    ".php": ("code PHP", CODE, "php"),
    ".js": ("code JavaScript", CODE, "javascript"),
    ".css": ("feuille de style CSS", CODE, "css"),
    ".conf": ("fichier de configuration", CODE, "text"),
    ".cfg": ("fichier de configuration", CODE, "ini"),
    ".ini": ("fichier de configuration", CODE, "ini"),
    ".yml": ("fichier YAML", CODE, "yaml"),
    ".yaml": ("fichier YAML", CODE, "yaml"),
    ".json": ("fichier JSON", CODE, "json"),
    ".xml": ("fichier XML", CODE, "xml"),
    ".csv": ("fichier CSV", CODE, "text"),
    ".txt": ("fichier texte", CODE, "text"),
    ".log": ("journal", CODE, "text"),
    ".png": ("image PNG", IMAGE, ""),
    ".jpg": ("image JPEG", IMAGE, ""),
    ".jpeg": ("image JPEG", IMAGE, ""),
    ".gif": ("image GIF", IMAGE, ""),
    ".webp": ("image WebP", IMAGE, ""),
    ".pdf": ("document PDF", PDF, ""),
    ".html": ("page HTML", DOWNLOAD, ""),
    ".htm": ("page HTML", DOWNLOAD, ""),
    ".svg": ("image SVG", DOWNLOAD, ""),
    ".docx": ("document Word", DOWNLOAD, ""),
    ".odt": ("document OpenDocument", DOWNLOAD, ""),
    ".xlsx": ("classeur Excel", DOWNLOAD, ""),
    ".ods": ("classeur OpenDocument", DOWNLOAD, ""),
    ".pptx": ("présentation PowerPoint", DOWNLOAD, ""),
    ".odp": ("présentation OpenDocument", DOWNLOAD, ""),
    ".zip": ("archive ZIP", DOWNLOAD, ""),
}
IMAGE_SUFFIXES = frozenset(suffix for suffix, (_, kind, _) in TYPES.items() if kind == IMAGE)


@dataclass(frozen=True)
class ProductionPage:
    src_uri: str
    title: str  # plain text
    content: str
    in_nav: bool = False
    section: str = "realisations.md"  # the menu keeps « Réalisations » lit (pages.REALISATIONS)


@dataclass
class ProductionPages:
    pages: list[ProductionPage] = field(default_factory=list)
    files: list[PublishedFile] = field(default_factory=list)  # pictures of Markdown documents


def production_uri(entry: ResolvedRealisation, number: int) -> str:
    """Source of the page of the `number`-th production (1-based) of a réalisation."""
    return f"{PRODUCTIONS_DIR}/{entry.id}-{number}.md"


def kind_of(name: str) -> tuple[str, str, str]:
    """(French description, display kind, Pygments language) of a file, from its name."""
    suffix = PurePosixPath(name).suffix.lower()
    return TYPES.get(suffix, (f"fichier {suffix.lstrip('.').upper()}" if suffix else "fichier", DOWNLOAD, ""))


def production_pages(site: SiteInput) -> ProductionPages:
    """A page for each production file of each réalisation (links have no page)."""
    writer = _ProductionWriter(site)
    result = ProductionPages()
    for entry in site.realisations:
        for number, production in enumerate(entry.source.productions, start=1):
            found = lookup(site.published, production.fichier) if production.fichier else None
            if found is not None:
                result.pages.append(writer.page(entry, number, production, found))
    result.files = list(writer.pictures.values())
    return result


class _ProductionWriter:
    def __init__(self, site: SiteInput):
        self.site = site
        self.links = site.links
        self.freetext = FreeText(highlight_code=True)
        self._plain_freetext: FreeText | None = None  # for documents too long to highlight
        self.pictures: dict[str, PublishedFile] = {}

    def page(
        self, entry: ResolvedRealisation, number: int, production: Production, found: PublishedFile
    ) -> ProductionPage:

        uri = production_uri(entry, number)
        name = PurePosixPath(normalise(found.written)).name
        label, kind, language = kind_of(name)
        size = found.size
        back = f'<a href="{self.links.page(uri, realisation_uri(entry))}">{text(entry.intitule)}</a>'
        facts = [
            ("Réalisation", back),
            ("Fichier", f"<code>{text(name)}</code>"),
            ("Type", label),
            ("Taille", size_fr(size)),
        ]
        href = self.links.file(uri, found.site_path)
        verb = "Ouvrir" if kind in (PDF, IMAGE) else "Télécharger"
        download = "" if kind in (PDF, IMAGE) else f' download="{attr(name)}"'
        parts = [
            block('<dl class="e5-fiche">', *(f"<dt>{k}</dt>\n<dd>{v}</dd>" for k, v in facts), "</dl>"),
            block(
                f'<p class="e5-telecharger"><a href="{href}"{download}>{verb} le fichier '
                f"« {text(name)} » ({label}, {size_fr(size)})</a></p>"
            ),
        ]
        show = {MARKDOWN: self.markdown, CODE: self.code, IMAGE: self.image, PDF: self.pdf}.get(kind)
        parts.extend(
            show(uri, production, found, href, language)
            if show
            else self.download_only(f"Ce fichier ({label}) n'est pas affiché dans le site")
        )
        parts.append(block(f'<p class="e5-retour">Retour à la réalisation {back}</p>'))
        # kept out of the search index: a few scripts would double its size (slower to load from a
        # USB key on a slow PC), and a search finds the réalisation, which links its productions
        content = page_source(production.titre, *parts).replace("---\n", "---\nsearch:\n  exclude: true\n", 1)
        return ProductionPage(uri, production.titre, content)

    # --- each kind ------------------------------------------------------------------------

    def markdown(self, uri: str, production: Production, found: PublishedFile, href: str, language: str) -> list[str]:

        data = _read(found.source, MAX_TEXT_BYTES + 1)
        source = _decode(data) if data is not None and len(data) <= MAX_TEXT_BYTES else None
        if source is None:
            return [
                block(
                    "<p>Ce document est trop long ou illisible pour être affiché dans la page : "
                    "téléchargez-le pour le lire.</p>"
                )
            ]
        folder = posixpath.dirname(posixpath.normpath(normalise(found.written)))

        def resolve(target: str) -> str | None:
            path = unquote(target.split("#")[0])
            linked = lookup(self.site.published, posixpath.join(folder, path)) if path else None
            return self.links.file(uri, linked.site_path) if linked else None

        def resolve_image(target: str) -> str | None:
            path = unquote(target.split("#")[0].split("?")[0])
            if PurePosixPath(path).suffix.lower() not in IMAGE_SUFFIXES:
                return None
            picture = self.picture(found.source.parent, posixpath.join(folder, path), path)
            return self.links.file(uri, picture.site_path) if picture else None

        renderer, note = self.freetext, ""
        if not within_highlight_budget(source):  # its code blocks would take Pygments minutes
            if self._plain_freetext is None:
                self._plain_freetext = FreeText(highlight_code=False)
            renderer, note = self._plain_freetext, block(f"<p>{_plain_note()}</p>")
        rendered = renderer.render(source, base_level=3, resolve=resolve, resolve_image=resolve_image)
        return ["## Contenu du document", note, block('<div class="e5-texte e5-document">', rendered, "</div>")]

    def picture(self, folder: Path, written: str, relative: str) -> PublishedFile | None:
        """A picture of the document's own folder (never outside it), published with the site."""
        resolved = resolve_ref(folder, FileRef((), relative, ""))
        if resolved.path is None or resolved.path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        key = posixpath.normpath(written)
        known = self.site.published.get(key) or self.pictures.get(key)
        if known is None:
            known = self.pictures[key] = PublishedFile(written, resolved.path, site_path_of(written))
        return known

    def code(self, uri: str, production: Production, found: PublishedFile, href: str, language: str) -> list[str]:

        data = _read(found.source, MAX_CODE_BYTES)
        source = _decode(data) if data is not None else None
        if source is None:
            return self.download_only("Ce fichier n'est pas un texte lisible, il n'est donc pas affiché dans le site")
        lines = source.splitlines()
        cut = len(lines) > MAX_CODE_LINES or found.size > MAX_CODE_BYTES
        if found.size > MAX_CODE_BYTES:
            lines = lines[:-1]  # the last line read may be cut in the middle
        shown = "\n".join(lines[:MAX_CODE_LINES]) + "\n"
        note = (
            block(
                f"<p>Fichier long : seules ses {min(len(lines), MAX_CODE_LINES)} premières lignes sont "
                "affichées ; téléchargez-le pour le lire en entier.</p>"
            )
            if cut
            else ""
        )
        html, coloured = highlight_within_budget(shown, language)
        if not coloured:
            note += block(f"<p>{_plain_note()}</p>")
        return [
            "## Contenu du fichier",
            note,
            block(
                f'<div class="e5-code" role="region" aria-label="Contenu de {text(production.titre)}">', html, "</div>"
            ),
        ]

    def image(self, uri: str, production: Production, found: PublishedFile, href: str, language: str) -> list[str]:

        return [
            "## Aperçu",
            block(
                f'<figure class="e5-production-image"><img src="{href}" '
                f'alt="{text(production.titre)}" loading="lazy"></figure>'
            ),
        ]

    def pdf(self, uri: str, production: Production, found: PublishedFile, href: str, language: str) -> list[str]:

        title = text(production.titre)
        return [
            "## Aperçu",
            block(
                f'<object class="e5-apercu-pdf" data="{href}" type="application/pdf" '
                f'aria-label="Aperçu du document PDF « {title} »">',
                f'<p>Votre navigateur n\'affiche pas les PDF dans la page : <a href="{href}">ouvrir le document '
                f"« {title} »</a>.</p>",
                "</object>",
            ),
        ]

    def download_only(self, why: str) -> list[str]:

        return [block(f"<p>{why} : téléchargez-le pour l'ouvrir.</p>")]


_highlighter = None


def highlight_within_budget(source: str, language: str) -> tuple[str, bool]:
    """(HTML, coloured): `source` coloured by Pygments (with line numbers) when it is within the
    budget, else shown as plain text by Pygments' linear text lexer (same markup)."""
    global _highlighter
    if _highlighter is None:
        import markdown
        from pymdownx.highlight import Highlight

        _highlighter = Highlight(markdown.Markdown(), guess_lang=False, linenums=True, linenums_style="pymdownx-inline")
    coloured = within_highlight_budget(source)
    # pymdownx-inline: a line-number span starts every line, so the block has no blank line
    # (a blank line would end the raw HTML block in the page's Markdown)
    html = _highlighter.highlight(source, (language or "text") if coloured else "text", linestart=1)
    return html, coloured


def within_highlight_budget(source: str) -> bool:
    """Whether Pygments may colour `source` in time linear in its size: no line longer than
    MAX_HIGHLIGHT_LINE characters, at most MAX_HIGHLIGHT_CHARS in all."""
    if len(source) > MAX_HIGHLIGHT_CHARS:
        return False
    return all(len(line) <= MAX_HIGHLIGHT_LINE for line in source.splitlines())


def _plain_note() -> str:
    return PLAIN_TEXT_NOTE.format(line=f"{MAX_HIGHLIGHT_LINE:,}".replace(",", "\u202f"))


def _read(path: Path, limit: int) -> bytes | None:
    try:
        with path.open("rb") as stream:
            return stream.read(limit)
    except OSError:
        return None


def _decode(data: bytes) -> str | None:
    """Text of a production: UTF-8 (with or without BOM), else Windows-1252 (old Windows
    scripts); None for a binary file."""
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut by the size cap
            try:
                return data[: error.start].decode("utf-8-sig")
            except UnicodeDecodeError:
                pass
    return data.decode("cp1252", errors="replace")
