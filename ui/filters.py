"""The sidebar every leaders' page shares: the minimum group size and the filters the data allows."""

from __future__ import annotations

import streamlit as st

from tiwell.privacy import LOWEST_MIN_GROUP
from tiwell.views import filter_columns, filter_options, select
from ui import state
from ui.safe import inert

ALL = "All"


def need_survey():
    """The scored survey, or a kind pointer to the upload page and a stop."""
    survey = state.current_survey()
    if survey is None:
        st.info("Upload a survey export (or try the sample data) on the Upload and score page first.")
        st.page_link("pages/home.py", label="Go to Upload and score", icon=":material/upload_file:")
        st.stop()
    return survey


def sidebar(survey, *, exclude: tuple[str, ...] = ()) -> tuple[dict, int]:
    """Filter choices ({column: value or None}) and the minimum group size."""
    with st.sidebar:
        st.markdown("**Filters**")
        filters = {}
        for column in filter_columns(survey):
            if column in exclude:
                continue
            options = [ALL, *filter_options(survey.scored, column)]
            picked = st.selectbox(column.capitalize() if column in ("wave", "team") else inert(column), options,
                                  key=f"filter-{column}")
            filters[column] = None if picked == ALL else picked
        min_group = st.number_input("Smallest group shown", min_value=LOWEST_MIN_GROUP, step=1,
                                    **state.setting_widget(state.MIN_GROUP_KEY),
                                    help="Groups with fewer people are never shown, nor any group from which "
                                         "a smaller one could be worked out.")
    return filters, int(min_group)


def selected_rows(survey, filters: dict, min_group: int):
    """The filtered rows, or an explanation in place of the page's charts and a stop."""
    rows, seen = select(survey.scored, filters, min_group)
    if rows is None:
        st.info(f"Nothing is shown for this selection. {inert(seen.why)} Choose a wider selection in the sidebar.")
        st.stop()
    return rows


def stop_unless(condition: bool, message: str) -> None:
    """A page that cannot apply to this survey says why, instead of drawing empty charts."""
    if not condition:
        st.info(message)
        st.stop()


def filtered_page(survey, title: str, *, exclude: tuple[str, ...] = ()) -> tuple[object, dict, int]:
    """The sidebar, the page title, and the rows the filters select (or why none may be shown)."""
    filters, min_group = sidebar(survey, exclude=exclude)
    st.title(title)
    return selected_rows(survey, filters, min_group), filters, min_group
