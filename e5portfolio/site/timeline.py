"""The frise chronologique: stages and réalisations drawn on a time axis, as inline SVG.

The drawing is monochrome (currentColor, so it follows the light and dark palettes) and tells
stages from réalisations by shape, not colour: stages are tall framed bands with their name,
réalisations thin bars carrying the number they have in the text alternative that the page
prints next to the figure. The SVG has role="img" with a <title> and a <desc>.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Literal

WIDTH = 720
MARGIN = 12
AXIS_HEIGHT = 34
STAGE_HEIGHT = 30
STAGE_GAP = 6
BAR_HEIGHT = 14
BAR_GAP = 6
SECTION_GAP = 14
FONT_SIZE = 12
CHAR_WIDTH = 6.6  # average width of a character at FONT_SIZE, to fit labels
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


def _pack(bars: list[Bar], scale: _Scale, reserve) -> list[_Placed]:
    """Greedy lanes: a bar goes in the first lane whose last bar (and its label) ends before it."""
    lane_ends: list[float] = []
    placed = []
    for bar in sorted(bars, key=lambda b: (b.start, b.end)):
        x, width = scale.x(bar.start), scale.width(bar)
        lane = next((i for i, end in enumerate(lane_ends) if end + 4 <= x), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = x + width + reserve(bar)
        placed.append(_Placed(bar, x, width, lane))
    return placed


def _fit(text: str, width: float) -> str:
    room = int((width - 8) / CHAR_WIDTH)
    if room < 2:
        return ""
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _number_room(bar: Bar) -> float:
    return (len(str(bar.number or "")) + 1) * CHAR_WIDTH + 2


def timeline_svg(bars: list[Bar], *, title: str, description: str, id_prefix: str = "frise") -> str:
    """The SVG element (a string), or "" when there is nothing to draw."""
    if not bars:
        return ""
    scale = _Scale(bars)
    stages = _pack([b for b in bars if b.kind == "stage"], scale, lambda b: 0.0)
    works = _pack([b for b in bars if b.kind == "realisation"], scale, _number_room)
    stage_lanes = max((p.lane for p in stages), default=-1) + 1
    work_lanes = max((p.lane for p in works), default=-1) + 1
    works_top = AXIS_HEIGHT + stage_lanes * (STAGE_HEIGHT + STAGE_GAP) + SECTION_GAP
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
    lines = [f'<line x1="{MARGIN}" y1="{AXIS_HEIGHT - 8}" x2="{WIDTH - MARGIN}" y2="{AXIS_HEIGHT - 8}" '
             'stroke="currentColor" stroke-width="1"/>']
    for tick in scale.ticks():
        x = round(scale.x(tick), 1)
        lines.append(f'<line x1="{x}" y1="{AXIS_HEIGHT - 12}" x2="{x}" y2="{height - MARGIN}" '
                     'stroke="currentColor" stroke-opacity="0.25" stroke-width="1"/>')
        if x < WIDTH - MARGIN - 40:
            lines.append(f'<text x="{x + 3}" y="{AXIS_HEIGHT - 14}" fill="currentColor">'
                         f'{escape(month_label(tick))}</text>')
    return lines


def _when(bar: Bar) -> str:
    return f"du {bar.start.strftime('%d/%m/%Y')} au {bar.end.strftime('%d/%m/%Y')}"


def _stage_band(placed: _Placed) -> str:
    y = AXIS_HEIGHT + placed.lane * (STAGE_HEIGHT + STAGE_GAP)
    x, width = round(placed.x, 1), round(placed.width, 1)
    label = _fit(placed.bar.label, placed.width)
    text = (f'<text x="{x + 4}" y="{y + STAGE_HEIGHT / 2 + FONT_SIZE / 3}" fill="currentColor">'
            f'{escape(label)}</text>') if label else ""
    return (f'<g><title>{escape(f"Stage : {placed.bar.label}, {_when(placed.bar)}")}</title>'
            f'<rect x="{x}" y="{y}" width="{width}" height="{STAGE_HEIGHT}" rx="3" fill="currentColor" '
            f'fill-opacity="0.12" stroke="currentColor" stroke-width="1.5"/>{text}</g>')


def _work_bar(placed: _Placed, top: int) -> str:
    y = top + placed.lane * (BAR_HEIGHT + BAR_GAP)
    x, width = round(placed.x, 1), round(placed.width, 1)
    number = placed.bar.number
    label = (f'<text x="{round(x + width + 3, 1)}" y="{y + BAR_HEIGHT - 3}" fill="currentColor">'
             f'{number}</text>') if number is not None else ""
    prefix = f"Réalisation {number}" if number is not None else "Réalisation"
    return (f'<g><title>{escape(f"{prefix} : {placed.bar.label}, {_when(placed.bar)}")}</title>'
            f'<rect x="{x}" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="2" fill="currentColor" '
            f'fill-opacity="0.6"/>{label}</g>')
