"""What to act on: which of the organisation's own questions move with burnout, secondary traumatic
stress, compassion satisfaction or thinking of leaving, how sure we are, and where a group stands."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell import charts
from tiwell.analysis.drivers import (LOWEST_MIN_ANALYSIS, MIN_ANALYSIS, QUADRANT_MEANING, analysis_frame, driver_columns,
                                     enough_people, favourable_points, first_heavy, impact, joint_model,
                                     joint_model_table, outcomes, principle_summary, principle_tags, quadrant_lists,
                                     quadrants, ranked_table)
from tiwell.privacy import select_rows
from tiwell.text import fixed
from ui import plots
from ui.filters import filtered_page, need_survey, stop_unless
from ui.safe import inert

ADJUSTMENTS = {"Holm (the default: strict)": "holm", "Benjamini-Hochberg (false discovery rate)": "bh"}

survey = need_survey()
drivers = driver_columns(survey)
stop_unless(bool(drivers),
            "This survey has no questions of your own to relate to the scores. Questions answered on an "
            "agreement, frequency, yes/no or number scale (feeling safe to speak up, peer support, supervision) "
            "are found on reading; on the Upload and score page you can set a column's role to 'driver'.")
release, filters, min_group = filtered_page(survey, "What to act on")
rows = select_rows(survey.scored, filters)

st.write("Which of your own questions move together with the scores, so you can see where change may help "
         "most and which strengths to protect.")
st.info("These are associations in this survey, not causes: people who answer one question favourably tend to "
        "score better or worse on another, for reasons this survey cannot see. Read each interval before the "
        "ranking; where intervals overlap, the order between those questions is not settled.")

choices = {o.label: o for o in outcomes(survey)}
left, middle, right = st.columns(3)
heavy = first_heavy(list(choices.values()))
outcome = choices[left.selectbox("Relate the questions to", list(choices), index=heavy,
                                 help="Starts with the first score where higher is heavier (burnout, say).")]
padjust = ADJUSTMENTS[middle.selectbox("Adjustment for many questions", list(ADJUSTMENTS))]
min_analysis = int(right.number_input("Smallest group analysed", min_value=LOWEST_MIN_ANALYSIS, value=MIN_ANALYSIS,
                                      step=1, help="A driver analysis of a smaller group would be mostly noise, "
                                                   f"so it never runs below {LOWEST_MIN_ANALYSIS} people."))

data = analysis_frame(survey, rows)
if not enough_people(data, outcome, min_analysis):
    what = "answered the question about leaving" if outcome.question else f"have a {inert(outcome.label.lower())} score"
    st.info(f"No driver analysis for this selection: fewer than {min_analysis} people here {what}, too few "
            "to tell a real association from chance. "
            "Choose a wider selection in the sidebar.")
    st.stop()

table = impact(data, outcome, drivers, favourable_points(survey, drivers), principles=principle_tags(survey),
               padjust=padjust, min_group=min_group, min_analysis=min_analysis)

st.header("How sure we are")
plots.show(charts.impact_intervals, table, outcome.label, outcome.better, key="impact-intervals")
st.caption("Impact is Spearman's rank correlation between the question and "
           f"{inert(outcome.label.lower())}, turned so that further right means favourable answers go with "
           f"{inert(outcome.better)}. Each bar is its 95% interval: blue when the whole interval is above zero, "
           "grey when it includes no association at all.")

placed = quadrants(table)
if len(placed) >= 2:
    st.header("Strengths first, then where to act")
    for quadrant, questions in quadrant_lists(placed):
        st.markdown(f"**{quadrant.capitalize()}**: {QUADRANT_MEANING[quadrant]}  \n"
                    + "; ".join(inert(question) for question in questions))
    plots.show(charts.priority_matrix, placed, outcome.label, key="priority")
    st.caption("Quadrants split at the middle (median) question on each axis, so they compare your questions "
               "with each other, not with a fixed standard.")

st.header("Ranked, with the numbers behind it")
st.dataframe(
    ranked_table(table), hide_index=True, width="stretch",
    column_config={"rank": st.column_config.NumberColumn("#", help="1 is the strongest impact."),
                   "driver": "Question", "interval": "Impact, 95% interval", "spearman": "Spearman rho (95% CI)",
                   "pearson": "Pearson r (95% CI)",
                   "adjusted": st.column_config.TextColumn(
                       "Adjusted p", help=f"Spearman p-value adjusted across these questions ({padjust})."),
        "n": st.column_config.NumberColumn("n", help="People who answered the question and have the outcome."),
        "favourable": st.column_config.NumberColumn("Favourable", format="percent",
                                                    help="Share answering agree or strongly agree (or the top of the "
                                                         f"scale); shown when at least {min_group} answered."),
        "principle": "Principle"})

summary = principle_summary(table)
if len(summary):
    st.header("By trauma-informed principle")
    st.dataframe(summary, hide_index=True, width="stretch", column_config={
        "principle": "Principle", "questions": "Questions",
        "mean_impact": st.column_config.NumberColumn("Mean impact", format="%.2f"),
        "mean_favourable": st.column_config.NumberColumn("Mean favourable", format="percent"),
        "strongest": "Strongest question"})

with st.expander("Joint model: all questions at once (standardised regression)"):
    model = joint_model(data, outcome, drivers, min_analysis=max(min_analysis, min_group))
    if model.empty:
        st.write(f"Too few people answered every question (fewer than {min_analysis}) to fit a joint model.")
    else:
        st.write(f"Each question's standardised coefficient with the others held fixed, from the {model['n'].iloc[0]} "
                 f"people who answered them all (R² = {fixed(model['r2'].iloc[0], 2)}); turned as impact is. Questions "
                 "that move together share their association, so a small coefficient here does not mean the "
                 "question does not matter. Still associations, not causes.")
        st.dataframe(joint_model_table(model), hide_index=True, width="stretch",
                     column_config={"predictor": "Question",
                                    "beta": st.column_config.NumberColumn("Coefficient", format="%.2f"),
                                    "ci_low": st.column_config.NumberColumn("95% interval from", format="%.2f"),
                                    "ci_high": st.column_config.NumberColumn("to", format="%.2f"),
                                    "p": "p", "note": "Note"})
