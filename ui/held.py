"""The one scored survey a session holds, read and kept with Streamlit alone (no pandas, no core),
so the home page's first visit can say that nothing is held yet before anything heavy is imported.
ui.state gives the same functions to every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from tiwell.survey import ScoredSurvey

SURVEY_KEY = "survey"


def current_survey() -> ScoredSurvey | None:
    return st.session_state.get(SURVEY_KEY)


def keep_survey(survey: ScoredSurvey | None) -> None:
    st.session_state[SURVEY_KEY] = survey
