"""Every chart as text a screen reader can reach: a one-sentence summary and a table of the values
it draws, read from the figure itself, so the table can never say more (or other) than the chart.

A Plotly chart is a picture to assistive technology. WCAG 1.1.1 asks for a text alternative that
serves the same purpose: here the same numbers, in the same words and formats the chart shows
(a share as '12%', a mean to one decimal, a bin as '20 to under 25'). A value the release held
back is 'not shown', never the height of the hatched bar that marks it.
"""

from __future__ import annotations

from html import unescape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tiwell.text.numbers import fixed, interval, percent, short

HIDDEN = "not shown"


def _text(value: object) -> str:
    """Text as the chart draws it: the entities :func:`tiwell.charts.figures.plain` made turned
    back into characters, line breaks into spaces."""
    return unescape(str(value).replace("<br>", " ")).strip()


def _is_number(values) -> bool:
    return len(values) > 0 and all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in values)


def _axis(fig: go.Figure, letter: str, trace) -> tuple[str, str]:
    """An axis's title and tick format, for the axis ``trace`` is drawn on."""
    name = (getattr(trace, f"{letter}axis", None) or letter).replace(letter, f"{letter}axis", 1)
    axis = fig.layout[name] if name in fig.layout else fig.layout[f"{letter}axis"]
    return _text(axis.title.text or ""), axis.tickformat or ""


def _format(value, tickformat: str) -> str:
    if value is None or (isinstance(value, (float, np.floating)) and np.isnan(value)):
        return HIDDEN
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "strftime"):
        return pd.Timestamp(value).strftime("%d %b %Y")
    if not isinstance(value, (int, float, np.number)):
        return _text(value)
    if "%" in tickformat:
        return percent(value)
    return short(value) if float(value).is_integer() else fixed(value, 2) if abs(value) < 1 else fixed(value)


def _labels(trace, size: int) -> list[str]:
    """What names each point beyond its place: the words in its hover (a team and wave, a question)."""
    hover = getattr(trace, "hovertext", None)
    if hover is not None and not isinstance(hover, str) and len(hover) == size:
        return [_text(v) for v in hover]
    data = getattr(trace, "customdata", None)
    if data is None or len(data) != size:
        return [""] * size
    rows = [row if isinstance(row, (list, tuple, np.ndarray)) else [row] for row in data]
    return [", ".join(_text(v) for v in row if isinstance(v, str)) for row in rows]


def _bounds(error) -> tuple[list, list] | None:
    """An error bar's lengths below and above each value, read from the figure once (each read of a
    Plotly property is checked again: reading them point by point took most of a chart's text)."""
    return None if error is None or error.array is None else (list(error.arrayminus), list(error.array))


def _interval(bounds: tuple[list, list] | None, values, index: int, tickformat: str) -> str:
    if bounds is None:
        return ""
    low, high = values[index] - bounds[0][index], values[index] + bounds[1][index]
    if np.isnan(low) or np.isnan(high):
        return ""
    return f"{percent(low)} to {percent(high)}" if "%" in tickformat else interval(low, high, 2 if abs(high) < 1 else 1)


def _point_rows(fig: go.Figure, trace) -> list[dict]:
    """Bars and markers: which group (the category axis), how much (the value axis), and the
    interval around it when the chart draws one."""
    x, y = list(trace.x if trace.x is not None else []), list(trace.y if trace.y is not None else [])
    value_on_x = getattr(trace, "orientation", None) == "h" or (not _is_number(y) and _is_number(x))
    (place, value), (place_axis, value_axis) = ((y, x), ("y", "x")) if value_on_x else ((x, y), ("x", "y"))
    place_title, _ = _axis(fig, place_axis, trace)
    value_title, tickformat = _axis(fig, value_axis, trace)
    widths = getattr(trace, "width", None)
    if trace.type == "bar" and widths is not None and not np.isscalar(widths) and _is_number(place):
        place = [f"{short(p - w / 2)} to under {short(p + w / 2)}" for p, w in zip(place, widths)]
    labels, bounds = _labels(trace, len(place)), _bounds(trace[f"error_{value_axis}"])
    hidden = _text(trace.name or "") == HIDDEN
    return [{"series": _text(trace.name or ""), "label": label, "place_title": place_title, "place": _format(p, ""),
             "value_title": value_title, "value": HIDDEN if hidden else _format(v, tickformat),
             "interval": "" if hidden else _interval(bounds, value, k, tickformat)}
            for k, (p, v, label) in enumerate(zip(place, value, labels))]


def _heatmap_rows(trace) -> list[dict]:
    """A heatmap's cells as the text written in them (its colours are a reading of that number)."""
    return [{"series": _text(column), "label": "", "place_title": "", "place": _text(row),
             "value_title": "", "value": _text(text) or HIDDEN, "interval": ""}
            for row, texts in zip(trace.y, trace.text) for column, text in zip(trace.x, texts)]


def _box_rows(fig: go.Figure, trace) -> list[dict]:
    """A box drawn from released quantiles, in words."""
    middle = f"median {fixed(trace.median[0])}; middle half {interval(trace.q1[0], trace.q3[0])}"
    return [{"series": "", "label": "", "place_title": _axis(fig, "x", trace)[0], "place": _text(trace.x[0]),
             "value_title": _axis(fig, "y", trace)[0], "value": middle,
             "interval": interval(trace.lowerfence[0], trace.upperfence[0])}]


def _rows(fig: go.Figure) -> list[dict]:
    """Every trace's rows; a gap that a 'not shown' trace marks (a hatched bin) is listed once, as that."""
    rows: list[dict] = []
    for trace in fig.data:
        rows += (_heatmap_rows(trace) if trace.type == "heatmap" else _box_rows(fig, trace) if trace.type == "box"
                 else _point_rows(fig, trace))
    marked = {row["place"] for row in rows if row["series"] == HIDDEN}
    return [row for row in rows if row["series"] == HIDDEN or row["place"] not in marked]


def chart_table(fig: go.Figure) -> pd.DataFrame:
    """One row per value the chart draws, headed in words: the series (a team, a band), what
    names the point, where it sits and the value, with its interval where one is drawn. Columns
    that say nothing for this chart (one series, no intervals) are left out."""
    frame = pd.DataFrame(_rows(fig), columns=["series", "label", "place_title", "place", "value_title", "value",
                                              "interval"])
    names = {"series": "Series", "label": "Which",
             "place": next((t for t in frame["place_title"] if t), "Group"),
             "value": next((t for t in frame["value_title"] if t), "Value"),
             "interval": "10th to 90th percentile" if any(t.type == "box" for t in fig.data) else "95% interval"}
    keep = [c for c in names if frame[c].astype(str).str.len().gt(0).any() and (c != "series" or frame[c].nunique() > 1)]
    if keep == ["series", "place", "value"] and HIDDEN not in set(frame["series"]) \
            and not frame.duplicated(["place", "series"]).any():
        return _across(frame, names["place"])
    return frame[keep].rename(columns=names)


def _across(frame: pd.DataFrame, place: str) -> pd.DataFrame:
    """Several series over the same groups (bands of each subscale, subscales of each team) as
    one row per group and one column per series, in the chart's order: the grid a reader scans."""
    wide = frame.pivot(index="place", columns="series", values="value").fillna(HIDDEN)
    wide = wide.loc[list(dict.fromkeys(frame["place"])), list(dict.fromkeys(frame["series"]))]
    return wide.rename_axis(index=place, columns=None).reset_index()


def chart_summary(fig: go.Figure, title: str = "") -> str:
    """One sentence naming the chart and what it draws, to stand beside its table."""
    title = title or _text(fig.layout.title.text or "") or "The chart"
    rows = _rows(fig)
    series = list(dict.fromkeys(row["series"] for row in rows if row["series"] not in ("", HIDDEN)))
    hidden = sum(row["value"] == HIDDEN for row in rows)
    named = f" across {len(series)} series ({', '.join(series)})" if 1 < len(series) <= 8 else ""
    held = f"; {hidden} held back to protect small groups" if hidden else ""
    shown = len(rows) - hidden
    return f"{title}: {shown} value{'' if shown == 1 else 's'}{named}{held}."
