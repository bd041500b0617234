"""Files for people to take away: CSV and XLSX, safe to open in a spreadsheet.

Every text cell that a spreadsheet would run as a formula (starting with =, +, -, @ or tab;
a carriage return becomes a line feed) is written with a leading apostrophe, so an answer or team name planted as
``=HYPERLINK(...)`` stays text. Control characters are taken out of every string first
(:func:`printable`, which the deck uses too): XML cannot hold them, and a comment holding one
used to break the whole download. Workbooks are written by XlsxWriter in its in-memory mode
(openpyxl writes each sheet to a temporary file first); nothing touches the disk.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import numpy as np
import pandas as pd
import xlsxwriter

from tiwell.survey import ScoredSurvey
from tiwell.text.numbers import p_columns_written

FORMULA_START = re.compile(r"[=+\-@\t]")
FORMULA_LINE = re.compile(r"^[=+\-@\t]", re.MULTILINE)  # a text of many, joined by line feeds, that starts as a formula
# C0 and C1 controls but tab and line feed, lone surrogates and the two non-characters XML forbids.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Cells stay text as written: no string is turned into a formula, a link or a number.
XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}
HEADER_FORMAT = {"bold": True, "border": 1, "align": "center", "valign": "top"}  # as pandas writes a header


def printable(text: str) -> str:
    """``text`` without the control characters that XLSX, PPTX and spreadsheets choke on; a
    carriage return (a Windows line end) becomes part of a plain line feed."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers hold no control characters and cannot be read as
    formulas; numbers (also in a column of mixed types) are left as numbers. Each distinct text is
    checked once (a team or band name repeats on every row), and only those that change are replaced."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype) or values.dtype == object or pd.api.types.is_string_dtype(values):
            values = values.astype(object)
            texts = [v for v in pd.unique(values) if isinstance(v, str)]
            changed = {v: safe for v in texts if (safe := inert(v)) != v} if _may_change(texts) else {}
            out[column] = values.replace(changed) if changed else values
    out.columns = [inert(str(c)) for c in out.columns]
    return out


def _may_change(texts: list[str]) -> bool:
    """Whether :func:`inert` could change any of ``texts``: one search over them all, joined by line
    feeds, rather than a call per text (ids and times are distinct on every row)."""
    joined = "\n".join(texts)
    return "\r" in joined or CONTROL.search(joined) is not None or FORMULA_LINE.search(joined) is not None


def inert(text: str) -> str:
    """One text cell as a spreadsheet must show it: printable, and never a formula."""
    text = printable(text)
    return "'" + text if FORMULA_START.match(text) else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents and curly quotes correctly. Written by
    Arrow's CSV writer (ten times pandas' on 200,000 scored rows): number columns as numbers, every
    other column as text (True, a date as pandas prints it), each text quoted, a blank left empty."""
    import pyarrow as pa  # pandas reads with it already; imported only when a CSV is written
    from pyarrow import csv

    safe = neutralise(frame)
    columns = [_csv_column(safe[name]) for name in safe.columns]
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    csv.write_csv(pa.table(columns, names=[str(c) for c in safe.columns]), buffer)
    return buffer.getvalue()


def _csv_column(values: pd.Series):
    """One column as Arrow writes it: numbers kept, anything else as its text, missing as null."""
    import pyarrow as pa

    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return pa.array(values, from_pandas=True)
    return pa.array(values.astype("string"), from_pandas=True)


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table, in the order given, p-values written as on the page:
    headers in bold as pandas writes them, each cell written by XlsxWriter's typed call for its
    column (pandas' own writer styles every cell one by one and took 30 s on 50,000 scored rows)."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, XLSX_OPTIONS) as book:
        header = book.add_format(HEADER_FORMAT)
        stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        for name, frame in sheets.items():
            _write_sheet(book.add_worksheet(name[:31]), neutralise(p_columns_written(frame)), header, stamp)
    return buffer.getvalue()


def _write_sheet(sheet, frame: pd.DataFrame, header, stamp) -> None:
    """One table from its first cell: a number column as numbers, anything else cell by cell by
    type; a blank (NaN, None) stays an empty cell."""
    sheet.write_row(0, 0, [str(c) for c in frame.columns], header)
    for col, name in enumerate(frame.columns):
        values = frame[name]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            numbers = values.to_numpy(dtype=float, na_value=np.nan)
            for row in np.flatnonzero(~np.isnan(numbers)).tolist():
                sheet.write_number(row + 1, col, float(numbers[row]))
            continue
        for row, value in enumerate(values.tolist(), start=1):
            if isinstance(value, str):  # nearly every cell of such a column
                sheet.write_string(row, col, value)
            else:
                _write_value(sheet, row, col, value, stamp)


def _write_value(sheet, row: int, col: int, value, stamp) -> None:
    """One cell that is not text, as pandas' writer gives it; a blank stays an empty cell."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return
    elif isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, col, bool(value))
    elif isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(row, col, value, stamp)
    elif isinstance(value, dt.timedelta):
        sheet.write_number(row, col, value.total_seconds() / 86400)
    elif isinstance(value, int | float | np.number):
        sheet.write_number(row, col, float(value))
    else:
        sheet.write_string(row, col, str(value))


def scored_workbook(survey: ScoredSurvey) -> bytes:
    """The scored rows, the validation report and the mapping used, as one workbook."""
    return xlsx_bytes({"Scored": survey.scored, "Report": survey.findings, "Mapping": survey.mapping.table})
