"""The Present page: one view at a time with next and previous, the scope and labels chosen in the
sidebar, the smallest group fixed at 5, and the three downloads."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tiwell.present import neutral_labels

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture
def app():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    app.switch_page("pages/present.py").run()
    assert not app.exception
    return app


def view(app) -> str:
    return app.html[0].value


def button(app, label: str):
    return next(b for b in app.button if b.label == label)


def test_next_and_previous_move_one_view_at_a_time(app):
    assert "View 1 of" in view(app) and "How we are doing: the whole organisation" in view(app)
    assert button(app, "Previous").disabled
    button(app, "Next").click().run()
    assert "View 2 of" in view(app) and "What is going well" in view(app)
    button(app, "Next").click().run()
    assert "What is heavy" in view(app)
    button(app, "Previous").click().run()
    assert "What is going well" in view(app)
    assert len(app.html) == 1, "one view at a time"


def test_the_last_view_cannot_go_further(app):
    for _ in range(30):
        if button(app, "Next").disabled:
            break
        button(app, "Next").click().run()
    assert "Questions to talk about" in view(app)
    assert not app.exception


def test_the_three_downloads_are_offered(app):
    assert [b.label for b in app.get("download_button")] == [
        "Deck (PowerPoint)", "Workbook (Excel)", "Report (HTML, opens offline)"]


def test_a_small_team_is_explained_not_shown(app):
    app.sidebar.selectbox(key="present-scope").select("Clinical Psychology").run()
    app.sidebar.selectbox(key="present-wave").select("2025-09").run()
    button(app, "Next").click().run()
    assert "Why there are no numbers here" in view(app)
    assert "Clinical Psychology" not in view(app)


def test_neutral_labels_replace_team_names_in_the_scope_choice_and_the_view(app):
    app.sidebar.toggle(key="present-neutral").set_value(True).run()
    scope = app.sidebar.selectbox(key="present-scope")
    label = neutral_labels(app.session_state["survey"].scored["team"].dropna(), app.session_state["neutral_label_key"])
    assert "Youth Justice" not in scope.options and label["Youth Justice"] in scope.options
    scope.select("Youth Justice").run()
    assert f"How we are doing: {label['Youth Justice']}" in view(app) and "Youth Justice" not in view(app)


def test_commitments_typed_before_the_meeting_are_presented(app):
    app.text_area(key="present-commitments").input("Protected time for supervision").run()
    while "What the organisation has committed to" not in view(app):
        button(app, "Next").click().run()
    assert "Protected time for supervision" in view(app)


def test_the_smallest_group_cannot_be_lowered_here(app):
    assert not app.sidebar.number_input
    assert any("Smallest group shown: 5" in c.value for c in app.sidebar.caption)
