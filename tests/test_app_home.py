"""The home page as a person meets it: empty, with the sample, with an upload, after a mapping edit."""

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from figures import as_read
from tiwell.pipeline import score_file
from ui import state as ui_state
from ui.state import RELEASING, SAMPLE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
LABELS = ["Never", "Rarely", "Sometimes", "Often", "Very Often"]


def answers(people: int) -> list[list[str]]:
    """``people`` rows of email, team and 30 ProQOL answers: person i answers (i + n) % 5 on item n."""
    return [[f"p{i}@example.org", "North"] + [LABELS[(i + n) % 5] for n in range(1, 31)] for i in range(people)]


def as_csv(rows: list[list[str]]) -> bytes:
    header = ["Email", "Team"] + [f"Q{n}" for n in range(1, 31)]
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()


def upload_csv() -> bytes:
    rows = answers(6)
    rows[5][2] = ""  # one missing item: prorated
    return as_csv(rows)


@pytest.fixture
def app():
    return AppTest.from_file(DASHBOARD, default_timeout=60).run()


def test_the_empty_page_offers_an_upload_and_the_sample(app):
    assert not app.exception
    assert app.button[0].label == "Try the sample data"
    assert "Upload an export" in app.info[0].value
    assert app.session_state["survey"] is None


def test_the_sample_is_one_click_away_and_matches_the_core(app):
    app.button[0].click().run()
    assert not app.exception
    expected = score_file(SAMPLE.read_bytes(), SAMPLE.name).counts
    metrics = {m.label: int(m.value) for m in app.metric}
    assert metrics == {"Respondents": expected["respondents"], "Scored": expected["scored"],
                       "Prorated": expected["prorated"], "Not scored": expected["not_scored"]}
    assert expected["respondents"] > 800


def test_an_upload_shows_mapping_report_scores_and_downloads(app):
    app.file_uploader[0].upload("wave.csv", upload_csv(), "text/csv").run()
    assert not app.exception and not app.error
    assert {m.label: m.value for m in app.metric}["Prorated"] == "1"
    mapping = app.data_editor[0].value
    assert mapping.loc[mapping["column"] == "Q7", "item"].iloc[0] == 7
    scored = app.dataframe[-1].value
    assert len(scored) == 6 and "Email" not in scored.columns
    # Person 0 answers (0 + n) % 5 on item n: CS items 3,6,...: labels index (n % 5) -> value n % 5 + 1.
    cs_items = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30]
    assert scored["compassion_satisfaction"].iloc[0] == sum(n % 5 + 1 for n in cs_items)
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Download this mapping", "Download CSV", "Download Excel", "Download the workspace"]
    assert any("Dropped as personal data: 'Email'." in as_read(m.value) for m in app.markdown)


def test_a_large_upload_shows_its_first_rows_and_says_how_many_there_are(app):
    """1,200 people, each with one answer off the scale: 1,200 scored rows and 1,200 warnings. Each
    grid sends the browser the first 1,000 (the page's SHOWN_ROWS) and says there are 1,200."""
    rows = answers(1200)
    for row in rows:
        row[2] = "Maybe"  # Q1: not one of the scale's answers, a warning on every row
    app.file_uploader[0].upload("big.csv", as_csv(rows), "text/csv").run()
    assert not app.exception and not app.error
    report, scored = app.dataframe[-2].value, app.dataframe[-1].value
    assert len(report) == 1000 and report["row"].tolist() == list(range(2, 1002))
    assert set(report["column"]) == {"Q1"} and set(report["value"]) == {"Maybe"}
    assert len(scored) == 1000 and scored["row"].tolist() == list(range(2, 1002)), "the first rows, in order"
    assert len(app.session_state["survey"].scored) == 1200, "the downloads are made from every row"
    captions = [as_read(c.value) for c in app.caption]
    assert "The first 1000 of 1200 rows are shown here; the CSV and Excel downloads hold all of them." in captions
    assert ("The first 1000 of 1200 findings are shown here; the Excel download on Scored rows lists every one."
            in captions)


def test_a_file_that_cannot_be_read_gets_one_sentence(app):
    app.file_uploader[0].upload("notes.csv", b"%PDF-1.4 not a table", "text/csv").run()
    assert not app.exception
    assert as_read(app.error[0].value) == "notes.csv is a PDF document, not a table; export the responses as CSV or Excel instead."
    assert app.session_state["survey"] is None


def test_the_report_reads_in_full_and_the_scores_come_first(app):
    app.button[0].click().run()
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    errors = survey.findings[survey.findings["severity"] == "error"]
    report = app.table[0].value
    assert [as_read(c) for c in report.columns] == ["row", "severity", "message", "column", "value", "code", "file",
                                                     "sheet"]
    assert [as_read(m) for m in report.iloc[:, 2]] == errors["message"].tolist(), "each message whole, in a wrapping table"
    assert max(len(m) for m in errors["message"]) > 150
    order = app.dataframe[-1].proto.column_order
    assert list(order[:9]) == ["row", "team", "wave", "compassion_satisfaction", "compassion_satisfaction_band",
                               "burnout", "burnout_band", "secondary_traumatic_stress",
                               "secondary_traumatic_stress_band"]
    assert set(order) == set(survey.scored.columns), "every column still there, after the scores"
    assert len(app.dataframe[-1].value) == len(survey.scored) == 924, "the sample's rows all on screen"
    assert not any(as_read(c.value).startswith("The first") for c in app.caption)


def test_a_release_that_runs_out_of_time_is_one_sentence_and_the_scores_stay(app, monkeypatch):
    """A survey whose disclosure audit passes the worker's time limit: the home page says so and
    still shows every score; a leaders' page gives the same sentence, never a traceback."""
    from tiwell.worker import run_limited

    def limited(function, *args, **kwargs):  # the release stands in for one too big to protect in time
        if function is ui_state.survey_release:
            return run_limited(time.sleep, 60, **{**kwargs, "seconds": 1})
        return run_limited(function, *args, **kwargs)

    monkeypatch.setattr(ui_state, "run_limited", limited)
    ui_state._released.clear()
    app.button[0].click().run()
    said = f"{SAMPLE.name} took longer than 1 s to work out which numbers can be shown safely, so tiwell stopped"
    assert not app.exception and said in as_read(app.warning[0].value)
    assert {m.label for m in app.metric} >= {"Respondents", "Scored"}
    app.switch_page("pages/overview.py").run()
    assert not app.exception and said in as_read(app.error[0].value)
    monkeypatch.undo()
    ui_state._released.clear()
