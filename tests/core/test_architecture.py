"""The one-way flow is enforced: the import contract (pyproject's [tool.importlinter]), no import
cycle between modules, and no private name imported from another module.

The contract is checked twice: on the package as it is (it must hold), and on a temporary copy
where an upward import is planted (it must break): a contract that cannot fail proves nothing.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "e5portfolio"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
    )


def test_the_import_contract_holds():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_import_contract_breaks_on_an_upward_import(tmp_path):
    copy = tmp_path / "projet"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    shutil.copytree(PACKAGE, copy / "e5portfolio", ignore=shutil.ignore_patterns("__pycache__", "theme", "vendor"))
    rule = copy / "e5portfolio" / "checks" / "todo.py"
    rule.write_text(
        rule.read_text(encoding="utf-8") + "\nfrom e5portfolio.site import pages  # planted\n", encoding="utf-8"
    )
    result = _lint_imports(copy)
    assert result.returncode != 0
    assert "e5portfolio.checks.todo -> e5portfolio.site.pages" in result.stdout


def _graph() -> grimp.ImportGraph:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return grimp.build_graph("e5portfolio", cache_dir=None, exclude_type_checking_imports=True)


def test_no_module_imports_itself_back():
    graph = _graph()
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(imported=module, importer=imported) and module < imported:
                cycles.append(f"{module} <-> {imported}")
    assert cycles == []


def test_no_private_name_is_imported_from_another_module():
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("e5portfolio"):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        offences.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}")
    assert offences == []
