"""Survey waves from response dates, when the export has no wave column.

An organisation opens the same survey for a few weeks, several times a year. Responses whose
dates sit within ``gap_days`` of each other belong to one wave, labelled by the month it opened
(``2025-03``), so a file holding three rounds needs no extra column.
"""

from __future__ import annotations

import pandas as pd

DEFAULT_GAP_DAYS = 30
# Formats survey tools write; the one that reads most values wins (US order first on a tie,
# as Microsoft Forms and Google Forms write it by default).
DATE_FORMATS = (
    "ISO8601",
    "%m/%d/%y %H:%M:%S", "%d/%m/%y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y",
)


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates from text in whichever single format reads the most values; NaT where none does.
    Stops at the first format that reads every non-empty value, since none can read more."""
    best = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    readable = int((values.notna() & values.ne("")).sum())
    for fmt in DATE_FORMATS:
        if best.notna().sum() == readable:
            break
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
        if parsed.notna().sum() > best.notna().sum():
            best = parsed
    return best


def waves_from_dates(dates: pd.Series, gap_days: int = DEFAULT_GAP_DAYS) -> pd.Series:
    """A wave label per date: a new wave starts after a gap of more than ``gap_days``."""
    known = dates.dropna().sort_values()
    if known.empty:
        return pd.Series(pd.NA, index=dates.index, dtype="string")
    starts = known.diff().gt(pd.Timedelta(days=gap_days)).cumsum()
    first = known.groupby(starts).transform("min")
    labels = first.dt.strftime("%Y-%m")
    return labels.reindex(dates.index).astype("string")
