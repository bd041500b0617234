"""Correlations with confidence intervals: Pearson's r and Spearman's rho, each with n.

Used for the team-level association of a subscale with turnover (issue 5) and anywhere two
scores are related. ``x`` and ``y`` are two array-likes of equal length, or two column names
when ``data`` is given; pairs with a missing value are dropped (``nan_policy='omit'``) or refused.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.stats._inputs import CONFIDENCE, NAN_POLICIES, check_choice, check_confidence, check_frame

# Variance of Fisher's z for Spearman's rho. "fieller": 1.06/(n - 3) (Fieller, Hartley & Pearson,
# 1957); "bonett_wright": (1 + rho²/2)/(n - 3) (Bonett & Wright, 2000); "fisher": 1/(n - 3), the
# Pearson variance that many programs also use for Spearman (e.g. pingouin).
SPEARMAN_CI_METHODS = ("fieller", "bonett_wright", "fisher")
CORRELATION_COLUMNS = ["n", "r", "ci_low", "ci_high", "p"]


def _pairs(x: object, y: object, data: pd.DataFrame | None, nan_policy: str) -> tuple[np.ndarray, np.ndarray]:
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    if data is not None:
        check_frame(data, [x, y])
        x, y = data[x], data[y]
    try:
        a = pd.to_numeric(pd.Series(np.asarray(x).ravel()), errors="raise").to_numpy(float, na_value=np.nan)
        b = pd.to_numeric(pd.Series(np.asarray(y).ravel()), errors="raise").to_numpy(float, na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"x and y must hold numbers: {exc}") from None
    if len(a) != len(b):
        raise ValueError(f"x and y must have the same length; got {len(a)} and {len(b)}")
    missing = np.isnan(a) | np.isnan(b)
    if missing.any():
        if nan_policy == "raise":
            raise ValueError(f"{int(missing.sum())} pair(s) have a missing value and nan_policy='raise'")
        a, b = a[~missing], b[~missing]
    return a, b


def _result(r: float, n: int, se_z: float, level: float) -> pd.DataFrame:
    row = {"n": n, "r": r, "ci_low": np.nan, "ci_high": np.nan, "p": np.nan}
    if n >= 3 and np.isfinite(r):
        if abs(r) >= 1:
            p = 0.0
        else:
            p = float(2 * stats.t.sf(abs(r) * np.sqrt((n - 2) / (1 - r**2)), n - 2))
        row["p"] = p
    if n >= 4 and np.isfinite(r):
        with np.errstate(divide="ignore"):
            z = np.arctanh(np.clip(r, -1, 1))
        half = stats.norm.ppf(0.5 + level / 2) * se_z
        row |= {"ci_low": float(np.tanh(z - half)), "ci_high": float(np.tanh(z + half))}
    return pd.DataFrame([row], columns=CORRELATION_COLUMNS)


def _r(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return np.nan
    return float(np.clip(np.corrcoef(a, b)[0, 1], -1, 1))


def pearson(x: Sequence[float] | str, y: Sequence[float] | str, *, data: pd.DataFrame | None = None,
            confidence: float = CONFIDENCE, nan_policy: str = "omit") -> pd.DataFrame:
    """Pearson's correlation with a Fisher-z confidence interval and a t-test p-value.

    Parameters
    ----------
    x, y : array-like or str
        The paired values, or column names in ``data``.
    data : DataFrame, optional
        Where ``x`` and ``y`` are columns. Not modified.
    confidence : float
        Level of the interval (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop pairs with a missing value, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``n`` (complete pairs), ``r``, ``ci_low``, ``ci_high`` (NaN when n < 4), ``p``
        (two-sided, NaN when n < 3). r is NaN when either variable is constant.

    Notes
    -----
    z = atanh(r), SE = 1/√(n - 3), CI = tanh(z ± z_crit·SE);
    t = r·√((n - 2)/(1 - r²)) on n - 2 df. Same as R's cor.test and scipy.stats.pearsonr.

    References
    ----------
    Fisher, R. A. (1921). On the "probable error" of a coefficient of correlation deduced from
    a small sample. Metron, 1, 3-32.

    Examples
    --------
    >>> res = pearson([1.0, 2, 3, 4, 5], [2.0, 1, 4, 3, 5]).iloc[0]
    >>> round(float(res["r"]), 4), round(float(res["ci_low"]), 4), round(float(res["p"]), 4)
    (0.8, -0.2796, 0.1041)

    R: ``cor.test(c(1, 2, 3, 4, 5), c(2, 1, 4, 3, 5))``
    """
    level = check_confidence(confidence)
    a, b = _pairs(x, y, data, nan_policy)
    n = len(a)
    return _result(_r(a, b), n, 1 / np.sqrt(n - 3) if n > 3 else np.nan, level)


def spearman(x: Sequence[float] | str, y: Sequence[float] | str, *, data: pd.DataFrame | None = None,
             confidence: float = CONFIDENCE, ci_method: str = "fieller", nan_policy: str = "omit") -> pd.DataFrame:
    """Spearman's rank correlation with a Fisher-z confidence interval.

    Parameters
    ----------
    x, y : array-like or str
        The paired values, or column names in ``data``.
    data : DataFrame, optional
        Where ``x`` and ``y`` are columns. Not modified.
    confidence : float
        Level of the interval (default 0.95).
    ci_method : {'fieller', 'bonett_wright', 'fisher'}
        Variance of atanh(rho): 1.06/(n - 3) (Fieller et al., 1957; the default),
        (1 + rho²/2)/(n - 3) (Bonett & Wright, 2000), or Pearson's 1/(n - 3).
    nan_policy : {'omit', 'raise'}
        Drop pairs with a missing value, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``n``, ``r`` (rho), ``ci_low``, ``ci_high`` (NaN when n < 4), ``p`` (two-sided).

    Notes
    -----
    rho = Pearson's r of the ranks (average ranks for ties). z = atanh(rho),
    CI = tanh(z ± z_crit·√(V/(n - 3))) with V = 1.06, 1 + rho²/2 or 1 as chosen.
    p from t = rho·√((n - 2)/(1 - rho²)) on n - 2 df, as scipy.stats.spearmanr and R's
    ``cor.test(method = "spearman", exact = FALSE)``. (R's default, for n < 1290 without ties,
    is algorithm AS 89 instead: the exact permutation p-value for n < 10 and an Edgeworth series
    approximation to it from 10 on, which differs from this one in small samples.)

    References
    ----------
    Fieller, E. C., Hartley, H. O., & Pearson, E. S. (1957). Tests for rank correlation
    coefficients. I. Biometrika, 44(3/4), 470-481.
    Bonett, D. G., & Wright, T. A. (2000). Sample size requirements for estimating Pearson,
    Kendall and Spearman correlations. Psychometrika, 65(1), 23-28.

    Examples
    --------
    >>> res = spearman([1.0, 2, 3, 4, 5], [2.0, 1, 4, 3, 5]).iloc[0]
    >>> round(float(res["r"]), 4), round(float(res["ci_low"]), 4)
    (0.8, -0.317)

    R: ``cor.test(x, y, method = "spearman", exact = FALSE)`` for rho and p;
    the interval: ``tanh(atanh(0.8) + c(-1, 1) * qnorm(.975) * sqrt(1.06 / (5 - 3)))``
    """
    check_choice("ci_method", ci_method, SPEARMAN_CI_METHODS)
    level = check_confidence(confidence)
    a, b = _pairs(x, y, data, nan_policy)
    n = len(a)
    rho = _r(stats.rankdata(a), stats.rankdata(b)) if n else np.nan
    variance = {"fieller": 1.06, "bonett_wright": 1 + rho**2 / 2, "fisher": 1.0}[ci_method]
    return _result(rho, n, np.sqrt(variance / (n - 3)) if n > 3 else np.nan, level)
