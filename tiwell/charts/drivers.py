"""Charts for "what to act on": each question's impact with its interval, and the priority matrix.

Both draw tables from :mod:`tiwell.analysis.drivers`, which hold nothing for a group too small to show.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from tiwell.charts.figures import AXIS, look, plain
from tiwell.theme import ATTENTION, BETTER, INK, MIDDLE, MUTED, NOTE_INK

_QUADRANT_PLACES = {"protect": (1, 1), "build on": (1, 0), "act": (0, 1), "watch": (0, 0)}  # (right?, top?)


def _wrap(text: str, width: int = 48) -> str:
    """A question's wording as typed (see :func:`tiwell.charts.figures.plain`), broken onto short lines."""
    return "<br>".join(plain(line) for line in textwrap.wrap(text, width))


def _colour(low: float, high: float) -> str:
    """Blue when the whole interval says favourable answers go with the better end, orange when
    it says the worse end, grey when it takes in no association at all."""
    return BETTER if low > 0 else ATTENTION if high < 0 else MIDDLE


def impact_intervals(table: pd.DataFrame, outcome_label: str, better: str) -> go.Figure:
    """One row per question, strongest first: its impact as a point inside its 95% interval."""
    shown = table.dropna(subset=["impact"])
    labels = [_wrap(f"{rank}. {d}") for rank, d in zip(shown["rank"], shown["driver"])]
    colours = [_colour(lo, hi) for lo, hi in zip(shown["impact_low"], shown["impact_high"])]
    fig = go.Figure(go.Scatter(
        x=shown["impact"], y=labels, mode="markers", marker=dict(size=11, color=colours),
        error_x=dict(type="data", symmetric=False, array=shown["impact_high"] - shown["impact"],
                     arrayminus=shown["impact"] - shown["impact_low"], color=MUTED, thickness=2, width=6),
        customdata=shown[["impact_low", "impact_high", "n"]].to_numpy(),
        hovertemplate="%{y}<br>impact %{x:.2f} (95% interval %{customdata[0]:.2f} to %{customdata[1]:.2f}), "
                      "n = %{customdata[2]}<extra></extra>"))
    layout = look(f"How closely each question moves with {outcome_label.lower()}", 120 + 56 * len(shown))
    layout |= dict(showlegend=False, margin=dict(l=10, r=20, t=50, b=60),
                   xaxis=AXIS | dict(title=plain(f"impact: further right, favourable answers go with {better}"),
                                     range=[min(-0.1, shown["impact_low"].min() - 0.05),
                                            max(0.5, shown["impact_high"].max() + 0.05)]),
                   yaxis=AXIS | dict(autorange="reversed"),
                   shapes=[dict(type="line", x0=0, x1=0, y0=0, y1=1, yref="paper", line=dict(color=MUTED, dash="dot"))])
    return go.Figure(fig.data, layout=layout)


def priority_matrix(placed: pd.DataFrame, outcome_label: str) -> go.Figure:
    """Favourable share across, impact up, split at the medians into the four labelled quadrants;
    each question drawn as its rank, as numbered in the interval chart, with its wording on hover."""
    x_mid, y_mid = placed["favourable"].median(), placed["impact"].median()
    colours = {"protect": BETTER, "build on": BETTER, "act": ATTENTION, "watch": MIDDLE}
    fig = go.Figure()
    for quadrant, part in placed.groupby("quadrant", sort=False):
        fig.add_trace(go.Scatter(
            x=part["favourable"], y=part["impact"], mode="markers+text", name=quadrant,
            text=part["rank"].astype(str).tolist(), textposition="middle center",
            textfont=dict(size=12, color="white" if quadrant != "watch" else INK),
            marker=dict(size=26, color=colours[quadrant], line=dict(color="white", width=1)),
            hovertext=[_wrap(d) for d in part["driver"]],
            hovertemplate="%{hovertext}<br>favourable %{x:.0%}, impact %{y:.2f}<extra></extra>"))
    x_pad = max(0.08, (placed["favourable"].max() - placed["favourable"].min()) * 0.2)
    y_pad = max(0.05, (placed["impact"].max() - placed["impact"].min()) * 0.25)
    x_range = [max(0, placed["favourable"].min() - x_pad), min(1, placed["favourable"].max() + x_pad)]
    y_range = [placed["impact"].min() - y_pad, placed["impact"].max() + y_pad]
    notes = [dict(x=x_range[right], y=y_range[top], text=f"<b>{name}</b>", showarrow=False,
                  xanchor="right" if right else "left", yanchor="top" if top else "bottom",
                  font=dict(color=NOTE_INK, size=15)) for name, (right, top) in _QUADRANT_PLACES.items()]
    lines = [dict(type="line", x0=x_mid, x1=x_mid, y0=0, y1=1, yref="paper", line=dict(color=MUTED, dash="dot")),
             dict(type="line", y0=y_mid, y1=y_mid, x0=0, x1=1, xref="paper", line=dict(color=MUTED, dash="dot"))]
    layout = look(f"Where this group stands, and what moves with {outcome_label.lower()}", 560) | dict(
        annotations=notes, shapes=lines, showlegend=False,
        xaxis=AXIS | dict(title="share answering favourably", tickformat=".0%", range=x_range),
        yaxis=AXIS | dict(title="impact", range=y_range))
    return go.Figure(fig.data, layout=layout)
