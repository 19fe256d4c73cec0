"""Writes the binary documents of the secrets corpus (run by hand once; the files are committed).

    .venv/bin/python tests/core/secrets_corpus/make_documents.py

DOCX and ODT are written as Word and LibreOffice lay them out (paragraph runs split, tabs,
line breaks, escaped characters); PDFs are printed from HTML by headless Chromium, so their
text is in compressed streams with embedded fonts, as in a real export.
"""

from __future__ import annotations

import html
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
LEAKY = ["Procédure d'installation de GLPI",
         "1. Installer Apache, PHP et MariaDB sur la VM Debian.",
         "2. Créer la base : CREATE USER 'glpi'@'localhost' IDENTIFIED BY 'Glpi#2025';",
         "3. Se connecter à l'interface web.",
         "Identifiant : glpi",
         "Mot de passe : Azerty2025!"]
CLEAN = ["Procédure d'installation de GLPI",
         "1. Installer Apache, PHP et MariaDB sur la VM Debian.",
         "2. Créer la base et un compte dédié (mot de passe stocké dans le coffre KeePass).",
         "3. Se connecter à l'interface web avec le compte fourni par le tuteur.",
         "Le mot de passe doit contenir au moins 12 caractères & un chiffre."]


def _runs(line: str) -> str:
    """A paragraph split in runs, as Word does when spelling or formatting changes mid-line."""
    middle = len(line) // 2
    parts = [line[:middle], line[middle:]]
    return "".join(f'<w:r><w:t xml:space="preserve">{html.escape(p, quote=False)}</w:t></w:r>' for p in parts)


def docx(lines: list[str]) -> bytes:
    body = "".join(f"<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>{_runs(line)}</w:p>" for line in lines)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def odt(lines: list[str]) -> bytes:
    paragraphs = "".join(
        f'<text:p text:style-name="Standard">{html.escape(line, quote=False).replace("  ", " <text:s/>")}</text:p>'
        for line in lines)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               f"<office:body><office:text>{paragraphs}</office:text></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def pdf(lines: list[str]) -> bytes:
    page = ("<html><head><meta charset=utf-8></head><body>"
            + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "page.html")
        source.write_text(page, encoding="utf-8")
        target = Path(tmp, "page.pdf")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={target}", source.as_uri()], check=True, capture_output=True, timeout=120)
        return target.read_bytes()


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return buffer.getvalue()


def main() -> None:
    true, false = HERE / "true", HERE / "false"
    (true / "procedure-glpi.docx").write_bytes(docx(LEAKY))
    (true / "procedure-glpi.odt").write_bytes(odt(LEAKY))
    (true / "procedure-glpi.pdf").write_bytes(pdf(LEAKY))
    (true / "projet-glpi.zip").write_bytes(archive({
        "projet/README.md": b"# Projet GLPI\n", "projet/docker/.env": b"DB_HOST=db\nDB_PASSWORD=Glpi2025\n"}))
    (true / "rendu-documents.zip").write_bytes(archive({"rendu/procedure.docx": docx(LEAKY)}))
    (false / "procedure-glpi.docx").write_bytes(docx(CLEAN))
    (false / "procedure-glpi.odt").write_bytes(odt(CLEAN))
    (false / "procedure-glpi.pdf").write_bytes(pdf(CLEAN))
    (false / "projet-glpi.zip").write_bytes(archive({
        "projet/README.md": b"# Projet GLPI\n", "projet/docker/.env.example": b"DB_HOST=db\nDB_PASSWORD=\n",
        "projet/procedure.docx": docx(CLEAN)}))
    print("documents written", file=sys.stderr)


if __name__ == "__main__":
    main()
