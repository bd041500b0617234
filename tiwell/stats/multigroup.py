"""Comparing two or more groups at once: Welch's ANOVA, Kruskal-Wallis, their effect sizes, and
pairwise comparisons with the p-values adjusted for multiple testing.

Same conventions as :mod:`tiwell.stats.compare`: a DataFrame and column names in, the DataFrame left
unchanged, a tidy DataFrame out; groups in the order of ``groups`` when given, otherwise category
order (categorical column) or sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.stats.compare import hedges_from_stats, mean_sd_n, mwu_arrays, rank_biserial_arrays, welch_from_stats
from tiwell.stats._inputs import CONFIDENCE, check_choice, check_confidence, several_groups

# p-value adjustments: Holm (1979) step-down, Benjamini & Hochberg (1995) false discovery rate,
# Bonferroni, or none. Same results as R's p.adjust(method = "holm" / "BH" / "bonferroni" / "none").
P_ADJUST_METHODS = ("holm", "bh", "bonferroni", "none")
# The test used for each pair in pairwise(): Welch's t (after Welch's ANOVA) or Mann-Whitney U
# (after Kruskal-Wallis).
PAIRWISE_TESTS = ("welch", "mann_whitney")

OMNIBUS_COLUMNS = {"welch_anova": ["k", "n", "f", "df1", "df2", "p"], "kruskal": ["k", "n", "h", "df", "p"]}


def p_adjust(pvalues: Sequence[float] | np.ndarray | pd.Series, method: str = "holm") -> np.ndarray | pd.Series:
    """Adjust p-values for multiple comparisons.

    Parameters
    ----------
    pvalues : array-like or Series
        Raw p-values in [0, 1]. NaN values stay NaN and do not count as comparisons (as in R).
    method : {'holm', 'bh', 'bonferroni', 'none'}
        Holm's step-down method (controls the family-wise error rate; the default),
        Benjamini-Hochberg (controls the false discovery rate), Bonferroni, or no adjustment.

    Returns
    -------
    ndarray or Series
        Adjusted p-values in the input's order (a Series keeps its index), each at least the
        raw value and at most 1. An exception to the tidy-table rule: this is a vector helper.

    Notes
    -----
    With m p-values sorted p_(1) <= ... <= p_(m):
    Holm: p̃_(i) = min(1, max_{j<=i} (m - j + 1)·p_(j)).
    BH: p̃_(i) = min(1, min_{j>=i} m·p_(j)/j).
    Bonferroni: min(1, m·p).

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian
    Journal of Statistics, 6(2), 65-70.
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. Journal of the
    Royal Statistical Society B, 57(1), 289-300.

    Examples
    --------
    >>> [round(float(p), 4) for p in p_adjust([0.01, 0.04, 0.03, 0.005], method="holm")]
    [0.03, 0.06, 0.06, 0.02]
    >>> [round(float(p), 4) for p in p_adjust([0.01, 0.04, 0.03, 0.005], method="bh")]
    [0.02, 0.04, 0.04, 0.02]

    R: ``p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm")`` (and ``method = "BH"``)
    """
    check_choice("method", method, P_ADJUST_METHODS)
    index = pvalues.index if isinstance(pvalues, pd.Series) else None
    try:
        p = np.asarray(pvalues, dtype=float).copy()
    except (TypeError, ValueError):
        raise ValueError("pvalues must be numbers between 0 and 1") from None
    if p.ndim != 1:
        raise ValueError(f"pvalues must be one-dimensional; got shape {p.shape}")
    known = ~np.isnan(p)
    if ((p[known] < 0) | (p[known] > 1)).any():
        raise ValueError("pvalues must lie between 0 and 1")
    q = p[known]
    m = len(q)
    if m and method != "none":
        if method == "bonferroni":
            q = np.minimum(1.0, m * q)
        elif method == "holm":
            order = np.argsort(q, kind="stable")
            steps = np.maximum.accumulate((m - np.arange(m)) * q[order])
            q = np.empty(m)
            q[order] = np.minimum(1.0, steps)
        else:  # bh
            order = np.argsort(q, kind="stable")[::-1]
            steps = np.minimum.accumulate(m / np.arange(m, 0, -1) * q[order])
            q = np.empty(m)
            q[order] = np.minimum(1.0, steps)
    p[known] = q
    return pd.Series(p, index=index, name=getattr(pvalues, "name", None)) if index is not None else p


def welch_anova(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
                nan_policy: str = "omit") -> pd.DataFrame:
    """Welch's one-way ANOVA: are the group means equal, without assuming equal variances?

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column (two or more groups).
    groups : sequence, optional
        The groups to include (default: all).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``k`` (groups), ``n`` (scores), ``f``, ``df1``, ``df2``, ``p``. NaN statistics
        when a group has fewer than 2 scores or an SD of 0 (its weight is undefined).

    Notes
    -----
    With w_i = n_i / s_i², W = Σw_i, m̄ = Σw_i·m_i / W and Λ = Σ(1 - w_i/W)² / (n_i - 1):
    F = [Σw_i(m_i - m̄)² / (k - 1)] / [1 + 2(k - 2)Λ / (k² - 1)],
    df1 = k - 1, df2 = (k² - 1) / (3Λ).

    References
    ----------
    Welch, B. L. (1951). On the comparison of several mean values: an alternative approach.
    Biometrika, 38(3/4), 330-336.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 2, 3, 2, 3, 4, 5, 6, 7, 9], "team": list("aaabbbcccc")})
    >>> row = welch_anova(df, value="score", group="team").iloc[0]
    >>> round(float(row["f"]), 4), round(float(row["df2"]), 4)
    (9.4752, 4.6578)

    R: ``oneway.test(score ~ team, data = df, var.equal = FALSE)``
    """
    parts = several_groups(data, value, group, groups, nan_policy)
    k = len(parts)
    n = np.array([len(x) for _, x in parts], dtype=float)
    row = {"k": k, "n": int(n.sum()), "f": np.nan, "df1": float(k - 1), "df2": np.nan, "p": np.nan}
    if (n < 2).any():
        return pd.DataFrame([row], columns=OMNIBUS_COLUMNS["welch_anova"])
    means = np.array([x.mean() for _, x in parts])
    variances = np.array([x.var(ddof=1) for _, x in parts])
    if not (variances > 0).all():
        return pd.DataFrame([row], columns=OMNIBUS_COLUMNS["welch_anova"])
    w = n / variances
    grand = (w * means).sum() / w.sum()
    lam = ((1 - w / w.sum()) ** 2 / (n - 1)).sum()
    f = ((w * (means - grand) ** 2).sum() / (k - 1)) / (1 + 2 * (k - 2) * lam / (k**2 - 1))
    df2 = (k**2 - 1) / (3 * lam)
    row |= {"f": f, "df2": df2, "p": float(stats.f.sf(f, k - 1, df2))}
    return pd.DataFrame([row], columns=OMNIBUS_COLUMNS["welch_anova"])


def kruskal(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
            nan_policy: str = "omit") -> pd.DataFrame:
    """Kruskal-Wallis H test: do the groups' score distributions differ (rank-based)?

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column (two or more groups).
    groups : sequence, optional
        The groups to include (default: all).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``k``, ``n``, ``h`` (tie-corrected), ``df`` (k - 1), ``p`` (chi-squared
        approximation). NaN when a group is empty or all scores are equal.

    Notes
    -----
    H = [12 / (N(N + 1)) · Σ R_i²/n_i - 3(N + 1)] / [1 - Σ(t³ - t) / (N³ - N)], with R_i the
    rank sum of group i and t the size of each group of tied scores; computed by
    ``scipy.stats.kruskal``.

    References
    ----------
    Kruskal, W. H., & Wallis, W. A. (1952). Use of ranks in one-criterion variance analysis.
    Journal of the American Statistical Association, 47(260), 583-621.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 2, 3, 2, 3, 4, 5, 6, 7, 9], "team": list("aaabbbcccc")})
    >>> round(float(kruskal(df, value="score", group="team")["h"].iloc[0]), 4)
    7.0859

    R: ``kruskal.test(score ~ team, data = df)``
    """
    parts = several_groups(data, value, group, groups, nan_policy)
    samples = [x for _, x in parts]
    k, n = len(parts), sum(len(x) for x in samples)
    row = {"k": k, "n": n, "h": np.nan, "df": float(k - 1), "p": np.nan}
    if all(len(x) for x in samples) and np.ptp(np.concatenate(samples)) > 0:
        res = stats.kruskal(*samples)
        row |= {"h": float(res.statistic), "p": float(res.pvalue)}
    return pd.DataFrame([row], columns=OMNIBUS_COLUMNS["kruskal"])


def eta_squared(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
                nan_policy: str = "omit") -> pd.DataFrame:
    """Eta squared: the share of score variance lying between the groups' means.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column.
    groups : sequence, optional
        The groups to include (default: all).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``k``, ``n``, ``eta_squared`` in [0, 1] (NaN when every score is equal).

    Notes
    -----
    η² = SS_between / SS_total = Σn_i(m_i - m)² / Σ(x - m)². It describes the sample and
    overestimates the population value in small samples; it is the usual effect size reported
    beside Welch's ANOVA.

    References
    ----------
    Cohen, J. (1988). Statistical power analysis for the behavioral sciences (2nd ed.), ch. 8.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 2, 3, 2, 3, 4, 5, 6, 7, 9], "team": list("aaabbbcccc")})
    >>> round(float(eta_squared(df, value="score", group="team")["eta_squared"].iloc[0]), 4)
    0.7786

    R: ``s <- summary(aov(score ~ team, data = df))[[1]]$"Sum Sq"; s[1] / sum(s)``
    """
    parts = several_groups(data, value, group, groups, nan_policy)
    values = np.concatenate([x for _, x in parts])
    mean = values.mean() if len(values) else np.nan
    total = ((values - mean) ** 2).sum()
    between = sum(len(x) * (x.mean() - mean) ** 2 for _, x in parts if len(x))
    eta = between / total if total > 0 else np.nan
    return pd.DataFrame([{"k": len(parts), "n": len(values), "eta_squared": eta}])


def epsilon_squared(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
                    nan_policy: str = "omit") -> pd.DataFrame:
    """Epsilon squared for ranks: the effect size that goes with the Kruskal-Wallis test.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column.
    groups : sequence, optional
        The groups to include (default: all).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``k``, ``n``, ``epsilon_squared`` in [0, 1] (NaN when H is undefined).

    Notes
    -----
    E²_R = H / ((n² - 1)/(n + 1)) = H / (n - 1), with H the tie-corrected Kruskal-Wallis
    statistic. (This is the rank-based epsilon squared of Kelley (1935) as given by Tomczak &
    Tomczak; it is not the ANOVA-based, bias-corrected ε² = (SS_b - (k - 1)MS_w) / SS_t.)

    References
    ----------
    Tomczak, M., & Tomczak, E. (2014). The need to report effect size estimates revisited.
    Trends in Sport Sciences, 21(1), 19-25.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 2, 3, 2, 3, 4, 5, 6, 7, 9], "team": list("aaabbbcccc")})
    >>> round(float(epsilon_squared(df, value="score", group="team")["epsilon_squared"].iloc[0]), 4)
    0.7873

    R: ``h <- kruskal.test(score ~ team, data = df)$statistic; h / ((10^2 - 1)/(10 + 1))``
    (rcompanion::epsilonSquared gives the same)
    """
    res = kruskal(data, value=value, group=group, groups=groups, nan_policy=nan_policy).iloc[0]
    n = int(res["n"])
    eps = float(res["h"]) / ((n**2 - 1) / (n + 1)) if n > 1 else np.nan
    return pd.DataFrame([{"k": int(res["k"]), "n": n, "epsilon_squared": eps}])


def pairwise(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
             test: str = "welch", padjust: str = "holm", confidence: float = CONFIDENCE,
             nan_policy: str = "omit") -> pd.DataFrame:
    """Every pair of groups compared, with p-values adjusted for the number of pairs.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column (two or more groups).
    groups : sequence, optional
        The groups to include, in this order (pairs are (1st, 2nd), (1st, 3rd), ..., (2nd, 3rd)...).
    test : {'welch', 'mann_whitney'}
        Welch's t-test with Hedges' g (default), or the Mann-Whitney U test with the
        rank-biserial correlation.
    padjust : {'holm', 'bh', 'bonferroni', 'none'}
        Adjustment across the pairs (see :func:`p_adjust`); Holm by default.
    confidence : float
        Level of the intervals (default 0.95); the intervals are not adjusted.
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row per pair: ``group_a``, ``group_b``, ``n_a``, ``n_b``, then for 'welch' ``mean_a``,
        ``mean_b``, ``diff``, ``ci_low``, ``ci_high``, ``t``, ``df``, ``p``, ``g``, ``g_ci_low``,
        ``g_ci_high``; for 'mann_whitney' ``u``, ``p``, ``method``, ``r_rb``; then ``p_adj`` and
        ``padjust`` (the method). Each test is as in :func:`tiwell.stats.compare.welch_t` /
        :func:`tiwell.stats.compare.mann_whitney`.

    References
    ----------
    Holm (1979); Benjamini & Hochberg (1995): see :func:`p_adjust`.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 2, 3, 2, 3, 4, 5, 6, 7, 9], "team": list("aaabbbcccc")})
    >>> res = pairwise(df, value="score", group="team")
    >>> res[["group_a", "group_b"]].values.tolist()
    [['a', 'b'], ['a', 'c'], ['b', 'c']]

    R: ``pairwise.t.test(df$score, df$team, pool.sd = FALSE, p.adjust.method = "holm")``
    (``"BH"`` for Benjamini-Hochberg; ``pairwise.wilcox.test`` for Mann-Whitney)
    """
    check_choice("test", test, PAIRWISE_TESTS)
    check_choice("padjust", padjust, P_ADJUST_METHODS)
    level = check_confidence(confidence)
    parts = several_groups(data, value, group, groups, nan_policy)
    rows = []
    for (ga, x), (gb, y) in combinations(parts, 2):
        row = {"group_a": ga, "group_b": gb, "n_a": len(x), "n_b": len(y)}
        if test == "welch":
            a, b = mean_sd_n(x), mean_sd_n(y)
            g = hedges_from_stats(*a, *b, level)
            row |= {"mean_a": a[0], "mean_b": b[0]} | welch_from_stats(*a, *b, level)
            row |= {"g": g["g"], "g_ci_low": g["ci_low"], "g_ci_high": g["ci_high"]}
        else:
            row |= mwu_arrays(x, y) | {"r_rb": rank_biserial_arrays(x, y)}
        rows.append(row)
    table = pd.DataFrame(rows)
    table["p_adj"] = p_adjust(table["p"].to_numpy(float), padjust)
    table["padjust"] = padjust
    return table
