"""What tiwell found in an upload: typed findings, the validation report built from them, and
a plain account of the upload for the CLI and the home page.

Every step that notices something about a row or a column (a personal column dropped, an answer
off the scale, a date with no wave, a row that could not be scored) makes a :class:`Finding`
through :func:`finding`, with a :class:`Code` a program can filter on; the code decides the
severity, so the same thing is never an error in one place and a warning in another. The report
(:func:`findings_frame`) has one row per finding, in the shape pandera uses for failure cases:
which file, sheet, row and column, the value at fault, the code, and a sentence a person can act
on. Pages only display it; the CLI prints :func:`describe_upload`.

The report goes into downloads and the Present workbook, so a cell's text is copied into it only
when it cannot be personal: a short number, or a few words with no digits and no listed first
name or surname ('Maybe', 'Not sure'). Anything else a person typed into an answer ('Jane Smith
07700 900123') is described by its length, with the row and column to find it by.

Nothing here imports a stage after ``text``, so every stage can make findings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from enum import StrEnum

import pandas as pd

from tiwell.text.names import first_names, last_names
from tiwell.text.spelling import normalise

FINDING_COLUMNS = ["severity", "code", "file", "sheet", "row", "column", "value", "message"]
SEVERITIES = ("error", "warning", "info")  # the report's order, worst first


class Code(StrEnum):
    """Why a finding was made, as the report's ``code`` column holds it; each member also carries
    its ``severity`` and what it means for the respondent's row (``meaning``)."""

    severity: str
    meaning: str

    def __new__(cls, value: str, severity: str, meaning: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity, member.meaning = severity, meaning
        return member

    PERSONAL_DATA_DROPPED = "personal_data_dropped", "info", "A column of personal data was removed on reading."
    HEADER_ROWS = "header_rows", "info", "Rows taken as the header, not as respondents."
    BLANK_ROW = "blank_row", "info", "A row with nothing in it; not a respondent."
    HEADER_IN_DATA = ("header_in_data", "warning",
                      "A header inside the data (exports pasted one below another); taken out, not scored.")
    ROWS_SET_ASIDE = ("rows_set_aside", "error",
                      "Rows below a pasted header whose columns are not the first header's; not scored.")
    ITEM_NOT_FOUND = "item_not_found", "warning", "No column holds this item; everyone counts as not answering it."
    ITEM_NEAR_MISS = ("item_near_miss", "warning",
                      "No column matched this item closely enough; the closest one is shown for you to accept.")
    MAPPING_NOTE = "mapping_note", "warning", "A note about the mapping used."
    OFF_SCALE = "off_scale", "warning", "A number that is not an answer on the scale; treated as unanswered, never clipped."
    NOT_AN_ANSWER = "not_an_answer", "warning", "Text that is not one of the scale's answers; treated as unanswered."
    NOT_A_SCALE = ("not_a_scale", "warning",
                   "A column set as a question of your own whose answers are on no scale; left out of the analyses.")
    NO_WAVE = "no_wave", "warning", "The row's wave could not be told from its date."
    DATE_ORDER = ("date_order", "info",
                  "How a date column was read: day-first or month-first, and the date that proves it.")
    DATE_ORDER_ASSUMED = ("date_order_assumed", "info",
                          "Every date could be read either way, so the day-first / month-first setting decided.")
    DATES_BOTH_ORDERS = ("dates_both_orders", "warning",
                         "A date column written both ways round; the rows written the other way have no date.")
    DATES_UNREADABLE = "dates_unreadable", "warning", "No date in the column could be read, so it gives no waves."
    COLUMN_MATCHED = ("column_matched", "info",
                      "A column of this file taken as the same question as a column of another file combined with it.")
    TEAM_MATCHED = ("team_matched", "info",
                    "A team written differently in this file taken as a team of another file combined with it.")
    WAVE_LABELLED = "wave_labelled", "info", "A file with no dates and no wave column: all its rows are one wave."
    PRORATED = "prorated", "info", "A subscale was scored from the answered items under the missing-item rule."
    NOT_SCORED = "not_scored", "error", "At least one subscale could not be scored."


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing noticed about an upload: a row of the report without its file and sheet (every
    finding of one report is about the same file and sheet). ``row`` is the spreadsheet row and
    ``column`` the header, when the finding is about one; ``value`` is the cell as
    :func:`cell_value` lets the report hold it."""

    severity: str
    code: Code
    row: int | None
    column: str | None
    value: str | None
    message: str


def finding(code: Code | str, message: str, *, row: int | None = None, column: str | None = None,
            value: str | None = None) -> Finding:
    """The one way a finding is made: its severity is its code's, and a code that is not a
    :class:`Code` member is refused (a ValueError) rather than reported unexplained."""
    code = code if isinstance(code, Code) else Code(code)
    return Finding(code.severity, code, row, column, value, message)


def findings_frame(findings: list[Finding], *, file: str | None = None, sheet: str | None = None) -> pd.DataFrame:
    """The report table of findings about one file and sheet, columns FINDING_COLUMNS; by
    severity, and within it findings about the whole file (no row number) first."""
    # An absent row, column or value is NaN, so a column no finding fills reads as missing the
    # way the report has always held it (float NaN; <NA> in the row column).
    records = [(f.severity, str(f.code), _nan(f.row), _nan(f.column), _nan(f.value), f.message) for f in findings]
    frame = pd.DataFrame.from_records(records, columns=_FIELDS).assign(file=file, sheet=sheet)[FINDING_COLUMNS]
    frame["row"] = frame["row"].astype("Int64")
    order = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    return frame.assign(_o=order).sort_values(["_o", "row"], na_position="first", kind="stable").drop(columns="_o").reset_index(drop=True)


_FIELDS = [field.name for field in fields(Finding)]  # a record's order, before file and sheet go in


def _nan(value):
    return math.nan if value is None else value


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


# ---------------------------------------------------------------- the upload in sentences


def describe_upload(survey, *, chose_instrument: bool = False) -> list[str]:
    """Sentences about a scored upload (a :class:`~tiwell.pipeline.ScoredSurvey`): what was read,
    which instrument, which column is which, what was dropped, and how many respondents were
    scored. Names columns, never personal values."""
    table, mapping = survey.table, survey.mapping
    headers = ", ".join(map(str, table.header_rows))
    plural = "s" if len(table.header_rows) > 1 else ""
    lines = [f"Read {table.where} ({table.layout_name} layout; header row{plural} {headers})."]
    how = "as you chose" if chose_instrument else "detected from the columns"
    found = ", ".join(f"{inst.short_name} ({len(mapping.item_columns(inst.id))} of {len(inst.items)} item columns)"
                      for inst in survey.instruments)
    lines.append(f"Instrument{'s' if len(survey.instruments) > 1 else ''} {how}: {found}.")
    lines += list(survey.notes)
    lines += survey.findings.loc[survey.findings["code"] == Code.ITEM_NEAR_MISS, "message"].tolist()
    lines.append("Columns: " + "; ".join(_roles(survey)) + ".")
    if mapping.column_for("team") is None:
        lines.append(no_team_sentence(mapping))
    lines += _dates(survey.findings)
    lines += _own_questions(mapping)
    if table.dropped:
        lines.append("Dropped as personal data: " + ", ".join(f"'{c}'" for c, _ in table.dropped) + ".")
    if table.person_codes is not None:
        lines.append(f"Employee numbers kept only as private codes for this session, "
                     f"{int(table.person_codes.notna().sum())} given (for comparing later leavers with stayers).")
    if table.blank_rows:
        lines.append(f"Skipped {len(table.blank_rows)} blank row(s): {_rows(table.blank_rows)}.")
    lines += [header.sentence for header in table.pasted_headers]
    c = survey.counts
    lines.append(f"Respondents: {c['respondents']}: {c['scored']} scored, {c['prorated']} prorated, "
                 f"{c['not_scored']} not scored.")
    invalid = survey.findings["code"].isin([Code.OFF_SCALE, Code.NOT_AN_ANSWER]).sum()
    if invalid:
        lines.append(f"{invalid} answer(s) were not on the scale and count as unanswered (see the report).")
    return lines


def no_team_sentence(mapping) -> str:
    """Why nothing is shown team by team, and how to set the team: said on the upload's summary
    and on every page that needs a team, so a team column read as something else is found."""
    groupings = ", ".join(f"'{c}'" for c in mapping.columns_for("group"))
    read_as = f" (read as groupings: {groupings})" if groupings else ""
    return ("No team column was found, so nothing can be shown team by team. If one of the columns"
            f"{read_as} holds the team, set its role to team in the column mapping on the Upload and score page "
            "(or in a mapping file saved with --save-map, then --map).")


def _roles(survey) -> list[str]:
    mapping = survey.mapping
    parts = []
    for role, label in (("team", "team"), ("wave", "wave"), ("date", "date"), ("id", "respondent id")):
        column = mapping.column_for(role)
        if column:
            parts.append(f"{label} '{column}'")
    if mapping.column_for("wave") is None and mapping.column_for("date"):
        unread = survey.findings["code"].eq(Code.DATES_UNREADABLE).any()
        parts.append("no waves: the dates could not be read" if unread else "waves told apart by the date")
    for role, label in (("group", "groupings"), ("comment", "comments")):
        columns = mapping.columns_for(role)
        if columns:
            parts.append(f"{label} " + ", ".join(f"'{c}'" for c in columns))
    return parts or ["no team, wave or id column found"]


_DATE_CODES = (Code.DATE_ORDER, Code.DATE_ORDER_ASSUMED, Code.DATES_BOTH_ORDERS, Code.DATES_UNREADABLE)


def _dates(report: pd.DataFrame) -> list[str]:
    """How the dates were read (which order, and why), or that they could not be: the report's own sentences."""
    return [message for code in _DATE_CODES for message in report.loc[report["code"] == code, "message"]]


def _own_questions(mapping) -> list[str]:
    """How many of the organisation's own questions were found, so a person knows to check them."""
    drivers, asked = mapping.columns_for("driver"), mapping.columns_for("outcome")
    if not drivers and not asked:
        return []
    tagged = mapping.table.loc[mapping.table["role"] == "driver", "principle"].notna().sum()
    about = f"; about leaving: {', '.join(repr(c) for c in asked)}" if asked else ""
    return [f"Questions of your own: {len(drivers)} (tagged with a trauma-informed principle: {tagged}){about}. "
            "Check their tags and reversed wording in the column mapping."]


def _rows(rows: tuple[int, ...], limit: int = 10) -> str:
    shown = ", ".join(map(str, rows[:limit]))
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")
