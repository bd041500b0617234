"""The sidebar every leaders' page shares: the minimum group size and the filters the data allows."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from tiwell.privacy import LOWEST_MIN_GROUP, Release, why_hidden
from tiwell.survey import ScoredSurvey
from ui import state
from ui.safe import inert

ALL = "All"


def need_survey() -> ScoredSurvey:
    """The scored survey, or a kind pointer to the upload page and a stop."""
    survey = state.current_survey()
    if survey is None:
        st.info("Upload a survey export (or try the sample data) on the Upload and score page first.")
        st.page_link("pages/home.py", label="Go to Upload and score", icon=":material/upload_file:")
        st.stop()
    return survey


def sidebar(survey: ScoredSurvey, *, exclude: tuple[str, ...] = ()) -> tuple[Release, dict, int]:
    """The release for the chosen minimum group size, and filter choices ({column: value or
    None}) among the values the release covers."""
    with st.sidebar:
        st.markdown("**Filters**")
        slot = st.container()
        min_group = int(st.number_input("Smallest group shown", min_value=LOWEST_MIN_GROUP, step=1,
                                        **state.setting_widget(state.MIN_GROUP_KEY),
                                        help="Groups with fewer people are never shown, nor any group from which "
                                             "a smaller one could be worked out."))
        release = state.release(survey, min_group)
        filters = {}
        for column in release.dims:
            if column in exclude:
                continue
            picked = slot.selectbox(column.capitalize() if column in ("wave", "team") else inert(column),
                                    [ALL, *release.options(column)], key=f"filter-{column}")
            filters[column] = None if picked == ALL else picked
        for note in release.notes:
            st.caption(inert(note))
    return release, filters, min_group


def shown_selection(release: Release, filters: dict, min_group: int) -> None:
    """Stop with an explanation when the selection itself may not be shown."""
    if math.isnan(release.people(filters)):
        st.info(f"Nothing is shown for this selection. {inert(why_hidden(filters, min_group))} Choose a wider "
                "selection in the sidebar.")
        st.stop()


def stop_unless(condition: bool, message: str) -> None:
    """A page that cannot apply to this survey says why, instead of drawing empty charts."""
    if not condition:
        st.info(message)
        st.stop()


def filtered_page(survey: ScoredSurvey, title: str, *, exclude: tuple[str, ...] = ()) -> tuple[Release, dict, int]:
    """The sidebar, the page title, and the release with the filters chosen (or why the
    selection may not be shown)."""
    release, filters, min_group = sidebar(survey, exclude=exclude)
    st.title(title)
    shown_selection(release, filters, min_group)
    return release, filters, min_group
