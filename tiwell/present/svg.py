"""A slide's chart as inline SVG: no script, no font or file from elsewhere, so a report drawn with
it opens offline and on a locked-down meeting-room machine. Every label is escaped."""

from __future__ import annotations

from html import escape

from tiwell.present.story import Chart
from tiwell.text.numbers import percent, short
from tiwell.theme import FONT_FAMILY, GRID_ON_PAPER, INK, NOTE_INK, WHITE

WIDTH, LABEL_WIDTH, ROW, PLOT_HEIGHT = 820, 300, 46, 260


def chart_svg(chart: Chart) -> str:
    body, height = (_shares if chart.kind == "shares" else _means)(chart)
    legend = _legend(chart, height)
    title = escape(chart.title)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height + 40}" role="img" '
            f'font-family="{FONT_FAMILY}" aria-label="{title}" class="tw-chart"><title>{title}</title>{body}{legend}</svg>')


def _luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink_on(fill: str) -> str:
    """White or the body ink, whichever reads better on ``fill``: white on the blue, ink on the
    orange and the grey, where white text fell to 2.2:1 and 1.8:1."""
    light = _luminance(fill)
    return WHITE if (1.05 / (light + 0.05)) >= (light + 0.05) / (_luminance(INK) + 0.05) else INK


def _text(x: float, y: float, text: str, anchor: str = "start", fill: str = INK, size: int = 16) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
            f'dominant-baseline="middle">{escape(text)}</text>')


def _shares(chart: Chart) -> tuple[str, int]:
    """Stacked bars, one row per category, each segment a band's share with its percentage."""
    span = WIDTH - LABEL_WIDTH - 20
    parts = []
    for row, category in enumerate(chart.categories):
        y = 10 + row * ROW
        parts.append(_label(category, y + ROW / 2 - 4))
        x = LABEL_WIDTH
        for series in chart.series:
            share = series.values[row]
            if share is None or share <= 0:
                continue
            width = share * span
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{ROW - 12}" '
                         f'fill="{series.colour}"/>')
            if share >= 0.08:
                parts.append(_text(x + width / 2, y + ROW / 2 - 4, percent(share), "middle", ink_on(series.colour), 15))
            x += width
        if all(s.values[row] is None for s in chart.series):
            parts.append(_text(LABEL_WIDTH, y + ROW / 2 - 4, "not shown: too few people", fill=NOTE_INK))
    return "".join(parts), 20 + len(chart.categories) * ROW


def _label(category: str, y: float) -> str:
    """'Burnout: Team A' on two lines, the group under the subscale, each cut to fit."""
    first, _, second = category.partition(": ")
    if not second:
        return _text(LABEL_WIDTH - 10, y, _fit(first), "end")
    return _text(LABEL_WIDTH - 10, y - 9, _fit(first), "end", size=15) + _text(
        LABEL_WIDTH - 10, y + 10, _fit(second), "end", NOTE_INK, 14)


def _fit(text: str, most: int = 34) -> str:
    return text if len(text) <= most else text[:most - 1] + "\u2026"


def _means(chart: Chart) -> tuple[str, int]:
    """Lines across the waves; a hidden wave breaks the line rather than joining over it."""
    low, high = chart.value_range
    left, right, top = 70, WIDTH - 30, 20
    step = (right - left) / max(len(chart.categories) - 1, 1)

    def x_of(k: int) -> float:
        return left + k * step

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * PLOT_HEIGHT

    parts = []
    for tick in range(5):
        value = low + (high - low) * tick / 4
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y_of(value):.1f}" y2="{y_of(value):.1f}" '
                     f'stroke="{GRID_ON_PAPER}"/>')
        parts.append(_text(left - 10, y_of(value), short(value), "end", NOTE_INK, 14))
    for k, wave in enumerate(chart.categories):
        parts.append(_text(x_of(k), top + PLOT_HEIGHT + 22, wave, "middle", NOTE_INK, 14))
    for series in chart.series:
        points = [(x_of(k), y_of(v)) if v is not None else None for k, v in enumerate(series.values)]
        for a, b in zip(points, points[1:]):
            if a and b:
                parts.append(f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
                             f'stroke="{series.colour}" stroke-width="3"/>')
        parts += [f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="6" fill="{series.colour}"/>' for p in points if p]
    for k, (position, text) in enumerate(chart.marks):
        x = x_of(position)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + PLOT_HEIGHT}" stroke="{INK}" '
                     'stroke-width="1.5" stroke-dasharray="6 4" class="tw-action"/>')
        parts.append(_text(x + 6, top + 10 + 20 * (k % 3), _fit(text, 48), size=13))
    return "".join(parts), top + PLOT_HEIGHT + 40


def _legend(chart: Chart, y: int) -> str:
    parts, x = [], LABEL_WIDTH if chart.kind == "shares" else 70
    for series in chart.series:
        parts.append(f'<rect x="{x}" y="{y + 6}" width="16" height="16" fill="{series.colour}"/>')
        parts.append(_text(x + 22, y + 14, series.name, size=15))
        x += 40 + 9 * len(series.name)
    return "".join(parts)
