"""Words and phrases found in what staff wrote: the one matcher themes and safety flags share.

A lexicon entry (a theme, a flag) is a list of words and phrases a person can edit. Each is
matched on the comment's normalised text (:func:`tiwell.text.spelling.normalise`: lower case,
accents folded, punctuation as spaces), as whole words, with the usual English endings added so
that the list stays short and readable: 'bully' finds 'bullies', 'bullied' and 'bullying',
'workload' finds 'workloads'. A word ending in ``*`` finds every word it starts. Phrases take the
endings on their first and last word ('feel valued' finds 'feeling valued'). A letter typed
twice reads as one ('offfload'), and a slip in a long word is mended towards the lexicon
(:mod:`tiwell.comments.slips`: 'fanastic' finds 'fantastic').

Every form of every entry goes into one Aho-Corasick automaton, so a comment is read once
whatever the number of themes, in time linear in its length. An entry can be *negatable*: a
match just after 'not', 'never', 'no one' and the like does not count ('nobody ever thanks us'
is not appreciation). The TOML fields both lexicon files share are checked here too, each
refusal one sentence naming the file, the entry and the field.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from tiwell.comments.slips import Slips
from tiwell.errors import SettingsFileError, ThemeFileError
from tiwell.ingest.settings_files import load_toml
from tiwell.text.spelling import normalise

VOWELS = frozenset("aeiou")
DOUBLED = re.compile(r"([a-z])\1+")
NEGATIONS = frozenset("""not no never nobody noone none nothing neither nor dont doesnt didnt isnt arent wasnt
werent cant cannot couldnt wont wouldnt shouldnt havent hasnt hadnt hardly rarely seldom without lack lacking
barely""".split())
SQUEEZED_NEGATIONS = frozenset(DOUBLED.sub(r"\1", word) for word in NEGATIONS)
NEGATION_WINDOW = 3  # words before a match that a negation may stand in ('never really felt valued')
MAX_TERMS = 2000     # words and phrases in one entry: a list, not a dictionary
MAX_TERM_CHARS = 100


def forms(word: str) -> set[str]:
    """The word with its usual endings: plural, past and -ing, a final y or e handled and a short
    word's last consonant doubled ('chat': chatted). Some forms are not English; they match nothing."""
    found = {word, word + "s"}
    if len(word) < 3:
        return found
    if word.endswith(("s", "x", "z", "ch", "sh")):
        found.add(word + "es")
    if word.endswith("y") and word[-2] not in VOWELS:
        found |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith("e"):
        found |= {word + "d", word[:-1] + "ing"}
    else:
        found |= {word + "ed", word + "ing"}
        if word[-1] not in VOWELS | set("wxy") and word[-2] in VOWELS and word[-3] not in VOWELS:
            found |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return found


def squeezed(text: str) -> str:
    """The normalised text with each run of a repeated letter written once. Both the lexicon's
    keys and the comment are squeezed, so a letter typed twice by mistake ('bellieve', 'stafff',
    'offfload') still matches, and a word doubled or not ('cancelled', 'canceled') is one word."""
    return DOUBLED.sub(r"\1", text)


@lru_cache(maxsize=8)
def read_as_keys(text: str) -> str:
    """A comment as the keys are written (normalised, squeezed): kept for the last few texts, as
    the themes and the safety flags read each comment one after the other."""
    return squeezed(normalise(text))


def term_keys(term: str) -> set[str]:
    """The automaton keys of one word or phrase: each form between spaces, so a key matches only
    whole words; a trailing ``*`` leaves the last word open."""
    open_end = term.rstrip().endswith("*")
    words = normalise(term).split()
    if not words:
        return set()
    if open_end:
        return {squeezed(" " + " ".join(words))}
    firsts = forms(words[0])
    lasts = forms(words[-1]) if len(words) > 1 else {""}
    middle = " ".join(words[1:-1])
    return {squeezed(" " + " ".join(part for part in (first, middle, last) if part) + " ")
            for first in firsts for last in lasts}


class Matcher:
    """Which entries a text mentions. Built once from ``(id, terms, negatable)`` entries."""

    def __init__(self, entries: list[tuple[str, tuple[str, ...], bool]]) -> None:
        self.ids = tuple(entry_id for entry_id, _, _ in entries)
        keys: dict[str, list[tuple[int, bool]]] = {}
        for position, (_, terms, negatable) in enumerate(entries):
            for term in terms:
                for key in term_keys(term):
                    keys.setdefault(key, []).append((position, negatable))
        self._slips = Slips({word for key in keys for word in key.split()})
        self._automaton = None
        if keys:
            self._automaton = ahocorasick.Automaton()
            for key, owners in keys.items():
                self._automaton.add_word(key, (len(key), tuple(dict.fromkeys(owners))))
            self._automaton.make_automaton()

    def find(self, text: str) -> tuple[str, ...]:
        """The ids of the entries ``text`` mentions, in the entries' order."""
        if self._automaton is None:
            return ()
        padded = f" {self._slips.mend(read_as_keys(text))} "
        found: set[int] = set()
        for end, (length, owners) in self._automaton.iter(padded):
            start = end - length + 1
            for position, negatable in owners:
                if position not in found and not (negatable and _negated(padded, start)):
                    found.add(position)
        return tuple(self.ids[k] for k in sorted(found))


def _negated(padded: str, start: int) -> bool:
    """Whether one of the few words before ``start`` negates what follows. Reads a bounded
    stretch back from the match, never the whole text."""
    before = padded[max(0, start - 12 * NEGATION_WINDOW):start].split()
    return any(word in SQUEEZED_NEGATIONS for word in before[-NEGATION_WINDOW:])


# ---------------------------------------------------------------- the TOML fields both files share

def read_document(text: str, source: str, kind: str) -> dict:
    """The TOML document, within the settings files' limits; any refusal is a ThemeFileError."""
    try:
        return load_toml(text, source, kind)
    except SettingsFileError as exc:
        raise ThemeFileError(str(exc), file=source) from None


def entries(document: dict, key: str, source: str) -> list[dict]:
    """The ``[[key]]`` tables of a lexicon file, or one sentence saying what is wrong."""
    found = document.get(key, [])
    if not isinstance(found, list) or not all(isinstance(e, dict) for e in found):
        raise ThemeFileError(f"{source}: '{key}' must be a list of [[{key}]] tables.", file=source, column=key)
    return found


def text_field(entry: dict, field: str, where: str, source: str, allowed: tuple[str, ...] = ()) -> str:
    """A field holding one line of text (one of ``allowed`` when given)."""
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ThemeFileError(f"{source}: {where} needs '{field}', a text.", file=source, column=field)
    if allowed and value not in allowed:
        choices = ", ".join(f"'{a}'" for a in allowed)
        raise ThemeFileError(f"{source}: {where} has '{field}' = '{value}'; it must be one of {choices}.",
                             file=source, column=field)
    return value.strip()


def entry_id(entry: dict, where: str, source: str) -> str:
    """An id: lower-case letters, digits and underscores, starting with a letter."""
    value = text_field(entry, "id", where, source)
    if not (value[0].isalpha() and value.isascii() and value.replace("_", "a").isalnum() and value == value.lower()):
        raise ThemeFileError(f"{source}: {where} has 'id' = '{value}'; an id is lower-case letters, digits and "
                             "underscores, starting with a letter.", file=source, column="id")
    return value


def terms_field(entry: dict, field: str, where: str, source: str) -> tuple[str, ...]:
    """A list of words or phrases (may be empty), each a short text with a letter or digit in it."""
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ThemeFileError(f"{source}: {where} has '{field}' that is not a list of texts.", file=source,
                             column=field)
    if len(value) > MAX_TERMS:
        raise ThemeFileError(f"{source}: {where} has {len(value):,} {field}; an entry holds at most {MAX_TERMS:,}.",
                             file=source, column=field)
    for term in value:
        if len(term) > MAX_TERM_CHARS or not normalise(term):
            raise ThemeFileError(f"{source}: {where} has '{term[:40]}' in '{field}', which is not a word or phrase "
                                 f"(letters or digits, at most {MAX_TERM_CHARS} characters).", file=source,
                                 column=field)
    return tuple(value)


def no_twice(ids: list[str], kind: str, source: str) -> None:
    """Refuses a file that gives one id to two entries."""
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ThemeFileError(f"{source}: the {kind} id '{twice[0]}' is used twice; each {kind} needs its own id.",
                             file=source, column="id")


def merged(seed: tuple, own: tuple) -> tuple:
    """The seed's entries with a user's: one with the same id replaces the seed's in its place,
    a new id is added at the end."""
    replacing = {item.id: item for item in own}
    kept = tuple(replacing.pop(item.id, item) for item in seed)
    return kept + tuple(replacing.values())
