"""A chart is built once per input: a rerun of a page with the same figures draws the same chart
without building it again, and a change of input builds it anew."""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from tiwell import charts

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def test_the_overview_builds_each_distribution_once_for_the_same_release(monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    built = []
    real = charts.distribution

    @functools.wraps(real)
    def counted(bins, label, *args):
        built.append(label)
        return real(bins, label, *args)

    monkeypatch.setattr(charts, "distribution", counted)
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.button[0].click().run()  # the sample: ProQOL's three scores
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    first = [chart.proto.spec for chart in app.get("plotly_chart")]  # the figures as sent
    assert sorted(built) == ["Burnout", "Compassion satisfaction", "Secondary traumatic stress"]
    app.run()  # the same selection again
    assert not app.exception
    assert len(built) == 3, "drawn again from what was built"
    assert [chart.proto.spec for chart in app.get("plotly_chart")] == first
    wave = app.selectbox(key="filter-wave")
    wave.select(wave.options[-1]).run()  # one wave: other bins, built anew
    assert not app.exception and len(built) == 3 + len(app.get("plotly_chart")) - 1  # the bands chart besides
