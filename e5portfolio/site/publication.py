"""What the public site takes from the portfolio folder: the published files and portfolio.json.

Privacy by default: only the photo and the production files are published, each under
`fichiers/` at the path it has in the portfolio folder; attestations de stage only when
`publication.attestations` is true, and the N° candidat only when `publication.numero` is true.
Nothing else of the portfolio folder (portfolio.yml, notes, drafts) reaches the site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from e5portfolio import __version__
from e5portfolio.checks.competences import mobilised
from e5portfolio.checks.files import FileRef, normalise, resolve_ref
from e5portfolio.core.model import Portfolio, ResolvedRealisation
from e5portfolio.core.public_data import PUBLIC_DATA_VERSION
from e5portfolio.core.referential import Referential
from e5portfolio.core.validate import Validated

FILES_PREFIX = "fichiers"
TABLEAU_FILE = "tableau-de-synthese.xlsx"


@dataclass(frozen=True)
class PublishedFile:
    """A file of the portfolio folder copied into the site."""

    written: str  # the path as written in portfolio.yml
    source: Path  # the real file inside the portfolio folder
    site_path: str  # its path in the site, e.g. fichiers/productions/glpi/procedure.pdf

    @property
    def size(self) -> int:
        return self.source.stat().st_size


# Productions that a browser opens as a page of the site's own origin, where their scripts would
# run (HTML, SVG, XML with an XSLT stylesheet): published with « .txt » added, so that opening
# their address shows their text and runs nothing. The production page's link keeps the original
# name for the saved file (`download` attribute).
INERT_SUFFIXES = frozenset(
    {".htm", ".html", ".mht", ".mhtml", ".shtml", ".svg", ".svgz", ".xht", ".xhtml", ".xml", ".xsl", ".xslt"}
)
INERT_EXTRA_SUFFIX = ".txt"


def site_path_of(written: str, production: bool = False) -> str:
    """Where a portfolio path is published: fichiers/<path as written, normalised>, with « .txt »
    added to a production that a browser would run (INERT_SUFFIXES)."""
    path = f"{FILES_PREFIX}/{posixpath.normpath(normalise(written))}"
    if production and posixpath.splitext(path)[1].lower() in INERT_SUFFIXES:
        path += INERT_EXTRA_SUFFIX
    return path


def published_files(validated: Validated, root: Path) -> dict[str, PublishedFile]:
    """Portfolio path (normalised) → published file, for every file the site may show.

    Paths that lead out of the folder or to no file are skipped: the checks report them as
    errors before any build.
    """
    portfolio = validated.portfolio
    refs: list[tuple[str, bool]] = []  # (path as written, is a production)
    if portfolio.candidat.photo:
        refs.append((portfolio.candidat.photo, False))
    if portfolio.publication.logo:
        refs.append((portfolio.publication.logo, False))
    if portfolio.publication.attestations:
        refs.extend((stage.attestation, False) for stage in portfolio.stages if stage.attestation)
    for entry in validated.realisations:
        refs.extend((p.fichier, True) for p in entry.source.productions if p.fichier)
        if entry.source.vignette:
            refs.append((entry.source.vignette, False))
    result: dict[str, PublishedFile] = {}
    for written, production in refs:
        key = posixpath.normpath(normalise(written))
        if key in result:
            continue
        resolved = resolve_ref(root, FileRef((), written, ""))
        if resolved.path is not None:
            result[key] = PublishedFile(written, resolved.path, site_path_of(written, production))
    return result


def lookup(published: dict[str, PublishedFile], written: str) -> PublishedFile | None:
    return published.get(posixpath.normpath(normalise(written)))


def public_data(validated: Validated, referential: Referential, published: dict[str, PublishedFile]) -> dict:
    """The public data of the portfolio (portfolio.json at the site root; its schema and reader
    are e5portfolio.core.public_data)."""
    portfolio = validated.portfolio
    return {
        "version": PUBLIC_DATA_VERSION,
        "generateur": f"e5portfolio {__version__}",
        "candidat": public_candidat(portfolio),
        "realisations": [_public_realisation(entry, referential, published) for entry in validated.realisations],
    }


def public_candidat(portfolio: Portfolio) -> dict:
    """The candidat of portfolio.json (the N° candidat only when publication.numero is true)."""
    candidat = portfolio.candidat
    data = {
        "nom": candidat.nom,
        "prenom": candidat.prenom,
        "option": candidat.option,
        "session": candidat.session,
        "centre": candidat.centre,
        "url": candidat.url,
    }
    if portfolio.publication.numero and candidat.numero:
        data["numero"] = candidat.numero
    return data


def _public_realisation(
    entry: ResolvedRealisation, referential: Referential, published: dict[str, PublishedFile]
) -> dict:
    source = entry.source
    cited = [code.strip() for code in source.competences]
    return {
        "id": entry.id,
        "intitule": source.intitule,
        "cadre": entry.cadre,
        "annee": entry.annee,
        "stage": source.stage,
        "periode": {"debut": source.periode.debut.isoformat(), "fin": source.periode.fin.isoformat()},
        "equipe": source.equipe,
        "competences": mobilised(entry, referential),
        "items": [code for code in dict.fromkeys(cited) if code.count(".") == 2 and code in referential.labels],
        "technologies": list(source.technologies),
        "productions": [_public_production(p, published) for p in source.productions],
    }


def _public_production(production, published: dict[str, PublishedFile]) -> dict:
    if production.lien:
        return {"titre": production.titre, "lien": production.lien}
    found = lookup(published, production.fichier)
    return {
        "titre": production.titre,
        "fichier": production.fichier,
        "chemin_site": found.site_path if found else None,
    }
