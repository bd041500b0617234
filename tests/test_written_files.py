"""The files tiwell writes: built in memory without the temporary folder, free of control
characters, and with every label in a chart's embedded workbook kept as text."""

import dataclasses
import io
import re
import tempfile
import zipfile

import openpyxl
import pandas as pd
import pytest

from tiwell.present import Choices, build, deck_bytes, workbook_bytes
from tiwell.export import csv_bytes, printable, scored_workbook, xlsx_bytes
from tiwell.pipeline import score_file
from ui.state import SAMPLE

COMMENT = "The workload\x01 is\x0b fine\x00\r\nmostly\x7f\ttoo"
CLEAN = "The workload is fine\nmostly\ttoo"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@pytest.fixture(scope="module")
def survey():
    """The sample with a control-laden comment on every row and waves named like formulas."""
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    comment = survey.mapping.columns_for("comment")[0]
    waves = {w: f'=HYPERLINK("http://example.org/{k}","wave {k}")'
             for k, w in enumerate(sorted(survey.scored["wave"].unique()))}
    scored = survey.scored.assign(**{comment: COMMENT, "wave": survey.scored["wave"].map(waves)})
    return dataclasses.replace(survey, scored=scored)


@pytest.fixture(scope="module")
def story(survey):
    return build(survey, Choices())


def test_printable_drops_controls_but_keeps_tabs_and_line_ends():
    assert printable(COMMENT) == CLEAN
    assert printable("caf\u00e9 \u2013 ok") == "caf\u00e9 \u2013 ok"


def test_a_comment_with_control_characters_downloads_in_both_workbooks_without_them(survey, story):
    comment = survey.mapping.columns_for("comment")[0]
    for data, sheet in ((scored_workbook(survey), "Scored"), (workbook_bytes(story, survey, with_rows=True), "Scored rows")):
        rows = list(openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))
        column = rows[0].index(comment)
        assert {row[column] for row in rows[1:]} == {CLEAN}
    text = csv_bytes(survey.scored).decode("utf-8-sig")
    assert CONTROL.search(text.replace("\r\n", "\n")) is None
    assert pd.read_csv(io.StringIO(text))[comment].unique().tolist() == [CLEAN]


def test_the_deck_holds_no_control_character_and_its_chart_workbooks_no_formula(story):
    data = deck_bytes(story)
    with zipfile.ZipFile(io.BytesIO(data)) as pptx:
        slides = " ".join(pptx.read(n).decode() for n in pptx.namelist() if re.match(r"ppt/slides/slide\d+\.xml", n))
        assert "The workload is fine" in slides and "mostly\ttoo" in slides
        assert CONTROL.search(slides.replace("\n", "").replace("\r", "")) is None
        books = [zipfile.ZipFile(io.BytesIO(pptx.read(n))) for n in pptx.namelist() if n.endswith(".xlsx")]
    sheets = [book.read("xl/worksheets/sheet1.xml").decode() for book in books]
    strings = " ".join(book.read("xl/sharedStrings.xml").decode() for book in books)
    assert len(books) >= 3
    assert not any("<f>" in sheet or "<hyperlink" in sheet for sheet in sheets), "no formula, no link"
    assert '<t>=HYPERLINK("http://example.org/0","wave 0")</t>' in strings, "the label is there, as text"


def test_workbooks_and_decks_are_written_without_the_temporary_folder(survey, story, monkeypatch, tmp_path):
    """With the temporary folder pointing nowhere, any temporary file would fail to open."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "nowhere"))
    assert xlsx_bytes({"One": pd.DataFrame({"a": ["x"] * 20_000})})[:2] == b"PK"
    assert workbook_bytes(story, survey, with_rows=True)[:2] == b"PK"
    assert deck_bytes(story)[:2] == b"PK"
    with pytest.raises(FileNotFoundError):  # the guard is real: openpyxl's writer needs the folder
        pd.DataFrame({"a": [1]}).to_excel(io.BytesIO(), engine="openpyxl")
