"""The Actions page's plan for the next wave, and Trends' change for people who answered twice."""

from __future__ import annotations

import streamlit as st

from tiwell.analysis import (answered_twice, next_wave_plan, paired_sentence, plan_sentences, team_headcounts,
                             wave_dates)
from tiwell.survey import ScoredSurvey
from ui import state
from ui.safe import inert

TURNOVER_KEY = "turnover-for-planning"


def keep_turnover(table) -> None:
    """The Turnover page's team-period table, under the survey's team names, for the planner."""
    st.session_state[TURNOVER_KEY] = table


def plan_section(survey: ScoredSurvey, min_group: int) -> None:
    """Per team: answers expected next wave, whether they clear the minimum, the smallest change each score
    could show."""
    st.header("Plan the next wave")
    release = state.release(survey, min_group)
    turnover = st.session_state.get(TURNOVER_KEY)
    when = wave_dates(survey.scored, survey.mapping.column_for("date"), state.workspace().month_first)
    now, then = team_headcounts(turnover, when.iloc[-1] if len(when) else None) if turnover is not None else ({}, {})
    scores = [(s.column, s.label) for s in survey.subscales]
    plan = next_wave_plan(release, scores, headcounts=now, survey_headcounts=then)
    st.write("Before the next survey: how many answers each team can expect at its last response rate, whether that "
             f"reaches the smallest group shown ({min_group}), and the smallest change in each score the next wave "
             "could tell apart from noise (80% power, 5% two-sided, from last wave's spread).")
    for line in plan_sentences(plan, min_group):
        st.markdown(f"- {inert(line)}")
    if turnover is None:
        st.caption("Headcounts come from the HR data on the Turnover page: bring it there to see response rates.")
    config = {"team": "Team", "answered": st.column_config.NumberColumn("Answered last wave", format="%d"),
              "headcount": st.column_config.NumberColumn("Staff now", format="%d"),
              "response_rate": st.column_config.NumberColumn("Response rate", format="percent"),
              "expected": st.column_config.NumberColumn("Expected next wave", format="%.0f"),
              "clears": "Reaches the minimum?", "why": "Why"}
    config |= {c: st.column_config.NumberColumn(f"Smallest change: {c.removeprefix('detectable ')}", format="%.1f")
               for c in plan.columns if c.startswith("detectable ")}
    st.dataframe(plan, hide_index=True, width="stretch", column_config=config)


def answered_twice_section(survey: ScoredSurvey, sub, min_group: int) -> None:
    """The paired change between the last two waves for people who answered both, when employee numbers
    were kept as private codes."""
    codes = survey.table.person_codes
    if codes is None or len(survey.waves) < 2:
        return
    st.header("People who answered twice")
    first, second = survey.waves[-2], survey.waves[-1]
    table = answered_twice(survey.scored, codes, sub.column, first, second, min_group=min_group)
    st.write(inert(paired_sentence(table.iloc[0], sub.label, sub.direction, first, second, min_group)))
    st.dataframe(table.drop(columns=["shown"]), hide_index=True, width="stretch", column_config={
        "group": "Group", "pairs": st.column_config.NumberColumn("People in both waves", format="%d"),
        "change": st.column_config.NumberColumn("Their change", format="%+.1f"),
        "ci_low": st.column_config.NumberColumn("95% interval from", format="%+.1f"),
        "ci_high": st.column_config.NumberColumn("to", format="%+.1f"),
        "p": st.column_config.NumberColumn("p", format="%.3f"), "within_noise": "Within noise?"})
