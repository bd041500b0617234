"""Actions and their effect: the log of what was done after a survey, whether it seems to have
helped, and the workspace file that carries both to the next wave."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

from datetime import date

import streamlit as st

from tiwell import charts
from tiwell.actions import check_log, log_from_table, log_table, make_action
from tiwell.analysis import action_effect, effect_sentences
from tiwell.errors import TiwellError
from tiwell.theme import PRINCIPLE_LABELS
from ui import plots, state
from ui.choices import score_choice
from ui.filters import need_survey, sidebar
from ui.next_wave import plan_section
from ui.safe import inert

survey = need_survey()
_, _, min_group = sidebar(survey, exclude=survey.filter_columns)
st.title("Actions and their effect")
st.write("Log what the organisation did after a survey: a dated action, the trauma-informed principle it serves and "
         "who owns it, for one or more teams or for everyone. Each action shows as a dashed line on the trend charts "
         "and in the presentation, and once a later wave is in, here is how things moved before and after it.")
teams = list(survey.teams)
actions = state.workspace().actions


def add_form() -> None:
    with st.expander("Log a new action", expanded=not actions), st.form("add-action", clear_on_submit=True):
        left, right = st.columns([1, 3])
        when = left.date_input("Date it started", value=date.today(), format="YYYY-MM-DD")
        title = right.text_input("Action", placeholder="For example: protected reflective supervision started")
        touched = st.multiselect("Teams it touches (none: the whole organisation)", teams)
        left, right = st.columns(2)
        principle = left.selectbox("Principle it serves", PRINCIPLE_LABELS)
        owner = right.text_input("Who owns it", placeholder="A role, for example: Service manager")
        if st.form_submit_button("Add to the log", type="primary"):
            try:
                new = make_action({"date": when, "title": title, "teams": touched, "principle": principle,
                                   "owner": owner}, where="The new action")
                state.update_workspace(actions=check_log([*actions, new], teams))
                st.rerun()
            except TiwellError as exc:
                st.error(inert(exc))


def edit_log() -> None:
    table = log_table(actions)
    edited = st.data_editor(
        table, key=f"log-{hash(tuple(actions))}", num_rows="dynamic", hide_index=True, width="stretch",
        column_order=["date", "title", "teams", "principle", "owner"],
        column_config={"date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
                       "title": st.column_config.TextColumn("Action", required=True),
                       "teams": st.column_config.MultiselectColumn("Teams (empty: everyone)", options=teams),
                       "principle": st.column_config.SelectboxColumn("Principle", options=PRINCIPLE_LABELS, required=True),
                       "owner": st.column_config.TextColumn("Owner", required=True)})
    try:
        edited_log = log_from_table(edited, teams)
    except TiwellError as exc:
        st.error(f"{inert(exc)} The log keeps its earlier version until this is put right.")
        return
    if edited_log != actions:
        state.update_workspace(actions=edited_log)
        st.rerun()


def show_effects() -> None:
    sub = score_choice(survey.subscales, "actions")
    label = sub.label
    for action in actions:
        with st.container(border=True):
            st.markdown(f"**{inert(action.title)}** · {inert(action.scope)} · from {action.date:%d %B %Y} · "
                        f"{inert(action.principle)} · owner: {inert(action.owner)}")
            effect = action_effect(survey.scored, action, sub.column, min_group, codes=survey.table.person_codes)
            if effect.kind == "not_shown":
                st.info(inert(effect.why))
                continue
            text, chart = st.columns([3, 2])
            text.markdown("\n".join(f"- {inert(line)}" for line in effect_sentences(effect, label, sub.direction)))
            plots.show(charts.before_after, effect.cells, label, key=f"effect-{action.id}", where=chart)


if actions:
    st.header("Before and after")
    st.caption("For each action: the waves before it against the waves after it, in the teams it touched and, "
               "where there are any, in the teams it did not touch. Waves in the action's own month count as "
               "before it. Only groups large enough to show are used.")
    show_effects()
    st.header("The log")
    st.caption("Change a cell to edit an action; select a row and press delete to remove one.")
    edit_log()
else:
    st.info("No actions logged yet. Log the first below, or bring back a workspace on the Upload and score page.")
add_form()
plan_section(survey, min_group)

st.header("Keep the cycle going")
st.write("Download the workspace and bring it back with the next wave's export: the mapping, instruments, cut points, "
         "smallest group, team label choice and this log, so every earlier view is drawn the same way. tiwell keeps "
         "nothing on the server.")
st.download_button("Download the workspace", state.workspace_json(survey), file_name="tiwell-workspace.json",
                   mime="application/json", on_click="ignore", type="primary")
