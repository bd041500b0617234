"""Wave-over-wave change: hand-worked Welch intervals and the within-noise wording."""

import numpy as np
import pandas as pd
import pytest

from tiwell.aggregate import summarise
from tiwell.trends import describe_change, difference_ci, team_changes, wave_changes
from tiwell.views import check_cells


def test_difference_ci_by_hand():
    # a = 1..5: mean 3, var 2.5; b = 3..7: mean 5, var 2.5. se = sqrt(0.5 + 0.5) = 1;
    # Welch df = 1 / (0.25/4 + 0.25/4) = 8; t(0.975, 8) = 2.306004.
    diff, low, high = difference_ci(pd.Series([1, 2, 3, 4, 5.0]), pd.Series([3, 4, 5, 6, 7.0]))
    assert diff == 2
    assert (low, high) == pytest.approx((2 - 2.306004, 2 + 2.306004), abs=1e-6)


def test_wave_changes_marks_noise_and_skips_thin_waves():
    frame = pd.DataFrame({"wave": ["w1"] * 5 + ["w2"] * 5 + ["w3"] * 2,
                          "burnout": [1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 30, 31.0]})
    changes = wave_changes(frame, "burnout", min_group=5)
    assert changes.loc[0, "within_noise"] is True and changes.loc[0, "change"] == 2
    assert np.isnan(changes.loc[1, "change"]) and changes.loc[1, "within_noise"] is None


def test_describe_change_is_plain_and_direction_aware():
    rise = pd.Series({"from": "w1", "to": "w2", "change": 3.0, "ci_low": 1.0, "ci_high": 5.0, "within_noise": False})
    assert describe_change(rise, "Burnout", "higher_is_worse") == (
        "Burnout rose by 3.0 from w1 to w2 (95% CI +1.0 to +5.0), a change worth talking about together.")
    assert describe_change(rise, "Compassion satisfaction", "higher_is_better").endswith("a change for the better.")
    noise = rise.copy()
    noise[["ci_low", "within_noise"]] = [-1.0, True]
    assert "within noise" in describe_change(noise, "Burnout", "higher_is_worse")


def test_team_changes_per_team_and_nothing_for_a_hidden_team():
    # North: 1..6 then 3..8: change +2, se = sqrt(3.5/6 + 3.5/6), Welch df = 10. West has 2
    # people in w2, so West's w2 is hidden and, by complementary suppression within w2, the
    # smallest other team there too (South, 5 people): neither may show a change.
    rows = ([("North", "w1", v) for v in range(1, 7)] + [("North", "w2", v + 2) for v in range(1, 7)]
            + [("South", w, v) for w in ("w1", "w2") for v in range(1, 6)]
            + [("West", "w1", v) for v in range(1, 6)] + [("West", "w2", v) for v in (1, 2)])
    frame = pd.DataFrame(rows, columns=["team", "wave", "burnout"]).astype({"burnout": float})
    cells = check_cells(summarise(frame, {"burnout": "Burnout"}, ["wave", "team"], 5, within=["wave"]), frame,
                        ["wave", "team"], {}, 5)
    table = team_changes(frame, "burnout", 5, cells).set_index("team")
    half = 2.228139 * np.sqrt(3.5 / 3)
    assert table.loc["North", "change"] == 2 and table.loc["North", "within_noise"] is True
    assert (table.loc["North", "ci_low"], table.loc["North", "ci_high"]) == pytest.approx((2 - half, 2 + half), abs=1e-5)
    for hidden in ("South", "West"):
        assert np.isnan(table.loc[hidden, "change"]) and table.loc[hidden, "within_noise"] is None
