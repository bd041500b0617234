"""Before and after an action: the difference-in-differences estimate and its interval worked by
hand, recovered on synthetic data with a known effect and on the sample's built-in effect, and
nothing shown for a group too small to show."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tiwell.actions import Action
from tiwell.analysis.action_effects import CAUTION, action_effect, effect_sentences
from tiwell.stats import before_after, contrast_from_stats, did
from tiwell.pipeline import score_file
from synthetic.respondents import TEAMS
from synthetic.samples import SAMPLE_ACTION
from ui.state import SAMPLE

SAMPLE_2025 = SAMPLE.with_name("proqol5_microsoft_forms_2025.xlsx")


def small() -> pd.DataFrame:
    # touched before 1, 3 (mean 2, var 2); touched after 4, 6, 8 (mean 6, var 4);
    # untouched before 2, 4 (mean 3, var 2); untouched after 3, 5 (mean 4, var 2).
    return pd.DataFrame({"score": [1.0, 3, 4, 6, 8, 2, 4, 3, 5],
                         "touched": [True] * 5 + [False] * 4,
                         "after": [False, False, True, True, True, False, False, True, True]})


def test_did_by_hand():
    # estimate (6 - 2) - (4 - 3) = 3; parts s²/n: 2/2, 4/3, 2/2, 2/2 -> se² = 13/3;
    # df = (13/3)² / (1/1 + (4/3)²/2 + 1/1 + 1/1) = 18.7778 / 3.8889 = 4.8286.
    row = did(small(), value="score", touched="touched", after="after").iloc[0]
    assert row["estimate"] == 3 and row["change_touched"] == 4 and row["change_untouched"] == 1
    assert [row[f"n_{c}"] for c in ("touched_before", "touched_after", "untouched_before", "untouched_after")] == [2, 3,
                                                                                                                2, 2]
    assert row["se"] == pytest.approx(np.sqrt(13 / 3))
    df = (13 / 3) ** 2 / (1 + (4 / 3) ** 2 / 2 + 1 + 1)
    assert row["df"] == pytest.approx(df)
    half = stats.t.ppf(0.975, df) * np.sqrt(13 / 3)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((3 - half, 3 + half))


def test_did_equals_the_saturated_regression_with_hc2_errors():
    # OLS of score on touched, after and their product: the interaction is the DiD, and its HC2
    # sandwich variance (residual² / (1 - leverage)) is the sum of the four s²/n.
    data = small()
    t, a = data["touched"].astype(float), data["after"].astype(float)
    x = np.column_stack([np.ones(len(data)), t, a, t * a])
    beta, *_ = np.linalg.lstsq(x, data["score"], rcond=None)
    bread = np.linalg.inv(x.T @ x)
    leverage = np.einsum("ij,jk,ik->i", x, bread, x)
    residual = data["score"] - x @ beta
    meat = x.T @ (x * (residual**2 / (1 - leverage)).to_numpy()[:, None])
    row = did(data, value="score", touched="touched", after="after").iloc[0]
    assert row["estimate"] == pytest.approx(beta[3])
    assert row["se"] == pytest.approx(np.sqrt((bread @ meat @ bread)[3, 3]))


def test_before_after_is_welchs_interval():
    data = small()[lambda d: d["touched"]]
    row = before_after(data, value="score", after="after").iloc[0]
    welch = stats.ttest_ind([4, 6, 8], [1, 3], equal_var=False)
    assert row["estimate"] == 4 and row["df"] == pytest.approx(welch.df)
    low, high = welch.confidence_interval(0.95)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))


def test_the_callers_data_is_not_changed_and_bad_flags_are_named():
    data = small()
    copy = data.copy()
    did(data, value="score", touched="touched", after="after")
    pd.testing.assert_frame_equal(data, copy)
    with pytest.raises(ValueError, match="after column 'wave' must hold only True and False"):
        did(data.assign(wave="2025-03"), value="score", touched="touched", after="wave")
    with pytest.raises(ValueError, match="confidence"):
        contrast_from_stats((1,), (1.0,), (1.0,), (5,), confidence=1.5)


def synthetic(effect: float, seed: int) -> pd.DataFrame:
    """Ten teams over three waves; every team drifts by +1 a wave, the two touched ones by
    ``effect`` more from the second wave on (after an action on 2025-06-01)."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(10):
        for w, wave in enumerate(["2025-03", "2025-09", "2026-03"]):
            shift = 20 + 2 * k + w + (effect if k < 2 and w else 0)
            rows += [{"team": f"T{k}", "wave": wave, "burnout": v} for v in rng.normal(shift, 4, 40)]
    return pd.DataFrame(rows)


ACTION = Action("a", date(2025, 6, 1), "Caseload cap", "Safety", "Head of service", ("T0", "T1"))


def test_a_known_effect_is_recovered_within_its_interval():
    covered = 0
    for seed in range(40):
        effect = action_effect(synthetic(-3.0, seed), ACTION, "burnout", 5)
        r = effect.result.iloc[0]
        assert effect.kind == "did" and effect.before == ("2025-03",) and effect.after == ("2025-09", "2026-03")
        covered += r["ci_low"] <= -3.0 <= r["ci_high"]
        # the common drift (+1.5 on average after) is taken out; touched teams' own drift is not the effect
        assert abs(r["estimate"] + 3.0) < 2.5
    assert 34 <= covered <= 40, "a 95% interval covers the true effect in about 38 of 40 data sets"


def test_an_organisation_wide_action_has_no_comparison_and_says_so():
    everyone = Action("b", date(2025, 6, 1), "Wellbeing days", "Safety", "Director")
    effect = action_effect(synthetic(0.0, 1), everyone, "burnout", 5)
    r = effect.result.iloc[0]
    data = synthetic(0.0, 1)
    assert effect.kind == "before_after"
    assert r["estimate"] == pytest.approx(data.loc[data["wave"] != "2025-03", "burnout"].mean()
                                          - data.loc[data["wave"] == "2025-03", "burnout"].mean())
    said = effect_sentences(effect, "Burnout", "higher_is_worse")
    assert "There is no comparison group" in said[1]


def test_a_small_touched_team_shows_nothing_and_says_why():
    data = synthetic(-3.0, 2)
    data = data.drop(data.index[(data["team"] == "T0") & (data["wave"] == "2025-09")][3:])  # 3 people left
    effect = action_effect(data, ACTION, "burnout", 5)
    assert effect.kind == "not_shown" and effect.result is None
    # T0's 3 people in 2025-09 are hidden, and with them (complementary suppression among T0's
    # waves) its smallest other wave, 2025-03, the first the check meets.
    assert effect.why.startswith("T0 in wave 2025-03 is too small to show, or showing it would let a smaller group")


def test_no_wave_after_the_action_yet():
    late = Action("c", date(2026, 3, 20), "Caseload cap", "Safety", "Head of service", ("T0",))
    effect = action_effect(synthetic(0.0, 3), late, "burnout", 5)
    assert effect.kind == "not_shown" and "no survey wave after 20 March 2026" in effect.why


def test_wave_labels_that_are_not_months_are_explained():
    data = synthetic(0.0, 4).replace({"wave": {"2025-03": "Spring", "2025-09": "Autumn", "2026-03": "Spring 2"}})
    assert "not labelled by month" in action_effect(data, ACTION, "burnout", 5).why


# ---------------------------------------------------------------- the sample's built-in effect


def generator_effect(after_waves: int) -> float:
    """The burnout effect the sample generator builds in for Family Support North: its latent
    shift after the action less the other teams' (weighted by size), times 10 items."""
    def change(team):
        return np.mean(team.bo[1:1 + after_waves]) - team.bo[0]
    others = [t for t in TEAMS if t.name != "Family Support North"]
    fsn = next(t for t in TEAMS if t.name == "Family Support North")
    weighted = sum(change(t) * t.size for t in others) / sum(t.size for t in others)
    return 10 * (change(fsn) - weighted)


@pytest.mark.parametrize("path, after_waves", [(SAMPLE, 2), (SAMPLE_2025, 1)])
def test_the_sample_recovers_its_built_in_effect(path, after_waves):
    survey = score_file(path.read_bytes(), path.name)
    effect = action_effect(survey.scored, SAMPLE_ACTION, "burnout", 5)
    r = effect.result.iloc[0]
    truth = generator_effect(after_waves)  # -6.07 over both later waves, -4.02 for the first
    assert effect.kind == "did" and r["ci_low"] <= truth <= r["ci_high"]
    assert r["ci_high"] < 0, "a clear fall in burnout relative to the other teams"
    said = effect_sentences(effect, "Burnout", "higher_is_worse")
    assert said[0].startswith(f"Burnout in Family Support North changed by {r['change_touched']:+.1f} points")
    assert "a change for the better compared with the other teams" in said[1] and said[2] == CAUTION
