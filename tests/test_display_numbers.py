"""Numbers, p-values and intervals written one way for people to read."""

import io

import numpy as np
import pandas as pd

from tiwell.export import xlsx_bytes
from tiwell.text import (count, fixed, interval, p_columns_written, p_phrase, p_value, percent, share_text, short,
                         signed, with_interval)


def test_scores_changes_counts_and_scale_ends():
    assert (fixed(24.06), fixed(0.31416, 2), fixed(0.0123, 3)) == ("24.1", "0.31", "0.012")
    assert (signed(1.54), signed(-0.3), signed(0.0)) == ("+1.5", "-0.3", "+0.0")
    assert (count(120.0), count(np.float64(45))) == ("120", "45")
    assert (short(10.0), short(2.5), short(42)) == ("10", "2.5", "42")


def test_shares_and_a_share_that_is_not_quite_nothing():
    assert (percent(0.1249), percent(0.0)) == ("12%", "0%")
    assert (share_text(0.004), share_text(0.0), share_text(0.12)) == ("under 1%", "0%", "12%")


def test_intervals_plain_signed_and_beside_their_estimate():
    assert interval(21.26, 26.94) == "21.3 to 26.9"
    assert interval(-0.44, 1.2, sign=True) == "-0.4 to +1.2"
    assert interval(0.1234, 0.6, 2) == "0.12 to 0.60"
    assert with_interval(0.31, 0.12, 0.48) == "0.31 (0.12 to 0.48)"
    assert with_interval(np.nan, np.nan, np.nan) == ""
    assert with_interval(np.nan, np.nan, np.nan, 1, missing="hidden") == "hidden"


def test_p_values_in_a_cell_and_in_a_sentence():
    assert (p_value(0.0004), p_value(0.0421), p_value(1.0), p_value(np.nan)) == ("< 0.001", "0.042", "1.000", "")
    assert (p_phrase(0.0004), p_phrase(0.0421), p_phrase(0.5)) == ("p < .001", "p = .042", "p = .500")


def test_every_p_value_column_of_a_table_is_written_and_nothing_else():
    table = pd.DataFrame({"p": [3e-17, 0.0421], "p_adj": [0.5, np.nan], "spearman_p": [0.0009, 0.001],
                          "people": [12.0, 3.0], "group_p": ["a", "b"]})
    written = p_columns_written(table)
    assert written.to_dict("list") == {"p": ["< 0.001", "0.042"], "p_adj": ["0.500", ""],
                                       "spearman_p": ["< 0.001", "0.001"], "people": [12.0, 3.0],
                                       "group_p": ["a", "b"]}
    assert table["p"].tolist() == [3e-17, 0.0421], "the table given is left as it was"


def test_a_workbook_shows_p_values_as_the_page_does():
    from openpyxl import load_workbook

    table = pd.DataFrame({"group_a": ["North"], "diff": [1.25], "p": [0.00000000000000003]})
    book = load_workbook(io.BytesIO(xlsx_bytes({"Welch t": table})))
    rows = list(book["Welch t"].iter_rows(values_only=True))
    assert rows == [("group_a", "diff", "p"), ("North", 1.25, "< 0.001")]
