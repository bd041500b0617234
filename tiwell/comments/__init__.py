"""Stage 4b, what staff wrote: comments read, themed, flagged for safety and redacted before any is shown.

Takes a scored survey (its comment columns) and two editable lexicons: the themes (the six
trauma-informed principles, the six areas of worklife, two strengths; :mod:`~tiwell.comments.themes`)
and the safety flags (:mod:`~tiwell.comments.flags`), both TOML files beside this module, matched by
:mod:`~tiwell.comments.lexicon`. Gives :class:`Comments` (:func:`read_comments`): each comment once,
redacted (:mod:`~tiwell.comments.redaction`), with its themes, its tone (:mod:`~tiwell.comments.tone`)
and its flag, plus themes found in the text itself (:mod:`~tiwell.comments.discovered`); and
:class:`CommentRelease` (:func:`comment_release`), the one audited release of comment counts, with
each theme's quotes and its link to the scores (:mod:`~tiwell.comments.links`). Flagged comments
reach :meth:`CommentRelease.flagged` alone. Everything runs offline; nothing is downloaded.
"""

from tiwell.comments.redaction import names_any, redact, shown_comments, typed_names
from tiwell.comments.lexicon import Matcher, forms
from tiwell.comments.themes import FOUND, KINDS, Theme, ThemeSet, load_themes
from tiwell.comments.flags import Flag, FlagSet, load_flags
from tiwell.comments.tone import TONES, tone_of
from tiwell.comments.discovered import found_themes
from tiwell.comments.reading import COLUMNS, Comments, read_comments
from tiwell.comments.links import LINK_COLUMNS, link_sentence, theme_links
from tiwell.comments.release import (DEFAULT_MIN_COMMENTS, THEME_COLUMNS, WROTE, CommentRelease, CommentSummary,
                                     comment_release)

__all__ = [
    "names_any", "redact", "shown_comments", "typed_names", "Matcher", "forms", "FOUND", "KINDS", "Theme", "ThemeSet",
    "load_themes", "Flag", "FlagSet", "load_flags", "TONES", "tone_of", "found_themes", "COLUMNS", "Comments",
    "read_comments", "LINK_COLUMNS", "link_sentence", "theme_links", "DEFAULT_MIN_COMMENTS", "THEME_COLUMNS",
    "WROTE", "CommentRelease", "CommentSummary", "comment_release",
]
