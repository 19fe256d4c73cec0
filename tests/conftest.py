"""Shared by every test folder."""

import pytest


@pytest.fixture(autouse=True)
def _not_in_a_forge_ci(monkeypatch):
    """Tests run as on the student's computer, even when the project's own CI runs them on
    GitHub Actions: a forge's variables change defaults (report format, private data absent by
    design). Tests that simulate a forge set them in the environment of what they run."""
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "FORGEJO_ACTIONS", "GITEA_ACTIONS"):
        monkeypatch.delenv(name, raising=False)


def _weight(item: pytest.Item) -> int:
    """0 for a browser test, 1 for a slow or process one, 2 for the rest."""
    if item.get_closest_marker("browser"):
        return 0
    return 1 if item.get_closest_marker("slow") or item.get_closest_marker("process") else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The heaviest modules first (those with browser tests, then slow ones), each module's tests in
    their own order: pytest-xdist hands whole modules to its workers in this order (--dist
    loadscope), so the long ones start early instead of running alone at the end."""
    weight: dict[str, int] = {}
    for item in items:
        weight[item.nodeid.split("::")[0]] = min(weight.get(item.nodeid.split("::")[0], 2), _weight(item))
    items.sort(key=lambda item: weight[item.nodeid.split("::")[0]])  # stable: same order within a weight
