"""Turnover: do the teams we lose people from show it first? Team-level, honestly worded."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import math

import pandas as pd

import streamlit as st

from tiwell import charts
from tiwell.actions import dated_markers
from tiwell.analysis.drivers import first_heavy, outcomes
from tiwell.analysis.leavers import FOLLOW_UP_MONTHS, compare_leavers, leaver_sentence
from tiwell.analysis.turnover import (RATE_FORMULA, TeamPeriods, answer_dates, match_teams, point_teams, rename_teams,
                                      score_turnover_correlations, shown_team_waves, team_timeline, turnover_points,
                                      wave_dates)
from tiwell.errors import TiwellError
from tiwell.findings import no_team_sentence
from tiwell.privacy import Release
from tiwell.survey import ScoredSurvey
from ui import plots, state
from ui.filters import need_survey, sidebar
from ui.next_wave import keep_turnover
from ui.safe import inert

SAMPLES = {"Use the sample team table": state.SAMPLE_TURNOVER, "Use the sample staff list": state.SAMPLE_STAFF_LIST}


def read_hr_source(survey: ScoredSurvey) -> TeamPeriods:
    """The HR data: an upload or a sample; read with this session's key when the survey kept
    employee numbers as private codes, so the two files' codes agree."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    upload = left.file_uploader("HR turnover data", type=["csv", "tsv", "txt", "xlsx", "xlsm"], key="hr-upload")
    for label, path in SAMPLES.items():
        if right.button(label, width="stretch"):
            st.session_state["sample_turnover"] = path.name
    key = state.private_code_key() if survey.table.person_codes is not None else None
    if upload is not None:
        return state.read_turnover(upload.getvalue(), upload.name, key)
    sample = next((path for path in SAMPLES.values() if path.name == st.session_state.get("sample_turnover")), None)
    if sample is None:
        st.info("Upload HR data, or use a sample (a team table, or a staff list) that goes with the sample survey.")
        st.stop()
    return state.read_turnover(state.sample_turnover_bytes(sample), sample.name, key)


def team_by_team(survey: ScoredSurvey, release: Release, turnover: pd.DataFrame, choice: dict, filters: dict,
                 min_group: int) -> None:
    """Team-wave means beside turnover: the scatter with both correlations, then one team over time."""
    st.header("Team by team")
    column, label, rate = choice["column"], choice["label"], choice["rate"]
    if math.isnan(release.people(filters)):
        st.info(f"Nothing is shown for this selection: fewer than {min_group} people match it, or showing them "
                "would let a smaller group beside them be worked out by subtraction.")
        return
    team_waves = shown_team_waves(release, column, filters)
    dates = wave_dates(survey.scored, survey.mapping.column_for("date"), state.workspace().month_first)
    points = turnover_points(team_waves, turnover, dates, rate, choice["lag"])
    if len(points) < 3:
        st.info(f"Only {len(points)} team-wave pair(s) can be shown with the smallest group size of {min_group}, "
                "too few to look for a pattern.")
        return
    y_title = f"{choice['rate_label'].lower()} per 100 a year"
    plots.show(charts.scatter_fit, points, "mean", "rate", label, y_title.capitalize(), key="scatter")
    st.dataframe(score_turnover_correlations(points), hide_index=True, width="stretch")
    teams = point_teams(points)
    st.warning(
        f"This compares teams, not people: {len(points)} team-wave pairs from {len(teams)} teams. "
        "A link between a team's scores and its turnover does not show that burnout makes any one person leave, "
        "and other things (workload, pay, restructuring) can drive both. With few teams the intervals are wide; "
        "read them before the single number."
    )
    st.header("One team over time")
    team = st.selectbox("Team", teams)
    means, periods = team_timeline(team_waves, turnover, dates, team)
    marks = dated_markers(state.workspace().actions, [team])
    plots.show(charts.timeline, means, periods, label, rate, marks, key="timeline")


def leavers_and_stayers(survey: ScoredSurvey, hr: TeamPeriods, min_group: int) -> None:
    """People who later left against people who stayed, in aggregate, when both files allow it."""
    st.header("People who left and people who stayed")
    if survey.table.person_codes is None or hr.people is None:
        st.info("Where the survey asked for an employee number and the HR data is a staff list with the same "
                "numbers, tiwell can compare the earlier answers of people who later left with those of people "
                "who stayed, for the whole organisation. Turn on **Keep employee numbers as private codes** under "
                "Options on the Upload and score page, then bring a staff list here.")
        return
    answered = answer_dates(survey.scored, survey.mapping.column_for("date"), state.workspace().month_first)
    result = compare_leavers(survey.scored, survey.table.person_codes, hr.people, answered, survey.labels,
                             min_group=min_group)
    if min(result.left, result.stayed) < min_group:
        st.info(f"Too few people could be followed up to compare safely: each group needs at least {min_group}.")
        return
    st.write(f"{result.left} people left within {FOLLOW_UP_MONTHS} months of answering and {result.stayed} were "
             f"still there {FOLLOW_UP_MONTHS} months later (the staff list runs to "
             f"{result.known_until:%d %B %Y}). Each person counts once, with their last answers before the "
             "follow-up.")
    plots.show(charts.leaver_gaps, result.table, key="leavers")
    for _, row in result.table.iterrows():
        st.markdown(f"- {inert(leaver_sentence(row))}")
    st.warning("This describes two groups, not any one person: people leave for many reasons (pay, moves, family, "
               "retirement), and a difference in averages does not show that burnout made anyone leave. Employee "
               "numbers were matched as codes that only work in this session; nobody's own answers are shown, and "
               "the sidebar filters do not apply here, so that no small group can be worked out.")
    st.caption(f"{result.matched} survey answers matched the staff list; {result.unknown} could not be followed "
               "up (answered too close to the end of the staff list, or after the recorded leave date).")

survey = need_survey()
st.title("Turnover")
if "team" not in survey.scored or "wave" not in survey.scored:
    st.info("Turnover is compared team by team and wave by wave. " + inert(
        no_team_sentence(survey.mapping) if "team" not in survey.scored else
        "This survey has no wave column and no dates that tell survey rounds apart."))
    st.stop()
release, filters, min_group = sidebar(survey, exclude=("team", "wave"))
st.write("Bring the HR data on leavers: a table of teams and periods (headcount and leavers), or a staff "
         "list with start and leave dates. tiwell works out each team's turnover rate and sets it beside the "
         "survey, in the same period or the one after.")
st.caption(RATE_FORMULA)

try:
    hr = read_hr_source(survey)
except TiwellError as exc:
    st.error(inert(exc))
    st.stop()
st.caption(hr.description)

survey_teams = list(survey.teams)
with st.expander("Check how HR team names match the survey's", expanded=False):
    proposed = match_teams(survey_teams, hr.teams)
    matches = st.data_editor(proposed, hide_index=True, width="stretch", disabled=["hr_team", "score", "how"],
                             column_config={"survey_team": st.column_config.SelectboxColumn("Survey team", options=survey_teams)},
                             key="team-matches")
turnover = rename_teams(hr.table, matches)
keep_turnover(turnover)

subscales = survey.by_label
c1, c2, c3 = st.columns(3)
first_strain = first_heavy(outcomes(survey))  # the scores come first among the outcomes, in this order
label = c1.selectbox("Survey score", list(subscales), index=first_strain)
rate_label = c2.selectbox("Leavers", ["All leavers", "Voluntary leavers"] if "voluntary_rate" in turnover else ["All leavers"])
lag_label = c3.radio("Turnover in", ["the same period", "the next period"], horizontal=True)
rate = "turnover_rate" if rate_label == "All leavers" else "voluntary_rate"
lag = 0 if lag_label == "the same period" else 1
column = subscales[label].column

team_by_team(survey, release, turnover, {"column": column, "label": label, "rate": rate, "rate_label": rate_label, "lag": lag},
             filters, min_group)
leavers_and_stayers(survey, hr, min_group)
