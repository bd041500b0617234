"""Scores summarised by group (team, wave, any grouping), with small groups suppressed.

One tidy row per group and subscale: n, mean, standard deviation, the 95% confidence interval
of the mean (t distribution), and the share of people in each band. Every table that leaves this
module has been through :func:`tiwell.privacy.suppress_table`, so a page cannot show a number
for a group under the minimum size by mistake.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.privacy import suppress_table

SUMMARY_COLUMNS = ["subscale", "n", "mean", "sd", "ci_low", "ci_high"]


def mean_ci(values: pd.Series, level: float = 0.95) -> tuple[int, float, float, float, float]:
    """n, mean, SD and the t-based confidence interval of the mean of the non-missing values."""
    x = values.dropna().to_numpy(float)
    n = len(x)
    if n == 0:
        return 0, np.nan, np.nan, np.nan, np.nan
    mean = x.mean()
    if n == 1:
        return 1, mean, np.nan, np.nan, np.nan
    sd = x.std(ddof=1)
    half = stats.t.ppf(0.5 + level / 2, n - 1) * sd / np.sqrt(n)
    return n, mean, sd, mean - half, mean + half


def summarise(scored: pd.DataFrame, subscales: dict[str, str], by: list[str], min_group: int,
              within: list[str] | None = None) -> pd.DataFrame:
    """Per group of ``by`` and per subscale (``{column: label}``): n, mean, sd, ci and band
    shares (``share_<band>``). Groups are suppressed among siblings sharing ``within``."""
    rows = []
    groups = scored.groupby(by, observed=True, sort=True) if by else [((), scored)]
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        for column, label in subscales.items():
            n, mean, sd, low, high = mean_ci(part[column])
            row = dict(zip(by, key)) | {"subscale": column, "label": label, "people": len(part),
                                        "n": n, "mean": mean, "sd": sd, "ci_low": low, "ci_high": high}
            band = f"{column}_band"
            if band in part:
                shares = part[band].value_counts(normalize=True, dropna=True)
                row |= {f"share_{b}": float(shares.get(b, 0.0)) for b in part[band].cat.categories}
            rows.append(row)
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    if by:
        keys = (within or []) + [c for c in by[:-1] if c not in (within or [])]
        table = suppress_table(table, by[-1], "people", min_group, within=keys or None)
    else:
        table["shown"] = table["people"] >= min_group
    return _hide_thin_numbers(table, min_group)


def _hide_thin_numbers(table: pd.DataFrame, min_group: int) -> pd.DataFrame:
    """A subscale scored for fewer than ``min_group`` people in a shown group is hidden too."""
    thin = table["n"] < min_group
    stats_columns = ["mean", "sd", "ci_low", "ci_high", "n"] + [c for c in table if c.startswith("share_")]
    table.loc[thin | ~table["shown"], stats_columns] = np.nan
    return table


def shown_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a summary that may leave the app: hidden groups are dropped entirely, not
    blanked, so not even their names travel in a download."""
    return table[table["shown"]].drop(columns="shown").reset_index(drop=True)
