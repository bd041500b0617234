"""Exports pasted one below another, headers and all: each pasted header is found, reported with
its row number and never scored, and the rows below a header with the columns in another order
are read by that header's own columns, so every respondent scores as when read alone."""

import numpy as np
import pandas as pd
import pytest

from synthetic import layouts, respondents
from tiwell.cli import main
from tiwell.instruments import load_builtin
from tiwell.pipeline import score_file

PROQOL = load_builtin("proqol5")
CBI = load_builtin("cbi")
SCORES = ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]
PER_WAVE = 8
# Three yearly Microsoft Forms exports of eight people, one below another: header in row 1, the
# first year's people in rows 2-9, the second year's header in row 10 and people in 11-18, the
# third year's header (its columns in another order) in row 19 and people in 20-27.
PASTED_HEADER_ROWS = [10, 19]


@pytest.fixture(scope="module")
def exports() -> list[list[list]]:
    """Each wave's export as rows (header first); the third with its columns shuffled."""
    truth = respondents.simulate_survey()
    waves = [layouts.microsoft_forms(people.head(PER_WAVE), PROQOL) for _, people in truth.groupby("wave")]
    order = np.random.default_rng(18).permutation(len(waves[2][0]))
    waves[2] = [[row[j] for j in order] for row in waves[2]]
    return waves


def _alone(exports) -> pd.DataFrame:
    """Every respondent as scored from their own year's file."""
    return pd.concat([score_file(layouts.to_csv_bytes(rows), "year.csv").scored for rows in exports], ignore_index=True)


@pytest.mark.parametrize("write, name", [(layouts.to_csv_bytes, "pasted.csv"), (layouts.to_xlsx_bytes, "pasted.xlsx")])
def test_three_pasted_exports_score_every_respondent_as_when_read_alone(exports, write, name):
    survey = score_file(write([row for rows in exports for row in rows]), name)
    alone = _alone(exports)
    assert len(survey.scored) == 3 * PER_WAVE
    assert not set(PASTED_HEADER_ROWS) & set(survey.scored["row"])
    assert survey.scored["row"].tolist() == [*range(2, 10), *range(11, 19), *range(20, 28)]
    shown = ["ID", "team", "What is your role?", *SCORES, "status"]
    pd.testing.assert_frame_equal(survey.scored[shown].reset_index(drop=True), alone[shown].astype(survey.scored[shown].dtypes))
    report = survey.findings[survey.findings["code"] == "header_in_data"]
    assert report["row"].tolist() == PASTED_HEADER_ROWS
    assert report["message"].tolist() == [
        "Row 10 is a copy of the header, pasted into the data; not scored.",
        "Row 19 is a header pasted into the data, with the columns in another order; the rows below it (20-27) were "
        "read by that header's own columns, so each is scored right.",
    ]
    assert survey.counts["respondents"] == 24 and survey.scored["wave"].nunique() == 3


def test_a_year_with_a_column_more_and_one_fewer_is_read_by_name(exports):
    """The second year dropped the role question and added one about hours: its rows keep their
    scores, their role is empty and the new question is left out, as the report says."""
    second = [list(row) for row in exports[1]]
    role = second[0].index("What is your role?")
    second = [row[:role] + row[role + 1:] + [hours] for row, hours in zip(second, ["Hours a week", *["37"] * PER_WAVE])]
    survey = score_file(layouts.to_csv_bytes(exports[0] + second), "pasted.csv")
    assert survey.findings.loc[survey.findings["code"] == "header_in_data", "message"].tolist() == [
        "Row 10 is a header pasted into the data, with the columns in another order; the rows below it (11-18) were "
        "read by that header's own columns, so each is scored right; it has no column 'What is your role?'; its "
        "column 'Hours a week' is left out."]
    assert survey.scored["What is your role?"].tolist()[PER_WAVE:] == [""] * PER_WAVE
    assert "Hours a week" not in survey.scored.columns
    alone = _alone(exports[:2])
    pd.testing.assert_frame_equal(survey.scored[SCORES], alone[SCORES])


def test_a_pasted_block_of_qualtrics_header_rows_is_taken_out_whole():
    """Qualtrics writes three header rows; a second export pasted below repeats all three."""
    truth = respondents.simulate_survey()
    first, second = (layouts.qualtrics(people.head(5), PROQOL) for _, people in list(truth.groupby("wave"))[:2])
    survey = score_file(layouts.to_xlsx_bytes(first + second), "pasted.xlsx")
    # Header rows 1-3, people 4-8, the pasted header 9-11, people 12-16.
    report = survey.findings[survey.findings["code"] == "header_in_data"]
    assert report["row"].tolist() == [9, 10, 11]
    assert report["message"].iloc[0] == "Rows 9-11 are a copy of the header, pasted into the data; not scored."
    assert survey.scored["row"].tolist() == [*range(4, 9), *range(12, 17)]
    alone = pd.concat([score_file(layouts.to_xlsx_bytes(rows), "y.xlsx").scored for rows in (first, second)])
    np.testing.assert_array_equal(survey.scored[SCORES].to_numpy(), alone[SCORES].to_numpy())


@pytest.mark.parametrize("layout", [layouts.surveymonkey, layouts.google_forms, layouts.qualtrics,
                                    layouts.microsoft_forms, layouts.plain_excel])
def test_each_tools_export_pasted_three_times_scores_as_when_read_alone(layout):
    """SurveyMonkey's second header row is blank under its first columns: it is still known."""
    parts = [layout(people.head(6), PROQOL) for _, people in respondents.simulate_survey().groupby("wave")]
    survey = score_file(layouts.to_xlsx_bytes([row for rows in parts for row in rows]), "pasted.xlsx")
    header = len(survey.table.header_rows)
    starts = [1 + k * (header + 6) for k in (1, 2)]  # where the second and third exports' headers begin
    assert [h.rows for h in survey.table.pasted_headers] == [tuple(range(r, r + header)) for r in starts]
    alone = pd.concat([score_file(layouts.to_xlsx_bytes(rows), "year.xlsx").scored for rows in parts])
    np.testing.assert_array_equal(survey.scored[SCORES].to_numpy(), alone[SCORES].to_numpy())


def test_a_single_repeated_header_row_is_reported_by_its_row_and_not_scored():
    rows = layouts.plain_excel(respondents.simulate_survey().head(6), PROQOL)
    survey = score_file(layouts.to_csv_bytes(rows[:4] + [rows[0]] + rows[4:]), "plain.csv")
    # Header row 1, people in rows 2-4, the header again in row 5, people in rows 6-8.
    assert survey.findings.loc[survey.findings["code"] == "header_in_data", "row"].tolist() == [5]
    assert survey.scored["row"].tolist() == [2, 3, 4, 6, 7, 8]
    alone = score_file(layouts.to_csv_bytes(rows), "plain.csv").scored
    pd.testing.assert_frame_equal(survey.scored[SCORES], alone[SCORES])


def test_a_row_of_another_instruments_header_is_set_aside_with_the_rows_below_it():
    """A CBI export pasted below ProQOL answers: its header shares only the form's own columns,
    so it is known by the CBI statements it holds; its people are in other columns and are not
    scored as ProQOL answers."""
    own = [question for question, *_ in respondents.OWN_QUESTIONS] + [respondents.LEAVING_QUESTION]
    truth = respondents.simulate_survey().drop(columns=own)
    proqol = layouts.microsoft_forms(truth.head(6), PROQOL)
    cbi_truth = truth.iloc[6:9].copy()  # three more people, answering the CBI (0, 25 ... 100)
    for n in CBI.item_numbers:
        cbi_truth[n] = [25.0 * ((n + k) % 5) for k in range(3)]
    cbi = layouts.microsoft_forms(cbi_truth, CBI)
    survey = score_file(layouts.to_csv_bytes(proqol + cbi), "pasted.csv", instruments=("proqol5",))
    # ProQOL header row 1, people 2-7; the CBI header in row 8, its people in rows 9-11.
    assert survey.scored["row"].tolist() == [2, 3, 4, 5, 6, 7]
    report = survey.findings.set_index("code")
    assert report.loc["header_in_data", "row"] == 8
    assert report.loc["rows_set_aside", "row"] == 9
    assert report.loc["rows_set_aside", "severity"] == "error"
    assert report.loc["header_in_data", "message"] == (
        "Row 8 holds CBI item headings, not answers: a header pasted into the data, not scored; nor are the rows "
        "below it (9-11), which come from that other export, in other columns (give them as a file of their own).")
    alone = score_file(layouts.to_csv_bytes(proqol), "proqol.csv").scored
    pd.testing.assert_frame_equal(survey.scored[SCORES], alone[SCORES])


def test_a_pasted_header_naming_other_columns_is_refused_not_read_shifted():
    """Four of the header's own cells make the row a header, but it names too few of the first
    header's columns to read the rows below it by name."""
    rows = layouts.microsoft_forms(respondents.simulate_survey().head(4), PROQOL)
    other = [["ID", "Start time", "Completion time", "Which team do you work in?", "Score A", "Score B"],
             ["9", "3/1/26 9:00:00", "3/1/26 9:10:00", "Team X", "Often", "Never"]]
    survey = score_file(layouts.to_csv_bytes(rows + other), "pasted.csv")
    # Header row 1, people 2-5, the other header in row 6, its one row in row 7.
    assert survey.scored["row"].tolist() == [2, 3, 4, 5]
    report = survey.findings.set_index("code")
    assert report.loc["header_in_data", "row"] == 6
    assert report.loc["rows_set_aside", "row"] == 7
    assert report.loc["rows_set_aside", "message"] == (
        "Row 6 is a header pasted into the data that names other columns than the first header; the rows below it "
        "(7) cannot be read by the first header's columns and are not scored: give them as a file of their own.")


def test_the_cli_exits_0_and_says_what_was_found(exports, tmp_path, capsys):
    source = tmp_path / "pasted.csv"
    source.write_bytes(layouts.to_csv_bytes([row for rows in exports for row in rows]))
    assert main(["score", str(source), "--out", str(tmp_path / "scores.csv")]) == 0
    summary = capsys.readouterr().err
    assert "Row 10 is a copy of the header, pasted into the data; not scored." in summary
    assert "Row 19 is a header pasted into the data, with the columns in another order; the rows below it (20-27)" in summary
    assert "Respondents: 24:" in summary
    assert len(pd.read_csv(tmp_path / "scores.csv")) == 24
