"""The pages draw text from files as typed: with every team, wave, question, instrument label and
action title written in Markdown and HTML, no Markdown the pages write carries any of it unescaped."""

import re
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from figures import as_read
from marked_up import instrument_toml, marked, sample_frame, survey
from tiwell.actions import make_action
from tiwell.workspace import Workspace
from ui.state import CUSTOM_KEY, SURVEY_KEY, WORKSPACE_KEY

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
# The markup in a marked-up string that would act if drawn unescaped: the image, the bold, the tag.
ACTIVE = re.compile(r"(?<!\\)\]\(http|(?<!\\)\*\*[a-z]+(?<!\\)\*\* |(?<!\\)<img")
PLAIN_OPTIONS = {"Selectbox", "MultiSelect"}   # their options are drawn as plain text, not Markdown
NOT_MARKDOWN = {"PlotlyChart", "Dataframe", "ArrowDataFrame", "DownloadButton"}


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return [s for v in value for s in strings(v)] if isinstance(value, list) else []


def nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def markdown_drawn(app: AppTest) -> list[str]:
    """Every string the page hands Streamlit to draw as Markdown: bodies, labels, options, tooltips."""
    drawn = []
    for node in nodes(app._tree):
        proto = getattr(node, "proto", None)
        kind = proto.DESCRIPTOR.name if proto is not None else ""
        if proto is None or kind in NOT_MARKDOWN:
            continue
        fields = MessageToDict(proto)
        if kind in PLAIN_OPTIONS:
            fields = {key: fields.get(key, "") for key in ("label", "help", "placeholder")}
        drawn += strings(fields)
    return drawn


@pytest.fixture
def app():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=90).run()
    action = make_action({"date": date(2025, 6, 1), "title": marked("action"), "teams": [marked("north")],
                          "principle": "Peer support", "owner": marked("owner")})
    app.session_state[SURVEY_KEY] = survey()
    app.session_state[CUSTOM_KEY] = {"proqol5m": instrument_toml()}
    app.session_state[WORKSPACE_KEY] = Workspace(actions=(action,))
    return app


def assert_inert(app: AppTest, *words: str) -> None:
    assert not app.exception
    drawn = markdown_drawn(app)
    assert [s for s in drawn if ACTIVE.search(s)] == []
    for word in words:
        assert any(marked(word) in as_read(s) for s in drawn), f"{word} is shown, as typed"


def choose(app: AppTest, label: str, value) -> AppTest:
    return next(box for box in app.selectbox if box.label == label).select(value).run()


def test_cohorts_name_marked_up_teams_and_labels_as_typed(app):
    app.switch_page("pages/cohorts.py").run()
    choose(app, "Cohorts from", "team")
    assert_inert(app, "north", "south")
    choose(app, "Score", marked("burnout"))
    assert_inert(app, "north", "south", "burnout")


def test_what_to_act_on_shows_marked_up_questions_and_outcomes_as_typed(app):
    app.switch_page("pages/drivers.py").run()
    choose(app, "Relate the questions to", marked("burnout"))
    assert_inert(app, "question", "burnout")


def test_actions_show_a_marked_up_title_owner_and_team_as_typed(app):
    app.switch_page("pages/actions.py").run()
    assert_inert(app, "action", "owner", "north")


def test_a_marked_up_instrument_definition_shows_as_typed(app):
    app.switch_page("pages/instruments.py").run()
    choose(app, "Instrument", next(o for o in app.selectbox[0].options if "short" in o))
    assert_inert(app, "name")


def test_turnover_with_marked_up_labels(app):
    app.switch_page("pages/turnover.py").run()
    next(b for b in app.button if b.label == "Use the sample team table").click().run()
    assert_inert(app)


def test_an_upload_with_marked_up_names_and_a_marked_up_file_name(app):
    app.switch_page("pages/home.py").run()
    app.file_uploader[0].upload("marked.csv", sample_frame().to_csv(index=False).encode(), "text/csv").run()
    assert_inert(app)
    app.file_uploader[0].upload(f"{marked('file')}.csv", b"\x00\x01", "text/csv").run()
    assert_inert(app, "file")
