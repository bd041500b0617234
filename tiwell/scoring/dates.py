"""Response dates read as the people who wrote them meant.

A survey tool writes a date in its user's order: 03/02/2026 is 3 February in the UK and March 2
in the US. A column is day-first when any value proves it (a first number over 12, 13/02/2026)
and month-first when any value proves that (02/13/2026); when every value could be read either
way, the organisation's setting decides (day-first unless set otherwise), and the report says so.
A column proving both orders is reported with the rows at fault, never silently guessed.

Read too: 12-hour times ('01/19/2026 10:24:13 AM'), ISO 8601 with 'T' and a zone (the time as
written is kept, the zone dropped, so a response lands on the day its writer saw), REDCap and
Typeform timestamps ('2026-01-19 10:24'), months by name ('Jan 19, 2026', '19 January 2026'),
Excel date numbers (46041, 46041.43), and REDCap's
'[not completed]', which is a blank rather than a date that cannot be read. Each distinct value
is read once, by pattern, and spread back to its rows: a 100,000-row column takes a fraction of
a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from tiwell.findings import Code, Finding, finding

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
BLANKS = ("", "[not completed]")  # REDCap's mark for a survey never submitted
EXCEL_EPOCH = "1899-12-30"        # day 0 of Excel's date numbers (as Excel counts, past its 1900 leap-year slip)
# The report's findings on a date column, in the order the summary gives them.
SHOWN_ROWS = 5                    # rows named in a finding about a column written both ways round

_TIME = (r"(?:(?:[ T]|, ?)\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
         r"\s*(?P<half>[AaPp]\.?[Mm]\.?)?)?")
_ZONE = r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
_YEAR_FIRST = rf"^(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}}){_TIME}{_ZONE}$"
_YEAR_LAST = rf"^(?P<first>\d{{1,2}})[-/.](?P<then>\d{{1,2}})[-/.](?P<year>\d{{4}}|\d{{2}}){_TIME}{_ZONE}$"
_SERIAL = r"^\d{5}(?:\.\d+)?$"
# Months by name, which need no order: '19 Jan 2026', 'Jan 19, 2026 10:24 AM' (Jotform), 'January 19 2026'.
_MONTH = (r"(?P<month_name>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?")
_NAMED = (rf"^(?P<day>\d{{1,2}})[ -]{_MONTH}[ -](?P<year>\d{{4}}){_TIME}{_ZONE}$",
          rf"^{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}}){_TIME}{_ZONE}$")
_MONTHS = pa.array(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])


@dataclass(frozen=True)
class DateReading:
    """How a column of dates was read, for the report and the settings shown beside it.

    ``order`` is the one used for values such as 03/02/2026; ``proof`` the first value that
    proved it (its date part), None when the setting decided or no value needed an order;
    ``doubtful`` how many distinct values could have been read either way."""

    order: str
    proof: str | None
    doubtful: int
    read: int                              # rows with a date
    unreadable: int                        # rows neither blank nor a date
    other_order_rows: tuple = ()           # rows written the other way round, when both orders are proven

    @property
    def assumed(self) -> bool:
        """The order came from the setting: every value that needed one could be read either way."""
        return self.proof is None and self.doubtful > 0


def read_dates(values: pd.Series, month_first: bool = False) -> tuple[pd.Series, DateReading]:
    """Dates (NaT for a blank or a value that is not a date) and how they were read.
    ``month_first`` is the setting for a column whose every value could be read either way."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    text = pc.utf8_trim_whitespace(pa.array(pd.Series(distinct).astype("string[pyarrow]").array))
    rows = np.bincount(codes[codes >= 0], minlength=len(text))
    parsed, order, proving, other, doubtful = _read_distinct(text, rows, month_first)
    # Spread back to the rows; a missing value (code -1) takes the NaT or True put at the end.
    dates = pd.Series(np.append(parsed.to_numpy(), np.datetime64("NaT"))[codes], index=values.index,
                      dtype="datetime64[ns]")
    blank = np.append(pc.is_in(pc.utf8_lower(text), pa.array(BLANKS)).to_numpy(zero_copy_only=False), True)[codes]
    reading = DateReading(order, _proof(text, proving, parsed), doubtful, int(dates.notna().sum()),
                          int((dates.isna() & ~blank).sum()), tuple(values.index[np.isin(codes, other)][:SHOWN_ROWS]))
    return dates, reading


def _read_distinct(text: pa.Array, rows: np.ndarray, month_first: bool):
    """Each distinct value read once: the dates, the order used, the values proving it and those
    proving the other order, and how many could have been read either way."""
    parsed = pd.Series(pd.NaT, index=range(len(text)), dtype="datetime64[ns]")
    year_first = _parts(text, _YEAR_FIRST)
    parsed[year_first.index] = _from_parts(year_first, year_first["month"], year_first["day"])
    year_last = _parts(text, _YEAR_LAST)
    order, proving, other = _order(year_last, rows, month_first)
    day, month = (year_last["then"], year_last["first"]) if order == MONTH_FIRST else (
        year_last["first"], year_last["then"])
    parsed[year_last.index] = _from_parts(year_last, month, day)
    for pattern in _NAMED:
        named = _parts(text, pattern)
        parsed[named.index] = _from_parts(named, named["month"], named["day"])
    serial = np.flatnonzero(pc.match_substring_regex(text, _SERIAL).to_numpy(zero_copy_only=False))
    if len(serial):
        numbers = pc.cast(text.take(serial), pa.float64()).to_numpy()
        parsed[serial] = pd.to_datetime(numbers, unit="D", origin=EXCEL_EPOCH).round("s")
    return parsed, order, proving, other, int(_doubtful(year_last).sum())


def parse_dates(values: pd.Series, month_first: bool = False) -> pd.Series:
    """The dates alone, for a column whose reading need not be reported (HR dates, a wave's date)."""
    return read_dates(values, month_first)[0]


def _order(year_last: pd.DataFrame, rows: np.ndarray, month_first: bool):
    """The order for day and month: the one the values prove (by rows, when both are proven),
    else the setting; the distinct values proving it, and those proving the other one."""
    first, second = year_last["first"].astype(int), year_last["then"].astype(int)
    proves = {DAY_FIRST: year_last.index[(first > 12) & (second <= 12)],
              MONTH_FIRST: year_last.index[(second > 12) & (first <= 12)]}
    weight = {order: int(rows[index].sum()) for order, index in proves.items()}
    setting = MONTH_FIRST if month_first else DAY_FIRST
    if not any(weight.values()):
        return setting, np.array([], dtype=int), np.array([], dtype=int)
    other = MONTH_FIRST if setting == DAY_FIRST else DAY_FIRST
    order = other if weight[other] > weight[setting] else setting
    unused = MONTH_FIRST if order == DAY_FIRST else DAY_FIRST
    return order, proves[order].to_numpy(), proves[unused].to_numpy()


def _proof(text: pa.Array, proving: np.ndarray, parsed: pd.Series) -> str | None:
    """The date part of the first value proving the order, one that reads as a date if any does."""
    if not len(proving):
        return None
    readable = proving[parsed.to_numpy()[proving] == parsed.to_numpy()[proving]]  # NaT is not equal to itself
    return re.match(r"[\d/.-]+", text[int((readable if len(readable) else proving).min())].as_py()).group()


def _parts(text: pa.Array, pattern: str) -> pd.DataFrame:
    """The named pieces of each value that matches ``pattern`` (Arrow's RE2, all values at once):
    numbers as numbers (NaN where an optional piece is absent), the 12-hour mark as 1 (PM) or 0;
    indexed by the value's place among the distinct values."""
    # Matching alone is quick; the pieces are taken only from the values that match.
    matched = np.flatnonzero(pc.match_substring_regex(text, pattern).to_numpy(zero_copy_only=False))
    found = pc.extract_regex(text.take(matched), pattern)
    pieces = {}
    for k, name in enumerate(found.type.names):
        piece = pc.if_else(pc.equal(found.field(k), ""), None, found.field(k))
        if name == "half":  # 1 after noon, 0 before, NaN on a 24-hour clock
            piece = pc.if_else(pc.starts_with(pc.utf8_upper(piece), "P"), 1.0, 0.0)
        elif name == "month_name":  # 'Jan', 'january' -> 1
            name, piece = "month", pc.add(pc.index_in(pc.utf8_lower(pc.utf8_slice_codeunits(piece, 0, 3)),
                                                      value_set=_MONTHS), 1)
        pieces[name] = pc.cast(piece, pa.float64()).to_numpy(zero_copy_only=False)
    return pd.DataFrame(pieces).set_axis(matched)


def _doubtful(year_last: pd.DataFrame) -> pd.Series:
    """Values whose first two numbers could each be a day or a month (03/02/2026), not the same."""
    first, second = year_last["first"].astype(int), year_last["then"].astype(int)
    return first.between(1, 12) & second.between(1, 12) & (first != second)


def _from_parts(parts: pd.DataFrame, month: pd.Series, day: pd.Series) -> pd.Series:
    """Timestamps from the pieces a pattern found; NaT where they make no date (month 13, 13 PM)."""
    if parts.empty:
        return pd.Series(dtype="datetime64[ns]")
    year = parts["year"].astype(int)
    year = year.where(year >= 100, year + np.where(year < 69, 2000, 1900))  # '25' is 2025, '85' 1985, as %y reads them
    given = parts["hour"].fillna(0).astype(int)
    twelve = parts["half"].notna()
    hour = given.where(~twelve, given % 12 + 12 * parts["half"].fillna(0).astype(int))
    minute, second = parts["minute"].fillna(0).astype(int), parts["second"].fillna(0).astype(int)
    frame = pd.DataFrame({"year": year, "month": month.astype(int), "day": day.astype(int),
                          "hour": hour, "minute": minute, "second": second})
    # pandas carries an hour of 25 over into the next day: a clock that cannot be is no date.
    clock = hour.le(23) & minute.le(59) & second.le(59) & (~twelve | given.between(1, 12))
    return pd.to_datetime(frame, errors="coerce").astype("datetime64[ns]").where(clock)


def date_findings(column: str, reading: DateReading) -> list[Finding]:
    """What the report says about a date column: how its dates were read (code ``date_order``,
    or ``date_order_assumed`` when the setting decided), a warning when none could be read
    (``dates_unreadable``: never a silent 'no waves') or when they are written both ways round
    (``dates_both_orders``, naming rows to check)."""
    if not reading.read and reading.unreadable:
        return [finding(Code.DATES_UNREADABLE, column=column,
                        message=f"None of the {reading.unreadable:,} dates in column '{column}' could be read, so no "
                            "row has a wave from them. Choose a wave column in the mapping, or export the dates "
                            "in a form such as 13/02/2026 or 2026-02-13.")]
    code = Code.DATE_ORDER_ASSUMED if reading.assumed else Code.DATE_ORDER
    out = [finding(code, reading_sentence(column, reading), column=column)]
    if reading.other_order_rows:
        other = MONTH_FIRST if reading.order == DAY_FIRST else DAY_FIRST
        rows = ", ".join(map(str, reading.other_order_rows))
        more = " and more" if len(reading.other_order_rows) == SHOWN_ROWS else ""
        out.append(finding(Code.DATES_BOTH_ORDERS, column=column,
                           message=f"Column '{column}' holds dates written {reading.order} and others written {other} "
                               f"(row{'s' if len(reading.other_order_rows) > 1 else ''} {rows}{more}). "
                               f"They were read {reading.order}, as most of them prove; the rows written the other "
                               "way round have no date. Check the export."))
    return out


def reading_sentence(column: str, reading: DateReading) -> str:
    """One sentence on how a date column was read: the order and what decided it, and how many
    dates could not be read."""
    if reading.proof:
        how = f"read {reading.order} ({reading.proof} proves it)"
    elif reading.assumed:
        how = f"read {reading.order}, as set: every date could be read either way"
    else:
        how = "read as written (none could mean two different days)"
    missed = (f"; {reading.unreadable:,} could not be read, so those rows have no wave"
              if reading.unreadable else "")
    return f"Dates in column '{column}' {how}{missed}."
