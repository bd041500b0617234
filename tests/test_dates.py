"""Response dates read as their writers meant: the order of day and month proven by the column or
set by the organisation, every form survey tools write, and the report saying which it was."""

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from synthetic import layouts
from tiwell.analysis import read_hr
from tiwell.cli import main
from tiwell.pipeline import score_file
from tiwell.scoring import DAY_FIRST, MONTH_FIRST, date_findings, read_dates
from tiwell.findings import describe_upload
from tiwell.workspace import Workspace, WorkspaceError, load

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
LABELS = ["Never", "Rarely", "Sometimes", "Often", "Very Often"]
# A ten-day UK survey, 3 to 12 February 2026: every date could be read either way round.
UK_TEN_DAYS = [f"{day:02d}/02/2026 09:{day:02d}" for day in range(3, 13)]


def export(dates: list[str], date_header: str = "Completion time") -> bytes:
    header = ["Team", date_header] + [f"Q{n}" for n in range(1, 31)]
    rows = [["North", when] + [LABELS[(i + n) % 5] for n in range(1, 31)] for i, when in enumerate(dates)]
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()


def read(*values: str, month_first: bool = False):
    return read_dates(pd.Series(list(values), dtype="str"), month_first)


def stamps(*texts: str) -> list:
    return [pd.Timestamp(t) if t else pd.NaT for t in texts]


# ---------------------------------------------------------------- the forms tools write


def test_twelve_hour_times_with_am_and_pm():
    dates, reading = read("01/19/2026 10:24:13 AM", "01/19/2026 10:24:13 PM", "01/20/2026 12:05 AM",
                          "01/20/2026 12:05 pm", "01/21/2026 13:05 PM")
    assert dates.tolist()[:4] == stamps("2026-01-19 10:24:13", "2026-01-19 22:24:13", "2026-01-20 00:05",
                                        "2026-01-20 12:05")
    assert pd.isna(dates[4]), "13 o'clock PM is no time"
    assert (reading.order, reading.proof, reading.read, reading.unreadable) == (MONTH_FIRST, "01/19/2026", 4, 1)


def test_iso_8601_with_t_and_zones_keeps_the_time_as_written():
    dates, reading = read("2026-01-19T10:24:13Z", "2026-01-19T10:24:13+01:00", "2026-03-01T23:30:00-05:00",
                          "2026-01-19T10:24:13.250Z")
    assert dates.tolist() == stamps("2026-01-19 10:24:13", "2026-01-19 10:24:13", "2026-03-01 23:30:00",
                                    "2026-01-19 10:24:13")
    assert (reading.proof, reading.doubtful, reading.assumed, reading.unreadable) == (None, 0, False, 0)


def test_excel_date_numbers():
    # Excel's 45658 is 1 January 2025; 46041 is 365 + 18 days later; .43 of a day is 10:19:12.
    dates, reading = read("46041", "46041.43", "45658")
    assert dates.tolist() == stamps("2026-01-19", "2026-01-19 10:19:12", "2025-01-01")
    assert reading.read == 3


def test_redcap_and_typeform_time_stamps_and_not_completed():
    dates, reading = read("2026-01-19 10:24", "2026-01-19 10:24:13", "[not completed]", "", "[Not Completed]")
    assert dates.tolist() == stamps("2026-01-19 10:24", "2026-01-19 10:24:13", "", "", "")
    assert (reading.read, reading.unreadable) == (2, 0), "'[not completed]' is a blank, not a date that cannot be read"


def test_months_by_name_need_no_order():
    dates, reading = read("Jan 19, 2026 10:24 AM", "19 January 2026", "19-Jan-2026", "Sept 3 2026", "Mayday 3 2026")
    assert dates.tolist() == stamps("2026-01-19 10:24", "2026-01-19", "2026-01-19", "2026-09-03", "")
    assert (reading.read, reading.unreadable, reading.assumed) == (4, 1, False)


def test_two_digit_years_and_dots():
    dates, _ = read("3/14/25 9:02:11", "3/15/25 10:00:00")
    assert dates.tolist() == stamps("2025-03-14 09:02:11", "2025-03-15 10:00:00")
    dates, reading = read("19.01.2026", "20.01.2026 08:15")
    assert dates.tolist() == stamps("2026-01-19", "2026-01-20 08:15")
    assert reading.order == DAY_FIRST and reading.proof == "19.01.2026"


def test_values_that_are_no_date_are_counted_not_guessed():
    dates, reading = read("30/02/2026", "31/12/2026 25:00", "2026-02-30", "soon", "13/02/2026")
    assert dates.isna().tolist() == [True, True, True, True, False]
    assert (reading.read, reading.unreadable, reading.proof) == (1, 4, "13/02/2026")


# ---------------------------------------------------------------- the order of day and month


def test_one_day_first_date_proves_the_column():
    dates, reading = read("03/02/2026", "13/02/2026", "04/02/2026", month_first=True)
    assert dates.tolist() == stamps("2026-02-03", "2026-02-13", "2026-02-04"), "the proof beats the setting"
    assert (reading.order, reading.proof, reading.assumed) == (DAY_FIRST, "13/02/2026", False)


def test_one_month_first_date_proves_the_column():
    dates, reading = read("02/03/2026", "02/13/2026 10:00", "02/04/2026")
    assert dates.tolist() == stamps("2026-02-03", "2026-02-13 10:00", "2026-02-04")
    assert (reading.order, reading.proof, reading.assumed) == (MONTH_FIRST, "02/13/2026", False)


def test_an_all_ambiguous_column_follows_the_setting_both_ways():
    values = ("03/02/2026", "04/02/2026", "05/05/2026")
    dates, reading = read(*values)
    assert dates.tolist() == stamps("2026-02-03", "2026-02-04", "2026-05-05")
    assert (reading.order, reading.proof, reading.assumed, reading.doubtful) == (DAY_FIRST, None, True, 2)
    dates, reading = read(*values, month_first=True)
    assert dates.tolist() == stamps("2026-03-02", "2026-04-02", "2026-05-05")
    assert (reading.order, reading.assumed) == (MONTH_FIRST, True)


def test_a_column_proving_both_orders_is_a_finding_naming_rows():
    values = pd.Series(["13/02/2026", "14/02/2026", "02/15/2026", "03/02/2026"], index=[2, 3, 4, 5], dtype="str")
    dates, reading = read_dates(values)
    # Two rows prove day-first, one month-first: day-first it is, and the odd one out has no date.
    assert dates.tolist() == stamps("2026-02-13", "2026-02-14", "", "2026-02-03")
    assert (reading.order, reading.other_order_rows, reading.unreadable) == (DAY_FIRST, (4,), 1)
    warning = [f for f in date_findings("Submitted", reading) if f.code == "dates_both_orders"]
    assert warning[0].severity == "warning"
    assert warning[0].message.startswith("Column 'Submitted' holds dates written day-first and others written "
                                            "month-first (row 4).")


def test_a_hundred_thousand_rows_are_read_by_distinct_value():
    times = pd.Timestamp("2026-02-01") + pd.to_timedelta(range(0, 100_000 * 9, 9), unit="s")
    values = pd.Series(times.strftime("%d/%m/%Y %H:%M:%S"), dtype="str")
    dates, reading = read_dates(values)
    assert (dates == times.as_unit("ns")).all() and reading.read == 100_000 and reading.order == DAY_FIRST


# ---------------------------------------------------------------- waves, the report and the summary


def test_a_ten_day_uk_survey_is_one_wave():
    survey = score_file(export(UK_TEN_DAYS), "uk.csv")
    assert survey.scored["wave"].unique().tolist() == ["2026-02"]
    assert survey.findings["code"].eq("date_order_assumed").sum() == 1
    assert "Dates in column 'Completion time' read day-first, as set: every date could be read either way." \
        in describe_upload(survey)


def test_the_setting_reads_the_same_survey_month_first():
    survey = score_file(export(UK_TEN_DAYS), "uk.csv", month_first=True)
    # 2 March, 2 April, ... 2 December: ten dates a month apart, so ten waves.
    assert survey.scored["wave"].tolist() == [f"2026-{m:02d}" for m in range(3, 13)]
    assert "Dates in column 'Completion time' read month-first, as set: every date could be read either way." \
        in describe_upload(survey)


def test_the_summary_names_the_date_that_proves_the_order():
    survey = score_file(export(["03/02/2026 09:00", "13/02/2026 10:00", "soon"]), "uk.csv")
    lines = describe_upload(survey)
    assert "waves told apart by the date" in next(line for line in lines if line.startswith("Columns:"))
    assert ("Dates in column 'Completion time' read day-first (13/02/2026 proves it); 1 could not be read, so "
            "those rows have no wave.") in lines
    no_wave = survey.findings[survey.findings["code"] == "no_wave"]
    assert no_wave["row"].tolist() == [4]


def test_a_column_of_no_dates_is_a_warning_never_a_silent_no_waves():
    survey = score_file(export(["soon", "later", "[not completed]"]), "x.csv")
    unreadable = survey.findings[survey.findings["code"] == "dates_unreadable"]
    assert unreadable["severity"].tolist() == ["warning"] and unreadable["column"].tolist() == ["Completion time"]
    assert unreadable["message"].iloc[0].startswith("None of the 2 dates in column 'Completion time' could be read")
    lines = describe_upload(survey)
    columns = next(line for line in lines if line.startswith("Columns:"))
    assert "no waves: the dates could not be read" in columns and "told apart" not in columns
    messages = survey.findings.loc[survey.findings["code"] == "no_wave", "message"].tolist()
    assert messages == ["The date could not be read, so this row has no wave."] * 2 + [
        "No date was given, so this row has no wave."]


@pytest.mark.parametrize("header", ["proqol_timestamp", "Submitted At", "Submit Date (UTC)", "Date submitted"])
def test_tool_time_stamps_are_the_date(header):
    survey = score_file(export(["2026-01-19 10:24", "[not completed]", "2026-07-01 09:00"], header), "x.csv")
    assert survey.mapping.column_for("date") == header
    assert survey.scored["wave"].fillna("none").tolist() == ["2026-01", "none", "2026-07"]
    assert f"Dates in column '{header}' read as written (none could mean two different days)." in describe_upload(survey)


def test_hr_dates_are_read_day_first_by_the_same_rule():
    # 'Period start' holds only dates that could go either way: day-first, 01/07/2025 is 1 July
    # (month-first it would be 7 January, inside the first half-year).
    table = [["Team", "Period", "Period start", "Period end", "Headcount start", "Headcount end", "Leavers"],
             ["North", "2025-H1", "01/01/2025", "30/06/2025", "4", "3", "1"],
             ["North", "2025-H2", "01/07/2025", "31/12/2025", "3", "2", "1"]]
    periods = read_hr(layouts.to_csv_bytes(table), "hr.csv").table.set_index("period")
    assert periods["period_start"].tolist() == stamps("2025-01-01", "2025-07-01")
    assert periods["period_end"].tolist() == stamps("2025-06-30", "2025-12-31")


# ---------------------------------------------------------------- the setting kept and given


def test_the_workspace_keeps_the_setting():
    assert load(Workspace(month_first=True).to_json()).month_first is True
    saved = json.loads(Workspace().to_json())
    assert "month_first" not in saved, "left day-first, the file is as it was before the setting existed"
    assert load(json.dumps(saved)).month_first is False
    with pytest.raises(WorkspaceError, match="field 'month_first' must be true or false, not 'yes'"):
        load(json.dumps(saved | {"month_first": "yes"}))


def test_the_cli_reads_an_ambiguous_column_month_first_when_told(tmp_path, capsysbinary):
    path = tmp_path / "uk.csv"
    path.write_bytes(export(UK_TEN_DAYS[:2]))
    assert main(["score", str(path)]) == 0
    out, err = capsysbinary.readouterr()
    assert pd.read_csv(io.BytesIO(out))["wave"].tolist() == ["2026-02", "2026-02"]
    assert "read day-first, as set" in err.decode()
    assert main(["score", str(path), "--month-first"]) == 0
    out, err = capsysbinary.readouterr()
    assert pd.read_csv(io.BytesIO(out))["wave"].tolist() == ["2026-03", "2026-04"]
    assert "read month-first, as set" in err.decode()


# ---------------------------------------------------------------- the home page asks only when it must


def test_the_home_page_asks_the_order_only_for_an_all_ambiguous_column():
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("proven.csv", export(["03/02/2026", "13/02/2026"]), "text/csv").run()
    assert not app.exception and not app.radio
    app.file_uploader[0].upload("uk.csv", export(UK_TEN_DAYS), "text/csv").run()
    assert not app.exception
    assert app.radio[0].options == ["3 February (day first)", "2 March (month first)"]
    assert app.session_state["survey"].scored["wave"].unique().tolist() == ["2026-02"]
    app.radio[0].set_value(True).run()
    assert not app.exception
    assert app.session_state["workspace"].month_first is True
    assert app.session_state["survey"].scored["wave"].nunique() == 10
