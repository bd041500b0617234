"""Several exports, one survey: three yearly files (the sample's three waves, the last with its
team question reworded, its columns reversed, one team typed in lower case and no dates) combine
into the survey the single sample file is, person by person."""

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from synthetic import layouts
from synthetic.respondents import WAVES, simulate_survey
from synthetic.yearly import FILES, REWORDED_TEAM_QUESTION, TEAM_QUESTION, reworded, yearly_exports
from tiwell.analysis import read_hr
from tiwell.analysis.leavers import compare_leavers
from tiwell.cli import main
from tiwell.combine import combine, describe_files, header_shape, score_files, score_loaded, wave_label_for
from tiwell.errors import CombineError, MappingError
from tiwell.findings import Code
from tiwell.ingest import new_key
from tiwell.instruments import load_builtin
from tiwell.pipeline import load_table, score_file, score_table
from tiwell.present.story import build
from tiwell.privacy import survey_release
from ui.state import SAMPLE, SAMPLE_STAFF_LIST

SCORES = ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]
LAST = {FILES[2]: "2026-03"}  # the third file has no dates: its wave as the person names it


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return yearly_exports()


@pytest.fixture(scope="module")
def combined(files):
    return score_files([(data, name) for name, data in files.items()], wave_labels=LAST)


@pytest.fixture(scope="module")
def single():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def test_three_files_make_one_three_wave_survey_with_every_team(combined, single):
    survey = combined.survey
    assert survey.waves == ("2025-03", "2025-09", "2026-03")
    assert survey.teams == single.teams  # nine teams; 'early help' of the last file joined 'Early Help'
    assert len(survey.teams) == 9 and "early help" not in survey.teams
    assert survey.counts == single.counts  # 924 respondents, each once


def test_every_score_equals_scoring_the_single_file_by_respondent(combined, single):
    mine = combined.survey.scored.set_index("ID")
    theirs = single.scored.set_index("ID").loc[mine.index]
    assert mine.index.is_unique and len(mine) == 924
    for column in [*SCORES, *(f"{c}_band" for c in SCORES), "status", "team", "wave"]:
        assert mine[column].astype(object).fillna("-").tolist() == theirs[column].astype(object).fillna("-").tolist(), column
    drivers = [c for c in single.questions]
    assert combined.survey.questions[drivers].set_axis(mine.index).equals(
        single.questions.set_axis(single.scored["ID"]).loc[mine.index])


def test_each_row_says_its_file_and_its_spreadsheet_row(combined, files):
    scored = combined.survey.scored
    assert list(scored.columns[:2]) == ["source", "row"]
    assert scored["source"].value_counts().to_dict() == {FILES[0]: 305, FILES[1]: 319, FILES[2]: 300}
    # Hand-checked: the CSV's own row 5 (header on row 1) holds the respondent whose ID is in that line.
    grid = list(csv.reader(io.StringIO(files[FILES[2]].decode("utf-8"))))
    at = grid[0].index("ID")
    person = scored[(scored["source"] == FILES[2]) & (scored["row"] == 5)]
    assert person["ID"].tolist() == [grid[4][at]]
    assert scored.groupby("source")["row"].min().tolist() == [2, 2, 2]


def test_the_reworded_team_question_is_the_team_with_the_evidence(combined):
    team = combined.columns[combined.columns["column"] == "team"]
    assert team["header"].tolist() == [TEAM_QUESTION, TEAM_QUESTION, REWORDED_TEAM_QUESTION]
    assert team["evidence"].iloc[0] == f"team in all files: '{TEAM_QUESTION}' / '{REWORDED_TEAM_QUESTION}'"
    last = combined.parts[2].mapping.table.set_index("column").loc[REWORDED_TEAM_QUESTION]
    assert (last["role"], last["evidence"]) == ("team", "its answers are the other files' teams (9 of 9 names): "
                                                        "the team question reworded")


def test_the_report_keeps_each_file_s_findings_with_its_name(combined):
    report = combined.survey.findings
    assert set(report["file"]) == set(FILES)
    # The first file alone reports 23 rows it could not fully score; combined, still with its name.
    assert (report["file"].eq(FILES[0]) & report["code"].isin([Code.NOT_SCORED, Code.PRORATED])).sum() == 23
    teams = report[report["code"] == Code.TEAM_MATCHED]
    assert teams[["file", "value"]].values.tolist() == [[FILES[2], "early help"]]
    labelled = report[report["code"] == Code.WAVE_LABELLED]
    assert labelled["message"].tolist() == [f"{FILES[2]} has no dates and no wave column, so its 300 rows are one "
                                            "wave: '2026-03'."]


def test_per_file_summary_and_the_one_mapping_table(combined):
    summary = combined.file_summary()
    assert summary[["file", "respondents", "waves", "waves from"]].values.tolist() == [
        [FILES[0], 305, "2025-03", "the dates in 'Completion time'"],
        [FILES[1], 319, "2025-09", "the dates in 'Completion time'"],
        [FILES[2], 300, "2026-03", "your label for this file"]]
    table = combined.mapping_table()
    assert list(table.columns[:3]) == ["file", "column", "role"]
    teams = table[table["role"] == "team"]
    assert teams["file"].tolist() == list(FILES) and teams.index.tolist() == [teams.index[0] + k for k in range(3)]
    first_item = table[(table["role"] == "item") & (table["item"] == 1)]
    assert first_item["file"].tolist() == list(FILES) and first_item["column"].nunique() == 1  # 'I am happy.'
    assert len(table) == sum(len(p.mapping.table) for p in combined.parts)


def test_a_file_without_dates_is_named_by_its_file_unless_the_person_names_it(files):
    assert wave_label_for("wellbeing_2026.csv") == "wellbeing_2026"
    two = score_files([(files[FILES[0]], FILES[0]), (files[FILES[2]], FILES[2])])
    assert two.survey.waves == ("2025-03", "wellbeing_2026")
    with pytest.raises(CombineError, match="A wave label is given for 'other.csv', which is not one of the files"):
        score_files([(files[FILES[0]], FILES[0]), (files[FILES[2]], FILES[2])], wave_labels={"other.csv": "x"})


def test_files_sharing_no_instrument_are_refused_in_one_sentence(files):
    cbi = load_builtin("cbi")
    header = ["ID", "Team", *(i.text.replace("[clients]", "the families") for i in cbi.items)]
    other = layouts.to_csv_bytes([header, ["1", "North", *["Often"] * 19]])
    with pytest.raises(CombineError) as caught:
        score_files([(files[FILES[2]], FILES[2]), (other, "cbi.csv")])
    assert str(caught.value) == ("These files cannot be combined into one survey: they share no instrument "
                                 f"({FILES[2]} holds ProQOL 5; cbi.csv holds CBI).")
    with pytest.raises(CombineError, match="Two of the files are both named 'a.csv'"):
        score_files([(files[FILES[2]], "a.csv"), (files[FILES[2]], "a.csv")])


def test_an_instrument_only_one_file_holds_is_left_out_and_said(files):
    """A file of ProQOL and CBI beside one of ProQOL alone: the combined survey is ProQOL, and the
    summary names the CBI as left out rather than dropping it unsaid."""
    proqol, cbi = load_builtin("proqol5"), load_builtin("cbi")
    statements = layouts.statements(proqol)
    header = ["ID", "Team", *statements.values(), *(i.text.replace("[clients]", "the families") for i in cbi.items)]
    both = layouts.to_csv_bytes([header, *[[str(k), "North", *["Often"] * 30, *["Often"] * 19] for k in (1, 2)]])
    combined = score_files([(files[FILES[2]], FILES[2]), (both, "both.csv")])
    assert [inst.id for inst in combined.survey.instruments] == ["proqol5"]
    assert combined.left_out == (("both.csv", "CBI"),)
    assert ("both.csv also holds CBI, which not every file holds, so it is left out of the combined survey: "
            "read that file on its own to see it.") in describe_files(combined)
    assert combined.survey.scored.loc[combined.survey.scored["source"] == "both.csv", "burnout"].tolist() == [30.0, 30.0]


def test_a_file_s_mapping_that_cannot_be_used_is_named_with_its_file(files):
    mapping = ('{"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"], "columns": '
               '[{"column": "ID", "role": "team"}, {"column": "What is your role?", "role": "team"}]}')
    loaded = [load_table(data, name) for name, data in files.items()]
    with pytest.raises(MappingError) as caught:
        score_loaded(loaded, mappings={FILES[1]: mapping})
    assert str(caught.value) == (f"{FILES[1]}: Only one column can be the team; now ID, Which team do you work in?, "
                                 "What is your role? are.")
    assert caught.value.file == FILES[1]


def test_the_release_and_the_story_work_on_the_combined_survey(combined, single):
    mine, theirs = survey_release(combined.survey, 5), survey_release(single, 5)
    pd.testing.assert_frame_equal(mine.table(["wave", "team"], {}), theirs.table(["wave", "team"], {}))
    story = build(combined.survey, release=mine)
    assert story.slides and any("2026-03" in str(slide) for slide in story.slides)


def test_describe_files_tells_each_file_and_the_whole(combined):
    lines = describe_files(combined)
    assert lines[0] == f"{FILES[0]}: 305 respondents, wave(s) 2025-03 (from the dates in 'Completion time')."
    assert f"Matched across files: team in all files: '{TEAM_QUESTION}' / '{REWORDED_TEAM_QUESTION}'." in lines
    assert lines[-1].startswith("Combined: 924 respondents from 3 files in 3 wave(s): 2025-03, 2025-09, 2026-03")


def test_the_cli_takes_three_inputs(files, tmp_path, capsys):
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    out = tmp_path / "all.csv"
    assert main(["score", *paths, "--out", str(out), "--wave-label", f"{FILES[2]}=2026-03"]) == 0
    err = capsys.readouterr().err
    scored = pd.read_csv(out, encoding="utf-8-sig")
    assert len(scored) == 924 and scored["wave"].value_counts().to_dict() == {"2025-09": 319, "2025-03": 305,
                                                                              "2026-03": 300}
    assert f"Read {FILES[2]} (plain spreadsheet layout; header row 1)." in err
    assert "Combined: 924 respondents from 3 files in 3 wave(s)" in err
    assert main(["score", *paths, "--wave-label", "nothing"]) == 2
    assert capsys.readouterr().err.strip() == ("tiwell: --wave-label takes FILE=LABEL (e.g. wellbeing_2026.csv=2026), "
                                               "not 'nothing'.")


def test_header_shape_is_the_headers_normalised_in_order():
    assert header_shape(["Which team?", "Q1"]) == header_shape(["which  TEAM?", "q1"])
    assert header_shape(["Which team?", "Q1"]) != header_shape(["Q1", "Which team?"])


SMALL = simulate_survey().groupby("wave").head(40)
WORDINGS = st.sampled_from([REWORDED_TEAM_QUESTION, "Your directorate", "Where do you work?", "Service area"])


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.randoms(use_true_random=False), wording=WORDINGS)
def test_shuffled_columns_and_a_renamed_team_question_give_the_same_scores(order, wording):
    instrument = load_builtin("proqol5")
    waves = [layouts.microsoft_forms(SMALL[SMALL["wave"] == w], instrument) for w in WAVES]
    last = reworded(waves[2])
    plain = [(layouts.to_csv_bytes(rows), f"{w}.csv") for w, rows in zip(WAVES, [*waves[:2], last])]
    columns = list(range(len(last[0])))
    order.shuffle(columns)
    header = [wording if name == REWORDED_TEAM_QUESTION else name for name in last[0]]
    changed = [[header[k] for k in columns], *([row[k] for k in columns] for row in last[1:])]
    shuffled = [*plain[:2], (layouts.to_csv_bytes(changed), plain[2][1])]
    labels = {plain[2][1]: "2026-03"}
    a = score_files(plain, wave_labels=labels).survey.scored.set_index("ID")
    b = score_files(shuffled, wave_labels=labels).survey.scored.set_index("ID").loc[a.index]
    for column in [*SCORES, "status", "team", "wave"]:
        assert a[column].astype(object).fillna("-").tolist() == b[column].astype(object).fillna("-").tolist(), column


def test_combine_of_one_file_is_that_file(files):
    one = score_file(files[FILES[0]], FILES[0])
    alone = combine([one], {})
    assert alone.survey.scored.drop(columns="source").equals(one.scored)


def test_employee_codes_follow_each_file_s_rows_so_leavers_compare_on_the_combined_survey(files):
    """Each file numbers its own rows, so the combined survey keeps codes by (source, row): every
    person's code is the one the single file gives them, and the comparison with the staff list
    finds the same people."""
    key = new_key()
    loaded = [load_table(data, name, id_key=key) for name, data in files.items()]
    survey = score_loaded(loaded, wave_labels=LAST).survey
    table, found, _ = load_table(SAMPLE.read_bytes(), SAMPLE.name, id_key=key)
    single = score_table(table, found)
    codes = survey.table.person_codes
    assert codes.index.names == ["source", "row"]
    mine = pd.Series(codes.reindex(pd.MultiIndex.from_frame(survey.scored[["source", "row"]])).to_numpy(),
                     index=survey.scored["ID"])
    theirs = pd.Series(single.scored["row"].map(table.person_codes).to_numpy(), index=single.scored["ID"])
    assert mine.notna().sum() > 800 and mine.equals(theirs.loc[mine.index])
    people = read_hr(SAMPLE_STAFF_LIST.read_bytes(), SAMPLE_STAFF_LIST.name, id_key=key).people
    columns = {"burnout": "Burnout"}
    when = pd.Series(pd.Timestamp("2025-03-01"), index=survey.scored.index)
    combined = compare_leavers(survey.scored, codes, people, when, columns, min_group=5)
    alone = compare_leavers(single.scored, table.person_codes, people,
                            pd.Series(pd.Timestamp("2025-03-01"), index=single.scored.index), columns, min_group=5)
    assert (combined.matched, combined.left, combined.stayed) == (alone.matched, alone.left, alone.stayed)
    assert combined.matched > 800
