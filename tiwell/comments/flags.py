"""Comments that may need someone to act: the safety lexicon and its calm note.

``safety.toml`` lists self-harm, feeling unsafe, bullying, harassment, discrimination, abuse from
service users and safeguarding, each with words and phrases. Flags are matched without negation
(a person is better placed than a word list to read 'I have never been bullied'), and a comment
takes the first flag it matches, in the file's order: the most particular first ('threatened by a
parent' is abuse from a service user before it is feeling unsafe).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from tiwell.comments.lexicon import Matcher, entries, entry_id, merged, no_twice, read_document, terms_field, text_field

SEED = "safety.toml"


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FlagSet:
    """The flags in order, and ``note``: what the person running tiwell is asked to do."""

    flags: tuple[Flag, ...]
    note: str

    def __iter__(self):
        return iter(self.flags)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.flags)

    def get(self, flag_id: str) -> Flag:
        for flag in self.flags:
            if flag.id == flag_id:
                return flag
        raise KeyError(f"No safety flag has the id {flag_id!r}.")

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher([(f.id, f.words + f.phrases, False) for f in self.flags])

    def find(self, text: str) -> str | None:
        """The first flag a comment matches, or None."""
        found = self.matcher.find(text)
        return found[0] if found else None


def load_flags(text: str | None = None, source: str = "the safety file") -> FlagSet:
    """The seed flags, with a user's TOML ``text`` adding or replacing flags by id (and its
    ``note``, when it has one)."""
    seed, note = _flags(resources.files("tiwell.comments").joinpath(SEED).read_text("utf-8"), SEED)
    if text is None:
        return FlagSet(seed, note)
    own, own_note = _flags(text, source)
    return FlagSet(merged(seed, own), own_note or note)


def _flags(text: str, source: str) -> tuple[tuple[Flag, ...], str]:
    document = read_document(text, source, "a safety flags file")
    found = []
    for k, entry in enumerate(entries(document, "flag", source), start=1):
        flag_id = entry_id(entry, f"flag {k}", source)
        where = f"flag {k} ('{flag_id}')"
        found.append(Flag(flag_id, text_field(entry, "label", where, source),
                          terms_field(entry, "words", where, source), terms_field(entry, "phrases", where, source)))
    no_twice([f.id for f in found], "flag", source)
    note = text_field(document, "note", "its top", source) if "note" in document else ""
    return tuple(found), note
