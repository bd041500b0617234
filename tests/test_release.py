"""The release's summaries: hand-worked means, SDs and t intervals, band shares, and small
groups hidden with the group that would give them back."""

import numpy as np
import pandas as pd
import pytest

from tiwell.instruments import Band
from tiwell.privacy import Score, build_release

BANDS = (Band("low", None, 22), Band("moderate", 23, 41), Band("high", 42, None))
SCORE = Score("burnout", "Burnout", 10.0, 50.0, BANDS)


def scored(teams: list[str], values: list[float]) -> pd.DataFrame:
    frame = pd.DataFrame({"team": teams, "burnout": np.asarray(values, dtype=float)})
    bands = pd.cut(frame["burnout"], [0, 22.5, 41.5, 60], labels=["low", "moderate", "high"])
    return frame.assign(burnout_band=bands)


def test_mean_sd_and_t_interval_by_hand():
    # x = 10, 12, 14, 16, 18 (a sixth person has no score): mean 14, SD sqrt(40/4) = 3.16228;
    # t(0.975, 4) = 2.776445; half-width 2.776445 * 3.16228 / sqrt(5) = 3.92649.
    release = build_release(scored(["A"] * 6, [10, 12, 14, np.nan, 16, 18]), [SCORE], ["team"], 5)
    for row in (release.table().iloc[0], release.table(["team"]).set_index("team").loc["A"]):
        assert (row["people"], row["n"], row["mean"]) == (6, 5, 14)
        assert row["sd"] == pytest.approx(3.16228, abs=1e-5)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((14 - 3.92649, 14 + 3.92649), abs=1e-4)
    assert release.people() == 6


def test_a_small_team_is_hidden_and_takes_the_next_smallest_with_it():
    # C has 2 people: hidden; then B (5) must hide with it, or C = whole - A - B.
    frame = scored(["A"] * 9 + ["B"] * 5 + ["C"] * 2, [20, 22, 30, 40, 44, np.nan, 25, 26, 27] + [25] * 5 + [30, 31])
    table = build_release(frame, [SCORE], ["team"], 5).table(["team"]).set_index("team")
    a = frame.loc[frame["team"] == "A", "burnout"]
    assert table.loc["A", "shown"] and table.loc["A", "n"] == 8 and table.loc["A", "people"] == 9
    assert table.loc["A", "mean"] == pytest.approx(234 / 8) == pytest.approx(a.mean())
    assert table.loc["A", "sd"] == pytest.approx(a.std(ddof=1))
    for hidden in ("B", "C"):
        assert not table.loc[hidden, "shown"]
        assert table.loc[hidden, ["people", "n", "mean", "sd", "ci_low", "ci_high"]].isna().all()


def test_band_shares_of_the_people_with_a_score():
    # A: 6 low, 6 moderate, 3 high of 15 scored (16 people): shares 0.4, 0.4, 0.2; mean 432 / 15.
    frame = scored(["A"] * 16 + ["B"] * 10, [20] * 6 + [30] * 6 + [44] * 3 + [np.nan] + [30] * 10)
    a = build_release(frame, [SCORE], ["team"], 3).table(["team"]).set_index("team").loc["A"]
    assert a[["share_low", "share_moderate", "share_high"]].tolist() == pytest.approx([0.4, 0.4, 0.2])
    assert not a[["fewer_low", "fewer_moderate", "fewer_high"]].any()
    assert a["mean"] == pytest.approx(28.8)


def test_a_band_under_the_minimum_is_fewer_than_k_and_so_is_its_complement():
    # A's 8 scores: 2 low, 5 moderate, 1 high. Low and high are under 5; together 3, so moderate
    # (8 - 3) is hidden as well.
    frame = scored(["A"] * 8 + ["B"] * 8, [20, 22, 25, 26, 27, 30, 40, 44] + [30] * 8)
    a = build_release(frame, [SCORE], ["team"], 5).table(["team"]).set_index("team").loc["A"]
    assert a["mean"] == pytest.approx(29.25)
    assert a[["share_low", "share_moderate", "share_high"]].isna().all()
    assert a[["fewer_low", "fewer_moderate", "fewer_high"]].all()


def test_a_score_too_few_people_have_is_hidden_in_a_shown_group():
    frame = scored(["A"] * 13, [np.nan] * 10 + [30, 31, 32])  # 13 people, only 3 scored
    release = build_release(frame, [SCORE], ["team"], 5)
    row = release.table(["team"]).iloc[0]
    assert row["people"] == 13 and release.people({"team": "A"}) == 13
    assert not row["shown"] and np.isnan(row["n"]) and np.isnan(row["mean"])


def test_a_band_nobody_is_in_has_a_share_of_nothing_not_a_missing_column():
    frame = pd.DataFrame({"wave": ["w1"] * 12, "team": ["A"] * 12, "role": ["x"] * 12,
                          "burnout": [30.0] * 12})
    frame["burnout_band"] = pd.cut(frame["burnout"], [0, 22.5, 41.5, 60], labels=["low", "moderate", "high"])
    whole = build_release(frame, [SCORE], ["team"], 5).table().iloc[0]
    assert (whole["share_low"], whole["share_moderate"], whole["share_high"]) == (0.0, 1.0, 0.0)
    assert not whole["fewer_low"]
