"""Staff comments made safe to show a group: names, emails and phone numbers taken out.

A comment can point to a person twice over: by what it names, and by how few people could have
written it. So comments are only shown for a group of at least the minimum size in which at
least that many people wrote one, and each is redacted. Names are found by the words around
them ("thanks to Sam", "Dr Okafor"), or from a list the caller supplies (a team's names, say);
a capitalised word with no such cue is left alone, since most are not names.
"""

from __future__ import annotations

import re

import pandas as pd

NAME, EMAIL, PHONE = "[name]", "[email]", "[phone]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?!\w)")
_WORD = r"(?!(?:The|Our|My|We|Everyone|All|You|I|Team)\b)[A-Z][\w-]*(?:['’][A-Z][\w-]*)?"
_NAMES = rf"{_WORD}(?:\s+{_WORD})*(?:\s*(?:,|\band\b|&)\s*{_WORD}(?:\s+{_WORD})*)*"
_TITLED = re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sister|Nurse)\.?\s+{_NAMES}")
_CUES = ("thanks to", "thank you to", "thank you", "thanks", "grateful to", "shout out to", "shout-out to",
         "credit to", "kudos to", "praise for", "especially", "my manager", "my supervisor", "my team leader",
         "my colleague", "manager", "supervisor", "colleague", "called", "named")
_CUED = re.compile(rf"\b((?i:{'|'.join(map(re.escape, _CUES))}),?\s+){_NAMES}")


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    """The comment with emails, phone numbers and names replaced by ``[email]``, ``[phone]``
    and ``[name]``; ``names`` are replaced wherever they appear, whatever their case."""
    text = _EMAIL.sub(EMAIL, text)
    text = _PHONE.sub(_phone, text)
    for name in sorted(filter(None, map(str.strip, names)), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME, text, flags=re.IGNORECASE)
    text = _TITLED.sub(NAME, text)
    return _CUED.sub(lambda m: m.group(1) + NAME, text)


def _phone(match: re.Match) -> str:
    """Seven or more digits read as a phone number when it starts like one (+ or 0), nine or more
    otherwise, so a span of years such as 2024-2025 is left alone."""
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    looks_like_phone = found.lstrip("(").startswith(("+", "0"))
    return PHONE if digits >= 9 or (looks_like_phone and digits >= 7) else found


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
