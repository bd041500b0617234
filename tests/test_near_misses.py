"""An item whose statement was reworded just under the match threshold: its closest column is
suggested in the mapping and reported, never taken for a question of the organisation's own,
and accepting it (in the table or with a mapping file) scores the subscale exactly."""

import json

import pandas as pd
import pytest
from rapidfuzz import fuzz

from synthetic import layouts, respondents
from tiwell.cli import main
from tiwell.instruments import load_builtin
from tiwell.mapping import MIN_SIMILARITY, Mapping, mapping_from_table
from tiwell.pipeline import score_file, score_table
from tiwell.text.spelling import normalise

PROQOL = load_builtin("proqol5")
SCORES = ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]
STATEMENT = "I believe I can make a difference through my work."  # ProQOL 5 item 22, compassion satisfaction
REWORDED = "I think I can make a difference through my job."


@pytest.fixture(scope="module")
def exports() -> tuple[bytes, bytes]:
    """The same twenty people as exported, and with item 22's statement reworded."""
    rows = layouts.microsoft_forms(respondents.simulate_survey().head(20), PROQOL)
    reworded = [list(row) for row in rows]
    reworded[0][reworded[0].index(STATEMENT)] = REWORDED
    return layouts.to_csv_bytes(rows), layouts.to_csv_bytes(reworded)


def test_the_rewording_is_just_under_the_threshold():
    # 'i think i can make a difference through my job' against the statement: 84% alike.
    similarity = fuzz.ratio(normalise(REWORDED), normalise(STATEMENT))
    assert 80 < similarity < MIN_SIMILARITY
    assert round(similarity) == 84


def test_the_near_miss_is_reported_and_suggested_never_a_driver(exports):
    survey = score_file(exports[1], "reworded.csv")
    report = survey.findings.set_index("code")
    assert report.loc["item_near_miss", "message"] == (
        "ProQOL 5 item 22 ('I believe I can make a difference through my work.') was not found; the closest column "
        f"is '{REWORDED}' (84% alike). Accept it in the column mapping (set its role to item), or with a mapping "
        "file (--map).")
    assert report.loc["item_near_miss", "column"] == REWORDED
    assert "item_not_found" not in report.index  # the near miss says it, once
    row = survey.mapping.table.set_index("column").loc[REWORDED]
    assert row["role"] == "other" and REWORDED not in survey.mapping.columns_for("driver")
    assert row["suggestion"] == "item 22 (84% alike)"
    assert (row["instrument"], row["item"], row["confidence"]) == ("proqol5", 22, 0.84)
    assert len(survey.mapping.item_columns("proqol5")) == 29


def test_accepting_the_suggestion_in_the_table_scores_the_subscale_exactly(exports):
    """One edit, as on the home page: the role becomes item; instrument and item are already there."""
    exact = score_file(exports[0], "export.csv")
    survey = score_file(exports[1], "reworded.csv")
    edited = survey.mapping.table.copy()
    edited.loc[edited["column"] == REWORDED, "role"] = "item"
    mapping = mapping_from_table(edited, {"proqol5": PROQOL}, list(survey.table.frame.columns))
    assert mapping.item_columns("proqol5")[22] == REWORDED
    accepted = score_table(survey.table, survey.instruments, Mapping(mapping.instrument_ids, edited).to_json())
    pd.testing.assert_frame_equal(accepted.scored[SCORES], exact.scored[SCORES])
    assert not survey.scored[SCORES].equals(exact.scored[SCORES])  # without it, item 22 counted as unanswered
    assert "item_near_miss" not in set(accepted.findings["code"])


def test_the_cli_names_the_near_miss_and_accepting_it_with_map_scores_exactly(exports, tmp_path, capsys):
    source, saved = tmp_path / "reworded.csv", tmp_path / "mapping.json"
    source.write_bytes(exports[1])
    assert main(["score", str(source), "--out", str(tmp_path / "first.csv"), "--save-map", str(saved)]) == 0
    summary = capsys.readouterr().err
    assert f"ProQOL 5 item 22 ('{STATEMENT}') was not found; the closest column is '{REWORDED}' (84% alike)." in summary
    assert (f"To accept '{REWORDED}': write the mapping with --save-map FILE, change that column's \"role\" from "
            "\"other\" to \"item\" in FILE (its instrument and item are filled in), and score again with --map FILE."
            in summary)
    mapping = json.loads(saved.read_text("utf-8"))
    entry = next(e for e in mapping["columns"] if e["column"] == REWORDED)
    assert entry == {"column": REWORDED, "role": "other", "instrument": "proqol5", "item": 22}
    entry["role"] = "item"
    saved.write_text(json.dumps(mapping), "utf-8")
    assert main(["score", str(source), "--map", str(saved), "--out", str(tmp_path / "accepted.csv")]) == 0
    assert "was not found" not in capsys.readouterr().err
    exact = score_file(exports[0], "export.csv").scored
    accepted = pd.read_csv(tmp_path / "accepted.csv")
    pd.testing.assert_frame_equal(accepted[SCORES], exact[SCORES].astype(float), check_dtype=False)


def test_a_team_question_like_a_missing_statement_stays_the_team():
    """A team question 75% like item 22 (whose column is gone) keeps its role; nothing is suggested."""
    rows = [list(row) for row in layouts.microsoft_forms(respondents.simulate_survey().head(10), PROQOL)]
    gone = rows[0].index(STATEMENT)
    rows = [row[:gone] + row[gone + 1:] for row in rows]
    team = "Which team do you believe makes a difference through work?"
    assert round(fuzz.ratio(normalise(team), normalise(STATEMENT))) == 75
    rows[0][rows[0].index("Which team do you work in?")] = team
    survey = score_file(layouts.to_csv_bytes(rows), "export.csv")
    assert survey.mapping.column_for("team") == team
    assert survey.mapping.table["suggestion"].isna().all()
    report = survey.findings.set_index("code")
    assert "item_near_miss" not in report.index
    assert report.loc["item_not_found", "message"] == "No column holds ProQOL 5 item 22; it counts as unanswered for everyone."
