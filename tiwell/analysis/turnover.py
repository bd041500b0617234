"""Turnover from HR data, and survey waves joined to turnover periods.

HR data comes in two shapes: a team-period table (team, period, headcount, leavers, optionally
voluntary leavers) or a person-level staff list (team, start date, leave date, reason) from which
the same table is derived. Both are read with the same rules as survey files.

The turnover (crude wastage) rate is the CIPD's standard: leavers in the period divided by the
average headcount in the period, x 100; a period shorter than a year is annualised by x 12 /
months, so half-years and quarters compare with annual figures. All and voluntary leavers are
counted separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from tiwell.errors import IngestError
from tiwell.ingest.tables import read_tables
from tiwell.privacy.release import Release
from tiwell.stats import pearson, spearman
from tiwell.text.spelling import normalise
from tiwell.text.numbers import fixed, interval, p_value
from tiwell.text.team_names import match_teams  # noqa: F401  (kept here: the turnover page imports it from here)
from tiwell.scoring.dates import parse_dates
from tiwell.survey import values_in_order

RATE_FORMULA = ("Turnover rate = leavers in the period / average headcount in the period x 100, "
                "annualised x 12 / months for periods shorter than a year (CIPD crude wastage rate).")
VOLUNTARY_REASONS = ("resign", "voluntary", "new job", "career", "relocat", "personal", "retire")

# field: header patterns (normalised), first match wins
_TABLE_FIELDS = {
    "team": r"team|team name|department|service|unit",
    "period": r"period|quarter|half|half year|month|year",
    "period_start": r"period start|start of period|from|start",
    "period_end": r"period end|end of period|to|end",
    "headcount_start": r"headcount start|start headcount|headcount at start|opening headcount",
    "headcount_end": r"headcount end|end headcount|headcount at end|closing headcount",
    "average_headcount": r"average headcount|avg headcount|mean headcount|headcount|fte",
    "leavers": r"leavers|all leavers|number of leavers|total leavers",
    "voluntary_leavers": r"voluntary leavers|voluntary|resignations",
}
_PERSON_FIELDS = {
    "team": r"team|team name|department|service|unit",
    "start_date": r"start date|date started|joined|date joined|start",
    "leave_date": r"leave date|leaving date|date left|left|end date|termination date",
    "reason": r"reason|leaving reason|reason for leaving",
}


@dataclass(frozen=True)
class TeamPeriods:
    """The team x period table, with rates; ``source`` says which shape it came from. ``people``
    is the staff list itself (person_code, team, start_date, leave_date, voluntary) when it was
    read with a key and had an employee-number column; otherwise None."""

    table: pd.DataFrame
    source: str
    people: pd.DataFrame | None = None

    @property
    def teams(self) -> list:
        """The HR data's team names, sorted, to match against the survey's."""
        return sorted(self.table["team"].unique())

    @property
    def description(self) -> str:
        """'Read as a staff list: 7 teams, 4 periods.', so a person sees at once whether it read as meant."""
        return f"Read as a {self.source}: {self.table['team'].nunique()} teams, {self.table['period'].nunique()} periods."


def read_hr(data: bytes, filename: str, sheet: str | None = None, id_key: bytes | None = None) -> TeamPeriods:
    """Read an HR file in either shape and return the team-period table with rates. With
    ``id_key`` a staff list's employee numbers are kept as private codes (:mod:`tiwell.ingest.pseudonym`)."""
    table = next(read_tables(data, filename, sheet, id_key))
    fields = _fields(table.frame.columns, _TABLE_FIELDS)
    if {"team", "leavers"} <= set(fields) and ({"average_headcount"} & set(fields) or
                                                {"headcount_start", "headcount_end"} <= set(fields)):
        return TeamPeriods(rates(_team_periods(table.frame, fields, table.where)), "team-period table")
    people = _fields(table.frame.columns, _PERSON_FIELDS)
    if {"team", "start_date", "leave_date"} <= set(people):
        staff = _staff_list(table.frame, people, table.where)
        coded = None if table.person_codes is None else staff.assign(person_code=table.person_codes)
        return TeamPeriods(rates(from_staff_list(staff, half_years(staff))), "person-level staff list", coded)
    raise IngestError(
        f"{table.where} is neither a team-period table (team, period, headcount, leavers) nor a staff list "
        f"(team, start date, leave date); its columns are: {', '.join(table.frame.columns)}.",
        file=table.filename, sheet=table.sheet,
    )


def _fields(columns, patterns: dict[str, str]) -> dict[str, str]:
    found = {}
    for field, pattern in patterns.items():
        for column in columns:
            if column not in found.values() and re.fullmatch(pattern, normalise(column).replace("_", " ")):
                found[field] = column
                break
    return found


def _numbers(frame: pd.DataFrame, column: str, where: str) -> pd.Series:
    values = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
    bad = values.isna() | (values < 0)
    if bad.any():
        row = bad.idxmax()
        raise IngestError(f"{where}, row {row}, column '{column}': '{frame.at[row, column]}' is not a count.",
                          row=int(row), column=column)
    return values


def _team_periods(frame: pd.DataFrame, fields: dict[str, str], where: str) -> pd.DataFrame:
    out = pd.DataFrame({"team": frame[fields["team"]].str.strip()}, index=frame.index)
    out["period"] = frame[fields["period"]] if "period" in fields else "all"
    for field in ("headcount_start", "headcount_end", "average_headcount", "leavers", "voluntary_leavers"):
        if field in fields:
            out[field] = _numbers(frame, fields[field], where)
    for field in ("period_start", "period_end"):
        if field in fields:
            out[field] = parse_dates(frame[fields[field]])
    if "average_headcount" not in out:
        out["average_headcount"] = (out["headcount_start"] + out["headcount_end"]) / 2
    if "voluntary_leavers" in out and (out["voluntary_leavers"] > out["leavers"]).any():
        row = (out["voluntary_leavers"] > out["leavers"]).idxmax()
        raise IngestError(f"{where}, row {row}: more voluntary leavers than leavers.", row=int(row))
    return out.reset_index(drop=True)


def _staff_list(frame: pd.DataFrame, fields: dict[str, str], where: str) -> pd.DataFrame:
    staff = pd.DataFrame({"team": frame[fields["team"]].str.strip(),
                          "start_date": parse_dates(frame[fields["start_date"]]),
                          "leave_date": parse_dates(frame[fields["leave_date"]])}, index=frame.index)
    unreadable = staff["start_date"].isna()
    if unreadable.any():
        row = unreadable.idxmax()
        raise IngestError(f"{where}, row {row}, column '{fields['start_date']}': "
                          f"'{frame.at[row, fields['start_date']]}' is not a date.", row=int(row),
                          column=fields["start_date"])
    reason = frame[fields["reason"]] if "reason" in fields else pd.Series("", index=frame.index)
    staff["voluntary"] = reason.str.lower().str.contains("|".join(VOLUNTARY_REASONS), regex=True)
    return staff


def half_years(staff: pd.DataFrame) -> pd.DataFrame:
    """Half-year periods from the first to the last half-year in which someone left."""
    dates = staff["leave_date"].dropna()
    if dates.empty:
        dates = staff["start_date"].dropna()
    first = pd.Timestamp(dates.min().year, 1 if dates.min().month <= 6 else 7, 1)
    starts = pd.date_range(first, dates.max(), freq="6MS")
    return pd.DataFrame({"period": [f"{s.year}-H{1 if s.month == 1 else 2}" for s in starts],
                         "period_start": starts, "period_end": starts + pd.DateOffset(months=6) - pd.Timedelta(days=1)})


def from_staff_list(staff: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """The team-period table a staff list implies: headcount on the first and on the last day of
    each period, and the people who left within it (all, and voluntary). Someone leaving on a
    period's last day is a leaver of that period and not in its closing headcount."""
    rows = []
    for period in periods.itertuples():
        first, last = period.period_start, period.period_end
        started = staff["start_date"]
        still = staff["leave_date"]
        counts = pd.DataFrame({
            "team": staff["team"],
            "headcount_start": (started <= first) & (still.isna() | (still >= first)),
            "headcount_end": (started <= last) & (still.isna() | (still > last)),
            "leavers": still.between(first, last),
        })
        counts["voluntary_leavers"] = counts["leavers"] & staff["voluntary"]
        summed = counts.groupby("team").sum().reset_index()
        rows.append(summed.assign(period=period.period, period_start=first, period_end=last))
    table = pd.concat(rows, ignore_index=True)
    table["average_headcount"] = (table["headcount_start"] + table["headcount_end"]) / 2
    return table


def rates(table: pd.DataFrame) -> pd.DataFrame:
    """Adds ``months``, ``turnover_rate`` and ``voluntary_rate`` (per 100, annualised)."""
    out = table.copy()
    if {"period_start", "period_end"} <= set(out):
        days = (out["period_end"] - out["period_start"]).dt.days + 1
        out["months"] = (days / 365.25 * 12).round().clip(lower=1)
    else:
        out["months"] = 12.0
    scale = 100 * 12 / out["months"] / out["average_headcount"].where(out["average_headcount"] > 0)
    out["turnover_rate"] = out["leavers"] * scale
    if "voluntary_leavers" in out:
        out["voluntary_rate"] = out["voluntary_leavers"] * scale
    return out


# ---------------------------------------------------------------- joining to the survey


def wave_dates(scored: pd.DataFrame, date_column: str | None, month_first: bool = False) -> pd.Series:
    """A date for each wave: the median response date where dates exist (read as the scoring read
    them, by the same setting), else the wave label read as a date ('2025-03' -> 1 March 2025)."""
    waves = list(values_in_order(scored, "wave"))
    labels = pd.Series(pd.to_datetime(pd.Series(waves), format="mixed", errors="coerce").to_numpy(), index=waves)
    if date_column and date_column in scored:
        dates = parse_dates(scored[date_column], month_first)
        medians = dates.groupby(scored["wave"]).median()
        labels = medians.reindex(waves).fillna(labels)
    return labels


def join_waves(summary: pd.DataFrame, turnover: pd.DataFrame, dates: pd.Series, lag: int = 0) -> pd.DataFrame:
    """Team-wave survey means beside the turnover of the period holding the wave (lag 0) or
    ``lag`` periods later (does this wave's burnout precede the next period's leaving?)."""
    periods = turnover[["period", "period_start", "period_end"]].drop_duplicates().sort_values("period_start")
    periods = periods.reset_index(drop=True)
    index_of = {}
    for wave, day in dates.items():
        inside = periods.index[(periods["period_start"] <= day) & (periods["period_end"] >= day)]
        if len(inside) and inside[0] + lag < len(periods):
            index_of[wave] = periods.loc[inside[0] + lag, "period"]
    joined = summary.assign(period=summary["wave"].map(index_of)).dropna(subset=["period"])
    # Typed as the HR periods even when no wave falls in one (a column of NaN), so the join finds nothing.
    joined = joined.astype({"period": turnover["period"].dtype})
    columns = ["team", "period", "turnover_rate", "average_headcount", "leavers"] + (
        ["voluntary_rate"] if "voluntary_rate" in turnover else [])
    return joined.merge(turnover[columns], on=["team", "period"], how="inner")


def rename_teams(turnover: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """HR team names replaced by the survey's, for the confirmed matches only."""
    confirmed = matches.dropna(subset=["survey_team"])
    mapping = dict(zip(confirmed["hr_team"], confirmed["survey_team"]))
    return turnover[turnover["team"].isin(mapping)].assign(team=lambda t: t["team"].map(mapping))


# ---------------------------------------------------------------- team by team, beside the survey


def shown_team_waves(release: Release, column: str, filters: dict) -> pd.DataFrame:
    """The team-wave means of one score that the release shows, in its order: the only survey
    numbers turnover is ever set beside, so a hidden team-wave never becomes a point."""
    table = release.table(["wave", "team"], filters)
    return table[(table["subscale"] == column) & table["mean"].notna()]


def turnover_points(team_waves: pd.DataFrame, turnover: pd.DataFrame, dates: pd.Series, rate: str,
                    lag: int = 0) -> pd.DataFrame:
    """Each shown team-wave beside its team's ``rate`` (turnover_rate or voluntary_rate) in the
    period holding the wave, or ``lag`` periods later, the rate under the one name ``rate``."""
    return join_waves(team_waves, turnover, dates, lag).rename(columns={rate: "rate"})


def point_teams(points: pd.DataFrame) -> list:
    """The teams that have at least one point, sorted: the teams one can follow over time."""
    return sorted(points["team"].unique())


def score_turnover_correlations(points: pd.DataFrame) -> pd.DataFrame:
    """Pearson's and Spearman's correlation of the team-wave means with the rate, each with its
    95% interval, p-value and n, as a leader reads them ('0.80', 'from -0.70 to 1.00', '0.200'):
    both, because with few teams one unusual team can carry Pearson's r, and Spearman's says
    whether the order alone holds up."""
    table = pd.concat([pearson(points["mean"], points["rate"]).assign(method="Pearson"),
                       spearman(points["mean"], points["rate"]).assign(method="Spearman")], ignore_index=True)
    return pd.DataFrame({
        "method": table["method"], "r": table["r"].map(lambda r: fixed(r, 2)),
        "95% interval": [f"from {interval(r.ci_low, r.ci_high, 2)}" for r in table.itertuples()],
        "p": table["p"].map(p_value), "n": table["n"]})


def team_timeline(team_waves: pd.DataFrame, turnover: pd.DataFrame, dates: pd.Series, team: str
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One team's shown means, each at its wave's date, and the same team's turnover periods: the
    two series the timeline draws on one time axis."""
    mine = team_waves[team_waves["team"] == team]
    return mine.assign(date=mine["wave"].map(dates)), turnover[turnover["team"] == team]


def answer_dates(scored: pd.DataFrame, date_column: str | None, month_first: bool = False) -> pd.Series:
    """When each person answered: their own response date where the survey has one (read by the
    scoring's setting), else the date of their wave (:func:`wave_dates`), so a follow-up can start
    from every answer."""
    answered = scored["wave"].map(wave_dates(scored, date_column, month_first))
    return parse_dates(scored[date_column], month_first).fillna(answered) if date_column else answered
