"""Survey waves from response dates, when the export has no wave column.

An organisation opens the same survey for a few weeks, several times a year. Responses whose
dates sit within ``gap_days`` of each other belong to one wave, labelled by the month it opened
(``2025-03``), so a file holding three rounds needs no extra column. The dates themselves are
read by :mod:`tiwell.scoring.dates`.
"""

from __future__ import annotations

import pandas as pd

DEFAULT_GAP_DAYS = 30


def waves_from_dates(dates: pd.Series, gap_days: int = DEFAULT_GAP_DAYS) -> pd.Series:
    """A wave label per date: a new wave starts after a gap of more than ``gap_days``."""
    known = dates.dropna().sort_values()
    if known.empty:
        return pd.Series(pd.NA, index=dates.index, dtype="string")
    starts = known.diff().gt(pd.Timedelta(days=gap_days)).cumsum()
    first = known.groupby(starts).transform("min")
    labels = first.dt.strftime("%Y-%m")
    return labels.reindex(dates.index).astype("string")
