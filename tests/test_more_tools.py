"""More survey tools, exactly as they export: every shape scores the same people exactly (with
the instrument chosen and without), keeps each respondent once, names teams (never their codes)
and lets no personal data through; tool metadata is never a question of the organisation's own."""

import json
import re

import numpy as np
import pandas as pd
import pytest

from synthetic import layouts, tool_layouts
from synthetic.respondents import simulate_survey
from test_layouts_and_samples import sums
from tiwell.ingest import read_data_dictionary
from tiwell.instruments import load_builtin
from tiwell.mapping import parse_labels, with_labels
from tiwell.pipeline import score_file

PROQOL = load_builtin("proqol5")
SCORES = ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]
DICTIONARY = layouts.to_csv_bytes(tool_layouts.redcap_dictionary(PROQOL))


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    """40 people of the last wave: two who answered nothing, two who stopped halfway, one who
    skipped one item, and 35 spread over the whole list."""
    survey = simulate_survey()
    last = survey[survey["wave"].eq("2026-03")]
    missing = last[list(range(1, 31))].isna().sum(axis=1)
    odd = [*last.index[missing.eq(30)][:2], *last.index[missing.between(10, 20)][:2], *last.index[missing.eq(1)][:1]]
    rest = last.drop(odd)
    spread = rest.index[np.linspace(0, len(rest) - 1, 35).astype(int)]
    people = last.loc[sorted([*odd, *spread])].reset_index(drop=True)
    assert len(people) == 40 and people["team"].nunique() >= 6
    return people


def csv(rows, **options):
    return layouts.to_csv_bytes(rows, **options)


def xlsx(rows):
    return layouts.to_xlsx_bytes(rows, sheet="Sheet1")


def team_labels(form: str) -> str:
    """A mapping's labels for team codes written ``form`` ('{}' -> 1, 'AO{:02d}' -> AO01)."""
    return " | ".join(f"{form.format(k)}, {name}" for k, name in enumerate(tool_layouts.TEAM_CODES, start=1))


def with_team_labels(column: str, form: str) -> str:
    """A mapping file as a user saves it after typing the team codes' labels into the mapping table."""
    return json.dumps({"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"],
                       "columns": [{"column": column, "role": "team", "labels": team_labels(form)}]})


# shape -> (file bytes, file name, saved mapping, code labels from a data dictionary)
SHAPES = {
    "limesurvey_codes": lambda t: (csv(tool_layouts.limesurvey_codes(t, PROQOL)), "results-survey123.csv",
                                   with_team_labels("G01Q01", "AO{:02d}"), None),
    "limesurvey_text": lambda t: (xlsx(tool_layouts.limesurvey_text(t, PROQOL)), "results-survey123.xlsx", None, None),
    "smartsurvey": lambda t: (xlsx(tool_layouts.smartsurvey(t, PROQOL)), "smartsurvey.xlsx", None, None),
    "jisc": lambda t: (csv(tool_layouts.jisc(t, PROQOL)), "jisc.csv", None, None),
    "redcap_raw": lambda t: (csv(tool_layouts.redcap_raw(t, PROQOL)), "WELLBEING_DATA_2026-03-20.csv", None,
                             read_data_dictionary(DICTIONARY, "WELLBEING_DataDictionary.csv")),
    "redcap_labels": lambda t: (csv(tool_layouts.redcap_labels(t, PROQOL)), "WELLBEING_DATA_LABELS.csv", None, None),
    "qualtrics_numeric": lambda t: (csv(tool_layouts.qualtrics_numeric(t, PROQOL), bom=True), "qualtrics.csv",
                                    with_team_labels("Q1", "{}"), None),
    "surveymonkey_condensed": lambda t: (csv(tool_layouts.surveymonkey_condensed(t, PROQOL)), "monkey.csv",
                                         with_team_labels("Which team do you work in?", "{}"), None),
    "typeform": lambda t: (csv(tool_layouts.typeform(t, PROQOL)), "responses.csv", None, None),
    "jotform": lambda t: (xlsx(tool_layouts.jotform(t, PROQOL)), "Staff_wellbeing.xlsx", None, None),
}


def scored(shape, truth, instrument):
    data, name, saved, labels = SHAPES[shape](truth)
    return score_file(data, name, instruments=instrument, saved_mapping=saved, code_labels=labels)


@pytest.mark.parametrize("instrument", [(), ("proqol5",)], ids=["detected", "chosen"])
@pytest.mark.parametrize("shape", SHAPES)
def test_each_tool_scores_every_person_exactly(shape, instrument, truth):
    survey = scored(shape, truth, instrument)
    assert len(survey.scored) == len(truth), "every respondent once; header rows never"
    assert [inst.id for inst in survey.instruments] == ["proqol5"]
    assert len(survey.mapping.item_columns("proqol5")) == 30
    np.testing.assert_allclose(survey.scored[SCORES].to_numpy(float), sums(truth)[SCORES].to_numpy(float))
    assert not survey.findings["code"].isin(["not_an_answer", "off_scale"]).any()


@pytest.mark.parametrize("shape", SHAPES)
def test_each_tool_names_the_teams_not_their_codes(shape, truth):
    survey = scored(shape, truth, ())
    assert survey.scored["team"].tolist() == truth["team"].tolist()


@pytest.mark.parametrize("shape", SHAPES)
def test_no_tool_lets_personal_data_through(shape, truth):
    text = scored(shape, truth, ()).scored.astype(str).to_csv()
    for name, email in zip(truth["name"], truth["email"]):
        assert name not in text and email not in text
    assert "81.2.69." not in text


# Every column each tool adds about the response itself, as its header reads.
METADATA = {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "Response ID",
            "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action", "UserID",
            "UserNo", "Unique ID", "Started", "Ended", "Tracking Link", "Custom Value", "Start date",
            "Completion date", "record_id", "redcap_survey_identifier", "proqol_timestamp", "proqol_complete",
            "Record ID", "Survey Identifier", "Survey Timestamp", "Complete?", "StartDate", "EndDate", "Status",
            "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId", "DistributionChannel",
            "UserLanguage", "ExternalReference", "Respondent ID", "Collector ID", "Start Date", "End Date",
            "Custom Data 1", "Token", "Start Date (UTC)", "Submitted At", "Network ID", "Submission Date",
            "Submission ID"}


@pytest.mark.parametrize("shape", SHAPES)
def test_tool_metadata_is_never_a_question_or_a_comment(shape, truth):
    table = scored(shape, truth, ()).mapping.table.set_index("column")
    present = table.index.intersection(list(METADATA))
    assert len(present) >= 2
    # 'other' only for a second date (a start time) once the submit time was taken as the date.
    assert set(table.loc[present, "role"]) <= {"ignore", "date", "id", "other"}, table.loc[present, "role"].to_dict()
    assert table.loc[present, "role"].eq("date").sum() == 1


def test_metadata_columns_are_recognised_and_dates_are_dates(truth):
    roles = lambda shape: scored(shape, truth, ()).mapping.table.set_index("column")["role"]  # noqa: E731
    lime, redcap, typeform = roles("limesurvey_codes"), roles("redcap_raw"), roles("typeform")
    assert lime[["lastpage", "startlanguage", "seed"]].tolist() == ["ignore"] * 3
    assert lime["submitdate"] == "date" and lime["id"] == "id"
    assert redcap[["redcap_survey_identifier", "proqol_complete"]].tolist() == ["ignore"] * 2
    assert redcap["proqol_timestamp"] == "date"
    assert typeform[["Token", "Network ID"]].tolist() == ["ignore"] * 2 and typeform["Submitted At"] == "date"
    smart = roles("smartsurvey")
    assert smart["Ended"] == "date" and smart["Which team do you work in?"] == "team"
    assert not smart.index.str.startswith("Column ").any()


def test_waves_come_from_each_tools_dates(truth):
    for shape in ("limesurvey_codes", "smartsurvey", "jisc", "redcap_raw", "typeform", "jotform",
                  "surveymonkey_condensed"):
        assert scored(shape, truth, ()).scored["wave"].tolist() == ["2026-03"] * len(truth), shape


def test_the_data_dictionary_gives_each_fields_code_labels():
    labels = read_data_dictionary(DICTIONARY, "dictionary.csv")
    assert labels["team"]["1"] == "Children's Residential" and labels["team"]["9"] == "Clinical Psychology"
    assert labels["role"] == {"1": "Practitioner", "2": "Senior practitioner", "3": "Team manager",
                              "4": "Support worker", "5": "Admin"}
    assert labels["proqol_5"]["5"] == "Very Often" and "record_id" not in labels


def test_labels_read_in_redcaps_form_and_bad_ones_are_named():
    assert parse_labels("1, Family Support | 2, Fostering, Adoption") == {"1": "Family Support",
                                                                          "2": "Fostering, Adoption"}
    assert parse_labels("") == {}
    with pytest.raises(ValueError, match="'3 Early Help'"):
        parse_labels("1, North | 3 Early Help")


def test_a_data_dictionary_that_is_not_one_gets_one_sentence():
    with pytest.raises(Exception, match="not a REDCap data dictionary"):
        read_data_dictionary(b"a,b\n1,2\n", "notes.csv")


# ---------------------------------------------------------------- labels for codes in the mapping


def test_codes_without_labels_are_asked_for_and_typed_labels_are_saved_with_the_mapping(truth):
    data, name, _, _ = SHAPES["qualtrics_numeric"](truth)
    bare = score_file(data, name)
    team = bare.mapping.table.set_index("column").loc["Q1"]
    assert team["role"] == "team" and team["labels"] == ""
    assert "its answers are codes (1, 2, 3, ...) with no labels" in team["evidence"]
    assert set(bare.scored["team"]) <= {str(k) for k in range(1, 10)}, "codes stay codes until labelled"
    assert "Column 'Q1' (the team) holds codes (1, 2, 3, ...) with no labels" in " ".join(bare.notes)
    labelled = score_file(data, name, saved_mapping=with_team_labels("Q1", "{}"))
    saved = json.loads(labelled.mapping.to_json())
    entry = next(e for e in saved["columns"] if e["column"] == "Q1")
    assert entry["labels"] == team_labels("{}")
    assert not any("no labels" in note for note in labelled.notes)
    again = score_file(data, name, saved_mapping=labelled.mapping.to_json())
    assert again.scored["team"].tolist() == truth["team"].tolist()


def test_a_mapping_file_saved_before_labels_still_loads(truth):
    data, name, _, _ = SHAPES["qualtrics_numeric"](truth)
    old = {"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"],
           "columns": [{"column": "Q1", "role": "group"}, {"column": "Q3", "role": "comment"}]}
    survey = score_file(data, name, saved_mapping=json.dumps(old))
    rows = survey.mapping.table.set_index("column")
    assert rows.loc["Q1", "role"] == "group" and rows.loc["Q1", "labels"] == ""
    assert "Q1" in survey.scored.columns


def test_a_label_that_cannot_be_read_names_its_column(truth):
    data, name, _, _ = SHAPES["qualtrics_numeric"](truth)
    broken = json.dumps({"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"],
                         "columns": [{"column": "Q1", "role": "team", "labels": "1, North | 2 South"}]})
    with pytest.raises(ValueError, match="Column 'Q1': the label '2 South' needs a code, a comma and the label"):
        score_file(data, name, saved_mapping=broken)


def test_a_data_dictionary_becomes_labels_only_entries_of_a_mapping_file(truth):
    data, name, _, _ = SHAPES["redcap_raw"](truth)
    mapping_json = with_labels(None, read_data_dictionary(DICTIONARY, "dictionary.csv"))
    survey = score_file(data, name, saved_mapping=mapping_json)
    assert survey.scored["team"].tolist() == truth["team"].tolist()
    assert survey.scored["role"].tolist() == truth["role"].tolist()
    rows = survey.mapping.table.set_index("column")
    assert rows.loc["team", "role"] == "team" and rows.loc["team", "evidence"] != "from your mapping file"
    assert rows.loc["proqol_1", "labels"] == "", "items are read on the instrument's scale, never relabelled"
    kept = with_labels(with_team_labels("team", "T{}"), {"team": {"1": "Other"}, "role": {"1": "Admin"}})
    entries = {e["column"]: e.get("labels") for e in json.loads(kept)["columns"]}
    assert entries == {"team": team_labels("T{}"), "role": "1, Admin"}, "labels already given win"


def test_limesurvey_answer_codes_read_in_order_and_a_stray_answer_is_reported(truth):
    rows = tool_layouts.limesurvey_codes(truth, PROQOL)
    rows[1][rows[0].index("G02Q04[SQ001]")] = "AO09"  # no ninth option
    rows[2][rows[0].index("G02Q04[SQ001]")] = "Often"  # a label among the codes reads as itself
    survey = score_file(csv(rows), "results.csv", saved_mapping=with_team_labels("G01Q01", "AO{:02d}"))
    found = survey.findings[survey.findings["code"].eq("not_an_answer")]
    assert found[["row", "column"]].values.tolist() == [[2, "G02Q04[SQ001]"]]
    assert survey.answers["proqol5"].loc[3, 1] == 4
    assert survey.answers["proqol5"].loc[4, 1] == truth.loc[2, 1], "the other codes still read as options"
    evidence = survey.mapping.table.set_index("column").loc["G02Q04[SQ004]", "evidence"]
    assert "number 4" in evidence


def test_jisc_numbered_statements_match_whole(truth):
    survey = scored("jisc", truth, ())
    items = survey.mapping.table[survey.mapping.table["role"].eq("item")]
    # 'caseload' for 'case [work] load' is the one near miss, matched by similarity as everywhere.
    assert items["evidence"].value_counts().to_dict() == {"statement text": 29, "statement text, 95% similar": 1}
    assert survey.mapping.table.set_index("column").loc["1. Which team do you work in?", "role"] == "team"


def test_the_smartsurvey_header_is_two_rows_and_keeps_its_metadata(truth):
    survey = scored("smartsurvey", truth, ())
    assert survey.table.header_rows == (1, 2) and survey.table.layout == "smartsurvey"
    assert survey.scored["row"].tolist() == list(range(3, 3 + len(truth)))
    assert {"Name", "Email", "IP Address"} <= {c for c, _ in survey.table.dropped}


def test_the_home_page_takes_a_data_dictionary_and_shows_team_names(truth):
    from streamlit.testing.v1 import AppTest

    from test_app_home import DASHBOARD

    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    data, name, _, _ = SHAPES["redcap_raw"](truth)
    app.file_uploader[0].upload(name, data, "text/csv").run()
    assert set(app.dataframe[-1].value["team"]) <= {str(k) for k in range(1, 10)}
    mapping = app.data_editor[0].value.set_index("column")
    assert "with no labels" in mapping.loc["team", "evidence"]
    uploader = next(u for u in app.file_uploader if "data dictionary" in u.label)
    uploader.upload("WELLBEING_DataDictionary.csv", DICTIONARY, "text/csv").run()
    assert not app.exception and not app.error
    assert app.dataframe[-1].value["team"].tolist() == truth["team"].tolist()
    assert app.data_editor[0].value.set_index("column").loc["team", "labels"].startswith("1, Children's Residential")


def test_typeforms_hash_column_is_its_token_and_limesurvey_is_named(truth):
    rows = tool_layouts.typeform(truth, PROQOL)
    rows[0][0] = "#"  # newer Typeform exports head the response token '#'
    survey = score_file(csv(rows), "responses.csv")
    assert survey.mapping.table.set_index("column").loc["#", "role"] == "ignore"
    lime = score_file(*SHAPES["limesurvey_codes"](truth)[:2])
    assert lime.table.layout == "limesurvey", "question codes end in brackets, yet this is not Google Forms"
    team = lime.mapping.table.set_index("column").loc["G01Q01"]
    assert team["role"] == "other" and "codes (AO01, AO02, AO03, ...) with no labels" in team["evidence"]


def test_an_organisations_question_is_never_taken_for_a_tools_record():
    agree = ["Agree", "Disagree", "Strongly agree", "Neither agree nor disagree"]
    header = ["Team", *(f"Q{n}" for n in range(1, 31)), "I have the time to get my work complete",
              "wellbeing_complete", "Start language", "Tags"]
    rows = [header] + [["North", *["3"] * 30, agree[k % 4], ["0", "2"][k % 2], "en", ""] for k in range(8)]
    roles = score_file(csv(rows), "survey.csv").mapping.table.set_index("column")["role"]
    assert roles["I have the time to get my work complete"] == "driver"
    assert roles[["wellbeing_complete", "Start language", "Tags"]].tolist() == ["ignore"] * 3


def test_the_command_line_takes_a_data_dictionary(truth, tmp_path, capsys):
    from tiwell.cli import main

    raw, dictionary, out = tmp_path / "raw.csv", tmp_path / "dictionary.csv", tmp_path / "scored.csv"
    raw.write_bytes(csv(tool_layouts.redcap_raw(truth, PROQOL)))
    dictionary.write_bytes(DICTIONARY)
    assert main(["score", str(raw), "--dictionary", str(dictionary), "--out", str(out)]) == 0
    written = pd.read_csv(out, encoding="utf-8-sig")
    assert written["team"].tolist() == truth["team"].tolist() and written["role"].tolist() == truth["role"].tolist()
    assert main(["score", str(raw), "--dictionary", str(raw)]) == 2
    assert "raw.csv is not a REDCap data dictionary" in capsys.readouterr().err


def lime_code_and_text(t):
    """LimeSurvey's 'Question code & question text' headings: 'G02Q04[SQ001]. Question [Statement]'."""
    rows, text = tool_layouts.limesurvey_codes(t, PROQOL), tool_layouts.limesurvey_text(t, PROQOL)[0]
    return [[f"{c}. {x}" if c.startswith("G0") else c for c, x in zip(rows[0], text)], *rows[1:]]


def lime_own_codes(t):
    """Question codes the organisation chose ('proqol[1]') and answer codes A1..A5."""
    rows = tool_layouts.limesurvey_codes(t, PROQOL)
    header = [re.sub(r"^G02Q04\[SQ0*(\d+)\]$", r"proqol[\1]", h) for h in rows[0]]
    return [header, *([re.sub(r"^AO0(\d)$", r"A\1", c) if isinstance(c, str) else c for c in row] for row in rows[1:])]


def jisc_without_the_point(t):
    """'3.1 I am happy.' for '3.1. I am happy.'"""
    rows = tool_layouts.jisc(t, PROQOL)
    return [[re.sub(r"^(\d+\.\d+)\. ", r"\1 ", h) for h in rows[0]], *rows[1:]]


VARIANTS = {"limesurvey_code_and_text": lime_code_and_text, "limesurvey_own_codes": lime_own_codes,
            "jisc_without_the_point": jisc_without_the_point}


@pytest.mark.parametrize("instrument", [(), ("proqol5",)], ids=["detected", "chosen"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_other_versions_of_the_tools_score_exactly(variant, instrument, truth):
    rows = VARIANTS[variant](truth)
    team = next(h for h in rows[0] if h.startswith(("G01Q01", "1.")))
    codes = "AO{:02d}" if variant == "limesurvey_code_and_text" else "A{}"
    saved = with_team_labels(team, codes) if variant.startswith("limesurvey") else None
    survey = score_file(csv(rows), "export.csv", instruments=instrument, saved_mapping=saved)
    assert len(survey.mapping.item_columns("proqol5")) == 30
    np.testing.assert_allclose(survey.scored[SCORES].to_numpy(float), sums(truth)[SCORES].to_numpy(float))
    assert survey.scored["team"].tolist() == truth["team"].tolist()


def test_labels_from_a_dictionary_end_the_request_for_them(truth):
    data, name, _, _ = SHAPES["redcap_raw"](truth)
    bare = score_file(data, name).mapping.table.set_index("column")
    assert "with no labels" in bare.loc["team", "evidence"] and "with no labels" in bare.loc["role", "evidence"]
    given = with_labels(None, read_data_dictionary(DICTIONARY, "dictionary.csv"))
    labelled = score_file(data, name, saved_mapping=given)
    assert not labelled.mapping.table["evidence"].str.contains("with no labels").any()
    assert not any("no labels" in note for note in labelled.notes)
