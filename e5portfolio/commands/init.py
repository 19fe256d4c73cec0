"""`e5portfolio init DIR`: create a new portfolio folder, never overwriting a file."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from e5portfolio.core.errors import EXIT_USAGE


@click.command("init")
@click.argument("folder", metavar="DOSSIER", type=click.Path(path_type=Path))
@click.option(
    "--option",
    "option",
    type=click.Choice(["SISR", "SLAM"], case_sensitive=False),
    default="SISR",
    show_default=True,
    metavar="[SISR|SLAM]",
    help="Option du BTS SIO : les réalisations d'exemple en dépendent.",
)
@click.option(
    "--session",
    type=click.IntRange(2020, 2100),
    default=None,
    metavar="ANNEE",
    help="Année de l'examen (par défaut : celle d'un étudiant de seconde année, le juin de l'année scolaire en cours).",
)
@click.option(
    "--forge",
    type=click.Choice(["github", "gitlab"], case_sensitive=False),
    default="github",
    show_default=True,
    metavar="[github|gitlab]",
    help="Où le portfolio est publié : GitHub Pages (.github/workflows/portfolio.yml) "
    "ou GitLab Pages (.gitlab-ci.yml).",
)
@click.option(
    "--exemple",
    "exemple",
    is_flag=True,
    help="Écrit plutôt le portfolio d'exemple complet (candidate fictive, option SISR), "
    "pour le lire, le vérifier et le prévisualiser.",
)
def command(folder: Path, option: str, session: int | None, forge: str, exemple: bool) -> None:
    """Crée un nouveau portfolio dans DOSSIER : portfolio.yml commenté, exemples, site,
    publication GitHub Pages (ou GitLab Pages), environnement de développement en ligne
    (.devcontainer) et README pas à pas. Ne remplace jamais un fichier existant."""
    if exemple:
        _write_exemple(folder)
        return
    from e5portfolio.scaffold.origin import ci_requirement, installed_origin, installed_wheel
    from e5portfolio.scaffold.project import ScaffoldRefused, Settings, likely_session, scaffold

    origin = installed_origin()
    settings = Settings(
        option=option.upper(),
        session=session or likely_session(),
        forge=forge.lower(),
        ci=ci_requirement(origin, wheel=installed_wheel(origin)),
    )
    if session is None:
        click.echo(f"Session choisie : {settings.session} (changez-la avec --session)")
    try:
        written = scaffold(folder, settings)
    except ScaffoldRefused as refused:
        _refuse(folder, refused.conflicts)
    except OSError as exc:
        _fail(
            f"impossible d'écrire dans « {folder} » ({exc.strerror or exc}) : vérifiez les droits "
            "sur ce dossier ou choisissez-en un autre ; rien n'a été écrit"
        )
    _report_success(folder, settings, written)
    if settings.requirement.choice:
        click.echo(f"\n{settings.requirement.choice[0].upper()}{settings.requirement.choice[1:]}.")
    warning = settings.requirement.warning
    if warning:
        click.echo(f"\nAttention : {warning}.", err=True)


def _write_exemple(folder: Path) -> None:
    from e5portfolio.scaffold.project import ScaffoldRefused, write_exemple

    try:
        written = write_exemple(folder)
    except ScaffoldRefused as refused:
        _refuse(folder, refused.conflicts)
    except OSError as exc:
        _fail(
            f"impossible d'écrire dans « {folder} » ({exc.strerror or exc}) : vérifiez les droits "
            "sur ce dossier ou choisissez-en un autre ; rien n'a été écrit"
        )
    place = shell_argument(folder)
    click.echo(
        f"Portfolio d'exemple écrit dans « {folder} » : {len(written)} fichiers (candidate fictive, "
        "option SISR).\n"
        f"Lisez {place}/portfolio.yml, puis essayez « e5portfolio check {place} » et "
        f"« e5portfolio serve {place} ». Pour votre propre portfolio : e5portfolio init DOSSIER"
    )


# What GitHub writes in a new repository when asked to (README, .gitignore).
GITHUB_STARTER_FILES = frozenset({"README.md", ".gitignore"})


def _refuse(folder: Path, conflicts: list[str]) -> None:
    lines = [
        f"e5portfolio : « {folder} » contient déjà {_count(len(conflicts))} d'un nouveau "
        "portfolio ; rien n'a été écrit ni modifié :",
        *(f"  {name}" for name in conflicts),
        "Choisissez un dossier nouveau ou vide (e5portfolio init AUTRE-DOSSIER), ou déplacez ces fichiers ailleurs.",
    ]
    if set(conflicts) <= GITHUB_STARTER_FILES:
        lines.append(
            "Dépôt créé sur GitHub avec « Add a README » ou un .gitignore ? Supprimez ces "
            "fichiers de départ (e5portfolio écrit les siens), puis relancez la commande."
        )
    click.echo("\n".join(lines), err=True)
    sys.exit(EXIT_USAGE)


def _count(number: int) -> str:
    return "un des fichiers" if number == 1 else f"{number} des fichiers"


def _fail(message: str) -> None:
    click.echo(f"e5portfolio : {message}", err=True)
    sys.exit(EXIT_USAGE)


def _report_success(folder: Path, settings, written: list[str]) -> None:
    click.echo(
        f"Portfolio créé dans « {folder} » (option {settings.option}, "
        f"session {settings.session}) : {len(written)} fichiers."
    )
    for name in written:
        click.echo(f"  {name}")
    other = "SLAM" if settings.option == "SISR" else "SISR"
    parent = folder.parent if folder.name else Path("..")
    click.echo(
        "\nÉtapes suivantes :\n"
        f"  1. cd {shell_argument(folder)}\n"
        "  2. lisez README.md, puis remplacez dans portfolio.yml tout ce qui est marqué EXEMPLE\n"
        "  3. e5portfolio check   (vérifie le portfolio)\n"
        "  4. e5portfolio serve   (aperçu du site)\n"
        f"Pour l'option {other} : e5portfolio init {shell_argument(parent / 'AUTRE-DOSSIER')} --option {other}"
    )


def shell_argument(path: Path) -> str:
    """`path` as it can be pasted in a terminal (bash, PowerShell, cmd): between double quotes when
    it holds a space or a character the shell would read."""
    text = str(path)
    if re.fullmatch(r"[\w./\\:~+-]+", text):
        return text
    if not re.search(r'["$`!]', text):
        return f'"{text}"'
    # a double quote or a character the shell reads inside double quotes (possible only outside
    # Windows, where « " » cannot be in a name): POSIX single quotes
    import shlex

    return shlex.quote(text)
