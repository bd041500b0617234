"""The themes looked for in comments: the seed lexicon beside this module, and a user's own.

``themes.toml`` holds the six trauma-informed principles, Maslach and Leiter's six areas of
worklife and two strengths, each with the principle an action on it serves, a sentence saying
what it covers, and the words and phrases that find it. A user's file adds themes or replaces
the seed's by id, so an organisation can add its own words without copying the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from tiwell.comments.lexicon import Matcher, entries, entry_id, merged, no_twice, read_document, terms_field, text_field
from tiwell.errors import ThemeFileError
from tiwell.theme import PRINCIPLE_IDS

KINDS = ("strength", "principle", "worklife", "own")
FOUND = "found"  # the kind of a theme found in the text itself (tiwell.comments.discovered)
SEED = "themes.toml"


@dataclass(frozen=True)
class Theme:
    """One theme: ``principle`` is one of :data:`tiwell.theme.PRINCIPLE_IDS` (blank for a theme
    found in the text, until someone chooses one)."""

    id: str
    label: str
    kind: str
    principle: str
    description: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()

    @property
    def strength(self) -> bool:
        return self.kind == "strength"


@dataclass(frozen=True)
class ThemeSet:
    """The themes in the order they are listed; strengths are matched negation-aware."""

    themes: tuple[Theme, ...]

    def __iter__(self):
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def get(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(f"No theme has the id {theme_id!r}.")

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher([(t.id, t.words + t.phrases, t.strength) for t in self.themes])

    def find(self, text: str) -> tuple[str, ...]:
        """The ids of the themes a comment mentions (several, or none)."""
        return self.matcher.find(text)


def load_themes(text: str | None = None, source: str = "the themes file") -> ThemeSet:
    """The seed themes, with a user's TOML ``text`` adding or replacing themes by id. A file that
    cannot be used raises :class:`tiwell.errors.ThemeFileError` naming the theme and field."""
    seed = _themes(resources.files("tiwell.comments").joinpath(SEED).read_text("utf-8"), SEED)
    return ThemeSet(merged(seed, _themes(text, source)) if text is not None else seed)


def _themes(text: str, source: str) -> tuple[Theme, ...]:
    document = read_document(text, source, "a themes file")
    found = []
    for k, entry in enumerate(entries(document, "theme", source), start=1):
        theme_id = entry_id(entry, f"theme {k}", source)
        where = f"theme {k} ('{theme_id}')"
        found.append(Theme(theme_id, text_field(entry, "label", where, source),
                           text_field(entry, "kind", where, source, KINDS),
                           text_field(entry, "principle", where, source, PRINCIPLE_IDS),
                           text_field(entry, "description", where, source),
                           terms_field(entry, "words", where, source), terms_field(entry, "phrases", where, source)))
        if not (found[-1].words or found[-1].phrases):
            raise ThemeFileError(f"{source}: {where} has no words and no phrases, so it would find nothing.",
                                 file=source, column="words")
    no_twice([t.id for t in found], "theme", source)
    return tuple(found)

