"""Cohorts: compare groups the way a reviewer would ask, with tables to cite and settings to rerun."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

from functools import partial

import streamlit as st

from tiwell import charts
from tiwell.analysis.cohorts import (CohortSettings, cohort_rows, cohort_sentences, combine, compare_cohorts,
                                     item_statistics, result_tables, table_title)
from tiwell.export import csv_bytes, xlsx_bytes
from tiwell.stats import POOR_RELIABILITY, P_ADJUST_METHODS, one_sample_vs_reference, reference_values
from tiwell.privacy import DETAIL_MIN
from tiwell.errors import TiwellError
from tiwell.pipeline import ScoringChoices
from tiwell.text import fixed, p_columns_written
from ui import plots, state
from ui.filters import need_survey, sidebar, stop_unless
from ui.safe import inert

# Cohort names kept whole and in view while the numbers scroll: "Family Support North" and "... South"
# must not both read "Family Support".
NAMES = {c: st.column_config.TextColumn(c, pinned=True, width="medium") for c in ("group", "group_a", "group_b", "cohort")}

survey = need_survey()
_, _, min_group = sidebar(survey, exclude=survey.filter_columns)
st.title("Compare cohorts")
st.write("Compare groups of people on one score: two services, two waves, one role against another. Cohorts "
         "smaller than the smallest group shown are left out before anything is computed.")
with st.expander("Or compare this survey with a second file (another service, or a published study's data)"):
    other = st.file_uploader("Second survey export", type=["csv", "tsv", "txt", "xlsx", "xlsm"], key="second-file")
choices = list(survey.filter_columns)
if other is not None:
    try:
        same_mapping = ScoringChoices(mapping_json=survey.mapping.to_json())
        second = state.score(other.getvalue(), other.name, choices=same_mapping)
        survey = combine(survey, second, (survey.table.filename, other.name))
        choices = ["file", *choices]
    except TiwellError as exc:
        st.error(f"The second file cannot be compared: {inert(exc)}")
stop_unless(bool(choices), "This survey has no team, wave or grouping column to define cohorts by.")
subscales = survey.by_label

saved = st.file_uploader("Rerun a saved analysis (settings file)", type=["json"], key="analysis-settings")
try:
    restored = (CohortSettings.from_json(saved.getvalue().decode("utf-8", errors="replace"), f"'{saved.name}'")
                if saved else None)
except TiwellError as exc:
    st.error(f"That saved analysis cannot be used. {exc}")
    restored = None
c1, c2, c3 = st.columns(3)
cohort_column = c1.selectbox("Cohorts from", choices, index=choices.index(restored.cohort_column)
                             if restored and restored.cohort_column in choices else 0)
names = list(subscales)
label = c2.selectbox("Score", names, index=names.index(next((n for n, s in subscales.items() if restored and
                                                              s.column == restored.subscale), names[0])))
sub = subscales[label]
adjust = c3.selectbox("Adjust pairwise p-values", P_ADJUST_METHODS,
                      index=P_ADJUST_METHODS.index(restored.padjust) if restored else 0,
                      help="holm controls the chance of any false finding; bh the share of false findings.")
settings = CohortSettings(cohort_column, sub.column, adjust, min_group)
results = compare_cohorts(survey.scored, settings)
stop_unless(len(results["groups"]) >= 2, f"Fewer than two cohorts of '{inert(cohort_column)}' have {min_group} or more "
                                         "people, so there is nothing to compare.")

for sentence in cohort_sentences(results, label):
    st.markdown(f"- {inert(sentence)}")
data = cohort_rows(survey.scored, cohort_column, results["groups"])
if len(results["quantiles"]):
    plots.show(charts.cohort_boxes, results["quantiles"], cohort_column, label, key="boxes")
if len(results["quantiles"]) < len(results["groups"]):
    st.caption(f"Quartiles and boxes are shown for cohorts of {DETAIL_MIN} or more people: for a smaller cohort "
               "they would come close to giving back each person's score.")
tables = result_tables(results)
for key, table in tables.items():
    st.markdown(f"**{table_title(key)}**")
    st.dataframe(p_columns_written(table), hide_index=True, width="stretch", column_config=NAMES)

st.header("Reliability")
alphas = state.cohort_reliability(survey, cohort_column, min_group)
alphas = cohort_rows(alphas, "cohort", results["groups"])
st.caption(f"Cronbach's alpha (95% CI, Feldt) and McDonald's omega total on complete answers; alpha below "
           f"{fixed(POOR_RELIABILITY, 2)} is flagged as poor.")
st.dataframe(alphas, hide_index=True, width="stretch", column_config=NAMES)
if alphas["poor"].any():
    st.warning("Some subscales hold together poorly in some cohorts: read their differences with extra care.")
st.markdown(f"**Items of {inert(label)}** (whole survey)")
tables["items"] = item_statistics(survey, sub.instrument.id, sub.subscale.id)
tables["reliability"] = alphas
st.dataframe(tables["items"], hide_index=True, width="stretch")

published = reference_values()
if len(published):
    st.caption("Published reliabilities, and sample means with their SD and n, to compare with:")
    st.dataframe(published, hide_index=True, width="stretch")

st.header("Against a published sample")
st.caption("Give the published sample's mean, SD and n for this score; each cohort is compared with it "
           "(Welch's t from summary statistics, and Hedges' g).")
r1, r2, r3 = st.columns(3)
ref_mean = r1.number_input("Mean", value=None, key="ref-mean")
ref_sd = r2.number_input("SD", value=None, min_value=0.0, key="ref-sd")
ref_n = r3.number_input("n", value=None, min_value=2, step=1, key="ref-n")
if ref_mean is not None and ref_sd and ref_n:
    tables["reference"] = one_sample_vs_reference(data, value=sub.column, mean=ref_mean, sd=ref_sd, n=int(ref_n),
                                                  group=cohort_column)
    st.dataframe(p_columns_written(tables["reference"]), hide_index=True, width="stretch", column_config=NAMES)

st.header("Take it away")
left, middle, right = st.columns(3)
# Written only when clicked: the workbook takes longer than the rest of the page to build.
left.download_button("Tables (Excel)", partial(xlsx_bytes, dict(tables)),
                     file_name="tiwell-cohorts.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
middle.download_button("Descriptions (CSV)", partial(csv_bytes, tables["describe"]), file_name="tiwell-cohorts.csv",
                       mime="text/csv", on_click="ignore")
right.download_button("Settings to rerun this", settings.to_json(), file_name="tiwell-analysis.json",
                      mime="application/json", on_click="ignore")
