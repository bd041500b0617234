"""One fixture per export shape, all made from the same people: every shape must score them
exactly as their answers say, keep every respondent once, and show no personal data."""

import numpy as np
import pandas as pd
import pytest

from synthetic import layouts
from tiwell.instruments import load_builtin
from tiwell.pipeline import score_file

PROQOL = load_builtin("proqol5")
SCORES = ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]


def truth() -> pd.DataFrame:
    """Six people. Ann answers 4 everywhere: CS 40, BO 5*2 + 5*4 = 30 (reversed 1, 4, 15, 17,
    29 read as 2), STS 40. Ben answers item n with (n % 5) + 1. Cat skips item 29 (BO prorated).
    Dan skips items 2 and 5 (no STS score). Eve answers nothing. Fay answers 1 everywhere:
    CS 10, BO 5*5 + 5*1 = 30, STS 10."""
    answers = {
        "Ann": {n: 4 for n in range(1, 31)},
        "Ben": {n: n % 5 + 1 for n in range(1, 31)},
        "Cat": {n: 3 for n in range(1, 31) if n != 29},
        "Dan": {n: 2 for n in range(1, 31) if n not in (2, 5)},
        "Eve": {},
        "Fay": {n: 1 for n in range(1, 31)},
    }
    rows = []
    for i, (name, given) in enumerate(answers.items()):
        rows.append({"respondent": i + 1, "name": f"{name} Smith", "email": f"{name.lower()}@example.org",
                     "phone": "07700 900123", "team": ["Early Help", "Youth Justice"][i % 2], "role": "Practitioner",
                     "wave": "2025-03", "submitted": pd.Timestamp("2025-03-10 09:00") + pd.Timedelta(hours=i),
                     **{n: given.get(n, pd.NA) for n in range(1, 31)}, "comment": "Thank you for asking" if i == 0 else ""})
    frame = pd.DataFrame(rows)
    return frame.astype({n: "Int64" for n in range(1, 31)})


# Hand-worked: Ben answers (n % 5) + 1. CS items 3,6,12,16,18,20,22,24,27,30 -> 4,2,3,2,4,1,3,5,3,1 = 28.
# BO items 1,4,8,10,15,17,19,21,26,29 -> 2,5,4,1,1,3,5,2,2,5; reversed 1,4,15,17,29 -> 4,1,5,3,1:
# 4+1+4+1+5+3+5+2+2+1 = 28. STS items 2,5,7,9,11,13,14,23,25,28 -> 3,1,3,5,2,4,5,4,1,4 = 32.
# Cat: CS 30; BO 9 answered at 3 = 27, prorated 27/9*10 = 30; STS 30. Dan answers 2: CS 20;
# BO 5 reversed (2 -> 4) + 5 plain = 20 + 10 = 30; STS none.
EXPECTED = [
    [40, 30, 40],
    [28, 28, 32],
    [30, 30, 30],
    [20, 30, np.nan],
    [np.nan, np.nan, np.nan],
    [10, 30, 10],
]
STATUS = ["scored", "scored", "prorated", "not_scored", "not_scored", "scored"]

SHAPES = {
    "microsoft_forms": lambda t: (layouts.to_xlsx_bytes(layouts.microsoft_forms(t, PROQOL), sheet="Sheet1"), "forms.xlsx"),
    "google_forms": lambda t: (layouts.to_csv_bytes(layouts.google_forms(t, PROQOL)), "google.csv"),
    "qualtrics": lambda t: (layouts.to_csv_bytes(layouts.qualtrics(t, PROQOL), bom=True), "qualtrics.csv"),
    "qualtrics_labels": lambda t: (layouts.to_csv_bytes(layouts.qualtrics(t, PROQOL, numeric=False), sep=";"), "qualtrics.csv"),
    "surveymonkey": lambda t: (layouts.to_xlsx_bytes(layouts.surveymonkey(t, PROQOL), sheet="Sheet"), "monkey.xlsx"),
    "plain_excel": lambda t: (layouts.to_xlsx_bytes(layouts.plain_excel(t, PROQOL), sheet="Responses",
                                                    extra_sheets={"Read me": [["Staff survey"], ["Answers on the next sheet"]]}),
                              "plain.xlsx"),
    "google_forms_literal_brackets": lambda t: (layouts.to_csv_bytes(layouts.google_forms(t, PROQOL, words={})), "google.csv"),
    "microsoft_forms_utf16": lambda t: (layouts.to_csv_bytes(layouts.microsoft_forms(t, PROQOL), encoding="utf-16", sep="\t"),
                                        "forms.txt"),
}


@pytest.fixture(scope="module")
def people():
    return truth()


@pytest.mark.parametrize("shape", SHAPES)
def test_each_export_shape_scores_every_person_exactly(shape, people):
    data, name = SHAPES[shape](people)
    survey = score_file(data, name)
    scored = survey.scored
    assert len(scored) == len(people), "every respondent once; header rows never"
    np.testing.assert_allclose(scored[SCORES].to_numpy(float), np.array(EXPECTED, float))
    assert scored["status"].tolist() == STATUS
    assert [inst.id for inst in survey.instruments] == ["proqol5"]
    assert len(survey.mapping.item_columns("proqol5")) == 30


@pytest.mark.parametrize("shape", SHAPES)
def test_no_export_shape_lets_personal_data_through(shape, people):
    data, name = SHAPES[shape](people)
    scored = score_file(data, name).scored
    text = scored.astype(str).to_csv()
    for secret in ("Smith", "@example.org", "07700"):
        assert secret not in text


@pytest.mark.parametrize("shape, team", [("microsoft_forms", "team"), ("qualtrics", "team"),
                                         ("surveymonkey", "team"), ("google_forms", "team"), ("plain_excel", "team")])
def test_each_shape_finds_the_team(shape, team, people):
    data, name = SHAPES[shape](people)
    scored = score_file(data, name).scored
    assert scored[team].tolist() == people["team"].tolist()


def test_the_layout_is_recognised(people):
    seen = {shape: score_file(*SHAPES[shape](people)).table.layout for shape in
            ("microsoft_forms", "google_forms", "qualtrics", "surveymonkey", "plain_excel")}
    assert seen == {"microsoft_forms": "microsoft_forms", "google_forms": "google_forms", "qualtrics": "qualtrics",
                    "surveymonkey": "surveymonkey", "plain_excel": "plain"}


def test_the_plain_workbook_skips_the_read_me_sheet(people):
    survey = score_file(*SHAPES["plain_excel"](people))
    assert survey.table.sheet == "Responses"
