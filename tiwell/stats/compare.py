"""Describing groups and comparing two of them: Welch's t, Mann-Whitney U, Hedges' g and the
rank-biserial correlation. (Comparison with a published sample: :mod:`tiwell.stats.references`.)

Every function takes a DataFrame and column names, leaves the DataFrame unchanged and returns a
tidy DataFrame, one row per result. The difference is always the first group minus the second:
the first and second of ``groups=(a, b)`` when given, otherwise of the two groups in the column
(category order for a categorical column, else sorted). All tests are two-sided.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.stats._inputs import CONFIDENCE, check_choice, check_confidence, grouped_values, two_groups

# How the Mann-Whitney p-value is found. "auto" follows R's wilcox.test: exact when both groups
# have fewer than 50 values and there are no ties, otherwise the normal approximation with tie
# and continuity corrections. "exact" falls back to the approximation when there are ties (as R).
MWU_METHODS = ("auto", "exact", "asymptotic")
MWU_EXACT_BELOW = 50

DESCRIBE_COLUMNS = ["group", "n", "mean", "sd", "se", "median", "q1", "q3", "iqr", "ci_low", "ci_high"]
WELCH_COLUMNS = ["group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "t", "df", "p"]
HEDGES_COLUMNS = ["group_a", "group_b", "n_a", "n_b", "g", "se", "ci_low", "ci_high"]
MWU_COLUMNS = ["group_a", "group_b", "n_a", "n_b", "u", "p", "method"]
RANK_BISERIAL_COLUMNS = ["group_a", "group_b", "n_a", "n_b", "r_rb"]


def describe_groups(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
                    confidence: float = CONFIDENCE, nan_policy: str = "omit") -> pd.DataFrame:
    """Per group: n, mean, SD, median, quartiles and the t-based confidence interval of the mean.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value : str
        Column holding the score.
    group : str
        Column holding the cohort label. Rows without a label are left out.
    groups : sequence, optional
        Groups to describe, in this order (default: all, categorical order or sorted).
    confidence : float
        Level of the interval of the mean (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError when there are any.

    Returns
    -------
    DataFrame
        One row per group: ``group``, ``n``, ``mean``, ``sd`` (n - 1 denominator), ``se``,
        ``median``, ``q1``, ``q3`` (quartiles by linear interpolation, R's default type 7),
        ``iqr`` (q3 - q1), ``ci_low``, ``ci_high``. SD and interval are NaN when n < 2.

    Notes
    -----
    CI = mean ± t(1 - (1 - confidence)/2, n - 1) · SD / √n.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 2, 3, 4, 10], "team": ["a"] * 5})
    >>> row = describe_groups(df, value="score", group="team").iloc[0]
    >>> float(row["mean"]), float(row["median"]), float(row["q1"]), float(row["q3"])
    (4.0, 3.0, 2.0, 4.0)

    R: ``x <- c(1, 2, 3, 4, 10); mean(x); sd(x); quantile(x, c(.25, .5, .75)); t.test(x)$conf.int``
    """
    level = check_confidence(confidence)
    rows = []
    for label, x in grouped_values(data, value, group, groups, nan_policy):
        n = len(x)
        mean = x.mean() if n else np.nan
        sd = x.std(ddof=1) if n > 1 else np.nan
        se = sd / np.sqrt(n) if n > 1 else np.nan
        half = stats.t.ppf(0.5 + level / 2, n - 1) * se if n > 1 else np.nan
        q1, median, q3 = np.quantile(x, [0.25, 0.5, 0.75]) if n else (np.nan,) * 3
        rows.append({"group": label, "n": n, "mean": mean, "sd": sd, "se": se, "median": median, "q1": q1,
                     "q3": q3, "iqr": q3 - q1, "ci_low": mean - half, "ci_high": mean + half})
    return pd.DataFrame(rows, columns=DESCRIBE_COLUMNS)


def welch_from_stats(mean_a: float, sd_a: float, n_a: float, mean_b: float, sd_b: float, n_b: float,
                     confidence: float = CONFIDENCE) -> dict[str, float]:
    """Welch's t-test from summary statistics: ``diff``, ``ci_low``, ``ci_high``, ``t``, ``df``, ``p``.

    t = (m_a - m_b) / √(s_a²/n_a + s_b²/n_b), with the Welch-Satterthwaite
    df = (v_a + v_b)² / (v_a²/(n_a - 1) + v_b²/(n_b - 1)), v = s²/n (Welch, 1947).
    All NaN when a group has fewer than 2 values or both SDs are 0.
    """
    level = check_confidence(confidence)
    diff = mean_a - mean_b
    out = {"diff": diff, "ci_low": np.nan, "ci_high": np.nan, "t": np.nan, "df": np.nan, "p": np.nan}
    if n_a < 2 or n_b < 2:
        return out
    va, vb = sd_a**2 / n_a, sd_b**2 / n_b
    if not va + vb > 0:
        return out
    se = np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1))
    t = diff / se
    half = stats.t.ppf(0.5 + level / 2, df) * se
    return {"diff": diff, "ci_low": diff - half, "ci_high": diff + half, "t": t, "df": df,
            "p": float(2 * stats.t.sf(abs(t), df))}


def hedges_from_stats(mean_a: float, sd_a: float, n_a: float, mean_b: float, sd_b: float, n_b: float,
                      confidence: float = CONFIDENCE) -> dict[str, float]:
    """Hedges' g from summary statistics: ``g``, ``se``, ``ci_low``, ``ci_high`` (see :func:`hedges_g`)."""
    level = check_confidence(confidence)
    out = {"g": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    if n_a < 2 or n_b < 2:
        return out
    pooled = np.sqrt(((n_a - 1) * sd_a**2 + (n_b - 1) * sd_b**2) / (n_a + n_b - 2))
    if not pooled > 0:
        return out
    g = (1 - 3 / (4 * (n_a + n_b) - 9)) * (mean_a - mean_b) / pooled
    se = np.sqrt((n_a + n_b) / (n_a * n_b) + g**2 / (2 * (n_a + n_b)))
    half = stats.norm.ppf(0.5 + level / 2) * se
    return {"g": g, "se": se, "ci_low": g - half, "ci_high": g + half}


def mean_sd_n(x: np.ndarray) -> tuple[float, float, int]:
    """Mean, sample SD and count of one group's values, the three numbers the ``*_from_stats``
    functions take (NaN where too few values to compute them)."""
    n = len(x)
    return (x.mean() if n else np.nan), (x.std(ddof=1) if n > 1 else np.nan), n


def welch_t(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
            confidence: float = CONFIDENCE, nan_policy: str = "omit") -> pd.DataFrame:
    """Welch's two-sample t-test (variances not assumed equal) with the CI of the difference.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column.
    groups : (first, second), optional
        The two groups to compare; needed when ``group`` holds more than two.
    confidence : float
        Level of the interval of the difference (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``group_a``, ``group_b``, ``n_a``, ``n_b``, ``mean_a``, ``mean_b``, ``diff``
        (mean_a - mean_b), ``ci_low``, ``ci_high``, ``t``, ``df`` (Welch-Satterthwaite), ``p``
        (two-sided). Statistics are NaN when a group has fewer than 2 scores.

    Notes
    -----
    t = (m_a - m_b) / √(s_a²/n_a + s_b²/n_b);
    df = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a - 1) + (s_b²/n_b)²/(n_b - 1)).

    References
    ----------
    Welch, B. L. (1947). The generalization of "Student's" problem when several different
    population variances are involved. Biometrika, 34(1-2), 28-35.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [3.0, 4, 5, 6, 1, 2, 3], "team": list("aaaabbb")})
    >>> row = welch_t(df, value="score", group="team").iloc[0]
    >>> round(float(row["t"]), 4), round(float(row["df"]), 4)
    (2.8868, 4.9592)

    R: ``t.test(c(3, 4, 5, 6), c(1, 2, 3), var.equal = FALSE)``
    """
    (ga, x), (gb, y) = two_groups(data, value, group, groups, nan_policy)
    (ma, sa, na), (mb, sb, nb) = mean_sd_n(x), mean_sd_n(y)
    row = {"group_a": ga, "group_b": gb, "n_a": na, "n_b": nb, "mean_a": ma, "mean_b": mb}
    return pd.DataFrame([row | welch_from_stats(ma, sa, na, mb, sb, nb, confidence)], columns=WELCH_COLUMNS)


def hedges_g(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
             confidence: float = CONFIDENCE, nan_policy: str = "omit") -> pd.DataFrame:
    """Hedges' g (bias-corrected standardised mean difference) with its confidence interval.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column.
    groups : (first, second), optional
        The two groups to compare; needed when ``group`` holds more than two.
    confidence : float
        Level of the interval (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``group_a``, ``group_b``, ``n_a``, ``n_b``, ``g`` (positive when the first group
        scores higher), ``se``, ``ci_low``, ``ci_high``. NaN when a group has fewer than 2 scores
        or both SDs are 0.

    Notes
    -----
    s_p = √(((n_a - 1)s_a² + (n_b - 1)s_b²) / (n_a + n_b - 2)); d = (m_a - m_b) / s_p;
    g = J·d with J = 1 - 3 / (4(n_a + n_b) - 9) (Hedges & Olkin's approximation to the exact
    gamma-function correction). Variance by Hedges & Olkin's large-sample approximation
    SE² = (n_a + n_b)/(n_a n_b) + g² / (2(n_a + n_b)); CI = g ± z·SE (normal, as Hedges &
    Olkin). pingouin's ``compute_esci`` uses the same SE with a t critical value on n_a + n_b - 2
    df (slightly wider); R's effectsize::hedges_g uses a noncentral-t interval. All three agree
    as the groups grow.

    References
    ----------
    Hedges, L. V., & Olkin, I. (1985). Statistical methods for meta-analysis. Academic Press
    (ch. 5, eq. 8 and p. 86).

    Examples
    --------
    >>> df = pd.DataFrame({"score": [3.0, 4, 5, 6, 1, 2, 3], "team": list("aaaabbb")})
    >>> round(float(hedges_g(df, value="score", group="team")["g"].iloc[0]), 4)
    1.7793

    R (the formula, no package): ``a <- c(3, 4, 5, 6); b <- c(1, 2, 3); na <- 4; nb <- 3;
    sp <- sqrt(((na-1)*var(a) + (nb-1)*var(b))/(na+nb-2));
    g <- (1 - 3/(4*(na+nb) - 9)) * (mean(a) - mean(b))/sp;
    g + c(-1, 1) * qnorm(.975) * sqrt((na+nb)/(na*nb) + g^2/(2*(na+nb)))``
    """
    (ga, x), (gb, y) = two_groups(data, value, group, groups, nan_policy)
    row = {"group_a": ga, "group_b": gb, "n_a": len(x), "n_b": len(y)}
    return pd.DataFrame([row | hedges_from_stats(*mean_sd_n(x), *mean_sd_n(y), confidence)], columns=HEDGES_COLUMNS)


def mwu_arrays(x: np.ndarray, y: np.ndarray, method: str = "auto") -> dict[str, object]:
    """Mann-Whitney U of ``x`` against ``y``: ``u`` (U of x), ``p`` and the ``method`` used."""
    check_choice("method", method, MWU_METHODS)
    if len(x) == 0 or len(y) == 0:
        return {"u": np.nan, "p": np.nan, "method": method}
    ties = len(np.unique(np.concatenate([x, y]))) < len(x) + len(y)
    exact = not ties and (method == "exact" or (method == "auto" and max(len(x), len(y)) < MWU_EXACT_BELOW))
    used = "exact" if exact else "asymptotic"
    if not exact and np.ptp(np.concatenate([x, y])) == 0:  # every value the same: no variance under H0
        u = len(x) * len(y) / 2
        return {"u": u, "p": 1.0, "method": used}
    res = stats.mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method=used)
    return {"u": float(res.statistic), "p": float(res.pvalue), "method": used}


def mann_whitney(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
                 method: str = "auto", nan_policy: str = "omit") -> pd.DataFrame:
    """Mann-Whitney U test (Wilcoxon rank-sum), two-sided.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column.
    groups : (first, second), optional
        The two groups to compare; needed when ``group`` holds more than two.
    method : {'auto', 'exact', 'asymptotic'}
        How the p-value is found. 'auto' follows R's ``wilcox.test``: exact when both groups
        have fewer than 50 values and there are no ties, otherwise the normal approximation
        with tie correction and continuity correction. 'exact' with ties falls back to the
        approximation, as R does.
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``group_a``, ``group_b``, ``n_a``, ``n_b``, ``u`` (U of the first group: the number
        of pairs in which it scores higher, ties counting one half; R's ``W``), ``p``, ``method``
        (the one used).

    Notes
    -----
    U_a = R_a - n_a(n_a + 1)/2 with R_a the rank sum of the first group (average ranks for
    ties). Computed by ``scipy.stats.mannwhitneyu``.

    References
    ----------
    Mann, H. B., & Whitney, D. R. (1947). On a test of whether one of two random variables is
    stochastically larger than the other. Annals of Mathematical Statistics, 18(1), 50-60.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [3.0, 4, 5, 6, 1, 2, 3.5], "team": list("aaaabbb")})
    >>> row = mann_whitney(df, value="score", group="team").iloc[0]
    >>> float(row["u"]), round(float(row["p"]), 4), row["method"]
    (11.0, 0.1143, 'exact')

    R: ``wilcox.test(c(3, 4, 5, 6), c(1, 2, 3.5))``  (W = 11, p-value = 0.1143)
    """
    (ga, x), (gb, y) = two_groups(data, value, group, groups, nan_policy)
    row = {"group_a": ga, "group_b": gb, "n_a": len(x), "n_b": len(y)} | mwu_arrays(x, y, method)
    return pd.DataFrame([row], columns=MWU_COLUMNS)


def rank_biserial_arrays(x: np.ndarray, y: np.ndarray) -> float:
    """Rank-biserial correlation of ``x`` against ``y`` (see :func:`rank_biserial`)."""
    if len(x) == 0 or len(y) == 0:
        return np.nan
    ranks = stats.rankdata(np.concatenate([x, y]))
    u = ranks[: len(x)].sum() - len(x) * (len(x) + 1) / 2
    return float(2 * u / (len(x) * len(y)) - 1)


def rank_biserial(data: pd.DataFrame, *, value: str, group: str, groups: Sequence[object] | None = None,
                  nan_policy: str = "omit") -> pd.DataFrame:
    """Rank-biserial correlation: the effect size that goes with the Mann-Whitney U test.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value, group : str
        Score column and cohort column.
    groups : (first, second), optional
        The two groups to compare; needed when ``group`` holds more than two.
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``group_a``, ``group_b``, ``n_a``, ``n_b``, ``r_rb`` in [-1, 1]: the share of
        pairs in which the first group scores higher minus the share in which it scores lower
        (ties count half to each).

    Notes
    -----
    r_rb = 2·U_a / (n_a·n_b) - 1 (Glass, 1965; the "simple difference formula" of Kerby, 2014),
    with U_a the Mann-Whitney U of the first group.

    References
    ----------
    Kerby, D. S. (2014). The simple difference formula: an approach to teaching nonparametric
    correlation. Comprehensive Psychology, 3, 11.IT.3.1.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [3.0, 4, 5, 6, 1, 2, 3.5], "team": list("aaaabbb")})
    >>> round(float(rank_biserial(df, value="score", group="team")["r_rb"].iloc[0]), 4)
    0.8333

    R: ``w <- wilcox.test(c(3, 4, 5, 6), c(1, 2, 3.5))$statistic; 2 * w / (4 * 3) - 1``
    """
    (ga, x), (gb, y) = two_groups(data, value, group, groups, nan_policy)
    row = {"group_a": ga, "group_b": gb, "n_a": len(x), "n_b": len(y), "r_rb": rank_biserial_arrays(x, y)}
    return pd.DataFrame([row], columns=RANK_BISERIAL_COLUMNS)
