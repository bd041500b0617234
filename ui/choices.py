"""Choices a person makes once and finds again on the next page (which score they are asking about),
and the callbacks of buttons that step through views.

A callback lives here rather than in a page: Streamlit keeps each widget's callback with the session's
state (saved for a reconnection after the browser has gone), and a function defined in a page holds
every name of that page's run (the survey, the release, the story), which then outlived the session."""

from __future__ import annotations

import streamlit as st

from tiwell.analysis import first_score
from tiwell.survey import ScoreColumn

CHOSEN_SCORE_KEY = "chosen-score"


def score_choice(subscales: tuple[ScoreColumn, ...], page: str, label: str = "Score") -> ScoreColumn:
    """A select box of the survey's scores that opens on the one last chosen on any page (burnout
    first, see :func:`tiwell.analysis.first_score`). Streamlit forgets a widget's value when its
    page is left, so the choice is kept under its own key when it changes and given back to the widget each run."""
    labels = [sub.label for sub in subscales]
    remembered = st.session_state.get(CHOSEN_SCORE_KEY)
    widget = f"{page}-score"
    st.session_state[widget] = remembered if remembered in labels else labels[first_score(subscales)]
    chosen = st.selectbox(label, labels, key=widget, on_change=_remember, args=(widget,))
    return subscales[labels.index(chosen)]


def _remember(widget: str) -> None:
    st.session_state[CHOSEN_SCORE_KEY] = st.session_state[widget]


def step_view(key: str, step: int) -> None:
    """A Previous or Next button's callback: the view kept under ``key`` moved by ``step``, never before the first."""
    st.session_state[key] = max(0, st.session_state.get(key, 0) + step)
