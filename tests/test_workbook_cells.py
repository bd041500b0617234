"""The workbook writer: every kind of cell reads back from the file as the value the table held."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from tiwell.export import xlsx_bytes


def read_back(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_numbers_texts_dates_and_blanks_read_back_as_written():
    table = pd.DataFrame({
        "row": [2, 3, 4],
        "score": [41.0, np.nan, 0.1 + 0.2],
        "team": pd.Categorical(["North & South", None, "<Ward 7>"]),
        "comment": ["  leading spaces kept", "", "=1+1"],
        "when": pd.to_datetime(["2025-03-03 08:01:05", None, "2024-12-31 00:00:00"]),
        "mixed": [True, 2.5, dt.date(2025, 1, 2)],
    })
    rows = read_back(xlsx_bytes({"Scored": table}))["Scored"]
    assert rows[0] == ("row", "score", "team", "comment", "when", "mixed")
    assert rows[1] == (2, 41, "North & South", "  leading spaces kept", dt.datetime(2025, 3, 3, 8, 1, 5), True)
    # a blank number, category, empty text and missing date are empty cells
    assert rows[2] == (3, None, None, None, None, 2.5)
    assert rows[3] == (4, 0.30000000000000004, "<Ward 7>", "'=1+1", dt.datetime(2024, 12, 31), dt.datetime(2025, 1, 2))


def test_sheets_keep_their_order_names_and_a_bold_bordered_header():
    data = xlsx_bytes({"Report & notes": pd.DataFrame({"a": ["x"]}), "Mapping": pd.DataFrame({"b": [1.5]})})
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Report & notes", "Mapping"]
    header = book["Report & notes"]["A1"]
    assert header.value == "a" and header.font.b and header.border.left.style == "thin"
    assert header.alignment.horizontal == "center" and not book["Mapping"]["A2"].font.b
    assert book["Mapping"]["A2"].value == 1.5


def test_a_text_repeated_on_many_rows_is_stored_once():
    data = xlsx_bytes({"Scored": pd.DataFrame({"team": ["North"] * 500 + ["South"] * 500})})
    import zipfile

    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert strings.count("<si>") == 3  # the header, North and South
    rows = read_back(data)["Scored"]
    assert rows[1] == ("North",) and rows[501] == ("South",) and len(rows) == 1001
