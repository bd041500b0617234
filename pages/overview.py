"""Overview: how are our people? Strengths first, then what is heavy, with how to read it."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import pandas as pd
import streamlit as st

from tiwell import charts
from tiwell.instruments import profile_table
from ui.filters import filtered_page, need_survey
from ui.safe import inert

survey = need_survey()
release, filters, min_group = filtered_page(survey, "Overview")
subscales = survey.subscales

strengths = [inert(sub.label.lower()) for sub in subscales if sub.higher_is_better]
st.write(
    f"{release.people(filters):.0f} people in this selection. "
    + (f"Strengths come first ({', '.join(strengths)}): the good that comes from doing this work. " if strengths else "")
    + "The other scores describe what the work asks of people: they are about what has happened at work, "
    "not about what is wrong with anyone."
)

summary = release.table((), filters)
columns = st.columns(len(subscales))
for col, sub, (_, row) in zip(columns, subscales, summary.iterrows()):
    direction = "higher is better" if sub.higher_is_better else "lower is easier"
    col.metric(f"{inert(sub.label)} ({direction})", "hidden" if pd.isna(row["mean"]) else f"{row['mean']:.1f}",
               help=f"Mean of {row['n']:.0f} people's scores; possible range {sub.low:g} to {sub.high:g}.")
    if not pd.isna(row["mean"]):
        col.caption(f"95% CI {row['ci_low']:.1f} to {row['ci_high']:.1f} · n = {row['n']:.0f}")

st.plotly_chart(charts.band_shares(summary, subscales, min_group), width="stretch", key="bands")
with st.expander("How to read this"):
    for sub in subscales:
        rules = "; ".join(f"{inert(b.label)} {'up to ' + format(b.high, 'g') if b.low is None else 'from ' + format(b.low, 'g')}"
                          for b in sub.band_rules)
        st.markdown(f"- **{inert(sub.label)}**: {inert(sub.meaning)} Bands: {rules}.")
    st.markdown("- The 95% confidence interval is the range the true mean most likely lies in; "
                "with fewer people it is wider.")

for sub in subscales:
    bins = release.bins(sub.column, filters)
    if bins.empty:
        st.caption(f"How {inert(sub.label.lower())} scores spread is shown for groups of {release.detail_min} or more, "
                   "so that a chart of a few people's scores cannot point to anyone.")
        continue
    st.plotly_chart(charts.distribution(bins, sub.label, (sub.low, sub.high), sub.band_rules,
                                        sub.direction, min_group), width="stretch", key=f"dist-{sub.column}")

for inst in survey.instruments:
    table = release.profiles(inst.id, filters) if inst.profiles is not None else None
    if table is None or table.empty or pd.isna(table["people"].iloc[0]):
        continue
    st.subheader(f"{inert(inst.short_name)} profiles")
    st.caption(f"{inert(inst.profiles.label)}. {inert(inst.profiles.note)} Based on {table['people'].iloc[0]:.0f} people with "
               f"every part scored. A profile with fewer than {min_group} people is shown as 'fewer than "
               f"{min_group}'.")
    st.plotly_chart(charts.profile_shares(table, "Share of people in each profile"), width="stretch",
                    key=f"profiles-{inst.id}")
    st.dataframe(profile_table(inst), hide_index=True, width="stretch")
