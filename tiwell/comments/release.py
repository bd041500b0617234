"""The one audited release of what staff wrote: counts protected as the scores are, then quotes.

Two counts are released for every combination of wave, team and grouping (each fixed or left
open, the same dimensions as the score release): the people who wrote a comment, and for each
theme the people who mention it. Each count is one family protected by
:func:`tiwell.privacy.disclosure.protect` with the comment minimum (10 by default, never below the
score minimum), so a hidden group can no more be worked out by subtraction here than in the
scores. A selection is shown only where its count of people who wrote is released; a theme's
number only where its own count is.

Flagged comments (:mod:`tiwell.comments.flags`) are left out of every count, share, quote and
link: they are listed by :meth:`CommentRelease.flagged`, for the person running tiwell alone.
Tone shares and quotes are read from a shown theme's comments; the quotes are the comments
themselves (redacted), so their tones tell nothing the quotes do not. Identical quotes are merged
with their count, and a quote naming a team or grouping too small to be shown is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from tiwell.comments.links import LINK_COLUMNS, theme_links
from tiwell.comments.reading import Comments
from tiwell.comments.redaction import names_any
from tiwell.comments.tone import TONES
from tiwell.privacy.disclosure import ALL, protect
from tiwell.privacy.minimum import check_min_group, select_rows
from tiwell.privacy.disclosure import family
from tiwell.privacy.release import _codes, _dimensions, _offered  # the score release's own cells
from tiwell.survey import ScoredSurvey

DEFAULT_MIN_COMMENTS = 10
QUOTES = 5           # quotes per theme, most often written first
WROTE = ""           # the count of people who wrote anything, beside the themes' ids
THEME_COLUMNS = ["theme", "label", "kind", "principle", "description", "people", "share", "fewer", *TONES,
                 "quotes"]
KIND_ORDER = {"strength": 0}


@dataclass(frozen=True)
class CommentSummary:
    """What a selection may show: ``writers`` (people who wrote something); ``themes``, one row
    per theme (strengths first, then by how many mention it): people (NaN and ``fewer`` when
    hidden), share of writers, the share of its comments of each tone, and ``quotes`` as
    (redacted text, how many wrote it); ``links``, each theme against each score
    (:mod:`tiwell.comments.links`). When ``shown`` is false, ``reason`` says why in one sentence."""

    shown: bool
    reason: str = ""
    writers: float = float("nan")
    themes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=THEME_COLUMNS))
    links: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LINK_COLUMNS))


@dataclass(frozen=True)
class CommentRelease:
    """Every comment count a view may show. ``cells`` holds the dimensions as codes (``ALL``
    for open), ``theme`` (``WROTE`` for people who wrote), ``count`` and ``shown``; a cell
    nobody is in is left out, and is shown as 0."""

    comments: Comments
    survey: ScoredSurvey
    dims: tuple[str, ...]
    values: dict[str, tuple]
    cells: pd.DataFrame
    min_comments: int
    notes: tuple[str, ...] = ()

    def count(self, theme: str, filters: dict | None = None) -> float:
        """The released count for one theme (``WROTE``: people who wrote) in a selection; NaN
        when it may not be shown. A filter the release does not cover raises KeyError."""
        codes = self._codes(filters or {})
        return self._lookup.get((theme, *codes), np.nan if self._hidden(theme, codes) else 0.0)

    def summary(self, filters: dict | None = None) -> CommentSummary:
        """The selection's comments as a page, the presentation or an export may show them."""
        filters = {d: v for d, v in (filters or {}).items() if v is not None}
        writers = self.count(WROTE, filters)
        if np.isnan(writers) or writers == 0:
            return CommentSummary(False, self._why_hidden(filters) if writers != 0 else "Nobody here wrote a comment.")
        rows = select_rows(self.survey.scored, filters)
        mine = self._plain[self._plain["person"].isin(rows.index)]
        rare = self._small_groups()
        themes = pd.DataFrame([self._theme_row(theme, mine, filters, writers, rare) for theme in self.comments.themes],
                              columns=THEME_COLUMNS)
        themes = themes.assign(_order=themes["kind"].map(KIND_ORDER).fillna(1), _people=themes["people"].fillna(0.5))
        themes = themes.sort_values(["_order", "_people"], ascending=[True, False], kind="stable")
        themes = themes.drop(columns=["_order", "_people"]).reset_index(drop=True)
        shown = themes.loc[themes["people"] > 0, "theme"]
        mentions = {t: set(mine.loc[mine["themes"].map(lambda found, t=t: t in found), "person"]) for t in shown}
        labels = dict(zip(themes["theme"], themes["label"]))
        links = theme_links(rows, mentions, labels, self.survey.subscales, self.min_comments)
        return CommentSummary(True, "", writers, themes, links)

    def flagged(self) -> pd.DataFrame:
        """The comments that may need someone to act, for the person running tiwell only: row,
        column, flag, label and the redacted text. Never part of any summary or presentation."""
        frame = self.comments.frame
        out = frame.loc[frame["flag"].notna(), ["row", "column", "flag", "text"]]
        labels = {f.id: f.label for f in self.comments.flags}
        return out.assign(label=out["flag"].map(labels))[["row", "column", "flag", "label", "text"]].reset_index(
            drop=True)

    def theme_shares(self, by: str = "wave", filters: dict | None = None) -> pd.DataFrame:
        """Each theme's share of the people who wrote, for each value of ``by`` (each wave, for
        whether a theme moved after an action): ``by``, theme, label, people, writers, share (NaN
        where hidden)."""
        rows = []
        for value in self.values.get(by, ()):
            chosen = {**(filters or {}), by: value}
            writers = self.count(WROTE, chosen)
            for theme in self.comments.themes:
                people = self.count(theme.id, chosen) if not np.isnan(writers) else np.nan
                rows.append({by: value, "theme": theme.id, "label": theme.label, "people": people,
                             "writers": writers, "share": people / writers if writers else np.nan})
        return pd.DataFrame(rows, columns=[by, "theme", "label", "people", "writers", "share"])

    @property
    def _plain(self) -> pd.DataFrame:
        frame = self.comments.frame
        return frame[frame["flag"].isna()]

    @cached_property
    def _lookup(self) -> dict[tuple, float]:
        shown = self.cells[self.cells["shown"]]
        keys = zip(shown["theme"], *(shown[d] for d in self.dims))
        return dict(zip(keys, shown["count"].astype(float)))

    @cached_property
    def _hidden_cells(self) -> set[tuple]:
        hidden = self.cells[~self.cells["shown"]]
        return set(zip(hidden["theme"], *(hidden[d] for d in self.dims)))

    def _hidden(self, theme: str, codes: tuple[int, ...]) -> bool:
        """A cell absent from the release has nobody in it (0 is shown); a present one may be hidden."""
        return (theme, *codes) in self._hidden_cells

    def _codes(self, filters: dict) -> tuple[int, ...]:
        unknown = sorted(d for d, v in filters.items() if v is not None and d not in self.dims)
        if unknown:
            raise KeyError(f"The comment release does not cover filters on {unknown}.")
        return tuple(ALL if filters.get(d) is None else self.values[d].index(filters[d]) for d in self.dims)

    def _small_groups(self) -> tuple[str, ...]:
        """The teams and groupings (a role, a site) too small to be shown on their own: a quote
        naming one would point to its writer however large the group it is shown for. Waves
        are no such detail."""
        return tuple(str(value) for dim in self.dims if dim != "wave" for value in self.values[dim]
                     if np.isnan(self.count(WROTE, {dim: value})))

    def _theme_row(self, theme, mine: pd.DataFrame, filters: dict, writers: float, rare: tuple[str, ...]) -> dict:
        people = self.count(theme.id, filters)
        written = mine[mine["themes"].map(lambda found: theme.id in found)] if people > 0 else mine.iloc[:0]
        tones = written["tone"].value_counts(normalize=True)
        quotes = [(text, n) for text, n in written["text"].value_counts().items() if not names_any(text, rare)]
        quotes = sorted(quotes, key=lambda pair: (-pair[1], len(pair[0]), pair[0]))[:QUOTES]
        return {"theme": theme.id, "label": theme.label, "kind": theme.kind, "principle": theme.principle,
                "description": theme.description, "people": people, "share": people / writers,
                "fewer": bool(np.isnan(people)), **{t: float(tones.get(t, 0.0)) if len(written) else np.nan
                                                     for t in TONES},
                "quotes": tuple((text, int(n)) for text, n in quotes)}

    def _why_hidden(self, filters: dict) -> str:
        chosen = " and ".join(f"{d} '{v}'" for d, v in filters.items())
        where = f"in {chosen}" if chosen else "in the whole survey"
        return (f"Fewer than {self.min_comments} people {where} wrote a comment, or showing them would let a smaller "
                "group be worked out by subtraction, so no comments are shown: with so few, a comment could point "
                "to the person who wrote it.")


def _mentions(comments: Comments, frame: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """One row per person who wrote (theme code 0) and per theme each mentions (its code in
    ``ids``), with the person's dimension codes: every family's atoms in one table."""
    plain = comments.frame[comments.frame["flag"].isna()]
    code = {theme: k for k, theme in enumerate(ids)}
    pairs = {(person, 0) for person in plain["person"]}
    pairs |= {(person, code[t]) for person, found in zip(plain["person"], plain["themes"]) for t in found}
    people, themes = zip(*sorted(pairs)) if pairs else ((), ())
    return frame.loc[list(people)].assign(theme=list(themes), count=1)


def comment_release(comments: Comments, survey: ScoredSurvey, *, min_comments: int = DEFAULT_MIN_COMMENTS,
                    min_group: int) -> CommentRelease:
    """The release of ``comments`` over the survey's wave, team and grouping columns. The comment
    minimum is raised to the score minimum when set below it."""
    minimum = max(check_min_group(min_comments), check_min_group(min_group))
    scored = survey.scored
    dims, values, notes = _dimensions(scored, list(survey.filter_columns))
    frame = pd.DataFrame({d: _codes(scored[d], values[d]) for d in dims}, index=scored.index)
    missing = {d: len(values[d]) for d in dims}
    ids = [WROTE, *comments.themes.ids]
    cells = family(_mentions(comments, frame, ids), list(dims), ["theme"])
    cells = cells[(cells["theme"] != ALL) & _offered(cells, missing)].assign(offered=True)
    parts = [part.assign(shown=protect(part, list(dims), minimum, strict_lines=True)) for _, part in cells.groupby("theme", sort=False)]
    cells = pd.concat(parts, ignore_index=True) if parts else cells.assign(shown=True)
    cells = cells.assign(theme=[ids[k] for k in cells["theme"]])[[*dims, "theme", "count", "shown"]]
    return CommentRelease(comments, survey, tuple(dims), values, cells, minimum, tuple(notes))
