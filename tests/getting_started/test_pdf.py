"""`e5portfolio pdf`: the whole portfolio in one PDF, read back with poppler's pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from e5portfolio.core.ordering import ordered
from e5portfolio.pipeline import analyse
from e5portfolio.site.printable import css_string, destination_pages, print_pages
from tests.support.browser import require_chromium
from tests.support.tools import require_tool

from .conftest import REPO_ROOT, SAMPLE, init_portfolio, run_cli

pytestmark = pytest.mark.browser

# The first line of the page where each section starts (its h1 on the site).
SECTION_HEADINGS = {
    "Accueil": "Camille LE GALL",
    "Parcours": "Parcours",
    "Réalisations": "Réalisations professionnelles",
    "Compétences": "Compétences",
    "Tableau de synthèse": "Tableau de synthèse des réalisations professionnelles",
    "Veille": "Veille informationnelle",
}


def poppler(program: str, *args: str | Path) -> str:
    require_tool(shutil.which(program) is not None, f"{program} (poppler-utils) is not installed")
    return subprocess.run([program, *map(str, args)], capture_output=True, text=True, check=True).stdout


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return poppler("pdftotext", "-layout", pdf, "-").split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    output = tmp_path_factory.mktemp("pdf") / "camille.pdf"
    result = run_cli("pdf", SAMPLE, "-o", output)
    assert result.exit_code == 0, result.output
    assert f"PDF du portfolio écrit dans {output}" in result.stdout
    return output


@pytest.fixture(scope="module")
def sample_pages(sample_pdf: Path) -> list[str]:
    return page_texts(sample_pdf)


def toc_entries(first_page: str) -> list[tuple[str, int]]:
    """(title, page) of each line of the table of contents on the first page."""
    after = first_page.split("Sommaire", 1)[1]
    return [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", after, re.M)]


def test_every_page_is_numbered(sample_pdf: Path, sample_pages: list[str]) -> None:
    count = int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", sample_pdf), re.M).group(1))
    assert len(sample_pages) == count
    for number, text in enumerate(sample_pages, start=1):
        assert f"Page {number} / {count}" in text, number
        assert "Camille LE GALL — Portfolio E5, session 2026" in text


def test_text_holds_every_realisation_title(sample_pages: list[str]) -> None:
    validated = analyse(SAMPLE).validated
    text = flat(" ".join(sample_pages))
    for entry in validated.realisations:
        assert flat(entry.intitule) in text, entry.intitule


def test_table_of_contents_gives_the_first_page_of_each_section(sample_pages: list[str]) -> None:
    validated = analyse(SAMPLE).validated
    entries = toc_entries(sample_pages[0])
    expected = [page.title for page in print_pages(validated.portfolio, ordered(validated.realisations))]
    assert [flat(title) for title, _ in entries] == [flat(title) for title in expected]
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers), "the sections run on, in the order of the table of contents"
    assert numbers[0] == 1 and numbers[-1] <= len(sample_pages)  # the home page follows the cover
    for title, number in entries:
        heading = flat(SECTION_HEADINGS.get(title, title))
        assert heading in flat(sample_pages[number - 1]), (title, number)


def test_the_sample_prints_on_at_most_ten_pages(sample_pdf: Path) -> None:
    """Eight réalisations, the tableau in landscape, the veille: a copy a jury reads, not 20 pages."""
    count = int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", sample_pdf), re.M).group(1))
    assert count <= 10, count


def test_no_raw_address_follows_a_link_and_the_addresses_are_listed_once(
    sample_pdf: Path, sample_pages: list[str]
) -> None:
    text = poppler("pdftotext", sample_pdf, "-")  # reading order: a two-column list stays in order
    # every web address printed is on the cover, in the list at the end, or in the tableau's
    # identification, whose text is that address: none comes right after a link's text
    allowed = (
        r"Portfolio en ligne : ",
        r"Les pages et les productions citées sont en ligne dans le portfolio : ",
        r"\[\d+\] ",
        r"^",
    )
    for line in text.splitlines():
        for found in re.finditer(r"https?://", line):
            before = line[: found.start()]
            assert any(re.search(pattern + "$", before) for pattern in allowed), line
    assert "<https://" not in text and "(https://" not in text
    listing = flat(text.split("Adresses des liens", 1)[1])
    numbers = re.findall(r"\[(\d+)\] https?://", listing)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) >= 5
    # a link's text carries its note number: « LinkedIn[1] » on the home page
    assert "LinkedIn[1]" in flat(text) and "[1] https://www.linkedin.com/in/camille-legall-sisr" in listing
    # the links still work in the PDF itself: productions point to the published site
    assert (
        b"/URI (https://camille-legall.github.io/portfolio/productions/sauvegarde-rsync-1.html)"
        in sample_pdf.read_bytes()
    )


def test_pictures_are_printed(sample_pdf: Path) -> None:
    images = poppler("pdfimages", "-list", sample_pdf).splitlines()[2:]
    # the photo, the network diagram and the two Zabbix screenshots
    assert len(images) >= 4, images


def test_tableau_is_printed_in_landscape(sample_pdf: Path, sample_pages: list[str]) -> None:
    number = dict(toc_entries(sample_pages[0]))["Tableau de synthèse"]
    info = poppler("pdfinfo", "-f", str(number), "-l", str(number), sample_pdf)
    width, height = map(float, re.search(rf"Page\s+{number} size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height


def test_productions_are_printed_with_their_titles_and_file_names(sample_pages: list[str]) -> None:
    text = flat(" ".join(sample_pages))
    for entry in analyse(SAMPLE).validated.realisations:
        for production in entry.source.productions:
            assert flat(production.titre) in text, production.titre
            if production.fichier:
                assert f"(fichier {production.fichier.rsplit('/', 1)[-1]}," in text, production.fichier


def test_paper_wording_and_no_candidate_number_on_the_public_copy(sample_pages: list[str]) -> None:
    text = flat(" ".join(sample_pages))
    assert "N° candidat" not in text and "non publié" not in text and "02534871209" not in text
    assert "en ligne et à télécharger" not in text and "télécharger le tableau" not in text
    assert "qui existe aussi au format tableur (fichier Excel .xlsx)" in text
    assert "carte" not in text  # the cards are for the screen


def test_a_new_portfolio_prints_without_a_public_address(tmp_path: Path) -> None:
    require_chromium()
    folder = init_portfolio(tmp_path / "p")
    result = run_cli("pdf", folder)
    assert result.exit_code == 0, result.output
    pages = page_texts(folder / "portfolio.pdf")
    text = flat(" ".join(pages))
    assert "EXEMPLE — Mon environnement d'apprentissage et ma veille" in text
    assert "file://" not in text and "fichiers/productions" not in text
    numbers = [n for _, n in toc_entries(pages[0])]
    assert numbers and numbers == sorted(numbers)  # the sections run on, in order
    again = run_cli("pdf", folder)  # its own previous PDF is replaced
    assert again.exit_code == 0, again.output


def test_a_portfolio_with_errors_prints_only_its_errors_and_no_pdf(tmp_path: Path) -> None:
    require_chromium()
    folder = init_portfolio(tmp_path / "p")
    file = folder / "portfolio.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("  option: SISR", "  option: SIRS", 1), encoding="utf-8")
    result = run_cli("pdf", folder)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if not line.startswith("    ")] == [
        lines[0],
        "1 erreur, " + lines[-1].split(", ", 1)[1],
    ]
    assert "erreur [schema] valeur « SIRS » non autorisée pour « option »" in lines[0]
    assert "Couverture des compétences" not in result.output and "avertissement [" not in result.output
    assert "le PDF n'est pas écrit : corrigez d'abord les erreurs ci-dessus." in result.stderr
    assert not (folder / "portfolio.pdf").exists()


def test_an_existing_file_that_is_not_our_pdf_is_kept(tmp_path: Path) -> None:
    require_chromium()
    folder = init_portfolio(tmp_path / "p")
    mine = folder / "portfolio.pdf"
    mine.write_bytes(b"%PDF-1.7 my own scan\n")
    result = run_cli("pdf", folder)
    assert result.exit_code == 2
    assert "existe déjà et n'est pas un PDF de portfolio" in result.stderr
    assert mine.read_bytes() == b"%PDF-1.7 my own scan\n"


def test_without_chromium_the_message_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("E5PORTFOLIO_CHROMIUM", "no-such-browser-here")
    folder = init_portfolio(tmp_path / "p")
    result = run_cli("pdf", folder)
    assert result.exit_code == 2
    assert "aucun navigateur Chromium trouvé" in result.stderr and "apt install chromium" in result.stderr
    assert not (folder / "portfolio.pdf").exists()


def test_a_pdf_of_another_shape_gives_no_page_numbers() -> None:
    assert destination_pages(b"%PDF-1.7\nnot really a pdf\n%%EOF\n") == {}


def test_footer_text_cannot_close_its_css_string() -> None:
    assert css_string('Zoé "</style><script>') == '"Zoé \\22 \\3c \\2f style\\3e \\3c script\\3e "'


PART_HEADING = re.compile(r"^Réalisations? (?:en milieu professionnel|en cours de formation)")


def _edit(folder: Path, change) -> None:
    data = yaml.safe_load((folder / "portfolio.yml").read_text(encoding="utf-8"))
    change(data)
    (folder / "portfolio.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_part_heading_is_never_left_at_the_bottom_of_a_page(tmp_path: Path) -> None:
    """Nine more réalisations in formation put the « première année » heading row of the tableau
    at the very bottom of a page of this small portfolio when nothing keeps it with its first row
    (seen on this layout before the print stylesheet kept them together)."""
    require_chromium()
    folder = tmp_path / "p"
    shutil.copytree(REPO_ROOT / "tests" / "site" / "fixtures" / "minimal", folder)

    def more(data: dict) -> None:
        for number in range(9):
            data["realisations"].append(
                {
                    "id": f"tp{number}",
                    "intitule": f"Travaux pratiques numéro {number} sur le réseau du laboratoire",
                    "cadre": "formation",
                    "annee": 1,
                    "periode": {"debut": f"2024-{number + 1:02d}-01", "fin": f"2024-{number + 1:02d}-20"},
                    "description": "TP.",
                    "competences": ["B1.1"],
                    "productions": [
                        {"titre": f"Compte rendu {number}", "lien": "https://example.org/cr"},
                        {"titre": "Schéma", "lien": "https://example.org/s"},
                    ],
                }
            )

    _edit(folder, more)
    result = run_cli("pdf", folder)
    assert result.exit_code == 0, result.output
    headings = 0
    for number, page in enumerate(page_texts(folder / "portfolio.pdf"), start=1):
        body = [line.strip() for line in page.splitlines() if line.strip() and not re.search(r"Page \d+ / \d+$", line)]
        headings += sum(1 for line in body if PART_HEADING.match(line))
        assert not (body and PART_HEADING.match(body[-1])), f"page {number} ends with « {body[-1]} »"
    assert headings >= 3


def test_the_commission_copy_prints_the_candidate_number(tmp_path: Path) -> None:
    require_chromium()
    folder = init_portfolio(tmp_path / "p")
    numero = "02499999999"
    _edit(folder, lambda data: data["candidat"].update(numero=numero))
    archive_path = tmp_path / "dossier.zip"
    result = run_cli("dossier", folder, "-o", archive_path)
    assert result.exit_code == 0, result.output
    assert "le portfolio imprimable (PDF)" in result.stdout
    with zipfile.ZipFile(archive_path) as archive:
        names = archive.namelist()
        pdf = next(name for name in names if name.endswith("/portfolio.pdf"))
        (tmp_path / "commission.pdf").write_bytes(archive.read(pdf))
        assert "portfolio.pdf" in archive.read(pdf.replace("portfolio.pdf", "LISEZMOI.txt")).decode("utf-8")
        assert not [name for name in names if name.endswith(("impression.html", "premier-passage.pdf"))]
    text = flat(" ".join(page_texts(tmp_path / "commission.pdf")))
    assert f"N° candidat : {numero}" in text  # on the cover
    assert text.count(numero) >= 2  # and in the tableau's identification
    assert "non publié" not in text


def test_pages_and_destinations_are_read_back_with_pypdf() -> None:
    """The PDF reader is pypdf (a dependency), not a hand-written parser: any valid PDF shape."""
    from io import BytesIO

    from pypdf import PdfWriter

    from e5portfolio.site.printable import page_count

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    writer.add_named_destination("r-lab-ad-gpo", 2)
    buffer = BytesIO()
    writer.write(buffer)
    assert page_count(buffer.getvalue()) == 3
    assert destination_pages(buffer.getvalue()) == {"r-lab-ad-gpo": 3}
    assert page_count(b"%PDF-1.7\nnot really a pdf\n%%EOF\n") is None
