"""Hand-worked ProQOL 5 scores: reversed items, a prorated subscale, an unscored one, bands."""

import numpy as np
import pandas as pd
import pytest

from tiwell.instruments import load_builtin
from tiwell.scoring import band, key_matrix, reverse_items, score

PROQOL = load_builtin("proqol5")
CS = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30]
BO = [1, 4, 8, 10, 15, 17, 19, 21, 26, 29]
STS = [2, 5, 7, 9, 11, 13, 14, 23, 25, 28]


def row(cs=None, bo=None, sts=None) -> dict:
    """A respondent from per-subscale answers listed in item order."""
    out = {}
    for items, values in ((CS, cs), (BO, bo), (STS, sts)):
        out.update(dict(zip(items, values)))
    return out


@pytest.fixture(scope="module")
def scored():
    people = pd.DataFrame([
        # 1. every item "Often" (4). BO: reversed 1,4,15,17,29 become 2: 5*2 + 5*4 = 30.
        row(cs=[4] * 10, bo=[4] * 10, sts=[4] * 10),
        # 2. CS all 5 = 50; BO reversed items answered 1 (-> 5) and the rest 5: 50; STS all 1 = 10.
        row(cs=[5] * 10, bo=[1, 1, 5, 5, 1, 1, 5, 5, 5, 1], sts=[1] * 10),
        # 3. BO item 29 unanswered. Items 1,4,8,10,15,17,19,21,26 answered 5,4,2,3,5,1,4,2,3;
        #    reversed 1->5 gives 1, 4->2, 15: 5->1, 17: 1->5: 1+2+2+3+1+5+4+2+3 = 23 over 9 items,
        #    prorated 23/9*10 = 25.56 (moderate). CS all 2 = 20 (low). STS all 3 = 30.
        row(cs=[2] * 10, bo=[5, 4, 2, 3, 5, 1, 4, 2, 3, np.nan], sts=[3] * 10),
        # 4. STS items 2 and 5 unanswered: 8 of 10 is below the rule's 9, so no STS score.
        row(cs=[3] * 10, bo=[3] * 10, sts=[np.nan, np.nan, 3, 3, 3, 3, 3, 3, 3, 3]),
        # 5. nothing answered.
        {},
    ], index=[2, 3, 4, 5, 6]).reindex(columns=range(1, 31)).astype(float)
    return score(people, PROQOL)


def test_complete_rows_are_plain_sums_with_reversed_items(scored):
    assert scored.loc[2, ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]].tolist() == [40, 30, 40]
    assert scored.loc[3, ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]].tolist() == [50, 50, 10]
    assert scored.loc[3, "secondary_traumatic_stress_band"] == "low"
    assert scored.loc[3, "burnout_band"] == "high"
    assert scored.loc[2, "status"] == "scored" and scored.loc[2, "reason"] == ""


def test_one_missing_item_is_prorated(scored):
    assert scored.loc[4, "burnout"] == pytest.approx(23 / 9 * 10)
    assert scored.loc[4, "burnout_band"] == "moderate"
    assert scored.loc[4, "compassion_satisfaction_band"] == "low"
    assert scored.loc[4, "status"] == "prorated"
    assert scored.loc[4, "reason"] == "Burnout prorated: 1 of 10 items unanswered"


def test_two_missing_items_leave_that_subscale_unscored_and_keep_the_others(scored):
    assert np.isnan(scored.loc[5, "secondary_traumatic_stress"])
    assert pd.isna(scored.loc[5, "secondary_traumatic_stress_band"])
    assert scored.loc[5, ["compassion_satisfaction", "burnout"]].tolist() == [30, 30]
    assert scored.loc[5, "status"] == "not_scored"
    assert scored.loc[5, "reason"] == "Secondary traumatic stress: 2 of 10 items unanswered, at least 9 needed"


def test_an_empty_row_is_not_scored_and_says_so(scored):
    assert scored.loc[6, "status"] == "not_scored"
    assert scored.loc[6, "reason"] == "No answers to any ProQOL 5 item"


def test_output_keeps_the_input_rows_in_order(scored):
    assert scored.index.tolist() == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("value, expected", [(10, "low"), (22, "low"), (22.5, "low"), (23, "moderate"),
                                             (41, "moderate"), (41.9, "moderate"), (42, "high"), (50, "high")])
def test_bands_at_the_cut_points(value, expected):
    assert band(np.array([value]), PROQOL.subscale("burnout").bands)[0] == expected


def test_reverse_items_turns_only_the_reversed_columns():
    frame = pd.DataFrame({1: [1.0, 2.0], 2: [1.0, 2.0], 4: [5.0, np.nan]})
    flipped = reverse_items(frame, PROQOL)
    assert flipped[1].tolist() == [5.0, 4.0]
    assert flipped[2].tolist() == [1.0, 2.0]
    assert flipped[4].tolist()[0] == 1.0 and np.isnan(flipped[4].tolist()[1])
    assert frame[1].tolist() == [1.0, 2.0], "the caller's frame is left alone"


def test_key_matrix_puts_each_item_in_its_subscale():
    key = key_matrix(PROQOL)
    assert key.shape == (30, 3)
    assert key.sum(axis=0).tolist() == [10, 10, 10]
    assert key[2, 0] == 1 and key[0, 1] == 1 and key[1, 2] == 1  # items 3 (CS), 1 (BO), 2 (STS)
