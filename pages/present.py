"""Present: the survey told to a team in a meeting, one view at a time in large type, and the deck,
workbook and report to take away. The smallest group shown is fixed at 5 here."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

from functools import partial

import streamlit as st

from tiwell.comments import typed_names
from tiwell.findings import no_team_sentence
from tiwell.present import deck_bytes, workbook_bytes
from tiwell.present.story import MIN_COMMENTS, MIN_GROUP, Choices, load_questions, neutral_labels
from tiwell.present.html import STYLE, report_bytes, slide_html
from ui import state
from ui import comments
from ui.choices import step_view
from ui.filters import ALL, need_survey
from ui.safe import inert
from ui.references import chosen_reference

VIEW = "present-view"
WHOLE = "Whole organisation"


survey = need_survey()
release = state.release(survey, MIN_GROUP)
teams, waves = release.options("team"), release.options("wave")
with st.sidebar:
    st.markdown("**What to present**")
    neutral = st.toggle("Neutral team labels (Team A, Team B…)", **state.setting_widget(state.NEUTRAL_KEY))
    labels = neutral_labels(teams, state.label_key()) if neutral else {}
    team = st.selectbox("Scope", [WHOLE, *teams], key="present-scope", format_func=lambda t: labels.get(t, t),
                        help="The whole organisation, or one team beside it.")
    if "team" not in survey.scored:
        st.caption(inert(no_team_sentence(survey.mapping)))
    wave = st.selectbox("Wave", [ALL, *waves], key="present-wave")
    hide = st.toggle("Hide staff comments", key="present-hide-comments")
    st.caption(f"Smallest group shown: {MIN_GROUP}, fixed while presenting. No one's own answers are ever shown.")

view_area = st.container()
back, _, forward = st.columns([1, 4, 1])
with st.expander("Before the meeting: what has been committed to, and the questions"):
    commitments = st.text_area("What the organisation has committed to (one per line)", key="present-commitments",
                               placeholder="For example: protected time for reflective supervision every month")
    questions = st.data_editor(load_questions(), num_rows="dynamic", hide_index=True, width="stretch",
                               key="present-questions")
    names = st.text_input("Other names to take out of comments (separated by commas)", key="present-names")
    with_rows = st.checkbox("Add everyone's scored rows to the workbook (only for people allowed to see individual "
                            "answers)", key="present-rows")

choices = Choices(team=None if team == WHOLE else team, wave=None if wave == ALL else wave, neutral_labels=neutral,
                  show_comments=not hide, commitments=commitments, questions=questions,
                  names=typed_names(names), actions=state.workspace().actions,
                  label_key=state.label_key(), reference=chosen_reference(survey), themes_text=comments.own_themes())
said = comments.release(survey, choices.names, 0, MIN_COMMENTS, MIN_GROUP) if choices.show_comments else None
story = state.story(survey, choices, said)
index = min(st.session_state.get(VIEW, 0), len(story.slides) - 1)
st.session_state[VIEW] = index
view_area.html(f"<style>{STYLE}</style>" + slide_html(story.slides[index], index + 1, len(story.slides),
                                                      chart_as_image=True, heading="h1"))  # the page's heading
if story.slides[index].speaker_notes:
    with view_area.expander("Speaker notes: the figures behind this view, for you, not the slide"):
        st.write(inert(story.slides[index].speaker_notes))
back.button("Previous", icon=":material/arrow_back:", on_click=step_view, args=(VIEW, -1), disabled=index == 0,
            width="stretch")
forward.button("Next", icon=":material/arrow_forward:", on_click=step_view, args=(VIEW, 1),
               disabled=index == len(story.slides) - 1, width="stretch")

st.header("Take it away")
# A click reruns nothing (on_click="ignore"): a rerun gives every button's deferred file a new id and drops
# the old ones, so a second button clicked before the page redrew would ask for a file no longer there.
deck, book, report = st.columns(3)
deck.download_button("Deck (PowerPoint)", partial(deck_bytes, story), file_name="tiwell-presentation.pptx",
                     mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                     on_click="ignore")
book.download_button("Workbook (Excel)", partial(workbook_bytes, story, survey, with_rows=with_rows),
                     file_name="tiwell-presentation.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
report.download_button("Report (HTML, opens offline)", partial(report_bytes, story), file_name="tiwell-report.html",
                       mime="text/html", on_click="ignore")
