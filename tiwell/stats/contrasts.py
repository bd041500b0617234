"""Before and after an action: the change in the teams it touched, less the change in the teams
it did not touch (difference in differences), or the plain change when every team was touched.

Both are contrasts of independent group means, so one Welch-Satterthwaite computation serves
both: the estimate Σ wᵢ·mᵢ, its variance Σ wᵢ²·sᵢ²/nᵢ and the df of that variance.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.stats.compare import mean_sd_n
from tiwell.stats._inputs import CONFIDENCE, check_confidence, check_frame, numeric

CELLS = ("touched_before", "touched_after", "untouched_before", "untouched_after")
DID_COLUMNS = [*(f"{part}_{c}" for c in CELLS for part in ("n", "mean")), "change_touched", "change_untouched",
               "estimate", "se", "df", "ci_low", "ci_high"]
BEFORE_AFTER_COLUMNS = ["n_before", "mean_before", "n_after", "mean_after", "estimate", "se", "df", "ci_low",
                        "ci_high"]


def contrast_from_stats(weights: Sequence[float], means: Sequence[float], sds: Sequence[float], ns: Sequence[float],
                        confidence: float = CONFIDENCE) -> dict[str, float]:
    """A weighted sum of independent group means with its Welch-Satterthwaite interval.

    estimate = Σ wᵢmᵢ; se² = Σ wᵢ²sᵢ²/nᵢ; df = se⁴ / Σ (wᵢ²sᵢ²/nᵢ)²/(nᵢ - 1)
    (Satterthwaite, 1946). ``se``, ``df`` and the interval are NaN when a group has fewer than
    2 values; with no spread at all the interval is the estimate itself.
    """
    level = check_confidence(confidence)
    w, m, s, n = (np.asarray(v, dtype=float) for v in (weights, means, sds, ns))
    estimate = float(w @ m)
    out = {"estimate": estimate, "se": np.nan, "df": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    if (n < 2).any():
        return out
    parts = w**2 * s**2 / n
    se = float(np.sqrt(parts.sum()))
    if se == 0:
        return out | {"se": 0.0, "ci_low": estimate, "ci_high": estimate}
    df = float(parts.sum() ** 2 / (parts**2 / (n - 1)).sum())
    half = stats.t.ppf(0.5 + level / 2, df) * se
    return out | {"se": se, "df": df, "ci_low": estimate - half, "ci_high": estimate + half}


def did(data: pd.DataFrame, *, value: str, touched: str, after: str, confidence: float = CONFIDENCE,
        nan_policy: str = "omit") -> pd.DataFrame:
    """Difference in differences of group means, with a Welch-Satterthwaite confidence interval.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value : str
        Score column.
    touched, after : str
        Boolean columns: the respondent's team was touched by the action; the response came
        after it.
    confidence : float
        Level of the interval (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``n_<cell>`` and ``mean_<cell>`` for the four cells (touched/untouched x
        before/after), ``change_touched``, ``change_untouched``, ``estimate`` (their difference),
        ``se``, ``df`` (Satterthwaite), ``ci_low``, ``ci_high``.

    Notes
    -----
    estimate = (m_ta - m_tb) - (m_ua - m_ub);
    se² = s_ta²/n_ta + s_tb²/n_tb + s_ua²/n_ua + s_ub²/n_ub;
    df = se⁴ / Σ (s_i²/n_i)² / (n_i - 1); interval estimate ± t(df)·se.
    The four cells are treated as independent samples. When the same people answer both waves
    their answers are positively correlated, which makes this interval wider, not narrower,
    than one that used the pairing. The estimate equals the interaction coefficient of the
    saturated regression, and se² equals its HC2 robust variance.

    References
    ----------
    Angrist, J. D., & Pischke, J.-S. (2009). Mostly Harmless Econometrics, ch. 5.2. Princeton
    University Press. Satterthwaite, F. E. (1946). An approximate distribution of estimates of
    variance components. Biometrics Bulletin, 2(6), 110-114.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 3, 4, 6, 2, 4, 2, 4],
    ...                    "touched": [True] * 4 + [False] * 4,
    ...                    "after": [False, False, True, True] * 2})
    >>> row = did(df, value="score", touched="touched", after="after").iloc[0]
    >>> float(row["estimate"]), float(row["se"]), float(row["df"])
    (3.0, 2.0, 4.0)

    R: ``fit <- lm(score ~ touched * after, data = df);
    lmtest::coeftest(fit, vcov = sandwich::vcovHC(fit, type = "HC2"))`` (the
    ``touchedTRUE:afterTRUE`` row; R uses the residual df, not Satterthwaite's, for its t).
    """
    cells = _cells(data, value, {"touched": touched, "after": after}, nan_policy)
    values = [cells[(t, a)] for t, a in ((True, False), (True, True), (False, False), (False, True))]
    m, s, n = zip(*map(mean_sd_n, values))
    row = {}
    for name, mean, count in zip(CELLS, m, n):
        row |= {f"n_{name}": count, f"mean_{name}": mean}
    row |= {"change_touched": m[1] - m[0], "change_untouched": m[3] - m[2]}
    return pd.DataFrame([row | contrast_from_stats((-1, 1, 1, -1), m, s, n, confidence)], columns=DID_COLUMNS)


def before_after(data: pd.DataFrame, *, value: str, after: str, confidence: float = CONFIDENCE,
                 nan_policy: str = "omit") -> pd.DataFrame:
    """The mean after less the mean before, with Welch's confidence interval: the before and
    after comparison when there is no untouched group to compare with.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value : str
        Score column.
    after : str
        Boolean column: the response came after the action.
    confidence : float
        Level of the interval (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``n_before``, ``mean_before``, ``n_after``, ``mean_after``, ``estimate``
        (after - before), ``se``, ``df`` (Welch-Satterthwaite), ``ci_low``, ``ci_high``.

    Notes
    -----
    estimate = m_after - m_before; se² = s_a²/n_a + s_b²/n_b; df as in Welch's t-test.

    References
    ----------
    Welch, B. L. (1947). The generalization of "Student's" problem when several different
    population variances are involved. Biometrika, 34(1-2), 28-35.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [1.0, 3, 4, 6], "after": [False, False, True, True]})
    >>> row = before_after(df, value="score", after="after").iloc[0]
    >>> float(row["estimate"]), round(float(row["se"]), 4), float(row["df"])
    (3.0, 1.4142, 2.0)

    R: ``t.test(score[after], score[!after], var.equal = FALSE)``
    """
    cells = _cells(data, value, {"after": after}, nan_policy)
    (mb, sb, nb), (ma, sa, na) = mean_sd_n(cells[(False,)]), mean_sd_n(cells[(True,)])
    row = {"n_before": nb, "mean_before": mb, "n_after": na, "mean_after": ma}
    return pd.DataFrame([row | contrast_from_stats((-1, 1), (mb, ma), (sb, sa), (nb, na), confidence)],
                        columns=BEFORE_AFTER_COLUMNS)


def _cells(data: pd.DataFrame, value: str, flags: dict[str, str], nan_policy: str) -> dict[tuple, np.ndarray]:
    """The scores in every combination of the boolean ``flags`` columns (all of them, even empty)."""
    check_frame(data, [value, *flags.values()])
    masks = {}
    for role, column in flags.items():
        labels = data[column]
        if not labels.isin([True, False]).all():
            raise ValueError(f"{role} column {column!r} must hold only True and False (or 1 and 0); "
                             f"got {sorted(map(str, labels[~labels.isin([True, False])].unique()))[:3]}")
        masks[role] = labels.astype(bool).to_numpy()
    combos = [()]
    for _ in flags:
        combos = [c + (b,) for c in combos for b in (False, True)]
    out = {}
    for combo in combos:
        mask = np.logical_and.reduce([masks[role] == b for role, b in zip(flags, combo)])
        out[combo] = numeric(data.loc[mask, value], f"{value!r} in cell {dict(zip(flags, combo))}", nan_policy)
    return out
