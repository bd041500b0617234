"""What the comments page keeps between reruns: the user's own themes file, the names they typed,
the renames and merges of themes found in the text, and the comments read with them.

Reading comments (redaction, tone, themes found with TF-IDF and NMF) takes seconds on a large
survey, so the result is kept in this session only, keyed on everything it was read with: no
other session can reach it, and it goes with the session.
"""

from __future__ import annotations

import streamlit as st

from tiwell.comments import Comments, load_flags, load_themes, read_comments
from tiwell.survey import ScoredSurvey

THEMES_KEY = "comment-themes"      # the user's own themes file (TOML text), or None for the seed
EDITS_KEY = "comment-edits"        # renames and merges of themes found in the text, in the order made
READ_KEY = "comment-read"          # (the survey, what it was read with, the comments)
CONTACT_KEY = "comment-contact"


def own_themes() -> str | None:
    return st.session_state.get(THEMES_KEY)


def keep_own_themes(text: str | None) -> None:
    """Keep (or with None, drop) the user's themes file; themes found in the text are found again."""
    st.session_state[THEMES_KEY] = text
    st.session_state[EDITS_KEY] = []


def edits() -> list[tuple]:
    """('rename', theme, label) and ('merge', (themes...), label), applied in order."""
    return st.session_state.setdefault(EDITS_KEY, [])


def add_edit(edit: tuple) -> None:
    st.session_state[EDITS_KEY] = [*edits(), edit]


def comments(survey: ScoredSurvey, names: tuple[str, ...], discover: int) -> Comments:
    """The survey's comments read with this session's themes, names and number of themes to find,
    renames and merges laid over them; read again only when one of those changes."""
    key = (own_themes(), names, discover)
    kept = st.session_state.get(READ_KEY)  # holds the survey itself: compared by identity, never by a reused id
    if kept is None or kept[0] is not survey or kept[1] != key:
        with st.spinner("Reading the comments…"):
            read = read_comments(survey, load_themes(own_themes()), load_flags(), names=names, discover=discover)
        kept = (survey, key, read)
        st.session_state[READ_KEY] = kept
    read = kept[2]
    for kind, themes, label in edits():
        read = read.rename(themes, label) if kind == "rename" else read.merge(themes, label)
    return read
