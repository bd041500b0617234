"""The command line: exit codes, outputs, the summary, and no personal data printed anywhere."""

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest

from tiwell.cli import main

LABELS = ["Never", "Rarely", "Sometimes", "Often", "Very Often"]


def export(rows: list[list[str]]) -> str:
    header = ["Name", "Email", "Team", "Completion time"] + [f"Q{n}" for n in range(1, 31)]
    return "\n".join(",".join(r) for r in [header, *rows]) + "\n"


def person(name, team, answer, when="3/14/25 9:00:00", blank=()):
    answers = ["" if n in blank else LABELS[answer - 1] for n in range(1, 31)]
    return [name, f"{name.lower()}@example.org", team, when, *answers]


@pytest.fixture
def survey_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(export([
        person("Ada", "Early Help", 4),
        person("Bea", "Early Help", 2, blank=(1,)),
        person("Cal", "Youth Justice", 3, blank=(2, 5)),
        person("Dee", "Youth Justice", 5, when="9/20/25 10:00:00"),
    ]), "utf-8")
    return path


def test_score_writes_csv_to_stdout_and_a_summary_to_stderr(survey_file, capsysbinary):
    assert main(["score", str(survey_file)]) == 0
    out, err = capsysbinary.readouterr()
    scored = pd.read_csv(io.BytesIO(out), encoding="utf-8-sig")
    assert scored.columns.tolist()[:5] == ["row", "team", "Completion time", "wave", "compassion_satisfaction"]
    assert scored.columns.tolist()[-2:] == ["status", "reason"]
    # Ada: all "Often" = 4: CS 40, BO 5*2 + 5*4 = 30, STS 40. Bea: all 2, item 1 (BO, reversed) blank:
    # BO = (4 reversed items at 4 + 5 at 2) = 26 over 9, prorated 28.89. Cal: STS items 2 and 5 blank.
    assert scored[["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]].iloc[0].tolist() == [40, 30, 40]
    assert scored.loc[1, "burnout"] == pytest.approx(26 / 9 * 10)
    assert scored["status"].tolist() == ["scored", "prorated", "not_scored", "scored"]
    assert scored["wave"].tolist() == ["2025-03", "2025-03", "2025-03", "2025-09"]
    summary = err.decode()
    assert "Dropped as personal data: 'Name', 'Email'." in summary
    assert "Respondents: 4: 2 scored, 1 prorated, 1 not scored." in summary
    assert "row 4: Secondary traumatic stress: 2 of 10 items unanswered, at least 9 needed" in summary
    for secret in ("Ada", "Bea", "ada@example.org", "example.org"):
        assert secret not in out.decode() and secret not in summary


def test_score_to_xlsx_holds_scores_report_and_mapping(survey_file, tmp_path, capsys):
    out = tmp_path / "scored.xlsx"
    assert main(["score", str(survey_file), "--out", str(out), "--instrument", "proqol5"]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Scored", "Report", "Mapping"]
    sheet = pd.read_excel(out, sheet_name="Scored", engine="calamine")
    assert sheet["compassion_satisfaction"].tolist()[:2] == [40, 20]
    assert "Wrote 4 rows" in capsys.readouterr().err


def test_a_saved_mapping_is_used_on_the_next_file(survey_file, tmp_path, capsys):
    saved = tmp_path / "map.json"
    assert main(["score", str(survey_file), "--out", str(tmp_path / "a.csv"), "--save-map", str(saved)]) == 0
    entries = json.loads(saved.read_text())["columns"]
    entries = [e | {"role": "group"} if e["column"] == "Team" else e for e in entries]
    saved.write_text(json.dumps({"format": "tiwell-mapping", "instruments": ["proqol5"], "columns": entries}))
    assert main(["score", str(survey_file), "--map", str(saved), "--out", str(tmp_path / "b.csv")]) == 0
    assert "team" not in pd.read_csv(tmp_path / "b.csv", encoding="utf-8-sig").columns


def test_a_users_instrument_file_works_like_a_builtin(survey_file, tmp_path, capsys):
    definition = tmp_path / "two.toml"
    definition.write_text("""
id = "two_items"
name = "Two items"
citation = "Test."
licence = "Test."
[scale]
min = 1
max = 5
labels = [{ value = 1, label = "Never" }, { value = 2, label = "Rarely" }, { value = 3, label = "Sometimes" },
          { value = 4, label = "Often" }, { value = 5, label = "Very Often" }]
[[items]]
number = 1
reversed = true
[[items]]
number = 2
[[subscales]]
id = "pair"
direction = "higher_is_worse"
method = "mean"
items = [1, 2]
""")
    out = tmp_path / "two.csv"
    assert main(["score", str(survey_file), "--instrument", str(definition), "--out", str(out)]) == 0
    # Ada answered 4 to both: item 1 reversed is 2, mean (2 + 4) / 2 = 3.
    assert pd.read_csv(out, encoding="utf-8-sig")["pair"].iloc[0] == 3


@pytest.mark.parametrize("args, message", [
    (["score", "missing.csv"], "No such file"),
    (["score", "{file}", "--instrument", "nope"], "No built-in instrument 'nope'"),
    (["score", "{file}", "--out", "x.pdf"], "--out must end in .csv or .xlsx"),
    (["score", "{file}", "--sheet", "Data"], "has no sheet named 'Data'"),
])
def test_failures_exit_2_with_one_line(args, message, survey_file, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if "--sheet" in args:
        book = openpyxl.Workbook()
        book.save(tmp_path / "book.xlsx")
        survey_file = tmp_path / "book.xlsx"
    assert main([a.format(file=survey_file) for a in args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_instruments_lists_the_builtins(capsys):
    assert main(["instruments"]) == 0
    assert "proqol5" in capsys.readouterr().out


def test_sheet_with_a_csv_warns_that_it_was_not_used(survey_file, tmp_path, capsys):
    assert main(["score", str(survey_file), "--sheet", "Responses", "--out", str(tmp_path / "s.csv")]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0] == ("Warning: --sheet Responses was not used for export.csv: it is a text (CSV) file, "
                                   "which has no sheets; all of it was read.")


def test_a_mapping_that_leaves_no_item_column_stops_with_one_sentence(survey_file, tmp_path, capsys):
    saved = tmp_path / "mapping.json"
    assert main(["score", str(survey_file), "--save-map", str(saved), "--out", str(tmp_path / "s.csv")]) == 0
    data = json.loads(saved.read_text("utf-8"))
    for entry in data["columns"]:
        entry["role"] = "other" if entry["role"] == "item" else entry["role"]
    saved.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    assert main(["score", str(survey_file), "--map", str(saved), "--out", str(tmp_path / "again.csv")]) == 2
    err = capsys.readouterr().err
    assert err == ("tiwell: With this mapping, no column of export.csv is one of the 30 ProQOL 5 items (0 of 30), so "
                   "nobody could be scored. Score it without the mapping, or fix the mapping's item columns.\n")
    assert not (tmp_path / "again.csv").exists()


def test_a_mapping_saved_from_another_export_is_said_once_and_the_file_s_own_items_are_used(survey_file, tmp_path,
                                                                                           capsys):
    other = tmp_path / "mapping.json"
    other.write_text(json.dumps({"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"], "columns": [
        {"column": f"I am happy {n}", "role": "item", "instrument": "proqol5", "item": n} for n in range(1, 31)]}),
        "utf-8")
    assert main(["score", str(survey_file), "--map", str(other), "--out", str(tmp_path / "s.csv")]) == 0
    err = capsys.readouterr().err
    assert "ProQOL 5 (30 of 30 item columns)" in err
    assert ("The saved mapping names 30 of its 30 columns that this file does not have ('I am happy 1', "
            "'I am happy 2', 'I am happy 3' and 27 more): it may have been saved from another export.") in err
    assert "Respondents: 4: 2 scored, 1 prorated, 1 not scored." in err  # as scored without any mapping


def test_comments_writes_one_row_per_comment_redacted_with_themes_tone_and_flag(tmp_path, capsys):
    header = ["Name", "Email", "Team", "Completion time"] + [f"Q{n}" for n in range(1, 31)] + ["Any other comments?"]
    rows = [person("Ada", "Early Help", 4) + ["Thanks to Sam Okafor, I feel valued."],
            person("Bea", "Early Help", 2) + ["The workload is unmanageable; call me on 07700 900123"],
            person("Cal", "Youth Justice", 3) + ["I was bullied by my manager."],
            person("Dee", "Youth Justice", 5) + [""]]
    source = tmp_path / "export.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "comments.csv"
    assert main(["comments", str(source), "--out", str(out)]) == 0
    written = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert written.columns.tolist() == ["row", "column", "themes", "tone", "flagged", "flag", "text"]
    assert written.to_dict("records") == [
        {"row": 2, "column": "Any other comments?", "themes": "appreciation", "tone": "positive", "flagged": "no",
         "flag": "", "text": "Thanks to [name], I feel valued."},
        {"row": 3, "column": "Any other comments?", "themes": "workload", "tone": "negative", "flagged": "no",
         "flag": "", "text": "The workload is unmanageable; call me on [phone]"},
        {"row": 4, "column": "Any other comments?", "themes": "", "tone": "negative", "flagged": "yes",
         "flag": "bullying", "text": "I was bullied by my manager."},
    ]
    err = capsys.readouterr().err
    assert "3 comments from 3 people; 1 flagged as possibly needing someone to act" in err
    for secret in ("Sam", "Okafor", "07700", "Ada"):
        assert secret not in out.read_text("utf-8-sig") and secret not in err


def test_comments_with_a_themes_file_that_cannot_be_used_says_why_in_one_line(survey_file, tmp_path, capsys):
    themes = tmp_path / "ours.toml"
    themes.write_text('[[theme]]\nid = "x"\nlabel = "X"\nkind = "mood"\n', "utf-8")
    assert main(["comments", str(survey_file), "--themes", str(themes)]) == 2
    assert capsys.readouterr().err.strip() == ("tiwell: ours.toml: theme 1 ('x') has 'kind' = 'mood'; it must be one "
                                               "of 'strength', 'principle', 'worklife', 'own'.")
