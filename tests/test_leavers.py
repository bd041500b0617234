"""Later leavers and stayers: private codes, who counts as which, and the comparison's numbers
(hand-worked, and checked against scipy)."""

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tiwell.ingest import read_tables
from tiwell.analysis.leavers import compare_leavers, leaver_sentence, left_or_stayed, one_per_person
from tiwell.ingest.pseudonym import canonical, new_key, private_codes
from tiwell.analysis import read_hr

KEY = bytes(range(32))
DAY = pd.Timestamp


# ---------------------------------------------------------------- private codes


def test_the_same_number_gives_the_same_code_however_it_is_written():
    codes = private_codes(pd.Series([" e0123 ", "E0123", "00456", "456", ""]), KEY)
    assert codes[0] == codes[1] and codes[2] == codes[3]
    assert codes[0] != codes[2] and pd.isna(codes[4])
    assert len(codes[0]) == 16 and "0123" not in codes[0]


def test_codes_under_another_key_do_not_match():
    numbers = pd.Series(["E0123", "E0124"])
    assert not set(private_codes(numbers, KEY)) & set(private_codes(numbers, new_key()))


def test_canonical_numbers_and_a_short_key_is_refused():
    assert canonical(" a 12 ") == "A12" and canonical("000") == "0" and canonical("0070") == "70"
    with pytest.raises(ValueError, match="32 random bytes"):
        private_codes(pd.Series(["1"]), b"short")


def test_employee_numbers_are_kept_only_as_codes_and_only_when_asked():
    data = b"Employee number,Team,Q1\nE1,Blue,3\nE2,Blue,4\n"
    plain = next(read_tables(data, "s.csv"))
    coded = next(read_tables(data, "s.csv", id_key=KEY))
    assert plain.person_codes is None
    assert "Employee number" not in coded.frame and dict(coded.dropped)["Employee number"].endswith("an identifier")
    assert coded.person_codes.to_dict() == private_codes(pd.Series(["E1", "E2"], index=[2, 3]), KEY).to_dict()


def test_a_staff_list_read_with_the_key_carries_the_same_codes():
    data = (b"Staff ID,Team,Start date,Leave date,Reason\n"
            b"E1,Blue,2020-01-01,2025-05-01,Resigned\nE2,Blue,2021-01-01,,\n")
    hr = read_hr(data, "staff.csv", id_key=KEY)
    assert read_hr(data, "staff.csv").people is None
    assert hr.people["person_code"].tolist() == private_codes(pd.Series(["E1", "E2"]), KEY).tolist()
    assert hr.people["leave_date"].iloc[0] == DAY("2025-05-01") and hr.people["voluntary"].tolist() == [True, False]


# ---------------------------------------------------------------- who left, who stayed

PEOPLE = pd.DataFrame({
    "person_code": ["a", "b", "c", "d", "f"],
    "start_date": [DAY("2020-01-01")] * 5,
    "leave_date": [DAY("2025-05-01"), pd.NaT, DAY("2025-12-01"), DAY("2025-02-01"), pd.NaT],
})


def test_outcomes_follow_the_window_and_the_end_of_the_list():
    responses = pd.DataFrame({
        "person_code": ["a", "b", "c", "d", "e", "f"],
        "answered": [DAY("2025-03-10")] * 5 + [DAY("2025-08-01")],
    })
    got = left_or_stayed(responses, PEOPLE, follow_up_months=6, known_until=DAY("2025-12-31"))
    # a left on 1 May, inside the window to 10 Sep; b is still there; c left after the window ended;
    # d left before answering; e is not on the list; f's window (to 1 Feb 2026) passes the list's end.
    assert got.fillna("unknown").tolist() == ["left", "stayed", "stayed", "unknown", "unknown", "unknown"]


def test_the_list_end_defaults_to_its_latest_date():
    responses = pd.DataFrame({"person_code": ["b"], "answered": [DAY("2025-06-02")]})
    assert left_or_stayed(responses, PEOPLE, follow_up_months=6).isna().all()  # window to 2 Dec, list to 1 Dec
    assert left_or_stayed(responses, PEOPLE, follow_up_months=5).tolist() == ["stayed"]
    with pytest.raises(ValueError, match="at least 1"):
        left_or_stayed(responses, PEOPLE, follow_up_months=0)


def test_each_person_counts_once_with_their_last_answers_before_the_outcome():
    responses = pd.DataFrame({"person_code": ["a", "a", "b", "b"],
                              "answered": [DAY("2024-09-01"), DAY("2025-03-01"), DAY("2024-09-01"), DAY("2025-03-01")]},
                             index=[10, 11, 12, 13])
    outcome = pd.Series(["stayed", "left", "stayed", "stayed"], index=responses.index)
    chosen = one_per_person(responses, outcome)
    assert chosen["outcome"].to_dict() == {11: "left", 13: "stayed"}


# ---------------------------------------------------------------- the comparison


def comparison_inputs():
    """Three leavers scoring 20, 24, 28 and four stayers scoring 18, 20, 22, 24, all answering on
    1 March 2025; the list runs to the end of 2025."""
    codes = list("abcdefg")
    scored = pd.DataFrame({"row": range(2, 9), "burnout": [20.0, 24, 28, 18, 20, 22, 24]})
    people = pd.DataFrame({"person_code": codes, "start_date": [DAY("2019-01-01")] * 7,
                           "leave_date": [DAY("2025-06-01")] * 3 + [pd.NaT] * 3 + [DAY("2025-12-31")]})
    answered = pd.Series([DAY("2025-03-01")] * 7)
    return scored, pd.Series(codes, index=range(2, 9)), people, answered


def test_the_comparison_matches_hand_worked_values_and_scipy():
    scored, codes, people, answered = comparison_inputs()
    result = compare_leavers(scored, codes, people, answered, {"burnout": "Burnout"}, min_group=3)
    row = result.table.iloc[0]
    assert (result.matched, result.left, result.stayed, result.unknown) == (7, 3, 4, 0)
    assert (row["n_left"], row["n_stayed"], row["mean_left"], row["mean_stayed"]) == (3, 4, 24.0, 21.0)
    welch = stats.ttest_ind([20, 24, 28], [18, 20, 22, 24], equal_var=False)
    ci = welch.confidence_interval(0.95)
    assert row["diff"] == 3.0 and row["p"] == pytest.approx(welch.pvalue)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high))
    # SDs 4 and sqrt(20/3); pooled sqrt((2*16 + 3*20/3)/5) = sqrt(10.4); d = 3/sqrt(10.4) = 0.930261;
    # g = d * (1 - 3/(4*7 - 9)) = d * 16/19 = 0.783378; SE = sqrt(7/12 + g^2/14) = 0.791939.
    assert row["g"] == pytest.approx(0.783378, abs=1e-6)
    assert (row["g_ci_low"], row["g_ci_high"]) == pytest.approx((0.783378 - 1.959964 * 0.791939,
                                                                0.783378 + 1.959964 * 0.791939), abs=1e-5)


def test_a_group_under_the_minimum_shows_nothing():
    scored, codes, people, answered = comparison_inputs()
    row = compare_leavers(scored, codes, people, answered, {"burnout": "Burnout"}, min_group=4).table.iloc[0]
    assert not row["shown"]
    assert np.isnan(row[["n_left", "n_stayed", "mean_left", "diff", "g"]].astype(float)).all()
    assert leaver_sentence(row) == "Burnout: too few people in one of the groups to show safely."


def test_rows_without_a_code_or_not_on_the_list_are_left_out():
    scored, codes, people, answered = comparison_inputs()
    codes = codes.drop(8).replace({"a": "zz"})  # row 2 is someone not on the list; row 8 gave no number
    result = compare_leavers(scored, codes, people, answered, {"burnout": "Burnout"}, min_group=2)
    assert (result.matched, result.left, result.stayed) == (5, 2, 3)
    assert result.table.iloc[0]["mean_left"] == 26.0 and result.table.iloc[0]["mean_stayed"] == 20.0


def test_the_sentences_say_which_way_and_when_it_is_within_noise():
    scored, codes, people, answered = comparison_inputs()
    row = compare_leavers(scored, codes, people, answered, {"burnout": "Burnout"}, min_group=3).table.iloc[0]
    assert leaver_sentence(row).startswith("Burnout: no clear difference") and "within noise" in leaver_sentence(row)
    clear = row.copy()
    clear[["ci_low", "ci_high"]] = [0.5, 5.5]
    assert leaver_sentence(clear) == ("Burnout: people who left within 6 months of answering had scored higher on "
                                      "average than people who stayed (24.0 against 21.0; difference +3.0, 95% CI +0.5 to +5.5).")


def test_the_caller_frames_are_not_changed():
    scored, codes, people, answered = comparison_inputs()
    before = scored.copy(), people.copy()
    compare_leavers(scored, codes, people, answered, {"burnout": "Burnout"}, min_group=3)
    pd.testing.assert_frame_equal(scored, before[0])
    pd.testing.assert_frame_equal(people, before[1])


def test_staff_list_csv_reads_through_the_same_rules_as_surveys():
    data = io.BytesIO(b"\xef\xbb\xbfStaff number;Team;Start date;Leave date\nE1;Blue;01/02/2020;\n").getvalue()
    hr = read_hr(data, "staff.csv", id_key=KEY)
    assert hr.source == "person-level staff list" and len(hr.people) == 1
