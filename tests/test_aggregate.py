"""Group summaries: hand-worked means and intervals, band shares, and suppression applied."""

import numpy as np
import pandas as pd
import pytest

from tiwell.aggregate import mean_ci, shown_rows, summarise


def test_mean_ci_by_hand():
    # x = 10, 12, 14, 16, 18: mean 14, SD sqrt(40/4) = 3.1623; t(0.975, 4) = 2.7764;
    # half-width 2.7764 * 3.1623 / sqrt(5) = 3.9265.
    n, mean, sd, low, high = mean_ci(pd.Series([10, 12, 14, np.nan, 16, 18]))
    assert (n, mean) == (5, 14)
    assert sd == pytest.approx(3.16228, abs=1e-5)
    assert (low, high) == pytest.approx((14 - 3.92649, 14 + 3.92649), abs=1e-4)


def test_mean_ci_of_one_value_has_no_interval():
    n, mean, sd, low, high = mean_ci(pd.Series([7.0]))
    assert (n, mean) == (1, 7.0) and np.isnan(sd) and np.isnan(low)


def scored_frame() -> pd.DataFrame:
    bands = pd.CategoricalDtype(["low", "moderate", "high"], ordered=True)
    return pd.DataFrame({
        "team": ["A"] * 6 + ["B"] * 5 + ["C"] * 2,
        "burnout": [20, 22, 30, 40, 44, np.nan, 25, 25, 25, 25, 25, 30, 31],
        "burnout_band": pd.Series(["low", "low", "moderate", "moderate", "high", None,
                                   "moderate", "moderate", "moderate", "moderate", "moderate",
                                   "moderate", "moderate"], dtype=bands),
    })


def test_summarise_by_team_with_shares_and_suppression():
    table = summarise(scored_frame(), {"burnout": "Burnout"}, ["team"], min_group=5).set_index("team")
    # A: 5 scored of 6 people; mean (20+22+30+40+44)/5 = 31.2; bands 2 low, 2 moderate, 1 high of 5.
    assert table.loc["A", "n"] == 5 and table.loc["A", "mean"] == pytest.approx(31.2)
    assert table.loc["A", ["share_low", "share_moderate", "share_high"]].tolist() == pytest.approx([0.4, 0.4, 0.2])
    # C has 2 people: hidden; then B must hide with it, or C = total - A - B.
    assert not table.loc["C", "shown"] and np.isnan(table.loc["C", "mean"])
    assert not table.loc["B", "shown"] and np.isnan(table.loc["B", "mean"])
    assert table.loc["A", "shown"]


def test_a_subscale_answered_by_too_few_in_a_shown_group_is_hidden():
    frame = scored_frame().assign(team="All")
    frame.loc[:9, "burnout"] = np.nan  # only 3 people scored
    table = summarise(frame, {"burnout": "Burnout"}, ["team"], min_group=5)
    assert table.loc[0, "shown"] and np.isnan(table.loc[0, "mean"]) and np.isnan(table.loc[0, "n"])


def test_overall_summary_without_groups():
    table = summarise(scored_frame(), {"burnout": "Burnout"}, [], min_group=5)
    assert table.loc[0, "n"] == 12 and table.loc[0, "people"] == 13 and table.loc[0, "shown"]


def test_downloads_leave_hidden_groups_out_entirely():
    table = summarise(scored_frame(), {"burnout": "Burnout"}, ["team"], min_group=5)
    out = shown_rows(table)
    assert out["team"].tolist() == ["A"] and "shown" not in out.columns
