"""Rule couleur-contraste and the look keys of `publication:` (couleur, couleur_sombre, logo)."""

from __future__ import annotations

import pytest

from e5portfolio.checks.publication import contrast

from .conftest import ERROR, PortfolioCopy

BASE_LINES = 73  # lines of the base portfolio.yml; `publication:` is appended after them


def _with_publication(portfolio: PortfolioCopy, *lines: str) -> PortfolioCopy:
    text = portfolio.text()
    assert text.count("\n") == BASE_LINES
    return portfolio.write(text + "publication:\n" + "".join(f"  {line}\n" for line in lines))


def test_contrast_matches_wcag_reference_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes AA on white
    assert contrast("#ffffff", "#ffffff") == 1.0


def test_readable_colours_and_a_logo_pass(portfolio: PortfolioCopy):
    portfolio.add_file("images/logo.png", b"\x89PNG\r\n\x1a\n")
    _with_publication(
        portfolio,
        'couleur: "#1a5e20"',
        'couleur_sombre: "#a5d6a7"',
        "logo: images/logo.png",
        "etablissement: Lycée Exemple",
    )
    assert portfolio.findings() == []


def test_a_light_colour_on_white_is_an_error_located_on_its_line(portfolio: PortfolioCopy):
    _with_publication(portfolio, 'couleur: "#ffd54f"')
    assert portfolio.found("couleur-contraste") == [
        (
            ERROR,
            BASE_LINES + 2,
            12,
            "RGAA 3.2 — contraste du texte : couleur « #ffd54f » trop peu contrastée sur fond blanc (contraste 1,4:1, il "
            "faut au moins 4,5:1) : choisissez une couleur plus foncée, par exemple la "
            'même teinte « couleur: "#957100" »',
        )
    ]


def test_a_dark_colour_on_the_dark_background_is_an_error(portfolio: PortfolioCopy):
    _with_publication(portfolio, 'couleur_sombre: "#303fa1"')
    [(severity, line, _, message)] = portfolio.found("couleur-contraste")
    assert (severity, line) == (ERROR, BASE_LINES + 2)
    assert message.startswith(
        "RGAA 3.2 — contraste du texte : couleur « #303fa1 » trop peu contrastée sur le fond sombre du site (contraste "
    )
    assert message.endswith(
        'choisissez une couleur plus claire, par exemple la même teinte « couleur_sombre: "#7481d5" »'
    )


def test_a_colour_not_written_as_rrggbb_is_a_schema_error(portfolio: PortfolioCopy):
    _with_publication(portfolio, 'couleur: "vert"')
    assert portfolio.found("schema") == [
        (
            ERROR,
            BASE_LINES + 2,
            12,
            "valeur « vert » invalide pour « couleur » : un code couleur #RRGGBB entre "
            'guillemets, par exemple "#1a5e20"',
        )
    ]


def test_a_missing_logo_is_reported_like_any_file(portfolio: PortfolioCopy):
    _with_publication(portfolio, "logo: images/absent.png")
    [(severity, line, _, message)] = portfolio.found("fichier-introuvable")
    assert (severity, line) == (ERROR, BASE_LINES + 2) and "logo" in message


@pytest.mark.parametrize(
    "key, colour",
    [
        ("couleur", "#ffcc00"),
        ("couleur", "#ff6666"),
        ("couleur", "#00ff00"),
        ("couleur_sombre", "#303fa1"),
        ("couleur_sombre", "#8b0000"),
    ],
)
def test_the_contrast_suggestion_keeps_the_hue_and_passes_once_applied(portfolio: PortfolioCopy, key: str, colour: str):
    import colorsys
    import re

    _with_publication(portfolio, f'{key}: "{colour}"')
    [(_, _, _, message)] = portfolio.found("couleur-contraste")
    suggested = re.search(rf'« {key}: "(#[0-9a-f]{{6}})" »$', message)[1]

    def hue(code: str) -> float:
        return colorsys.rgb_to_hls(*(int(code[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]

    assert abs(hue(suggested) - hue(colour)) < 0.02, (colour, suggested)
    portfolio.edit(f'{key}: "{colour}"', f'{key}: "{suggested}"')
    assert portfolio.found("couleur-contraste") == []


def test_two_colours_get_two_suggestions(portfolio: PortfolioCopy):
    from e5portfolio.checks.publication import readable_variant

    assert readable_variant("#ffcc00", "#ffffff", darker=True) != readable_variant("#ff6666", "#ffffff", darker=True)
