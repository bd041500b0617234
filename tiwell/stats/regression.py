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

OLS_COLUMNS = ["predictor", "n", "beta", "se", "ci_low", "ci_high", "t", "p", "r2", "note"]
ALIAS_TOLERANCE = 1e-7  # R's lm(): qr(tol = 1e-07)
ALIASED = "left out: it is an exact combination of the predictors before it (R reports NA)"


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
        ``ci_high``, ``t``, ``p`` (two-sided), the model's ``r2`` and a ``note``. All NaN when
        n ≤ rank + 1 or a column is constant. A predictor that is an exact linear combination of
        the ones before it (aliased) has NaN statistics and says so in ``note``; the others are
        estimated without it, as R's ``lm`` does.

    Notes
    -----
    Every column is z-scored (SD with n - 1), then ordinary least squares with an intercept:
    β = (X'X)⁻¹X'y, s² = RSS/(n - r - 1), SE = √diag(s²(X'X)⁻¹), CI = β ± t(n - r - 1)·SE, where
    r is the rank of the predictors. Aliasing is decided as R's ``qr()`` (LINPACK ``dqrdc2``)
    decides it: in column order, a column whose part not explained by the kept columns before it
    has a norm below 1e-7 of its own norm is dropped, so the later of two collinear predictors
    goes, never a share of the effect split between them.

    The match with R holds on complete cases: R's ``lm`` drops incomplete rows itself
    (``na.action = na.omit``), so the same rows are used.

    References
    ----------
    Cohen, J., Cohen, P., West, S. G., & Aiken, L. S. (2003). Applied multiple regression/correlation
    analysis for the behavioral sciences (3rd ed.), chapter 3. Erlbaum.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2, 4, 3, 5, 6], "a": [1.0, 2, 3, 4, 5, 6], "b": [2.0, 1, 2, 1, 2, 1]})
    >>> round(float(standardised_ols(df, y="y", x=["a", "b"]).loc[0, "beta"]), 4)
    1.0

    R: ``confint(lm(scale(y) ~ scale(a) + scale(b), data = na.omit(df)))``
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
    n = len(complete)
    out = pd.DataFrame({"predictor": x, "n": n, "note": ""}).reindex(columns=OLS_COLUMNS)
    spread = complete.std(ddof=1)
    if not (spread > 0).all():
        return out
    z = (complete - complete.mean()) / spread
    kept = _unaliased(z[x].to_numpy())
    out.loc[~kept, "note"] = ALIASED
    rank = int(kept.sum())
    if n <= rank + 1:
        return out
    design = np.column_stack([np.ones(n), z[x].to_numpy()[:, kept]])
    inverse = np.linalg.inv(design.T @ design)
    coef = inverse @ design.T @ z[y].to_numpy()
    residual = z[y].to_numpy() - design @ coef
    df = n - rank - 1
    se = np.sqrt(np.diag(inverse) * (residual @ residual) / df)[1:]
    half = stats.t.ppf(0.5 + level / 2, df) * se
    t = coef[1:] / se
    fitted = {"beta": coef[1:], "se": se, "ci_low": coef[1:] - half, "ci_high": coef[1:] + half, "t": t,
              "p": 2 * stats.t.sf(np.abs(t), df)}
    for column, values in fitted.items():
        out.loc[kept, column] = values
    return out.assign(r2=1 - (residual @ residual) / (n - 1))


def _unaliased(z: np.ndarray) -> np.ndarray:
    """Which predictor columns R's ``lm`` would estimate: each, in order, unless what is left of it
    after taking out the intercept (the columns are centred) and the kept columns before it is
    below ``ALIAS_TOLERANCE`` of its norm. Gram-Schmidt twice over, for accuracy."""
    basis: list[np.ndarray] = []
    kept = np.zeros(z.shape[1], dtype=bool)
    for j, column in enumerate(z.T):
        rest = column.copy()
        for _ in range(2):
            for q in basis:
                rest -= (q @ rest) * q
        norm = np.linalg.norm(rest)
        if norm > ALIAS_TOLERANCE * np.linalg.norm(column):
            basis.append(rest / norm)
            kept[j] = True
    return kept
