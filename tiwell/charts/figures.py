"""Plotly figures from the release's tables: calm, readable with colour-blindness, never a number
for a hidden group (the tables they draw come from :mod:`tiwell.privacy.release`, already protected).

Colours come from :mod:`tiwell.theme`: blue for the better end of a subscale, orange for the end
that calls for attention, grey between, whichever direction the subscale runs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tiwell.survey import ScoreColumn
from tiwell.theme import (ATTENTION, BETTER, FONT_FAMILY, GRID, HEAT_MIDDLE, INK, MIDDLE, MUTED, NOTE_INK,
                          SERIES_COLOURS, band_colours)
from tiwell.text.numbers import count, fixed, percent, short, signed

FONT = dict(family=FONT_FAMILY, size=14, color=INK)
# One marker shape per line beside its colour, so two teams' lines differ by more than colour.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "triangle-down", "x", "star")
AXIS = dict(gridcolor=GRID, zeroline=False)


# Plotly reads a few HTML tags in any text it draws (<b>, <a href>, <span style>...) and fills
# ``%{...}`` in templates; as entities, which it turns back into characters, none of them acts.
_PLOTLY_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;"})


def plain(text: object) -> str:
    """A name or label from a file as Plotly should draw it: as typed. A team called '<b>x</b>'
    would otherwise turn bold, '<a href=...>' into a link, and '%{x}' in a hover into a number."""
    return str(text).translate(_PLOTLY_MARKUP)


def look(title: str, height: int) -> dict:
    """The layout every chart shares, as a dict: passed whole to ``go.Figure`` it is checked
    once, where each ``update_*`` call checks the figure again."""
    return dict(title=dict(text=plain(title), x=0, font=dict(size=16)), font=FONT, height=height,
                margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white", paper_bgcolor="white",
                legend=dict(orientation="h", yanchor="top", y=-0.22), hoverlabel=dict(bgcolor="white"))


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(look(title, height))
    fig.update_xaxes(AXIS)
    fig.update_yaxes(AXIS)
    return fig


def distribution(bins: pd.DataFrame, label: str, score_range: tuple[float, float], bands, direction: str,
                 min_group: int) -> go.Figure:
    """Histogram of one subscale from the release's bin counts (never from individual scores),
    the band cut points marked (as ``add_vline`` would, at a fifth of its cost). A bin with fewer
    than ``min_group`` people is a low hatched bar that says so, not a count."""
    colours = band_colours([b.label for b in bands], direction)
    cuts = [(b.low, colours[b.label], plain(f"{b.label} from {short(b.low)}")) for b in bands if b.low is not None]
    lines = [dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain",
                  line=dict(color=colour, dash="dot", width=2)) for x, colour, _ in cuts]
    notes = [dict(x=x, y=1, xref="x", yref="y domain", text=text, showarrow=False, xanchor="left", yanchor="top",
                  font=dict(color=NOTE_INK)) for x, _, text in cuts]
    layout = look(f"How {label.lower()} scores spread", 280) | dict(
        shapes=lines, annotations=notes, bargap=0.05,
        xaxis=AXIS | dict(title=plain(label), range=[score_range[0] - 1, score_range[1] + 1]),
        yaxis=AXIS | dict(title="people", rangemode="tozero"))
    few = bins["count"].isna()
    shown = go.Bar(x=(bins["low"] + bins["high"]) / 2, y=bins["count"], width=bins["high"] - bins["low"],
                   marker_color=MIDDLE, name="people", showlegend=False,
                   customdata=np.c_[bins["low"], bins["high"]],
                   hovertemplate="scores %{customdata[0]:g} to under %{customdata[1]:g}: %{y} people<extra></extra>")
    hidden = go.Bar(x=((bins["low"] + bins["high"]) / 2)[few], y=np.full(few.sum(), min_group / 2),
                    width=(bins["high"] - bins["low"])[few], marker=dict(color="white", line=dict(color=MIDDLE),
                                                                          pattern=dict(shape="/", fgcolor=MIDDLE)),
                    name="not shown", showlegend=bool(few.any()),
                    hovertemplate=f"not shown: fewer than {min_group} people, or hidden beside such a bin<extra></extra>")
    return go.Figure([shown, hidden], layout=layout)


def band_shares(summary: pd.DataFrame, subscales: tuple[ScoreColumn, ...], min_group: int = 5) -> go.Figure:
    """One stacked bar per subscale: the share of people in each band. A band with fewer than
    ``min_group`` people is left out of its bar and named under the chart instead."""
    fig = go.Figure()
    notes: list[str] = []
    for sub in subscales:
        row = summary[summary["subscale"] == sub.column].iloc[0]
        colours, label = band_colours(sub.bands, sub.direction), plain(sub.label)
        for band in sub.bands:
            share, name = row.get(f"share_{band}", np.nan), plain(band)
            few = bool(row.get(f"fewer_{band}", False)) and pd.isna(share)
            words = (f"{name}: not shown (fewer than {min_group} people, or hidden beside such a band)" if few
                     else f"{name} %{{x:.0%}}")
            fig.add_trace(go.Bar(y=[label], x=[share], orientation="h", name=name, legendgroup=name,
                                 marker=dict(color=colours[band], pattern=_attention_hatch(colours[band])),
                                 showlegend=False,
                                 text=[f"{name} {percent(share)}" if share >= 0.08 else ""], textposition="inside",
                                 hovertemplate=f"{label}: {words}<extra></extra>"))
        hidden = [plain(band) for band in sub.bands if bool(row.get(f"fewer_{band}", False))]
        if hidden:
            notes.append(f"{label}: {', '.join(hidden)} not shown")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    # One line per subscale under the axis, with room made for them: one long line would run off the chart.
    lines = [*notes, f"(fewer than {min_group} people, or hidden so that such a band cannot be worked out)"] if notes else []
    if lines:
        fig.add_annotation(text="<br>".join(lines), x=0, y=0, yshift=-30, xref="paper", yref="paper", showarrow=False,
                           xanchor="left", yanchor="top", align="left", font=dict(color=NOTE_INK))
    fig = _layout(fig, "Share of people in each band", height=110 + 60 * len(subscales) + 20 * len(lines))
    return fig.update_layout(margin=dict(b=40 + 20 * len(lines))) if lines else fig


def _attention_hatch(colour: str) -> dict:
    """A light hatch on the band that calls for attention, so it is told from the better end by
    more than its colour (WCAG 1.4.1), even where the segment is too narrow for its name."""
    return dict(shape="/", fgcolor="rgba(255, 255, 255, 0.55)", size=10, solidity=0.25) if colour == ATTENTION else {}


def heatmap(cells: pd.DataFrame, subscales: tuple[ScoreColumn, ...], value: str, groups: list[str],
            answered: dict) -> go.Figure:
    """Team x subscale from :func:`tiwell.analysis.teams.against_whole`. Colour is each team's
    difference from the whole selection on a diverging scale, neutral where a team is level with
    everyone, orange where it is further towards the end that calls for attention, blue where it
    is better, whichever way the subscale runs; each cell says its value, the difference and n,
    the people with that score. ``answered`` is how many people in each team answered at all."""
    columns = [sub.column for sub in subscales]

    def grid(column: str) -> pd.DataFrame:
        return cells.pivot(index="team", columns="subscale", values=column).reindex(index=groups, columns=columns)

    wide, difference, worse, people, whole = (grid(c) for c in ("value", "difference", "worse", "n", "whole"))
    show = percent if value.startswith("share_") else fixed
    moved = (lambda v: f"{v * 100:+.0f} points") if value.startswith("share_") else signed

    def words(frame: pd.DataFrame, write) -> pd.DataFrame:
        return frame.map(lambda v: "" if pd.isna(v) else write(v))

    head, n = words(wide, show) + " (" + words(difference, moved) + ")", words(people, count)
    text = np.where(wide.isna(), "", head + "<br>n = " + n)
    hover = np.where(wide.isna(), "hidden: too few people",
                     head + "; n = " + n + " with this score; everyone in this selection: " + words(whole, show))
    limit = max(float(np.nanmax(np.abs(worse.to_numpy(dtype=float)), initial=0)), 0.05)
    rows = [f"{plain(g)} ({count(answered[g])} answered)" if g in answered else plain(g) for g in groups]
    fig = go.Figure(go.Heatmap(z=worse.to_numpy(dtype=float), x=[plain(sub.label) for sub in subscales], y=rows,
                               text=text, texttemplate="%{text}", customdata=hover, zmin=-limit, zmax=limit,
                               colorscale=[[0, BETTER], [0.5, HEAT_MIDDLE], [1, ATTENTION]], showscale=False,
                               hovertemplate="%{y}, %{x}: %{customdata}<extra></extra>", xgap=3, ygap=3))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, "", height=120 + 56 * len(groups))


def trend(table: pd.DataFrame, label: str, series: str, overall: pd.DataFrame | None = None,
          waves: list[str] | None = None, marks: list[tuple[float, str]] = ()) -> go.Figure:
    """Mean by wave with 95% intervals, one line per ``series`` value, and the whole organisation
    as a dashed line when given. Hidden points are gaps, not zeros. ``marks`` are logged actions
    (position on the wave axis, label; see :func:`tiwell.actions.markers`), drawn as dashed lines
    on the axis of ``waves``."""
    fig = go.Figure()
    for k, (name, part) in enumerate(table.groupby(series, sort=False)):
        rounds, colour = divmod(k, len(SERIES_COLOURS))  # past the last colour, the line's dash tells it apart
        fig.add_trace(_trend_trace(part, plain(name), SERIES_COLOURS[colour], dash=("solid", "dot", "dashdot")[rounds % 3],
                                   symbol=SYMBOLS[k % len(SYMBOLS)]))
    if overall is not None:
        fig.add_trace(_trend_trace(overall, "Whole organisation", MUTED, dash="dash"))
    order = dict(categoryorder="array", categoryarray=[plain(w) for w in waves]) if waves else {}
    fig.update_xaxes(title="wave", type="category", **order)
    fig.update_yaxes(title=plain(label))
    _mark_actions(fig, marks)
    return _layout(fig, f"{label} by wave", height=380)


def _mark_actions(fig: go.Figure, marks: list[tuple[float, str]]) -> None:
    """A dashed line between the waves an action fell between, its label along the top."""
    for k, (x, text) in enumerate(marks):
        fig.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain",
                      line=dict(color=INK, dash="dash", width=1.5))
        fig.add_annotation(x=x, y=1 - 0.07 * (k % 3), xref="x", yref="y domain", showarrow=False, xanchor="left",
                           yanchor="top", text=" " + plain(text if len(text) <= 60 else text[:59] + "\u2026"),
                           hovertext=plain(text), font=dict(color=INK, size=12), bgcolor="rgba(255,255,255,0.8)")


def _trend_trace(part: pd.DataFrame, name: str, colour: str, dash: str = "solid", symbol: str = "circle") -> go.Scatter:
    return go.Scatter(
        x=part["wave"].map(plain), y=part["mean"], name=name, mode="lines+markers", connectgaps=False,
        line=dict(color=colour, dash=dash, width=2.5), marker=dict(size=9, symbol=symbol),
        error_y=dict(type="data", symmetric=False, array=part["ci_high"] - part["mean"],
                     arrayminus=part["mean"] - part["ci_low"], color=colour, thickness=1.2, width=4),
        customdata=np.stack([part["n"].fillna(0), part["ci_low"], part["ci_high"]], axis=-1),
        hovertemplate=f"{name}, %{{x}}: mean %{{y:.1f}} (95% interval %{{customdata[1]:.1f}} to %{{customdata[2]:.1f}}, "
                      "n = %{customdata[0]:.0f})<extra></extra>")


def profile_shares(table: pd.DataFrame, title: str) -> go.Figure:
    """Share of people in each profile, engaged first; one calm colour, the share as text."""
    fig = go.Figure(go.Bar(y=table["profile"].map(plain), x=table["share"], orientation="h", marker_color=MIDDLE,
                           text=[percent(v) for v in table["share"]], textposition="outside",
                           hovertemplate="%{y}: %{x:.0%}<extra></extra>"))
    fig.update_xaxes(tickformat=".0%", range=[0, max(1e-9, table["share"].max()) * 1.2])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=80 + 40 * len(table))


def scatter_fit(points: pd.DataFrame, x: str, y: str, x_title: str, y_title: str) -> go.Figure:
    """Team-wave points with a least-squares line; each point says its team, wave and n."""
    fig = go.Figure(go.Scatter(
        x=points[x], y=points[y], mode="markers", marker=dict(size=11, color=BETTER, opacity=0.8),
        customdata=np.stack([points["team"].map(plain), points["wave"].map(plain), points["n"]], axis=-1), name="team and wave",
        hovertemplate="%{customdata[0]}, %{customdata[1]} (n = %{customdata[2]}): %{x:.1f}, %{y:.1f}<extra></extra>"))
    if len(points) >= 3 and points[x].nunique() > 1:
        slope, intercept = np.polyfit(points[x].astype(float), points[y].astype(float), 1)
        line_x = np.array([points[x].min(), points[x].max()], dtype=float)
        fig.add_trace(go.Scatter(x=line_x, y=intercept + slope * line_x, mode="lines", name="fitted line",
                                 line=dict(color=ATTENTION, width=2), hoverinfo="skip"))
    fig.update_xaxes(title=plain(x_title))
    fig.update_yaxes(title=plain(y_title))
    return _layout(fig, f"{x_title} and {y_title.lower()}, by team and wave", height=420)


def timeline(survey_points: pd.DataFrame, turnover: pd.DataFrame, label: str, rate: str,
             marks: list[tuple[str, str]] = ()) -> go.Figure:
    """One team's subscale mean by wave and its turnover by period, on one time axis, with logged
    actions (ISO date, label) as dashed lines."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=turnover["period_start"] + (turnover["period_end"] - turnover["period_start"]) / 2,
                         y=turnover[rate], name="turnover rate (per 100 a year)", marker_color=MIDDLE, yaxis="y2",
                         opacity=0.45,  # the second axis draws on top: the score line must show through
                         width=1000 * 60 * 60 * 24 * 150, customdata=turnover["period"].map(plain),
                         hovertemplate="%{customdata}: %{y:.1f} per 100 a year<extra></extra>"))
    fig.add_trace(go.Scatter(x=survey_points["date"], y=survey_points["mean"], name=plain(label), mode="lines+markers",
                             line=dict(color=BETTER, width=2.5), marker=dict(size=9),
                             error_y=dict(type="data", symmetric=False,
                                          array=survey_points["ci_high"] - survey_points["mean"],
                                          arrayminus=survey_points["mean"] - survey_points["ci_low"]),
                             hovertemplate="%{x|%b %Y}: mean %{y:.1f}<extra></extra>"))
    step, top = round_ticks(turnover[rate].max())
    fig.update_layout(yaxis=dict(title=plain(label)),
                      yaxis2=dict(title="turnover per 100 a year", overlaying="y", side="right", showgrid=False,
                                  range=[0, top], tick0=0, dtick=step, tickmode="linear", zeroline=False))
    _mark_actions(fig, marks)
    return _layout(fig, f"{label} and turnover over time", height=380)


def round_ticks(highest: float, ticks: int = 5) -> tuple[float, float]:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) and the axis top it reaches, for an
    axis from zero to at least ``highest`` in about ``ticks`` steps: a rate axis reads 0, 5, 10, 15,
    never 0.7, 4.78, 8.86."""
    if not highest > 0:
        return 1.0, 1.0
    raw = highest / ticks
    power = 10 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return float(step), float(np.ceil(highest / step) * step)


def leaver_gaps(table: pd.DataFrame) -> go.Figure:
    """Hedges' g (people who later left minus people who stayed) per score, with its 95% CI and
    a line at no difference; only the rows shown under the minimum group size are drawn."""
    shown = table[table["shown"]]
    fig = go.Figure(go.Scatter(
        x=shown["g"], y=shown["label"].map(plain), mode="markers", marker=dict(size=12, color=BETTER), name="Hedges' g",
        error_x=dict(type="data", symmetric=False, array=shown["g_ci_high"] - shown["g"],
                     arrayminus=shown["g"] - shown["g_ci_low"], color=BETTER),
        customdata=np.stack([shown["g_ci_low"], shown["g_ci_high"]], axis=-1),
        hovertemplate="%{y}: g = %{x:.2f} (95% CI %{customdata[0]:.2f} to %{customdata[1]:.2f})<extra></extra>"))
    fig.add_vline(x=0, line=dict(color=MUTED, dash="dot"))
    fig.update_xaxes(title="standardised difference (Hedges' g): left minus stayed")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, "Earlier scores of people who left, against people who stayed", height=120 + 60 * len(shown))


def cohort_boxes(quantiles: pd.DataFrame, group: str, label: str) -> go.Figure:
    """Boxes per cohort drawn from released quantiles (tiwell.analysis.cohorts.box_quantiles): whiskers at
    the 10th and 90th percentiles, so no one person's score (a minimum, a maximum, an outlier) is
    ever drawn on its own, and no box for a cohort too small to have them."""
    fig = go.Figure()
    for q in quantiles.itertuples():
        fig.add_trace(go.Box(x=[plain(q.group)], lowerfence=[q.p10], q1=[q.q1], median=[q.median], q3=[q.q3],
                             upperfence=[q.p90], name=plain(q.group), marker_color=BETTER, line=dict(width=1.5),
                             hoverinfo="skip"))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title=plain(label))
    title = f"{label} by {group} (boxes: middle half; whiskers: 10th to 90th percentile)"
    return _layout(fig, title, height=380).update_layout(showlegend=False)


def before_after(cells: pd.DataFrame, label: str) -> go.Figure:
    """The mean before and after an action, one line for the teams it touched and one for the
    other teams: the two slopes whose difference is the estimate."""
    fig = go.Figure()
    for (name, part), colour in zip(cells.groupby("group", sort=False), (BETTER, MUTED)):
        name = plain(name)
        fig.add_trace(go.Scatter(x=part["period"], y=part["mean"], name=name, mode="lines+markers",
                                 line=dict(color=colour, width=2.5, dash="solid" if colour == BETTER else "dash"),
                                 marker=dict(size=9), customdata=part["n"],
                                 hovertemplate=f"{name}, %{{x}}: mean %{{y:.1f}} (n = %{{customdata}})<extra></extra>"))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=["before", "after"])
    fig.update_yaxes(title=plain(label))
    return _layout(fig, f"{label} before and after", height=300)
