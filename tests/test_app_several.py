"""The home page with three yearly exports at once: one survey of three waves, each file's rows
and waves shown, the wave of the file without dates typed in, the one mapping table edited, and the
workspace remembering each file's headers."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from figures import as_read
from synthetic.yearly import FILES, REWORDED_TEAM_QUESTION, yearly_exports
from tiwell.combine import header_shape, score_files
from tiwell.mapping import Mapping
from tiwell.workspace import Workspace, load

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return yearly_exports()


KINDS = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".csv": "text/csv"}


def upload(app: AppTest, files: dict[str, bytes]) -> None:
    """The three files given at once, as a person selects them together in the file dialog."""
    app.file_uploader[0].set_value([(name, data, KINDS[Path(name).suffix]) for name, data in files.items()]).run()


@pytest.fixture
def app(files):
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    upload(app, files)
    return app


def test_three_uploads_are_one_survey_of_three_waves(app, files):
    assert not app.exception and not app.error
    survey = app.session_state["survey"]
    assert survey.waves == ("2025-03", "2025-09", "wellbeing_2026")  # the third file's name until it is named
    assert len(survey.teams) == 9 and len(survey.scored) == 924
    summary = app.dataframe[0].value
    assert summary[["file", "respondents", "waves"]].values.tolist() == [
        [FILES[0], 305, "2025-03"], [FILES[1], 319, "2025-09"], [FILES[2], 300, "wellbeing_2026"]]
    mapping = app.data_editor[0].value
    assert mapping.loc[mapping["role"] == "team", ["file", "column"]].values.tolist() == [
        [FILES[0], "Which team do you work in?"], [FILES[1], "Which team do you work in?"],
        [FILES[2], REWORDED_TEAM_QUESTION]]
    assert {m.label: int(m.value) for m in app.metric}["Respondents"] == 924


def test_the_wave_of_the_file_without_dates_is_typed_in(app, files):
    box = next(t for t in app.text_input if t.label == "Wave of file 3")
    assert f"File 3: {FILES[2]} (it has no dates or wave column)" in [as_read(m.value) for m in app.markdown]
    box.set_value("2026-03").run()
    assert not app.exception and not app.error
    assert app.session_state["survey"].waves == ("2025-03", "2025-09", "2026-03")
    expected = score_files([(d, n) for n, d in files.items()], wave_labels={FILES[2]: "2026-03"}).survey
    assert app.session_state["survey"].scored["burnout"].equals(expected.scored["burnout"])


def test_an_edit_in_the_one_table_rescores_only_that_file(app):
    editor = app.data_editor[0]
    table = editor.value
    row = table.index[(table["file"] == FILES[1]) & (table["column"] == "What is your role?")][0]
    app.session_state[editor.key] = {"edited_rows": {int(row): {"role": "ignore"}}, "added_rows": [],
                                     "deleted_rows": []}
    app.run()
    assert not app.exception and not app.error
    survey = app.session_state["survey"]
    roles = survey.scored.loc[survey.scored["source"] == FILES[1], "What is your role?"]
    assert roles.isna().all()  # ignored in the second file only
    assert survey.scored.loc[survey.scored["source"] == FILES[0], "What is your role?"].notna().all()


def test_a_workspace_brought_back_maps_each_file_by_its_headers(files):
    """Last year's workspace kept the third file's mapping by its headers, with its role question
    ignored: this year's file of the same headers maps itself that way, the others as detected."""
    parts = score_files([(d, n) for n, d in files.items()]).parts
    third = parts[2].mapping.table
    third = third.assign(role=third["role"].where(third["column"] != "What is your role?", "ignore"))
    mapping = Mapping(parts[2].mapping.instrument_ids, third).to_json()
    text = Workspace().remembering({header_shape(parts[2].table.frame.columns): mapping}).to_json()
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.file_uploader[1].upload("tiwell-workspace.json", text.encode(), "application/json").run()
    upload(app, files)
    assert not app.exception and not app.error
    table = app.data_editor[0].value
    roles = table[table["column"] == "What is your role?"][["file", "role", "evidence"]].values.tolist()
    assert roles == [[FILES[0], "group", "the header reads like a grouping (role, site, service)"],
                     [FILES[1], "group", "the header reads like a grouping (role, site, service)"],
                     [FILES[2], "ignore", "from your mapping file"]]
    assert load(app.session_state["workspace"].to_json()).mapping_for(header_shape(parts[2].table.frame.columns))
