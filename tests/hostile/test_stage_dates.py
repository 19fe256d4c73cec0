"""Stage dates: years outside 1990–2100 are a located error (fin: 9999-12-31 crashed with
OverflowError), and working days are computed, not walked day by day (190 s for 40 stages)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from click.testing import CliRunner

from e5portfolio.cli import main
from e5portfolio.core.model import Stage, total_stage_weeks, weekdays_between
from tests.audit.conftest import SMALL_PORTFOLIO

from .conftest import TIME_BOUND, timed


def _check_json(folder) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
    assert "erreur interne" not in result.output and "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.output)


def test_far_year_is_a_located_error(tmp_path):
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    (folder / "portfolio.yml").write_text(text.replace("fin: 2025-06-27", "fin: 9999-12-31"), encoding="utf-8")
    _, report = _check_json(folder)
    dates = [f for f in report["findings"] if f["rule"] == "date-invalide"]
    assert len(dates) == 1, report["findings"]
    assert dates[0]["line"] == 21 and "9999" in dates[0]["message"] and "1990" in dates[0]["message"]


def test_forty_stages_over_a_century_are_counted_quickly(tmp_path):
    folder = tmp_path / "eleve"
    shutil.copytree(SMALL_PORTFOLIO, folder)
    text = (folder / "portfolio.yml").read_text(encoding="utf-8")
    stages = "".join(
        f"  - id: s{i}\n    organisation: Org {i}\n    annee: 1\n    debut: 1990-01-0{1 + i % 9}\n    fin: 2100-12-31\n"
        for i in range(40)
    )
    start, end = text.index("stages:\n") + len("stages:\n"), text.index("realisations:")
    (folder / "portfolio.yml").write_text(text[:start] + stages + text[end:], encoding="utf-8")
    (_, report), seconds = timed(lambda: _check_json(folder))
    assert seconds < TIME_BOUND
    assert not any(f["rule"] == "duree-stages" for f in report["findings"])


def test_working_days_arithmetic_matches_a_walk():
    start = dt.date(2025, 1, 1)
    for length in range(30):
        for offset in range(7):
            a = start + dt.timedelta(days=offset)
            b = a + dt.timedelta(days=length)
            walked = sum(1 for i in range(length + 1) if (a + dt.timedelta(days=i)).weekday() < 5)
            assert weekdays_between(a, b) == walked
    # overlapping stages count once, whatever their length (0001–9999 in a blink)
    stages = [
        Stage.model_construct(debut=dt.date(1, 1, 1), fin=dt.date(9999, 12, 31)),
        Stage.model_construct(debut=dt.date(2025, 5, 19), fin=dt.date(2025, 6, 27)),
    ] * 20
    weeks, seconds = timed(lambda: total_stage_weeks(stages))
    assert seconds < TIME_BOUND and weeks == weekdays_between(dt.date(1, 1, 1), dt.date(9999, 12, 31)) / 5
    two = [
        Stage.model_construct(debut=dt.date(2025, 5, 19), fin=dt.date(2025, 5, 23)),
        Stage.model_construct(debut=dt.date(2025, 5, 22), fin=dt.date(2025, 5, 30)),
    ]
    assert total_stage_weeks(two) == 2.0
