"""Personal data is found by header words anywhere in the header and by values, dropped on
reading, and named with its reason in the report; what a person typed into an answer never
reaches the report."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tiwell.ingest import find_personal_columns, new_key, read_tables
from tiwell.pipeline import score_file

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ["Often", "Sometimes", "Never", "Rarely"]


def dropped(columns: dict[str, list[str]]) -> dict[str, str]:
    frame = pd.DataFrame(columns)
    return dict(find_personal_columns(frame, {c: (c,) for c in frame.columns}))


@pytest.mark.parametrize("header, mentions, holds", [
    ("1. Your name (optional)", "your name", "a name"),
    ("What is your name?", "your name", "a name"),
    ("Name", "name", "a name"),
    ("Manager's name", "managers name", "a name"),
    ("Email (optional)", "email", "an email address"),
    ("Home postcode", "postcode", "a postcode"),
    ("Emp No", "emp no", "an identifier"),
    ("Payroll", "payroll", "an identifier"),
    ("NINO", "nino", "a National Insurance number"),
    ("NHS number", "nhs number", "an NHS number"),
    ("Contact number", "contact number", "a phone number"),
    ("Mobile", "mobile", "a phone number"),
    ("Date of birth", "date of birth", "a date of birth"),
    ("D.O.B.", "d o b", "a date of birth"),
    ("Line manager", "line manager", "a name"),
    ("Home address", "address", "an address"),
    ("IP", "ip", "an IP address"),
    ("LocationLatitude", "latitude", "a location"),
])
def test_headers_that_mention_personal_data_anywhere_are_dropped(header, mentions, holds):
    assert dropped({header: ["x", "y", "z"]}) == {header: f"its header mentions '{mentions}', so it holds {holds}"}


@pytest.mark.parametrize("header, values", [
    ("Team name", ["Early Help", "Duty", "Fostering"]),
    ("Name of your service", ["Early Help", "Duty", "Fostering"]),
    ("Which team do you work in?", ["Early Help", "Duty", "Fostering"]),
    ("Location of work", ["Leeds", "Bradford", "Wakefield"]),
    ("Location", ["Leeds", "Bradford", "Wakefield"]),
    ("What is your role?", ["Practitioner", "Manager", "Admin"]),
    ("I feel trapped by my job as a support worker.", ANSWERS),                # a ProQOL statement
    ("My line manager listens to me", ["Agree", "Disagree", "Strongly agree"]),  # a question about them
    ("I answer work emails out of hours", ANSWERS),
    ("RAG status", ["Amber", "Amber", "Green", "Red", "Amber"]),
    ("Shift", ["Rose Ward", "Holly Ward", "Florence Unit"]),
    ("IP or community team", ["IP", "Community", "IP"]),              # inpatient, not an IP address
])
def test_groupings_statements_and_questions_about_people_are_kept(header, values):
    assert dropped({header: values}) == {}


@pytest.mark.parametrize("values, kind", [
    (["ann@example.org", "bo.lee@nhs.net", "c@x.co.uk"], "email addresses"),
    (["020 7946 0958", "+44 161 496 0000", "07700 900123"], "phone numbers"),
    (["LS1 4AP", "sw1a 1aa", "M13 9PL"], "UK postcodes"),
    (["QQ 12 34 56 C", "AB123456D", "JG 10 37 59 A"], "National Insurance numbers"),
    (["943 476 5919", "9876543210", "401 023 2137"], "NHS numbers"),
    (["81.2.69.160", "10.0.0.1", "2001:db8::1"], "IP addresses"),
    (["Jane Smith", "Tom Hughes", "Priya Shah", "sam"], "people's names"),
    (["53.8008, -1.5491", "51.5074,-0.1278", "-33.8688, 151.2093"], "map coordinates"),
])
def test_values_that_are_personal_data_are_dropped_whatever_the_header(values, kind):
    assert dropped({"Other": values}) == {"Other": f"100% of its values look like {kind}"}


@pytest.mark.parametrize("values", [
    ["943 476 5918", "9876543211", "401 023 2138"],   # ten digits, none with its NHS check digit
    ["03-03-2025", "01-12-2024", "28-02-2025"],       # dates, not phone numbers
    ["100234", "100235", "100236"],                    # numbers too short to be phones
    ["Early Help", "Family Support North", "Duty"],
])
def test_values_that_only_look_alike_are_kept(values):
    assert dropped({"Other": values}) == {}


def test_an_employee_number_under_a_short_header_can_still_be_kept_as_private_codes():
    data = "Emp No,Team,Q1\nE101,A,3\nE102,B,4\n".encode()
    table = next(read_tables(data, "x.csv", id_key=new_key()))
    assert "Emp No" not in table.frame and table.person_codes.str.len().tolist() == [16, 16]


def survey_csv(typed: str) -> bytes:
    header = ["1. Your name (optional)", "Email (optional)", "Home postcode", "Team"] + [f"Q{k}" for k in range(1, 31)]
    rows = [["Ann Lee", "ann@example.org", "LS1 4AP", "A"] + ["3"] * 30 for _ in range(6)]
    rows[2][4] = typed
    rows[3][5] = "6"
    return "\n".join(",".join(row) for row in [header, *rows]).encode()


def test_the_report_names_every_dropped_column_and_why():
    findings = score_file(survey_csv("3"), "x.csv", instruments=("proqol5",)).findings
    dropped_rows = findings[findings["code"] == "personal_data_dropped"]
    assert dropped_rows["message"].tolist() == [
        "Column '1. Your name (optional)' was removed on reading: its header mentions 'your name', so it holds a name.",
        "Column 'Email (optional)' was removed on reading: its header mentions 'email', so it holds an email address.",
        "Column 'Home postcode' was removed on reading: its header mentions 'postcode', so it holds a postcode."]


def test_text_typed_into_an_answer_reaches_the_report_only_as_its_length():
    typed = "Jane Smith 07700 900123 jane.smith@example.org"
    findings = score_file(survey_csv(typed), "x.csv", instruments=("proqol5",)).findings
    found = findings[findings["code"].isin(["not_an_answer", "off_scale"])].set_index("column")
    assert found.loc["Q1", ["row", "value"]].tolist() == [4, "text of 46 characters"]
    assert found.loc["Q1", "message"].startswith("Text of 46 characters is not one of the scale's answers")
    assert found.loc["Q2", ["row", "value"]].tolist() == [5, "6"], "a short number is shown as it is"
    text = findings.astype(str).to_string()
    assert not any(part in text for part in ("Jane", "07700", "jane.smith", "Ann Lee", "ann@"))


def test_value_checks_and_redaction_are_linear_on_32000_character_cells():
    """Hostile shapes that make backtracking patterns take seconds each; a hard time limit."""
    script = """
import pandas as pd
from tiwell.ingest.personal import find_personal_columns
from tiwell.comments import redact
n = 32_000
shapes = ["a" * n, "1 " * (n // 2), "a@" * (n // 2), "a." * (n // 2), "Tom Hughes and " * (n // 15),
          "a at b dot " * (n // 11), "Thanks " * (n // 7), "Dr Aa " * (n // 6), "+(0" * (n // 3), "Hope " * (n // 5)]
frame = pd.DataFrame({str(k): [s] * 50 for k, s in enumerate(shapes)})
assert find_personal_columns(frame, {c: (c,) for c in frame}) == []
for shape in shapes:
    for _ in range(5):
        redact(shape, ("Early Help",) * 3)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
