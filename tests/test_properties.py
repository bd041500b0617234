"""Properties that hold for any answers: scores in range, reversal an involution, nothing invented."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tiwell.instruments import load_builtin
from tiwell.scoring import read_answers, reverse_items, score

PROQOL = load_builtin("proqol5")
ITEMS = list(PROQOL.item_numbers)
answer = st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, np.nan])
answer_matrices = st.integers(1, 40).flatmap(
    lambda n: arrays(float, (n, 30), elements=answer).map(lambda a: pd.DataFrame(a, columns=ITEMS)))


@given(answer_matrices)
@settings(max_examples=150, deadline=None)
def test_every_score_lies_within_its_subscales_range(frame):
    result = score(frame, PROQOL)
    for sub in PROQOL.subscales:
        values = result[sub.id].dropna()
        assert values.between(10, 50).all()


@given(answer_matrices)
@settings(max_examples=100, deadline=None)
def test_reversing_twice_is_the_identity(frame):
    twice = reverse_items(reverse_items(frame, PROQOL), PROQOL)
    pd.testing.assert_frame_equal(twice, frame)


@given(answer_matrices)
@settings(max_examples=150, deadline=None)
def test_scoring_invents_no_answers(frame):
    """A subscale is scored only with enough real answers, from those answers alone, and the
    caller's answers are untouched."""
    before = frame.copy()
    result = score(frame, PROQOL)
    reversed_ = reverse_items(frame, PROQOL)
    for sub in PROQOL.subscales:
        block = reversed_[list(sub.items)]
        answered = block.notna().sum(axis=1)
        expected = (block.sum(axis=1) / answered * 10).where(answered >= sub.min_answered)
        pd.testing.assert_series_equal(result[sub.id], expected, check_names=False)
    assert (result["status"] == "scored").tolist() == frame.notna().all(axis=1).tolist()
    pd.testing.assert_frame_equal(frame, before)


cells = st.one_of(st.sampled_from(["1", " 2 ", "3.0", "Often", "VERY OFTEN", " never ", "", "6", "0", "2.5", "n/a"]),
                  st.text(max_size=8))


@given(st.lists(cells, min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_reading_answers_never_clips_and_accounts_for_every_cell(values):
    frame = pd.DataFrame({"Q1": values}, index=range(2, 2 + len(values)))
    matrix, findings = read_answers(frame, {1: "Q1"}, PROQOL.scale)
    read = matrix[1]
    assert read.dropna().isin([1, 2, 3, 4, 5]).all()
    flagged = {f.row for f in findings}
    for row, text in zip(frame.index, values):
        blank = text.strip() == ""
        assert (np.isnan(read[row]) and (blank or row in flagged)) or (not blank and row not in flagged and read[row] > 0)
