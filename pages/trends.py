"""Trends: is it getting better? Each subscale by wave, overall and by team, with intervals."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell import charts
from tiwell.actions import markers
from tiwell.findings import no_team_sentence
from tiwell.analysis import change_sentence, has_gaps, subscale_rows, team_changes_table, trend_lines
from ui import plots, state
from ui.choices import score_choice
from ui.filters import filtered_page, need_survey, stop_unless
from ui.next_wave import answered_twice_section
from ui.safe import inert

survey = need_survey()
stop_unless(len(survey.waves) >= 2,
            "This survey holds one wave, so there is no trend to show yet. Upload a file with several waves "
            "(or with response dates across several survey rounds).")
release, filters, min_group = filtered_page(survey, "Trends", exclude=("wave",))

st.write("How each score has moved from one survey wave to the next. The bars around each point show the range "
         "the true mean most likely lies in (95% interval); when a change between two waves is too small to tell "
         "apart from chance we say so. The score chosen here is the one the Actions page opens on.")

sub = score_choice(survey.subscales, "trends")
label, column = sub.label, sub.column
overall = subscale_rows(release.table(["wave"], filters), column)
teams, by_team = [], None
by_teams = "team" in release.dims and filters.get("team") is None
if by_teams:
    teams = st.multiselect("Teams to compare with the whole organisation", release.options("team"))
    by_team = subscale_rows(release.table(["wave", "team"], filters), column)
if "team" not in survey.scored:
    st.caption(inert(no_team_sentence(survey.mapping)))
lines, series = trend_lines(overall, by_team, teams)
waves = release.options("wave")
marks = markers(state.workspace().actions, waves, teams or ([filters["team"]] if filters.get("team") else None))
plots.show(charts.trend, lines, label, series, overall if teams else None, waves, marks, key="trend")
if marks:
    st.caption("Dashed lines mark actions from the log on the Actions page, between the waves they fell between.")
if teams and has_gaps(lines):
    st.caption("Gaps are waves in which a team was too small to show safely.")

st.header("Change since the previous wave")
for _, change in release.changes(column, filters=filters).iterrows():
    st.markdown(f"- {inert(change_sentence(change, label, sub.direction))}")

if by_teams:
    st.header("Change since the previous wave, team by team")
    st.caption("The latest waves first, and within them the largest change first. 'Beyond noise' means the change is "
               "larger than chance would give; a blank change means the team was too small to show in one of the "
               "two waves.")
    st.dataframe(team_changes_table(release.changes(column, by="team", filters=filters), label, sub.direction),
                 hide_index=True, width="stretch",
                 column_config={"team": "Team", "from": "From", "to": "To", "change": "Change",
                                "95% interval": "95% interval", "what it means": "What it means"})

answered_twice_section(survey, sub, min_group)
