"""Standardised multiple regression: each predictor's association with an outcome, the others held fixed.

Used for the joint model of the "what to act on" analysis, where several of an organisation's own
questions move together and their one-at-a-time correlations overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.stats._inputs import CONFIDENCE, NAN_POLICIES, check_choice, check_confidence, check_frame

OLS_COLUMNS = ["predictor", "n", "beta", "se", "ci_low", "ci_high", "t", "p", "r2"]


def standardised_ols(data: pd.DataFrame, *, y: str, x: Sequence[str], confidence: float = CONFIDENCE,
                     nan_policy: str = "omit") -> pd.DataFrame:
    """Standardised regression coefficients (beta weights) with t-based confidence intervals.

    Parameters
    ----------
    data : DataFrame
        Holds ``y`` and every column of ``x``. Not modified.
    y : str
        The outcome column.
    x : sequence of str
        The predictor columns (at least one).
    confidence : float
        Level of the intervals (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop rows with a missing value (complete cases), or raise ValueError.

    Returns
    -------
    DataFrame
        One row per predictor: ``predictor``, ``n`` (complete cases), ``beta``, ``se``, ``ci_low``,
        ``ci_high``, ``t``, ``p`` (two-sided) and the model's ``r2``. All NaN when n ≤ k + 1 or a
        column is constant.

    Notes
    -----
    Every column is z-scored (SD with n - 1), then ordinary least squares with an intercept:
    β = (X'X)⁻¹X'y, s² = RSS/(n - k - 1), SE = √diag(s²(X'X)⁻¹), CI = β ± t(n - k - 1)·SE.

    References
    ----------
    Cohen, J., Cohen, P., West, S. G., & Aiken, L. S. (2003). Applied multiple regression/correlation
    analysis for the behavioral sciences (3rd ed.), chapter 3. Erlbaum.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2, 4, 3, 5, 6], "a": [1.0, 2, 3, 4, 5, 6], "b": [2.0, 1, 2, 1, 2, 1]})
    >>> round(float(standardised_ols(df, y="y", x=["a", "b"]).loc[0, "beta"]), 4)
    1.0

    R: ``confint(lm(scale(y) ~ scale(a) + scale(b), data = df))``
    """
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    level = check_confidence(confidence)
    x = list(x)
    if not x:
        raise ValueError("x must name at least one predictor column")
    frame = check_frame(data, [y, *x])[[y, *x]].apply(pd.to_numeric, errors="coerce").astype(float)
    complete = frame.dropna()
    if len(complete) < len(frame) and nan_policy == "raise":
        raise ValueError(f"{len(frame) - len(complete)} row(s) have a missing value and nan_policy='raise'")
    n, k = len(complete), len(x)
    out = pd.DataFrame({"predictor": x, "n": n}).reindex(columns=OLS_COLUMNS)
    spread = complete.std(ddof=1)
    if n <= k + 1 or not (spread > 0).all():
        return out
    z = (complete - complete.mean()) / spread
    design = np.column_stack([np.ones(n), z[x].to_numpy()])
    inverse = np.linalg.pinv(design.T @ design)
    coef = inverse @ design.T @ z[y].to_numpy()
    residual = z[y].to_numpy() - design @ coef
    df = n - k - 1
    se = np.sqrt(np.diag(inverse) * (residual @ residual) / df)[1:]
    half = stats.t.ppf(0.5 + level / 2, df) * se
    t = coef[1:] / se
    return out.assign(beta=coef[1:], se=se, ci_low=coef[1:] - half, ci_high=coef[1:] + half, t=t,
                      p=2 * stats.t.sf(np.abs(t), df), r2=1 - (residual @ residual) / (n - 1))
