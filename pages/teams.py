"""Teams: where is the load carried? Every team beside every subscale, with n, and a closer look."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import pandas as pd
import streamlit as st

from tiwell import charts
from tiwell.export import csv_bytes
from ui.filters import filtered_page, need_survey, stop_unless

survey = need_survey()
stop_unless("team" in survey.scored, "No team column was found in this survey, so there is nothing to show by "
                                     "team. Mark a column as the team on the Upload and score page.")
release, filters, min_group = filtered_page(survey, "Teams", exclude=("team",))
subscales = survey.subscales

st.write("Each team's scores side by side, to see where support is most needed. Colour shows how far a "
         "score sits towards the end that calls for attention (orange) or the better end (blue), whatever "
         "the direction of the subscale. Teams too small to show safely are left out, with the reason below.")

table = release.table(["team"], filters)
shown = table.loc[table["shown"], "team"].unique().tolist()
hidden = sorted(set(release.options("team")) - set(shown), key=str)

measures = {"Mean score": "mean"}
for band in sorted({b for sub in subscales for b in sub.bands}):
    measures[f"Share in the '{band}' band"] = f"share_{band}"
left, right = st.columns(2)
measure = measures[left.selectbox("Show", list(measures))]
orders = {"Team name": None} | {sub.label: sub.column for sub in subscales}
order_by = orders[right.selectbox("Order teams by", list(orders))]

if not shown:
    st.info("Every team in this selection is smaller than the smallest group shown, so no team can be shown.")
    st.stop()
if order_by is None:
    ordered = sorted(shown, key=str)
else:
    values = table[(table["subscale"] == order_by) & table["shown"]].set_index("team")[measure]
    ordered = values.sort_values(na_position="last").index.tolist()
st.plotly_chart(charts.heatmap(table[table["shown"]], subscales, measure, ordered), width="stretch", key="heatmap")
if hidden:
    st.caption(f"Not shown: {len(hidden)} team(s) with fewer than {min_group} people here, or hidden with them so that "
               "no small group can be worked out from the rest.")
shown_table = table[table["team"].isin(shown)].drop(columns="shown").reset_index(drop=True)
st.download_button("Download this table (CSV)", csv_bytes(shown_table), file_name="tiwell-teams.csv",
                   mime="text/csv", help="Only the teams shown above; hidden teams are left out entirely.")

st.subheader("A closer look at one team")
team = st.selectbox("Team", ordered)
whole = release.table((), filters).set_index("subscale")
mine = table[table["team"] == team].set_index("subscale")
detail = pd.DataFrame({
    "subscale": [survey.subscale(c).label for c in mine.index],
    "team mean (95% CI)": [f"{m.mean:.1f} ({m.ci_low:.1f} to {m.ci_high:.1f})" if pd.notna(m.mean) else "hidden"
                           for m in mine.itertuples()],
    "people": mine["n"].to_numpy(),
    "whole selection (95% CI)": [f"{whole.loc[c, 'mean']:.1f} ({whole.loc[c, 'ci_low']:.1f} to "
                                 f"{whole.loc[c, 'ci_high']:.1f})" for c in mine.index],
})
st.dataframe(detail, hide_index=True, width="stretch")
st.plotly_chart(charts.band_shares(mine.reset_index(), subscales, min_group), width="stretch", key="team-bands")
