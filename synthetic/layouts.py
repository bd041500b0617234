"""A survey's true answers written out exactly as each survey tool exports them.

Tests, benchmarks and the sample files all need the same people in every shape a real upload takes:
Microsoft Forms' wide sheet, Google Forms' bracketed headers, Qualtrics' three header rows,
SurveyMonkey's two, and a hand-made workbook. Each layout function takes a *truth* table (one row
per respondent: ``respondent``, ``name``, ``email``, ``phone``, optionally ``employee_id``,
``team``, ``role``, ``wave``, ``submitted``, item columns numbered 1..n holding ``Int64`` answers,
``comment``, then optionally the organisation's own questions, each a text column named by its
question) and returns rows of cells, header rows first, ready for :func:`to_csv_bytes` or
:func:`to_xlsx_bytes`. Metadata the truth lacks (durations, IP addresses, response ids) is derived
from the respondent number, so a layout needs no seed and the same truth always gives the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from tiwell.instruments.model import Instrument

# How organisations adapt the ProQOL's bracketed words; the phrase first, so its [work] goes too.
DEFAULT_WORDS = {
    "case [work] load": "caseload",
    "[helping]": "supporting",
    "[helper]": "support worker",
    "[helped]": "supported",
    "[help]": "support",
}
FIXED_TIME = dt.datetime(2026, 1, 1, 9, 0, 0)  # every workbook's created/modified stamp
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CITIES = ((51.5072, -0.1276), (53.4808, -2.2426), (53.8008, -1.5491), (51.4545, -2.5879))

_TEAM_QUESTION = "Which team do you work in?"
_FORMS_COMMENT = "Is there anything you would like to tell us about how work feels at the moment?"
_GOOGLE_ITEM = "How often have you experienced these in the last 30 days? [{}]"
_QUALTRICS_ITEM = "Please read each statement and select how often you experienced it in the last 30 days. - {}"
_MONKEY_MATRIX = "In the last 30 days, how often have you experienced the following?"
_MONKEY_COMMENT = "Is there anything else you would like to tell us?"

# Qualtrics' fixed columns: name (row 1), question text (row 2), import id (row 3).
_QUALTRICS_META = (
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/London"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
)


# ---------------------------------------------------------------- the five layouts


def microsoft_forms(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """One header row of question texts; answers as labels; US short dates ('3/14/25 9:02:11')."""
    start, end = _times(truth)
    own = own_questions(truth)
    staff_number = ["Employee number"] if "employee_id" in truth else []
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", *staff_number,
              _TEAM_QUESTION, "What is your role?", *statements(instrument, words).values(), *own, _FORMS_COMMENT]
    front = [truth["respondent"].tolist(), _us_dates(start, "%y"), _us_dates(end, "%y"), _text(truth["email"]),
             _text(truth["name"]), [""] * len(truth), *[_text(truth["employee_id"]) for _ in staff_number],
             _text(truth["team"]), _text(truth["role"])]
    back = [*(_text(truth[q]) for q in own), _text(truth["comment"])]
    return _assemble([header], front, _answers(truth, instrument, labels=True), back)


def google_forms(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """One header row, each statement in brackets after the grid question; answers as labels.
    Dates as the linked Google Sheet writes them in a US locale ('3/14/2025 9:02:11')."""
    _, end = _times(truth)
    items = [_GOOGLE_ITEM.format(text) for text in statements(instrument, words).values()]
    own = own_questions(truth)
    header = ["Timestamp", "Email address", "Team", "Your role", *items, *own, "Anything else you would like to share?"]
    front = [_us_dates(end, "%Y"), _text(truth["email"]),
             _text(truth["team"]), _text(truth["role"])]
    back = [*(_text(truth[q]) for q in own), _text(truth["comment"])]
    return _assemble([header], front, _answers(truth, instrument, labels=True), back)


def qualtrics(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None,
              numeric: bool = True) -> list[list]:
    """Three header rows (short names, question texts, JSON import ids). ``numeric`` picks
    Qualtrics' 'numeric values' download (answers 1-5, Finished 1) over 'choice text'."""
    numbers = _numbers(instrument)
    texts = statements(instrument, words)
    headers = [
        [m[0] for m in _QUALTRICS_META] + ["Q1", *(f"Q2_{n}" for n in numbers), "Q3"],
        [m[1] for m in _QUALTRICS_META] + [_TEAM_QUESTION, *(_QUALTRICS_ITEM.format(texts[n]) for n in numbers),
                                           "Anything else you want to tell us?"],
        [m[2] for m in _QUALTRICS_META] + ['{"ImportId":"QID1"}', *(f'{{"ImportId":"QID2_{n}"}}' for n in numbers),
                                           '{"ImportId":"QID3_TEXT"}'],
    ]
    start, end = _times(truth)
    answered = truth[numbers].notna().sum(axis=1).to_numpy()
    finished = answered == len(numbers)
    first, last = _split_names(truth["name"])
    city = [_CITIES[c] for c in _spread(truth["respondent"], 0, len(_CITIES) - 1, salt=3)]
    n = len(truth)
    values = {
        "StartDate": _iso(start), "EndDate": _iso(end), "Status": [0 if numeric else "IP Address"] * n,
        "IPAddress": _ip(truth["respondent"]),
        "Progress": np.where(finished, 100, np.round(100 * (answered + 1) / (len(numbers) + 2))).astype(int).tolist(),
        "Duration (in seconds)": _durations(truth).tolist(),
        "Finished": [int(f) if numeric else str(f) for f in finished], "RecordedDate": _iso(end),
        "ResponseId": [_response_id(r) for r in truth["respondent"]], "RecipientLastName": last,
        "RecipientFirstName": first, "RecipientEmail": _text(truth["email"]), "ExternalReference": [""] * n,
        "LocationLatitude": [f"{lat:.4f}" for lat, _ in city], "LocationLongitude": [f"{lon:.4f}" for _, lon in city],
        "DistributionChannel": ["email"] * n, "UserLanguage": ["EN-GB"] * n,
    }
    front = [values[m[0]] for m in _QUALTRICS_META] + [_text(truth["team"])]
    return _assemble(headers, front, _answers(truth, instrument, labels=not numeric), [_text(truth["comment"])])


def surveymonkey(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """Two header rows: the matrix question over its first column only, each statement below;
    'Response' under single questions. Dates are Excel date cells, answers labels."""
    numbers = _numbers(instrument)
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
            "First Name", "Last Name", "Custom Data 1"]
    top = [*meta, _TEAM_QUESTION, _MONKEY_MATRIX, *[""] * (len(numbers) - 1), _MONKEY_COMMENT]
    under = [*[""] * len(meta), "Response", *statements(instrument, words).values(), "Open-Ended Response"]
    start, end = _times(truth)
    first, last = _split_names(truth["name"])
    respondent = truth["respondent"]
    ids = 11_405_000_000 + respondent.to_numpy(np.int64) * 10_000 + _spread(respondent, 0, 9_999, salt=4)
    front = [ids.tolist(), [431_862_207] * len(truth), [t.to_pydatetime() for t in start],
             [t.to_pydatetime() for t in end], _ip(truth["respondent"]), _text(truth["email"]), first, last,
             _text(truth["phone"]), _text(truth["team"])]
    return _assemble([top, under], front, _answers(truth, instrument, labels=True), [_text(truth["comment"])])


def plain_excel(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    """A hand-made workbook: team, wave, then Q1..Qn with numeric answers."""
    header = ["Team", "Wave", *(f"Q{n}" for n in _numbers(instrument))]
    front = [_text(truth["team"]), _text(truth["wave"])]
    return _assemble([header], front, _answers(truth, instrument, labels=False), [])


# ---------------------------------------------------------------- writing files


def to_csv_bytes(rows: list[list], *, encoding: str = "utf-8", sep: str = ",", bom: bool = False) -> bytes:
    """CSV as the tools write it (CRLF line ends); ``bom`` prefixes U+FEFF as Qualtrics does."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def to_xlsx_bytes(rows: list[list], *, sheet: str = "Sheet1", extra_sheets: dict | None = None) -> bytes:
    """A workbook with ``extra_sheets`` (name -> rows) first, then the data sheet. Empty text is
    an empty cell, as in the tools' own files. Every time stamp inside is fixed, so the same rows
    always give the same bytes."""
    book = Workbook(write_only=True)
    for name, sheet_rows in {**(extra_sheets or {}), sheet: rows}.items():
        target = book.create_sheet(name)
        for row in sheet_rows:
            target.append([None if isinstance(cell, str) and not cell else cell for cell in row])
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    ExcelWriter(book, _StampedZip(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # book.save would stamp "now"
    return buffer.getvalue()


class _StampedZip(zipfile.ZipFile):
    """A zip whose entries all carry FIXED_TIME instead of the moment they (or openpyxl's
    temporary sheet files) were written."""

    def write(self, filename, arcname=None, *args, **kwargs):
        with open(filename, "rb") as file:
            self.writestr(arcname or str(filename), file.read())

    def writestr(self, name, data, *args, **kwargs):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            name.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(name, data, *args, **kwargs)


# ---------------------------------------------------------------- shared pieces


def statements(instrument: Instrument, words: dict | None = None) -> dict[int, str]:
    """Item number -> statement as the organisation shows it: each key of ``words`` (default
    :data:`DEFAULT_WORDS`; ``{}`` keeps the brackets) replaced by its value, longest key first."""
    words = DEFAULT_WORDS if words is None else words
    texts = {}
    for item in instrument.items:
        text = item.text or f"Item {item.number}"
        for key in sorted(words, key=len, reverse=True):
            text = text.replace(key, words[key])
        texts[item.number] = text
    return texts


def own_questions(truth: pd.DataFrame) -> list[str]:
    """The organisation's own questions in a truth table: the named columns after ``comment``."""
    columns = list(truth.columns)
    return [c for c in columns[columns.index("comment") + 1:] if isinstance(c, str)] if "comment" in columns else []


def _numbers(instrument: Instrument) -> list[int]:
    return [item.number for item in instrument.items]


def _answers(truth: pd.DataFrame, instrument: Instrument, *, labels: bool) -> list[list]:
    """One list per item column: its label or number per respondent, '' when unanswered."""
    low = int(instrument.scale.min)
    lookup = np.full(int(instrument.scale.max) - low + 2, "", dtype=object)  # slot 0: unanswered
    for label in instrument.scale.labels:
        lookup[int(label.value) - low + 1] = label.label if labels else int(label.value)
    codes = (truth[_numbers(instrument)].astype("Int64") - low + 1).fillna(0).to_numpy(int)
    return lookup[codes].T.tolist()


def _assemble(headers: list[list], front: list[list], items: list[list], back: list[list]) -> list[list]:
    """Header rows, then one row per respondent from column lists: metadata, items, after-items."""
    return [*headers, *(list(row) for row in zip(*front, *items, *back))]


def _text(column: pd.Series) -> list:
    """Text cells, '' (an empty cell) where the truth holds nothing."""
    return [value if isinstance(value, str) else "" for value in column]


def _times(truth: pd.DataFrame) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex]:
    """When each respondent started and submitted."""
    end = pd.DatetimeIndex(truth["submitted"])
    return end - pd.to_timedelta(_durations(truth), unit="s"), end


def _durations(truth: pd.DataFrame) -> np.ndarray:
    """Seconds spent on the survey: 3 to 15 minutes."""
    return _spread(truth["respondent"], 180, 900, salt=1)


def _us_dates(times: pd.DatetimeIndex, year: str) -> list[str]:
    """Month/day/year without leading zeros ('3/14/25 9:02:11'), as Forms and Sheets write them."""
    return [f"{t.month}/{t.day}/{t.strftime(year)} {t.hour}:{t:%M:%S}" for t in times]


def _iso(times: pd.DatetimeIndex) -> list[str]:
    return [f"{t:%Y-%m-%d %H:%M:%S}" for t in times]


def _split_names(names: pd.Series) -> tuple[list, list]:
    """First and last names, as tools that store them separately do."""
    parts = [name.split(" ", 1) if isinstance(name, str) else [""] for name in names]
    return [p[0] for p in parts], [p[1] if len(p) > 1 else "" for p in parts]


def _ip(respondents: pd.Series) -> list[str]:
    return [f"81.2.69.{x}" for x in _spread(respondents, 1, 254, salt=2)]


def _response_id(respondent: int) -> str:
    """A Qualtrics-style id ('R_' and 15 letters or digits), fixed by the respondent number."""
    digest = hashlib.sha256(f"tiwell-{respondent}".encode()).digest()
    return "R_" + "".join(_BASE62[b % 62] for b in digest[:15])


def _spread(respondents: pd.Series, low: int, high: int, *, salt: int) -> np.ndarray:
    """A whole number in low..high per respondent that looks random but is fixed by the respondent
    number (Knuth's multiplicative hash; ``salt`` keeps different fields unrelated)."""
    keys = respondents.to_numpy(np.uint64) + np.uint64(salt * 7919)
    hashed = (keys * np.uint64(2_654_435_761)) % np.uint64(2**32)
    return low + ((hashed * np.uint64(high - low + 1)) >> np.uint64(32)).astype(np.int64)
