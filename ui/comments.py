"""What the comments page keeps between reruns: the user's own themes file, the renames and merges
of themes found in the text, and the comments and their release read with them.

Reading comments (redaction, tone, themes found with TF-IDF and NMF) and releasing their counts
take seconds on a large survey, so results are kept in this session only, keyed on everything
they were made with: no other session can reach them, and they go with the session. The first
reading, as the upload's comments are first shown, is started on upload (:mod:`ui.reading_ahead`).
"""

from __future__ import annotations

from datetime import date
from typing import Callable

import streamlit as st

from tiwell.comments import (CommentRelease, Comments, CommentSummary, comment_release, load_flags, load_themes,
                             read_comments)
from tiwell.actions import check_log, theme_action
from tiwell.survey import ScoredSurvey
from ui import state
from ui.held import MEMO_KEY  # {what it was made with: (the survey, the result)}, let go with the session
from ui.reading_ahead import THEMES_KEY, in_workers, own_themes, read_already

MADE_KEY = "comment-action-made"  # the label of the theme just made an action, said once on the next run
EDITS_KEY = "comment-edits"        # renames and merges of themes found in the text, in the order made
CONTACT_KEY = "comment-contact"
MEMO_SIZE = 8  # the readings, releases and summaries of the last few choices


def keep_own_themes(text: str | None) -> None:
    """Keep (or with None, drop) the user's themes file; renames and merges start again."""
    st.session_state[THEMES_KEY] = text
    st.session_state[EDITS_KEY] = ()


def edits() -> tuple[tuple, ...]:
    """('rename', theme, label) and ('merge', (themes...), label), applied in order."""
    return st.session_state.setdefault(EDITS_KEY, ())


def add_edit(edit: tuple) -> None:
    st.session_state[EDITS_KEY] = (*edits(), edit)


def act_on_theme(theme: dict, principle_key: str, teams: tuple[str, ...]) -> None:
    """A theme's button callback (kept out of the page: see :mod:`ui.choices`): the theme as an
    action in the log, dated today, for the whole organisation, owner to agree."""
    principle = theme["principle"] or st.session_state[principle_key]
    action = theme_action(theme["theme"], theme["label"], principle, date.today())
    log = state.workspace().actions
    if action.id not in {a.id for a in log}:
        state.update_workspace(actions=check_log([*log, action], list(teams)))
    st.session_state[MADE_KEY] = theme["label"]


def comments(survey: ScoredSurvey, names: tuple[str, ...], discover: int) -> Comments:
    """The survey's comments read with this session's themes, ``names`` and number of themes to
    find, with this session's renames and merges laid over them."""
    def read() -> Comments:
        found = read_already(survey) if not names and not discover else None  # as the upload read them
        if found is None:
            found = read_comments(survey, load_themes(own_themes()), load_flags(), names=names, discover=discover,
                                  share_out=in_workers)
        for kind, themes, label in edits():
            found = found.rename(themes, label) if kind == "rename" else found.merge(themes, label)
        return found
    return _kept(survey, ("read", own_themes(), names, discover, edits()), read)


def release(survey: ScoredSurvey, names: tuple[str, ...], discover: int, min_comments: int,
            min_group: int) -> CommentRelease:
    """The comment release for these comments and minimums (tiwell.comments.comment_release)."""
    return _kept(survey, ("release", own_themes(), names, discover, edits(), min_comments, min_group),
                 lambda: comment_release(comments(survey, names, discover), survey, min_comments=min_comments,
                                         min_group=min_group))


def summary(survey: ScoredSurvey, names: tuple[str, ...], discover: int, min_comments: int, min_group: int,
            filters: dict) -> CommentSummary:
    """The release's summary of one selection (its themes, shares and links to the scores): a
    few tenths of a second on the sample, made once per selection rather than on every rerun."""
    return _kept(survey, ("summary", own_themes(), names, discover, edits(), min_comments, min_group,
                          tuple(sorted(filters.items(), key=str))),
                 lambda: release(survey, names, discover, min_comments, min_group).summary(filters))


def _kept(survey: ScoredSurvey, key: tuple, make: Callable):
    """``make()``, or what it gave before for this survey (the very object: compared by identity,
    as an id could be reused) and key; past a few, the results least recently asked for go (the
    reading and release every page run asks for stay)."""
    memo = st.session_state.setdefault(MEMO_KEY, {})
    found = memo.pop(key, None)
    if found is None or found[0] is not survey:
        with st.spinner("Reading the comments…"):
            found = (survey, make())
    memo[key] = found
    while len(memo) > MEMO_SIZE:
        memo.pop(next(iter(memo)))
    return found[1]
