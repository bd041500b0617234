"""Change for the same people: the paired t interval, and the paired difference in differences.

When the same people answer two waves, each person's own change takes out what differs between
people, so the change is measured more tightly than by comparing two waves' means.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.stats._inputs import CONFIDENCE, NAN_POLICIES, check_choice, check_confidence, check_frame

PAIRED_COLUMNS = ["n", "mean_before", "mean_after", "change", "sd_change", "se", "df", "ci_low", "ci_high", "t", "p"]


def paired_change(data: pd.DataFrame, *, before: str, after: str, confidence: float = CONFIDENCE,
                  nan_policy: str = "omit") -> pd.DataFrame:
    """The mean of each person's change (after - before), with the paired t interval.

    Parameters
    ----------
    data : DataFrame
        One row per person with both scores. Not modified.
    before, after : str
        The two waves' score columns.
    confidence : float
        Level of the interval (default 0.95).
    nan_policy : {'omit', 'raise'}
        Use only people with both scores (complete pairs), or raise ValueError.

    Returns
    -------
    DataFrame
        One row with PAIRED_COLUMNS: ``n`` pairs, both means, ``change`` (mean of the
        differences), ``sd_change``, ``se``, ``df`` = n - 1, ``ci_low``, ``ci_high``, ``t`` and
        two-sided ``p``. The test's numbers are NaN with fewer than 2 pairs; with no spread in the
        changes the interval is the change itself.

    Notes
    -----
    dᵢ = afterᵢ - beforeᵢ; d̄ ± t(n - 1, 1 - α/2)·s_d/√n (Student, 1908).

    Examples
    --------
    >>> df = pd.DataFrame({"a": [20.0, 24, 19, 30], "b": [22.0, 25, 23, 31]})
    >>> float(paired_change(df, before="a", after="b").loc[0, "change"])
    2.0

    R: ``t.test(b, a, paired = TRUE)`` on complete pairs (R drops incomplete pairs itself).
    """
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    pairs = check_frame(data, [before, after])[[before, after]].apply(pd.to_numeric, errors="coerce").astype(float)
    complete = pairs.dropna()
    if len(complete) < len(pairs) and nan_policy == "raise":
        raise ValueError(f"{len(pairs) - len(complete)} pair(s) have a missing score and nan_policy='raise'")
    diff = complete[after] - complete[before]
    row = paired_from_stats(float(diff.mean()) if len(diff) else np.nan, float(diff.std(ddof=1)) if len(diff) > 1
                            else np.nan, len(diff), confidence)
    row = {"n": len(diff), "mean_before": complete[before].mean(), "mean_after": complete[after].mean(), **row}
    return pd.DataFrame([row], columns=PAIRED_COLUMNS)


def paired_from_stats(change: float, sd_change: float, n: float, confidence: float = CONFIDENCE) -> dict[str, float]:
    """The paired interval from the changes' mean, SD and n: ``change``, ``sd_change``, ``se``,
    ``df``, ``ci_low``, ``ci_high``, ``t``, ``p`` (see :func:`paired_change`)."""
    level = check_confidence(confidence)
    out = {"change": change, "sd_change": sd_change, "se": np.nan, "df": np.nan, "ci_low": np.nan,
           "ci_high": np.nan, "t": np.nan, "p": np.nan}
    if n < 2 or np.isnan(sd_change):
        return out
    se = sd_change / np.sqrt(n)
    if se == 0:
        return out | {"se": 0.0, "df": n - 1, "ci_low": change, "ci_high": change}
    half = stats.t.ppf(0.5 + level / 2, n - 1) * se
    t = change / se
    return out | {"se": se, "df": n - 1, "ci_low": change - half, "ci_high": change + half, "t": t,
                  "p": float(2 * stats.t.sf(abs(t), n - 1))}
