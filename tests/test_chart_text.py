"""Every chart draws text from a file as typed: a team, wave, label, band, profile, period, action
or question written as HTML or a Plotly template reaches the figure only as entities."""

from functools import cache

import pandas as pd
import pytest

from marked_up import marked, survey
from tiwell.charts import drivers as driver_charts, figures as charts, plain
from tiwell.analysis import against_whole, box_quantiles
from tiwell.analysis.drivers import analysis_frame, driver_columns, impact, outcomes, quadrants
from tiwell.privacy import survey_release


def test_plain_turns_every_plotly_markup_character_into_an_entity():
    assert plain("<a href='x'>5%{y}</a> & co") == "&lt;a href='x'&gt;5&#37;{y}&lt;/a&gt; &amp; co"


def strings(value) -> list[str]:
    """Every string anywhere in a figure's JSON."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return strings(value.tolist()) if hasattr(value, "tolist") else []


@cache
def figures() -> dict[str, object]:
    """Each chart as its page draws it from the marked-up survey."""
    data = survey()
    scored, subscales, release = data.scored, data.subscales, survey_release(data, 5)
    burnout = data.subscale("burnout")
    teams = release.table(["team"])
    by_wave = release.table(["wave", "team"])
    by_wave = by_wave[by_wave["subscale"] == "burnout"]
    waves = release.options("wave")
    team_names = release.options("team")
    outcome = next(o for o in outcomes(data) if o.column == "burnout")
    drivers = driver_columns(data)
    table = impact(analysis_frame(data, scored), outcome, drivers,
                   {d: data.question_scales[d].favourable_from for d in drivers})
    team, period = marked("north"), marked("period")
    points = pd.DataFrame({"team": [team] * 3, "wave": waves[:3], "n": [9, 9, 9], "mean": [20.0, 22, 24],
                           "rate": [10.0, 12, 15]})
    dated = pd.DataFrame({"date": pd.to_datetime(["2025-03-01", "2025-09-01"]), "mean": [20.0, 22],
                          "ci_low": [18.0, 20], "ci_high": [22.0, 24]})
    turnover = pd.DataFrame({"period_start": pd.to_datetime(["2025-01-01"]), "period_end": pd.to_datetime(["2025-12-31"]),
                             "turnover_rate": [12.0], "period": [period]})
    gaps = pd.DataFrame({"label": [burnout.label], "g": [0.5], "g_ci_low": [0.2], "g_ci_high": [0.8], "shown": [True]})
    cells = pd.DataFrame({"group": ["Teams it touched"] * 2, "period": ["before", "after"], "mean": [20.0, 22],
                          "n": [9, 9]})
    action = [(0.5, marked("action"))]
    return {
        "bands": charts.band_shares(release.table(), subscales),
        "spread": charts.distribution(release.bins("burnout"), burnout.label, (burnout.low, burnout.high),
                                      burnout.band_rules, burnout.direction, 5),
        "heatmap": charts.heatmap(against_whole(teams, release.table(), subscales, "mean"), subscales, "mean", team_names,
                                  teams[teams["shown"]].groupby("team")["people"].max().to_dict()),
        "trend": charts.trend(by_wave, burnout.label, "team", None, waves, action),
        "profiles": charts.profile_shares(pd.DataFrame({"profile": [marked("profile")], "share": [0.5]}),
                                          marked("title")),
        "scatter": charts.scatter_fit(points, "mean", "rate", burnout.label, marked("rate")),
        "timeline": charts.timeline(dated, turnover, burnout.label, "turnover_rate", [("2025-06-01", marked("a"))]),
        "leavers": charts.leaver_gaps(gaps),
        "boxes": charts.cohort_boxes(box_quantiles(scored, "burnout", "team", team_names), "team", burnout.label),
        "before and after": charts.before_after(cells, burnout.label),
        "impact": driver_charts.impact_intervals(table, outcome.label, outcome.better),
        "priority": driver_charts.priority_matrix(quadrants(table), outcome.label),
    }


@pytest.mark.parametrize("name", list(figures()))
def test_no_chart_draws_markup_from_a_file(name):
    drawn = strings(figures()[name].to_plotly_json())
    raw = [s for s in drawn if "<img" in s or "%{meta}" in s or "<a " in s]
    assert raw == [], f"{name} draws file text as markup"
    assert any("&lt;img src=http://127.0.0.1:9/" in s for s in drawn), f"{name} draws the marked-up text, escaped"
