"""A chart on a page as everyone can use it: the picture without Plotly's toolbar, and beside it
the same values as text a screen reader reaches (a sentence, then a table under a disclosure).

Plotly's toolbar puts seven buttons (zoom, pan, autoscale...) into the tab order of every chart,
so a keyboard user tabs through dozens of controls that do nothing for a bar of shares;
Streamlit's own element menu still offers full screen. The text comes from
:func:`tiwell.charts.chart_table`, read from the figure, so it says exactly what is drawn.
"""

from __future__ import annotations

import streamlit as st

from tiwell.charts import chart_summary, chart_table
from ui.safe import inert, inert_table

CONFIG = {"displayModeBar": False}


def show(fig, key: str, title: str = "", where=st) -> None:
    """Draw the Plotly figure ``fig`` in ``where`` (the page, a column), then its summary and its table of values.
    ``title`` names a chart drawn without one (the heatmap sits under the page's own heading)."""
    where.plotly_chart(fig, width="stretch", key=key, config=CONFIG)
    with where.expander(f"As text: {inert(chart_summary(fig, title))}"):
        st.table(inert_table(chart_table(fig)))  # st.table reads each cell as Markdown
