"""Files for people to take away: CSV and XLSX, safe to open in a spreadsheet.

Every text cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
carriage return) is written with a leading apostrophe, so an answer or team name planted as
``=HYPERLINK(...)`` stays text. Everything is built in memory; nothing touches the disk.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = r"^[=+\-@\t\r]"


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas; numbers are left as numbers."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype("string")
            risky = text.str.match(FORMULA_START).fillna(False).astype(bool)
            out[column] = values.where(~risky, "'" + text)
    out.columns = [_safe_text(str(c)) for c in out.columns]
    return out


def _safe_text(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents and curly quotes correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table, in the order given."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def scored_workbook(survey) -> bytes:
    """The scored rows, the validation report and the mapping used, as one workbook."""
    return xlsx_bytes({"Scored": survey.scored, "Report": survey.issues, "Mapping": survey.mapping.table})
