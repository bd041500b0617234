"""What the pages show, worked out in the core: each piece a page once computed itself, checked on
small tables with the expected values worked by hand."""

import numpy as np
import pandas as pd
import pytest

from tiwell.analysis.cohorts import cohort_rows, result_tables, table_title
from tiwell.analysis.drivers import (Outcome, favourable_points, first_heavy, joint_model_table, principle_tags,
                                     quadrant_lists, ranked_table)
from tiwell.analysis.overview import headline, who_is_counted
from tiwell.analysis.teams import (band_measures, hidden_teams, shown_cells, shown_rows, shown_teams, team_detail,
                                   team_order, team_rows)
from tiwell.analysis.trends import has_gaps, subscale_rows, team_changes_table, trend_lines
from tiwell.analysis.turnover import (TeamPeriods, answer_dates, point_teams, score_turnover_correlations,
                                      shown_team_waves, team_timeline, turnover_points)
from tiwell.instruments import Band, band_cuts_text
from tiwell.pipeline import score_file
from tiwell.comments import typed_names
from tiwell.privacy import Score, build_release, select_rows, why_hidden
from ui.state import SAMPLE

BANDS = (Band("low", None, 22), Band("moderate", 23, 41), Band("high", 42, None))


# ---------------------------------------------------------------- turnover


def test_only_shown_team_waves_with_a_mean_become_points():
    # Six people per team in wave 1, five in wave 2: every cell shown. Burnout means by hand:
    # A1 = 25 (20..30 by 2), B1 = 42.5 (40..45), A2 = 14 (10..18 by 2), B2 = 34 (30..38 by 2).
    burnout = [20.0, 22, 24, 26, 28, 30, 40, 41, 42, 43, 44, 45, 10, 12, 14, 16, 18, 30, 32, 34, 36, 38]
    frame = pd.DataFrame({"wave": ["1"] * 12 + ["2"] * 10, "team": ["A"] * 6 + ["B"] * 6 + ["A"] * 5 + ["B"] * 5,
                          "burnout": burnout, "cs": 50 - np.array(burnout)})
    scores = [Score("burnout", "Burnout", 10.0, 50.0), Score("cs", "Compassion satisfaction", 10.0, 50.0)]
    release = build_release(frame, scores, ["wave", "team"], 5)
    cells = shown_team_waves(release, "burnout", {})
    assert list(zip(cells["wave"], cells["team"], cells["mean"])) == [
        ("1", "A", 25.0), ("1", "B", 42.5), ("2", "A", 14.0), ("2", "B", 34.0)]
    assert shown_team_waves(release, "cs", {})["mean"].tolist() == [25.0, 7.5, 36.0, 16.0], "50 minus burnout"
    # Two of B's wave-1 people gone: that cell is under 5, and every cell that would give it back hides too.
    hidden = build_release(frame.drop(index=range(8, 12)), scores, ["wave", "team"], 5)
    assert shown_team_waves(hidden, "burnout", {}).empty


TURNOVER = pd.DataFrame({
    "team": ["A", "A", "B", "B"], "period": ["H1", "H2", "H1", "H2"],
    "period_start": pd.to_datetime(["2025-01-01", "2025-07-01"] * 2),
    "period_end": pd.to_datetime(["2025-06-30", "2025-12-31"] * 2),
    "turnover_rate": [10.0, 20.0, 30.0, 40.0], "voluntary_rate": [5.0, 6.0, 7.0, 8.0],
    "average_headcount": [10.0] * 4, "leavers": [1.0, 2.0, 3.0, 4.0]})
TEAM_WAVES = pd.DataFrame({"wave": ["2025-03", "2025-03", "2025-09"], "team": ["A", "B", "A"],
                           "subscale": "burnout", "mean": [20.0, 30.0, 25.0], "n": [6, 7, 8]})
DATES = pd.Series(pd.to_datetime(["2025-03-15", "2025-09-15"]), index=["2025-03", "2025-09"])


def test_turnover_points_pair_each_wave_with_its_period_or_the_next():
    same = turnover_points(TEAM_WAVES, TURNOVER, DATES, "voluntary_rate")
    assert list(zip(same["team"], same["period"], same["mean"], same["rate"])) == [
        ("A", "H1", 20.0, 5.0), ("B", "H1", 30.0, 7.0), ("A", "H2", 25.0, 6.0)]
    later = turnover_points(TEAM_WAVES, TURNOVER, DATES, "turnover_rate", lag=1)
    # March's wave against the second half-year; September's has no next period.
    assert list(zip(later["team"], later["period"], later["rate"])) == [("A", "H2", 20.0), ("B", "H2", 40.0)]
    assert point_teams(later) == ["A", "B"]


def test_correlations_of_means_and_rates_by_hand():
    # x = 1, 2, 3, 4 and y = 1, 3, 2, 4: deviations (-1.5, -0.5, 0.5, 1.5) and (-1.5, 0.5, -0.5, 1.5),
    # products sum to 4, squares to 5 each: r = 0.8, and the ranks are the values, so rho = 0.8.
    # t = 0.8 * sqrt(2) / 0.6 = 1.8856 on 2 df: p = 1 - t / sqrt(2 + t^2) = 0.2.
    # Fisher z: atanh(0.8) = 1.0986 +- 1.96 / sqrt(1) -> tanh: -0.697 to 0.996.
    points = pd.DataFrame({"mean": [1.0, 2, 3, 4], "rate": [1.0, 3, 2, 4]})
    table = score_turnover_correlations(points).set_index("method")
    assert list(table.columns) == ["r", "95% interval", "p", "n"], "no ci_low or ci_high for a leader to decode"
    assert table.loc["Pearson"].tolist() == ["0.80", "from -0.70 to 1.00", "0.200", 4]
    assert table.loc["Spearman", "r"] == "0.80" and table.loc["Spearman", "n"] == 4


def test_one_team_over_time_puts_each_mean_at_its_waves_date():
    means, periods = team_timeline(TEAM_WAVES, TURNOVER, DATES, "A")
    assert means["date"].tolist() == list(pd.to_datetime(["2025-03-15", "2025-09-15"]))
    assert means["mean"].tolist() == [20.0, 25.0]
    assert periods["turnover_rate"].tolist() == [10.0, 20.0]


def test_an_answer_is_dated_by_its_own_date_else_by_its_wave():
    # The blank one takes its wave's median date: between 2 and 10 March, the 6th.
    scored = pd.DataFrame({"wave": ["2025-03"] * 3 + ["2025-09"],
                           "when": ["2025-03-02", "2025-03-10", "", "2025-09-20"]})
    assert answer_dates(scored, "when").tolist() == list(pd.to_datetime(
        ["2025-03-02", "2025-03-10", "2025-03-06", "2025-09-20"]))
    # No date column: each wave label read as a date (the 1st of its month).
    assert answer_dates(scored, None).tolist() == list(pd.to_datetime(["2025-03-01"] * 3 + ["2025-09-01"]))


def test_hr_data_says_how_it_was_read():
    hr = TeamPeriods(TURNOVER.iloc[[2, 0, 1]], "team table")
    assert hr.teams == ["A", "B"]
    assert hr.description == "Read as a team table: 2 teams, 2 periods."


# ---------------------------------------------------------------- what to act on


def test_the_first_heavy_score_is_where_the_page_opens():
    found = [Outcome("cs", "Compassion satisfaction", True), Outcome("leave", "Leaving?", False, question=True),
             Outcome("bo", "Burnout", False)]
    assert first_heavy(found) == 2
    assert first_heavy(found[:2]) == 0, "no heavy score: the first outcome"


@pytest.fixture(scope="module")
def sample():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def test_drivers_take_their_favourable_point_and_principle_from_the_mapping(sample):
    speak_up = "I feel safe to speak up about mistakes and concerns"
    assert favourable_points(sample, [speak_up]) == {speak_up: 4}, "agreement scale: agree (4) and above"
    tags = principle_tags(sample)
    assert tags[speak_up] == "safety"
    assert tags["I feel listened to when I share ideas"] == "empowerment, voice and choice"


def test_quadrants_list_their_questions_with_rank_and_favourable_share():
    placed = pd.DataFrame({"driver": ["Voice", "Support", "Pay"], "rank": [2, 1, 3],
                           "favourable": [0.625, 0.8, 0.004], "quadrant": ["act", "protect", "act"]})
    assert quadrant_lists(placed) == [("protect", ["Support (#1, 80% favourable)"]),
                                      ("act", ["Voice (#2, 62% favourable)", "Pay (#3, 0% favourable)"])]


def test_the_ranked_table_writes_intervals_and_adjusted_p_values():
    table = pd.DataFrame({
        "rank": pd.array([1, pd.NA], dtype="Int64"), "driver": ["Voice", "Pay"], "principle": ["safety", "not tagged"],
        "n": [40, 8], "favourable": [0.5, np.nan],
        "impact": [0.4, np.nan], "impact_low": [0.1234, np.nan], "impact_high": [0.6, np.nan],
        "spearman_rho": [-0.4, np.nan], "spearman_low": [-0.6, np.nan], "spearman_high": [-0.1234, np.nan],
        "pearson_r": [-0.35, np.nan], "pearson_low": [-0.55, np.nan], "pearson_high": [-0.05, np.nan],
        "spearman_p_adj": [0.0004, np.nan]})
    shown = ranked_table(table)
    assert list(shown.columns) == ["rank", "driver", "interval", "favourable", "n", "adjusted", "spearman", "pearson",
                                   "principle"]
    assert shown.iloc[0][["interval", "adjusted", "spearman", "pearson"]].tolist() == [
        "0.12 to 0.60", "< 0.001", "-0.40 (-0.60 to -0.12)", "-0.35 (-0.55 to -0.05)"]
    assert shown.iloc[1][["interval", "adjusted", "spearman", "pearson"]].tolist() == ["too few answers", "", "", ""]


def test_the_joint_model_table_gives_p_as_text():
    model = pd.DataFrame({"predictor": ["Voice", "Pay", "Voice again"], "beta": [0.3, 0.1, None],
                          "ci_low": [0.1, -0.2, None], "ci_high": [0.5, 0.4, None], "p": [0.0421, 0.5, None],
                          "n": [50, 50, 50], "r2": [0.2, 0.2, 0.2], "note": ["", "", "left out: ..."]})
    shown = joint_model_table(model)
    assert list(shown.columns) == ["predictor", "beta", "ci_low", "ci_high", "p", "note"]
    assert shown["p"].tolist() == ["0.042", "0.500", ""]


# ---------------------------------------------------------------- the shared sidebar


def test_a_selection_holds_the_rows_of_every_filter_that_is_set():
    frame = pd.DataFrame({"team": ["A", "A", "B"], "wave": ["1", "2", "1"]})
    assert select_rows(frame, {"team": "A", "wave": None}).index.tolist() == [0, 1]
    assert select_rows(frame, {"team": "A", "wave": "1"}).index.tolist() == [0]
    assert select_rows(frame, {"team": None}).index.tolist() == [0, 1, 2]


def test_a_hidden_selection_is_explained_by_the_filters_set():
    assert why_hidden({"wave": "2025-09", "team": "North", "role": None}, 5) == (
        "Fewer than 5 people match wave '2025-09' and team 'North', or showing them would let a smaller group "
        "beside them be worked out by subtraction.")


# ---------------------------------------------------------------- overview, teams, trends


def test_a_headline_gives_the_mean_its_interval_and_n():
    row = pd.Series({"mean": 24.06, "ci_low": 22.5, "ci_high": 25.64, "n": 120.0})
    shown = headline(row, (10.0, 50.0), "higher_is_worse")
    assert (shown.direction, shown.value) == ("lower is easier", "24.1")
    assert shown.help == "Mean of 120 people's scores; possible range 10 to 50."
    assert shown.caption == "95% interval from 22.5 to 25.6 · 120 with this score"

    hidden = headline(row.replace(24.06, np.nan), (0.0, 4.5), "higher_is_better")
    assert (hidden.direction, hidden.value, hidden.caption) == ("higher is better", "hidden", "")
    assert hidden.help.endswith("possible range 0 to 4.5.")


def test_the_overview_says_what_each_count_counts():
    summary = pd.DataFrame({"subscale": ["cs", "burnout"], "n": [900.0, 875.0]})
    labels = {"cs": "Compassion satisfaction", "burnout": "Burnout"}
    assert who_is_counted(924.0, summary, labels) == (
        "924 answered; 900 have a compassion satisfaction score, 875 a burnout score.")
    assert who_is_counted(875.0, summary.assign(n=875.0), labels) == "875 answered, all with every score."
    assert who_is_counted(924.0, summary.assign(n=875.0), labels) == "924 answered; 875 have each score."


def test_bands_are_read_by_the_cut_point_each_starts_at():
    assert band_cuts_text(BANDS) == "low up to 22; moderate from 23; high from 42"
    assert band_cuts_text((Band("low", None, 2.5), Band("high", 2.75, None))) == "low up to 2.5; high from 2.75"


TEAMS = pd.DataFrame({
    "team": ["North", "North", "South", "South", "East", "East"],
    "subscale": ["burnout", "cs"] * 3, "shown": [True, True, True, True, False, False],
    "mean": [30.0, 40.0, 20.0, np.nan, np.nan, np.nan], "ci_low": [28.0, 38.0, 18.0, np.nan, np.nan, np.nan],
    "ci_high": [32.04, 42.0, 22.0, np.nan, np.nan, np.nan], "n": [9, 9, 6, 4, np.nan, np.nan],
    "share_high": [0.5, 0.1, 0.2, np.nan, np.nan, np.nan]})


def test_teams_shown_hidden_and_in_order():
    shown = shown_teams(TEAMS)
    assert shown == ["North", "South"]
    assert shown_cells(TEAMS)["team"].tolist() == ["North", "North", "South", "South"]
    assert hidden_teams(["South", "North", "East", "Central"], shown) == ["Central", "East"]
    assert team_order(TEAMS, shown, None, "mean") == ["North", "South"]
    assert team_order(TEAMS, shown, "burnout", "mean") == ["South", "North"], "lowest first"
    assert team_order(TEAMS, shown, "cs", "mean") == ["North", "South"], "a team without a value goes last"
    assert shown_rows(TEAMS, shown)["team"].tolist() == ["North", "North", "South", "South"]
    assert "shown" not in shown_rows(TEAMS, shown)


def test_the_measures_offer_the_mean_and_each_band_once():
    assert band_measures([["low", "moderate", "high"], ["low", "average", "high"]]) == {
        "Mean score": "mean", "Share in the 'average' band": "share_average", "Share in the 'high' band": "share_high",
        "Share in the 'low' band": "share_low", "Share in the 'moderate' band": "share_moderate"}


def test_one_team_beside_the_whole_selection():
    whole = pd.DataFrame({"subscale": ["burnout", "cs"], "mean": [25.0, 38.24], "ci_low": [23.0, 36.0],
                          "ci_high": [27.0, 40.5]})
    detail = team_detail(TEAMS, whole, "South", {"burnout": "Burnout", "cs": "Compassion satisfaction"})
    assert detail.to_dict("list") == {
        "subscale": ["Burnout", "Compassion satisfaction"], "team mean (95% interval)": ["20.0 (18.0 to 22.0)", "hidden"],
        "people with this score": [6.0, 4.0],
        "whole selection (95% interval)": ["25.0 (23.0 to 27.0)", "38.2 (36.0 to 40.5)"]}
    assert team_rows(TEAMS, "North")["mean"].tolist() == [30.0, 40.0]


WAVES = pd.DataFrame({"wave": ["1", "2", "1", "2"], "team": ["A", "A", "B", "B"], "subscale": ["bo", "bo", "bo", "cs"],
                      "mean": [20.0, np.nan, 22.0, 30.0]})


def test_trend_lines_are_the_chosen_teams_or_the_selection():
    by_team = subscale_rows(WAVES, "bo")
    assert by_team["team"].tolist() == ["A", "A", "B"]
    lines, series = trend_lines(by_team.iloc[[0]], by_team, ["A"])
    assert (series, lines["team"].tolist(), has_gaps(lines)) == ("team", ["A", "A"], True)
    lines, series = trend_lines(by_team.iloc[[0]], None, [])
    assert (series, lines["series"].tolist(), has_gaps(lines)) == ("series", ["This selection"], False)


def test_team_changes_latest_first_largest_first_in_words():
    # Two pairs of waves; in the latest (w2 to w3) B moved most (-2.5), then A (+1.24), C hidden last;
    # w1 to w2 follows with its own order. Burnout: a rise is worse.
    changes = pd.DataFrame({"team": ["A", "A", "B", "B", "C", "C"], "from": ["w1", "w2"] * 3, "to": ["w2", "w3"] * 3,
                            "change": [0.3, 1.24, -4.0, -2.5, 0.5, np.nan], "ci_low": [-1.0, 0.2, -6.0, -4.0, -0.5, np.nan],
                            "ci_high": [1.6, 2.3, -2.0, -1.0, 1.5, np.nan],
                            "within_noise": [True, False, False, False, True, None]})
    shown = team_changes_table(changes, "Burnout", "higher_is_worse")
    assert list(shown.columns) == ["team", "from", "to", "change", "95% interval", "what it means"]
    assert list(zip(shown["team"], shown["to"])) == [("B", "w3"), ("A", "w3"), ("C", "w3"),
                                                     ("B", "w2"), ("C", "w2"), ("A", "w2")]
    assert shown["change"].tolist() == ["-2.5", "+1.2", "", "-4.0", "+0.5", "+0.3"]
    assert shown["95% interval"].tolist()[:3] == ["from -4.0 to -1.0", "from +0.2 to +2.3", ""]
    assert shown["what it means"].tolist()[:3] == [
        "lower burnout, beyond noise, a change for the better", "higher burnout, beyond noise, worth talking about together",
        "too few people in one of the two waves"]
    assert shown["what it means"][4] == "about the same: we can't tell it apart from chance"


# ---------------------------------------------------------------- cohorts, present


def test_cohort_tables_leave_out_the_cohorts_not_compared():
    alphas = pd.DataFrame({"cohort": ["A", "B", "C"], "alpha": [0.8, 0.7, 0.9]})
    assert cohort_rows(alphas, "cohort", ["A", "C"])["alpha"].tolist() == [0.8, 0.9]
    results = {"groups": ["A", "C"], "describe": alphas, "welch_t": alphas.head(1)}
    assert list(result_tables(results)) == ["describe", "welch_t"]
    assert [table_title(k) for k in ("welch_t", "mann_whitney", "describe")] == ["Welch t", "Mann whitney", "Describe"]


def test_names_to_take_out_are_split_at_commas():
    assert typed_names(" Ann, Ben Okafor ,, ") == ("Ann", "Ben Okafor")
    assert typed_names("") == ()
