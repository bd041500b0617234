"""In their own words: what staff wrote, read into themes tied to the six principles and the areas of
worklife, quotes redacted, strengths first; the comments that may need someone to act, for the
person running tiwell only; and each theme one click from the action log."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

import streamlit as st

from tiwell.analysis import theme_moved
from tiwell.comments import DEFAULT_MIN_COMMENTS, FOUND, load_flags, load_themes, typed_names
from tiwell.errors import TiwellError
from tiwell.text import count, share_text
from tiwell.theme import PRINCIPLES
from ui import comments as kept
from ui import state
from ui.filters import filtered_page, need_survey, stop_unless
from ui.safe import inert

MOST_FOUND = 8
LISTED_ONE_BY_ONE = 50  # flagged comments written out as lines; more are shown as one table

survey = need_survey()
stop_unless(bool(survey.mapping.columns_for("comment")),
            "This survey has no comment question. A column of free text is found on reading; on the Upload and "
            "score page you can set a column's role to 'comment'.")
release, filters, min_group = filtered_page(survey, "In their own words")
st.write("What people wrote, read into themes: the six trauma-informed principles, the six areas of worklife and "
         "what helps. Strengths come first. Quotes have names, contact details and rare details taken out.")

left, middle, right = st.columns(3)
min_comments = int(left.number_input(
    "Fewest people who wrote something", min_value=min_group, value=max(DEFAULT_MIN_COMMENTS, min_group), step=1,
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
stop_unless(len(read) > 0, "No one wrote a comment in this survey (answers such as 'none' or 'n/a' are not counted).")
view = kept.release(survey, names, discover, min_comments, min_group)
summary = kept.summary(survey, names, discover, min_comments, min_group, filters)


def show_theme(theme: dict) -> None:
    """A theme's people, share, principle, tone, links to scores and quotes, and its action button.
    A theme found in the text serves no principle until one is chosen here."""
    with st.container(border=True):
        head, button = st.columns([4, 1])
        principle_key = f"principle-{theme['theme']}"
        served = f" · {inert(PRINCIPLES[theme['principle']])}" if theme["principle"] else ""
        how_many = (f"fewer than {min_comments} people" if theme["fewer"] else
                    f"{share_text(theme['share'])} of those who wrote something ({count(theme['people'])} people)")
        head.markdown(f"**{inert(theme['label'])}** · {how_many}{served}")
        if not theme["principle"]:
            head.selectbox("Principle an action on it would serve", list(PRINCIPLES), key=principle_key,
                           format_func=PRINCIPLES.get)
        button.button("Make this an action", key=f"act-{theme['theme']}", on_click=kept.act_on_theme,
                      args=(theme, principle_key, tuple(survey.teams)), help="Adds it to the action log with its principle; give it an "
                                                        "owner and teams on the Actions and their effect page.")
        if theme["fewer"]:
            st.caption("Too few people mention it here to show its tone or quotes.")
            return
        st.caption(f"Tone of its comments: {share_text(theme['positive'])} positive, {share_text(theme['mixed'])} "
                   f"mixed, {share_text(theme['negative'])} negative.")
        lines = summary.links.loc[summary.links["theme"] == theme["theme"], "sentence"]
        if len(lines):
            st.markdown("\n".join(f"- {inert(line)}" for line in lines))
        for text, n in theme["quotes"]:
            st.markdown(f"> {inert(text)}" + (f" ({n} people)" if n > 1 else ""))


def found_themes() -> None:
    """Themes found in the text, labelled by their top words: rename one, or merge several."""
    found = {t.id: t.label for t in read.themes if t.kind == FOUND}
    if not found:
        return
    st.subheader("Themes found in the text")
    st.caption("Each is labelled by the words that mark it. Give it a better name, or merge themes that are one.")
    with st.form("rename-theme"):
        left, right = st.columns(2)
        theme = left.selectbox("Theme", list(found), format_func=found.get)
        label = right.text_input("New name")
        if st.form_submit_button("Rename") and label.strip():
            kept.add_edit(("rename", theme, label.strip()))
            st.rerun()
    with st.form("merge-themes"):
        left, right = st.columns(2)
        chosen = left.multiselect("Themes to merge", list(found), format_func=found.get)
        label = right.text_input("Name of the merged theme")
        if st.form_submit_button("Merge") and len(chosen) > 1 and label.strip():
            kept.add_edit(("merge", tuple(chosen), label.strip()))
            st.rerun()


def the_loop() -> None:
    """For each theme that became an action: its share by wave, and whether it moved after the action."""
    acted = {a.theme: a for a in state.workspace().actions if a.theme}
    shares = view.theme_shares(by="wave")
    shares = shares[shares["theme"].isin(list(acted))]
    if shares.empty:
        return
    st.subheader("Since the actions")
    st.caption("The share of people who wrote something that mention each theme an action answers, by wave. "
               "A blank is a wave with too few people who wrote something to show.")
    for theme, rows in shares.groupby("theme", sort=False):
        st.markdown(f"- {inert(theme_moved(rows, acted[theme]))}")
    table = shares.pivot(index="label", columns="wave", values="share") * 100
    st.dataframe(table, width="stretch",
                 column_config={"label": "Theme"} | {w: st.column_config.NumberColumn(w, format="%.0f%%")
                                                     for w in table.columns})


def flagged() -> None:
    """Comments the safety lexicon flags: for the person running tiwell, never a presentation."""
    listed = view.flagged()
    st.subheader("Comments that may need someone to act")
    st.caption("Only here, for you as the person running tiwell. These are never in the presentation, the deck, the "
               "report or the workbook, and never counted in a team view.")
    if not len(listed):
        st.write("No comment was flagged.")
        return
    st.info(inert(load_flags().note))
    contact = st.text_input("Who to contact in your organisation", key=kept.CONTACT_KEY,
                            placeholder="For example: the safeguarding lead, extension and email")
    if contact.strip():
        st.write(f"Contact: {inert(contact)}")
    if len(listed) > LISTED_ONE_BY_ONE:  # a thousand lines of text took the browser seconds to draw, on every visit
        st.caption(f"{count(len(listed))} comments were flagged: sort or search them in the table.")
        st.dataframe(listed[["label", "text", "row"]], hide_index=True, width="stretch",
                     column_config={"label": "Flag", "text": st.column_config.TextColumn("Comment", width="large"),
                                    "row": st.column_config.NumberColumn("Row in the file", format="%d")})
        return
    for item in listed.to_dict("records"):
        st.markdown(f"**{inert(item['label'])}**: {inert(item['text'])}")


if not summary.shown:
    st.info(f"No themes or quotes for this selection. {inert(summary.reason)} Choose a wider selection in the "
            "sidebar, or, if it is not already, lower the number of people who wrote something (never below the "
            "smallest group shown).")
else:
    st.metric("People who wrote something", count(summary.writers))
    made = st.session_state.pop(kept.MADE_KEY, None)
    if made:
        st.success(f"'{inert(made)}' is in the action log. Give it an owner and the teams it touches on the "
                   "Actions and their effect page.")
    st.subheader("Themes, strengths first")
    st.caption("A comment can carry several themes. Tone is the share of a theme's comments read as positive, mixed "
               "or negative, never anyone's own. Each score compares those who mention a theme with those who do "
               "not: an association in this survey, not a cause.")
    themes = summary.themes
    for theme in themes[themes["fewer"] | (themes["people"] > 0)].to_dict("records"):
        show_theme(theme)
    unmentioned = themes.loc[themes["people"] == 0, "label"]
    if len(unmentioned):
        st.caption("Not mentioned here: " + "; ".join(inert(label) for label in unmentioned) + ".")
found_themes()
the_loop()
flagged()
