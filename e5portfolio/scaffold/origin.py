"""How this copy of e5portfolio was installed (PEP 610 `direct_url.json`), and what a new
portfolio's CI should therefore install.

pip writes `direct_url.json` in the installed distribution's metadata when it installs from a
URL (git, a local wheel, an editable checkout); an install from an index has none. `init` uses
this to write the same source in the generated workflows, so that GitHub or GitLab install what
the student installed; `e5portfolio --version` says it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from e5portfolio import __version__

DISTRIBUTION = "e5portfolio"


@dataclass(frozen=True)
class InstallOrigin:
    """Where the running e5portfolio came from."""

    kind: str  # "index", "git", "wheel", "editable", "local" (a local folder or archive)
    url: str | None = None  # the direct URL (git+https://…@commit, file:///…)
    commit: str | None = None

    @property
    def reachable_from_ci(self) -> bool:
        """Whether a forge's runner can install from the same place."""
        if self.kind == "index":
            return True
        return self.kind == "git" and not (self.url or "").startswith("git+file:")

    def describe(self) -> str:
        """French words for `--version`: « depuis l'index », « depuis git+https://…@abc123 »…"""
        if self.kind == "index":
            return "depuis l'index des paquets (PyPI)"
        if self.kind == "git":
            return f"depuis {self.url}"
        if self.kind == "editable":
            return f"depuis une copie de travail, mode éditable : {self.url}"
        if self.kind == "wheel":
            return f"depuis le fichier {self.url}"
        return f"depuis {self.url}"


def parse_direct_url(text: str | None) -> InstallOrigin:
    """The origin that a `direct_url.json` text describes (None or unreadable: the index)."""
    if not text:
        return InstallOrigin("index")
    try:
        data = json.loads(text)
    except ValueError:
        return InstallOrigin("index")
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return InstallOrigin("index")
    url = data["url"]
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        commit = vcs.get("commit_id") if isinstance(vcs.get("commit_id"), str) else None
        return InstallOrigin("git", f"git+{url}@{commit}" if commit else f"git+{url}", commit)
    dir_info = data.get("dir_info")
    if isinstance(dir_info, dict) and dir_info.get("editable"):
        return InstallOrigin("editable", url)
    if urlsplit(url).path.endswith(".whl"):
        return InstallOrigin("wheel", url)
    return InstallOrigin("local", url)


def installed_origin() -> InstallOrigin:
    """The origin of the installed distribution (an uninstalled checkout counts as editable)."""
    from importlib import metadata

    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return InstallOrigin("editable", None)
    return parse_direct_url(text)


def index_requirement(version: str = __version__) -> str:
    """This release's series on the index: 0.2.0 → e5portfolio~=0.2.0 (any 0.2.x)."""
    numeric = [part for part in version.split(".")[:3] if part.isdigit()]
    if len(numeric) < 2:
        return DISTRIBUTION
    return f"{DISTRIBUTION}~={'.'.join(numeric[:2])}.0"


@dataclass(frozen=True)
class CiRequirement:
    """What a generated workflow installs, with an optional French comment and warning."""

    requirement: str
    comment: str | None = None  # lines placed above the install step
    warning: str | None = None  # printed by init


def ci_requirement(origin: InstallOrigin, version: str = __version__) -> CiRequirement:
    """The pip requirement for a portfolio's CI, from how e5portfolio was installed here."""
    if origin.kind == "git" and origin.reachable_from_ci:
        return CiRequirement(f"{DISTRIBUTION} @ {origin.url}")
    requirement = index_requirement(version)
    if origin.kind == "index":
        return CiRequirement(requirement)
    where = {"wheel": "d'un fichier .whl", "editable": "d'une copie de travail (mode éditable)",
             "git": "d'un dépôt Git local", "local": "d'un dossier local"}[origin.kind]
    comment = (f"e5portfolio a été installé sur l'ordinateur à partir {where},\n"
               f"que la forge ne peut pas atteindre : si « {requirement} » n'est pas sur PyPI,\n"
               "remplacez-le par « e5portfolio @ git+https://ADRESSE-DU-DEPOT@vX.Y.Z ».")
    warning = (f"e5portfolio est installé ici à partir {where}, que GitHub ou GitLab ne peuvent "
               f"pas atteindre : les fichiers d'intégration continue installent « {requirement} » "
               "depuis PyPI ; si cette version n'y est pas, remplacez cette ligne par "
               "« e5portfolio @ git+https://ADRESSE-DU-DEPOT@vX.Y.Z » (l'adresse que votre "
               "professeur vous donne)")
    return CiRequirement(requirement, comment, warning)


def version_line(version: str = __version__, origin: InstallOrigin | None = None) -> str:
    """`e5portfolio --version`: « e5portfolio 0.2.0 (depuis git+https://…@abc123) »."""
    origin = origin or installed_origin()
    return f"e5portfolio {version} ({origin.describe()})"
