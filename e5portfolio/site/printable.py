"""Printable portfolio: one print view of the whole site, printed to PDF by headless Chromium.

The print view is a single HTML file (cover, table of contents, then every page of the site,
each section on a new page) whose CSS sets the page size and prints the page numbers in the
page margins (`@page` margin boxes, Chromium ≥ 131). Chromium is run as a program
(`--print-to-pdf`), so no Python dependency is added; Google Chrome and Microsoft Edge work
the same way.

The table of contents shows the page where each section starts. Those numbers are only known
once the document is laid out, so the view is printed twice: the first PDF tells, through its
named destinations (one per section anchor), on which page each section starts; the second
print carries the numbers. The table of contents keeps the same height in both prints (the
number column has a fixed width), so the numbers cannot move the sections.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from e5portfolio.browser import BROWSER_ENV, needs_no_sandbox
from e5portfolio.core.errors import E5Error
from e5portfolio.core.ordering import ordered

PRINT_TIMEOUT_SECONDS = 180


class PrintError(E5Error):
    """The browser could not print the view (French message for the user)."""


def browser_command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The command line that prints `page` to `pdf`: headless, offline, throwaway profile."""
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--mute-audio",
        # the print view is a local file: no request may leave the machine
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",  # its name before Chromium 111
        "--generate-pdf-document-outline",  # PDF bookmarks from the headings
        f"--print-to-pdf={pdf}",
    ]
    if needs_no_sandbox():
        command.append("--no-sandbox")
    command.append(page.resolve().as_uri())
    return command


def print_to_pdf(browser: str, page: Path, pdf: Path) -> bytes:
    """Print the HTML file `page` with `browser`; return the PDF's bytes."""
    # ignore_cleanup_errors: on Windows the browser may hold its profile files a moment longer
    with tempfile.TemporaryDirectory(prefix="e5portfolio-chromium-", ignore_cleanup_errors=True) as profile:
        try:
            done = subprocess.run(
                browser_command(browser, page, pdf, Path(profile)),
                capture_output=True,
                text=True,
                errors="replace",
                timeout=PRINT_TIMEOUT_SECONDS,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise PrintError(
                f"le navigateur ({browser}) n'a pas fini d'imprimer en "
                f"{PRINT_TIMEOUT_SECONDS} s : fermez-le s'il est bloqué et "
                "relancez la commande"
            ) from None
        except OSError as exc:
            raise PrintError(
                f"impossible de lancer le navigateur « {browser} » ({exc.strerror or exc}) : "
                f"vérifiez son installation ou la variable {BROWSER_ENV}"
            ) from None
    data = pdf.read_bytes() if pdf.is_file() else b""
    if done.returncode != 0 or not data.startswith(b"%PDF"):
        detail = _last_lines(done.stderr)
        raise PrintError(
            f"le navigateur ({browser}) n'a pas produit de PDF (code {done.returncode})"
            + (f" : {detail}" if detail else "")
            + " ; mettez-le à jour ou essayez Chromium ou Google Chrome"
        )
    return data


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and "dbus" not in line.lower()]
    return " / ".join(lines[-count:])


# --- Reading back a printed PDF: pages and named destinations (pypdf) ------------------------


def _reader(pdf: bytes):
    import logging
    from io import BytesIO

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is our case to handle, not a warning
    return PdfReader(BytesIO(pdf))


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Named destination (an HTML id that a link points to) → 1-based page number.

    Empty when the PDF cannot be read: the caller then prints the table of contents without
    numbers.
    """
    from pypdf.errors import PyPdfError

    try:
        reader = _reader(pdf)
        found: dict[str, int] = {}
        for name, destination in reader.named_destinations.items():
            number = reader.get_destination_page_number(destination)
            if number is not None and number >= 0:
                found[name[1:] if name.startswith("/") else name] = number + 1
        return found
    except (PyPdfError, ValueError, KeyError, AttributeError, TypeError, RecursionError):
        return {}


def page_count(pdf: bytes) -> int | None:
    from pypdf.errors import PyPdfError

    try:
        return len(_reader(pdf).pages)
    except (PyPdfError, ValueError, KeyError, AttributeError, TypeError, RecursionError):
        return None


# --- Two-pass printing with page numbers in the table of contents ----------------------------

# Renders the whole print view; receives anchor → page number ({} on the first pass).
RenderView = Callable[[dict[str, int]], str]


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int | None
    numbered_toc: bool


def print_view(render: RenderView, anchors: list[str], workdir: Path, browser: str) -> Printed:
    """Print the view twice: the first print gives the page of each anchor to the second one."""
    page = workdir / "impression.html"
    outputs = (page, workdir / "premier-passage.pdf", workdir / "portfolio.pdf")
    try:
        page.write_text(render({}), encoding="utf-8")
        first = print_to_pdf(browser, page, outputs[1])
        found = destination_pages(first)
        numbers = {anchor: found[anchor] for anchor in anchors if anchor in found}
        if len(numbers) != len(anchors):
            return Printed(first, page_count(first), numbered_toc=False)
        page.write_text(render(numbers), encoding="utf-8")
        second = print_to_pdf(browser, page, outputs[2])
        moved = {a: p for a, p in destination_pages(second).items() if a in numbers and p != numbers[a]}
        if moved:  # should not happen: the numbers have a fixed-width column
            return Printed(first, page_count(first), numbered_toc=False)
        return Printed(second, page_count(second), numbered_toc=True)
    finally:  # the site folder may go into the commission's archive: leave nothing there
        for output in outputs:
            output.unlink(missing_ok=True)


# --- The print view: the built site's pages, one after the other ----------------------------

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_NEIGHBOURS = re.compile(r'<nav class="e5-voisins".*?</nav>', re.S)
_URL_ATTR = re.compile(r'(?<![\w-])(href|src)="([^"]*)"')
_ID_ATTR = re.compile(r'(?<![\w-])id="([^"]+)"')
_IDREF_ATTRS = re.compile(r'(?<![\w-])(aria-labelledby|aria-describedby|headers|for)="([^"]+)"')
_SVG_URL_REF = re.compile(r"url\(#([^)]+)\)")
_WEB_LINK = re.compile(r'<a\b[^>]*?\shref="(https?://[^"]+)"[^>]*>(.*?)</a>', re.S)


@dataclass(frozen=True)
class PrintPage:
    """One page of the site in the print view."""

    anchor: str  # id of its section in the print view (and named destination in the PDF)
    title: str  # plain text, for the table of contents
    path: str  # its HTML file in the built site (without directory URLs)
    level: int = 1  # 1: a section of the site; 2: a réalisation, listed under « Réalisations »
    landscape: bool = False


@dataclass(frozen=True)
class Cover:
    """What the first page says (plain text; escaped when written)."""

    title: str
    lines: tuple[str, ...]
    footer: str
    public_url: str | None


def page_body(site_dir: Path, page: PrintPage, anchors: dict[str, str], public_url: str | None) -> str:
    """The main content of a built page, made to live inside the single print view.

    Ids get the page's anchor as prefix (two pages may share an id), links to printed pages
    become links inside the view, links to other files of the site point to the published
    site when its address is known (else they become plain text), images stay relative to
    the site root, where the view is written.
    """
    source = (site_dir / page.path).read_text(encoding="utf-8")
    match = _ARTICLE.search(source)
    if not match:
        raise PrintError(
            f"la page {page.path} du site construit n'a pas le contenu attendu : "
            "signalez ce problème avec votre mkdocs.yml"
        )
    body = _NEIGHBOURS.sub("", _HEADERLINK.sub("", match.group(1)))
    prefix = page.anchor + "--"
    body = _ID_ATTR.sub(lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = _IDREF_ATTRS.sub(lambda m: f'{m.group(1)}="{" ".join(prefix + i for i in m.group(2).split())}"', body)
    body = _SVG_URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", body)
    page_dir = posixpath.dirname(page.path)
    return _URL_ATTR.sub(lambda m: _rewritten_url(m, page_dir, prefix, anchors, public_url), body)


# Words written for the screen, and what paper says instead.
_PAPER_WORDING = (
    (
        re.compile(
            r"qui est aussi disponible au format tableur : (?:<a\b[^>]*>)?télécharger le tableau de synthèse "
            r"\(fichier Excel \.xlsx\)(?:</a>)?(?:<span class=\"e5-adresse\">[^<]*</span>)?"
        ),
        "qui existe aussi au format tableur (fichier Excel .xlsx)",
    ),
)


def on_paper(body: str, numero_label: str, numero: str | None) -> str:
    """A page's body for paper: screen wording replaced; the N° candidat row of the tableau's
    identification holds `numero` (the commission's copy) or is left out (never « non publié »)."""
    for pattern, replacement in _PAPER_WORDING:
        body = pattern.sub(replacement, body)
    label = html.escape(numero_label.rstrip(" :"))
    if not label:
        return body
    row = re.compile(rf'<tr>\s*<th scope="row">\s*{re.escape(label)}\s*</th>\s*<td>.*?</td>\s*</tr>\s*', re.S)
    if numero:
        return row.sub(lambda m: f'<tr><th scope="row">{label}</th><td>{html.escape(numero)}</td></tr>\n', body)
    return row.sub("", body)


class LinkNotes:
    """On paper a link is lost: each link to another site gets a note number after its text
    (« GLPI[3] »), and the addresses are listed once, numbered, at the end of the document. A
    link whose text already is its address gets no note, nor does a link to a page or file of
    the published portfolio (the list says where the portfolio is online). One number per
    address."""

    def __init__(self, public_url: str | None = None) -> None:
        self.numbers: dict[str, int] = {}
        self.public_url = public_url

    def mark(self, body: str) -> str:
        return _WEB_LINK.sub(self._marked, body)

    def _marked(self, match: re.Match) -> str:
        href, label = match.group(1), match.group(2)
        if html.unescape(re.sub(r"<[^>]+>", "", label)).strip() == html.unescape(href):
            return match.group(0)
        if self.public_url and html.unescape(href).startswith(self.public_url):
            return match.group(0)
        number = self.numbers.setdefault(href, len(self.numbers) + 1)
        return f'{match.group(0)}<sup class="e5-renvoi">[{number}]</sup>'

    def listing(self) -> str:
        """The numbered addresses, or "" when no link needed a note."""
        if not self.numbers and not self.public_url:
            return ""
        online = (
            f"<p>Les pages et les productions citées sont en ligne dans le portfolio : "
            f"{html.escape(self.public_url)}</p>\n"
            if self.public_url
            else ""
        )
        items = "\n".join(
            f'<li><span class="e5-renvoi-numero">[{number}]</span> {html.escape(unquote(html.unescape(href)))}</li>'
            for href, number in self.numbers.items()
        )
        listed = f'<ol class="e5-liste-liens">\n{items}\n</ol>\n' if items else ""
        return f'<section class="e5-liens" id="e5-liens">\n<h2>Adresses des liens</h2>\n{online}{listed}</section>'


def _rewritten_url(match: re.Match, page_dir: str, prefix: str, anchors: dict[str, str], public_url: str | None) -> str:
    attribute, value = match.group(1), html.unescape(match.group(2))
    if value.startswith("#"):
        return f'{attribute}="#{prefix}{value[1:]}"' if len(value) > 1 else match.group(0)
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        return match.group(0)  # another site, or mailto:
    target = posixpath.normpath(posixpath.join(page_dir, parts.path)) if parts.path else page_dir
    if attribute == "src":
        return f'src="{html.escape(target, quote=True)}"'
    page_anchor = anchors.get(unquote(target))
    if page_anchor is not None:
        fragment = f"{page_anchor}--{parts.fragment}" if parts.fragment else page_anchor
        return f'href="#{html.escape(fragment, quote=True)}"'
    if public_url:
        return f'href="{html.escape(urljoin(public_url, target), quote=True)}"'
    return ""  # a file of the site, with no public address to point to: plain text


def css_string(value: str) -> str:
    """`value` as a CSS string literal: every ASCII sign escaped, so nothing closes it."""
    escaped = "".join(
        char if char.isalnum() or char == " " or ord(char) > 127 else f"\\{ord(char):x} "
        for char in " ".join(value.split())
    )
    return f'"{escaped}"'


def _toc(pages: list[PrintPage], numbers: dict[str, int]) -> str:
    items: list[str] = []
    open_sub = False
    for page in pages:
        if page.level == 2 and not open_sub:
            items.append('<ol class="e5-sommaire-sous">')
            open_sub = True
        elif page.level == 1 and open_sub:
            items.append("</ol></li>")
            open_sub = False
        elif page.level == 1 and items:
            items.append("</li>")
        number = numbers.get(page.anchor, "")
        items.append(
            f'<li><a href="#{page.anchor}"><span class="e5-titre">{html.escape(page.title)}</span>'
            f'<span class="e5-points" aria-hidden="true"></span>'
            f'<span class="e5-page">{number}</span></a>' + ("</li>" if page.level == 2 else "")
        )
    items.append("</ol></li>" if open_sub else "</li>")
    return "\n".join(items)


def render_view(cover: Cover, pages: list[PrintPage], bodies: dict[str, str], numbers: dict[str, int]) -> str:
    """The whole print view; `numbers` gives the page of each section ({} on the first pass)."""
    notes = LinkNotes(cover.public_url)
    marked = {page.anchor: notes.mark(bodies[page.anchor]) for page in pages}
    portrait = [page for page in pages if not page.landscape]
    landscape = [page for page in pages if page.landscape]

    def section(page: PrintPage) -> str:
        return (
            f'<section class="e5-section{" e5-paysage" if page.landscape else ""}'
            f'{" e5-sous-section" if page.level == 2 else ""}" id="{page.anchor}">\n'
            f"{marked[page.anchor]}\n</section>"
        )

    # the link list closes the portrait pages, before the landscape ones
    sections = "\n".join([*map(section, portrait), notes.listing(), *map(section, landscape)])
    cover_lines = "\n".join(f"<p>{html.escape(line)}</p>" for line in cover.lines)
    return _VIEW.format(
        title=html.escape(cover.title),
        css=_CSS.replace("FOOTER", css_string(cover.footer)),
        cover=cover_lines,
        toc=_toc(pages, numbers),
        sections=sections,
    )


_VIEW = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header class="e5-couverture">
<h1>{title}</h1>
{cover}
</header>
<nav class="e5-sommaire" aria-labelledby="e5-sommaire-titre">
<h2 id="e5-sommaire-titre">Sommaire</h2>
<ol>
{toc}
</ol>
</nav>
<main>
{sections}
</main>
</body>
</html>
"""

_CSS = """
@page {
  size: A4;
  margin: 14mm 14mm 16mm;
  @bottom-left { content: FOOTER; font: 8pt/1.2 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #333; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages);
                  font: 8pt/1.2 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #333; }
}
@page paysage { size: A4 landscape; margin: 10mm 12mm 14mm; }
html { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; font-size: 9pt;
       line-height: 1.3; color: #000; background: #fff; }
body { margin: 0; }
/* the home page starts after the cover; then the sections follow one another, a rule between
   them (the tableau, in landscape, has pages of its own): a compact copy */
.e5-section { margin-top: 8mm; }
.e5-section.e5-sous-section { margin-top: 5mm; padding-top: 2mm; border-top: 1pt solid #1a237e; }
.e5-sous-section h1 { font-size: 13pt; border-bottom: none; padding-bottom: 0; }
.e5-paysage { page: paysage; }
h1 { font-size: 16pt; color: #1a237e; margin: 0 0 .6em; padding-bottom: .2em; border-bottom: 1.5pt solid #1a237e; }
h2 { font-size: 11.5pt; color: #1a237e; margin: .8em 0 .3em; }
h3 { font-size: 10pt; margin: .7em 0 .2em; }
h1, h2, h3, h4, caption { break-after: avoid; }
p, li { orphans: 3; widows: 3; }
a { color: #1a237e; text-decoration: underline; }
a:not([href]) { color: inherit; text-decoration: none; }
.e5-renvoi { font-size: 6.5pt; line-height: 0; }
.e5-liens { break-before: auto; margin-top: 8mm; }
.e5-liste-liens { list-style: none; padding: 0; font-size: 7.5pt; columns: 2; column-gap: 8mm; }
.e5-liste-liens li { overflow-wrap: anywhere; margin: 0 0 1pt; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 8.5pt; }
th, td { border: .5pt solid #777; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
thead th, tbody th[scope="rowgroup"] { background: #e8eaf6; }
caption { caption-side: top; text-align: left; font-weight: 700; padding-bottom: 3pt; }
tr, img, svg, figure, dt { break-inside: avoid; }
/* a heading stays with what follows it: a part's heading row with its first row, a section
   heading with its table (Chromium keeps a row with the next one on break-after: avoid) */
tbody > tr:first-child, tr:has(> th[scope="rowgroup"]) { break-after: avoid; }
h2 + table, h2 + div, h3 + table, h3 + div, caption + thead { break-before: avoid; }
ul, ol { margin: 2pt 0 4pt; padding-left: 1.3em; }
li { margin: 0; }
p { margin: 0 0 4pt; }
ul ul { margin-top: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; }
dt { font-weight: 700; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 1.2em; }
img { max-width: 100%; height: auto; }
.e5-photo { float: right; max-width: 32mm; margin: 0 0 4mm 6mm; }
.e5-identite::after { content: ""; display: block; clear: both; }
figure { margin: 1em 0; }
figcaption { font-size: 8pt; color: #333; }
svg { max-width: 100%; height: auto; }
.e5-couverture { padding-top: 6mm; text-align: center; }
.e5-couverture h1 { font-size: 22pt; border: none; }
.e5-couverture p { margin: .3em 0; font-size: 11pt; }
.e5-sommaire { margin-top: 6mm; font-size: 8.5pt; }
.e5-sommaire h2 { font-size: 13pt; }
.e5-sommaire ol { list-style: none; padding: 0; margin: 0; }
.e5-sommaire-sous { padding-left: 1.5em !important; font-size: 9pt; }
.e5-sommaire a { display: flex; align-items: flex-end; color: #000; text-decoration: none; padding: 1.5pt 0; }
.e5-titre { flex: 0 1 auto; }
.e5-points { flex: 1 1 1em; border-bottom: .8pt dotted #555; margin: 0 4pt .35em; }
.e5-page { flex: none; width: 2.2em; text-align: right; }
/* classes of the site's design (theme/): words for screen readers, badges, chips, cards */
.e5-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.e5-nom, .e5-initiales { display: none; }
.e5-badges, .e5-puces, .e5-bandeau-competences { display: inline; margin: 0; padding: 0; list-style: none; }
.e5-badges li, .e5-puces li, .e5-bandeau-competences li { display: inline; }
.e5-badges li + li::before, .e5-puces li + li::before { content: ", "; }
.e5-bandeau-competences li { display: block; }
.e5-bandeau__nombre::before { content: " — "; }
.e5-badges a { color: #000; text-decoration: none; }
.e5-cartes { list-style: none; padding: 0; }
.e5-carte { break-inside: avoid; margin: 0 0 6pt; padding-left: 6pt; border-left: 1.5pt solid #1a237e; }
.e5-carte h3, .e5-carte p { margin: 0 0 1pt; }
.e5-contribution { padding-left: 6pt; border-left: 1.5pt solid #1a237e; }
/* what the screen shows for navigation, and the annex's indicators: not on paper */
.e5-ecran-seul, .e5-cartes, .e5-chapeau, .e5-bandeau-competences, .e5-indicateurs, .e5-carte__vignette { display: none; }
#realisations > :not(h1) { display: none; }
/* the home page: the portrait beside the name's lines, the contacts on one line */
.e5-hero__portrait { float: right; }
.e5-hero .e5-photo { max-width: 28mm; margin: 0 0 3mm 6mm; border-radius: 50%; }
.e5-accroche { font-weight: 700; font-size: 11pt; margin: 0 0 2pt; }
.e5-cursus { margin: 0 0 4pt; color: #333; }
.e5-contacts { list-style: none; padding: 0; margin: 0 0 6pt; }
.e5-contacts li { display: inline; }
.e5-contacts li + li::before { content: " · "; }
.e5-hero__presentation { clear: none; }
/* pictures of a réalisation: printed, side by side when several */
.e5-galerie { display: flex; flex-wrap: wrap; gap: 4mm; margin: 2mm 0 4mm; }
.e5-galerie figure { margin: 0; flex: 1 1 70mm; max-width: 100mm; }
.e5-galerie img { max-height: 42mm; width: auto; border: .5pt solid #999; }
/* the tableau: compact */
.e5-tableau table { font-size: 7pt; line-height: 1.2; margin-top: 2pt; }
.e5-tableau caption { display: none; }
.e5-tableau th, .e5-tableau td { padding: 1.5pt 3pt; }
.e5-tableau th ul { margin: 1pt 0 0; padding: 0; list-style: none; }
.e5-tableau th ul li { display: inline; }
.e5-tableau th ul li + li::before { content: " ; "; }
.e5-tableau thead tr:first-child th:first-child { width: 36%; }
.e5-tableau thead tr:first-child th:nth-child(2) { width: 8%; }
.e5-tableau td.e5-oui { text-align: center; }
.e5-identification { width: auto; font-size: 7.5pt; margin: 2pt 0 4pt; }
.e5-identification th, .e5-identification td { padding: 1pt 4pt; }
.e5-paysage h1 { font-size: 13pt; margin-bottom: 3pt; }
.e5-paysage h2 { font-size: 10pt; margin: 4pt 0 2pt; }
"""


# --- From a portfolio to its PDF ----------------------------------------------------------------


def print_pages(portfolio, realisations) -> list[PrintPage]:
    """The pages of the site, in the order of its navigation, each réalisation after the index."""
    from e5portfolio.site.markup import realisation_uri
    from e5portfolio.site.pages import MENTIONS, REALISATIONS, TABLEAU, sections

    def html_path(src_uri: str) -> str:
        return src_uri.removesuffix(".md") + ".html"

    result: list[PrintPage] = []
    tableau: list[PrintPage] = []
    for title, src_uri in sections(portfolio):
        if src_uri == MENTIONS:
            continue  # about the web site itself, not the portfolio
        anchor = posixpath.basename(src_uri).removesuffix(".md")
        page = PrintPage(anchor, title, html_path(src_uri), landscape=src_uri == TABLEAU)
        # the tableau, in landscape on pages of its own, closes the copy (the portrait pages
        # before it run on without a blank half page)
        (tableau if src_uri == TABLEAU else result).append(page)
        if src_uri == REALISATIONS:
            result += [
                PrintPage(f"r-{entry.id}", entry.intitule, html_path(realisation_uri(entry)), level=2)
                for entry in realisations
            ]
    return result + tableau


def cover_of(analysis, today: dt.date | None = None, *, commission: bool = False) -> Cover:
    from e5portfolio.site.markup import date_long
    from e5portfolio.site.pages import OPTIONS, full_name, site_name

    portfolio = analysis.validated.portfolio
    candidat = portfolio.candidat
    referential = analysis.referential
    lines = [
        f"{referential.diplome}, option {candidat.option} ({OPTIONS[candidat.option]})",
        f"Épreuve {referential.epreuve.numero} — {referential.epreuve.intitule}",
        f"Session {candidat.session} — {candidat.centre}",
    ]
    if commission and candidat.numero:
        lines.append(f"N° candidat : {candidat.numero}")
    if candidat.url:
        lines.append(f"Portfolio en ligne : {candidat.url}")
    lines.append(f"Document imprimé le {date_long(today or dt.date.today())}")
    footer = f"{full_name(portfolio)} — Portfolio {referential.epreuve.numero}, session {candidat.session}"
    public_url = (
        candidat.url if candidat.url and candidat.url.endswith("/") else (f"{candidat.url}/" if candidat.url else None)
    )
    return Cover(site_name(portfolio), tuple(lines), footer, public_url)


def portfolio_pdf(analysis, site_dir: Path, browser: str, *, commission: bool = False) -> Printed:
    """Print the portfolio whose site was built in `site_dir` (the view is written there, then
    removed). `commission`: the copy for the commission (e5portfolio dossier), which prints the
    N° candidat; any other copy leaves that line out."""
    pages = print_pages(analysis.validated.portfolio, ordered(analysis.validated.realisations))
    cover = cover_of(analysis, commission=commission)
    anchors = {page.path: page.anchor for page in pages}
    numero = analysis.validated.portfolio.candidat.numero if commission else None
    label = analysis.referential.tableau.identification.get("numero", "")
    bodies = {
        page.anchor: on_paper(page_body(site_dir, page, anchors, cover.public_url), label, numero) for page in pages
    }
    return print_view(
        lambda numbers: render_view(cover, pages, bodies, numbers), [page.anchor for page in pages], site_dir, browser
    )


def is_our_pdf(path: Path, title_prefix: str = "Portfolio E5") -> bool:
    """A PDF e5portfolio wrote before (Chromium's, titled « Portfolio E5 … » or `title_prefix`):
    safe to replace."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)  # Skia writes the document information first
    except OSError:
        return False
    title_utf16 = title_prefix.encode("utf-16-be").hex().upper().encode()
    return (
        head.startswith(b"%PDF")
        and b"/Producer (Skia/PDF" in head
        and (b"/Title (" + title_prefix.encode() in head or b"/Title <FEFF" + title_utf16 in head)
    )
