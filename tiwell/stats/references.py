"""Published reference values that a cohort can be set beside - reliabilities and, when a source
gives them, a reference sample's mean, SD and n - and the test of a cohort against such a sample
(:func:`one_sample_vs_reference`).

Each reference is one :class:`ReferenceValue` row in :data:`REFERENCE_VALUES`; adding a published
sample is adding a row (statistic ``"mean"`` with ``sd`` and ``n``) naming its ``source``. Only
values a cited publication states are included: the ProQOL manual's alphas, and every published
mean with its SD and n in :mod:`tiwell.instruments.references` (the one home of published samples).
A user's own sample goes straight to :func:`one_sample_vs_reference` as mean, SD and n.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.instruments.references import published_references
from tiwell.stats.compare import hedges_from_stats, mean_sd_n, welch_from_stats
from tiwell.stats._inputs import CONFIDENCE, check_choice, check_confidence, check_frame, grouped_values, numeric

# What a reference value is: a reliability coefficient, or a sample mean (with sd and n).
REFERENCE_STATISTICS = ("alpha", "mean")
REFERENCE_TEST_COLUMNS = ["group", "n", "mean", "sd", "ref_mean", "ref_sd", "ref_n", "test", "diff", "ci_low",
                          "ci_high", "t", "df", "p", "g", "g_ci_low", "g_ci_high"]
REFERENCE_VALUE_COLUMNS = ["instrument", "subscale", "statistic", "value", "sd", "n", "sample", "source"]

_PROQOL_MANUAL = "Stamm, B. H. (2010). The Concise ProQOL Manual (2nd ed.). Pocatello, ID: ProQOL.org."


@dataclass(frozen=True)
class ReferenceValue:
    """One published value: instrument id, subscale id, which statistic, its value and source."""

    instrument: str
    subscale: str
    statistic: str          # one of REFERENCE_STATISTICS
    value: float
    source: str
    sample: str = ""        # who was measured, as the source describes them
    sd: float | None = None  # for statistic "mean"
    n: int | None = None     # sample size, when the source gives it

    def __post_init__(self) -> None:
        check_choice("statistic", self.statistic, REFERENCE_STATISTICS)
        if self.statistic == "mean" and (self.sd is None or self.n is None):
            raise ValueError("a reference mean needs its sd and n")


REFERENCE_VALUES: tuple[ReferenceValue, ...] = (
    ReferenceValue("proqol5", "compassion_satisfaction", "alpha", 0.88, _PROQOL_MANUAL, "ProQOL manual"),
    ReferenceValue("proqol5", "burnout", "alpha", 0.75, _PROQOL_MANUAL, "ProQOL manual"),
    ReferenceValue("proqol5", "secondary_traumatic_stress", "alpha", 0.81, _PROQOL_MANUAL, "ProQOL manual"),
) + tuple(ReferenceValue(ref.instrument, score.subscale, "mean", score.mean, ref.citation, ref.population,
                         score.sd, score.n)
          for ref in published_references() if ref.scale == "raw"
          for score in ref.scores if score.mean is not None and score.sd is not None and score.n is not None)


def reference_values(instrument: str | None = None, statistic: str | None = None,
                     values: tuple[ReferenceValue, ...] = REFERENCE_VALUES) -> pd.DataFrame:
    """The reference values as a table, optionally for one instrument id and one statistic.

    Returns a DataFrame with columns ``instrument``, ``subscale``, ``statistic``, ``value``,
    ``sd``, ``n``, ``sample``, ``source`` (one row per reference value; empty when none match).

    >>> reference_values("proqol5", "alpha")["value"].tolist()
    [0.88, 0.75, 0.81]
    """
    if statistic is not None:
        check_choice("statistic", statistic, REFERENCE_STATISTICS)
    rows = [asdict(v) for v in values
            if (instrument is None or v.instrument == instrument) and (statistic is None or v.statistic == statistic)]
    return pd.DataFrame(rows, columns=REFERENCE_VALUE_COLUMNS)


def one_sample_vs_reference(data: pd.DataFrame, *, value: str, mean: float, sd: float | None = None,
                            n: int | None = None, group: str | None = None, confidence: float = CONFIDENCE,
                            nan_policy: str = "omit") -> pd.DataFrame:
    """Compare the scores (overall or per group) with a published sample's mean, SD and n.

    Parameters
    ----------
    data : DataFrame
        One row per respondent. Not modified.
    value : str
        Score column.
    mean, sd, n : float
        The reference sample's mean, standard deviation and size. With ``sd`` and ``n`` the test
        is Welch's t from summary statistics; with neither, the reference mean is treated as a
        fixed value and the test is the one-sample t-test. Giving only one of them is an error.
    group : str, optional
        Cohort column: one row per group instead of one row for all the data.
    confidence : float
        Level of the intervals (default 0.95).
    nan_policy : {'omit', 'raise'}
        Drop missing scores, or raise ValueError.

    Returns
    -------
    DataFrame
        One row per group (or one row, ``group`` = ``"all"``): ``group``, ``n``, ``mean``, ``sd``,
        ``ref_mean``, ``ref_sd``, ``ref_n``, ``test`` ('welch' or 'one_sample'), ``diff`` (sample
        minus reference), ``ci_low``, ``ci_high`` (of the difference), ``t``, ``df``, ``p``
        (two-sided), ``g``, ``g_ci_low``, ``g_ci_high`` (Hedges' g of sample vs reference).

    Notes
    -----
    Welch: as :func:`tiwell.stats.compare.welch_t` and :func:`tiwell.stats.compare.hedges_g`, with the
    reference's summary statistics as the second group. One-sample: t = (m - μ)/(s/√n),
    df = n - 1; g = J·(m - μ)/s with J = 1 - 3/(4(n - 1) - 1) and SE² = 1/n + g²/(2n) (the
    one-sample analogue of Hedges & Olkin's approximation).

    References
    ----------
    Welch (1947), see :func:`tiwell.stats.compare.welch_t`; Hedges & Olkin (1985), see
    :func:`tiwell.stats.compare.hedges_g`.

    Examples
    --------
    >>> df = pd.DataFrame({"score": [3.0, 4, 5, 6]})
    >>> row = one_sample_vs_reference(df, value="score", mean=2.0, sd=1.0, n=3).iloc[0]
    >>> round(float(row["t"]), 4), round(float(row["df"]), 4)
    (2.8868, 4.9592)

    R (summary statistics; BSDA): ``BSDA::tsum.test(mean.x = 4.5, s.x = sd(c(3, 4, 5, 6)), n.x = 4,
    mean.y = 2, s.y = 1, n.y = 3, var.equal = FALSE)``; one-sample: ``t.test(x, mu = 2)``
    """
    check_frame(data, [value] + ([group] if group is not None else []))
    level = check_confidence(confidence)
    if (sd is None) != (n is None):
        raise ValueError("give the reference's sd and n together (Welch's t), or neither (one-sample t-test)")
    ref_mean = float(mean)
    if sd is not None and not (float(sd) >= 0 and float(n) >= 2):
        raise ValueError(f"the reference sd must be >= 0 and n >= 2; got sd={sd!r}, n={n!r}")
    parts = (grouped_values(data, value, group, None, nan_policy) if group is not None
             else [("all", numeric(data[value], repr(value), nan_policy))])
    rows = []
    for label, x in parts:
        m, s, k = mean_sd_n(x)
        row = {"group": label, "n": k, "mean": m, "sd": s, "ref_mean": ref_mean,
               "ref_sd": np.nan if sd is None else float(sd), "ref_n": np.nan if n is None else float(n)}
        if sd is not None:
            test = welch_from_stats(m, s, k, ref_mean, float(sd), float(n), level)
            g = hedges_from_stats(m, s, k, ref_mean, float(sd), float(n), level)
            row |= {"test": "welch"} | test | {"g": g["g"], "g_ci_low": g["ci_low"], "g_ci_high": g["ci_high"]}
        else:
            row |= {"test": "one_sample"} | one_sample_from_stats(m, s, k, ref_mean, level)
        rows.append(row)
    return pd.DataFrame(rows, columns=REFERENCE_TEST_COLUMNS)


def one_sample_from_stats(m: float, s: float, n: int, mu: float, confidence: float = CONFIDENCE) -> dict[str, float]:
    """The one-sample t-test of a mean against a fixed value, from the sample's mean, SD and n:
    ``diff``, ``ci_low``, ``ci_high``, ``t``, ``df``, ``p``, ``g``, ``g_ci_low``, ``g_ci_high``
    (as :func:`one_sample_vs_reference` without ``sd`` and ``n``; NaN where n < 2 or s = 0)."""
    level = check_confidence(confidence)
    out = dict.fromkeys(["ci_low", "ci_high", "t", "df", "p", "g", "g_ci_low", "g_ci_high"], np.nan)
    out["diff"] = m - mu
    if n < 2 or not s > 0:
        return out
    se = s / np.sqrt(n)
    t = (m - mu) / se
    half = stats.t.ppf(0.5 + level / 2, n - 1) * se
    g = (1 - 3 / (4 * (n - 1) - 1)) * (m - mu) / s
    g_half = stats.norm.ppf(0.5 + level / 2) * np.sqrt(1 / n + g**2 / (2 * n))
    return out | {"ci_low": m - mu - half, "ci_high": m - mu + half, "t": t, "df": float(n - 1),
                  "p": float(2 * stats.t.sf(abs(t), n - 1)), "g": g, "g_ci_low": g - g_half, "g_ci_high": g + g_half}
