"""Wave-over-wave change from the release: Welch intervals against scipy and by hand, nothing
for a hidden wave, and the within-noise wording."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tiwell.instruments import Band
from tiwell.privacy import Score, build_release
from tiwell.analysis import change_sentence, first_score

SCORE = Score("burnout", "Burnout", 0.0, 50.0,
              (Band("low", None, 22), Band("moderate", 23, 41), Band("high", 42, None)))


def release_of(frame: pd.DataFrame, dims: list[str]):
    bands = pd.cut(frame["burnout"], [-1, 22.5, 41.5, 60], labels=["low", "moderate", "high"])
    return build_release(frame.assign(burnout_band=bands), [SCORE], dims, 5)


def welch(before, after) -> tuple[float, float, float]:
    """scipy's Welch interval of mean(after) - mean(before)."""
    test = stats.ttest_ind(after, before, equal_var=False)
    ci = test.confidence_interval(0.95)
    return float(np.mean(after) - np.mean(before)), ci.low, ci.high


def test_a_wave_change_is_welchs_and_a_hidden_wave_gives_none():
    # w1 = 1..5: mean 3, var 2.5; w2 = 3..7: mean 5, var 2.5. se = sqrt(0.5 + 0.5) = 1; Welch
    # df = 1 / (0.25/4 + 0.25/4) = 8; t(0.975, 8) = 2.306004. w3 (2 people) and w4 (3) are hidden
    # together (5 between them), so neither gives a change.
    frame = pd.DataFrame({"wave": ["w1"] * 5 + ["w2"] * 5 + ["w3"] * 2 + ["w4"] * 3,
                          "burnout": [1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 30, 31, 30, 31, 32.0]})
    changes = release_of(frame, ["wave"]).changes("burnout")
    first = changes.iloc[0]
    assert (first["from"], first["to"], first["change"]) == ("w1", "w2", 2)
    assert (first["ci_low"], first["ci_high"]) == pytest.approx((2 - 2.306004, 2 + 2.306004), abs=1e-6)
    assert (first["change"], first["ci_low"], first["ci_high"]) == pytest.approx(
        welch([1, 2, 3, 4, 5.0], [3, 4, 5, 6, 7.0]))
    assert first["within_noise"] is True
    for k in (1, 2):
        assert np.isnan(changes.loc[k, "change"]) and changes.loc[k, "within_noise"] is None


def test_change_sentence_is_plain_and_direction_aware():
    rise = pd.Series({"from": "w1", "to": "w2", "change": 3.0, "ci_low": 1.0, "ci_high": 5.0, "within_noise": False})
    assert change_sentence(rise, "Burnout", "higher_is_worse") == (
        "w2 against w1: higher burnout than the wave before, beyond noise, worth talking about together "
        "(change +3.0; 95% interval from +1.0 to +5.0).")
    assert change_sentence(rise, "Compassion satisfaction", "higher_is_better") == (
        "w2 against w1: higher compassion satisfaction than the wave before, beyond noise, a change for the better "
        "(change +3.0; 95% interval from +1.0 to +5.0).")
    assert change_sentence(rise, "STSS", "higher_is_worse", figures=False) == (
        "w2 against w1: higher STSS than the wave before, more than chance alone would give, worth talking about "
        "together.")
    noise = rise.copy()
    noise[["ci_low", "within_noise"]] = [-1.0, True]
    assert change_sentence(noise, "Burnout", "higher_is_worse", figures=False) == (
        "w2 against w1: about the same burnout as the wave before: we can't tell the change apart from chance.")


def test_the_first_score_shown_is_burnout_then_the_first_heavy_one():
    def sub(column, label, better):
        return SimpleNamespace(column=column, label=label, higher_is_better=better)

    proqol = [sub("cs", "Compassion satisfaction", True), sub("burnout", "Burnout", False), sub("sts", "STS", False)]
    mbi = [sub("pa", "Personal accomplishment", True), sub("ee", "Emotional exhaustion", False)]
    assert (first_score(proqol), first_score(mbi), first_score(mbi[:1])) == (1, 1, 0)


def test_team_changes_per_team_and_nothing_for_a_hidden_team():
    # North: 1..6 then 3..8: change +2, se = sqrt(3.5/6 + 3.5/6), Welch df = 10, t = 2.228139.
    # West has 2 people in w2: hidden, with South there (5) so that it is not the wave minus
    # North; then West's and South's w1 too, or each would be its team's whole minus w2.
    rows = ([("North", "w1", v) for v in range(1, 7)] + [("North", "w2", v + 2) for v in range(1, 7)]
            + [("South", w, v) for w in ("w1", "w2") for v in range(1, 6)]
            + [("West", "w1", v) for v in range(1, 6)] + [("West", "w2", v) for v in (1, 2)])
    frame = pd.DataFrame(rows, columns=["team", "wave", "burnout"]).astype({"burnout": float})
    table = release_of(frame, ["wave", "team"]).changes("burnout", by="team").set_index("team")
    half = 2.228139 * np.sqrt(3.5 / 3)
    north = table.loc["North"]
    assert north["change"] == 2 and north["within_noise"] is True
    assert (north["ci_low"], north["ci_high"]) == pytest.approx((2 - half, 2 + half), abs=1e-5)
    assert (north["ci_low"], north["ci_high"]) == pytest.approx(welch(range(1, 7), range(3, 9))[1:])
    for hidden in ("South", "West"):
        assert np.isnan(table.loc[hidden, "change"]) and table.loc[hidden, "within_noise"] is None
