"""The next wave planned, people who answered twice, and regression with an aliased predictor.

Expected values: R 4.2.2 (Debian bookworm's r-base-core), printed with options(digits = 15) and
pasted here with the call that made them; and hand working, written out in the comments.
"""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from streamlit.testing.v1 import AppTest

from tiwell.analysis import answered_twice, next_wave_plan, paired_did, plan_sentences, pairs_between, team_headcounts
from tiwell.pipeline import load_table, score_file, score_table
from tiwell.privacy import survey_release
from tiwell.stats import detectable_difference, paired_change, standardised_ols
from ui.state import SAMPLE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")

# R: df <- data.frame(y = ..., a = ..., b = ..., d = ...); df$c <- df$a + df$b
#    fit <- lm(y ~ a + b + c + d, data = as.data.frame(scale(df))); coef(summary(fit)); confint(fit)
COLLINEAR = pd.DataFrame({"y": [3, 5, 4, 6, 8, 7, 9, 6, 5, 8, 10, 7], "a": [1, 2, 2, 3, 4, 4, 5, 3, 2, 4, 5, 3],
                          "b": [2, 1, 3, 2, 3, 1, 2, 4, 1, 3, 2, 2], "d": [5, 3, 4, 4, 6, 2, 5, 3, 4, 6, 7, 3]})
COLLINEAR["c"] = COLLINEAR["a"] + COLLINEAR["b"]
R_OLS = {"a": (9.33805641830219e-01, 0.0816366958523314, 1.14385526273544e+01, 3.08614915631139e-06,
               0.745551083610338, 1.122060200050100),
         "b": (-5.70135534723365e-02, 0.0779834818511576, -7.31097818652864e-01, 4.85578775144929e-01,
               -0.236843785098725, 0.122816678154052),
         "d": (1.13139228709100e-01, 0.0843598705881525, 1.34114986095046e+00, 2.16699667508712e-01,
               -0.081394981712468, 0.307673439130668)}
R_R2 = 0.955193890155008  # summary(fit)$r.squared; df.residual(fit) = 8 = 12 - rank(3) - 1


def test_an_aliased_predictor_is_na_and_the_others_match_r():
    fit = standardised_ols(COLLINEAR, y="y", x=["a", "b", "c", "d"]).set_index("predictor")
    assert fit.loc["c", ["beta", "se", "ci_low", "ci_high", "t", "p"]].isna().all()
    assert "exact combination" in fit.loc["c", "note"] and fit.loc["a", "note"] == ""
    for name, (beta, se, t, p, low, high) in R_OLS.items():
        got = fit.loc[name]
        assert (got["beta"], got["se"], got["t"], got["p"], got["ci_low"], got["ci_high"]) == pytest.approx(
            (beta, se, t, p, low, high), rel=1e-9, abs=1e-12)
    assert fit["r2"].iloc[0] == pytest.approx(R_R2, rel=1e-12)


def test_without_aliasing_the_degrees_of_freedom_are_n_minus_k_minus_1():
    # Dropping c by hand gives the same model as R's aliasing: the fit must not depend on c being there.
    without = standardised_ols(COLLINEAR, y="y", x=["a", "b", "d"]).set_index("predictor")
    with_c = standardised_ols(COLLINEAR, y="y", x=["a", "b", "c", "d"]).set_index("predictor")
    assert without.loc[["a", "b", "d"], "p"].to_numpy() == pytest.approx(with_c.loc[["a", "b", "d"], "p"].to_numpy())


def test_a_duplicated_predictor_keeps_the_first():
    data = COLLINEAR.assign(a2=COLLINEAR["a"] * 2.0 + 1)
    fit = standardised_ols(data, y="y", x=["a", "a2"]).set_index("predictor")
    lone = standardised_ols(data, y="y", x=["a"]).iloc[0]
    assert fit.loc["a", "beta"] == pytest.approx(lone["beta"]) and math.isnan(fit.loc["a2", "beta"])


# ---------------------------------------------------------------- power


def test_detectable_difference_matches_r_power_t_test():
    # R: power.t.test(n = 20, sd = 1, power = 0.8, sig.level = 0.05, strict = TRUE, tol = 1e-13)$delta
    assert detectable_difference(20, 20, 1.0) == pytest.approx(0.909129032682003, abs=1e-10)
    # R: power.t.test(n = 12, sd = 4.7, power = 0.8, sig.level = 0.05, strict = TRUE, tol = 1e-13)$delta
    assert detectable_difference(12, 12, 4.7) == pytest.approx(5.62501599463963, abs=1e-9)


def test_detectable_difference_by_hand_for_large_groups():
    # By hand: (z(0.975) + z(0.8)) x SD x sqrt(1/n1 + 1/n2) = (1.959964 + 0.841621) x 5 x sqrt(1/2000 + 1/3000)
    #        = 2.801585 x 5 x 0.0288675 = 0.404374; the t-based answer is a hair larger.
    got = detectable_difference(2000, 3000, 5.0)
    assert got == pytest.approx(0.404374, abs=2e-4) and got > 0.404374
    assert math.isnan(detectable_difference(1, 30, 5.0))


# ---------------------------------------------------------------- paired


def test_paired_change_matches_r_t_test_paired():
    # R: t.test(b, a, paired = TRUE): 1.7, (0.0462340051853274, 3.3537659948146725), t = 2.3253998381965211,
    #    df = 9, p = 0.0450854512422849
    data = pd.DataFrame({"a": [20, 24, 19, 30, 27, 22, 25, 18, 29, 23], "b": [22, 25, 23, 31, 24, 26, 27, 21, 28, 27]})
    r = paired_change(data, before="a", after="b").iloc[0]
    assert (r["n"], r["df"]) == (10, 9)
    assert (r["change"], r["ci_low"], r["ci_high"], r["t"], r["p"]) == pytest.approx(
        (1.7, 0.0462340051853274, 3.3537659948146725, 2.3253998381965211, 0.0450854512422849), abs=1e-12)


@pytest.fixture(scope="module")
def coded():
    table, found, matched = load_table(SAMPLE.read_bytes(), SAMPLE.name, id_key=b"k" * 32)
    return score_table(table, found, None, None, matched)


def test_pairs_are_the_people_in_both_waves(coded):
    first, second = coded.waves[:2]
    pairs = pairs_between(coded.scored, coded.table.person_codes, "burnout", first, second)
    codes = coded.scored["row"].map(coded.table.person_codes)
    by_wave = {w: set(codes[(coded.scored["wave"] == w) & coded.scored["burnout"].notna()].dropna())
               for w in (first, second)}
    assert len(pairs) == len(by_wave[first] & by_wave[second]) > 100
    table = answered_twice(coded.scored, coded.table.person_codes, "burnout", first, second, min_group=5)
    whole = table.iloc[0]
    assert whole["pairs"] == len(pairs)
    assert whole["change"] == pytest.approx((pairs["after"] - pairs["before"]).mean())


@settings(max_examples=30, deadline=None)
@given(min_group=st.integers(3, 30))
def test_no_team_of_pairs_under_the_minimum_is_shown_and_never_one_alone(coded, min_group):
    first, second = coded.waves[:2]
    table = answered_twice(coded.scored, coded.table.person_codes, "burnout", first, second, min_group=min_group)
    pairs = pairs_between(coded.scored, coded.table.person_codes, "burnout", first, second)
    sizes = pairs.groupby("team").size()
    teams = table.iloc[1:].set_index("group")
    assert (sizes.reindex(teams.index[teams["shown"]]) >= min_group).all()
    hidden = teams.index[~teams["shown"]]
    assert len(hidden) != 1 or not table.iloc[0]["shown"], "one hidden team = the whole less the others"
    assert teams.loc[hidden, "change"].isna().all()


def test_paired_did_is_the_difference_of_the_two_groups_changes():
    pairs = pd.DataFrame({"before": [20.0, 22, 24, 21, 25, 23], "after": [23.0, 24, 27, 21, 26, 22]})
    touched = pd.Series([True, True, True, False, False, False])
    # By hand: touched changes 3, 2, 3 (mean 8/3); others 0, 1, -1 (mean 0): estimate 8/3.
    # se^2 = var(3,2,3)/3 + var(0,1,-1)/3 = (1/3)/3 + 1/3 = 4/9, se = 2/3.
    r = paired_did(pairs, touched)
    assert r["estimate"] == pytest.approx(8 / 3) and r["se"] == pytest.approx(2 / 3)


# ---------------------------------------------------------------- the planner


@pytest.fixture(scope="module")
def sample_release():
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    return survey, survey_release(survey, 10)


def test_the_planner_uses_the_last_waves_released_numbers(sample_release):
    survey, release = sample_release
    plan = next_wave_plan(release, [("burnout", "Burnout")]).set_index("team")
    last = release.table(["team"], {"wave": survey.waves[-1]})
    last = last[last["subscale"] == "burnout"].set_index("team")
    team = "Adult Safeguarding"
    assert plan.loc[team, "answered"] == last.loc[team, "people"] == plan.loc[team, "expected"]
    n, sd = last.loc[team, "n"], last.loc[team, "sd"]
    assert plan.loc[team, "detectable Burnout"] == pytest.approx(detectable_difference(n, n, sd))
    assert plan.loc["Clinical Psychology", "clears"] == "not shown last time"
    assert math.isnan(plan.loc["Clinical Psychology", "answered"])


def test_the_planner_says_which_teams_will_be_too_small(sample_release):
    survey, release = sample_release
    teams = list(release.values["team"])
    then = {t: 50.0 for t in teams}
    now = then | {"Early Help": 15.0, "Youth Justice": 16.0}  # Early Help: 31 of 50 answered -> 0.62 x 15 = 9.3
    plan = next_wave_plan(release, [("burnout", "Burnout")], headcounts=now, survey_headcounts=then).set_index("team")
    answered = plan.loc["Early Help", "answered"]
    assert plan.loc["Early Help", "response_rate"] == pytest.approx(answered / 50)
    assert plan.loc["Early Help", "expected"] == pytest.approx(answered / 50 * 15)
    assert plan.loc["Early Help", "clears"] == "no"
    assert plan.loc["Youth Justice", "clears"] == "at risk"      # 35 / 50 x 16 = 11.2: at least 10, under 1.2 x 10
    said = plan_sentences(plan.reset_index(), 10)
    assert "Early Help is not expected to reach 10 answers" in said[0]
    assert "Youth Justice may fall under 10" in said[1]


def test_headcounts_come_from_the_period_holding_the_wave():
    turnover = pd.DataFrame({"team": ["A", "A", "B", "B"], "period": ["H1", "H2", "H1", "H2"],
                             "period_start": pd.to_datetime(["2025-01-01", "2025-07-01"] * 2),
                             "period_end": pd.to_datetime(["2025-06-30", "2025-12-31"] * 2),
                             "headcount_end": [30, 24, 12, 14], "average_headcount": [29, 26, 11, 13]})
    now, then = team_headcounts(turnover, pd.Timestamp("2025-03-15"))
    assert now == {"A": 24, "B": 14} and then == {"A": 30, "B": 12}


# ---------------------------------------------------------------- pages


def test_the_actions_page_plans_the_next_wave():
    app = AppTest.from_file(DASHBOARD, default_timeout=90).run()
    app.button[0].click().run()
    app.switch_page("pages/actions.py").run()
    assert not app.exception
    assert "Plan the next wave" in [s.value for s in app.header]
    plan = app.dataframe[-1].value.set_index("team")
    assert plan.loc["Clinical Psychology", "clears"] == "not shown last time"
    assert any("Clinical Psychology" in m.value and "too small to show last wave" in m.value for m in app.markdown)


def test_trends_shows_people_who_answered_twice_only_with_private_codes():
    app = AppTest.from_file(DASHBOARD, default_timeout=90).run()
    app.button[0].click().run()
    app.switch_page("pages/trends.py").run()
    assert "People who answered twice" not in [s.value for s in app.header]
    app = AppTest.from_file(DASHBOARD, default_timeout=90).run()
    app.button[0].click().run()
    app.toggle[0].set_value(True).run()
    app.switch_page("pages/trends.py").run()
    assert not app.exception
    assert "People who answered twice" in [s.value for s in app.header]
    assert any("people who answered both" in m.value for m in app.markdown)


def test_with_private_codes_the_action_effect_uses_peoples_own_changes(coded):
    from synthetic.samples import SAMPLE_ACTION
    from tiwell.analysis import action_effect, effect_sentences

    effect = action_effect(coded.scored, SAMPLE_ACTION, "burnout", 5, codes=coded.table.person_codes)
    assert effect.kind == "did_paired"
    pairs = pairs_between(coded.scored, coded.table.person_codes, "burnout", list(effect.before), list(effect.after))
    touched = pairs["team"] == "Family Support North"
    change = pairs["after"] - pairs["before"]
    r = effect.result.iloc[0]
    assert r["estimate"] == pytest.approx(change[touched].mean() - change[~touched].mean())
    assert r["n_touched"] == touched.sum() >= 5
    assert "people's own" in " ".join(effect_sentences(effect, "Burnout", "higher_is_worse"))
    assert action_effect(coded.scored, SAMPLE_ACTION, "burnout", 5).kind == "did"
