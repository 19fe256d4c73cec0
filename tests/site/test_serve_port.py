"""`serve` on a busy port says so at once, in French, before building anything."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from click.testing import CliRunner
from site_helpers import MINIMAL, copy_portfolio

from e5portfolio.cli import main


def test_a_busy_port_is_reported_in_french_before_the_build(tmp_path: Path):
    portfolio = copy_portfolio(MINIMAL, tmp_path / "portfolio")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = CliRunner().invoke(main, ["serve", str(portfolio.folder), "--dev-addr", f"127.0.0.1:{port}"])
        elapsed = time.monotonic() - started
    output = result.output
    assert result.exit_code == 2, output
    assert f"le port {port} de 127.0.0.1 est déjà utilisé" in output
    assert f"--dev-addr 127.0.0.1:{port + 1}" in output
    assert "construction du site" not in output and "Aperçu sur" not in output
    assert "Address already in use" not in output
    assert elapsed < 30
