"""`e5portfolio init`: the files of a new portfolio, its example passing `check`, no overwrite."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from e5portfolio.core.schema import schema_text
from e5portfolio.scaffold import project as scaffold

from .conftest import SESSION, init_portfolio, run_cli, snapshot

COMMON = {
    "portfolio.yml",
    "portfolio.schema.json",
    "mkdocs.yml",
    "docs/.gitkeep",
    "README.md",
    ".gitignore",
    ".github/workflows/portfolio.yml",
    "productions/README.md",
    "attestations/README.md",
    "productions/exemple-environnement-veille/fiche-environnement.md",
    ".devcontainer/devcontainer.json",
    "prive.yml",
}
BY_OPTION = {
    "SISR": {
        "productions/exemple-serveur-fichiers/procedure.md",
        "productions/exemple-assistance-stage/fiche-utilisateurs.md",
    },
    "SLAM": {
        "productions/exemple-application-reservation/cahier-de-recette.md",
        "productions/exemple-evolution-site-stage/compte-rendu.md",
    },
}
COMPETENCES = ["B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6"]


def test_init_writes_the_portfolio_files(new_portfolio: Path, option: str) -> None:
    assert set(snapshot(new_portfolio)) == COMMON | BY_OPTION[option]
    text = (new_portfolio / "portfolio.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=portfolio.schema.json"
    assert f"  option: {option} " in text
    assert f"  session: {SESSION} " in text
    assert "@E5_" not in "".join(p.read_text(encoding="utf-8") for p in new_portfolio.rglob("*") if p.is_file())
    assert (new_portfolio / "portfolio.schema.json").read_text(encoding="utf-8") == schema_text()


def test_init_files_are_readable_by_others(new_portfolio: Path) -> None:
    # a temporary file (mode 0o600) renamed into place would keep a private mode
    for path in new_portfolio.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o044 == 0o044, path


def test_init_example_passes_check_with_warnings_only(new_portfolio: Path) -> None:
    result = run_cli("check", new_portfolio, "--format", "json")
    report = json.loads(result.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors == [] and result.exit_code == 0, errors
    assert all(report["coverage"][code] for code in COMPETENCES), report["coverage"]
    intitules = (new_portfolio / "portfolio.yml").read_text(encoding="utf-8").count("intitule: EXEMPLE")
    assert len({rid for ids in report["coverage"].values() for rid in ids}) == intitules == 3


def test_init_tells_what_to_do_next(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "p", "--option", "slam")
    assert result.exit_code == 0, result.output
    assert "option SLAM" in result.stdout
    assert "e5portfolio check" in result.stdout and "README.md" in result.stdout
    assert "--option SISR" in result.stdout


def test_next_steps_can_be_pasted_when_the_path_has_spaces_and_accents(tmp_path: Path) -> None:
    folder = tmp_path / "mes documents" / "portfolio élodie"
    result = run_cli("init", folder, "--option", "sisr")
    assert result.exit_code == 0, result.output
    assert f'  1. cd "{folder}"\n' in result.stdout
    assert f'e5portfolio init "{tmp_path / "mes documents" / "AUTRE-DOSSIER"}" --option SLAM' in result.stdout
    assert (folder / "portfolio.yml").is_file()


def test_second_init_changes_nothing_and_names_every_file(tmp_path: Path) -> None:
    folder = init_portfolio(tmp_path / "p")
    before = snapshot(folder)
    result = run_cli("init", folder, "--option", "SLAM")
    assert result.exit_code == 2
    assert snapshot(folder) == before
    assert "rien n'a été écrit" in result.stderr
    listed = {line.strip() for line in result.stderr.splitlines() if line.startswith("  ")}
    assert listed == COMMON  # the SLAM examples are not there yet: only the common files clash
    assert "Traceback" not in result.output


def test_init_refuses_a_folder_holding_one_of_the_files(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    folder.mkdir()
    (folder / "README.md").write_text("# Mon dépôt\n", encoding="utf-8")
    before = snapshot(folder)
    result = run_cli("init", folder)
    assert result.exit_code == 2
    assert snapshot(folder) == before
    assert [p.name for p in folder.iterdir()] == ["README.md"]
    assert "contient déjà un des fichiers d'un nouveau portfolio" in result.stderr
    assert "\n  README.md\n" in result.stderr
    assert (
        "Dépôt créé sur GitHub avec « Add a README » ou un .gitignore ? Supprimez ces fichiers de "
        "départ (e5portfolio écrit les siens), puis relancez la commande."
    ) in result.stderr


def test_init_gives_no_github_hint_for_other_conflicts(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    folder.mkdir()
    (folder / "portfolio.yml").write_text("version: 1\n", encoding="utf-8")
    result = run_cli("init", folder)
    assert result.exit_code == 2
    assert "\n  portfolio.yml\n" in result.stderr
    assert "Add a README" not in result.stderr


def test_init_accepts_a_folder_with_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    (folder / ".git").mkdir(parents=True)
    (folder / "notes.txt").write_text("à garder\n", encoding="utf-8")
    init_portfolio(folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "à garder\n"
    assert (folder / "portfolio.yml").is_file()


def test_init_refuses_when_a_needed_folder_is_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "productions").write_text("", encoding="utf-8")
    result = run_cli("init", folder)
    assert result.exit_code == 2
    assert "productions (n'est pas un dossier)" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["productions"]


def test_init_refuses_a_broken_symlink_in_place_of_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / ".gitignore").symlink_to(tmp_path / "nowhere")
    result = run_cli("init", folder)
    assert result.exit_code == 2
    assert "\n  .gitignore\n" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_init_into_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "portfolio.txt"
    target.write_text("x", encoding="utf-8")
    result = run_cli("init", target)
    assert result.exit_code == 2
    assert "n'est pas un dossier" in result.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_a_failure_half_way_removes_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a full disk cannot be produced here: the fourth write fails instead
    real_write = scaffold._write_new_file
    calls = []

    def failing_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(scaffold, "_write_new_file", failing_write)
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "notes.txt").write_text("à garder\n", encoding="utf-8")
    result = run_cli("init", folder)
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "rien n'a été écrit" in result.stderr
    assert sorted(p.name for p in folder.rglob("*")) == ["notes.txt"]


def git(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run git in `cwd` with a throwaway identity (no global configuration needed)."""
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            *map(str, args),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def ignored(folder: Path, path: str) -> bool:
    return git("check-ignore", "-q", path, cwd=folder).returncode == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_keeps_generated_files_out_of_git(new_portfolio: Path) -> None:
    git("init", "-q", cwd=new_portfolio)
    candidates = [
        "site/index.html",
        "dossier-e5.zip",
        ".venv/pyvenv.cfg",
        "portfolio.yml",
        "attestations/stage1.pdf",
        "productions/README.md",
        ".github/workflows/portfolio.yml",
        "tableau-de-synthese.xlsx",
    ]
    checked = git("check-ignore", *candidates, cwd=new_portfolio)
    assert checked.stdout.split() == [
        "site/index.html",
        "dossier-e5.zip",
        ".venv/pyvenv.cfg",
        "attestations/stage1.pdf",
        "tableau-de-synthese.xlsx",
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_keeps_the_attestations_but_not_their_readme_out_of_git(new_portfolio: Path) -> None:
    git("init", "-q", cwd=new_portfolio)
    for name in ("attestations/stage1.pdf", "attestations/Stage 2 signée.PDF", "attestations/scan.jpg"):
        assert ignored(new_portfolio, name), name
    assert not ignored(new_portfolio, "attestations/README.md")
    assert not ignored(new_portfolio, "productions/stage1.pdf")
    text = (new_portfolio / ".gitignore").read_text(encoding="utf-8")
    assert "\nattestations/*\n!attestations/README.md\n" in text
    assert "données personnelles" in text and "supprimez les deux lignes suivantes" in text  # why, and how to undo


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_clone_without_the_attestations_passes_the_workflow_check(tmp_path: Path) -> None:
    """What GitHub Actions sees: the repository, without the attestation kept on the computer."""
    folder = init_portfolio(tmp_path / "portfolio")
    (folder / "attestations" / "stage1.pdf").write_bytes(b"%PDF-1.4 attestation\n")
    yml = folder / "portfolio.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(
            "    # attestation: attestations/stage1.pdf", "    attestation: attestations/stage1.pdf", 1
        ),
        encoding="utf-8",
    )
    assert run_cli("check", folder).exit_code == 0  # on the student's computer, the file is there
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Portfolio"]):
        assert git(*step, cwd=folder).returncode == 0, step
    clone = tmp_path / "clone"
    assert git("clone", "-q", folder, clone, cwd=tmp_path).returncode == 0
    assert (clone / "attestations" / "README.md").is_file()
    assert not (clone / "attestations" / "stage1.pdf").exists()

    assert run_cli("check", clone, "--format", "github").exit_code == 1
    result = run_cli("check", clone, "--format", "github", "--sans-attestations")
    assert result.exit_code == 0, result.output
    assert "title=attestation-non-verifiee::attestation du stage « stage1 »" in result.output
    built = run_cli("build", clone, "--sans-attestations")  # the example still has warnings: not --strict
    assert built.exit_code == 0, built.output
    assert (clone / "site" / "index.html").is_file()


def test_readme_walks_through_windows_linux_and_github(new_portfolio: Path) -> None:
    text = (new_portfolio / "README.md").read_text(encoding="utf-8")
    for expected in (
        "py -m venv .venv",
        ".venv\\Scripts\\activate",
        "python3 -m venv .venv",
        "source .venv/bin/activate",
        "e5portfolio schema -o portfolio.schema.json",
        "**GitHub Actions**",
        "Require a pull request before merging",
        "Require approvals",
        "e5portfolio check",
        "git push",
        scaffold.tool_requirement(),
    ):
        assert expected in text, expected


def test_readmes_explain_that_the_attestations_stay_on_the_computer(new_portfolio: Path) -> None:
    for readme in ("README.md", "attestations/README.md"):
        text = (new_portfolio / readme).read_text(encoding="utf-8")
        for expected in ("sur votre ordinateur", "--sans-attestations", "`.gitignore`"):
            assert expected in text, (readme, expected)
    assert "e5portfolio dossier" in (new_portfolio / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "today, session",
    [
        (dt.date(2026, 12, 1), 2027),
        (dt.date(2026, 9, 1), 2027),
        (dt.date(2027, 3, 2), 2027),
        (dt.date(2027, 6, 15), 2027),
        (dt.date(2027, 8, 31), 2027),
        (dt.date(2027, 9, 1), 2028),
    ],
)
def test_likely_session_is_the_june_of_the_current_school_year(today: dt.date, session: int) -> None:
    # a second-year student's session: the school year runs from September to August
    assert scaffold.likely_session(today) == session


def test_init_prints_the_session_it_chose_and_how_to_change_it(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "p")
    assert result.exit_code == 0, result.output
    chosen = scaffold.likely_session()
    assert result.output.splitlines()[0] == f"Session choisie : {chosen} (changez-la avec --session)"
    assert f"  session: {chosen} " in (tmp_path / "p" / "portfolio.yml").read_text(encoding="utf-8")
    given = run_cli("init", tmp_path / "q", "--session", "2029")
    assert "Session choisie" not in given.output and "session 2029" in given.output


@pytest.mark.parametrize(
    "version, requirement",
    [
        ("0.2.0", "e5portfolio~=0.2.0"),
        ("1.4.2", "e5portfolio~=1.4.0"),
        ("2.0.0rc1", "e5portfolio~=2.0.0"),
        ("dev", "e5portfolio"),
    ],
)
def test_the_workflow_installs_the_same_release_series(version: str, requirement: str) -> None:
    assert scaffold.tool_requirement(version) == requirement


def test_new_portfolio_builds_at_once(new_portfolio: Path) -> None:
    result = run_cli("build", new_portfolio)
    assert result.exit_code == 0, result.output
    site = new_portfolio / "site"
    data = json.loads((site / "portfolio.json").read_text(encoding="utf-8"))
    ids = [r["id"] for r in data["realisations"]]
    assert len(ids) == 3 and all(i.startswith("exemple-") for i in ids)
    for page in [
        "index.html",
        "parcours.html",
        "competences.html",
        "tableau-de-synthese.html",
        "veille.html",
        *(f"realisations/{i}.html" for i in ids),
    ]:
        assert (site / page).is_file(), page


def test_strict_build_stops_on_the_example_warnings(tmp_path: Path) -> None:
    # what the workflow does: the README tells the student why and how to relax it
    folder = init_portfolio(tmp_path / "p")
    result = run_cli("build", folder, "--strict")
    assert result.exit_code == 1
    assert "[numero-candidat-absent]" in result.output
    assert not (folder / "site").exists()


def test_mkdocs_yml_matches_the_embedded_default(new_portfolio: Path) -> None:
    from importlib import resources

    import yaml

    ours = yaml.safe_load((new_portfolio / "mkdocs.yml").read_text(encoding="utf-8"))
    default = yaml.safe_load(
        resources.files("e5portfolio.site").joinpath("default_mkdocs.yml").read_text(encoding="utf-8")
    )
    assert {k: v for k, v in ours["theme"].items()} == {
        k: v for k, v in default["theme"].items() if k != "custom_dir"
    }  # the plugin adds our theme
    assert ours["markdown_extensions"] == default["markdown_extensions"]
    assert ours["use_directory_urls"] is default["use_directory_urls"] is False
    assert [p if isinstance(p, str) else next(iter(p)) for p in ours["plugins"]] == [
        p if isinstance(p, str) else next(iter(p)) for p in default["plugins"]
    ]
    assert ours["extra"]["generator"] is False


def test_every_template_is_used_and_ships_in_the_wheel() -> None:
    import fnmatch
    import tomllib

    from .conftest import REPO_ROOT

    setuptools = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = setuptools["package-data"]["*"]
    folder = Path(scaffold.__file__).parents[1] / "templates" / "init"
    names = {path.name for path in folder.iterdir() if path.is_file()}
    assert [n for n in sorted(names) if not any(fnmatch.fnmatch(n, p) for p in patterns)] == []
    used = (
        {source for source, _ in scaffold._COMMON_FILES}
        | set(scaffold._REALISATIONS.values())
        | {source for files in scaffold._OPTION_FILES.values() for source, _ in files}
        | {source for files in scaffold._FORGE_FILES.values() for source, _ in files}
    )
    assert used == names


def test_readme_sections_are_numbered_in_order(new_portfolio: Path) -> None:
    import re

    headings = re.findall(
        r"^(##+) (\d+)\.(\d+)? ", (new_portfolio / "README.md").read_text(encoding="utf-8"), re.MULTILINE
    )
    part, sub = 0, 0
    for level, number, subnumber in headings:
        if level == "##":
            assert int(number) == part + 1, headings
            part, sub = int(number), 0
        else:
            assert (int(number), int(subnumber)) == (part, sub + 1), headings
            sub = int(subnumber)


def test_readme_step_2_does_not_make_a_second_environment_where_the_tool_is_installed(new_portfolio: Path) -> None:
    readme = (new_portfolio / "README.md").read_text(encoding="utf-8")
    step = readme[readme.index("## 2. ") : readme.index("## 3. ")]
    head = step[: step.index("```")]
    assert "e5portfolio est déjà installé" in head and "passez à la partie 3" in head


def test_gitignore_lists_each_pattern_once(new_portfolio: Path) -> None:
    patterns = [
        line
        for line in (new_portfolio / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(patterns) == len(set(patterns)), patterns
    assert ".*.e5portfolio-*/" in patterns
