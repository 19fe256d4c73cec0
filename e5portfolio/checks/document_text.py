"""The text of a published file, for the secrets detector: plain text judged by its content, the
pages of a PDF, the paragraphs of a DOCX/ODT and the members of a zip, each read within limits
(size, page count, time, member count, compression ratio) so that a hostile file stays cheap."""

from __future__ import annotations

import html
import io
import logging
import re
import time
import warnings
import zipfile
from pathlib import Path

SCAN_BYTES = 2 * 1024 * 1024  # text read from one file, one zip member or one XML part
PDF_BYTES = 30 * 1024 * 1024  # larger PDFs are not opened (scans, not typed procedures)
PDF_PAGES = 300
PDF_SECONDS = 5.0  # text extraction of one PDF stops after this (a hostile file may be slow to read)
ZIP_MEMBERS = 2000  # members looked at in one archive
ZIP_TOTAL_BYTES = 40 * 1024 * 1024  # uncompressed bytes read from one archive, at most
ZIP_RATIO = 200  # a member inflating more than this is a zip bomb: not read


def decode_text(raw: bytes) -> str | None:
    """The text of bytes judged by their content (no NUL byte, not a PDF or zip), else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Windows PowerShell ISE, Notepad)
        return raw.decode("utf-16", errors="replace")
    if b"\x00" in raw[:8192] or raw.startswith(b"%PDF") or raw.startswith(b"PK\x03\x04"):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_text_like(path: Path) -> str | None:
    """The text of a file judged by its content (no NUL byte), else None."""
    with path.open("rb") as handle:
        return decode_text(handle.read(SCAN_BYTES))


def pdf_pages(source: Path | bytes) -> list[str]:
    """The text of each page of a PDF (at most PDF_PAGES pages, SCAN_BYTES characters, PDF_SECONDS
    seconds); [] when it cannot be read (damaged, encrypted). pypdf is imported here only: `check` stays fast on
    a portfolio without PDF."""
    import pypdf  # noqa: PLC0415 (lazy: ~0.1 s of import)

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its English warnings are not ours
    pages: list[str] = []
    total = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stream = io.BytesIO(source) if isinstance(source, bytes) else source
            reader = pypdf.PdfReader(stream, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return []
            deadline = time.monotonic() + PDF_SECONDS
            for number, page in enumerate(reader.pages):
                if number >= PDF_PAGES or total >= SCAN_BYTES or time.monotonic() > deadline:
                    break
                text = page.extract_text() or ""
                pages.append(text)
                total += len(text)
    except Exception:  # noqa: BLE001 — pypdf raises many kinds on a damaged file: nothing to read
        return pages
    return pages


_OFFICE_PARTS = re.compile(
    r"word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
    r"|content\.xml|styles\.xml"
)
_XML_BREAK = re.compile(r"</w:p>|<w:br\b[^>]*/>|<w:cr\b[^>]*/>|</text:p>|</text:h>|<text:line-break\b[^>]*/>")
_XML_SPACE = re.compile(r"<w:tab\b[^>]*/>|<text:tab\b[^>]*/>|<text:s\b[^>]*/>")
_XML_TAG = re.compile(r"<[^>]*>")
_XML_LINE_END = re.compile(r"\r\n|\r|\n")  # the file's own line ends: paragraphs are the XML's


def xml_text(xml: str) -> str:
    """Paragraphs of a DOCX/ODT XML part, one per line. Tags are cut by a pattern: no XML
    parser, so no entity expansion from a hostile file."""
    xml = _XML_LINE_END.sub(" ", xml)  # Word writes one after <?xml …?>: not a paragraph
    text = _XML_SPACE.sub(" ", _XML_BREAK.sub("\n", xml))
    return html.unescape(_XML_TAG.sub("", text))


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes | None:
    """At most SCAN_BYTES of one member, None for a directory, a bomb or an encrypted member."""
    if info.is_dir() or budget[0] <= 0:
        return None
    if info.compress_size and info.file_size / info.compress_size > ZIP_RATIO:
        return None
    try:
        with archive.open(info) as handle:
            data = handle.read(min(SCAN_BYTES, budget[0]))
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    budget[0] -= len(data)
    return data


def office_text(archive: zipfile.ZipFile, budget: list[int]) -> str | None:
    """The text of a DOCX or ODT (a zip with word/document.xml or content.xml), else None."""
    names = archive.namelist()
    if "word/document.xml" not in names and "content.xml" not in names:
        return None
    parts = []
    for info in archive.infolist():
        if _OFFICE_PARTS.fullmatch(info.filename):
            data = read_member(archive, info, budget)
            if data:
                parts.append(xml_text(data.decode("utf-8", errors="replace")))
    return "\n".join(parts)


def shown_name(name: str) -> str:
    """A member name fit for a one-line message (no control character)."""
    return "".join(c if c.isprintable() else "?" for c in name)[:120]
