"""Internal consistency of a subscale: Cronbach's alpha with Feldt's interval, McDonald's omega
total from a one-factor model, and item analysis (corrected item-total correlation and alpha if
the item were deleted).

Every function takes ``items``: a respondents x items DataFrame of one subscale's answers,
already reverse-scored (:func:`tiwell.scoring.scores.reverse_items`). It is not modified. Respondents
with an unanswered item are left out (``nan_policy='omit'``, the default) or refused ('raise').

The R calls named below match on complete cases, so each is written with ``na.omit``: psych's own
default (``use = "pairwise"``) works each covariance out from the people who answered both items,
which differs from these once some answers are missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize, stats

from tiwell.stats._inputs import CONFIDENCE, check_choice, check_confidence, item_matrix

# Reliability below this is flagged as poor: .70 is the conventional minimum for research use
# (Nunnally, J. C., & Bernstein, I. H. (1994). Psychometric theory (3rd ed.). McGraw-Hill).
POOR_RELIABILITY = 0.70
# The denominator of omega total: the observed variance of the standardised sum (1'R1, as
# psych::omega), or the variance the one-factor model implies ((Σλ)² + Σψ).
OMEGA_TOTAL_VARIANCES = ("observed", "model")
# Least uniqueness a fitted item may have, as in psych::fa (keeps a Heywood case finite).
MIN_UNIQUENESS = 0.005

ALPHA_COLUMNS = ["alpha", "ci_low", "ci_high", "n", "k", "poor"]
OMEGA_COLUMNS = ["omega", "n", "k", "method", "poor"]
LOADING_COLUMNS = ["item", "loading", "uniqueness"]
ITEM_TOTAL_COLUMNS = ["item", "n", "mean", "sd", "r_corrected", "alpha_if_deleted"]


def _alpha(cov: np.ndarray) -> float:
    k = cov.shape[0]
    total = cov.sum()
    return float(k / (k - 1) * (1 - np.trace(cov) / total)) if total > 0 else np.nan


def cronbach_alpha(items: pd.DataFrame, *, confidence: float = CONFIDENCE, nan_policy: str = "omit") -> pd.DataFrame:
    """Cronbach's alpha with a confidence interval by Feldt's F-based method.

    Parameters
    ----------
    items : DataFrame
        Respondents x items (at least 2), already reverse-scored. Not modified.
    confidence : float
        Level of the interval (default 0.95).
    nan_policy : {'omit', 'raise'}
        Leave out respondents with an unanswered item (listwise), or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``alpha``, ``ci_low``, ``ci_high``, ``n`` (respondents used), ``k`` (items),
        ``poor`` (alpha < :data:`POOR_RELIABILITY`). NaN when n < 2 or the total has no variance.

    Notes
    -----
    α = k/(k - 1) · (1 - Σσ²_i / σ²_total), from the item covariance matrix (n - 1 denominator).
    Feldt's interval treats (1 - α̂)/(1 - α) as F with df1 = n - 1, df2 = (n - 1)(k - 1):
    lower = 1 - (1 - α̂)·F(1 - γ/2; df1, df2), upper = 1 - (1 - α̂)·F(γ/2; df1, df2), γ = 1 - confidence.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16(3), 297-334.
    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference for coefficient
    alpha. Applied Psychological Measurement, 11(1), 93-103.

    Examples
    --------
    >>> items = pd.DataFrame({"q1": [1.0, 2, 3, 4, 5], "q2": [2.0, 2, 3, 5, 4], "q3": [1.0, 3, 3, 4, 5]})
    >>> round(float(cronbach_alpha(items)["alpha"].iloc[0]), 4)
    0.9451

    R: ``psych::alpha(na.omit(items))$total$raw_alpha``;
    ``psych::alpha.ci(alpha, n.obs = 5, n.var = 3)`` for the Feldt interval
    """
    level = check_confidence(confidence)
    matrix = item_matrix(items, nan_policy, min_items=2)
    n, k = matrix.shape
    row = {"alpha": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n": n, "k": k, "poor": False}
    if n >= 2:
        alpha = _alpha(np.cov(matrix.to_numpy(), rowvar=False))
        df1, df2 = n - 1, (n - 1) * (k - 1)
        row |= {"alpha": alpha, "ci_low": 1 - (1 - alpha) * stats.f.ppf(0.5 + level / 2, df1, df2),
                "ci_high": 1 - (1 - alpha) * stats.f.ppf(0.5 - level / 2, df1, df2),
                "poor": bool(alpha < POOR_RELIABILITY)}
    return pd.DataFrame([row], columns=ALPHA_COLUMNS)


def _correlations(matrix: pd.DataFrame) -> np.ndarray | None:
    """The item correlation matrix, or None when an item has no variance (no model can be fitted)."""
    if len(matrix) < 3 or not (matrix.std(ddof=1) > 0).all():
        return None
    return np.corrcoef(matrix.to_numpy(), rowvar=False)


def _minres_loadings(r: np.ndarray) -> np.ndarray:
    """One-factor loadings minimising the squared off-diagonal residuals of R - λλ'."""
    k = r.shape[0]
    upper = np.triu_indices(k, 1)
    values, vectors = np.linalg.eigh(r)
    start = vectors[:, -1] * np.sqrt(values[-1])
    start *= np.sign(start.sum()) or 1.0
    bound = np.sqrt(1 - MIN_UNIQUENESS)
    start = np.clip(start, -bound * 0.99, bound * 0.99)

    def residuals(lam: np.ndarray) -> np.ndarray:
        return r[upper] - np.outer(lam, lam)[upper]

    def jacobian(lam: np.ndarray) -> np.ndarray:
        jac = np.zeros((len(upper[0]), k))
        rows = np.arange(len(upper[0]))
        jac[rows, upper[0]] = -lam[upper[1]]
        jac[rows, upper[1]] = -lam[upper[0]]
        return jac

    fit = optimize.least_squares(residuals, start, jac=jacobian, bounds=(-bound, bound), xtol=1e-15, ftol=1e-15,
                                 gtol=1e-15, max_nfev=10_000)
    lam = fit.x
    return lam * (np.sign(lam.sum()) or 1.0)


def factor_loadings(items: pd.DataFrame, *, nan_policy: str = "omit") -> pd.DataFrame:
    """Standardised loadings of a one-factor model fitted by minimum residual (minres).

    Parameters
    ----------
    items : DataFrame
        Respondents x items (at least 3), already reverse-scored. Not modified.
    nan_policy : {'omit', 'raise'}
        Leave out respondents with an unanswered item, or raise ValueError.

    Returns
    -------
    DataFrame
        One row per item: ``item`` (column name), ``loading``, ``uniqueness`` (1 - loading²);
        NaN when fewer than 3 respondents are left or an item has no variance. Signs are chosen
        so the loadings sum to a positive number; a negative loading points to an item that is
        keyed the wrong way.

    Notes
    -----
    Minimum residual (unweighted least squares) on the correlation matrix R: the λ minimising
    Σ_{i<j}(r_ij - λ_iλ_j)², each uniqueness kept at least 0.005 (psych::fa's lower bound).
    Fitted with scipy.optimize.least_squares; R's ``psych::fa(items, nfactors = 1, fm = "minres")``
    gives the same solution up to its convergence tolerance. In a Heywood case (an item whose
    fitted uniqueness would be below 0.005) the loading here stops at √0.995 while psych reports
    a loading above 1 ("ultra-Heywood case"); both say the one-factor model does not fit well.

    References
    ----------
    Harman, H. H., & Jones, W. H. (1966). Factor analysis by minimizing residuals (minres).
    Psychometrika, 31(3), 351-368.
    """
    matrix = item_matrix(items, nan_policy, min_items=3)
    r = _correlations(matrix)
    lam = _minres_loadings(r) if r is not None else np.full(matrix.shape[1], np.nan)
    return pd.DataFrame({"item": list(matrix.columns), "loading": lam, "uniqueness": 1 - lam**2},
                        columns=LOADING_COLUMNS)


def omega_total(items: pd.DataFrame, *, total_variance: str = "observed", nan_policy: str = "omit") -> pd.DataFrame:
    """McDonald's omega total from a one-factor model fitted by minimum residual.

    Parameters
    ----------
    items : DataFrame
        Respondents x items (at least 3), already reverse-scored. Not modified.
    total_variance : {'observed', 'model'}
        Denominator: the observed variance of the sum of standardised items, 1'R1 (as
        ``psych::omega``; the default), or the variance the model implies, (Σλ)² + Σψ.
    nan_policy : {'omit', 'raise'}
        Leave out respondents with an unanswered item, or raise ValueError.

    Returns
    -------
    DataFrame
        One row: ``omega``, ``n``, ``k``, ``method`` ('minres'), ``poor``
        (omega < :data:`POOR_RELIABILITY`). No interval (it would need a bootstrap). omega is NaN
        when fewer than 3 respondents are left or an item has no variance.

    Notes
    -----
    Loadings λ and uniquenesses ψ = 1 - λ² from :func:`factor_loadings` (correlation matrix,
    minres). 'observed': ω_t = (1'R1 - Σψ) / 1'R1; 'model': ω_t = (Σλ)² / ((Σλ)² + Σψ). The two
    agree when the one-factor model fits perfectly. Items are not flipped: psych::omega
    (flip = TRUE) reverses items that load negatively, so the results differ only when an item
    is miskeyed (see :func:`item_total`), and in a Heywood case (see :func:`factor_loadings`).

    References
    ----------
    McDonald, R. P. (1999). Test theory: a unified treatment. Erlbaum (ch. 6).
    Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research
    (``omega``).

    Examples
    --------
    >>> items = pd.DataFrame({"q1": [2, 4, 2, 1, 5, 2, 3, 3, 4, 3], "q2": [3, 2, 3, 1, 3, 3, 2, 2, 5, 4],
    ...                       "q3": [2, 3, 1, 1, 3, 3, 3, 3, 3, 5], "q4": [2, 2, 2, 3, 4, 3, 2, 2, 4, 5]})
    >>> round(float(omega_total(items)["omega"].iloc[0]), 4)
    0.7928

    R: ``psych::omega(na.omit(items), nfactors = 1)$omega.tot``
    """
    check_choice("total_variance", total_variance, OMEGA_TOTAL_VARIANCES)
    matrix = item_matrix(items, nan_policy, min_items=3)
    n, k = matrix.shape
    row = {"omega": np.nan, "n": n, "k": k, "method": "minres", "poor": False}
    r = _correlations(matrix)
    if r is None:
        return pd.DataFrame([row], columns=OMEGA_COLUMNS)
    lam = _minres_loadings(r)
    unique = (1 - lam**2).sum()
    total = r.sum() if total_variance == "observed" else lam.sum() ** 2 + unique
    omega = float((total - unique) / total) if total_variance == "observed" else float(lam.sum() ** 2 / total)
    row |= {"omega": omega, "poor": bool(omega < POOR_RELIABILITY)}
    return pd.DataFrame([row], columns=OMEGA_COLUMNS)


def item_total(items: pd.DataFrame, *, nan_policy: str = "omit") -> pd.DataFrame:
    """Item analysis: corrected item-total correlation and alpha if the item were deleted.

    Parameters
    ----------
    items : DataFrame
        Respondents x items (at least 2), already reverse-scored. Not modified.
    nan_policy : {'omit', 'raise'}
        Leave out respondents with an unanswered item, or raise ValueError.

    Returns
    -------
    DataFrame
        One row per item: ``item`` (column name), ``n``, ``mean``, ``sd``, ``r_corrected``
        (correlation of the item with the sum of the other items), ``alpha_if_deleted``
        (Cronbach's alpha of the other items; NaN with only 2 items).

    Notes
    -----
    r_corrected,i = corr(x_i, Σ_{j≠i} x_j) (the "corrected" or item-rest correlation: the item
    is not part of the total it is correlated with). alpha_if_deleted,i = α of the k - 1 other
    items, as in :func:`cronbach_alpha`.

    References
    ----------
    Nunnally & Bernstein (1994), Psychometric theory, ch. 8.

    Examples
    --------
    >>> items = pd.DataFrame({"q1": [1.0, 2, 3, 4, 5], "q2": [2.0, 2, 3, 5, 4], "q3": [1.0, 3, 3, 4, 5]})
    >>> res = item_total(items)
    >>> [round(float(a), 4) for a in res["alpha_if_deleted"]]
    [0.8529, 0.9783, 0.9091]

    R: ``psych::alpha(na.omit(items))$item.stats$r.drop`` and ``...$alpha.drop$raw_alpha``
    """
    matrix = item_matrix(items, nan_policy, min_items=2)
    values = matrix.to_numpy()
    n, k = values.shape
    cov = np.cov(values, rowvar=False) if n >= 2 else np.full((k, k), np.nan)
    rows = []
    for i, name in enumerate(matrix.columns):
        rest = np.delete(values, i, axis=1).sum(axis=1)
        x = values[:, i]
        r = float(np.corrcoef(x, rest)[0, 1]) if n >= 2 and np.ptp(x) > 0 and np.ptp(rest) > 0 else np.nan
        keep = [j for j in range(k) if j != i]
        alpha = _alpha(cov[np.ix_(keep, keep)]) if k > 2 and n >= 2 else np.nan
        rows.append({"item": name, "n": n, "mean": x.mean() if n else np.nan, "sd": x.std(ddof=1) if n > 1 else np.nan,
                     "r_corrected": r, "alpha_if_deleted": alpha})
    return pd.DataFrame(rows, columns=ITEM_TOTAL_COLUMNS)
