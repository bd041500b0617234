"""Comments read once per upload, in the background: the pages take that reading, and it is the
one the page would have made; a long list of flagged comments is one table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from tiwell.comments import comment_release, load_flags, load_themes, read_comments
from ui.comments import MEMO_KEY
from ui.reading_ahead import AHEAD_KEY
from ui.state import SURVEY_KEY

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def test_the_upload_starts_the_reading_and_the_comments_page_takes_it():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.button[0].click().run()  # the sample
    survey, themes_text, future = app.session_state[AHEAD_KEY]
    assert survey is app.session_state[SURVEY_KEY] and themes_text is None
    ahead = future.result(timeout=120)
    here = read_comments(survey, load_themes(), load_flags())
    pd.testing.assert_frame_equal(ahead.frame, here.frame)
    assert len(ahead) > 100
    app.switch_page("pages/comments.py").run()
    assert not app.exception
    kept = [result for key, (_, result) in app.session_state[MEMO_KEY].items() if key[0] == "read"]
    assert kept == [ahead] and kept[0] is not here, "the page used the reading made ahead, not one of its own"


def test_more_than_fifty_flagged_comments_are_one_table():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.button[0].click().run()
    survey = app.session_state[SURVEY_KEY]
    comment = survey.mapping.columns_for("comment")[0]
    scored = survey.scored.copy()
    scored.loc[scored.index[:60], comment] = [f"I have been bullied by a manager, week {k}" for k in range(60)]
    app.session_state[SURVEY_KEY] = dataclasses.replace(survey, scored=scored)
    app.switch_page("pages/comments.py").run()
    assert not app.exception
    tables = [t.value for t in app.dataframe if list(t.value.columns) == ["label", "text", "row"]]
    assert len(tables) == 1
    planted = tables[0][tables[0]["text"].str.startswith("I have been bullied by a manager, week")]
    assert len(planted) == 60 and planted["label"].eq("Bullying").all()
    assert sorted(planted["row"]) == sorted(scored["row"].iloc[:60])
    assert not any(m.value.startswith("**Bullying**:") for m in app.markdown), "not also written out line by line"


def test_comments_shared_out_among_workers_are_read_as_at_once(monkeypatch):
    """The sample's comments, shared out one share per worker process (smaller shares, four readers on
    any machine): the same rows in the same order as read in one go."""
    from tiwell.pipeline import score_file
    from ui import reading_ahead
    from ui.state import SAMPLE

    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    monkeypatch.setattr(reading_ahead, "SHARE", 10)
    monkeypatch.setattr(reading_ahead, "READERS", 4)
    shares = []
    real = reading_ahead.run_limited
    monkeypatch.setattr(reading_ahead, "run_limited", lambda read, share, **kw: shares.append(len(share)) or
                        real(read, share, **kw))
    themes, flags = load_themes(), load_flags()
    shared = read_comments(survey, themes, flags, names=("Priya",), share_out=reading_ahead.in_workers)
    alone = read_comments(survey, themes, flags, names=("Priya",))
    assert len(shares) == 4 and max(shares) - min(shares) <= 3, shares
    pd.testing.assert_frame_equal(shared.frame, alone.frame)


def test_a_selections_comment_summary_is_made_once_and_the_reading_stays(monkeypatch):
    """Reruns of In their own words take the selection's summary made before; many other
    selections later (more than are kept), the release every run asks for is still the one made first."""
    from tiwell.comments import CommentRelease
    from ui import comments

    st.cache_data.clear()
    st.cache_resource.clear()
    made = []
    real = CommentRelease.summary
    monkeypatch.setattr(CommentRelease, "summary", lambda self, filters=None: made.append(filters) or real(self, filters))
    released = []
    monkeypatch.setattr(comments, "comment_release", lambda *a, **k: released.append(1) or comment_release(*a, **k))
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.button[0].click().run()
    app.switch_page("pages/comments.py").run()
    app.run()
    assert not app.exception and len(made) == 1
    reading = next(result for key, (_, result) in app.session_state[MEMO_KEY].items() if key[0] == "read")
    team = app.selectbox(key="filter-team")
    for option in team.options[1:]:
        team.select(option).run()
        team = app.selectbox(key="filter-team")
    assert not app.exception and len(made) == len(team.options) > comments.MEMO_SIZE
    assert next(result for key, (_, result) in app.session_state[MEMO_KEY].items() if key[0] == "read") is reading
    assert len(released) == 1
