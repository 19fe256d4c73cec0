"""Rules on the site's look (publication: couleur, couleur_sombre): colours that stay readable."""

from __future__ import annotations

import colorsys
from collections.abc import Iterator

from e5portfolio.checks.base import CheckContext, Rule, rule
from e5portfolio.core.findings import Finding, Severity
from e5portfolio.core.referential.rgaa import load_rgaa

AA_TEXT = 4.5  # WCAG 2 AA, normal text
LIGHT_BACKGROUND = "#ffffff"  # the light palette's page (and the text on the header and initials)
DARK_BACKGROUND = "#1e2029"  # mkdocs-material's slate page background


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_variant(colour: str, background: str, *, darker: bool) -> str:
    """`colour` with its hue and saturation kept, darkened (or lightened) just enough to reach
    the AA contrast with `background`: the school's yellow becomes a dark yellow, not a green."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))

    def at(value: float) -> str:
        red, green, blue = colorsys.hls_to_rgb(hue, value, saturation)
        return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))

    # The readable end (black or white) always reaches AA on these backgrounds: search between.
    low, high = (0.0, lightness) if darker else (lightness, 1.0)
    for _ in range(30):
        middle = (low + high) / 2
        readable = contrast(at(middle), background) >= AA_TEXT
        if readable == darker:
            low = middle
        else:
            high = middle
    best = at(low if darker else high)
    return best if contrast(best, background) >= AA_TEXT else at(0.0 if darker else 1.0)


def _ratio_fr(ratio: float) -> str:
    return f"{ratio:.1f}".replace(".", ",")


@rule("couleur-contraste", Severity.ERROR)
def couleur_contraste(self: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Les couleurs choisies pour le site restent lisibles : `publication.couleur` (mode clair :
    liens, en-tête, initiales) contraste à au moins 4,5:1 avec le blanc, et
    `publication.couleur_sombre` (mode sombre) à au moins 4,5:1 avec le fond sombre du site
    (#1e2029), comme le demande le niveau AA des règles d'accessibilité (WCAG 1.4.3, critère 3.2
    du RGAA : contraste du texte).

    Correct : `couleur: "#1a5e20"` (vert foncé, 7,9:1 sur blanc).
    Incorrect : `couleur: "#ffd54f"` (jaune clair, 1,4:1 sur blanc, illisible).
    """
    publication = ctx.portfolio.publication
    checks = (
        ("couleur", publication.couleur, LIGHT_BACKGROUND, "sur fond blanc", "plus foncée", True),
        (
            "couleur_sombre",
            publication.couleur_sombre,
            DARK_BACKGROUND,
            "sur le fond sombre du site",
            "plus claire",
            False,
        ),
    )
    for key, colour, background, where, fix, darker in checks:
        if colour is None:
            continue
        ratio = contrast(colour, background)
        if ratio < AA_TEXT:
            example = readable_variant(colour, background, darker=darker)
            yield ctx.finding(
                self,
                ("publication", key),
                f"{load_rgaa().names_of(self.id)} : couleur « {colour} » trop peu contrastée {where} (contraste {_ratio_fr(ratio)}:1, "
                f"il faut au moins 4,5:1) : choisissez une couleur {fix}, par exemple la même teinte "
                f'« {key}: "{example}" »',
            )


RULES = (couleur_contraste,)
