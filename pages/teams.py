"""Teams: where is the load carried? Every team beside every subscale, with n, and a closer look."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell import charts
from tiwell.analysis import (band_measures, hidden_teams, shown_cells, shown_rows, shown_teams, team_detail,
                             team_order, team_rows)
from tiwell.export import csv_bytes
from ui.filters import filtered_page, need_survey, stop_unless
from ui.references import choose_reference, show_comparison

survey = need_survey()
stop_unless("team" in survey.scored, "No team column was found in this survey, so there is nothing to show by "
                                     "team. Mark a column as the team on the Upload and score page.")
release, filters, min_group = filtered_page(survey, "Teams", exclude=("team",))
subscales = survey.subscales

st.write("Each team's scores side by side, to see where support is most needed. Colour shows how far a "
         "score sits towards the end that calls for attention (orange) or the better end (blue), whatever "
         "the direction of the subscale. Teams too small to show safely are left out, with the reason below.")

table = release.table(["team"], filters)
shown = shown_teams(table)
hidden = hidden_teams(release.options("team"), shown)

measures = band_measures(sub.bands for sub in subscales)
left, right = st.columns(2)
measure = measures[left.selectbox("Show", list(measures))]
orders = {"Team name": None} | {sub.label: sub.column for sub in subscales}
order_by = orders[right.selectbox("Order teams by", list(orders))]

if not shown:
    st.info("Every team in this selection is smaller than the smallest group shown, so no team can be shown.")
    st.stop()
ordered = team_order(table, shown, order_by, measure)
st.plotly_chart(charts.heatmap(shown_cells(table), subscales, measure, ordered), width="stretch", key="heatmap")
if hidden:
    st.caption(f"Not shown: {len(hidden)} team(s) with fewer than {min_group} people here, or hidden with them so that "
               "no small group can be worked out from the rest.")
st.download_button("Download this table (CSV)", csv_bytes(shown_rows(table, shown)), file_name="tiwell-teams.csv",
                   mime="text/csv", help="Only the teams shown above; hidden teams are left out entirely.")

st.subheader("A closer look at one team")
team = st.selectbox("Team", ordered)
st.dataframe(team_detail(table, release.table((), filters), team, survey.labels), hide_index=True, width="stretch")
st.plotly_chart(charts.band_shares(team_rows(table, team), subscales, min_group), width="stretch", key="team-bands")
reference = choose_reference(survey, "teams")
if reference is not None:
    show_comparison(team_rows(table, team), subscales, reference, "this team")
