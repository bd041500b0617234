"""Which column holds which instrument item: by statement text, by number, or by keyword.

Statements: the header, the part in Google Forms' trailing ``[...]``, the part after Qualtrics'
`` - ``, tolerant of case and punctuation, with each bracketed adaptable word of the instrument
(``[help]``) standing for up to five words of the organisation's own (``support``, ``care for``).
Near misses (a typo, ``workload`` for ``case [work] load``) are matched by similarity, with a
lower confidence shown to the user.

Numbers: ``Q1``, ``Q2_1`` (a Qualtrics matrix: the item is the last number), ``G02Q04[SQ001]``
(a LimeSurvey array: the subquestion's number), ``item 1``,
``ProQOL_1``, ``1.``. A prefix that names an instrument (``CBI_3``) claims for that instrument.
A plain prefix (``Q``, ``item``) claims for the instrument the user chose; when tiwell detects,
the numbered group goes to the instrument whose item count it fits best, and ambiguity is noted.
A family prefix (``MBI_``) narrows that choice to the family's instruments (MBI-HSS, -ES, -GS).
A ``Q1`` team question beside ``Q2_1``..``Q2_30`` is never taken for item 1: the prefix whose
numbers cover most of the instrument wins.

Items whose text is not shipped (copyrighted, or unconfirmed licence) carry distinctive header
keywords instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tiwell.instruments.load import Instrument
from tiwell.mapping.statements import plain_statement, statement_candidates, statement_starts, statement_words
from tiwell.text.spelling import normalise

MIN_SIMILARITY = 85
NEAR_MISS_SIMILARITY = 75  # a column this alike to an item no column matched is shown as a suggestion
MIN_SHARE_FOUND = 0.5
_MATRIX = re.compile(r"^(?P<prefix>[a-z][a-z_ -]*?\d+)[_.#-](?P<n>\d{1,3})$", re.I)
_NUMBERED = re.compile(r"^(?P<prefix>[a-z][a-z_ -]*?)?[\s_.#-]*(?P<n>\d{1,3})[.)]?$", re.I)
# LimeSurvey's question-code headings: an array question's code, its subquestion's in brackets
# ('G02Q04[SQ001]', 'proqol[SQ001]', 'Q2[1]'); the subquestions are numbered in the items' order.
_SUBQUESTION = re.compile(r"^(?P<prefix>[a-z][a-z0-9_]*)\[(?:sq)?0*(?P<n>\d{1,3})\]$", re.I)
# fuzz.ratio is 2 * matched / (both lengths), so a candidate longer than (200 / MIN_SIMILARITY - 1)
# times a statement cannot reach MIN_SIMILARITY against it.
SIMILAR_LENGTH = 200 / MIN_SIMILARITY - 1
MAX_NUMBERED = 64  # 'ProQOL_1', 'Q2_1': a longer header is not tried as a number (the patterns
# below take time in the square of a header's length when it is not one)


@dataclass(frozen=True)
class ItemMatch:
    column: str
    instrument: str
    item: int
    confidence: float
    evidence: str


@dataclass(frozen=True)
class NearMiss:
    """An item no column matched, and the column most like its statement: ``similarity`` percent
    alike (at least NEAR_MISS_SIMILARITY, under MIN_SIMILARITY), for the user to accept or not."""

    instrument: str
    item: int
    column: str
    similarity: float


def match_items(headers: dict[str, tuple[str, ...]], instrument: Instrument) -> list[ItemMatch]:
    """Columns to items of one instrument the user chose: any numbering counts."""
    return detect_items(headers, [instrument], chosen=True)[0]


def detect_items(headers: dict[str, tuple[str, ...]], instruments: list[Instrument],
                 chosen: bool = False) -> tuple[list[ItemMatch], list[str]]:
    """The best one-to-one assignment of columns to (instrument, item) over all candidates, and
    notes on ambiguity. Instruments the user ``chosen`` keep every match; when detecting, only
    instruments with at least half their items found are kept."""
    return _assign(_Reading(headers), instruments, chosen)


def find_instruments(headers: dict[str, tuple[str, ...]], candidates: list[Instrument], chosen: bool = False
                     ) -> tuple[tuple[Instrument, ...], tuple[list[ItemMatch], list[str]]]:
    """The candidates whose items the headers hold, and their columns matched to items as for
    instruments the user chose (what ``detect_items(headers, found, chosen=True)`` gives), with
    notes. The headers are read, and each statement looked for, once for both steps."""
    reading = _Reading(headers)
    matches, notes = _assign(reading, candidates, chosen)
    found = tuple(inst for inst in candidates if any(m.instrument == inst.id for m in matches))
    if not found or (chosen and len(found) == len(candidates)):
        return found, (matches, notes)
    return found, _assign(reading, list(found), chosen=True)


class _Reading:
    """One upload's headers as matching reads them: numbered groups and statement text, and each
    instrument's claims by text, worked out once however often columns are assigned."""

    def __init__(self, headers: dict[str, tuple[str, ...]]):
        self.headers = headers
        self.groups = _number_groups(headers)
        self.texts = _read_headers(headers)
        self._by_text: dict[int, dict[str, ItemMatch]] = {}  # by the instrument object: a user's own may share an id

    def by_text(self, inst: Instrument) -> dict[str, ItemMatch]:
        if id(inst) not in self._by_text:
            self._by_text[id(inst)] = _text_candidates(self.texts, inst) | _keyword_candidates(self.texts, inst)
        return self._by_text[id(inst)]


def _assign(reading: _Reading, instruments: list[Instrument], chosen: bool) -> tuple[list[ItemMatch], list[str]]:
    headers, groups = reading.headers, reading.groups
    only_one = chosen and len(instruments) == 1
    claims = []
    for inst in instruments:
        claims += _claims(headers, reading.by_text(inst), inst, groups, generic=only_one)
    matches = _one_to_one(claims)
    notes = []
    if not only_one:
        extra, notes = _generic_groups(headers, instruments, groups, {m.column for m in matches}, matches)
        matches = _one_to_one(matches + extra)
    found = [inst.id for inst in instruments if _share(matches, inst) >= (0 if chosen else MIN_SHARE_FOUND)]
    kept = [m for m in matches if m.instrument in found]
    return sorted(kept, key=lambda m: (found.index(m.instrument), m.item)), notes


def _share(matches: list[ItemMatch], inst: Instrument) -> float:
    return sum(m.instrument == inst.id for m in matches) / len(inst.items)


def _claims(headers, by_text: dict[str, ItemMatch], inst: Instrument, groups: dict,
            generic: bool) -> list[ItemMatch]:
    """Every column's best claim for this instrument: text and number agreeing beat either."""
    by_number = _number_candidates(headers, inst, groups, generic)
    claims = []
    for column in headers:
        text, number = by_text.get(column), by_number.get(column)
        if text and number and text.item == number.item:
            claims.append(ItemMatch(column, inst.id, text.item, 1.0, f"{number.evidence} and {text.evidence}"))
        elif text or number:
            claims.append(text or number)
    return claims


def _one_to_one(candidates: list[ItemMatch]) -> list[ItemMatch]:
    chosen, columns, items = [], set(), set()
    for match in sorted(candidates, key=lambda m: -m.confidence):
        if match.column not in columns and (match.instrument, match.item) not in items:
            chosen.append(match)
            columns.add(match.column)
            items.add((match.instrument, match.item))
    return chosen


# ---------------------------------------------------------------- by number


def _number_groups(headers: dict[str, tuple[str, ...]]) -> dict[str, dict[int, str]]:
    """Numbered headers grouped by their prefix: {'q2': {1: 'Q2_1', ...}, 'cbi': {...}}."""
    groups: dict[str, dict[int, str]] = {}
    for column, parts in headers.items():
        name = parts[0] if parts else column
        found = len(name) <= MAX_NUMBERED and (_MATRIX.match(name) or _NUMBERED.match(name)
                                              or _SUBQUESTION.match(name))
        if found:
            prefix = (found["prefix"] or "").strip(" _").lower()
            groups.setdefault(prefix, {}).setdefault(int(found["n"]), column)
    return groups


def _squeeze(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _names_instrument(prefix: str, inst: Instrument) -> bool:
    squeezed = _squeeze(prefix)
    names = {_squeeze(p) for p in (inst.id, *inst.prefixes)}
    return any(squeezed == n or (squeezed.startswith(n) and squeezed[len(n):].isdigit()) for n in names if n)


def _number_candidates(headers, inst: Instrument, groups: dict, generic: bool) -> dict[str, ItemMatch]:
    wanted = set(inst.item_numbers)
    named = [g for p, g in groups.items() if _names_instrument(p, inst)]
    if named:
        group, confidence, how = max(named, key=len), 0.95, "after a prefix naming the instrument"
    elif generic and groups:
        group, confidence, how = max(groups.values(), key=lambda g: len(set(g) & wanted)), 0.9, "in the header"
    else:
        return {}
    hits = {n: c for n, c in group.items() if n in wanted}
    if len(hits) < min(3, len(wanted)):
        return {}
    return {col: ItemMatch(col, inst.id, n, confidence, f"number {n} {how} '{_first(headers, col)}'")
            for n, col in hits.items()}


def _generic_groups(headers, instruments, groups, claimed: set, matches) -> tuple[list[ItemMatch], list[str]]:
    """Plain numbered groups (Q1..Q30) when detecting: each goes to the instrument whose item
    numbers it fits best, if that instrument was not already found another way."""
    extra, notes = [], []
    done = {inst.id for inst in instruments if _share(matches, inst) >= MIN_SHARE_FOUND}
    plain = {p: g for p, g in groups.items() if not any(_names_instrument(p, i) for i in instruments)}
    for prefix, group in sorted(plain.items(), key=lambda kv: -len(kv[1])):
        free = {n: c for n, c in group.items() if c not in claimed}
        family = [inst for inst in instruments if prefix and _squeeze(inst.id).startswith(_squeeze(prefix))]
        fits = sorted(((_fit(free, inst), k, inst) for k, inst in enumerate(family or instruments)
                       if inst.id not in done and len(set(free) & set(inst.item_numbers)) >= 3),
                      key=lambda f: (-f[0], f[1]))
        if not fits or fits[0][0] < MIN_SHARE_FOUND:
            continue
        best = fits[0][2]
        tied = [f[2].short_name for f in fits[1:] if f[0] == fits[0][0]]
        if tied:
            notes.append(f"Columns numbered like '{_first(headers, next(iter(free.values())))}' fit "
                         f"{best.short_name} and {', '.join(tied)} equally; tiwell chose {best.short_name}. "
                         "Choose the instrument yourself if that is wrong.")
        extra += [ItemMatch(c, best.id, n, 0.8, f"number {n} in the header '{_first(headers, c)}' "
                            f"({len(free)} numbered columns fit {best.short_name})")
                  for n, c in free.items() if n in best.item_numbers]
        done.add(best.id)
        claimed |= set(free.values())
    return extra, notes


def _fit(group: dict[int, str], inst: Instrument) -> float:
    """How well a run of numbered columns fits an instrument: shared numbers over the larger
    of the two counts, so 30 columns fit a 30-item instrument better than a 22-item one."""
    return len(set(group) & set(inst.item_numbers)) / max(len(group), len(inst.items))


def _first(headers, column: str) -> str:
    return headers[column][0] if headers.get(column) else column


# ---------------------------------------------------------------- by statement text


@dataclass(frozen=True)
class _HeaderText:
    """One column's header as matching reads it, normalised once for every item and instrument."""

    candidates: tuple[tuple[str, ...], ...]  # the places a statement may stand, as words
    spaced: str                              # every header cell's words, with a space at each end


def _read_headers(headers: dict[str, tuple[str, ...]]) -> dict[str, _HeaderText]:
    """Each column's header normalised once (and each distinct cell text once), however many
    items and instruments it is then compared with."""
    seen: dict[str, str] = {}

    def once(text: str) -> str:
        if text not in seen:
            seen[text] = normalise(text)
        return seen[text]

    return {column: _HeaderText(tuple(c.split() for c in statement_candidates(parts, once)),
                                f" {' '.join(once(p) for p in parts)} ")
            for column, parts in headers.items()}


def _text_candidates(headers: dict[str, _HeaderText], inst: Instrument) -> dict[str, ItemMatch]:
    texts = {item.number: item.text for item in inst.items if item.text}
    if not texts:
        return {}
    statements = {n: statement_words(t) for n, t in texts.items()}
    plain = {n: plain_statement(t) for n, t in texts.items()}
    longest = max(map(len, plain.values()))
    found = {}
    for column, header in headers.items():
        match = (_exact_statement(header.candidates, statements)
                 or _similar_statement(header.candidates, plain, longest))
        if match:
            number, confidence, evidence = match
            found[column] = ItemMatch(column, inst.id, number, confidence, evidence)
    return found


def _exact_statement(candidates, statements: dict[int, tuple]) -> tuple | None:
    """A candidate equal to a statement (1.0), or ending with one (0.95). The longest statement
    wins, so 'I am happy' never takes 'I am happy that I chose to do this work'."""
    best = None
    for words in candidates:
        for number, statement in statements.items():
            if statement and statement[-1] is not None and (not words or statement[-1] != words[-1]):
                continue  # the header does not end with the statement's last word
            starts = statement_starts(words, statement)
            if starts:
                whole = 0 in starts
                key = (whole, len(" ".join(words[0 if whole else starts[0]:])))
                if best is None or key > best[0]:
                    evidence = "statement text" if whole else "statement text at the end of the header"
                    best = (key, (number, 1.0 if whole else 0.95, evidence))
    return best[1] if best else None


def _similar_statement(candidates, plain: dict[int, str], longest: int) -> tuple | None:
    """The statement most like a candidate, at least MIN_SIMILARITY alike. A candidate far
    longer than every statement cannot be that alike (the ratio counts the unmatched length),
    so it is not compared at all."""
    best = None
    for words in candidates:
        candidate = " ".join(words)
        if len(candidate) > SIMILAR_LENGTH * longest:
            continue
        hit = process.extractOne(candidate, plain, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    if best is None:
        return None
    _, score, number = best
    return number, round(score / 100 * 0.9, 2), f"statement text, {score:.0f}% similar"


def near_misses(headers: dict[str, tuple[str, ...]], instruments: list[Instrument],
                matches: list[ItemMatch]) -> list[NearMiss]:
    """For each item with shipped text that no column matched, the column no item took whose
    header is most like the statement (one column per item, the most alike first). Only the
    missing items and the free columns are compared, so a file that matched fully costs nothing."""
    found = {(m.instrument, m.item) for m in matches}
    missing = {inst.id: {item.number: plain_statement(item.text) for item in inst.items
                         if item.text and (inst.id, item.number) not in found} for inst in instruments}
    if not any(missing.values()):
        return []
    taken = {m.column for m in matches}
    texts = _read_headers({c: h for c, h in headers.items() if c not in taken})
    pairs = [m for inst_id, plain in missing.items() if plain for m in _alike(texts, inst_id, plain)]
    return sorted((NearMiss(m.instrument, m.item, m.column, round(m.confidence, 1)) for m in _one_to_one(pairs)),
                  key=lambda n: (n.instrument, n.item))


def _alike(texts: dict[str, _HeaderText], inst_id: str, plain: dict[int, str]) -> list[ItemMatch]:
    """Every (column, item) pair at least NEAR_MISS_SIMILARITY alike, the percentage as confidence."""
    longest = max(map(len, plain.values()))
    pairs = []
    for column, header in texts.items():
        for candidate in (" ".join(words) for words in header.candidates):
            if len(candidate) <= SIMILAR_LENGTH * longest:
                pairs += [ItemMatch(column, inst_id, number, score, "") for _, score, number in process.extract(
                    candidate, plain, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_SIMILARITY, limit=None)]
    return pairs


def _keyword_candidates(headers: dict[str, _HeaderText], inst: Instrument) -> dict[str, ItemMatch]:
    """Items without shipped text, found by distinctive header words."""
    found = {}
    for item in inst.items:
        words = [f" {normalise(k)} " for k in item.keywords]
        for column, header in headers.items():
            if words and any(w in header.spaced for w in words):
                found.setdefault(column, ItemMatch(column, inst.id, item.number, 0.85,
                                                   f"the header mentions '{item.keywords[0]}'"))
    return found
