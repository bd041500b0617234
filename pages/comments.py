"""In their own words: what staff wrote, read into themes tied to the six principles and the areas of
worklife, quotes redacted, strengths first; the comments that may need someone to act, for the
person running tiwell only; and each theme one click from the action log."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell.comments import comment_release, load_flags, load_themes, typed_names
from tiwell.errors import TiwellError
from ui import comments as kept
from ui import state
from ui.filters import filtered_page, need_survey, stop_unless
from ui.safe import inert

MIN_COMMENTS = 10
MOST_FOUND = 8

survey = need_survey()
stop_unless(bool(survey.mapping.columns_for("comment")),
            "This survey has no comment question. A column of free text is found on reading; on the Upload and "
            "score page you can set a column's role to 'comment'.")
release, filters, min_group = filtered_page(survey, "In their own words")
st.write("What people wrote, read into themes: the six trauma-informed principles, the six areas of worklife and "
         "what helps. Strengths come first. Quotes have names, contact details and rare details taken out.")

left, middle, right = st.columns(3)
min_comments = int(left.number_input(
    "Fewest people who wrote something", min_value=min_group, value=max(MIN_COMMENTS, min_group), step=1,
    key="comment-minimum", help="Themes and quotes are shown only where at least this many people wrote a comment; "
                                "never fewer than the smallest group shown."))
discover = int(middle.slider("Themes to find in the text itself", 0, MOST_FOUND, 0, key="comment-discover",
                             help="Words that come up together, labelled by their top words; rename or merge them "
                                  "below."))
names = typed_names(right.text_input("Names to take out (separated by commas)", key="comment-names",
                                     help="The organisation's own names list: people, places, services."))


def own_themes() -> None:
    """The user's themes file: kept when it reads, else one sentence naming the field at fault."""
    with st.expander("Your own themes"):
        st.write("A themes file (TOML) adds themes of your own, or replaces shipped ones by id: each [[theme]] has "
                 "an id, label, kind, principle, description, words and phrases.")
        upload = st.file_uploader("Themes file", type=["toml"], key="comment-themes-file")
        if upload is None:
            if kept.own_themes() is not None:
                kept.keep_own_themes(None)
            return
        text = upload.getvalue().decode("utf-8", errors="replace")
        try:
            themes = load_themes(text)
        except TiwellError as exc:
            st.error(inert(exc))
            return
        if text != kept.own_themes():
            kept.keep_own_themes(text)
        st.success(f"Your themes file is in use: {len(themes)} themes.")


own_themes()
read = kept.comments(survey, names, discover)
view = comment_release(read, survey, min_comments=min_comments, min_group=min_group)
summary = view.summary(filters)
if summary.hidden:
    st.info(f"No themes or quotes for this selection. {inert(summary.hidden)} Choose a wider selection in the "
            "sidebar, or a smaller number of people who wrote something (never below the smallest group shown).")
else:
    st.metric("People who wrote something", count(summary.people))
    st.subheader("Themes, strengths first")
    st.caption("A comment can carry several themes. Tone is the share of a theme's comments read as positive, mixed "
               "or negative, never anyone's own. A link to a score compares the mean of those who mention a theme "
               "with those who do not: an association in this survey, not a cause.")
    for theme in summary.themes.to_dict("records"):
        show_theme(theme)
