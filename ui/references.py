"""The chosen reference, the same on every page: a published sample or the benchmark brought in.

The choice is kept in session state (not only in a widget, whose state is forgotten on a page that
does not draw it), so Overview, Teams and Present compare with the same reference. A benchmark
pooled on the Benchmark packs page joins the published references for this session.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tiwell.analysis import CUT_POINT_NOTE, compare_means, compare_shares, reference_note, reference_sentences
from tiwell.instruments import Reference, references_for
from tiwell.packs import Benchmark, benchmark_references
from tiwell.survey import ScoredSurvey, ScoreColumn
from tiwell.text import fixed, interval, percent, signed
from ui.safe import inert

CHOSEN_KEY = "reference-chosen"
BENCHMARK_KEY = "benchmark"
NONE = ""


def keep_benchmark(benchmark: Benchmark | None) -> None:
    st.session_state[BENCHMARK_KEY] = benchmark


def kept_benchmark() -> Benchmark | None:
    return st.session_state.get(BENCHMARK_KEY)


def reference_options(survey: ScoredSurvey) -> dict[str, Reference]:
    """Every reference this survey can be compared with: the benchmark brought in first, then the
    published ones for its instruments (confirmed ones before those not confirmed)."""
    ids = [inst.id for inst in survey.instruments]
    benchmark = kept_benchmark()
    pooled = [r for r in benchmark_references(benchmark) if r.instrument in ids] if benchmark else []
    published = sorted(references_for(ids, comparable_only=True), key=lambda r: not r.confirmed)
    return {r.id: r for r in [*pooled, *published]}


def choose_reference(survey: ScoredSurvey, where: str) -> Reference | None:
    """A 'Compare with' choice, remembered across pages; None when nothing fits or none is chosen."""
    options = reference_options(survey)
    if not options:
        return None
    ids = [*options, NONE]
    current = st.session_state.get(CHOSEN_KEY, ids[0])
    picked = st.selectbox("Compare with", ids, index=ids.index(current) if current in ids else 0,
                          format_func=lambda i: "No comparison" if i == NONE else options[i].name,
                          key=f"reference-{where}",
                          help="A published sample measured with the same instrument, or a benchmark pooled from "
                               "other organisations' packs (Benchmark packs page).")
    st.session_state[CHOSEN_KEY] = picked
    return options.get(picked)


def chosen_reference(survey: ScoredSurvey) -> Reference | None:
    """The reference chosen on another page (the first that fits when none was chosen)."""
    options = reference_options(survey)
    picked = st.session_state.get(CHOSEN_KEY, next(iter(options), NONE))
    return options.get(picked)


def show_comparison(summary: pd.DataFrame, subscales: tuple[ScoreColumn, ...], reference: Reference,
                    scope: str) -> None:
    """The scope's released scores beside the reference: a table of means with the difference and
    its 95% interval, band shares where comparable, the source and its caution, and the note that
    individual cut points do not describe a team's mean."""
    means = compare_means(summary, subscales, reference)
    shares = compare_shares(summary, subscales, reference)
    if means.empty and shares.empty:
        st.caption(f"{inert(reference.name)} gives no figure that can be set beside these scores "
                   "(its bands are not the ones these scores were cut into).")
    if len(means):
        st.dataframe(_means_table(means, scope), hide_index=True, width="stretch")
    if len(shares):
        st.dataframe(_shares_table(shares, scope), hide_index=True, width="stretch")
    with st.expander("What this says, and where the reference comes from"):
        for line in reference_sentences(means, shares, reference, inert(scope))[:-1]:
            st.markdown(f"- {inert(line)}")
        st.markdown(inert(reference_note(reference)))
    if not reference.confirmed:
        st.warning(f"Not confirmed: {inert(reference.caution)}")
    st.caption(CUT_POINT_NOTE)


def _means_table(means: pd.DataFrame, scope: str) -> pd.DataFrame:
    return pd.DataFrame({
        "Score": means["label"], f"Mean ({scope})": [_num(v) for v in means["mean"]],
        "Reference mean": [_num(v) for v in means["ref_mean"]],
        "Difference": [_num(v, signed) for v in means["diff"]],
        "95% interval": [interval(lo, hi, sign=True) if pd.notna(lo) else "" for lo, hi in
                         zip(means["ci_low"], means["ci_high"])],
        "How": ["Welch's t (reference SD and n)" if t == "welch" else "reference mean taken as fixed"
                for t in means["test"]]})


def _shares_table(shares: pd.DataFrame, scope: str) -> pd.DataFrame:
    return pd.DataFrame({
        "Score": shares["label"], "Band": shares["band"],
        f"Share ({scope})": [percent(v) if pd.notna(v) else "hidden" for v in shares["share"]],
        "Reference share": [percent(v) for v in shares["ref_share"]],
        "Difference (points)": [_num(100 * v, signed) for v in shares["diff"]],
        "95% interval": [interval(100 * lo, 100 * hi, sign=True) if pd.notna(lo) else "" for lo, hi in
                         zip(shares["ci_low"], shares["ci_high"])]})


def _num(value, write=fixed, digits: int = 1) -> str:
    return "hidden" if pd.isna(value) else write(value, digits)


def show_other_figures(survey: ScoredSurvey) -> None:
    """Published figures that cannot be set beside these scores (another scale, one question, or
    no number confirmed), each with its source, for reading only."""
    others = [r for r in references_for(inst.id for inst in survey.instruments) if not r.comparable]
    if not others:
        return
    with st.expander("Other published figures, for reading only"):
        for ref in others:
            st.markdown(f"- **{inert(ref.name)}**. {inert(reference_note(ref))}")
