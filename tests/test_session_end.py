"""What a session holds goes when its browser goes (ui.held): its survey and the comments read
from it leave its state, a reading still queued never starts, and its download buttons and large
tables let go of what they were made from, so nothing refers to the survey any more."""

from __future__ import annotations

import gc
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pyarrow as pa
from streamlit.dataframe.lazy_df_source import InMemoryDataframeSource
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.state import SafeSessionState, SessionState

from tiwell.export import scored_workbook
from tiwell.pipeline import score_file
from ui.held import AHEAD_KEY, MEMO_KEY, SURVEY_KEY, forget_files, let_go

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "proqol5_microsoft_forms.xlsx"


def sample_survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def test_the_survey_and_the_comments_read_from_it_leave_the_state_and_a_queued_reading_never_runs():
    survey = sample_survey()
    gone = weakref.ref(survey)
    state = SafeSessionState(SessionState(), lambda: None)
    readers, gate, ran = ThreadPoolExecutor(max_workers=1), threading.Event(), []
    readers.submit(gate.wait)  # the one reader busy, so the survey's reading waits in the queue
    state[SURVEY_KEY] = survey
    state[AHEAD_KEY] = (survey, None, readers.submit(ran.append, survey))
    state[MEMO_KEY] = {("read", None): (survey, "the comments page's reading")}
    state["min-group"] = 5
    future = state[AHEAD_KEY][2]
    del survey

    let_go(state)

    assert SURVEY_KEY not in state and AHEAD_KEY not in state and MEMO_KEY not in state
    assert state["min-group"] == 5, "the session's settings stay, for a reconnection"
    assert future.cancelled()
    gate.set()
    readers.shutdown(wait=True)
    assert ran == []
    gc.collect()
    assert gone() is None, "nothing refers to the survey any more"


def test_a_session_that_holds_nothing_lets_go_of_nothing():
    state = SafeSessionState(SessionState(), lambda: None)
    state["min-group"] = 5
    let_go(state)
    assert state["min-group"] == 5 and SURVEY_KEY not in state


def test_the_sessions_downloads_and_large_tables_let_go_of_the_survey():
    survey = sample_survey()
    gone = weakref.ref(survey)
    media, tables = MediaFileManager(MemoryMediaFileStorage("/media")), DataframeSourceManager()
    # Outside a script run, Streamlit files both under one session id, the one given below.
    media.add_deferred(partial(scored_workbook, survey), "application/vnd.ms-excel", "download-excel")
    source = InMemoryDataframeSource(pa.Table.from_pandas(survey.scored[["row"]]))
    source_gone = weakref.ref(source)
    tables.register_source(source, "scored-rows")
    del survey, source
    gc.collect()
    assert gone() is not None and source_gone() is not None, "held by the download and the table until then"

    forget_files("dontcare", media, tables)

    gc.collect()
    assert gone() is None and source_gone() is None
    assert tables.get_source_count() == 0


def test_no_widget_callback_of_any_page_keeps_the_survey():
    """Streamlit keeps each widget's callback (and its arguments) with the session's state, saved
    for a reconnection: a callback defined in a page would keep every name of that page's run,
    the survey among them, after the session had let it go."""
    import inspect

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tiwell.survey import ScoredSurvey

    st.cache_data.clear()
    st.cache_resource.clear()
    root = Path(__file__).resolve().parent.parent
    app = AppTest.from_file(str(root / "dashboard.py"), default_timeout=120).run()
    app.button[0].click().run()  # the sample
    for page in sorted((root / "pages").glob("*.py")):
        app.switch_page(f"pages/{page.name}").run()
        assert not app.exception, page.name
        metadata = app._session_state._state._new_widget_state.widget_metadata.values()
        for meta in (m for m in metadata if m.callback is not None):
            held = inspect.getclosurevars(meta.callback)
            reached = [*held.globals.values(), *held.nonlocals.values(), *(meta.callback_args or ()),
                       *(meta.callback_kwargs or {}).values()]
            assert not any(isinstance(value, ScoredSurvey) for value in reached), (page.name, meta.callback)
