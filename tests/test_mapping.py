"""Mapping: items by number and by statement text, the other roles, edits and saved files."""

import json

import pandas as pd
import pytest

from tiwell.ingest import SourceTable
from tiwell.instruments import load_builtin
from tiwell.mapping import MappingError, apply_saved, detect_mapping, mapping_from_table, match_items, read_mapping_file

PROQOL = load_builtin("proqol5")
IN_USE = {"proqol5": PROQOL}


def headers(*names) -> dict:
    return {n: (n,) for n in names}


def found(heads: dict) -> dict:
    return {m.column: m.item for m in match_items(heads, PROQOL)}


def table(columns: dict[str, list[str]]) -> SourceTable:
    frame = pd.DataFrame(columns, index=range(2, 2 + len(next(iter(columns.values())))))
    return SourceTable(frame, headers(*columns), "x.csv", None, "plain", (1,), (), ())


def detect(source: SourceTable):
    return detect_mapping(source, ("proqol5",), match_items(source.headers, PROQOL))


@pytest.mark.parametrize("names, expected", [
    (["Q1", "Q2", "Q30"], {"Q1": 1, "Q2": 2, "Q30": 30}),
    (["item 1", "item 2", "item 3"], {"item 1": 1, "item 2": 2, "item 3": 3}),
    (["ProQOL_1", "ProQOL_2", "ProQOL_12"], {"ProQOL_1": 1, "ProQOL_2": 2, "ProQOL_12": 12}),
    (["1.", "2.", "3."], {"1.": 1, "2.": 2, "3.": 3}),
    (["proqol5_1", "proqol5_2", "proqol5_3"], {"proqol5_1": 1, "proqol5_2": 2, "proqol5_3": 3}),
])
def test_items_are_found_by_their_number(names, expected):
    assert found(headers(*names)) == expected


def test_a_qualtrics_matrix_wins_over_a_lone_q1():
    heads = headers("Q1", *[f"Q2_{n}" for n in range(1, 31)], "Q3")
    result = found(heads)
    assert "Q1" not in result and result["Q2_1"] == 1 and result["Q2_30"] == 30 and len(result) == 30


@pytest.mark.parametrize("header, item", [
    ("I am happy.", 1),
    ("i am HAPPY", 1),
    ("I am happy that I chose to do this work.", 30),
    ("I get satisfaction from being able to support people.", 3),
    ("I get satisfaction from being able to care for people", 3),
    ("I get satisfaction from being able to [help] people.", 3),
    ("How often in the last 30 days? [I feel trapped by my job as a support worker.]", 10),
    ("Please read each statement - Because of my teaching, I have felt “on edge” about various things.", 11),
    ("12. I like my work as a nurse", 12),
    ("I feel overwhelmed because my workload seems endless.", 21),
    ("I cant recall important parts of my work with trauma victims", 28),
])
def test_items_are_found_by_their_statement(header, item):
    assert found({"col": (header,)}) == {"col": item}


def test_statement_matches_say_how_sure_they_are():
    matches = match_items({"a": ("I am happy.",), "b": ("I feel overwhelmed because my workload seems endless.",)}, PROQOL)
    sure = {m.column: (m.confidence, m.evidence) for m in matches}
    assert sure["a"] == (1.0, "statement text")
    assert 0.75 <= sure["b"][0] < 0.9 and "similar" in sure["b"][1]


def test_unrelated_headers_are_not_items():
    assert found(headers("Team", "Which team do you work in?", "How long have you worked here?")) == {}


def test_other_roles_come_from_headers_and_content():
    mapping = detect(table({
        "ID": ["1", "2"], "Completion time": ["3/1/25 9:00:00", "3/2/25 9:00:00"],
        "Start time": ["3/1/25 8:50:00", "3/2/25 8:50:00"], "Which team do you work in?": ["A", "B"],
        "What is your role?": ["Practitioner", "Manager"], "Q1": ["1", "2"], "Q2": ["1", "2"], "Q3": ["1", "2"],
        "Anything else?": ["More time to think would help a lot, thank you", ""],
    }))
    roles = dict(zip(mapping.table["column"], mapping.table["role"]))
    assert roles == {"ID": "id", "Completion time": "date", "Start time": "other",
                     "Which team do you work in?": "team", "What is your role?": "group",
                     "Q1": "item", "Q2": "item", "Q3": "item", "Anything else?": "comment"}


def test_a_free_text_column_with_many_different_answers_is_never_a_grouping():
    roles = ["Practitioner", "Manager", "Admin", "Support worker"] * 10
    titles = [f"The office by the station, patch {k}" for k in range(30)] + ["Admin"] * 10
    mapping = detect(table({"Q1": ["1"] * 40, "What is your role?": roles, "Job title": [f"Title {k}" for k in range(40)],
                            "Which site are you based at?": titles}))
    rows = mapping.table.set_index("column")
    assert rows.loc["What is your role?", "role"] == "group"
    assert rows.loc["Job title", "role"] == "other"                      # 40 different answers of 40
    assert rows.loc["Which site are you based at?", "role"] == "comment"   # 31 different, long: free text
    assert rows.loc["Job title", "evidence"] == "its 40 different answers are free text, not groups to compare"


def test_an_edit_that_maps_one_item_twice_is_refused():
    mapping = detect(table({"Q1": ["1"], "Q2": ["1"], "Q3": ["2"]}))
    edited = mapping.table.copy()
    edited.loc[edited["column"] == "Q2", "item"] = 1
    with pytest.raises(MappingError, match="Item 1 of ProQOL 5 is mapped to more than one column: Q1, Q2"):
        mapping_from_table(edited, IN_USE, ["Q1", "Q2", "Q3"])


def test_an_item_number_outside_the_instrument_is_refused():
    mapping = detect(table({"Q1": ["1"], "Q2": ["1"], "Q3": ["2"]}))
    edited = mapping.table.copy()
    edited.loc[0, "item"] = 31
    with pytest.raises(MappingError, match="Column 'Q1' is mapped to item 31; ProQOL 5 has items 1 to 30"):
        mapping_from_table(edited, IN_USE, ["Q1", "Q2", "Q3"])


def test_a_saved_mapping_round_trips_and_wins_over_detection():
    source = table({"Team": ["A"], "Q1": ["1"], "Q2": ["1"], "Q3": ["2"], "Extra": ["3"]})
    detected = detect(source)
    saved = json.loads(detected.to_json())
    saved["columns"] = [c for c in saved["columns"] if c["column"] != "Q3"] + [
        {"column": "Extra", "role": "item", "instrument": "proqol5", "item": 3}, {"column": "Q3", "role": "ignore"},
        {"column": "Gone", "role": "team"}]
    mapping, notes = apply_saved(detected, read_mapping_file(json.dumps(saved)), IN_USE)
    assert mapping.item_columns("proqol5") == {1: "Q1", 2: "Q2", 3: "Extra"}
    assert mapping.column_for("team") == "Team"
    assert notes == ["The saved mapping names column 'Gone', which this file does not have."]
    assert json.loads(mapping.to_json())["instruments"] == ["proqol5"]


@pytest.mark.parametrize("text, message", [
    ("not json", "not a tiwell mapping file \\(not valid JSON"),
    ('{"columns": []}', "not a tiwell mapping file \\(it needs"),
    ('{"format": "tiwell-mapping", "columns": [{"column": "Q1", "role": "boss"}]}', "entry 1 needs a 'column' and a 'role'"),
])
def test_a_bad_mapping_file_is_refused_clearly(text, message):
    with pytest.raises(MappingError, match=message):
        read_mapping_file(text, "m.json")


@pytest.mark.parametrize("header", ["Service area", "Department", "Your department", "Service", "Unit", "Ward",
                                    "Directorate", "Office", "Location of work", "Which team are you in?",
                                    "Which service do you work in?", "Where do you work?"])
def test_a_team_column_is_the_team_whatever_the_organisation_calls_it(header):
    mapping = detect(table({"Q1": ["1", "2"], header: ["North", "South"], "Length of service": ["1-2 years", "5+"]}))
    roles = dict(zip(mapping.table["column"], mapping.table["role"]))
    assert roles[header] == "team" and roles["Length of service"] == "group"


def test_a_header_saying_team_keeps_the_team_over_a_directorate_before_it():
    mapping = detect(table({"Directorate": ["Children", "Adults"], "Your team": ["North", "South"], "Q1": ["1", "2"]}))
    rows = mapping.table.set_index("column")
    assert rows.loc["Your team", "role"] == "team"
    assert (rows.loc["Directorate", "role"], rows.loc["Directorate", "evidence"]) == (
        "group", "another column was taken as the team")


def test_a_saved_column_this_file_lacks_takes_no_item_from_the_file_s_own():
    # Saved from an export whose items were headed by their statements; this file numbers them.
    detected = detect(table({"Team": ["A"], "Q1": ["1"], "Q2": ["1"], "Q3": ["2"], "Q4": ["2"]}))
    saved = {"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"], "columns": [
        {"column": f"Statement {n}", "role": "item", "instrument": "proqol5", "item": n} for n in range(1, 5)]}
    mapping, notes = apply_saved(detected, read_mapping_file(json.dumps(saved)), IN_USE)
    assert mapping.item_columns("proqol5") == {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}
    assert notes == ["The saved mapping names 4 of its 4 columns that this file does not have ('Statement 1', "
                     "'Statement 2', 'Statement 3' and 1 more): it may have been saved from another export."]
