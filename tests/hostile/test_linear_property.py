"""Property: the highlighter wrapper, the secret scanner and the YAML loader take time at most
linear in their input, whatever long line or nesting Hypothesis generates.

Each generated unit is repeated to a small and an 8 times larger input; the larger may take at
most 8 × 4 times as long, plus a second (generous: a loaded 2-core machine; a quadratic case
takes 64 times as long, and the cases fixed here took minutes)."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from e5portfolio.core.loader import load_portfolio_bytes
from e5portfolio.core.secrets_detector import find_secrets
from e5portfolio.site.productions import highlight_within_budget

SMALL = 8 * 1024
FACTOR = 8
SLACK = 4.0
FLOOR = 1.0  # seconds

WORDS = [
    "mysql",
    "curl",
    "nmcli",
    "htpasswd",
    "ConvertTo-SecureString",
    "-AsPlainText",
    "-p",
    "-u",
    "-b",
    "password",
    "mdp",
    "pass",
    "secret",
    "token",
    "key",
    "$x",
    "=",
    ":",
    "'",
    '"',
    '@"',
    '"@',
    "://",
    "CREATE USER",
    "net user",
    "/add",
    "a",
    "A1",
    "==",
    "+/",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "#",
    ";",
]
units = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
PROFILE = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def seconds(function, argument) -> float:
    start = time.process_time()
    function(argument)
    return time.process_time() - start


def grows_linearly(function, make, small_size: int = SMALL) -> None:
    small, large = make(small_size), make(small_size * FACTOR)
    seconds(function, small)  # warm-up (imports, compiled patterns)
    t_small = seconds(function, small)
    t_large = seconds(function, large)
    assert t_large <= FACTOR * SLACK * t_small + FLOOR, (t_small, t_large, large[:80])


@PROFILE
@given(unit=units, language=st.sampled_from(["powershell", "css", "bash", "python", "sql", "yaml", "text"]))
@example(unit="QUJDREVGR0g=", language="powershell")
def test_highlighter_wrapper_is_linear(unit, language):
    grows_linearly(
        lambda text: highlight_within_budget(text, language),
        lambda size: '$cert = @"\n' + (unit * (size // len(unit) + 1))[:size] + '\n"@\n',
    )


@PROFILE
@given(unit=units)
@example(unit="mysql x")
@example(unit="curl x")
@example(unit="nmcli x")
@example(unit="htpasswd -b")
@example(unit="ConvertTo-SecureString x")
def test_secret_scanner_is_linear(unit):
    grows_linearly(find_secrets, lambda size: (unit + " ") * (size // (len(unit) + 1) + 1) + "\n", 2 * SMALL)


@PROFILE
@given(opening=st.sampled_from(["[", "{a: ", "- ", "[a, ", "{"]), leaf=st.sampled_from(["x", "1", "'t'", "&a x"]))
def test_loader_is_linear_on_nestings_and_wide_lists(opening, leaf):
    def nested(size: int) -> bytes:
        depth = min(size // 64, 90)  # under the depth limit: the loader builds it
        closing = {"[": "]", "{a: ": "}", "- ": "", "[a, ": "]", "{": "}"}[opening]
        text = opening * depth + leaf + closing * depth
        return f"racine: {text}\nliste: [{', '.join(['x'] * (size // 3))}]\n".encode()

    grows_linearly(load_portfolio_bytes, nested)
