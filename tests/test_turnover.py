"""Turnover: hand-worked rates, both HR shapes giving the same rates, team matching, wave joins."""

import pandas as pd
import pytest

from synthetic import layouts
from tiwell.ingest import IngestError
from tiwell.analysis.turnover import join_waves, match_teams, rates, read_hr, wave_dates

TABLE = [
    ["Team", "Period", "Period start", "Period end", "Headcount start", "Headcount end", "Leavers", "Voluntary leavers"],
    ["North", "2025-H1", "2025-01-01", "2025-06-30", "4", "3", "1", "1"],
    ["North", "2025-H2", "2025-07-01", "2025-12-31", "3", "2", "1", "0"],
    ["South", "2025-H1", "2025-01-01", "2025-06-30", "2", "2", "0", "0"],
    ["South", "2025-H2", "2025-07-01", "2025-12-31", "2", "2", "0", "0"],
]
# The same facts person by person: North has four staff on 1 January; Ann resigns in March,
# Ben is dismissed in October; South has two staff who stay.
STAFF = [
    ["Team", "Start date", "Leave date", "Reason for leaving"],
    ["North", "2019-05-01", "2025-03-15", "Resigned: new job"],
    ["North", "2020-01-10", "2025-10-02", "Dismissal"],
    ["North", "2021-09-01", "", ""],
    ["North", "2024-02-01", "", ""],
    ["South", "2018-01-01", "", ""],
    ["South", "2023-06-01", "", ""],
]


def test_rates_by_hand():
    # North 2025-H1: average headcount (4 + 3) / 2 = 3.5; 1 leaver in 6 months:
    # 1 / 3.5 x 100 x 12 / 6 = 57.14 per 100 a year.
    table = read_hr(layouts.to_csv_bytes(TABLE), "hr.csv").table.set_index(["team", "period"])
    assert table.loc[("North", "2025-H1"), "turnover_rate"] == pytest.approx(1 / 3.5 * 100 * 2)
    assert table.loc[("North", "2025-H1"), "voluntary_rate"] == pytest.approx(1 / 3.5 * 100 * 2)
    # North 2025-H2: (3 + 2) / 2 = 2.5; 1 leaver, not voluntary: 80 a year, voluntary 0.
    assert table.loc[("North", "2025-H2"), ["turnover_rate", "voluntary_rate"]].tolist() == pytest.approx([80, 0])
    assert table.loc[("South", "2025-H1"), "turnover_rate"] == 0


def test_a_year_long_period_is_not_annualised_again():
    table = rates(pd.DataFrame({"team": ["A"], "leavers": [3], "average_headcount": [30.0],
                                "period_start": [pd.Timestamp("2025-01-01")], "period_end": [pd.Timestamp("2025-12-31")]}))
    assert table["months"].iloc[0] == 12 and table["turnover_rate"].iloc[0] == pytest.approx(10)


def test_a_staff_list_gives_the_same_rates_as_the_team_period_table():
    from_table = read_hr(layouts.to_csv_bytes(TABLE), "hr.csv")
    from_staff = read_hr(layouts.to_csv_bytes(STAFF), "staff.csv")
    assert from_staff.source == "person-level staff list"
    columns = ["team", "period", "headcount_start", "headcount_end", "leavers", "voluntary_leavers",
               "turnover_rate", "voluntary_rate"]
    left = from_table.table[columns].sort_values(["team", "period"]).reset_index(drop=True)
    right = from_staff.table[columns].sort_values(["team", "period"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def test_a_file_of_neither_shape_says_what_it_needs():
    with pytest.raises(IngestError, match="neither a team-period table .* nor a staff list"):
        read_hr(layouts.to_csv_bytes([["Name", "Colour"], ["a", "b"]]), "odd.csv")


def test_a_count_that_is_not_a_number_is_named_with_its_row():
    bad = [row[:] for row in TABLE]
    bad[2][6] = "two"
    with pytest.raises(IngestError, match="hr.csv, row 3, column 'Leavers': 'two' is not a count"):
        read_hr(layouts.to_csv_bytes(bad), "hr.csv")


def test_team_names_match_exactly_or_are_offered_for_review():
    matches = match_teams(["Youth Justice", "Early Help", "Fostering & Adoption"],
                          ["youth justice team", "EARLY HELP", "Finance"]).set_index("hr_team")
    assert matches.loc["EARLY HELP", ["survey_team", "how"]].tolist() == ["Early Help", "same name"]
    assert matches.loc["youth justice team", ["survey_team", "how"]].tolist() == ["Youth Justice", "similar name: please check"]
    assert pd.isna(matches.loc["Finance", "survey_team"]) and matches.loc["Finance", "how"] == "no match"


def test_waves_join_the_same_or_the_following_period():
    turnover = read_hr(layouts.to_csv_bytes(TABLE), "hr.csv").table
    summary = pd.DataFrame({"wave": ["2025-03", "2025-03", "2025-09"], "team": ["North", "South", "North"],
                            "mean": [30.0, 20.0, 32.0]})
    dates = wave_dates(summary, None)
    same = join_waves(summary, turnover, dates, lag=0).set_index(["team", "wave"])
    assert same.loc[("North", "2025-03"), "period"] == "2025-H1"
    assert same.loc[("North", "2025-03"), "turnover_rate"] == pytest.approx(1 / 3.5 * 200)
    later = join_waves(summary, turnover, dates, lag=1).set_index(["team", "wave"])
    assert later.loc[("North", "2025-03"), "turnover_rate"] == pytest.approx(80)
    assert ("North", "2025-09") not in later.index, "no period after 2025-H2 in the HR data"
