"""The story's comment slides: what people wrote, as themes with their shares and a few redacted
quotes each, all from the one comment release (tiwell.comments), strengths first.

A comment the safety lexicon flags is for the person running tiwell, never for a room: the release
keeps flagged comments out of every quote, and any quote that is a flagged comment's text is
dropped here as well, so no change elsewhere can bring one onto a slide. Other teams' names are
taken out of quotes (the team's own too, as it may be shown under a neutral label), so no team is
singled out in front of the room, nor a hidden one named.
"""

from __future__ import annotations

import pandas as pd

from tiwell.comments import (DEFAULT_MIN_COMMENTS, TONES, CommentRelease, comment_release, load_flags, load_themes,
                             read_comments)
from tiwell.present.slides import MIN_GROUP, Slide, chunks
from tiwell.survey import ScoredSurvey
from tiwell.text.numbers import count, share_text
from tiwell.theme import PRINCIPLES

MIN_COMMENTS = DEFAULT_MIN_COMMENTS
THEMES_SHOWN = 6
QUOTES_PER_THEME = 2
QUOTES_PER_SLIDE = 6
QUOTE_SLIDES = 3
TITLE = "In our own words"
NOTE = ("Names of people and teams, email addresses, phone numbers and rare details have been taken out. "
        "A comment can carry several themes.")


def story_comments(survey: ScoredSurvey, names: tuple[str, ...] = (), themes_text: str | None = None
                   ) -> CommentRelease:
    """The comment release a story draws on: every team's name and ``names`` taken out of the
    text, the smallest group fixed as the story's, the comment minimum never below it."""
    comments = read_comments(survey, load_themes(themes_text), load_flags(), names=names)
    return comment_release(comments, survey, min_comments=max(MIN_COMMENTS, MIN_GROUP), min_group=MIN_GROUP)


def comment_slides(release: CommentRelease, filters: dict) -> tuple[list[Slide], pd.DataFrame]:
    """The themes slide and up to a few slides of quotes for the selection ``filters``, or one
    slide saying why none are shown (without naming the selection: its label may be neutral);
    and the themes shown, as a table for the workbook."""
    if not len(release.comments):
        return [Slide("comments", TITLE, ("No one wrote a comment this time.",))], pd.DataFrame()
    summary = release.summary(filters)
    if not summary.shown:
        return [Slide("comments", TITLE, (f"Fewer than {release.min_comments} people here wrote a comment, or showing "
                                          "theirs would let a smaller group be worked out, so none are shown: with so "
                                          "few, a comment could point to the person who wrote it.",))], pd.DataFrame()
    themes = summary.themes[summary.themes["people"] > 0].head(THEMES_SHOWN)
    writers = count(_to_five(summary.writers))
    points = (f"About {writers} people wrote something. What they wrote about most:",
              *(f"{label}: {share_text(share)} of them" for label, share in zip(themes["label"], themes["share"]))
              ) if len(themes) else (f"About {writers} people wrote something. Too few of them mention any one "
                                     "theme to show it here without pointing to who wrote what.",)
    quotes = _quotes(themes, _flagged_texts(release.flagged()))
    views = chunks(quotes, QUOTES_PER_SLIDE)[:QUOTE_SLIDES]
    return [Slide("comments", TITLE, points, note=NOTE),
            *(Slide("comments", TITLE, tuple(view), note=NOTE) for view in views)], _table(themes)


def _to_five(people: float) -> float:
    """Counts in a shared output go to the nearest 5, as the story's other counts do."""
    return round(people / 5) * 5


def _table(themes: pd.DataFrame) -> pd.DataFrame:
    """The themes a slide names: label, kind, the principle an action would serve, people (to
    the nearest 5), share of those who wrote, and the share of each tone."""
    return themes.assign(people=themes["people"].map(_to_five), principle=themes["principle"].map(PRINCIPLES))[
        ["label", "kind", "principle", "people", "share", *TONES]].reset_index(drop=True)


def _quotes(themes: pd.DataFrame, flagged: set[str]) -> list[str]:
    """A few quotes per theme, each once, merged with how many people wrote it; never a flagged one."""
    seen, out = set(flagged), []
    for label, quotes in zip(themes["label"], themes["quotes"]):
        mine = [(text, n) for text, n in quotes if text not in seen][:QUOTES_PER_THEME]
        seen.update(text for text, _ in mine)
        out += [f"{label}: \u201c{text}\u201d" + (f" ({n} people)" if n > 1 else "") for text, n in mine]
    return out


def _flagged_texts(flagged: pd.DataFrame) -> set[str]:
    return set(flagged["text"]) if len(flagged) else set()
