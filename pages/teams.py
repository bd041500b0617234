"""Teams: where is the load carried? Every team beside every subscale, with n, and a closer look."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell import charts
from tiwell.analysis import (against_whole, band_measures, hidden_teams, shown_cells, shown_rows, shown_teams,
                             team_detail, team_order, team_rows, unbanded_note)
from tiwell.export import csv_bytes
from tiwell.findings import no_team_sentence
from tiwell.text import count
from ui import plots
from ui.filters import filtered_page, need_survey, stop_unless
from ui.safe import inert
from ui.references import choose_reference, show_comparison

survey = need_survey()
stop_unless("team" in survey.scored, inert(no_team_sentence(survey.mapping)))
release, filters, min_group = filtered_page(survey, "Teams", exclude=("team",))
subscales = survey.subscales

st.write("Each team's scores side by side, to see where support is most needed. Colour shows how far a team "
         "sits from everyone in this selection: orange where it is further towards the end that calls for "
         "attention, blue where it is better, pale where it is about level, whatever the direction of the "
         "subscale. Each cell gives the team's score, its difference from everyone in brackets, and n, the "
         "people with that score; beside each team is how many answered. Teams too small to show safely are "
         "left out, with the reason below.")

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
whole = release.table((), filters)
answered = shown_cells(table).groupby("team", sort=False)["people"].max().to_dict()
plots.show(charts.heatmap, against_whole(table, whole, subscales, measure), subscales, measure, ordered, answered,
           key="heatmap", title="Each team's scores")
if hidden:
    st.caption(f"Not shown: {len(hidden)} team(s) with fewer than {min_group} people here, or hidden with them so that "
               "no small group can be worked out from the rest.")
st.download_button("Download this table (CSV)", csv_bytes(shown_rows(table, shown)), file_name="tiwell-teams.csv",
                   mime="text/csv", on_click="ignore",
                   help="Only the teams shown above; hidden teams are left out entirely.")

st.header("A closer look at one team")
team = st.selectbox("Team", ordered)
st.caption(f"{count(answered[team])} people in {inert(team)} answered; each row counts the people with that score, "
           "as n does in the heatmap (someone who left a part unanswered has no score for it).")
st.dataframe(team_detail(table, whole, team, survey.labels), hide_index=True, width="stretch")
banded = tuple(sub for sub in subscales if sub.bands)  # the MBI has none unless cut-offs were chosen
if banded:
    plots.show(charts.band_shares, team_rows(table, team), banded, min_group, key="team-bands")
else:
    st.caption(inert(unbanded_note(subscales)))
reference = choose_reference(survey, "teams")
if reference is not None:
    show_comparison(team_rows(table, team), subscales, reference, "this team")
