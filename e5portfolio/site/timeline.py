"""The frise chronologique: stages and réalisations drawn on a time axis, as inline SVG.

The drawing tells stages from réalisations by shape, not colour: stages are tall framed bands
with their name written above the band (never cut to fit the band: a short stage keeps its
full name, which runs past the band's end), réalisations thin bars carrying their number (« R3 », as on
the cards and in the text alternative) that the page prints next to the figure. The SVG has role="img"
with a <title> and a <desc>; each band and bar has its own <title> with the full name and dates.

Colours: every stroke, fill and text is `currentColor`, so the drawing takes the text colour of
the page (AA in the light and dark palettes of the theme); texts are drawn at full opacity,
never on a tinted fill. The theme paints the bands and bars (classes e5-frise__stage and
e5-frise__barre) in its accent colour, at least 3:1 against the page as a graphic must be;
without the theme's stylesheet (the printed PDF) they stay in currentColor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Literal

WIDTH = 720
MARGIN = 12
AXIS_HEIGHT = 34
FONT_SIZE = 13
CHAR_WIDTH = 7.15  # average width of a character at FONT_SIZE, to fit labels
BOLD_CHAR_WIDTH = 7.4  # the same, in bold (stage names)
STAGE_LABEL_HEIGHT = FONT_SIZE + 5  # the stage's name, above its band
STAGE_HEIGHT = 22
STAGE_GAP = 8
STAGE_LANE = STAGE_LABEL_HEIGHT + STAGE_HEIGHT + STAGE_GAP
LABEL_GAP = 10  # between a stage's name and the next band of the same lane
BAR_HEIGHT = 16
BAR_GAP = 6
SECTION_GAP = 8
NUMBER_GAP = 4  # between a réalisation's bar and its number
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


@dataclass(frozen=True)
class Bar:
    label: str  # plain text (escaped here)
    start: dt.date
    end: dt.date
    kind: Literal["stage", "realisation"]
    number: int | None = None  # réalisation number in the text alternative


@dataclass(frozen=True)
class _Placed:
    bar: Bar
    x: float
    width: float
    lane: int


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class _Scale:
    def __init__(self, bars: list[Bar]):
        self.start = _first_of_month(min(bar.start for bar in bars))
        self.end = _add_months(_first_of_month(max(bar.end for bar in bars)), 1)
        self.days = max(1, (self.end - self.start).days)
        self.inner = WIDTH - 2 * MARGIN

    def x(self, day: dt.date) -> float:
        return MARGIN + (day - self.start).days / self.days * self.inner

    def width(self, bar: Bar) -> float:
        return max(3.0, self.x(bar.end + dt.timedelta(days=1)) - self.x(bar.start))

    def ticks(self) -> list[dt.date]:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 60) if months / s <= 10)
        return [_add_months(self.start, i) for i in range(0, months + 1, step)]


def _pack(bars: list[Bar], scale: _Scale, span) -> list[_Placed]:
    """Greedy lanes: a bar goes in the first lane whose last bar (and its label) ends before the
    bar (and its label) starts. `span(bar, x, width)` is (left, right) of the bar with its label."""
    lane_ends: list[float] = []
    placed = []
    for bar in sorted(bars, key=lambda b: (b.start, b.end)):
        x, width = scale.x(bar.start), scale.width(bar)
        left, right = span(bar, x, width)
        lane = next((i for i, end in enumerate(lane_ends) if end + 4 <= left), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = right
        placed.append(_Placed(bar, x, width, lane))
    return placed


def _text_width(text: str, char_width: float = CHAR_WIDTH) -> float:
    return len(text) * char_width


def _fit(text: str, width: float, char_width: float) -> str:
    """`text`, shortened with … when it is wider than `width` (the full text is in a <title>)."""
    room = int(width / char_width)
    if room < 2:
        return ""
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _stage_label(bar: Bar) -> str:
    """The name as drawn: whole, unless it is wider than the whole drawing."""
    return _fit(bar.label, WIDTH - 2 * MARGIN, BOLD_CHAR_WIDTH)


def _stage_label_x(x: float, label: str) -> float:
    """The name starts over the band; it moves left when it would run past the right margin."""
    return max(MARGIN, min(x, WIDTH - MARGIN - _text_width(label, BOLD_CHAR_WIDTH)))


def _stage_label_position(x: float, label: str) -> str:
    """The x (and anchor) attributes of a stage's name. A name moved left by the right margin
    ends at that margin (text-anchor="end"): a font wider than the estimate, as in the printed
    PDF, then grows to the left instead of being cut at the edge of the drawing."""
    label_x = _stage_label_x(x, label)
    if label_x < x and label_x > MARGIN:
        return f'x="{WIDTH - MARGIN}" text-anchor="end"'
    return f'x="{round(label_x, 1)}"'


def _stage_span(bar: Bar, x: float, width: float) -> tuple[float, float]:
    label = _stage_label(bar)
    label_x = _stage_label_x(x, label)
    return min(x, label_x), max(x + width, label_x + _text_width(label, BOLD_CHAR_WIDTH) + LABEL_GAP)


def _number_before(bar: Bar, x: float, width: float) -> bool:
    """Whether the réalisation's number goes before its bar (no room after it)."""
    return x + width + _number_width(bar) > WIDTH


def _number_label(bar: Bar) -> str:
    """« R3 »: the réalisation's number as everywhere on the site (cards, check's legend)."""
    return f"R{bar.number}" if bar.number is not None else ""


def _number_width(bar: Bar) -> float:
    return _text_width(_number_label(bar)) + NUMBER_GAP if bar.number is not None else 0.0


def _work_span(bar: Bar, x: float, width: float) -> tuple[float, float]:
    if _number_before(bar, x, width):
        return x - _number_width(bar), x + width
    return x, x + width + _number_width(bar)


def timeline_svg(bars: list[Bar], *, title: str, description: str, id_prefix: str = "frise") -> str:
    """The SVG element (a string), or "" when there is nothing to draw."""
    if not bars:
        return ""
    scale = _Scale(bars)
    stages = _pack([b for b in bars if b.kind == "stage"], scale, _stage_span)
    works = _pack([b for b in bars if b.kind == "realisation"], scale, _work_span)
    stage_lanes = max((p.lane for p in stages), default=-1) + 1
    work_lanes = max((p.lane for p in works), default=-1) + 1
    works_top = AXIS_HEIGHT + stage_lanes * STAGE_LANE + SECTION_GAP
    height = works_top + work_lanes * (BAR_HEIGHT + BAR_GAP) + MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{id_prefix}-titre {id_prefix}-desc" class="e5-frise" '
        f'font-size="{FONT_SIZE}" font-family="inherit">',
        f'<title id="{id_prefix}-titre">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    parts.extend(_axis(scale, height))
    parts.extend(_stage_band(p) for p in stages)
    parts.extend(_work_bar(p, works_top) for p in works)
    parts.append("</svg>")
    return "\n".join(parts)


def _axis(scale: _Scale, height: int) -> list[str]:
    lines = [
        f'<line x1="{MARGIN}" y1="{AXIS_HEIGHT - 8}" x2="{WIDTH - MARGIN}" y2="{AXIS_HEIGHT - 8}" '
        'stroke="currentColor" stroke-width="1"/>'
    ]
    for tick in scale.ticks():
        x = round(scale.x(tick), 1)
        lines.append(
            f'<line x1="{x}" y1="{AXIS_HEIGHT - 12}" x2="{x}" y2="{height - MARGIN}" '
            'stroke="currentColor" stroke-opacity="0.25" stroke-width="1"/>'
        )
        if x + 3 + _text_width(month_label(tick)) <= WIDTH:
            lines.append(
                f'<text x="{x + 3}" y="{AXIS_HEIGHT - 14}" fill="currentColor">{escape(month_label(tick))}</text>'
            )
    return lines


def _when(bar: Bar) -> str:
    return f"du {bar.start.strftime('%d/%m/%Y')} au {bar.end.strftime('%d/%m/%Y')}"


def _stage_band(placed: _Placed) -> str:
    top = AXIS_HEIGHT + placed.lane * STAGE_LANE
    band = top + STAGE_LABEL_HEIGHT
    x, width = round(placed.x, 1), round(placed.width, 1)
    label = _stage_label(placed.bar)
    text = (
        (
            f'<text {_stage_label_position(placed.x, label)} y="{band - 5}" fill="currentColor" '
            f'font-weight="bold">{escape(label)}</text>'
        )
        if label
        else ""
    )
    return (
        f"<g><title>{escape(f'Stage : {placed.bar.label}, {_when(placed.bar)}')}</title>"
        f'{text}<rect x="{x}" y="{band}" width="{width}" height="{STAGE_HEIGHT}" rx="3" '
        f'fill="currentColor" fill-opacity="0.12" stroke="currentColor" stroke-width="1.5" '
        f'class="e5-frise__stage"/></g>'
    )


def _work_bar(placed: _Placed, top: int) -> str:
    y = top + placed.lane * (BAR_HEIGHT + BAR_GAP)
    x, width = round(placed.x, 1), round(placed.width, 1)
    number = placed.bar.number
    label = ""
    if number is not None:
        before = _number_before(placed.bar, placed.x, placed.width)
        where = f'x="{round(x - 3, 1)}" text-anchor="end"' if before else f'x="{round(x + width + 3, 1)}"'
        label = f'<text {where} y="{y + BAR_HEIGHT - 3}" fill="currentColor">{_number_label(placed.bar)}</text>'
    prefix = f"Réalisation {_number_label(placed.bar)}" if number is not None else "Réalisation"
    return (
        f"<g><title>{escape(f'{prefix} : {placed.bar.label}, {_when(placed.bar)}')}</title>"
        f'<rect x="{x}" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="2" fill="currentColor" '
        f'fill-opacity="0.6" class="e5-frise__barre"/>{label}</g>'
    )
