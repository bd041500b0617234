"""Every leaders' page on the surveys that used to end in a traceback or an empty chart: an
MBI-HSS survey (with and without the classic cut-offs), an export whose team column is called
"Service area", and one whose team column tiwell cannot recognise."""

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from figures import as_read, traces
from synthetic import layouts
from synthetic.respondents import simulate_survey
from tiwell.instruments import load_builtin
from ui.state import SAMPLES

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = ("overview", "teams", "trends", "drivers", "turnover", "cohorts", "actions", "present", "instruments")
TEAM_QUESTION = "Which team do you work in?"


def mbi_rows() -> list[list]:
    """Twenty people answering every MBI-HSS item alike: North answers 2 then 3, South 3 then 4, in
    waves 2025-03 and 2025-09, five each. Emotional exhaustion (9 items) is 18, 27, 27, 36: mean
    27.0, and 22.5 -> 31.5 between the waves (+9.0); depersonalisation (5 items) 10, 15, 15, 20:
    mean 15.0; personal accomplishment (8 items) 16, 24, 24, 32: mean 24.0. With the classic
    cut-offs (EE high from 27, DP from 13) 15 of 20 are high on each: 75%."""
    people = [("North", "2025-03", 2), ("South", "2025-03", 3), ("North", "2025-09", 3), ("South", "2025-09", 4)]
    return [["Team", "Wave", *(f"Q{n}" for n in range(1, 23))]] + [
        [team, wave, *[str(answer)] * 22] for team, wave, answer in people for _ in range(5)]


def sample_export(team_header: str) -> bytes:
    """The sample survey as Microsoft Forms exports it, its team question headed ``team_header``."""
    instrument = load_builtin("proqol5")
    rows = layouts.microsoft_forms(simulate_survey(instrument=instrument), instrument)
    rows[0] = [team_header if cell == TEAM_QUESTION else cell for cell in rows[0]]
    return layouts.to_csv_bytes(rows)


def uploaded(name: str, data: bytes, cut_offs: bool = False) -> AppTest:
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.file_uploader[0].upload(name, data, "text/csv").run()
    if cut_offs:
        next(box for box in app.selectbox if "Cut points" in box.label).select("classic_3rd_edition").run()
    assert not app.exception and not app.error
    return app


def text_of(app) -> str:
    """Everything the page wrote as text, as a person reads it."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "header", "subheader", "title") for e in app.get(kind)]
    return as_read("\n".join(str(p) for p in parts))


def visit(app, page: str) -> str:
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, f"{page}: {[e.value for e in app.exception]}"
    return text_of(app)


def chart_titles(app) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"].get("title", {}).get("text", "") for chart in app.get("plotly_chart")]


def present_views(app) -> str:
    """Every view of the Present page, one after the other."""
    views = [app.html[0].value]
    for _ in range(12):
        forward = next(b for b in app.button if b.label == "Next")
        if forward.disabled:
            break
        forward.click().run()
        assert not app.exception
        views.append(app.html[0].value)
    return "\n".join(views)


def test_every_page_of_an_mbi_survey_without_cut_offs():
    app = uploaded("mbi.csv", layouts.to_csv_bytes(mbi_rows()))
    assert "MBI-HSS (22 of 22 item columns)" in text_of(app)
    for page in PAGES:
        read = visit(app, page)
        if page == "overview":
            assert "Share of people in each band" not in chart_titles(app)
            assert ("Personal accomplishment, Emotional exhaustion and Depersonalisation have no bands: no cut-off "
                    "scores are set") in read
            assert "Bands: none (no cut-off scores are set)." in read
        if page == "teams":
            assert "have no bands" in read
            rows = traces(app.get("plotly_chart")[0])[0]["y"]
            assert rows == ["North (10 answered)", "South (10 answered)"]
        if page == "trends":
            assert traces(app.get("plotly_chart")[0])[0]["y"] == [22.5, 31.5]  # emotional exhaustion, the strain score, opens
        if page == "present":
            views = present_views(app)
            assert "Emotional exhaustion: 27.0 on a scale of 0 to 54." in views
            assert "Depersonalisation: 15.0 on a scale of 0 to 30." in views
            assert "Personal accomplishment: 24.0 on a scale of 0 to 48." in views
            assert "Share of people in each band" not in views


def test_an_mbi_survey_with_the_classic_cut_offs_shows_its_bands():
    app = uploaded("mbi.csv", layouts.to_csv_bytes(mbi_rows()), cut_offs=True)
    visit(app, "overview")
    bars = {(t["y"][0], t["name"]): t["x"][0] for t in traces(app.get("plotly_chart")[0])}
    assert bars[("Emotional exhaustion", "high")] == pytest.approx(0.75)
    assert bars[("Depersonalisation", "high")] == pytest.approx(0.75)
    assert bars[("Personal accomplishment", "low")] == pytest.approx(0.75)
    assert "high from 27" in text_of(app)  # the cut points in "How to read this"
    visit(app, "present")
    views = present_views(app)
    assert "Emotional exhaustion: 27.0 on a scale of 0 to 54; 75% in the high band." in views
    assert "Share of people in each band" in views
    visit(app, "trends")
    assert traces(app.get("plotly_chart")[0])[0]["y"] == [22.5, 31.5]  # emotional exhaustion by wave


def test_a_team_column_called_service_area_is_the_team_on_every_page():
    app = uploaded("export.csv", sample_export("Service area"))
    assert "team 'Service area'" in text_of(app) and "No team column" not in text_of(app)
    read = visit(app, "teams")
    rows = traces(app.get("plotly_chart")[0])[0]["y"]
    assert any(row.startswith("Family Support North (") and row.endswith(" answered)") for row in rows)
    read = visit(app, "trends")
    assert app.multiselect[0].options[:2] == ["Adult Safeguarding", "Business Support"]
    read = visit(app, "turnover")
    next(b for b in app.button if b.label == "Use the sample team table").click().run()
    assert not app.exception and "Team by team" in text_of(app)
    read = visit(app, "present")
    assert "Family Support North" in next(box for box in app.selectbox if box.label == "Scope").options
    assert "No team column" not in read


def test_an_unrecognised_team_column_is_said_plainly_on_every_page():
    app = uploaded("export.csv", sample_export("Patch"))
    app.file_uploader[1].upload("workspace.json", (SAMPLES / "workspace_example.json").read_bytes(),
                                "application/json").run()
    said = ("No team column was found, so nothing can be shown team by team. If one of the columns (read as "
            "groupings: 'What is your role?') holds the team, set its role to team in the column mapping on the "
            "Upload and score page")
    assert said in text_of(app)
    for page in PAGES:
        read = visit(app, page)
        if page in ("teams", "turnover", "trends"):
            assert said in read, page
        if page == "turnover":
            assert read.count("Turnover is compared team by team and wave by wave.") == 1
        if page == "actions":
            assert ("This action touches Family Support North, but no column of this survey was read as the team"
                    in read)
