"""Shared by every test folder."""

import pytest


@pytest.fixture(autouse=True)
def _not_in_a_forge_ci(monkeypatch):
    """Tests run as on the student's computer, even when the project's own CI runs them on
    GitHub Actions: a forge's variables change defaults (report format, private data absent by
    design). Tests that simulate a forge set them in the environment of what they run."""
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "FORGEJO_ACTIONS", "GITEA_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
