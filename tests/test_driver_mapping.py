"""The organisation's own questions in the mapping: detected as drivers or outcomes, read on their
scale, tagged with a principle and a reversed flag that survive a saved mapping file."""

import json

import numpy as np
import pandas as pd
import pytest

from tiwell.scoring import read_driver
from tiwell.text import AGREEMENT, FREQUENCY, NUMERIC, YES_NO, scale_of
from tiwell.ingest import SourceTable
from tiwell.instruments import load_builtin
from tiwell.mapping import (Mapping, MappingError, detect_mapping, mapping_from_table, match_items,
                            read_mapping_file)
from tiwell.pipeline import score_file, score_table
from synthetic.respondents import LEAVING_QUESTION, OWN_QUESTIONS
from tiwell.findings import describe_upload
from tiwell.theme import PRINCIPLE_IDS
from ui.state import SAMPLE, SAMPLES

PROQOL = load_builtin("proqol5")
IN_USE = {"proqol5": PROQOL}
ITEMS = {f"Q{n}": ["1", "3", "5", "2"] for n in range(1, 31)}


def table(columns: dict[str, list[str]]) -> SourceTable:
    frame = pd.DataFrame(columns, index=range(2, 2 + len(next(iter(columns.values())))))
    return SourceTable(frame, {c: (c,) for c in columns}, "x.csv", None, "plain", (1,), (), ())


def roles(source: SourceTable) -> dict:
    mapping = detect_mapping(source, ("proqol5",), match_items(source.headers, PROQOL))
    return dict(zip(mapping.table["column"], mapping.table["role"]))


# ---------------------------------------------------------------- scales


@pytest.mark.parametrize("answers, scale", [
    (["Strongly agree", " agree ", "DISAGREE", "Neither agree nor disagree", ""], AGREEMENT),
    (["Never", "Sometimes", "Always", "Very often"], FREQUENCY),
    (["Yes", "No", "yes"], YES_NO),
    (["1", "4.0", "5", "2"], NUMERIC[0]),
    (["0", "7", "10"], NUMERIC[2]),
    (["4 - Agree", "Strongly disagree"], AGREEMENT),
])
def test_a_columns_scale_is_found_from_its_answers(answers, scale):
    assert scale_of(pd.Series(answers)) is scale


@pytest.mark.parametrize("answers", [["Agree", "Agree", ""], ["Practitioner", "Admin"], ["100", "41"],
                                     ["2.5", "3"], ["I would like more time to debrief", "Agree"]])
def test_answers_that_are_not_on_one_scale_give_none(answers):
    assert scale_of(pd.Series(answers)) is None


def test_favourable_answers_are_the_top_of_each_scale():
    assert [s.favourable_from for s in (AGREEMENT, FREQUENCY, YES_NO, *NUMERIC)] == [4, 4, 1, 4, 6, 8]


def test_answers_read_as_numbers_flipped_when_reversed_and_strays_reported():
    values = pd.Series(["Strongly agree", "Disagree", "", "Maybe", "agree"], index=[5, 6, 7, 8, 9], name="Safe")
    numbers, findings = read_driver(values, AGREEMENT)
    assert numbers.tolist()[:2] == [5, 2] and np.isnan(numbers[7]) and np.isnan(numbers[8]) and numbers[9] == 4
    flipped, _ = read_driver(values, AGREEMENT, reversed_=True)
    assert flipped[[5, 6, 9]].tolist() == [1, 4, 2]
    assert [(f.row, f.column, f.value) for f in findings] == [(8, "Safe", "Maybe")]
    assert "not an answer on the agreement (1 to 5, favourable from 4) scale" in findings[0].message


# ---------------------------------------------------------------- detection


def test_scale_questions_become_drivers_and_leaving_an_outcome():
    source = table(ITEMS | {
        "Team": ["A", "B", "A", "B"],
        "My team supports each other": ["Agree", "Strongly agree", "Disagree", "Agree"],
        "How often do you get supervision?": ["Never", "Often", "Always", "Rarely"],
        "I would give feedback freely": ["Agree", "Disagree", "Agree", "Agree"],
        "Pay band": ["3", "4", "5", "4"],
        "How settled do you feel (1-5)": ["3", "4", "5", "4"],
        "Thinking of leaving?": ["Yes", "No", "No", "Yes"],
        "Finished": ["1", "0", "1", "1"],
    })
    found = roles(source)
    assert {c: found[c] for c in list(found)[30:]} == {
        "Team": "team", "My team supports each other": "driver", "How often do you get supervision?": "driver",
        "I would give feedback freely": "driver", "Pay band": "group", "How settled do you feel (1-5)": "driver",
        "Thinking of leaving?": "outcome", "Finished": "ignore"}


def test_the_sample_finds_every_own_question_with_its_principle_and_no_stray_items():
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    table_ = survey.mapping.table.set_index("column")
    for question, principle, *_ in OWN_QUESTIONS:
        assert (table_.loc[question, "role"], table_.loc[question, "principle"]) == ("driver", principle)
    assert table_.loc[LEAVING_QUESTION, "role"] == "outcome"
    assert sorted(survey.mapping.item_columns("proqol5")) == list(range(1, 31))
    assert survey.notes == ()
    assert not survey.findings["code"].isin(["item_not_found", "not_a_scale", "not_an_answer"]).any()
    assert {s.name for s in survey.question_scales.values()} == {"agreement", "yes/no"}


def test_other_layouts_keep_tool_metadata_out_of_the_drivers():
    survey = score_file((SAMPLES / "layouts" / "qualtrics.csv").read_bytes(), "qualtrics.csv")
    assert survey.mapping.columns_for("driver") == [] and survey.questions.empty
    google = score_file((SAMPLES / "layouts" / "google_forms.csv").read_bytes(), "google_forms.csv")
    assert google.mapping.columns_for("driver") == [q for q, *_ in OWN_QUESTIONS]


# ---------------------------------------------------------------- tags and saved files


def test_principle_and_reversed_round_trip_through_a_saved_mapping():
    source = table(ITEMS | {"Safe to speak up": ["Agree", "Strongly agree", "Disagree", ""],
                            "I worry about blame": ["Agree", "Strongly agree", "Disagree", "Strongly disagree"]})
    first = score_table(source, (PROQOL,))
    edited = first.mapping.table.copy()
    edited.loc[edited["column"] == "I worry about blame", ["principle", "reversed"]] = ["safety", True]
    edited.loc[edited["column"] == "Safe to speak up", "principle"] = "peer support"
    saved = mapping_from_table(edited, IN_USE, list(source.frame.columns)).to_json()
    entries = {e["column"]: e for e in json.loads(saved)["columns"]}
    assert entries["I worry about blame"] == {"column": "I worry about blame", "role": "driver",
                                              "principle": "safety", "reversed": True}
    assert "principle" not in entries["Q1"]
    again = score_table(source, (PROQOL,), saved)
    tags = again.mapping.table.set_index("column")
    assert tags.loc["I worry about blame", "principle"] == "safety" and tags.loc["I worry about blame", "reversed"]
    assert tags.loc["Safe to speak up", "principle"] == "peer support"
    assert again.questions["I worry about blame"].tolist() == [2, 1, 4, 5]
    assert first.questions["I worry about blame"].tolist() == [4, 5, 2, 1]


def test_a_mapping_file_from_before_drivers_still_loads():
    old = {"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"],
           "columns": [{"column": f"Q{n}", "role": "item", "instrument": "proqol5", "item": n} for n in range(1, 31)]
           + [{"column": "Safe", "role": "other"}]}
    source = table(ITEMS | {"Safe": ["Agree", "Disagree", "Agree", "Agree"]})
    survey = score_table(source, (PROQOL,), json.dumps(old))
    row = survey.mapping.table.set_index("column").loc["Safe"]
    assert (row["role"], row["principle"], row["reversed"]) == ("other", None, False)
    assert read_mapping_file(json.dumps(old))["tags"]["Safe"] == (None, False)


def test_an_unknown_principle_is_refused_naming_the_column():
    source = table(ITEMS | {"Safe": ["Agree", "Disagree", "Agree", "Agree"]})
    edited = score_table(source, (PROQOL,)).mapping.table.copy()
    edited.loc[edited["column"] == "Safe", "principle"] = "kindness"
    with pytest.raises(MappingError, match="Column 'Safe' is tagged 'kindness', which is not one of the principles"):
        mapping_from_table(edited, IN_USE, list(source.frame.columns))
    assert len(PRINCIPLE_IDS) == 6


def test_a_column_set_as_driver_without_scale_answers_is_reported_and_left_out():
    source = table(ITEMS | {"Team": ["Alpha", "Beta", "Alpha", "Beta"]})
    edited = score_table(source, (PROQOL,)).mapping.table.copy()
    edited.loc[edited["column"] == "Team", "role"] = "driver"
    survey = score_table(source, (PROQOL,), mapping_from_table(edited, IN_USE, list(source.frame.columns)).to_json())
    assert "Team" not in survey.questions
    found = survey.findings[survey.findings["code"] == "not_a_scale"].iloc[0]
    assert found["column"] == "Team" and "left out" in found["message"]


def test_the_summary_counts_the_own_questions_found():
    lines = describe_upload(score_file(SAMPLE.read_bytes(), SAMPLE.name))
    assert f"Questions of your own: 10 (tagged with a trauma-informed principle: 10); about leaving: " \
           f"'{LEAVING_QUESTION}'. Check their tags and reversed wording in the column mapping." in lines
    qualtrics = describe_upload(score_file((SAMPLES / "layouts" / "qualtrics.csv").read_bytes(), "qualtrics.csv"))
    assert not any(line.startswith("Questions of your own") for line in qualtrics)


def test_blank_tags_from_the_editor_save_as_no_principle_and_not_reversed():
    source = table(ITEMS | {"Safe": ["Agree", "Disagree", "Agree", "Agree"]})
    edited = score_table(source, (PROQOL,)).mapping.table.copy()
    edited["principle"], edited["reversed"] = np.nan, np.nan
    entry = next(e for e in json.loads(Mapping(("proqol5",), edited).to_json())["columns"] if e["column"] == "Safe")
    assert entry == {"column": "Safe", "role": "driver", "principle": None, "reversed": False}
