"""Overview: how are our people? Strengths first, then what is heavy, with how to read it."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import math

import streamlit as st

from tiwell import charts
from tiwell.analysis import headline
from tiwell.instruments import band_cuts_text, profile_table
from tiwell.text import count
from ui.filters import filtered_page, need_survey
from ui.references import choose_reference, show_comparison, show_other_figures
from ui.safe import inert

survey = need_survey()
release, filters, min_group = filtered_page(survey, "Overview")
subscales = survey.subscales

strengths = [inert(sub.label.lower()) for sub in subscales if sub.higher_is_better]
st.write(
    f"{count(release.people(filters))} people in this selection. "
    + (f"Strengths come first ({', '.join(strengths)}): the good that comes from doing this work. " if strengths else "")
    + "The other scores describe what the work asks of people: they are about what has happened at work, "
    "not about what is wrong with anyone."
)

summary = release.table((), filters)
columns = st.columns(len(subscales))
for col, sub, (_, row) in zip(columns, subscales, summary.iterrows()):
    metric = headline(row, (sub.low, sub.high), sub.direction)
    col.metric(f"{inert(sub.label)} ({metric.direction})", metric.value, help=metric.help)
    if metric.caption:
        col.caption(metric.caption)

st.plotly_chart(charts.band_shares(summary, subscales, min_group), width="stretch", key="bands")
with st.expander("How to read this"):
    for sub in subscales:
        bands = inert(band_cuts_text(sub.band_rules))
        st.markdown(f"- **{inert(sub.label)}**: {inert(sub.meaning)} Bands: {bands}.")
    st.markdown("- The 95% confidence interval is the range the true mean most likely lies in; "
                "with fewer people it is wider.")

st.subheader("Compared with whom")
reference = choose_reference(survey, "overview")
if reference is not None:
    show_comparison(summary, subscales, reference, "this selection")
show_other_figures(survey)

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
    if table is None or table.empty or math.isnan(table["people"].iloc[0]):
        continue
    st.subheader(f"{inert(inst.short_name)} profiles")
    st.caption(f"{inert(inst.profiles.label)}. {inert(inst.profiles.note)} Based on {count(table['people'].iloc[0])} people with "
               f"every part scored. A profile with fewer than {min_group} people is shown as 'fewer than "
               f"{min_group}'.")
    st.plotly_chart(charts.profile_shares(table, "Share of people in each profile"), width="stretch",
                    key=f"profiles-{inst.id}")
    st.dataframe(profile_table(inst), hide_index=True, width="stretch")
