"""Fuzzing: any bytes give a table or one clear error, and every data row is scored or reported."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiwell import layouts
from tiwell.ingest import IngestError
from tiwell.instrument import InstrumentError
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
    reported = survey.issues.loc[survey.issues["code"] == "not_scored", "row"]
    assert sorted(unscored) == sorted(reported.astype(int))
    assert survey.scored["status"].isin(["scored", "prorated", "not_scored"]).all()
    assert pd.api.types.is_float_dtype(survey.scored["burnout"])
