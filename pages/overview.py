"""Overview: how are our people? Strengths first, then what is heavy, with how to read it."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import math

import streamlit as st

from tiwell import charts
from tiwell.analysis import headline, unbanded_note, who_is_counted
from tiwell.instruments import band_cuts_text, profile_table
from tiwell.text import count
from ui import plots
from ui.filters import filtered_page, need_survey
from ui.references import choose_reference, show_comparison, show_other_figures
from ui.safe import inert

survey = need_survey()
release, filters, min_group = filtered_page(survey, "Overview")
subscales = survey.subscales

strengths = [inert(sub.label.lower()) for sub in subscales if sub.higher_is_better]
summary = release.table((), filters)
st.write(
    f"In this selection, {inert(who_is_counted(release.people(filters), summary, survey.labels))} "
    + (f"Strengths come first ({', '.join(strengths)}): the good that comes from doing this work. " if strengths else "")
    + "The other scores describe what the work asks of people: they are about what has happened at work, "
    "not about what is wrong with anyone."
)

columns = st.columns(len(subscales))
for col, sub, (_, row) in zip(columns, subscales, summary.iterrows()):
    metric = headline(row, (sub.low, sub.high), sub.direction)
    col.metric(f"{inert(sub.label)} ({metric.direction})", metric.value, help=metric.help)
    if metric.caption:
        col.caption(metric.caption)

banded = tuple(sub for sub in subscales if sub.bands)  # the MBI has none unless cut-offs were chosen
if banded:
    plots.show(charts.band_shares, summary[summary["subscale"].isin([s.column for s in banded])], banded, min_group,
               key="bands")
if len(banded) < len(subscales):
    st.caption(inert(unbanded_note(subscales)))
with st.expander("How to read this"):
    for sub in subscales:
        bands = inert(band_cuts_text(sub.band_rules) or "none (no cut-off scores are set)")
        st.markdown(f"- **{inert(sub.label)}**: {inert(sub.meaning)} Bands: {bands}.")
    st.markdown("- The 95% interval is the range the true mean most likely lies in; with fewer people it is "
                "wider. The number with each score can be below the number who answered: someone who left a "
                "part unanswered has no score for it.")

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
    plots.show(charts.distribution, bins, sub.label, (sub.low, sub.high), sub.band_rules, sub.direction, min_group,
               key=f"dist-{sub.column}")

for inst in survey.instruments:
    table = release.profiles(inst.id, filters) if inst.profiles is not None else None
    if table is None or table.empty or math.isnan(table["people"].iloc[0]):
        continue
    st.header(f"{inert(inst.short_name)} profiles")
    st.caption(f"{inert(inst.profiles.label)}. {inert(inst.profiles.note)} Based on {count(table['people'].iloc[0])} people with "
               f"every part scored. A profile with fewer than {min_group} people is shown as 'fewer than "
               f"{min_group}'.")
    plots.show(charts.profile_shares, table, "Share of people in each profile", key=f"profiles-{inst.id}")
    st.dataframe(profile_table(inst), hide_index=True, width="stretch")
