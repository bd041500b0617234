"""The "In their own words" page against the core: how many wrote something, the themes strengths
first, the plain reason when hidden, a comment minimum that never goes below the smallest group,
a theme made an action in one click, the user's own themes file, and the flagged comments listed
here, for the person running tiwell."""

import dataclasses
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from figures import as_read
from tiwell.analysis import theme_moved
from tiwell.comments import FOUND, comment_release, load_flags, load_themes, read_comments
from tiwell.pipeline import score_file
from tiwell.theme import PRINCIPLES
from ui.comments import MEMO_KEY
from ui.state import SAMPLE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
OWN_THEMES = b'''
[[theme]]
id = "parking"
label = "Parking at the office"
kind = "own"
principle = "safety"
description = "Getting to work and parking."
words = ["parking", "car park"]
phrases = []
'''


@pytest.fixture(scope="module")
def core():
    """The sample read as the page reads it, and its release with the page's defaults."""
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    comments = read_comments(survey, load_themes(), load_flags())
    return survey, comment_release(comments, survey, min_comments=10, min_group=5)


@pytest.fixture
def app():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.button[0].click().run()
    return app.switch_page("pages/comments.py").run()


def drawn(app) -> list[str]:
    return [as_read(m.value) for m in app.markdown]


def test_the_page_shows_who_wrote_and_the_cores_themes_strengths_first(app, core):
    survey, release = core
    summary = release.summary({})
    assert not app.exception and not app.error
    assert app.metric[0].label == "People who wrote something"
    assert app.metric[0].value == f"{summary.writers:,.0f}"
    heads = [text for text in drawn(app) if text.startswith("**") and " · " in text]
    themes = summary.themes[summary.themes["fewer"] | (summary.themes["people"] > 0)]
    assert [head.split("**")[1] for head in heads] == themes["label"].tolist()
    first = themes.iloc[0]
    assert first["kind"] == "strength"
    assert heads[0] == (f"**{first['label']}** · {first['share']:.0%} of those who wrote something "
                        f"({first['people']:,.0f} people) · {PRINCIPLES[first['principle']]}")
    links = summary.links[summary.links["theme"] == first["theme"]]["sentence"]
    assert "\n".join(f"- {line}" for line in links) in drawn(app)
    assert all("association" in line for line in links)


def test_the_comment_minimum_hides_with_the_plain_reason_and_never_goes_below_the_smallest_group(app):
    minimum = next(box for box in app.number_input if box.label == "Fewest people who wrote something")
    assert minimum.value == 10 and minimum.min == 5
    minimum.set_value(5000).run()
    assert app.info[0].value.startswith("No themes or quotes for this selection.")
    assert not app.metric
    app.sidebar.number_input[0].set_value(12).run()
    minimum = next(box for box in app.number_input if box.label == "Fewest people who wrote something")
    assert minimum.min == 12


def test_a_theme_becomes_an_action_in_one_click(app, core):
    _, release = core
    first = release.summary({}).themes.iloc[0]
    next(b for b in app.button if b.key == f"act-{first['theme']}").click().run()
    actions = app.session_state["workspace"].actions
    assert [(a.theme, a.principle, a.title) for a in actions] == [
        (first["theme"], PRINCIPLES[first["principle"]], f"Act on what staff wrote: {first['label']}")]
    assert as_read(app.success[0].value).startswith(f"'{first['label']}' is in the action log.")
    next(b for b in app.button if b.key == f"act-{first['theme']}").click().run()
    assert len(app.session_state["workspace"].actions) == 1, "a second click adds nothing twice"
    shares = release.theme_shares(by="wave")
    told = theme_moved(shares[shares["theme"] == first["theme"]], actions[0])
    assert app.subheader[[h.value for h in app.subheader].index("Since the actions")]
    assert f"- {told}" in drawn(app)


def found_ids(app) -> list[str]:
    """The ids of the themes found in the text, from the comments the page read last."""
    memo = app.session_state[MEMO_KEY]
    read = next(value for key, (_, value) in reversed(list(memo.items())) if key[0] == "read")
    return [theme.id for theme in read.themes if theme.kind == FOUND]


def test_themes_found_in_the_text_are_renamed_and_merged(app):
    app.slider[0].set_value(3).run()
    assert not app.exception
    ids = found_ids(app)
    assert len(ids) == 3 and len(next(box for box in app.selectbox if box.label == "Theme").options) == 3
    next(box for box in app.selectbox if box.label == "Theme").select(ids[0])
    next(box for box in app.text_input if box.label == "New name").input("Rota and cover")
    next(b for b in app.button if b.label == "Rename").click().run()
    assert next(box for box in app.selectbox if box.label == "Theme").options[0] == "Rota and cover"
    merge = next(box for box in app.multiselect if box.label == "Themes to merge")
    merge.select(ids[1]).select(ids[2])
    next(box for box in app.text_input if box.label == "Name of the merged theme").input("Getting home safely")
    next(b for b in app.button if b.label == "Merge").click().run()
    assert not app.exception
    assert next(box for box in app.selectbox if box.label == "Theme").options == ["Rota and cover",
                                                                                  "Getting home safely"]
    assert found_ids(app) == [ids[0], ids[1]], "the first merged keeps its id"


def test_an_own_themes_file_is_used_and_a_bad_one_named(app):
    app.get("file_uploader")[0].upload("mine.toml", OWN_THEMES, "application/toml").run()
    assert not app.exception and not app.error
    assert app.success[0].value.startswith("Your themes file is in use:")
    app.get("file_uploader")[0].upload("bad.toml", OWN_THEMES.replace(b'kind = "own"', b'kind = 3'),
                                       "application/toml").run()
    assert "kind" in app.error[0].value and not app.exception


def test_flagged_comments_are_listed_here_redacted_with_a_calm_note_and_a_contact_field(app, core):
    _, release = core
    flagged = release.flagged()
    assert len(flagged), "the sample holds comments that need a safety flag"
    shown = drawn(app)
    for label, text in zip(flagged["label"], flagged["text"]):
        assert f"**{label}**: {text}" in shown
    assert as_read(app.info[-1].value) == " ".join(load_flags().note.split())
    contact = next(box for box in app.text_input if box.label == "Who to contact in your organisation")
    contact.input("Safeguarding lead, extension 4410").run()
    assert "Contact: Safeguarding lead, extension 4410" in drawn(app)


def test_marked_up_comments_and_their_flags_are_drawn_inert():
    """Quotes and flagged comments are people's own text: markup in them never acts on the page."""
    from marked_up import marked, survey
    from test_app_inert import assert_inert
    from ui.state import SURVEY_KEY

    marked_up = survey()
    comment = marked_up.mapping.columns_for("comment")[0]
    scored = marked_up.scored.copy()
    scored.loc[scored.index[::7][:40], comment] = f"Thank you to the team for always having my back {marked('quote')}"
    scored.loc[scored.index[40:45], comment] = f"I have been bullied {marked('flag')}"
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.session_state[SURVEY_KEY] = dataclasses.replace(marked_up, scored=scored)
    app.switch_page("pages/comments.py").run()
    assert_inert(app)
    shown = drawn(app)
    assert any(text.startswith("> Thank you to the team for always having my back ![quote]") for text in shown)
    assert any(text.startswith("**Bullying**: I have been bullied ![flag]") for text in shown)
