"""How this copy of e5portfolio was installed (PEP 610 `direct_url.json`), and what a new
portfolio's CI should therefore install.

pip writes `direct_url.json` in the installed distribution's metadata when it installs from a
URL (git, a local wheel, an editable checkout); an install from an index has none. `init` uses
this to write the same source in the generated workflows, so that GitHub or GitLab install what
the student installed; `e5portfolio --version` says it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
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


WHEEL_FOLDER = ".e5portfolio"  # in the portfolio, tracked by Git: the wheel its CI installs


@dataclass(frozen=True)
class CiRequirement:
    """What a generated workflow installs, with an optional French comment and warning."""

    requirement: str
    comment: str | None = None  # lines placed above the install step
    warning: str | None = None  # printed by init
    wheel: tuple[str, bytes] | None = None  # (path in the portfolio, content): written by init
    choice: str | None = None  # the one line init says about it


def ci_requirement(
    origin: InstallOrigin, version: str = __version__, *, wheel: tuple[str, bytes] | None = None
) -> CiRequirement:
    """The pip requirement for a portfolio's CI, from how e5portfolio was installed here: the
    same Git URL, the index when it came from the index, else the wheel `wheel` (file name,
    content) that init copies into the portfolio; the index, with a warning, without one."""
    if origin.kind == "git" and origin.reachable_from_ci:
        return CiRequirement(
            f"{DISTRIBUTION} @ {origin.url}",
            choice=f"installation d'e5portfolio pour GitHub, GitLab et Codespaces : depuis "
            f"{origin.url}, comme sur cet ordinateur",
        )
    requirement = index_requirement(version)
    if origin.kind == "index":
        return CiRequirement(
            requirement,
            choice=f"installation d'e5portfolio pour GitHub, GitLab et Codespaces : "
            f"« {requirement} » depuis PyPI, comme sur cet ordinateur",
        )
    if wheel is not None:
        name, data = wheel
        path = f"{WHEEL_FOLDER}/{name}"
        comment = (
            f"e5portfolio s'installe depuis {path},\n"
            "copie de la version installée sur l'ordinateur le jour de « e5portfolio init » :\n"
            "gardez ce fichier dans le dépôt."
        )
        return CiRequirement(
            f"./{path}",
            comment,
            wheel=(path, data),
            choice=f"installation d'e5portfolio pour GitHub, GitLab et Codespaces : depuis {path}, "
            "la copie de la version installée ici (gardez ce fichier dans le dépôt)",
        )
    where = {
        "wheel": "d'un fichier .whl",
        "editable": "d'une copie de travail (mode éditable)",
        "git": "d'un dépôt Git local",
        "local": "d'un dossier local",
    }[origin.kind]
    comment = (
        f"e5portfolio a été installé sur l'ordinateur à partir {where},\n"
        f"que la forge ne peut pas atteindre : si « {requirement} » n'est pas sur PyPI,\n"
        "remplacez-le par « e5portfolio @ git+https://ADRESSE-DU-DEPOT@vX.Y.Z »."
    )
    warning = (
        f"e5portfolio est installé ici à partir {where}, que GitHub ou GitLab ne peuvent "
        f"pas atteindre : les fichiers d'intégration continue installent « {requirement} » "
        "depuis PyPI ; si cette version n'y est pas, remplacez cette ligne par "
        "« e5portfolio @ git+https://ADRESSE-DU-DEPOT@vX.Y.Z » (l'adresse que votre "
        "professeur vous donne)"
    )
    return CiRequirement(
        requirement,
        comment,
        warning,
        choice=f"installation d'e5portfolio pour GitHub, GitLab et Codespaces : « {requirement} » "
        "depuis PyPI (voir l'avertissement ci-dessous)",
    )


# --- the wheel a portfolio installs when the forge cannot reach where e5portfolio came from ----


def installed_wheel(origin: InstallOrigin) -> tuple[str, bytes] | None:
    """(file name, content) of a wheel of the installed e5portfolio, for an origin the forge
    cannot reach: the installed wheel file itself, else one built from the checkout (editable,
    local folder, local Git), else one packed again from the installed files. None when none
    can be made (then the CI installs from the index)."""
    if origin.kind == "index" or origin.reachable_from_ci:
        return None
    source = _local_path(origin.url)
    if origin.kind == "wheel" and source is not None and source.is_file():
        return source.name, source.read_bytes()
    if origin.kind in ("editable", "local", "git") and source is not None and source.is_dir():
        built = built_wheel(source)
        if built is not None:
            return built
    return repacked_wheel()


def _local_path(url: str | None):
    from pathlib import Path
    from urllib.request import url2pathname

    if not url:
        return None
    parts = urlsplit(url.removeprefix("git+").split("@", 1)[0] if url.startswith("git+") else url)
    if parts.scheme != "file":
        return None
    return Path(url2pathname(parts.path))


@functools.lru_cache(maxsize=4)
def built_wheel(checkout) -> tuple[str, bytes] | None:
    """The wheel of the e5portfolio checkout at `checkout`, built in a temporary copy of its
    files (pip wheel, without network: with the build tools of this environment); built once
    per process."""
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    if not (checkout / "pyproject.toml").is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="e5portfolio-wheel-") as work:
        copy, out = Path(work) / "source", Path(work) / "dist"
        top = {".git", ".venv", "venv", "node_modules", "build", "dist", "site", "tests"}
        everywhere = shutil.ignore_patterns("__pycache__", "*.egg-info", ".*cache")

        def ignored(folder: str, names: list[str]) -> set[str]:
            return set(everywhere(folder, names)) | (top & set(names) if Path(folder) == checkout else set())

        shutil.copytree(checkout, copy, symlinks=True, ignore=ignored)
        try:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "wheel",
                    "--no-deps",
                    "--no-build-isolation",
                    "--no-index",
                    "--disable-pip-version-check",
                    "-q",
                    "-w",
                    str(out),
                    str(copy),
                ],
                capture_output=True,
                timeout=300,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        wheels = sorted(out.glob(f"{DISTRIBUTION}-*.whl")) if result.returncode == 0 else []
        return (wheels[0].name, wheels[0].read_bytes()) if wheels else None


def repacked_wheel() -> tuple[str, bytes] | None:
    """A wheel made of the installed distribution's own files (its RECORD), when the wheel it
    was installed from is gone; None for an editable install (its files are not installed)."""
    import base64
    import hashlib
    import io
    import zipfile
    from importlib import metadata

    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    if dist.read_text("RECORD") is None:
        return None  # not installed from a wheel (a checkout's .egg-info): nothing to pack
    files = [f for f in dist.files or [] if f.parts and f.parts[0] != ".." and "__pycache__" not in f.parts]
    if not any(f.parts[0] == DISTRIBUTION and f.name == "__init__.py" for f in files):
        return None  # editable: the package is not among the installed files
    info = f"{DISTRIBUTION}-{dist.version}.dist-info"
    skipped = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    buffer, record = io.BytesIO(), []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            name = "/".join(file.parts)
            if file.parts[0].endswith(".dist-info") and file.name in skipped:
                continue
            data = Path(str(dist.locate_file(file))).read_bytes()
            archive.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{name},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return f"{DISTRIBUTION}-{dist.version}-py3-none-any.whl", buffer.getvalue()


def version_line(version: str = __version__, origin: InstallOrigin | None = None) -> str:
    """`e5portfolio --version`: « e5portfolio 0.2.0 (depuis git+https://…@abc123) »."""
    origin = origin or installed_origin()
    return f"e5portfolio {version} ({origin.describe()})"
