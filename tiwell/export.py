"""Files for people to take away: CSV and XLSX, safe to open in a spreadsheet.

Every text cell that a spreadsheet would run as a formula (starting with =, +, -, @ or tab;
a carriage return becomes a line feed) is written with a leading apostrophe, so an answer or team name planted as
``=HYPERLINK(...)`` stays text. Control characters are taken out of every string first
(:func:`printable`, which the deck uses too): XML cannot hold them, and a comment holding one
used to break the whole download. Workbooks are written by XlsxWriter in its in-memory mode
(openpyxl writes each sheet to a temporary file first); nothing touches the disk.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from tiwell.survey import ScoredSurvey
from tiwell.text.numbers import p_columns_written

FORMULA_START = re.compile(r"[=+\-@\t]")
# C0 and C1 controls but tab and line feed, lone surrogates and the two non-characters XML forbids.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Cells stay text as written: no string is turned into a formula, a link or a number.
XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}


def printable(text: str) -> str:
    """``text`` without the control characters that XLSX, PPTX and spreadsheets choke on; a
    carriage return (a Windows line end) becomes part of a plain line feed."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers hold no control characters and cannot be read as
    formulas; numbers (also in a column of mixed types) are left as numbers."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out[column] = values.astype(object).map(lambda v: inert(v) if isinstance(v, str) else v)
    out.columns = [inert(str(c)) for c in out.columns]
    return out


def inert(text: str) -> str:
    """One text cell as a spreadsheet must show it: printable, and never a formula."""
    text = printable(text)
    return "'" + text if FORMULA_START.match(text) else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents and curly quotes correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table, in the order given; p-values written as on the page."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
        for name, frame in sheets.items():
            neutralise(p_columns_written(frame)).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def scored_workbook(survey: ScoredSurvey) -> bytes:
    """The scored rows, the validation report and the mapping used, as one workbook."""
    return xlsx_bytes({"Scored": survey.scored, "Report": survey.findings, "Mapping": survey.mapping.table})
