"""The leaders' pages (overview, teams, trends) against the core's own numbers, and the promise
that a filter change never re-reads or re-scores."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ui.state
from figures import as_read, traces
from tiwell.charts import plain
from tiwell.pipeline import score_file
from tiwell.privacy import survey_release
from ui.state import SAMPLE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
SUBSCALES = {"compassion_satisfaction": "Compassion satisfaction", "burnout": "Burnout",
             "secondary_traumatic_stress": "Secondary traumatic stress"}


@pytest.fixture(scope="module")
def survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture(scope="module")
def core(survey):
    return survey.scored


@pytest.fixture
def app():
    st.cache_data.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    return app


def sidebar_select(app, label: str, value):
    box = next(s for s in app.sidebar.selectbox if s.label == label)
    return box.select(value).run()


def test_overview_metrics_are_the_cores_means(app, core):
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    shown = {m.label.split(" (")[0]: m.value for m in app.metric}
    assert shown == {label: f"{core[col].mean():.1f}" for col, label in SUBSCALES.items()}
    assert list(shown)[0] == "Compassion satisfaction", "strengths come first"


def test_overview_band_chart_draws_the_cores_shares(app, core):
    app.switch_page("pages/overview.py").run()
    data = traces(app.get("plotly_chart")[0])
    moderate = next(t for t in data if t["y"] == ["Burnout"] and t["name"] == "moderate")
    expected = (core["burnout_band"] == "moderate").sum() / core["burnout"].notna().sum()
    assert moderate["x"][0] == pytest.approx(expected)
    # One person has high burnout: that share is not drawn, only said to be fewer than 5 people.
    assert (core["burnout_band"] == "high").sum() == 1
    high = next(t for t in data if t["y"] == ["Burnout"] and t["name"] == "high")
    assert high["x"][0] is None and "fewer than 5" in high["hovertemplate"]


def test_overview_histograms_draw_released_bin_counts_not_scores(app, core):
    app.switch_page("pages/overview.py").run()
    figures = [traces(chart) for chart in app.get("plotly_chart")[1:4]]
    burnout = figures[1]
    assert all(t["type"] == "bar" for t in burnout), "bars of counts, no histogram of individual values"
    counts = [c for c in burnout[0]["y"] if c is not None and c == c]
    assert min(counts) >= 5 and sum(counts) < core["burnout"].notna().sum(), "small bins say 'fewer than 5'"
    for (low, high), count in zip(burnout[0]["customdata"], burnout[0]["y"]):
        if count is not None and count == count:
            assert count == ((core["burnout"] >= low) & (core["burnout"] < high)).sum(), "each bar counts its scores"


def test_a_small_selection_explains_why_nothing_is_shown(app):
    app.switch_page("pages/overview.py").run()
    sidebar_select(app, "Wave", "2025-09")
    sidebar_select(app, "Team", "Clinical Psychology")
    assert "Nothing is shown for this selection" in app.info[0].value
    assert not app.get("plotly_chart") and not app.metric


def test_teams_heatmap_hides_small_teams_and_shows_the_rest(app, survey, core):
    app.switch_page("pages/teams.py").run()
    sidebar_select(app, "Wave", "2025-09")
    assert not app.exception
    heat = traces(app.get("plotly_chart")[0])[0]
    wave = core[core["wave"] == "2025-09"]
    released = survey_release(survey, 5).table(["team"], {"wave": "2025-09"})
    shown = sorted(released.loc[released["shown"], "team"].unique())
    assert "Clinical Psychology" not in shown and len(shown) >= 6, "4 people in the wave: hidden, the rest shown"
    people = wave.groupby("team").size()
    # Names are drawn as typed: '&' is escaped so that Plotly shows it rather than reading markup.
    assert sorted(heat["y"]) == sorted(f"{plain(team)} (n = {people[team]:.0f})" for team in shown)
    assert not any(label.startswith("Clinical Psychology") for label in heat["y"])
    row = heat["y"].index(f"Youth Justice (n = {people['Youth Justice']:.0f})")
    mean = wave.loc[wave["team"] == "Youth Justice", "burnout"].mean()
    assert heat["text"][row][1] == f"{mean:.1f}"
    assert any("Not shown" in c.value for c in app.caption)
    assert [b.label for b in app.get("download_button")] == ["Download this table (CSV)"]


def test_trends_say_when_a_change_is_within_noise(app):
    app.switch_page("pages/trends.py").run()
    assert not app.exception
    sentences = [as_read(m.value) for m in app.markdown if "from 2025-03 to 2025-09" in as_read(m.value)]
    assert len(sentences) == 1 and ("within noise" in sentences[0] or "rose" in sentences[0] or "fell" in sentences[0])


def test_filter_changes_never_reread_or_rescore(monkeypatch):
    st.cache_data.clear()
    calls = {"load": 0, "score": 0}

    real = ui.state.run_limited

    def counting(function, *args, **kwargs):  # reads and scorings run in the worker, through here
        name = {"load_table": "load", "score_table": "score"}.get(function.__name__)
        if name:
            calls[name] += 1
        return real(function, *args, **kwargs)

    monkeypatch.setattr(ui.state, "run_limited", counting)
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    assert calls == {"load": 1, "score": 1}
    app.switch_page("pages/overview.py").run()
    for wave in ("2025-03", "2025-09", "All"):
        sidebar_select(app, "Wave", wave)
    app.switch_page("pages/teams.py").run()
    sidebar_select(app, "Wave", "2026-03")
    assert not app.exception
    assert calls == {"load": 1, "score": 1}
