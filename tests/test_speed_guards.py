"""What tiwell's speed rests on, checked without timing anything: work done once per distinct
value or pattern rather than per row, the fast readers giving exactly what the slow ones gave,
and the app's caches keyed on the file's content."""

import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st
from hypothesis import given, settings
from hypothesis import strategies as st_
from streamlit.testing.v1 import AppTest

import tiwell.ingest.tables
import tiwell.mapping.items
import tiwell.mapping.statements
import tiwell.scoring.scores
import tiwell.scoring.answers
import ui.state
from tiwell.charts import figures as charts
from tiwell.instruments import load_builtin
from tiwell.text import normalise
from tiwell.scoring import parse_dates

PROQOL = load_builtin("proqol5")
LABELS = [lab.label for lab in PROQOL.scale.labels]
DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def counting(monkeypatch, module, name: str) -> list:
    """Replace ``module.name`` with a wrapper that records each call's first argument."""
    calls, real = [], getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args[0] if args else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_each_pattern_of_answered_items_is_described_once_not_once_per_row(monkeypatch):
    full = np.full(30, 3.0)
    one_gap, two_gaps, empty = full.copy(), full.copy(), np.full(30, np.nan)
    one_gap[0] = np.nan
    two_gaps[[1, 4]] = np.nan
    patterns = np.array([full, one_gap, two_gaps, empty])
    answers = pd.DataFrame(np.tile(patterns, (5_000, 1)), columns=list(PROQOL.item_numbers))
    described = counting(monkeypatch, tiwell.scoring.scores, "_describe")
    result = tiwell.scoring.scores.score(answers, PROQOL)
    assert len(described) == 4
    assert result["status"].value_counts().to_dict() == {"scored": 5_000, "prorated": 5_000, "not_scored": 10_000}


@pytest.mark.parametrize("bound", [50, 10**9], ids=["lookup-table", "sort"])
def test_distinct_patterns_are_found_as_numpy_unique_finds_them(bound):
    keys = np.random.default_rng(0).integers(0, 50, size=1_000) * (bound // 50)
    patterns, codes = tiwell.scoring.scores._distinct(keys, bound)
    expected_patterns, expected_codes = np.unique(keys, return_inverse=True)
    assert patterns.tolist() == expected_patterns.tolist() and codes.tolist() == expected_codes.tolist()


def test_answers_are_read_once_per_distinct_cell_text(monkeypatch):
    texts = np.array(LABELS + ["4", " 5 ", "7", ""], dtype=object)
    frame = pd.DataFrame({f"Q{k}": texts[np.arange(9_000) % len(texts)] for k in (1, 2, 3)})
    read = counting(monkeypatch, tiwell.scoring.answers, "_as_number")
    matrix, findings = tiwell.scoring.answers.read_answers(frame, {1: "Q1", 2: "Q2", 3: "Q3"}, PROQOL.scale)
    assert len(read) == 3 * 8, "each column's eight non-empty distinct texts, once each"
    assert matrix[1].value_counts().to_dict() == {1.0: 1000, 2.0: 1000, 3.0: 1000, 4.0: 2000, 5.0: 2000}
    assert matrix[1].isna().sum() == 2000, "the empty cells and the off-scale 7s"
    assert len(findings) == 3 * 1000, "every cell holding the off-scale 7 is reported"


def odd_cells_workbook() -> bytes:
    """Every kind of cell a sheet can hold, numbers repeated down the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Team", "Q1", "When", "Note"])
    odd = [1, 4.5, 0.1, 1e20, -0.0, True, dt.datetime(2025, 3, 3, 9, 2, 11), dt.date(2025, 3, 3), dt.time(9, 2),
           "NA", " NA", "n/a", "None", "null", "3.0", None]
    for i in range(400):
        sheet.append([f"Team {i % 3}", i % 5 + 1, odd[i % len(odd)], odd[(i + 7) % len(odd)]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_sheets_read_exactly_as_pandas_reads_them_with_each_number_written_once(monkeypatch):
    data = odd_cells_workbook()
    expected = pd.read_excel(io.BytesIO(data), header=None, dtype=str, engine="calamine").fillna("")
    written = counting(monkeypatch, tiwell.ingest.tables, "_number_text")
    grid = tiwell.ingest.tables._sheet_grid(tiwell.ingest.tables._open_workbook(data, "odd.xlsx"), "Sheet")
    pd.testing.assert_frame_equal(grid, expected)
    assert len(written) == 5 + 5 + 5, "each column's distinct numbers once, not once per cell"


def test_dates_are_read_once_per_pattern_not_once_per_value(monkeypatch):
    tried = counting(monkeypatch, pd, "to_datetime")
    dates = parse_dates(pd.Series(["3/14/25 9:02:11", "", "3/15/25 10:00:00"] * 1_000, dtype="str"))
    assert len(tried) == 1, "one call for all the dates of the one form they are in, whatever the rows"
    assert dates.notna().sum() == 2_000


def test_band_cut_lines_are_drawn_exactly_as_add_vline_draws_them():
    sub = PROQOL.subscale("burnout")
    bins = pd.DataFrame({"low": [10.0, 23.0, 42.0], "high": [23.0, 42.0, 50.0], "count": [6.0, np.nan, 7.0],
                         "band": ["low", "moderate", "high"], "shown": [True, False, True]})
    fast = charts.distribution(bins, sub.label, (10, 50), sub.bands, sub.direction, 5)
    slow = go.Figure()
    for line, note in zip(fast.layout.shapes, fast.layout.annotations):
        slow.add_vline(x=line.x0, line=line.line, annotation_text=note.text, annotation_font_color=note.font.color)
    assert [s.to_plotly_json() for s in fast.layout.shapes] == [s.to_plotly_json() for s in slow.layout.shapes]
    assert [a.to_plotly_json() for a in fast.layout.annotations] == [a.to_plotly_json() for a in slow.layout.annotations]
    assert [a.text for a in fast.layout.annotations] == ["moderate from 23", "high from 42"]


def export(people: int) -> bytes:
    header = ["Team"] + [f"Q{n}" for n in range(1, 31)]
    rows = [[f"Team {i % 2}"] + [LABELS[(i + n) % 5] for n in range(1, 31)] for i in range(people)]
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()


def test_the_app_caches_reading_by_the_files_content(monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    runs = counting(monkeypatch, ui.state, "run_limited")  # the worker calls, each naming its function

    def reads() -> list:
        return [f for f in runs if f.__name__ == "load_table"]

    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("survey.csv", export(6), "text/csv").run()
    app.file_uploader[0].upload("survey.csv", export(8), "text/csv").run()
    assert len(reads()) == 2, "new bytes under the same name are read afresh, never served from the cache"
    assert app.session_state["survey"].counts["respondents"] == 8
    app.file_uploader[0].upload("survey.csv", export(6), "text/csv").run()
    assert len(reads()) == 2, "the same bytes again come from the cache"
    assert app.session_state["survey"].counts["respondents"] == 6
    assert not app.exception


def _backtracking_pattern(text: str) -> re.Pattern:
    """The pattern statements were once matched with: a wildcard per adaptable word, which
    backtracks about five times over for each (kept here only to check its replacement)."""
    body = ""
    for i, piece in enumerate(tiwell.mapping.statements._BRACKETED.split(text)):
        body += r"(?:\w+(?: \w+){0,4} )?" if i % 2 else "".join(re.escape(w) + " " for w in normalise(piece).split())
    return re.compile(r"(?P<lead>(?:.* )?)" + body)


@given(st_.lists(st_.sampled_from(["i", "help", "[help]", "you", "[care]"]), min_size=1, max_size=6),
       st_.lists(st_.sampled_from(["i", "help", "you", "we", "care"]), max_size=14))
@settings(max_examples=300, deadline=None)
def test_statements_are_found_where_the_backtracking_pattern_found_them(statement, header):
    text, words = " ".join(statement), header
    starts = tiwell.mapping.statements.statement_starts(words, tiwell.mapping.statements.statement_words(text))
    hit = _backtracking_pattern(text).fullmatch(" ".join(words) + " ")
    assert bool(starts) == bool(hit)
    if hit:  # the pattern's lead is the longest; the backward pass lists starts from the last
        assert starts[0] == len(hit["lead"].split())


def test_a_statement_of_many_adaptable_words_costs_one_pass_over_the_header(monkeypatch):
    statement = tiwell.mapping.statements.statement_words(" ".join(["I [help]"] * 9) + " too")
    header = ["i"] * 60 + ["to"]
    steps = counting(monkeypatch, tiwell.mapping.statements, "_skip_wildcards")
    assert tiwell.mapping.statements.statement_starts(header, statement) == []
    assert len(steps) == 2, "the search ends at the header's last word: no statement ends with 'to'"
    steps.clear()
    # Nine 'I's each with up to five more words: from 9 to 54 of the sixty 'I's, so starts 51 down to 6.
    assert tiwell.mapping.statements.statement_starts(header[:-1] + ["too"], statement) == list(range(51, 5, -1))
    assert len(steps) <= len(header) + 1, "one step per word read, however many ways the wildcards could split"


def test_each_header_is_normalised_once_however_many_items_it_is_compared_with(monkeypatch):
    headers = {f"Column {k}": (f"How often do you feel this {k}?", "Sometimes") for k in range(50)}
    calls = counting(monkeypatch, tiwell.mapping.items, "normalise")
    instruments = [load_builtin(i) for i in ("proqol5", "cbi", "stss")]
    tiwell.mapping.items.detect_items(headers, instruments)
    header_calls = [c for c in calls if c.startswith("How often do you feel this")]
    assert len(header_calls) == len(set(header_calls)) == 50, "each distinct header text once, for 66 items"


def test_a_header_too_long_to_be_alike_is_never_scored_for_similarity(monkeypatch):
    long_header = "I am happy " * 30  # 330 characters, far longer than any ProQOL statement
    scored = counting(monkeypatch, tiwell.mapping.items.process, "extractOne")
    tiwell.mapping.items.detect_items({"long": (long_header,), "near": ("I am hapy",)}, [PROQOL])
    assert scored == ["i am hapy"]
