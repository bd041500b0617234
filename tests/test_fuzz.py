"""Fuzzing: any bytes give a table or one clear error, and every data row is scored or reported."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import valid_xlsx
from synthetic import layouts
from tiwell.ingest import IngestError
from tiwell.instruments import InstrumentError
from tiwell.mapping import MappingError
from tiwell.pipeline import score_file

CLEAR = (IngestError, MappingError, InstrumentError)
csvish = st.text(alphabet=st.sampled_from(list(',;\t"\n\r ab1234567890QNeverOften\x00é')), max_size=300)


@given(st.one_of(st.binary(max_size=400), csvish.map(str.encode)), st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_bytes_give_a_table_or_one_clear_error(data, name):
    try:
        score_file(data, name)
    except CLEAR as exc:
        assert "\n" not in str(exc)


cells = st.sampled_from(["", " ", "1", "5", "3.0", " 4 ", "7", "-1", "Often", "VERY OFTEN", "n/a", "=1+1", "é"])


@given(st.lists(st.lists(cells, min_size=31, max_size=31), min_size=1, max_size=25))
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_data_row_is_scored_or_reported(rows):
    header = ["Team", *[f"Q{n}" for n in range(1, 31)]]
    try:
        survey = score_file(layouts.to_csv_bytes([header, *rows]), "x.csv")
    except CLEAR:
        return
    nonblank = [i + 2 for i, r in enumerate(rows) if any(c.strip() for c in r)]
    assert survey.scored["row"].tolist() == nonblank, "every row with content appears once, in order"
    assert set(survey.table.blank_rows) == {i + 2 for i in range(len(rows))} - set(nonblank)
    unscored = survey.scored.loc[survey.scored["status"] == "not_scored", "row"]
    reported = survey.findings.loc[survey.findings["code"] == "not_scored", "row"]
    assert sorted(unscored) == sorted(reported.astype(int))
    assert survey.scored["status"].isin(["scored", "prorated", "not_scored"]).all()
    assert pd.api.types.is_float_dtype(survey.scored["burnout"])


def _accounted(survey) -> None:
    """Every row read is in the output once, and every unscored one has its reason reported."""
    assert survey.scored["row"].tolist() == survey.table.frame.index.tolist()
    unscored = survey.scored.loc[survey.scored["status"] == "not_scored", "row"]
    reported = survey.findings.loc[survey.findings["code"] == "not_scored", "row"]
    assert sorted(unscored) == sorted(reported.astype(int))


@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 255)), min_size=1, max_size=6),
       st.integers(0, 10**9))
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_damaged_workbook_gives_a_table_or_one_clear_error(flips, cut):
    data = bytearray(valid_xlsx())
    for at, value in flips:
        data[at % len(data)] = value
    data = bytes(data[: max(len(data) - cut % 200, 1)])
    try:
        survey = score_file(data, "x.xlsx")
    except CLEAR as exc:
        assert "\n" not in str(exc) and "x.xlsx" in str(exc)
        return
    _accounted(survey)


headers = st.text(alphabet=st.sampled_from(list("Qq1234 _.-<>/\"'=é\t")), max_size=12) | st.sampled_from(
    ["Team", "Email", "Q1", "<b>", "Q30", "Comments"])


@given(st.lists(headers, min_size=1, max_size=8), st.integers(1, 8))
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_extra_headers_map_without_losing_a_row(extra, n):
    header = ["Team", *[f"Q{k}" for k in range(1, 31)], *extra]
    rows = [["North", *[str((i + k) % 5 + 1) for k in range(1, 31)], *["x"] * len(extra)] for i in range(n)]
    try:
        survey = score_file(layouts.to_csv_bytes([header, *rows]), "x.csv")
    except CLEAR as exc:
        assert "\n" not in str(exc)
        return
    assert len(survey.scored) == n
    _accounted(survey)
