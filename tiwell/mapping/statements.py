"""Statements as headers write them: where a statement may stand in a header, and whether it ends it.

Survey tools put an instrument's statement in a header in several ways: the whole header, the
part in Google Forms' trailing ``[...]``, LimeSurvey's last bracket, the part after Qualtrics'
`` - ``, or after a number (``4.``, Jisc's ``4.1.``). Each bracketed adaptable word of the
instrument (``[help]``) stands for up to WILDCARD_WORDS words of the organisation's own; the
search for it reads a header once, backwards, so its time grows with the header's length only.
"""

from __future__ import annotations

import re

from tiwell.text.spelling import normalise

WILDCARD_WORDS = 5  # an adaptable word may stand for up to five words of the organisation's own
HEADER_TAIL = 4_000  # characters: four times the longest statement an instrument may have
_BRACKETED = re.compile(r"\[([^\]]*)\]")


def statement_candidates(parts: tuple[str, ...], normalised=normalise) -> list[str]:
    """The places a statement may stand in a header, normalised (by ``normalised``). Of a very
    long header only the end is kept (from a word boundary): a statement is matched at the end
    of a header, and no statement is that long."""
    found = []
    for part in parts:
        if len(part) > HEADER_TAIL:
            part = part[-HEADER_TAIL:].split(" ", 1)[-1]
        found.append(part)
        if part.rstrip().endswith("]") and "[" in part:  # Google Forms: 'Question [Statement]'
            end = part.rstrip().rindex("]")
            found.append(part[part.index("[") + 1: end])
            # LimeSurvey's 'G02Q04[SQ001]. Question [Statement]': the last bracket holds the statement
            found.append(part[part.rindex("[", 0, end) + 1: end])
        if " - " in part:
            found.append(part.rsplit(" - ", 1)[1])
        found.append(_LEADING_NUMBER.sub("", part))
    return list(dict.fromkeys(n for n in map(normalised, found) if n))


# '4. ', 'Q4) ', and Jisc Online Surveys' '4.1. ' before a grid's statement.
_LEADING_NUMBER = re.compile(r"^\s*(q(uestion)?\s*)?(\d{1,3}(\.\d{1,3})+\.?\s+|\d{1,3}\s*[.):-]\s*)", re.I)


def statement_words(text: str) -> tuple[str | None, ...]:
    """A statement as the words a header must end with, each bracketed adaptable word as None
    (standing for up to WILDCARD_WORDS words of the organisation's own)."""
    words: list[str | None] = []
    for i, piece in enumerate(_BRACKETED.split(text)):
        words += [None] if i % 2 else normalise(piece).split()
    return tuple(words)


def statement_starts(words: list[str], statement: tuple[str | None, ...]) -> list[int]:
    """Every position from which ``words`` to the end are the statement, found by reading the
    header backwards once with the set of places the statement could have reached: time in
    proportion to the header's length, however many adaptable words (a regular expression
    with a wildcard per adaptable word backtracks about five times over for each)."""
    reversed_statement = statement[::-1]
    done = len(reversed_statement)
    starts = []
    places = _skip_wildcards({(0, 0)}, reversed_statement)
    for k in range(len(words), -1, -1):
        if any(at == done for at, _ in places):
            starts.append(k)
        if k == 0 or not places:
            break
        word, reached = words[k - 1], set()
        for at, taken in places:
            if at == done:
                continue
            if reversed_statement[at] is None:
                if taken < WILDCARD_WORDS:
                    reached.add((at, taken + 1))
            elif reversed_statement[at] == word:
                reached.add((at + 1, 0))
        places = _skip_wildcards(reached, reversed_statement)
    return starts


def _skip_wildcards(places: set, statement: tuple[str | None, ...]) -> set:
    """Add, for each place inside an adaptable word, the place just past it (it may end there)."""
    more = set(places)
    for at, _ in sorted(places):
        while at < len(statement) and statement[at] is None:
            at += 1
            more.add((at, 0))
    return more


def plain_statement(text: str) -> str:
    """A statement as similarity compares it: normalised, each adaptable word as the instrument writes it."""
    return normalise(_BRACKETED.sub(lambda m: m[1], text))
