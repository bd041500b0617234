"""What to act on, in the core: impact with intervals that match scipy, adjusted p-values,
favourable shares, the minimum-size rules, quadrants, principles, the joint model, and the
generator's strongest driver coming first on the sample."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tiwell.charts import drivers as driver_charts
from tiwell.analysis.drivers import (LOWEST_MIN_ANALYSIS, MIN_ANALYSIS, UNTAGGED, Outcome, analysis_frame,
                            check_min_analysis, driver_columns, enough_people, favourable_shares, impact,
                            joint_model, outcomes, principle_summary, quadrants)
from tiwell.pipeline import score_file
from tiwell.stats import standardised_ols
from synthetic.respondents import LEAVING_QUESTION, OWN_QUESTIONS
from ui.state import SAMPLE

BURNOUT = Outcome("burnout", "Burnout", higher_is_better=False)
Z = stats.norm.ppf(0.975)


@pytest.fixture(scope="module")
def survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def synthetic(n: int = 40, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    support = rng.integers(1, 6, n).astype(float)
    voice = rng.integers(1, 6, n).astype(float)
    burnout = 30 - 2.0 * support - 0.5 * voice + rng.normal(0, 3, n)
    return pd.DataFrame({"burnout": burnout, "support": support, "voice": voice})


FAVOURABLE = {"support": 4, "voice": 4}


# ---------------------------------------------------------------- impact


def test_impact_intervals_match_scipy_and_turn_for_a_higher_is_worse_outcome():
    data = synthetic()
    table = impact(data, BURNOUT, ["support", "voice"], FAVOURABLE, min_analysis=10).set_index("driver")
    n = len(data)
    for driver in ("support", "voice"):
        row = table.loc[driver]
        rho, p = stats.spearmanr(data[driver], data["burnout"])
        half = Z * np.sqrt(1.06 / (n - 3))
        assert row["spearman_rho"] == pytest.approx(rho) and row["spearman_p"] == pytest.approx(p)
        assert (row["spearman_low"], row["spearman_high"]) == pytest.approx(
            (np.tanh(np.arctanh(rho) - half), np.tanh(np.arctanh(rho) + half)))
        pr = stats.pearsonr(data[driver], data["burnout"])
        ci = pr.confidence_interval(0.95)
        assert (row["pearson_r"], row["pearson_low"], row["pearson_high"]) == pytest.approx(
            (pr.statistic, ci.low, ci.high))
        assert row["n"] == n
        # Burnout is higher-is-worse: impact is -rho, its interval the mirror of rho's.
        assert (row["impact"], row["impact_low"], row["impact_high"]) == pytest.approx(
            (-rho, -row["spearman_high"], -row["spearman_low"]))
    assert table.index.tolist() == ["support", "voice"], "the stronger driver comes first"


def test_adjusted_p_values_are_holm_by_default_and_bh_on_request():
    data = synthetic(60, seed=3)
    data["noise"] = np.random.default_rng(9).integers(1, 6, 60)
    drivers = ["support", "voice", "noise"]
    raw = impact(data, BURNOUT, drivers, FAVOURABLE | {"noise": 4}, min_analysis=10, padjust="none")
    p = raw.set_index("driver")["spearman_p"]
    order = p.sort_values()
    holm = np.maximum.accumulate([min(1, (3 - k) * v) for k, v in enumerate(order)])
    expected_holm = dict(zip(order.index, holm))
    table = impact(data, BURNOUT, drivers, FAVOURABLE | {"noise": 4}, min_analysis=10).set_index("driver")
    assert table["spearman_p_adj"].to_dict() == pytest.approx(expected_holm)
    bh = impact(data, BURNOUT, drivers, FAVOURABLE | {"noise": 4}, min_analysis=10, padjust="bh").set_index("driver")
    assert bh["spearman_p_adj"].to_numpy() == pytest.approx(stats.false_discovery_control(bh["spearman_p"]))
    with pytest.raises(ValueError, match="holm"):
        impact(data, BURNOUT, drivers, FAVOURABLE | {"noise": 4}, padjust="tukey")


def test_favourable_share_is_hand_worked_and_hidden_below_the_minimum_group():
    data = pd.DataFrame({"safe": [5, 4, 3, 2, 1, 4, np.nan]})
    shares = favourable_shares(data, ["safe"], {"safe": 4}, min_group=5)
    assert shares.iloc[0].tolist() == ["safe", 6, 0.5]
    assert np.isnan(favourable_shares(data, ["safe"], {"safe": 4}, min_group=7).iloc[0]["favourable"])


def test_a_driver_answered_by_too_few_keeps_only_its_share():
    data = synthetic(40)
    data.loc[data.index[12:], "voice"] = np.nan  # 12 answers
    table = impact(data, BURNOUT, ["support", "voice"], FAVOURABLE, min_analysis=20).set_index("driver")
    assert table.loc["voice", "n"] == 12 and table.loc["voice", ["impact", "spearman_p_adj", "pearson_r"]].isna().all()
    assert table.loc["voice", "favourable"] == pytest.approx((data["voice"].dropna() >= 4).mean())
    assert table.loc["support", "spearman_p_adj"] == pytest.approx(table.loc["support", "spearman_p"]), \
        "one driver with a p-value: nothing to adjust across"


def test_the_analysis_threshold_is_25_settable_never_below_10():
    assert (MIN_ANALYSIS, LOWEST_MIN_ANALYSIS) == (25, 10)
    assert check_min_analysis(10) == 10
    for bad in (9, 2.5, "25"):
        with pytest.raises(ValueError, match="at least 10"):
            check_min_analysis(bad)
    data = synthetic(30)
    data.loc[:5, "burnout"] = np.nan  # 24 with a score
    assert not enough_people(data, BURNOUT, 25) and enough_people(data, BURNOUT, 24)


def test_the_callers_frame_is_not_changed():
    data = synthetic()
    before = data.copy()
    impact(data, BURNOUT, ["support", "voice"], FAVOURABLE, min_analysis=10)
    joint_model(data, BURNOUT, ["support", "voice"], min_analysis=10)
    pd.testing.assert_frame_equal(data, before)


# ---------------------------------------------------------------- quadrants and principles


def placed_table() -> pd.DataFrame:
    return pd.DataFrame({"driver": ["a", "b", "c", "d", "e"], "principle": ["safety", "safety", "peer support",
                                                                           UNTAGGED, "peer support"],
                         "impact": [0.6, 0.5, 0.3, 0.2, np.nan], "favourable": [0.3, 0.8, 0.7, 0.2, 0.9]})


def test_quadrants_split_at_the_medians_with_strengths_first():
    # medians: impact 0.4, favourable 0.5 over a-d (e has no impact)
    placed = quadrants(placed_table())
    assert list(zip(placed["driver"], placed["quadrant"])) == [("b", "protect"), ("c", "build on"), ("a", "act"),
                                                                ("d", "watch")]


def test_principle_summary_is_hand_worked_untagged_last():
    summary = principle_summary(placed_table()).set_index("principle")
    assert summary.index.tolist() == ["safety", "peer support", UNTAGGED]
    assert summary.loc["safety", ["questions", "mean_impact", "mean_favourable", "strongest"]].tolist() == \
        [2, pytest.approx(0.55), pytest.approx(0.55), "a"]
    assert summary.loc["peer support", "questions"] == 1, "a question without an impact is not counted"
    assert principle_summary(placed_table().assign(principle=UNTAGGED)).empty


# ---------------------------------------------------------------- the joint model


def test_standardised_ols_matches_least_squares_and_a_lone_predictor_is_r():
    data = synthetic(50, seed=4)
    fit = standardised_ols(data, y="burnout", x=["support", "voice"]).set_index("predictor")
    z = (data - data.mean()) / data.std(ddof=1)
    design = np.column_stack([np.ones(50), z["support"], z["voice"]])
    coef, rss, *_ = np.linalg.lstsq(design, z["burnout"], rcond=None)
    se = np.sqrt(np.diag(np.linalg.inv(design.T @ design)) * rss[0] / 47)
    t = stats.t.ppf(0.975, 47)
    assert fit["beta"].to_numpy() == pytest.approx(coef[1:])
    assert fit["ci_low"].to_numpy() == pytest.approx(coef[1:] - t * se[1:])
    assert fit["r2"].iloc[0] == pytest.approx(1 - rss[0] / 49)
    lone = standardised_ols(data, y="burnout", x=["support"]).iloc[0]
    r = stats.pearsonr(data["support"], data["burnout"])
    assert lone["beta"] == pytest.approx(r.statistic) and lone["p"] == pytest.approx(r.pvalue)
    assert lone["se"] == pytest.approx(np.sqrt((1 - r.statistic**2) / 48))


def test_the_joint_model_is_turned_like_impact_and_needs_enough_people():
    data = synthetic(40)
    model = joint_model(data, BURNOUT, ["support", "voice"], min_analysis=10).set_index("predictor")
    fit = standardised_ols(data, y="burnout", x=["support", "voice"]).set_index("predictor")
    assert model.loc["support", "beta"] == pytest.approx(-fit.loc["support", "beta"])
    assert model.loc["support", "ci_low"] == pytest.approx(-fit.loc["support", "ci_high"])
    assert joint_model(data.iloc[:20], BURNOUT, ["support", "voice"], min_analysis=25).empty


# ---------------------------------------------------------------- the sample


@pytest.mark.parametrize("column, strongest", [
    ("burnout", OWN_QUESTIONS[0][0]),                      # supervisor: w_bo = -1.3
    ("secondary_traumatic_stress", OWN_QUESTIONS[3][0]),   # team supports each other: w_sts = -0.9
    ("compassion_satisfaction", OWN_QUESTIONS[6][0]),      # families as partners: w_cs = +1.0
])
def test_the_generators_strongest_driver_comes_first_on_the_sample(survey, column, strongest):
    outcome = next(o for o in outcomes(survey) if o.column == column)
    drivers = driver_columns(survey)
    data = analysis_frame(survey, survey.scored)
    table = impact(data, outcome, drivers, {d: survey.question_scales[d].favourable_from for d in drivers})
    assert table["driver"].iloc[0] == strongest
    assert table["impact_low"].iloc[0] > table["impact_high"].iloc[2], "clearly first, not by a hair"
    # the interval matches scipy on the same pairs, computed independently of tiwell
    pairs = pd.DataFrame({"x": data[strongest], "y": survey.scored[column]}).dropna()
    rho = stats.spearmanr(pairs["x"], pairs["y"]).statistic
    half = Z * np.sqrt(1.06 / (len(pairs) - 3))
    sign = 1 if outcome.higher_is_better else -1
    assert sorted(sign * np.tanh(np.arctanh(rho) + np.array([-half, half]))) == pytest.approx(
        [table["impact_low"].iloc[0], table["impact_high"].iloc[0]])


def test_the_sample_offers_subscales_then_the_leaving_question(survey):
    found = outcomes(survey)
    assert [o.column for o in found] == ["compassion_satisfaction", "burnout", "secondary_traumatic_stress",
                                         LEAVING_QUESTION]
    assert found[-1].question and not found[-1].higher_is_better and found[-1].better == "fewer thinking of leaving"
    data = analysis_frame(survey, survey.scored)
    assert set(data[LEAVING_QUESTION].dropna()) == {0.0, 1.0}
    share = survey.scored[LEAVING_QUESTION].eq("Yes").sum() / survey.scored[LEAVING_QUESTION].isin(["Yes", "No"]).sum()
    assert data[LEAVING_QUESTION].mean() == pytest.approx(share)


def test_a_team_below_the_threshold_gets_no_driver_statistics(survey):
    small = survey.scored[survey.scored["team"] == "Clinical Psychology"]
    data = analysis_frame(survey, small)
    assert len(small) < MIN_ANALYSIS and not enough_people(data, BURNOUT, MIN_ANALYSIS)
    drivers = driver_columns(survey)
    table = impact(data, BURNOUT, drivers, {d: 4 for d in drivers})
    assert table["impact"].isna().all() and table["spearman_p_adj"].isna().all()


def test_the_regression_docstring_example_runs():
    import doctest

    from tiwell.stats import regression
    result = doctest.testmod(regression, extraglobs={"pd": pd}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 2 and result.failed == 0


def test_a_minimum_group_above_the_analysis_threshold_wins():
    data = synthetic(40)
    data.loc[data.index[15:], "voice"] = np.nan  # 15 answers
    assert not np.isnan(impact(data, BURNOUT, ["voice"], FAVOURABLE, min_analysis=10, min_group=15)["impact"][0])
    assert np.isnan(impact(data, BURNOUT, ["voice"], FAVOURABLE, min_analysis=10, min_group=16)["impact"][0])


def test_question_wording_is_drawn_as_typed_not_as_markup():
    table = pd.DataFrame({"rank": [1], "driver": ["I feel <b>safe</b> & heard"], "impact": [0.4],
                          "impact_low": [0.3], "impact_high": [0.5], "n": [40]})
    figure = driver_charts.impact_intervals(table, "Burnout", "lower burnout")
    assert list(figure.data[0].y) == ["1. I feel &lt;b&gt;safe&lt;/b&gt; &amp; heard"]
