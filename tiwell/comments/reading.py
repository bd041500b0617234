"""Every comment in a survey, once: redacted, themed, toned and checked for safety.

:func:`read_comments` reads each comment column of the scored survey and keeps one row per
comment a person wrote (an answer such as 'n/a' or 'none' is not a comment). The text is
redacted first (:mod:`tiwell.comments.redaction`) and everything after reads only the redacted
text, so no name or number can become a theme's label or a quote. The original text is never
kept. Identical comments are read once: surveys hold many short answers said alike.

Reading is most of the work (VADER's tone alone is half) and each distinct comment is read on its
own, so the caller may share the distinct texts out (``share_out``): the dashboard reads them in
worker processes, one share per core, and a 50,000-person survey's comments take half the time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from tiwell.comments.discovered import found_themes
from tiwell.comments.flags import FlagSet
from tiwell.comments.redaction import redact
from tiwell.comments.themes import Theme, ThemeSet
from tiwell.comments.tone import tone_of
from tiwell.survey import ScoredSurvey
from tiwell.text.spelling import normalise

COLUMNS = ["person", "row", "column", "text", "themes", "tone", "flag"]
# Answers that say there is nothing to say: the person did not write a comment.
NOTHING = frozenset({"", "na", "n a", "none", "no", "nope", "nothing", "nil", "no comment", "no comments",
                     "nothing to add", "nothing else", "not applicable", "no thanks", "none thanks", "nothing more"})


@dataclass(frozen=True)
class Comments:
    """One row per comment: ``person`` (the scored table's index), ``row`` (the file's row),
    ``column``, the redacted ``text``, ``themes`` (a tuple of theme ids), ``tone`` and ``flag``
    (a flag id, or None). ``themes`` and ``flags`` are the lexicons read with, found themes
    included."""

    frame: pd.DataFrame
    themes: ThemeSet
    flags: FlagSet

    def __len__(self) -> int:
        return len(self.frame)

    def rename(self, theme_id: str, label: str) -> Comments:
        """The same comments with one theme shown under a new label (a found theme's top words
        replaced by what people call it)."""
        if not label.strip():
            raise ValueError("A theme's new label needs at least one word.")
        theme = self.themes.get(theme_id)
        changed = tuple(replace(theme, label=label.strip()) if t.id == theme_id else t for t in self.themes)
        return replace(self, themes=ThemeSet(changed))

    def merge(self, theme_ids: list[str] | tuple[str, ...], label: str | None = None) -> Comments:
        """The same comments with several themes made one: the first id stays (with ``label``
        when given) and every comment that had any of them has it once."""
        if len(theme_ids) < 2:
            raise ValueError("Merging needs at least two themes.")
        keep, gone = theme_ids[0], set(theme_ids[1:])
        for theme_id in theme_ids:
            self.themes.get(theme_id)
        themes = tuple(t for t in self.themes if t.id not in gone)
        frame = self.frame.assign(themes=[tuple(dict.fromkeys(keep if t in gone else t for t in found))
                                          for found in self.frame["themes"]])
        merged = replace(self, frame=frame, themes=ThemeSet(themes))
        return merged.rename(keep, label) if label else merged


Read = tuple[str, tuple[str, ...], str, "str | None"]  # the redacted text, its themes, its tone, its flag
ShareOut = Callable[[Callable[[Sequence[str]], list[Read]], list[str]], list[Read]]


def read_comments(survey: ScoredSurvey, themes: ThemeSet, flags: FlagSet, *, names: tuple[str, ...] = (),
                  discover: int = 0, share_out: ShareOut | None = None) -> Comments:
    """Every comment in the survey's comment columns, redacted (``names``, and every team's name,
    taken out too), with its themes, tone and safety flag. ``discover > 0`` adds that many
    themes found in the text itself, labelled by their top words. ``share_out(read, texts)``
    returns ``read``'s readings of the distinct texts in their order, however it shares them out
    (``read`` is picklable: it can be sent to another process); without it they are read here."""
    hidden = tuple(names) + tuple(str(team) for team in survey.teams)
    columns = [c for c in survey.mapping.columns_for("comment") if c in survey.scored]
    frame = pd.concat([_written(survey.scored, column) for column in columns] or [_written(survey.scored, None)],
                      ignore_index=True)
    texts = list(dict.fromkeys(frame["original"]))
    reader = partial(read_texts, names=hidden, themes=themes, flags=flags)
    read = dict(zip(texts, share_out(reader, texts) if share_out else reader(texts)))
    parts = [read[text] for text in frame["original"]]
    flag = pd.Series([p[3] for p in parts], index=frame.index, dtype=object)  # None, not NaN, where unflagged
    frame = frame.drop(columns="original").assign(text=[p[0] for p in parts], themes=[p[1] for p in parts],
                                                   tone=[p[2] for p in parts], flag=flag)
    comments = Comments(frame[COLUMNS].reset_index(drop=True), themes, flags)
    return _with_found(comments, discover) if discover > 0 else comments


def _written(scored: pd.DataFrame, column: str | None) -> pd.DataFrame:
    """The comments of one column, one row per person who wrote one, in the table's order (none
    without a column); each distinct answer is checked once for saying there is nothing to say."""
    written = (scored[column].astype("string").str.strip() if column else pd.Series([], dtype="string")).dropna()
    said = [text for text in pd.unique(written) if normalise(text) not in NOTHING]
    written = written[written.isin(said)]
    return pd.DataFrame({"person": written.index, "row": scored.loc[written.index, "row"].to_numpy(),
                         "column": column, "original": written.to_numpy(dtype=object)})


def read_texts(texts: Sequence[str], *, names: tuple[str, ...], themes: ThemeSet, flags: FlagSet) -> list[Read]:
    """Each text redacted (``names`` too), then its themes, tone and flag read from what is left."""
    return [_read(text, names, themes, flags) for text in texts]


def _read(text: str, names: tuple[str, ...], themes: ThemeSet, flags: FlagSet) -> Read:
    shown = redact(text, names)
    return shown, themes.find(shown), tone_of(shown), flags.find(shown)


def _with_found(comments: Comments, count: int) -> Comments:
    """The comments with ``count`` themes found in the unflagged comments' text added."""
    frame = comments.frame
    plain = frame["flag"].isna()
    found, assigned = found_themes(frame.loc[plain, "text"].tolist(), count, set(comments.themes.ids))
    extra = pd.Series([()] * len(frame), index=frame.index, dtype=object)
    extra[plain] = pd.Series(assigned, index=frame.index[plain], dtype=object)
    frame = frame.assign(themes=[own + more for own, more in zip(frame["themes"], extra)])
    themes: tuple[Theme, ...] = comments.themes.themes + found
    return Comments(frame, ThemeSet(themes), comments.flags)

