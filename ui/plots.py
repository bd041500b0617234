"""A chart on a page as everyone can use it: the picture without Plotly's toolbar, and beside it
the same values as text a screen reader reaches (a sentence, then a table under a disclosure).

Plotly's toolbar puts seven buttons (zoom, pan, autoscale...) into the tab order of every chart,
so a keyboard user tabs through dozens of controls that do nothing for a bar of shares;
Streamlit's own element menu still offers full screen. The text comes from
:func:`tiwell.charts.chart_table`, read from the figure, so it says exactly what is drawn.

A chart is built once per input: building a figure and reading its text back took a fifth of a
second of each Overview run, redone on every rerun (a filter changed elsewhere, a slide's step).
The figure, its sentence and its table are kept, per session, under the values they were built from.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from plotly.graph_objects import Figure

from tiwell.charts import chart_summary, chart_table
from ui.safe import inert, inert_table
from ui.state import CACHE

FIGURES = dict(CACHE, max_entries=64)  # every chart of every page a session visits: each is small

CONFIG = {"displayModeBar": False}


def show(build: Callable[..., Figure], *args, key: str, title: str = "", where=st) -> None:
    """Draw the figure ``build(*args)`` (a :mod:`tiwell.charts` function) in ``where`` (the page, a
    column), then its summary and its table of values. ``title`` names a chart drawn without one
    (the heatmap sits under the page's own heading)."""
    fig, summary, table = _built(f"{build.__module__}.{build.__qualname__}", title, *args, _build=build)
    where.plotly_chart(fig, width="stretch", key=key, config=CONFIG)
    with where.expander(f"As text: {inert(summary)}"):
        st.table(table)  # st.table reads each cell as Markdown: made inert when built


@st.cache_resource(**FIGURES, show_spinner=False)
def _built(name: str, title: str, *args, _build: Callable[..., Figure]) -> tuple[Figure, str, pd.DataFrame]:
    """The figure, its sentence and its table, kept as themselves (never changed once made) under
    the chart's ``name`` and its inputs (the function itself is not hashed: its name stands for it)."""
    fig = _build(*args)
    return fig, chart_summary(fig, title), inert_table(chart_table(fig))
