"""The leaders' pages (overview, teams, trends) against the core's own numbers, and the promise
that a filter change never re-reads or re-scores."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ui.state
from figures import as_read, traces
from tiwell.charts import plain
from tiwell.theme import ATTENTION, BETTER, HEAT_MIDDLE
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
    st.cache_resource.clear()
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
    assert sorted(heat["y"]) == sorted(f"{plain(team)} ({people[team]:.0f} answered)" for team in shown)
    assert not any(label.startswith("Clinical Psychology") for label in heat["y"])
    row = heat["y"].index(f"Youth Justice ({people['Youth Justice']:.0f} answered)")
    mine = wave.loc[wave["team"] == "Youth Justice", "burnout"]
    difference = mine.mean() - wave["burnout"].mean()
    assert heat["text"][row][1] == f"{mine.mean():.1f} ({difference:+.1f})<br>n = {mine.notna().sum()}"
    assert heat["z"][row][1] == pytest.approx(difference / 40), "burnout runs 10 to 50: higher is worse"
    assert any("Not shown" in c.value for c in app.caption)
    assert [b.label for b in app.get("download_button")] == ["Download this table (CSV)"]


def test_the_heatmap_colours_by_difference_from_everyone_with_a_neutral_middle(app, core):
    # Compassion satisfaction runs the other way: a team below everyone is further towards
    # attention, so its cell is above zero, the orange side, as a team above everyone on burnout is.
    app.switch_page("pages/teams.py").run()
    heat = traces(app.get("plotly_chart")[0])[0]
    assert heat["zmin"] == -heat["zmax"] and heat["zmax"] > 0, "zero, level with everyone, is the middle"
    assert [stop[1] for stop in heat["colorscale"]] == [BETTER, HEAT_MIDDLE, ATTENTION]
    assert [stop[0] for stop in heat["colorscale"]] == [0, 0.5, 1]
    by_team = core.groupby("team")[["compassion_satisfaction", "burnout"]].mean()
    whole = core[["compassion_satisfaction", "burnout"]].mean()
    for team in ("Business Support", "Children's Residential"):
        row = next(k for k, label in enumerate(heat["y"]) if label.startswith(plain(team)))
        cs, burnout = heat["z"][row][0], heat["z"][row][1]
        assert cs == pytest.approx((whole["compassion_satisfaction"] - by_team.loc[team, "compassion_satisfaction"]) / 40)
        assert burnout == pytest.approx((by_team.loc[team, "burnout"] - whole["burnout"]) / 40)
    assert len({round(v, 3) for row in heat["z"] for v in row if v is not None}) > 20, "colour separates teams"


def test_the_team_detail_counts_the_people_the_heatmap_counts(app, core):
    app.switch_page("pages/teams.py").run()
    heat = traces(app.get("plotly_chart")[0])[0]
    team = next(box for box in app.selectbox if box.label == "Team")
    mine = core[core["team"] == team.value]
    row = next(k for k, label in enumerate(heat["y"]) if label.startswith(plain(team.value)))
    detail = app.dataframe[0].value
    assert detail["people with this score"].tolist() == [mine[c].notna().sum() for c in SUBSCALES]
    assert [cell.split("n = ")[1] for cell in heat["text"][row]] == [f"{n:.0f}" for n in detail["people with this score"]]
    assert any(c.value.startswith(f"{len(mine)} people in") and "answered" in c.value for c in app.caption)


def test_trends_say_each_change_in_words(app, core):
    app.switch_page("pages/trends.py").run()
    assert not app.exception
    sentences = [as_read(m.value) for m in app.markdown if as_read(m.value).startswith("- 2025-09 against 2025-03")]
    before, after = (core.loc[core["wave"] == w, "burnout"].dropna() for w in ("2025-03", "2025-09"))
    change = after.mean() - before.mean()
    assert len(sentences) == 1 and f"(change {change:+.1f}; 95% interval from " in sentences[0]
    assert ("about the same burnout as the wave before: we can't tell the change apart from chance" in sentences[0]
            or " burnout than the wave before, beyond noise" in sentences[0])


def test_filter_changes_never_reread_or_rescore(monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
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
