"""Comparisons, effect sizes, correlations and p-value adjustment (tiwell.stats).

Expected values come from three independent places, named at each fixture:
- R 4.2.2 (Debian bookworm's r-base-core): t.test, wilcox.test, oneway.test, kruskal.test,
  aov, pairwise.t.test, pairwise.wilcox.test, p.adjust, cor.test, quantile - printed with
  options(digits = 15) and pasted here;
- hand working, written out in the comments;
- scipy functions that tiwell does not use for that statistic.
"""

import doctest

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from tiwell.stats import _inputs as stat_inputs, compare, correlation, multigroup, references




from tiwell import stats as S

A = [3.1, 2.4, 4.0, 3.6, 2.9, 3.3, 4.4, 2.7]
B = [2.2, 2.8, 1.9, 3.0, 2.5, 2.1, 3.4, 2.6, 2.0, 1.7]
C = [24, 27, 22, 30, 27, 25, 33, 21, 28, 26]          # burnout-like sums, with ties
D = [20, 23, 22, 19, 25, 21, 23, 18, 24, 22, 20]
E = [29, 31, 26, 34, 30, 28, 32, 27, 35]
X = [24.1, 26.3, 22.8, 28.0, 25.5, 23.9, 27.2, 21.6, 29.4, 24.8, 26.9, 22.2]   # team burnout means
Y = [12.5, 15.0, 10.0, 18.2, 15.0, 9.5, 16.8, 11.0, 20.1, 13.3, 14.2, 12.0]    # team turnover %


def frame(*groups, labels="abc"):
    return pd.DataFrame({"score": [float(v) for g in groups for v in g],
                         "team": [lab for lab, g in zip(labels, groups) for _ in g]})


# ---------------------------------------------------------------- describing groups

def test_describe_groups_matches_r():
    # R: mean(C); sd(C); quantile(C, c(.25, .5, .75)); t.test(C)$conf.int
    row = S.describe_groups(frame(C), value="score", group="team").iloc[0]
    assert row["n"] == 10
    assert row["mean"] == pytest.approx(26.3, abs=1e-12)
    assert row["sd"] == pytest.approx(3.59165699921359, abs=1e-12)
    assert (row["q1"], row["median"], row["q3"], row["iqr"]) == pytest.approx((24.25, 26.5, 27.75, 3.5))
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((23.73068336173468, 28.86931663826532), abs=1e-9)


def test_describe_groups_orders_and_handles_small_groups():
    data = pd.DataFrame({"score": [1.0, 2, 3, 4, np.nan, 7], "team": ["b", "b", "a", "a", "a", "c"]})
    table = S.describe_groups(data, value="score", group="team")
    assert list(table.columns) == S.DESCRIBE_COLUMNS
    assert table["group"].tolist() == ["a", "b", "c"]
    assert table["n"].tolist() == [2, 2, 1]
    assert np.isnan(table.loc[2, "sd"]) and np.isnan(table.loc[2, "ci_low"]) and table.loc[2, "mean"] == 7
    cat = data.assign(team=pd.Categorical(data["team"], categories=["c", "b", "a"]))
    assert S.describe_groups(cat, value="score", group="team")["group"].tolist() == ["c", "b", "a"]
    with pytest.raises(ValueError, match="nan_policy='raise'"):
        S.describe_groups(data, value="score", group="team", nan_policy="raise")


# ---------------------------------------------------------------- two groups

@pytest.mark.parametrize("a, b, expected", [
    # R: t.test(A, B, var.equal = FALSE): t, df, p, conf.int
    (A, B, (3.01353930750652310, 13.28542780010807256, 0.00976986330292658, 0.25051399949438835, 1.50948600050561144)),
    (C, D, (3.63080649380547671, 14.48923206407233089, 0.00259226107842246, 1.95481559635642310, 7.55427531273448327)),
])
def test_welch_t_matches_r(a, b, expected):
    row = S.welch_t(frame(a, b), value="score", group="team").iloc[0]
    assert (row["t"], row["df"], row["p"], row["ci_low"], row["ci_high"]) == pytest.approx(expected, rel=1e-9)
    assert row["diff"] == pytest.approx(np.mean(a) - np.mean(b))
    assert list(row.index) == S.WELCH_COLUMNS


def test_welch_t_by_hand_and_against_scipy():
    # a = 3,4,5,6: mean 4.5, var 5/3; b = 1,2,3: mean 2, var 1. v_a = 5/12, v_b = 1/3, se = sqrt(3/4);
    # t = 2.5 / 0.8660254 = 2.8867513; df = 0.5625 / ((5/12)^2/3 + (1/3)^2/2) = 4.9591837.
    data = frame([3, 4, 5, 6], [1, 2, 3])
    row = S.welch_t(data, value="score", group="team").iloc[0]
    assert (row["t"], row["df"]) == pytest.approx((2.8867513, 4.9591837), abs=1e-7)
    ref = sps.ttest_ind([3, 4, 5, 6], [1, 2, 3], equal_var=False)
    ci = ref.confidence_interval(0.9)
    row90 = S.welch_t(data, value="score", group="team", confidence=0.9).iloc[0]
    assert (row90["p"], row90["ci_low"], row90["ci_high"]) == pytest.approx((ref.pvalue, ci.low, ci.high), rel=1e-10)


def test_welch_t_small_groups_give_nan_not_errors():
    row = S.welch_t(frame([1, 2, 3], [4]), value="score", group="team").iloc[0]
    assert row["n_b"] == 1 and np.isnan(row["t"]) and np.isnan(row["p"])
    row = S.welch_t(frame([2, 2, 2], [2, 2]), value="score", group="team").iloc[0]
    assert np.isnan(row["t"])


@pytest.mark.parametrize("a, b, method, u, p, used", [
    (A, B, "auto", 68.0, 0.0116550116550117, "exact"),            # R: wilcox.test(A, B)
    (A, B, "asymptotic", 68.0, 0.014548023867343, "asymptotic"),  # R: wilcox.test(A, B, exact = FALSE)
    (C, D, "auto", 96.5, 0.00377287209363276, "asymptotic"),      # R: wilcox.test(C, D) (ties: normal approx.)
    (C, D, "exact", 96.5, 0.00377287209363276, "asymptotic"),     # R falls back the same way with ties
])
def test_mann_whitney_matches_r(a, b, method, u, p, used):
    row = S.mann_whitney(frame(a, b), value="score", group="team", method=method).iloc[0]
    assert row["u"] == u and row["p"] == pytest.approx(p, rel=1e-9) and row["method"] == used


def test_mann_whitney_exact_by_hand():
    # 3,4,5,6 vs 1,2,3.5: U = 2 + 3 + 3 + 3 = 11 of the 12 pairs. Of the C(7,3) = 35 equally
    # likely rank sets, U >= 11 in 2 (U = 12, U = 11): two-sided p = 4/35.
    row = S.mann_whitney(frame([3, 4, 5, 6], [1, 2, 3.5]), value="score", group="team").iloc[0]
    assert row["u"] == 11 and row["p"] == pytest.approx(4 / 35, abs=1e-12)


@pytest.mark.parametrize("a, b, expected", [
    # R, the formula in base R arithmetic (see hedges_g's docstring): g, se, lower, upper
    (A, B, (1.397310658398773, 0.528427359563650, 0.361612065208421, 2.433009251589124)),
    (C, D, (1.559169974631000, 0.498788838515779, 0.581561815249508, 2.536778134012493)),
])
def test_hedges_g_matches_formula_in_r(a, b, expected):
    row = S.hedges_g(frame(a, b), value="score", group="team").iloc[0]
    assert (row["g"], row["se"], row["ci_low"], row["ci_high"]) == pytest.approx(expected, rel=1e-9)


def test_hedges_g_by_hand():
    # s_p^2 = (3 * 5/3 + 2 * 1) / 5 = 1.4; d = 2.5 / sqrt(1.4) = 2.1128856; J = 1 - 3/19;
    # g = 1.7792721; se^2 = 7/12 + g^2 / 14 = 0.8094625.
    row = S.hedges_g(frame([3, 4, 5, 6], [1, 2, 3]), value="score", group="team").iloc[0]
    assert row["g"] == pytest.approx(2.5 / np.sqrt(1.4) * 16 / 19, abs=1e-12)
    assert row["se"] == pytest.approx(np.sqrt(7 / 12 + row["g"] ** 2 / 14), abs=1e-12)
    assert row["ci_high"] - row["g"] == pytest.approx(1.959963985 * row["se"], abs=1e-8)


def test_rank_biserial_from_r_w():
    # r = 2W/(n_a n_b) - 1 with R's W: 2 * 68 / 80 - 1 = 0.7; 2 * 96.5 / 110 - 1 = 0.7545454...
    assert S.rank_biserial(frame(A, B), value="score", group="team")["r_rb"].iloc[0] == pytest.approx(0.7)
    assert S.rank_biserial(frame(C, D), value="score", group="team")["r_rb"].iloc[0] == pytest.approx(83 / 110)


def test_two_group_functions_need_two_groups():
    three = frame(C, D, E)
    with pytest.raises(ValueError, match="groups=\\(first, second\\)"):
        S.welch_t(three, value="score", group="team")
    row = S.welch_t(three, value="score", group="team", groups=("c", "a")).iloc[0]
    assert (row["group_a"], row["group_b"]) == ("c", "a")
    with pytest.raises(ValueError, match="not found"):
        S.hedges_g(three, value="score", group="team", groups=("a", "z"))
    with pytest.raises(ValueError, match="exactly two"):
        S.mann_whitney(three, value="score", group="team", groups=("a", "b", "c"))
    with pytest.raises(ValueError, match="'auto', 'exact', 'asymptotic'"):
        S.mann_whitney(frame(A, B), value="score", group="team", method="permutation")
    with pytest.raises(ValueError, match="not in data"):
        S.welch_t(three, value="burnout", group="team")


# ---------------------------------------------------------------- several groups

def test_welch_anova_matches_r_and_scipy():
    # R: oneway.test(score ~ team, data = df, var.equal = FALSE) on C, D, E
    row = S.welch_anova(frame(C, D, E), value="score", group="team").iloc[0]
    assert (row["f"], row["df1"], row["df2"], row["p"]) == pytest.approx(
        (26.0603118732789, 2, 16.2312388038445, 8.56284159014631e-06), rel=1e-9)
    ref = sps.f_oneway(C, D, E, equal_var=False)
    assert (row["f"], row["p"]) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)


def test_welch_anova_by_hand():
    # a = 1,2,3 (m 2, var 1), b = 2,3,4 (m 3, var 1), c = 5,6,7,9 (m 6.75, var 35/12).
    # w = 3, 3, 48/35; W = 258/35; grand = (6 + 9 + 9.2571429)/W = 3.2906977;
    # numerator = Σw(m - grand)^2 / 2 = 21.662791 / 2 = 10.831395;
    # Λ = 2 · (1 - 3/W)^2 / 2 + (1 - (48/35)/W)^2 / 3 = 0.3516766 + 0.2208402 = 0.5725168;
    # F = 10.831395 / (1 + 2·Λ/8) = 9.475215; df2 = 8 / (3Λ) = 4.657798.  R: F = 9.47521561283327
    row = S.welch_anova(frame([1, 2, 3], [2, 3, 4], [5, 6, 7, 9]), value="score", group="team").iloc[0]
    assert (row["f"], row["df2"]) == pytest.approx((9.47521561283327, 4.65779737069983), rel=1e-10)


def test_welch_anova_degenerate_groups_give_nan():
    assert np.isnan(S.welch_anova(frame([1, 2], [3]), value="score", group="team")["f"].iloc[0])
    assert np.isnan(S.welch_anova(frame([1, 2], [3, 3]), value="score", group="team")["p"].iloc[0])
    with pytest.raises(ValueError, match="at least 2"):
        S.welch_anova(frame([1, 2, 3]), value="score", group="team")


def test_kruskal_and_effect_sizes_match_r():
    data = frame(C, D, E)
    # R: kruskal.test(score ~ team, data = df)
    row = S.kruskal(data, value="score", group="team").iloc[0]
    assert (row["h"], row["df"], row["p"]) == pytest.approx((18.5330130959066, 2, 9.45382023055136e-05), rel=1e-9)
    # R: h / ((30^2 - 1)/(30 + 1))
    eps = S.epsilon_squared(data, value="score", group="team")["epsilon_squared"].iloc[0]
    assert eps == pytest.approx(0.639069417100228, rel=1e-9)
    # R: s <- summary(aov(score ~ team, data = df))[[1]]$"Sum Sq"; s[1] / sum(s)
    assert S.eta_squared(data, value="score", group="team")["eta_squared"].iloc[0] == pytest.approx(
        0.612931108005799, rel=1e-9)


def test_eta_squared_by_hand():
    # groups 1,2,3 and 5,6,7: grand mean 4; SS_between = 3·4 + 3·4 = 24; SS_total = 24 + 4 = 28.
    assert S.eta_squared(frame([1, 2, 3], [5, 6, 7]), value="score", group="team")["eta_squared"].iloc[0] == (
        pytest.approx(24 / 28))


def test_pairwise_welch_matches_r():
    data = frame(C, D, E)
    # R: pairwise.t.test(df$score, df$team, pool.sd = FALSE, p.adjust.method = "none" / "holm" / "BH")
    raw = [0.00259226107842246, 0.02012693655967904, 5.04819866114563e-06]
    holm = [0.00518452215684492, 0.02012693655967904, 1.51445959834369e-05]
    bh = [0.00388839161763369, 0.02012693655967904, 1.51445959834369e-05]
    table = S.pairwise(data, value="score", group="team")
    assert table[["group_a", "group_b"]].values.tolist() == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert table["p"].tolist() == pytest.approx(raw, rel=1e-9)
    assert table["p_adj"].tolist() == pytest.approx(holm, rel=1e-9)
    assert (table["padjust"] == "holm").all()
    assert S.pairwise(data, value="score", group="team", padjust="bh")["p_adj"].tolist() == pytest.approx(bh, rel=1e-9)
    # each row is the two-group Welch test and Hedges' g
    single = S.welch_t(data, value="score", group="team", groups=("b", "c")).iloc[0]
    g = S.hedges_g(data, value="score", group="team", groups=("b", "c")).iloc[0]
    assert table.loc[2, "t"] == pytest.approx(single["t"]) and table.loc[2, "g"] == pytest.approx(g["g"])


def test_pairwise_mann_whitney_matches_r():
    # R: pairwise.wilcox.test(df$score, df$team, p.adjust.method = "holm") (normal approximation, ties)
    table = S.pairwise(frame(C, D, E), value="score", group="team", test="mann_whitney")
    assert table["p_adj"].tolist() == pytest.approx(
        [0.00754574418726553, 0.02701227191366947, 0.000581506854653038], rel=1e-9)
    assert table["r_rb"].tolist() == pytest.approx([83 / 110, 2 * 17.5 / 90 - 1, -1.0])
    with pytest.raises(ValueError, match="'welch', 'mann_whitney'"):
        S.pairwise(frame(C, D), value="score", group="team", test="tukey")
    with pytest.raises(ValueError, match="'holm', 'bh', 'bonferroni', 'none'"):
        S.pairwise(frame(C, D), value="score", group="team", padjust="BH")


# ---------------------------------------------------------------- p-value adjustment

def test_p_adjust_by_hand():
    # sorted 0.005, 0.01, 0.03, 0.04. Holm: ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 -> running max
    # 0.02, 0.03, 0.06, 0.06. BH from the largest: 0.04·4/4, 0.03·4/3, 0.01·4/2, 0.005·4/1 =
    # 0.04, 0.04, 0.02, 0.02 -> running min the same. R's p.adjust gives these too.
    p = [0.01, 0.04, 0.03, 0.005]
    assert S.p_adjust(p, "holm").tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert S.p_adjust(p, "bh").tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert S.p_adjust(p, "bonferroni").tolist() == pytest.approx([0.04, 0.16, 0.12, 0.02])
    assert S.p_adjust(p, "none").tolist() == p


def test_p_adjust_missing_values_and_ties_match_r():
    # R: p.adjust(c(0.2, NA, 0.001, 0.04, 0.04, 0.9), "holm") and "BH": NA is not counted.
    p = pd.Series([0.2, np.nan, 0.001, 0.04, 0.04, 0.9], index=list("uvwxyz"))
    holm = S.p_adjust(p, "holm")
    assert isinstance(holm, pd.Series) and list(holm.index) == list("uvwxyz")
    assert holm.tolist() == pytest.approx([0.4, np.nan, 0.005, 0.16, 0.16, 0.9], nan_ok=True)
    assert S.p_adjust(p, "bh").tolist() == pytest.approx(
        [0.25, np.nan, 0.005, 0.0666666666666667, 0.0666666666666667, 0.9], nan_ok=True)
    assert S.p_adjust([], "holm").tolist() == []
    with pytest.raises(ValueError, match="between 0 and 1"):
        S.p_adjust([0.5, 1.5])
    with pytest.raises(ValueError, match="'holm', 'bh'"):
        S.p_adjust([0.5], "fdr")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=30), st.sampled_from(["holm", "bh", "bonferroni"]))
def test_p_adjust_properties(p, method):
    raw = np.array(p)
    adj = S.p_adjust(raw, method)
    assert (adj >= raw - 1e-15).all() and (adj <= 1).all()
    order = np.argsort(raw, kind="stable")
    assert (np.diff(adj[order]) >= -1e-15).all()          # monotone: a smaller p never gets a larger adjusted p
    if method == "bh":
        assert adj == pytest.approx(sps.false_discovery_control(raw, method="bh"), abs=1e-12)


# ---------------------------------------------------------------- correlations

def test_pearson_matches_r_and_scipy():
    # R: cor.test(X, Y): estimate, p.value, conf.int
    row = S.pearson(X, Y).iloc[0]
    assert row["n"] == 12
    assert (row["r"], row["p"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (0.909909125784761, 4.01146500539077e-05, 0.703236346519031, 0.974781488485728), rel=1e-9)
    ref = sps.pearsonr(X, Y)
    ci = ref.confidence_interval(0.9)
    row = S.pearson(X, Y, confidence=0.9).iloc[0]
    assert (row["r"], row["p"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (ref.statistic, ref.pvalue, ci.low, ci.high), rel=1e-10)


def test_spearman_matches_r():
    # R: cor.test(X, Y, method = "spearman", exact = FALSE) for rho and p (one tie in Y);
    # intervals: tanh(atanh(rho) + c(-1, 1) * qnorm(.975) * sqrt(V / (12 - 3))), V = 1.06 or 1 + rho^2/2
    row = S.spearman(X, Y).iloc[0]
    assert (row["r"], row["p"]) == pytest.approx((0.914187041181542, 3.16859458552773e-05), rel=1e-9)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.706320942955877, 0.976915899932585), rel=1e-9)
    row = S.spearman(X, Y, ci_method="bonett_wright").iloc[0]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.649539264577368, 0.981258624189412), rel=1e-9)
    ref = sps.spearmanr(X, Y)
    assert (row["r"], row["p"]) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-10)
    row = S.spearman(X, Y, ci_method="fisher").iloc[0]
    assert row["ci_low"] == pytest.approx(S.pearson(stats_rank(X), stats_rank(Y))["ci_low"].iloc[0])


def stats_rank(values):
    return sps.rankdata(values)


def test_correlations_by_hand_and_from_columns():
    # x = 1..5, y = 2,1,4,3,5: deviations products sum to 8, Sxx = Syy = 10, so r = 0.8;
    # t = 0.8·sqrt(3/0.36) = 2.3094011 on 3 df. R: cor.test gives p = 0.104088038661828,
    # conf.int -0.279640041969355 0.986196193301271.
    data = pd.DataFrame({"burnout": [1, 2, 3, 4, 5.0], "turnover": [2, 1, 4, 3, 5.0]})
    row = S.pearson("burnout", "turnover", data=data).iloc[0]
    assert (row["r"], row["p"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (0.8, 0.104088038661828, -0.279640041969355, 0.986196193301271), rel=1e-9)
    assert list(row.index) == S.CORRELATION_COLUMNS


def test_correlations_missing_values_and_small_n():
    x, y = [1, 2, np.nan, 4, 5.0], [2, 1, 4, np.nan, 5.0]
    row = S.pearson(x, y).iloc[0]
    assert row["n"] == 3 and np.isnan(row["ci_low"]) and not np.isnan(row["p"])
    with pytest.raises(ValueError, match="nan_policy='raise'"):
        S.spearman(x, y, nan_policy="raise")
    with pytest.raises(ValueError, match="same length"):
        S.pearson([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="'fieller', 'bonett_wright', 'fisher'"):
        S.spearman(X, Y, ci_method="bootstrap")
    assert np.isnan(S.pearson([1, 1, 1, 1], [1, 2, 3, 4])["r"].iloc[0])
    perfect = S.pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]).iloc[0]
    assert perfect["r"] == pytest.approx(1) and perfect["ci_low"] == pytest.approx(1) and perfect["p"] < 1e-12


# ---------------------------------------------------------------- published reference sample

def test_reference_summary_welch_equals_two_sample_test():
    # A reference given as mean, SD and n of B must give the same answer as B's raw data.
    ref = dict(mean=float(np.mean(B)), sd=float(np.std(B, ddof=1)), n=len(B))
    row = S.one_sample_vs_reference(pd.DataFrame({"score": A}), value="score", **ref).iloc[0]
    two = S.welch_t(frame(A, B), value="score", group="team").iloc[0]
    g = S.hedges_g(frame(A, B), value="score", group="team").iloc[0]
    assert row["test"] == "welch" and row["group"] == "all"
    assert (row["t"], row["df"], row["p"], row["ci_low"]) == pytest.approx(
        (two["t"], two["df"], two["p"], two["ci_low"]), rel=1e-12)
    assert (row["g"], row["g_ci_low"], row["g_ci_high"]) == pytest.approx((g["g"], g["ci_low"], g["ci_high"]))
    ref_scipy = sps.ttest_ind_from_stats(np.mean(A), np.std(A, ddof=1), len(A), ref["mean"], ref["sd"], ref["n"],
                                         equal_var=False)
    assert row["p"] == pytest.approx(ref_scipy.pvalue, rel=1e-10)


def test_reference_one_sample_and_per_group():
    data = frame(C, D)
    table = S.one_sample_vs_reference(data, value="score", mean=25.0, group="team")
    assert table["group"].tolist() == ["a", "b"] and (table["test"] == "one_sample").all()
    ref = sps.ttest_1samp(C, 25.0)
    assert (table.loc[0, "t"], table.loc[0, "p"], table.loc[0, "df"]) == pytest.approx(
        (ref.statistic, ref.pvalue, 9), rel=1e-10)
    # g = (1 - 3/(4·9 - 1)) · (26.3 - 25) / 3.591657
    assert table.loc[0, "g"] == pytest.approx((1 - 3 / 35) * 1.3 / 3.59165699921359, rel=1e-9)
    with pytest.raises(ValueError, match="sd and n together"):
        S.one_sample_vs_reference(data, value="score", mean=25.0, sd=5.0)
    with pytest.raises(ValueError, match="sd must be >= 0 and n >= 2"):
        S.one_sample_vs_reference(data, value="score", mean=25.0, sd=5.0, n=1)


def test_reference_values_hold_what_instruments_md_states():
    table = S.reference_values("proqol5", "alpha")
    assert list(table.columns) == references.REFERENCE_VALUE_COLUMNS
    assert dict(zip(table["subscale"], table["value"])) == {
        "compassion_satisfaction": 0.88, "burnout": 0.75, "secondary_traumatic_stress": 0.81}
    assert (table["statistic"] == "alpha").all() and table["source"].str.contains("Stamm").all()
    means = S.reference_values(statistic="mean")  # the published means that give an SD and n
    assert means[["subscale", "value", "sd", "n"]].values.tolist() == [
        ["compassion_satisfaction", 37.7, 6.5, 5612], ["burnout", 22.8, 5.4, 5612],
        ["secondary_traumatic_stress", 16.7, 5.7, 5612]]
    assert means["source"].str.contains("Not confirmed").all()
    with pytest.raises(ValueError, match="'alpha', 'mean'"):
        S.reference_values(statistic="median")
    with pytest.raises(ValueError, match="needs its sd and n"):
        S.ReferenceValue("proqol5", "burnout", "mean", 22.0, "a source")


# ---------------------------------------------------------------- properties and contracts

finite = st.floats(-50, 50, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=100, deadline=None)
@given(st.lists(finite, min_size=2, max_size=15), st.lists(finite, min_size=2, max_size=15))
def test_swapping_groups_flips_the_sign(a, b):
    data = frame(a, b)
    for fn, col in [(S.hedges_g, "g"), (S.welch_t, "t"), (S.rank_biserial, "r_rb"), (S.welch_t, "diff")]:
        ab = fn(data, value="score", group="team", groups=("a", "b"))[col].iloc[0]
        ba = fn(data, value="score", group="team", groups=("b", "a"))[col].iloc[0]
        assert ab == pytest.approx(-ba, abs=1e-9, nan_ok=True) or (np.isnan(ab) and np.isnan(ba))
    g_ab = S.hedges_g(data, value="score", group="team", groups=("a", "b")).iloc[0]
    g_ba = S.hedges_g(data, value="score", group="team", groups=("b", "a")).iloc[0]
    if not np.isnan(g_ab["g"]):
        assert g_ab["ci_low"] == pytest.approx(-g_ba["ci_high"], abs=1e-9)
    u_ab = S.mann_whitney(data, value="score", group="team", groups=("a", "b")).iloc[0]
    u_ba = S.mann_whitney(data, value="score", group="team", groups=("b", "a")).iloc[0]
    assert u_ab["u"] + u_ba["u"] == len(a) * len(b) and u_ab["p"] == pytest.approx(u_ba["p"])


def test_no_function_modifies_the_callers_data():
    data = frame(C, D, E)
    data.loc[3, "score"] = np.nan
    before = data.copy()
    for fn in (S.describe_groups, S.welch_anova, S.kruskal, S.eta_squared, S.epsilon_squared, S.pairwise):
        fn(data, value="score", group="team")
    for fn in (S.welch_t, S.hedges_g, S.mann_whitney, S.rank_biserial):
        fn(data, value="score", group="team", groups=("a", "b"))
    S.one_sample_vs_reference(data, value="score", mean=25, sd=4, n=100, group="team")
    S.pearson("score", "score", data=data)
    pd.testing.assert_frame_equal(data, before)


def test_argument_errors_name_the_allowed_values():
    data = frame(A, B)
    with pytest.raises(ValueError, match="'omit', 'raise'"):
        S.welch_t(data, value="score", group="team", nan_policy="drop")
    with pytest.raises(ValueError, match="between 0 and 1"):
        S.hedges_g(data, value="score", group="team", confidence=95)
    with pytest.raises(ValueError, match="DataFrame"):
        S.welch_t(data.to_dict(), value="score", group="team")
    with pytest.raises(ValueError, match="must hold numbers"):
        S.welch_t(data.assign(score="high"), value="score", group="team")


@pytest.mark.parametrize("module", [compare, multigroup, correlation, references, stat_inputs, S])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, extraglobs={"pd": pd, "np": np}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
