"""Staff comments made safe to show a group: names, emails, phone and staff numbers, postcodes taken out.

A comment can point to a person twice over: by what it names, and by how few people could have
written it. So comments are only shown for a group of at least the minimum size in which at
least that many people wrote one, and each is redacted. Names are found three ways: by the words
around them ('thanks to Sam', 'Dr Okafor'), by a list of first names ('Tom Hughes in the rota
office', 'i think sam'), and from a list the caller supplies (a team's people, every team's
name). A first name that is also an everyday word ('Hope this helps', 'Grace period') counts
only beside another capitalised word or inside a sentence. A quote can also give its writer away
by a rare detail: naming a team or role too small to be shown (:func:`names_any`), so such a quote
is kept from a larger group's view.

Comments are text a person typed, so every pattern here is linear in its length: runs are
matched whole (possessive repeats, a start only where a run starts), and the supplied names,
however many, are found in one pass of an Aho-Corasick automaton over the comment's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
import pandas as pd

from tiwell.text.names import CAPITALISED_WORDS, NAMES_THAT_ARE_WORDS, first_names
from tiwell.ingest.personal import NI_NUMBER, POSTCODE, is_nhs_number, is_phone_number

NAME, EMAIL, PHONE, NUMBER, POSTCODE_SHOWN = "[name]", "[email]", "[phone]", "[number]", "[postcode]"

# Control characters break a spreadsheet and can hide text; tab and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]++@[\w-]++(?:\.[\w-]++)++")
# 'bob at example dot org', 'sam (at) nhs [dot] net': checked further by _spoken_email.
_SPOKEN_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++\s*+(?:\bat\b|\(at\)|\[at\])\s*+[\w-]++"
                           r"(?:(?:\s*+(?:\bdot\b|\(dot\)|\[dot\])\s*+|\.)[\w-]++)++", re.I)
_DOMAIN_ENDS = frozenset("com org net uk co gov nhs ac edu sch police mod scot wales".split())
_EXTENSION = re.compile(r"\b(?:ext|extn|extension)\b\.?+\s*+(?:no\.?+\s*+)?:?+\s*+\d{3,6}\b", re.I)
# Any case, spaced or not ('LS6 2AB', 'ls62ab'); 'Q3 4th' in lower case is an ordinal, not a postcode's end.
_POSTCODE = re.compile(rf"\b{POSTCODE}\b(?<!(?-i:1st|2nd|3rd|[04-9]th))", re.I)
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]*+")
# Written in capitals, spaced or not ('QQ 12 34 56 C'); in any case unspaced and whole ('qq123456c'),
# or spaced with its letter at the end and letters HMRC gives ('nr 96 25 94 c', not 'is 10 20 30 a').
_NI_NUMBER = re.compile(rf"\b{NI_NUMBER}\b|\b(?i:[a-z]{{2}}\d{{6}}[a-d])\b"
                        r"|\b(?i:[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z](?: \d{2}){3} [a-d])\b")
_STAFF_NUMBER = re.compile(r"\b(?:(?:employee|staff|payroll|personnel|emp|pay|assignment|ni|nhs)\s++"
                           r"(?:number|no|num|id|ref)\b\.?+|payroll\b)(?:\s*+(?:is|was|[:#]))?+\s*+[A-Z]{0,3}\d{3,}+(?: \d{2,}+)*+\b"
                           r"|\b[A-Z]{1,2}\d{5,}+\b", re.I)
_NOT_CUED = "The|Our|My|We|Everyone|All|You|I|Team|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WORD = rf"(?!(?:{_NOT_CUED})\b)[A-Z][\w-]*+(?:['’][A-Z][\w-]*+)?+"
_NAMES = rf"{_WORD}(?:\s++{_WORD})*+(?:\s*+(?:,|\band\b|&)\s*+{_WORD}(?:\s++{_WORD})*+)*+"
_TITLED = re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sister|Nurse)\.?\s+{_NAMES}")
_CUES = ("thanks to", "thank you to", "thank you", "thanks", "grateful to", "shout out to", "shout-out to",
         "credit to", "kudos to", "praise for", "especially", "my manager", "my supervisor", "my team leader",
         "my colleague", "manager", "supervisor", "colleague", "called", "named", "cheers", "speak to",
         "spoke to", "talk to", "talked to", "told", "ask")
# The lookahead on a cue's first letter lets most words fail at once (three times faster).
_CUED = re.compile(rf"\b(?=(?i:[{''.join(sorted({cue[0] for cue in _CUES}))}]))"
                   rf"((?i:{'|'.join(map(re.escape, _CUES))}),?\s+){_NAMES}")
_TOKEN = re.compile(r"[^\W_]++(?:['’](?!s\b)[^\W_]++)*+")
_SENTENCE_END = frozenset(".!?:;\n")
# Capitalised words that follow a first name without being its surname ('Tom The rota...').
_NOT_SURNAMES = frozenset("""a an and at but for from he her his i if in is it its my of on or our she so that the
their they this to was we with you team""".split())


def strip_controls(text: str) -> str:
    """The text without control characters (tab and line breaks kept)."""
    return _CONTROL.sub("", text)


def typed_names(text: str) -> tuple[str, ...]:
    """The names a facilitator typed to take out of comments, separated by commas ('Ann, Ben
    Okafor'), each trimmed, blanks dropped."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    """The comment with emails, phone numbers, staff, NI and NHS numbers, postcodes and names
    replaced by ``[email]``, ``[phone]``, ``[number]``, ``[postcode]`` and ``[name]``; ``names``
    (the organisation's own list: its people, teams and places) are replaced wherever they appear,
    whatever their case and spacing."""
    text = strip_controls(text)
    text = _SPOKEN_EMAIL.sub(_spoken_email, _EMAIL.sub(EMAIL, text) if "@" in text else text)
    text = _numbers(text) if _DIGIT.search(text) else text
    text = _TITLED.sub(NAME, text)
    text = _CUED.sub(lambda m: m.group(1) + NAME, text)
    return _replace(text, _name_spans(text, _automaton(tuple(names))))


def _numbers(text: str) -> str:
    """Phone, staff, NI and NHS numbers and postcodes taken out: each needs a digit, so most
    comments, which have none, skip these patterns (a third of the time redaction takes)."""
    text = _EXTENSION.sub(PHONE, text)
    text = _STAFF_NUMBER.sub(NUMBER, _NI_NUMBER.sub(NUMBER, text))
    text = _POSTCODE.sub(POSTCODE_SHOWN, text)
    return _DIGIT_RUN.sub(_phone, text)


def _spoken_email(match: re.Match) -> str:
    """An email spelt out ('bob at example dot org') when it ends in a domain ending, so that
    'met at home.Then' is left alone."""
    found = match.group(0)
    return EMAIL if re.split(r"[^\w-]", found)[-1].lower() in _DOMAIN_ENDS else found


def _phone(match: re.Match) -> str:
    """Seven or more digits read as a phone number when they start like one (+ or 0) and the
    phone-number library finds the length possible, nine or more whatever their start, so a span
    of years such as 2024-2025 is left alone; ten with an NHS number's
    check digit are a number. The run is matched whole (linear on any text); what trails the
    last digit is given back."""
    run = match.group(0)
    found = run.rstrip(" \t\r\n().-")
    digits = sum(ch.isdigit() for ch in found)
    looks_like_phone = found.lstrip("(").startswith(("+", "0"))
    if digits == 10 and is_nhs_number(found):
        return NUMBER + run[len(found):]
    if digits >= 9 or (looks_like_phone and digits >= 7 and is_phone_number(found)):
        return PHONE + run[len(found):]
    return run


@lru_cache(maxsize=16)
def _automaton(names: tuple[str, ...]) -> ahocorasick.Automaton | None:
    """One automaton for all the supplied names, each as its lower-case words between spaces
    (so a match is always whole words), built once for a given list."""
    keys = {" ".join(_TOKEN.findall(name.lower())) for name in names}
    keys.discard("")
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(f" {key} ", (key.count(" ") + 1, len(key) + 2))
    automaton.make_automaton()
    return automaton


def names_any(text: str, names: tuple[str, ...]) -> bool:
    """Whether the comment names any of ``names`` (whole words, whatever the case or spacing, or
    with a plural 's': 'the admins' names the role 'Admin'). Given the teams and roles too small
    to be shown, a quote naming one would point to its writer in any larger group's view."""
    if not names:
        return False
    plurals = tuple(f"{name}s" for name in names)
    return bool(_supplied(list(_TOKEN.finditer(text)), _automaton(tuple(names) + plurals)))


def _name_spans(text: str, automaton: ahocorasick.Automaton | None) -> list[tuple[int, int]]:
    """Character spans of supplied names (longest first where they overlap; a single word with the
    surname that follows it) and of first names, each with the surname that follows it."""
    tokens = list(_TOKEN.finditer(text))
    taken = [False] * len(tokens)
    spans = []
    for start, end in _supplied(tokens, automaton):
        if not any(taken[start:end]):
            if end - start == 1 and end < len(tokens) and _surname(text, tokens, end):
                end += 1  # a listed first name with a surname the list does not hold
            taken[start:end] = [True] * (end - start)
            spans.append((tokens[start].start(), tokens[end - 1].end()))
    known = first_names()
    k = 0
    while k < len(tokens):
        if not taken[k] and tokens[k].group(0).lower() in known and _is_name_here(text, tokens, k):
            end = k + 1
            while end < len(tokens) and end - k < 3 and not taken[end] and _surname(text, tokens, end):
                end += 1
            spans.append((tokens[k].start(), tokens[end - 1].end()))
            k = end
        else:
            k += 1
    return sorted(spans)


def _supplied(tokens: list[re.Match], automaton) -> list[tuple[int, int]]:
    """Token spans [start, end) of supplied names, leftmost first and longest first. The words
    are joined by single spaces, so a key's leading space sits where a word's offset is."""
    if automaton is None or not tokens:
        return []
    words = [token.group(0).lower() for token in tokens]
    offsets, at = {}, 0
    for k, word in enumerate(words):
        offsets[at] = k
        at += len(word) + 1
    found = []
    for end, (count, length) in automaton.iter(" " + " ".join(words) + " "):
        first = offsets[end - length + 1]
        found.append((first, first + count))
    return sorted(found, key=lambda span: (span[0], -span[1]))


def _is_name_here(text: str, tokens: list[re.Match], k: int) -> bool:
    """A listed first name counts unless it is also an everyday word written where any word
    could be: in lower case, or capitalised to start a sentence (or a month, always capitalised)
    with no surname after it."""
    word, lower = tokens[k].group(0), tokens[k].group(0).lower()
    if lower not in NAMES_THAT_ARE_WORDS and lower not in CAPITALISED_WORDS:
        return True
    if not word[0].isupper() or word.isupper():
        return False
    with_surname = k + 1 < len(tokens) and _surname(text, tokens, k + 1)
    return with_surname or (lower not in CAPITALISED_WORDS and not _starts_sentence(text, tokens[k].start()))


def _surname(text: str, tokens: list[re.Match], k: int) -> bool:
    """A capitalised word straight after the previous one (no punctuation between)."""
    word = tokens[k].group(0)
    between = text[tokens[k - 1].end() : tokens[k].start()]
    return word[0].isupper() and not between.strip() and word.lower() not in _NOT_SURNAMES


def _starts_sentence(text: str, at: int) -> bool:
    """Whether only spaces, quotes or a bracket stand between ``at`` and a sentence's end (read
    back from ``at``, never copying what comes before)."""
    k = at - 1
    while k >= 0 and text[k] in " \t\"'“‘(":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


def _replace(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in spans:
        if start >= at:
            out += [text[at:start], NAME]
            at = end
    return "".join(out) + text[at:]


def shown_comments(rows: pd.DataFrame, columns: list[str], min_group: int,
                   names: tuple[str, ...] = ()) -> list[tuple[str, int]] | None:
    """The group's redacted comments with how many people wrote each, most often said first;
    None when the group, or the number of people who wrote a comment, is under ``min_group``."""
    if len(rows) < min_group or not columns:
        return None
    written = rows[columns].astype("string").apply(lambda c: c.str.strip())
    writers = written.fillna("").ne("").any(axis=1)
    if writers.sum() < min_group:
        return None
    texts = pd.Series([redact(t, names) for t in written.stack().dropna() if t])
    counts = texts.value_counts()
    return sorted(((text, int(n)) for text, n in counts.items()), key=lambda pair: (-pair[1], pair[0]))
