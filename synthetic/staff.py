"""The HR side of the made-up organisation: team turnover by half-year, and the staff list.

Both follow the people of :mod:`synthetic.respondents`: a team's leavers rise with its mean
burnout, and the person-level staff list holds everyone who ever worked there under the employee
numbers respondents gave, so leavers can be matched to their earlier answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synthetic.respondents import OPEN_DAYS, SEED, WAVES, simulate_organisation
from tiwell.instruments import Instrument, load_builtin


def simulate_turnover(truth: pd.DataFrame, *, seed: int = SEED, instrument: Instrument | None = None) -> pd.DataFrame:
    """Team x half-year headcounts and leavers. Headcounts exceed respondents (60-80% respond);
    the chance of leaving rises with the team's mean burnout in the period and the one before."""
    instrument = instrument or load_builtin("proqol5")
    rng = np.random.default_rng(seed)
    per = (truth.assign(period=truth["wave"].map(_half_year), burnout=_burnout_sums(truth, instrument))
           .groupby(["team", "period"]).agg(respondents=("burnout", "size"), burnout=("burnout", "mean")))
    rows = []
    for team, group in per.groupby(level="team"):
        respondents, burnout = group["respondents"].to_numpy(), group["burnout"].to_numpy()
        rate = rng.uniform(0.62, 0.76) + rng.normal(0, 0.02, len(group))  # the team's usual response rate
        start = np.ceil(respondents / rate).astype(int)
        end = np.append(start[1:], max(1, start[-1] + int(rng.integers(-2, 3))))
        previous = np.insert(burnout[:-1], 0, burnout[0])
        risk = np.clip(0.07 + 0.012 * (burnout - 24) + 0.008 * (previous - 24), 0.02, 0.4)
        leavers = np.minimum(np.maximum(rng.binomial(start, risk), start - end), start)  # shrinking needs leavers
        voluntary = rng.binomial(leavers, 0.75)
        for k, period in enumerate(group.index.get_level_values("period")):
            first_day, last_day = _period_bounds(period)
            rows.append({"team": team, "period": period, "period_start": first_day, "period_end": last_day,
                         "headcount_start": int(start[k]), "headcount_end": int(end[k]),
                         "leavers": int(leavers[k]), "voluntary_leavers": int(voluntary[k])})
    return pd.DataFrame(rows)


_VOLUNTARY = ("Resigned - new job", "Resigned - personal reasons", "Resigned - relocation", "Retired")
_OTHER_REASONS = ("End of fixed-term contract", "Redundancy", "Ill health")
LAST_KNOWN = "2026-09-30"  # the staff list's extract date: leavers after the last wave are known to here


def simulate_staff_list(*, seed: int = SEED, instrument: Instrument | None = None) -> pd.DataFrame:
    """The person-level HR staff list behind the sample survey: everyone who worked in the nine
    teams from before the first wave to the end of September 2026, with an employee number (the
    one respondents gave in the survey), start date, leave date and reason (three in four
    voluntary). Leaving depends on strain, so leavers answered with more burnout beforehand."""
    history = simulate_organisation(seed, instrument or load_builtin("proqol5"))[1]
    rng = np.random.default_rng(seed + 1)
    opens = [pd.Timestamp(day) for day in WAVES.values()]
    closes = [day + pd.Timedelta(days=OPEN_DAYS) for day in opens]
    nexts = [*opens[1:], pd.Timestamp(LAST_KNOWN)]
    first_staff = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 4700, len(history)), unit="D")
    start = [first if j < 0 else _between(rng, closes[j - 1], opens[j] - pd.Timedelta(days=1))
             for first, j in zip(first_staff, history["joined"])]
    left = history["left_after"]
    leave = [_between(rng, closes[int(w)], nexts[int(w)]) if pd.notna(w) else pd.NaT for w in left]
    voluntary = rng.random(len(history)) < 0.75
    reason = [("" if pd.isna(w) else rng.choice(_VOLUNTARY if v else _OTHER_REASONS)) for w, v in zip(left, voluntary)]
    staff = pd.DataFrame({"Employee number": history["employee_id"], "Team": history["team"],
                          "Start date": pd.DatetimeIndex(start).strftime("%Y-%m-%d"),
                          "Leave date": pd.DatetimeIndex(leave).strftime("%Y-%m-%d").fillna(""),
                          "Reason for leaving": reason})
    return staff.sort_values(["Team", "Start date", "Employee number"], ignore_index=True)


def _between(rng: np.random.Generator, first: pd.Timestamp, last: pd.Timestamp) -> pd.Timestamp:
    return first + pd.Timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def _half_year(wave: str) -> str:
    year, month = wave.split("-")
    return f"{year}-H{1 if int(month) <= 6 else 2}"


def _period_bounds(period: str) -> tuple[str, str]:
    year, half = period.split("-H")
    return (f"{year}-01-01", f"{year}-06-30") if half == "1" else (f"{year}-07-01", f"{year}-12-31")


def _burnout_sums(truth: pd.DataFrame, instrument: Instrument) -> np.ndarray:
    """Each respondent's burnout sum, prorated as the instrument allows (NaN when it cannot be)."""
    sub = next(s for s in instrument.subscales if s.id == "burnout")
    values = truth[list(sub.items)].to_numpy(float, na_value=np.nan)
    flip = [i for i, n in enumerate(sub.items) if n in instrument.reversed_items]
    values[:, flip] = instrument.scale.min + instrument.scale.max - values[:, flip]
    answered = np.isfinite(values).sum(axis=1)
    sums = np.nansum(values, axis=1) / np.maximum(answered, 1) * len(sub.items)
    return np.where(answered >= sub.min_answered, sums, np.nan)
