"""Turnover: do the teams we lose people from show it first? Team-level, honestly worded."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tiwell import charts
from tiwell.actions import dated_markers
from tiwell.aggregate import summarise
from tiwell.ingest import IngestError
from tiwell.stats import pearson, spearman
from tiwell.turnover import RATE_FORMULA, join_waves, match_teams, rename_teams, wave_dates
from tiwell.views import check_cells, select, subscale_info
from ui import state
from ui.filters import need_survey, sidebar

survey = need_survey()
st.title("Turnover")
if "team" not in survey.scored or "wave" not in survey.scored:
    st.info("Turnover is compared team by team and wave by wave; this survey has no team or no wave column.")
    st.stop()
filters, min_group = sidebar(survey, exclude=("team", "wave"))
st.write("Bring the HR data on leavers: a table of teams and periods (headcount and leavers), or a staff "
         "list with start and leave dates. tiwell works out each team's turnover rate and sets it beside the "
         "survey, in the same period or the one after.")
st.caption(RATE_FORMULA)

left, right = st.columns([3, 1], vertical_alignment="bottom")
upload = left.file_uploader("HR turnover data", type=["csv", "tsv", "txt", "xlsx", "xlsm"], key="hr-upload")
if right.button("Use the sample turnover table", width="stretch"):
    st.session_state["use_sample_turnover"] = True
try:
    if upload is not None:
        hr = state.read_turnover(upload.getvalue(), upload.name)
    elif st.session_state.get("use_sample_turnover"):
        hr = state.read_turnover(state.sample_turnover_bytes(), state.SAMPLE_TURNOVER.name)
    else:
        st.info("Upload HR data, or use the sample turnover table that goes with the sample survey.")
        st.stop()
except IngestError as exc:
    st.error(str(exc))
    st.stop()
st.caption(f"Read as a {hr.source}: {hr.table['team'].nunique()} teams, {hr.table['period'].nunique()} periods.")

survey_teams = sorted(survey.scored["team"].dropna().unique())
with st.expander("Check how HR team names match the survey's", expanded=False):
    proposed = match_teams(survey_teams, sorted(hr.table["team"].unique()))
    matches = st.data_editor(proposed, hide_index=True, width="stretch", disabled=["hr_team", "score", "how"],
                             column_config={"survey_team": st.column_config.SelectboxColumn("Survey team", options=survey_teams)},
                             key="team-matches")
turnover = rename_teams(hr.table, matches)

info = subscale_info(survey)
labels = dict(zip(info["label"], info["column"]))
c1, c2, c3 = st.columns(3)
first_strain = next((i for i, d in enumerate(info["direction"]) if d == "higher_is_worse"), 0)
label = c1.selectbox("Survey score", list(labels), index=first_strain)
rate_label = c2.selectbox("Leavers", ["All leavers", "Voluntary leavers"] if "voluntary_rate" in turnover else ["All leavers"])
lag_label = c3.radio("Turnover in", ["the same period", "the next period"], horizontal=True)
rate = "turnover_rate" if rate_label == "All leavers" else "voluntary_rate"
lag = 0 if lag_label == "the same period" else 1
column = labels[label]

rows, seen = select(survey.scored, filters, min_group)
if rows is None:
    st.info(f"Nothing is shown for this selection. {seen.why}")
    st.stop()
summary = check_cells(summarise(rows, {column: label}, ["wave", "team"], min_group, within=["wave"]),
                      survey.scored, ["wave", "team"], filters, min_group)
summary = summary[summary["shown"] & summary["mean"].notna()]
dates = wave_dates(survey.scored, survey.mapping.column_for("date"))
points = join_waves(summary, turnover, dates, lag).rename(columns={rate: "rate"})

st.subheader("Team by team")
if len(points) < 3:
    st.info(f"Only {len(points)} team-wave pair(s) can be shown with the smallest group size of {min_group}, "
            "too few to look for a pattern.")
    st.stop()
y_title = f"{rate_label.lower()} per 100 a year"
st.plotly_chart(charts.scatter_fit(points, "mean", "rate", label, y_title.capitalize()), width="stretch", key="scatter")
results = pd.concat([pearson(points["mean"], points["rate"]).assign(method="Pearson"),
                     spearman(points["mean"], points["rate"]).assign(method="Spearman")], ignore_index=True)
st.dataframe(results[["method", "r", "ci_low", "ci_high", "p", "n"]].round(3), hide_index=True, width="stretch")
st.warning(
    f"This compares teams, not people: {len(points)} team-wave pairs from {points['team'].nunique()} teams. "
    "A link between a team's scores and its turnover does not show that burnout makes any one person leave, "
    "and other things (workload, pay, restructuring) can drive both. With few teams the intervals are wide; "
    "read them before the single number."
)

st.subheader("One team over time")
team = st.selectbox("Team", sorted(points["team"].unique()))
mine = summary[summary["team"] == team].assign(date=lambda t: t["wave"].map(dates))
marks = dated_markers(state.workspace().actions, [team])
st.plotly_chart(charts.timeline(mine, turnover[turnover["team"] == team], label, rate, marks), width="stretch",
                key="timeline")
