"""Which column holds which instrument item: by number in the header, or by the statement text.

Numbers: ``Q1``, ``Q2_1`` (a Qualtrics matrix: the item is the last number), ``item 1``,
``ProQOL_1``, ``1.``. The prefix whose numbers cover most of the instrument wins, so a
``Q1`` team question beside ``Q2_1``..``Q2_30`` is not taken for item 1.

Statements: the header, the part in Google Forms' trailing ``[...]``, the part after Qualtrics'
`` - ``, tolerant of case and punctuation, with each bracketed adaptable word of the instrument
(``[help]``) standing for up to three words of the organisation's own (``support``, ``care for``).
Near misses (a typo, ``workload`` for ``case [work] load``) are matched by similarity, with a
lower confidence shown to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tiwell.instrument import Instrument
from tiwell.text import normalise

MIN_SIMILARITY = 85
_MATRIX = re.compile(r"^(?P<prefix>[a-z][a-z_ ]*?\d+)[_.#-](?P<n>\d{1,3})$", re.I)
_NUMBERED = re.compile(r"^(?P<prefix>[a-z][a-z_ ]*?)?[\s_.#-]*(?P<n>\d{1,3})[.)]?$", re.I)
_BRACKETED = re.compile(r"\[([^\]]*)\]")
_WILDCARD = r"(?:\w+(?: \w+){0,2} )?"


@dataclass(frozen=True)
class ItemMatch:
    column: str
    item: int
    confidence: float
    evidence: str


def match_items(headers: dict[str, tuple[str, ...]], instrument: Instrument) -> list[ItemMatch]:
    """The best one-to-one assignment of columns to items, most confident first."""
    by_text = _text_candidates(headers, instrument)
    by_number = _number_candidates(headers, instrument)
    candidates = []
    for column in headers:
        text, number = by_text.get(column), by_number.get(column)
        if text and number and text.item == number.item:
            candidates.append(ItemMatch(column, text.item, 1.0, f"{number.evidence} and {text.evidence}"))
        elif text or number:
            candidates.append(text or number)
    return _one_to_one(candidates)


def _one_to_one(candidates: list[ItemMatch]) -> list[ItemMatch]:
    chosen, columns, items = [], set(), set()
    for match in sorted(candidates, key=lambda m: -m.confidence):
        if match.column not in columns and match.item not in items:
            chosen.append(match)
            columns.add(match.column)
            items.add(match.item)
    return sorted(chosen, key=lambda m: m.item)


# ---------------------------------------------------------------- by number


def _number_candidates(headers: dict[str, tuple[str, ...]], instrument: Instrument) -> dict[str, ItemMatch]:
    wanted = set(instrument.item_numbers)
    groups: dict[str, dict[int, str]] = {}
    for column, parts in headers.items():
        name = parts[0] if parts else column
        found = _MATRIX.match(name) or _NUMBERED.match(name)
        if found and int(found["n"]) in wanted:
            prefix = (found["prefix"] or "").strip(" _").lower()
            groups.setdefault(prefix, {}).setdefault(int(found["n"]), column)
    if not groups:
        return {}
    best = max(groups.values(), key=len)
    if len(best) < min(3, len(wanted)):
        return {}
    return {col: ItemMatch(col, n, 0.9, f"number {n} in the header '{headers[col][0] if headers[col] else col}'")
            for n, col in best.items()}


# ---------------------------------------------------------------- by statement text


def item_pattern(text: str) -> re.Pattern:
    """A regular expression for the end of a normalised header (followed by one space) that
    holds this statement, adaptable words as wildcards; group ``lead`` is what precedes it."""
    body = ""
    for i, piece in enumerate(_BRACKETED.split(text)):
        if i % 2:
            body += _WILDCARD
        else:
            body += "".join(re.escape(word) + " " for word in normalise(piece).split())
    return re.compile(r"(?P<lead>(?:.* )?)" + body)


def statement_candidates(parts: tuple[str, ...]) -> list[str]:
    """The places a statement may stand in a header, normalised, longest first."""
    found = []
    for part in parts:
        found.append(part)
        if (m := re.match(r"^.*?\[(.*)\]\s*$", part, re.S)):
            found.append(m[1])
        if " - " in part:
            found.append(part.rsplit(" - ", 1)[1])
        found.append(re.sub(r"^\s*(q(uestion)?\s*)?\d{1,3}\s*[.):-]\s*", "", part, flags=re.I))
    return list(dict.fromkeys(n for n in map(normalise, found) if n))


def _text_candidates(headers: dict[str, tuple[str, ...]], instrument: Instrument) -> dict[str, ItemMatch]:
    texts = {item.number: item.text for item in instrument.items if item.text}
    if not texts:
        return {}
    patterns = {n: item_pattern(t) for n, t in texts.items()}
    plain = {n: normalise(_BRACKETED.sub(lambda m: m[1], t)) for n, t in texts.items()}
    found = {}
    for column, parts in headers.items():
        match = _exact_statement(column, statement_candidates(parts), patterns)
        found_match = match or _similar_statement(column, statement_candidates(parts), plain)
        if found_match:
            found[column] = found_match
    return found


def _exact_statement(column: str, candidates: list[str], patterns: dict[int, re.Pattern]) -> ItemMatch | None:
    """A candidate equal to a statement (1.0), or ending with one (0.95). The longest statement
    wins, so 'I am happy' never takes 'I am happy that I chose to do this work'."""
    best = None
    for candidate in candidates:
        for number, pattern in patterns.items():
            hit = pattern.fullmatch(candidate + " ")
            if hit:
                whole = not hit["lead"]
                key = (whole, len(candidate) - len(hit["lead"]))
                if best is None or key > best[0]:
                    evidence = "statement text" if whole else "statement text at the end of the header"
                    best = (key, ItemMatch(column, number, 1.0 if whole else 0.95, evidence))
    return best[1] if best else None


def _similar_statement(column: str, candidates: list[str], plain: dict[int, str]) -> ItemMatch | None:
    best = None
    for candidate in candidates:
        hit = process.extractOne(candidate, plain, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    if best is None:
        return None
    _, score, number = best
    return ItemMatch(column, number, round(score / 100 * 0.9, 2), f"statement text, {score:.0f}% similar")
