"""The work a file causes is bounded, not only its bytes: the guard counts what the reader will
lay out (repeated and shared cells), and every settings file (JSON or TOML) is held to a size
and a depth, a bad one getting one sentence on its page instead of a traceback."""

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_
from python_calamine import CalamineWorkbook
from streamlit.testing.v1 import AppTest

from hostile import nested, ods, rezip, shared_string_xlsx
from figures import as_read
from tiwell.ingest import guard
from tiwell.analysis import CohortSettings
from tiwell.instruments import InstrumentError, parse_instrument
from tiwell.mapping import MappingError, read_mapping_file
from tiwell.present import load_questions
from tiwell.ingest.settings_files import MAX_DEPTH, SettingsFileError, load_json, load_toml
from tiwell.workspace import WorkspaceError, load

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
CUSTOM = (Path(__file__).resolve().parent / "pulse3.toml").read_text()


# ---------------------------------------------------------------- what the guard counts


def test_shared_text_is_counted_once_per_cell_that_points_at_it(monkeypatch):
    data = shared_string_xlsx(60, 5)  # 60 cells, each a copy of one 5-letter string: 300 characters
    monkeypatch.setattr(guard, "MAX_CHARS", 300)
    guard.check_workbook(data, "shared.xlsx")
    monkeypatch.setattr(guard, "MAX_CHARS", 299)
    with pytest.raises(guard.LimitError, match="shared.xlsx holds at least 300 characters"):
        guard.check_workbook(data, "shared.xlsx")


def test_repeated_ods_cells_are_counted_with_their_repeats(monkeypatch):
    data = ods([["abc", "de"]], repeat='"4"')  # (3 + 2) characters x 4 columns x 4 rows = 80
    monkeypatch.setattr(guard, "MAX_CHARS", 80)
    guard.check_workbook(data, "repeat.ods")
    monkeypatch.setattr(guard, "MAX_CHARS", 79)
    with pytest.raises(guard.LimitError, match="repeat.ods holds at least 80 characters"):
        guard.check_workbook(data, "repeat.ods")


def test_an_ods_sheet_reaches_only_as_far_as_its_last_filled_cell(monkeypatch):
    # LibreOffice ends every sheet with empty cells repeated to the far edge; the reader drops
    # them, so they must not count. The filled cell in row 7, column H makes the sheet 7 x 8.
    empty_edge = ('<table:table-row table:number-rows-repeated="5"><table:table-cell '
                  'table:number-columns-repeated="16000"/></table:table-row><table:table-row><table:table-cell '
                  'table:number-columns-repeated="7"/><table:table-cell office:value-type="string"><text:p>x</text:p>'
                  '</table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row>'
                  '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                  'table:number-columns-repeated="16000"/></table:table-row>')
    plain = ods([["a", "b"]])
    with zipfile.ZipFile(io.BytesIO(plain)) as book:
        content = book.read("content.xml").replace(b"</table:table>", empty_edge.encode() + b"</table:table>")
    data = rezip(plain, {"content.xml": content})
    guard.check_workbook(data, "edge.ods")
    monkeypatch.setattr(guard, "MAX_CELLS", 7 * 8 - 1)
    with pytest.raises(guard.LimitError, match="reaches row 7 and column 8"):
        guard.check_workbook(data, "edge.ods")


# ---------------------------------------------------------------- settings files


@pytest.mark.parametrize("depth, refused", [(MAX_DEPTH, False), (MAX_DEPTH + 1, True), (100_000, True)])
def test_nesting_is_refused_past_the_limit_in_both_formats(depth, refused):
    # A TOML document is itself a table holding the lists: one level more than its lists.
    for read, text in ((load_json, nested("json", depth)), (load_toml, nested("toml", depth - 1))):
        if refused:
            with pytest.raises(SettingsFileError, match=f"more than {MAX_DEPTH} levels deep"):
                read(text.decode(), "deep.file")
        else:
            assert read(text.decode(), "deep.file")  # a document at the limit is read


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed():
    with pytest.raises(SettingsFileError, match="big.json is not a tiwell workspace: it holds 10,000,001 characters"):
        load_json(" " * 10_000_001, "big.json", kind="a tiwell workspace")


@pytest.mark.parametrize("reader, error", [
    (lambda t: load(t, "'w.json'"), WorkspaceError),
    (lambda t: CohortSettings.from_json(t, "'w.json'"), ValueError),
    (lambda t: read_mapping_file(t, "'w.json'"), MappingError),
])
def test_every_json_reader_answers_a_deep_file_in_one_sentence(reader, error):
    with pytest.raises(error) as caught:
        reader(nested("json").decode())
    assert str(caught.value).startswith("'w.json' is not a tiwell")
    assert "levels deep" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("text, message", [
    ("[]", "Not a tiwell analysis settings file: 's.json' needs \"format\": \"tiwell-analysis\"."),
    ('{"format": "tiwell-analysis"}', "'s.json': field 'cohort_column' is missing; it must be a column name."),
    ('{"format": "tiwell-analysis", "cohort_column": "team", "subscale": "burnout", "min_group": true}',
     "'s.json': field 'min_group' must be a whole number of at least 3, not true."),
    ('{"format": "tiwell-analysis", "cohort_column": "team", "subscale": "burnout", "padjust": "fdr"}',
     "'s.json': field 'padjust' must be one of holm, bh, bonferroni, none, not \"fdr\"."),
])
def test_any_other_json_given_as_a_saved_analysis_is_named_by_its_field(text, message):
    with pytest.raises(ValueError) as caught:
        CohortSettings.from_json(text, "'s.json'")
    assert str(caught.value) == message


def test_toml_readers_answer_a_deep_or_misshapen_file_in_one_sentence():
    with pytest.raises(InstrumentError, match="mine.toml is not an instrument definition: it nests"):
        parse_instrument(nested("toml").decode(), source="mine.toml")
    with pytest.raises(SettingsFileError, match="questions.toml is not a prompts file: it needs"):
        load_questions('principle = "one"')
    assert load_questions('[[principle]]\nname = "Voice"\nquestions = ["Who was asked?"]').values.tolist() == [
        ["Voice", "Who was asked?"]]


def test_an_instrument_too_large_to_match_in_time_is_refused():
    many = CUSTOM + "".join(f"[[items]]\nnumber = {n}\n" for n in range(2, 302))
    with pytest.raises(InstrumentError, match="field 'items' lists 301 items; tiwell reads instruments of at most 300"):
        parse_instrument(many, source="mine.toml")


# ---------------------------------------------------------------- on the pages


@pytest.fixture
def home():
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(DASHBOARD, default_timeout=90).run()


def test_a_deep_workspace_gets_one_sentence_on_the_home_page(home):
    home.file_uploader(key="workspace-file").upload("deep.json", nested("json"), "application/json").run()
    assert not home.exception
    assert [as_read(e.value) for e in home.error] == [
        f"'deep.json' is not a tiwell workspace: it nests lists or tables more than {MAX_DEPTH} levels deep, and "
        "such a file never does."]


def test_a_deep_definition_gets_one_sentence_on_the_instruments_page(home):
    home.switch_page("pages/instruments.py").run()
    home.file_uploader(key="custom-toml").upload("deep.toml", nested("toml"), "application/toml").run()
    assert not home.exception
    assert len(home.error) == 1 and "levels deep" in home.error[0].value and "\n" not in home.error[0].value


@pytest.mark.parametrize("saved", [b"[]", nested("json"), json.dumps({"format": "tiwell-analysis"}).encode()])
def test_a_bad_saved_analysis_gets_one_sentence_on_the_cohorts_page(home, saved):
    home.button[0].click().run()  # the sample survey
    home.switch_page("pages/cohorts.py").run()
    home.file_uploader(key="analysis-settings").upload("saved.json", saved, "application/json").run()
    assert not home.exception
    assert len(home.error) == 1 and home.error[0].value.startswith("That saved analysis cannot be used.")
    assert "'saved.json'" in home.error[0].value


cell = st_.tuples(st_.sampled_from(["", "a", "bc", "Often", "x<text:s/>y", 'p<text:s text:c="3"/>q']),
                  st_.integers(1, 4))


@given(st_.lists(st_.tuples(st_.lists(cell, max_size=5), st_.integers(2, 3)), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_guard_counts_an_ods_sheet_as_the_reader_lays_it_out(rows):
    """Rows and cells repeated at random, filled or empty, with written-out spaces: the guard's
    extent and characters are the reader's own."""
    xml = "".join(
        f'<table:table-row table:number-rows-repeated="{times}">' + "".join(
            f'<table:table-cell table:number-columns-repeated="{n}"'
            + (f' office:value-type="string"><text:p>{text}</text:p></table:table-cell>' if text else "/>")
            for text, n in cells) + "</table:table-row>" for cells, times in rows)
    data = ods([["first"]])
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        content = book.read("content.xml").replace(b"</table:table>", xml.encode() + b"</table:table>")
    laid_out = CalamineWorkbook.from_object(io.BytesIO(rezip(data, {"content.xml": content}))).get_sheet_by_index(0)
    grid = laid_out.to_python(skip_empty_area=False)
    scan = guard._Scan("x.ods", np.zeros(0, np.int64))
    layout = guard._OdsLayout(scan)
    layout.read(content, io.BytesIO())
    assert (layout.rows, layout.cols) == (len(grid), max(map(len, grid)))
    # Every row below the first repeats, so all of its text is counted; the first row ('first')
    # is laid out as written and bounded by the file's own size instead.
    assert scan.chars == sum(len(str(v)) for row in grid[1:] for v in row)
