"""Cached calls into the core, keyed on content, and the one survey object in session state.

Every cached function takes all its inputs as arguments (the upload's bytes among them), so a
result is only ever reached by someone holding the same file; caches are bounded in size and age.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tiwell.ingest import sheet_names
from tiwell.instrument import Instrument, load_builtin, parse_instrument
from tiwell.pipeline import ScoredSurvey, load_table, score_table

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "proqol5_microsoft_forms.xlsx"
SURVEY_KEY = "survey"
CACHE = dict(max_entries=16, ttl=3600)


def current_survey() -> ScoredSurvey | None:
    return st.session_state.get(SURVEY_KEY)


def keep_survey(survey: ScoredSurvey | None) -> None:
    st.session_state[SURVEY_KEY] = survey


@st.cache_data(**CACHE, show_spinner=False)
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@st.cache_data(**CACHE, show_spinner=False)
def sheets_of(data: bytes, filename: str) -> tuple[str, ...]:
    return sheet_names(data, filename)


def _instruments(instrument_ids: tuple[str, ...], custom_toml: str | None) -> tuple[Instrument, ...]:
    chosen = tuple(load_builtin(i) for i in instrument_ids)
    if custom_toml:
        chosen += (parse_instrument(custom_toml, source="your instrument file"),)
    return chosen


@st.cache_data(**CACHE, show_spinner="Reading the file…")
def load(data: bytes, filename: str, sheet: str | None, instrument_ids: tuple[str, ...], custom_toml: str | None):
    """The table (personal data already dropped), the instruments in it, and notes on the choice."""
    return load_table(data, filename, sheet=sheet, instruments=_instruments(instrument_ids, custom_toml))


@st.cache_data(**CACHE, show_spinner="Scoring…")
def score(data: bytes, filename: str, sheet: str | None, instrument_ids: tuple[str, ...],
          custom_toml: str | None, mapping_json: str | None) -> ScoredSurvey:
    """Scores for the table ``load`` read, with a saved or edited mapping laid over the detected one."""
    table, instruments, _ = load(data, filename, sheet, instrument_ids, custom_toml)
    return score_table(table, instruments, mapping_json)
