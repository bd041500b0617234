"""Staff comments read once per upload, in the background, before any page asks for them.

Reading every comment (redaction, tone, themes and safety flags) takes seconds on a large survey
(50,000 people, 19,000 comments: about ten), too long for the first visit of the comments page
or the presentation. So once an upload is scored, the home page starts the reading in a worker
process (:func:`tiwell.worker.run_limited`, on the server's other core), from a thread, and those
pages take the result, waiting only for what is left of it. The comments are read as they first
read them: with this session's own themes file, no names typed and no themes found in the text.
The result is this session's only, and goes with it (:mod:`ui.held`). This module imports none
of the comments' libraries itself, so the home page does not wait for them.

However they are read, many comments are shared out among worker processes, one share per core
but one (:func:`in_workers`), never in the server's own process, where they would slow every other
session: with four cores, a 50,000-person survey's are read in about a third of the time.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

import streamlit as st

from tiwell.errors import TiwellError
from tiwell.survey import ScoredSurvey
from tiwell.worker import run_limited
from ui.held import AHEAD_KEY

if TYPE_CHECKING:
    from tiwell.comments import Comments

THEMES_KEY = "comment-themes"  # the user's own themes file (TOML text), or None for the seed
_READERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tiwell-comments")
# Worker processes reading comments at once: every core but one, which stays with the pages people open
# meanwhile (with both of two cores reading, a first visit of Overview at 50,000 rows took 5 s instead of 1).
READERS = max(1, (os.cpu_count() or 1) - 1)
_SHARES = ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="tiwell-comment-shares")
SHARE = 2_000  # distinct comments a worker is given at least (about a second's reading): fewer would wait on starting


def own_themes() -> str | None:
    return st.session_state.get(THEMES_KEY)


def read_ahead(survey: ScoredSurvey) -> None:
    """Start reading the survey's comments, unless they are being read already (or it has none)."""
    if not any(c in survey.scored for c in survey.mapping.columns_for("comment")):
        return
    held = st.session_state.get(AHEAD_KEY)
    if held is None or held[0] is not survey or held[1] != own_themes():
        st.session_state[AHEAD_KEY] = (survey, own_themes(), _READERS.submit(_read, survey, own_themes()))


def read_already(survey: ScoredSurvey) -> Comments | None:
    """The comments read ahead for this very survey and themes file, once the reading is done;
    None when there are none, or the reading failed (the page then reads them itself and says why)."""
    held = st.session_state.get(AHEAD_KEY)
    if held is None or held[0] is not survey or held[1] != own_themes():
        return None
    future: Future = held[2]
    try:
        return future.result()
    except TiwellError:
        return None


def _read(survey: ScoredSurvey, themes_text: str | None) -> Comments:
    """In the reader thread: the comments' libraries imported here, the reading in a worker."""
    from tiwell.comments import load_flags, load_themes, read_comments

    return read_comments(survey, load_themes(themes_text), load_flags(), share_out=in_workers)


def in_workers(read: Callable[[Sequence[str]], list], texts: list[str]) -> list:
    """``read(texts)`` in worker processes: many texts split into a share per reader, read at the same
    time (the shares of all sessions together never more than :data:`READERS`), a few in one worker."""
    size = max(SHARE, math.ceil(len(texts) / READERS))
    shares = [texts[start:start + size] for start in range(0, len(texts), size)]
    readings = _SHARES.map(lambda share: run_limited(read, share, what="The comments", doing="read"), shares)
    return [reading for share in readings for reading in share]
