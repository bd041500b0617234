"""The validation report: every finding of every step in one tidy table.

One row per finding, in the shape pandera uses for failure cases: which file, sheet, row and
column, the value at fault, a reason code a program can filter on, and a sentence a person can
act on. Pages only display it; the CLI prints its summary.

The report goes into downloads and the Present workbook, so a cell's text is copied into it only
when it cannot be personal: a short number, or a few words with no digits and no listed first
name or surname ('Maybe', 'Not sure'). Anything else a person typed into an answer ('Jane Smith
07700 900123') is described by its length, with the row and column to find it by.
"""

from __future__ import annotations

import re

import pandas as pd

from tiwell.text.names import first_names, last_names
from tiwell.text.spelling import normalise

ISSUE_COLUMNS = ["severity", "code", "file", "sheet", "row", "column", "value", "message"]
SEVERITIES = ("error", "warning", "info")

# Reason codes, and what each means for the respondent's row.
CODES = {
    "personal_data_dropped": "A column of personal data was removed on reading.",
    "header_rows": "Rows taken as the header, not as respondents.",
    "blank_row": "A row with nothing in it; not a respondent.",
    "item_not_found": "No column holds this item; everyone counts as not answering it.",
    "mapping_note": "A note about the mapping used.",
    "off_scale": "A number that is not an answer on the scale; treated as unanswered, never clipped.",
    "not_an_answer": "Text that is not one of the scale's answers; treated as unanswered.",
    "no_wave": "The row's wave could not be told from its date.",
    "date_order": "How a date column was read: day-first or month-first, and the date that proves it.",
    "date_order_assumed": "Every date could be read either way, so the day-first / month-first setting decided.",
    "dates_both_orders": "A date column written both ways round; the rows written the other way have no date.",
    "dates_unreadable": "No date in the column could be read, so it gives no waves.",
    "prorated": "A subscale was scored from the answered items under the missing-item rule.",
    "not_scored": "At least one subscale could not be scored.",
}


_SHORT_NUMBER = re.compile(r"[-+]?\d{1,4}(?:[.,]\d{1,2})?")
_SHORT_TEXT = 24


def cell_value(text: str) -> tuple[str, str]:
    """A cell as the report may hold it: (the value column's entry, how a sentence starts with it).
    '6' is ('6', "'6'"); 'Jane Smith 07700 900123' is ('text of 23 characters', 'Text of 23 characters')."""
    text = str(text).strip()
    if _SHORT_NUMBER.fullmatch(text) or (len(text) <= _SHORT_TEXT and not re.search(r"[\d@]", text)
                                         and not _names_anyone(text)):
        return text, f"'{text}'"
    digits = sum(ch.isdigit() for ch in text)
    described = f"a number of {digits} digits" if digits and not re.search(r"[^\d\s().+-]", text) \
        else f"text of {len(text)} characters"
    return described, described[0].upper() + described[1:]


def _names_anyone(text: str) -> bool:
    words = set(normalise(text).split())
    return bool(words & first_names() or words & last_names())


def issues_frame(records: list[dict], *, file: str | None = None, sheet: str | None = None) -> pd.DataFrame:
    """A report table from dicts holding some of ISSUE_COLUMNS, all about one file and sheet;
    by severity, and within it findings about the whole file (no row number) first."""
    frame = pd.DataFrame.from_records(records, columns=ISSUE_COLUMNS).assign(file=file, sheet=sheet)
    frame["row"] = frame["row"].astype("Int64")
    order = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    return frame.assign(_o=order).sort_values(["_o", "row"], na_position="first", kind="stable").drop(columns="_o").reset_index(drop=True)


def count_by_code(issues: pd.DataFrame) -> dict[str, int]:
    return issues["code"].value_counts().to_dict()
