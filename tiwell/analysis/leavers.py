"""Later leavers and stayers: did the people who left answer differently before they went?

The team-level view (:mod:`tiwell.analysis.turnover`) compares teams. Where the survey and an HR staff
list share employee numbers (kept only as private codes, :mod:`tiwell.ingest.pseudonym`), the same
question can be asked of people, in aggregate: the earlier scores of those who left within a
follow-up window against those of people who were still there at its end.

Each person counts once, so the two groups are independent: a person who left is represented
by their last answers before leaving, a person who stayed by their last answers whose whole
follow-up window the staff list covers. Answers whose window runs past the end of the staff
list are left out (we cannot know yet whether that person stays), as are answers given after
the person's recorded leave date. Both groups must reach the minimum group size, or nothing is
shown; the comparison is organisation-wide only, so no filtered view can be subtracted from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tiwell.analysis.paired import codes_by_row
from tiwell.stats import hedges_from_stats, mean_sd_n, welch_from_stats
from tiwell.text.numbers import fixed, interval, signed

FOLLOW_UP_MONTHS = 6
OUTCOMES = ("left", "stayed")
COMPARISON_COLUMNS = ["column", "label", "n_left", "n_stayed", "mean_left", "mean_stayed", "diff", "ci_low", "ci_high",
                      "p", "g", "g_ci_low", "g_ci_high", "shown"]


@dataclass(frozen=True)
class LeaverComparison:
    """The comparison table (COMPARISON_COLUMNS, one row per score) and how the people were counted."""

    table: pd.DataFrame
    matched: int          # survey answers whose private code is on the staff list
    left: int             # people counted as leavers
    stayed: int           # people counted as stayers
    unknown: int          # answers left out: window past the list's end, or given after leaving
    known_until: pd.Timestamp
    follow_up_months: int


def left_or_stayed(responses: pd.DataFrame, people: pd.DataFrame, *, follow_up_months: int = FOLLOW_UP_MONTHS,
             known_until: pd.Timestamp | None = None) -> pd.Series:
    """Each response's outcome: 'left' (left within ``follow_up_months`` of answering), 'stayed'
    (still there at the end of the window) or missing (not matched, not yet known, or answered
    after the recorded leave date).

    ``responses`` has ``person_code`` and ``answered`` (a date); ``people`` is a coded staff list
    (``person_code``, ``start_date``, ``leave_date``). ``known_until`` defaults to the latest date
    in the staff list. A number listed twice (someone who came back) counts by its latest start.
    """
    if follow_up_months < 1:
        raise ValueError(f"follow_up_months must be a whole number of months of at least 1, not {follow_up_months}.")
    known_until = known_until or latest_date(people)
    latest = people.sort_values("start_date").drop_duplicates("person_code", keep="last").set_index("person_code")
    leave = responses["person_code"].map(latest["leave_date"])
    matched = responses["person_code"].isin(latest.index)
    window_end = responses["answered"] + pd.DateOffset(months=follow_up_months)
    left = matched & leave.ge(responses["answered"]) & leave.le(window_end)
    stayed = matched & (leave.isna() | leave.gt(window_end)) & window_end.le(known_until)
    return pd.Series(np.select([left, stayed], list(OUTCOMES), None), index=responses.index, dtype="string")


def latest_date(people: pd.DataFrame) -> pd.Timestamp:
    """The last date a staff list knows about: its latest start or leave date."""
    return pd.concat([people["start_date"], people["leave_date"]]).max()


def one_per_person(responses: pd.DataFrame, outcome: pd.Series) -> pd.DataFrame:
    """One response per person with a known outcome: a leaver's last answers before leaving, a
    stayer's last answers with a known outcome. Adds the ``outcome`` column."""
    known = responses.assign(outcome=outcome).dropna(subset=["outcome"])
    ever_left = known["outcome"].eq("left").groupby(known["person_code"]).transform("any")
    mine = known[~ever_left | known["outcome"].eq("left")]
    return mine.sort_values("answered", kind="stable").drop_duplicates("person_code", keep="last")


def compare_leavers(scored: pd.DataFrame, codes: pd.Series, people: pd.DataFrame, answered: pd.Series,
                    columns: dict[str, str], *, min_group: int, follow_up_months: int = FOLLOW_UP_MONTHS,
                    known_until: pd.Timestamp | None = None) -> LeaverComparison:
    """Earlier scores of people who later left against people who stayed, per score column.

    Parameters
    ----------
    scored : DataFrame
        Scored rows with ``row`` (the spreadsheet row) and the score ``columns``. Not modified.
    codes : Series
        Private codes by spreadsheet row (``SourceTable.person_codes``); for several files combined,
        by (source file, row), as ``scored`` holds them.
    people : DataFrame
        The coded staff list (``TeamPeriods.people``).
    answered : Series
        When each scored row was answered (a date per row of ``scored``; the wave's date will do).
    columns : dict
        Score column -> label, in the order to show.
    min_group : int
        Smallest group shown: when either group of a row is smaller, its numbers are blanked.

    Returns
    -------
    LeaverComparison
        ``table`` has COMPARISON_COLUMNS: ``diff`` is mean_left - mean_stayed with its Welch 95% CI and
        two-sided ``p``; ``g`` Hedges' g (left minus stayed) with its normal CI; ``shown`` False
        where a group is under ``min_group`` (every number in that row is then NaN).

    Notes
    -----
    Welch (1947) t and Hedges & Olkin (1985) g as in :mod:`tiwell.stats.compare`. R, for one score:
    ``t.test(score[outcome == "left"], score[outcome == "stayed"])``.
    """
    responses = pd.DataFrame({"person_code": codes_by_row(scored, codes), "answered": answered.to_numpy()},
                             index=scored.index)
    people_known_until = known_until or latest_date(people)
    outcome = left_or_stayed(responses.dropna(subset=["person_code"]), people, follow_up_months=follow_up_months,
                       known_until=people_known_until)
    chosen = one_per_person(responses.loc[outcome.index], outcome)
    rows = [_compare(scored.loc[chosen.index, column], chosen["outcome"], column, label, min_group)
            for column, label in columns.items()]
    matched = int(responses["person_code"].isin(people["person_code"]).sum())
    counts = chosen["outcome"].value_counts()
    return LeaverComparison(pd.DataFrame(rows, columns=COMPARISON_COLUMNS), matched, int(counts.get("left", 0)),
                            int(counts.get("stayed", 0)), matched - int(outcome.notna().sum()), people_known_until,
                            follow_up_months)


def _compare(score: pd.Series, outcome: pd.Series, column: str, label: str, min_group: int) -> dict:
    values = {o: score[outcome.eq(o)].dropna().to_numpy(float) for o in OUTCOMES}
    (ml, sl, nl), (ms, ss, ns) = mean_sd_n(values["left"]), mean_sd_n(values["stayed"])
    row = {"column": column, "label": label, "n_left": nl, "n_stayed": ns, "shown": min(nl, ns) >= min_group}
    if not row["shown"]:
        return row | {"n_left": np.nan, "n_stayed": np.nan}
    welch = welch_from_stats(ml, sl, nl, ms, ss, ns)
    hedges = hedges_from_stats(ml, sl, nl, ms, ss, ns)
    return row | {"mean_left": ml, "mean_stayed": ms, "diff": welch["diff"], "ci_low": welch["ci_low"],
                  "ci_high": welch["ci_high"], "p": welch["p"], "g": hedges["g"], "g_ci_low": hedges["ci_low"],
                  "g_ci_high": hedges["ci_high"]}


def leaver_sentence(row: pd.Series, months: int = FOLLOW_UP_MONTHS) -> str:
    """One plain sentence for a row of the comparison table, saying when it is within noise."""
    label = row["label"]
    if not row["shown"]:
        return f"{label}: too few people in one of the groups to show safely."
    numbers = (f"{fixed(row['mean_left'])} against {fixed(row['mean_stayed'])}; difference {signed(row['diff'])}, "
               f"95% CI {interval(row['ci_low'], row['ci_high'], sign=True)}")
    if row["ci_low"] <= 0 <= row["ci_high"]:
        return (f"{label}: no clear difference between people who left within {months} months and people "
                f"who stayed ({numbers}); the gap is within noise.")
    higher = "higher" if row["diff"] > 0 else "lower"
    return (f"{label}: people who left within {months} months of answering had scored {higher} on average "
            f"than people who stayed ({numbers}).")
