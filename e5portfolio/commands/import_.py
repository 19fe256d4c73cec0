"""`e5portfolio import TABLEAU [-o FILE]`: start a portfolio.yml from an existing tableau de synthèse.

What the tableau gives (candidate, réalisations, périodes, competences, productions) is copied;
what it cannot give is written as a value starting with « TODO » so that `e5portfolio check`
points at it: a text (description…) is reported by the rule `texte-a-completer`; a value that
must be one of a list (modalite…) or a date fails validation with a message saying what to write.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from e5portfolio.commands import parts_summary
from e5portfolio.core.errors import EXIT_FINDINGS
from e5portfolio.tableau.landmarks import formula_safe

DEFAULT_OUTPUT = "portfolio.yml"

TODO_DESCRIPTION = "TODO : décrivez le contexte, le besoin, la démarche et le résultat"
TODO_PRESENTATION = "TODO : présentez-vous en quelques lignes (parcours, option, projet professionnel)"
TODO_INTITULE = "TODO : intitulé de la réalisation"
TODO_DATE = "TODO : JJ/MM/AAAA"
TODO_FICHIER = "TODO : chemin du fichier (ou remplacez « fichier » par « lien »)"
TODO_NOM = "TODO : votre NOM"
TODO_PRENOM = "TODO : votre prénom"
TODO_CENTRE = "TODO : nom et ville de votre centre de formation"
TODO_OPTION = "TODO : SISR ou SLAM"
TODO_SESSION = "TODO : année de la session, par exemple 2026"
TODO_MODALITE = "TODO : ccf ou ponctuelle"

_ANNEE = {"annee1": 1, "annee2": 2}


@click.command("import")
@click.argument("tableau", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path),
    default=None,
    help="Fichier à écrire (par défaut : portfolio.yml dans le dossier courant ; un dossier "
    "reçoit son portfolio.yml). Un fichier existant n'est jamais remplacé.",
)
def command(tableau: Path, output: Path | None) -> None:
    """Lit un tableau de synthèse existant (.xlsx : le modèle officiel rempli à la main, ou un
    export d'e5portfolio) et écrit un portfolio.yml de départ ; les valeurs marquées « TODO »
    sont à compléter (« e5portfolio check » les signale)."""
    from e5portfolio.core.fileutil import write_text_atomic
    from e5portfolio.tableau.reader import TableauError, read_tableau

    target = _target(output)
    if target.exists():
        _fail(
            f"« {target} » existe déjà : il n'est jamais remplacé ; choisissez un autre fichier avec "
            "-o (par exemple -o portfolio-importe.yml) ou déplacez l'ancien ; rien n'a été écrit"
        )
    try:
        data = read_tableau(tableau)
    except TableauError as error:
        _fail(f"{error.message} ; rien n'a été écrit")
    text = skeleton_text(data, tableau.name, dt.date.today())
    try:
        write_text_atomic(target, text)
    except OSError as exc:
        _fail(
            f"impossible d'écrire « {target} » ({exc.strerror or exc}) : vérifiez les droits sur ce "
            "dossier ; rien n'a été écrit"
        )
    _report_success(data, target)


def _target(output: Path | None) -> Path:
    if output is None:
        return Path(DEFAULT_OUTPUT)
    return output / DEFAULT_OUTPUT if output.is_dir() else output


def _fail(message: str) -> None:
    click.echo(f"e5portfolio : {message}", err=True)
    sys.exit(EXIT_FINDINGS)


def _report_success(data, target: Path) -> None:
    counts = parts_summary({part: len(data.rows_of(part)) for part in ("formation", "annee1", "annee2")})
    total = len(data.rows)
    click.echo(
        f"Portfolio de départ écrit dans « {target} » : {total} réalisation{'s' if total > 1 else ''} ({counts})."
    )
    for note in data.notes:
        click.echo(f"attention : {note}", err=True)
    click.echo(
        "Étapes suivantes : complétez les valeurs « TODO » (descriptions, modalité, stages, "
        "fichiers des productions…), puis lancez « e5portfolio check » : il vous les signale "
        "une par une."
    )


# --- the skeleton ------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML). A text read from the tableau
    that a spreadsheet would take for a formula (=, +, -, @…) keeps a leading apostrophe, as in
    the export: it cannot come back as a formula in the next export."""
    return json.dumps(formula_safe(text), ensure_ascii=False)


def split_nom_prenom(text: str | None) -> tuple[str, str]:
    """« LE GALL Camille » → (« LE GALL », « Camille »): words in capitals are the NOM."""
    words = (text or "").split()
    upper = [w for w in words if w.isupper()]
    other = [w for w in words if not w.isupper()]
    if upper and other:
        return " ".join(upper), " ".join(other)
    if len(words) >= 2:
        return words[0], " ".join(words[1:])
    return (words[0] if words else TODO_NOM), TODO_PRENOM


def skeleton_text(data, source_name: str, today: dt.date) -> str:
    """portfolio.yml (format v1) holding what the tableau says, TODO values for the rest."""
    lines = [
        f"# Portfolio E5 créé le {today:%d/%m/%Y} par « e5portfolio import » à partir de « {source_name} ».",
        "# Complétez chaque valeur qui commence par « TODO » : « e5portfolio check » les signale.",
        "version: 1",
        "",
        *_candidat_lines(data),
        "",
        f"presentation: {_q(TODO_PRESENTATION)}",
        "",
        "# TODO : décrivez vos stages (au moins 10 semaines en tout), puis rattachez-y les réalisations",
        "# en entreprise avec « stage: » ; exemple :",
        "#   - id: stage1",
        "#     organisation: Nom de l'entreprise, ville",
        "#     annee: 1",
        "#     debut: 19/05/2025",
        "#     fin: 27/06/2025",
        "#     attestation: attestations/stage1.pdf",
        "stages: []",
        "",
        "realisations:",
    ]
    for row in data.rows:
        lines += _realisation_lines(row)
    if not data.rows:
        lines[-1] = "realisations: []  # TODO : aucune réalisation n'a été lue dans le tableau"
    return "\n".join(lines) + "\n"


def _candidat_lines(data) -> list[str]:
    nom, prenom = split_nom_prenom(data.nom_prenom)
    lines = [
        "candidat:",
        f"  nom: {_q(nom)}",
        f"  prenom: {_q(prenom)}",
    ]
    if data.numero:
        lines.append(f"  numero: {_q(data.numero)}")
    lines += [
        f"  option: {_q(data.option or TODO_OPTION)}",
        f"  session: {data.session if data.session else _q(TODO_SESSION)}",
        f"  centre: {_q(data.centre or TODO_CENTRE)}",
        f"  modalite: {_q(TODO_MODALITE)}",
    ]
    if data.url:
        lines.append(f"  url: {_q(data.url)}")
    return lines


def _realisation_lines(row) -> list[str]:
    lines = [
        "",
        f"  - intitule: {_q(row.intitule or TODO_INTITULE)}",
    ]
    if row.partie == "formation":
        lines.append("    cadre: formation")
    else:
        lines += ["    cadre: entreprise", f"    annee: {_ANNEE[row.partie]}"]
    lines += [
        "    periode:",
        f"      debut: {_date(row.periode_debut)}",
        f"      fin: {_date(row.periode_fin)}",
        f"    description: {_q(TODO_DESCRIPTION)}",
        f"    competences: [{', '.join(sorted(row.competences))}]",
    ]
    if row.productions:
        lines.append("    productions:")
        for title in row.productions:
            lines += [f"      - titre: {_q(title)}", f"        fichier: {_q(TODO_FICHIER)}"]
    else:
        lines.append("    productions: []  # TODO : ajoutez au moins une production (titre et fichier ou lien)")
    return lines


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else _q(TODO_DATE)
