"""The one scored survey a session holds, read and kept with Streamlit alone (no pandas, no core),
so the home page's first visit can say that nothing is held yet before anything heavy is imported.
ui.state gives the same functions to every page.

What a session holds goes when its browser goes. Streamlit keeps a closed tab's session in case the
tab reconnects, and ends it only when another session next touches the store of kept sessions:
until then its session state, its download buttons' files (made from the survey when clicked) and
its large tables (sent to the browser as it scrolls) kept a 50,000-row survey and all made from it
(286 MiB, every byte still held once the tab had closed). A session-scoped resource, though, is
released the moment the browser disconnects. So the first run that holds a survey makes one for its
session, and its release drops the survey and the comments read from it from the session's state
(a reading not yet started never starts) and the session's downloads and tables, as Streamlit itself
does when it ends a session; once nothing refers to the survey, :mod:`ui.memory` gives the memory
back. Only the uploaded files stay, so that a tab reconnecting after a network blip has its upload
still in the box: the home page reads it again on the next click, and every other page says there is
no survey yet and points to the home page (a download clicked on the page left on screen gives no file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
    from streamlit.runtime.media_file_manager import MediaFileManager

    from tiwell.survey import ScoredSurvey

SURVEY_KEY = "survey"
AHEAD_KEY = "comment-ahead"  # the comments read ahead (ui.reading_ahead): (the survey, the themes file, the future)
MEMO_KEY = "comment-memo"    # what the comments page made (ui.comments): {what it was made with: (the survey, the result)}


def current_survey() -> ScoredSurvey | None:
    return st.session_state.get(SURVEY_KEY)


def keep_survey(survey: ScoredSurvey | None) -> None:
    if survey is not None:
        let_go_when_the_session_ends()
    st.session_state[SURVEY_KEY] = survey


def let_go_when_the_session_ends() -> None:
    """Make sure what this session holds is dropped when its browser disconnects. Only a running app
    has sessions that end: a script or a test running the pages without a server keeps it all."""
    if runtime.exists():
        _this_session()


def let_go(state: MutableMapping) -> None:
    """Drop the survey and the comments read from it (ahead, or by the comments page) from a session's
    ``state``, cancelling a reading still queued."""
    ahead = state[AHEAD_KEY] if AHEAD_KEY in state else None
    if ahead is not None:
        ahead[2].cancel()
    for key in (SURVEY_KEY, AHEAD_KEY, MEMO_KEY):
        if key in state:
            del state[key]


@dataclass(frozen=True)
class Session:
    """A session as its end is seen, on the server's own thread, outside any script run: its id and
    its state itself (``st.session_state`` finds the state of the script run it is called from)."""

    id: str
    state: MutableMapping


def forget_files(session_id: str, media: MediaFileManager, tables: DataframeSourceManager) -> None:
    """Forget the session's download buttons (each holds what makes its file when clicked: the
    survey) and its large tables (kept whole for the browser to scroll through), as Streamlit's
    own end of a session does; the uploaded files stay, for a reconnection."""
    media.clear_session_refs(session_id)
    media.remove_orphaned_files()
    tables.clear_all_for_session(session_id)


def _ended(session: Session) -> None:
    let_go(session.state)
    server = runtime.get_instance()
    forget_files(session.id, server.media_file_mgr, server.dataframe_source_mgr)


@st.cache_resource(scope="session", on_release=_ended, show_spinner=False)
def _this_session() -> Session:
    """Made once per session; no time to live, so it is released with the session's end, never in its middle."""
    context = get_script_run_ctx()
    return Session(context.session_id, context.session_state)
