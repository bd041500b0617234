"""Rows that hold another export's header: an instrument's statements or numbered headings where
answers should be (a CBI export's header pasted below ProQOL answers, or the same survey's
header as another tool writes it).

Such a row shares too few cells with the file's own header for reading to tell it from answers;
its cells that are no answer are read here as headers are, against every instrument known, so a
file of answers costs nothing more. The rows below such a header belong to another export, in
columns that mean something else: they are set aside with it, up to the next header, and never
scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from tiwell.findings import Code, Finding
from tiwell.ingest.header_blocks import PastedHeader
from tiwell.ingest.tables import SourceTable
from tiwell.instruments.load import Instrument, builtin_instruments
from tiwell.mapping.items import detect_items

MIN_CELLS = 3       # cells that read as an instrument's headings, for a row to be a header
MAX_LOOKED_AT = 20  # rows with the most non-answers looked at: headers pasted in are few


def foreign_headers(table: SourceTable, problems: list[Finding], in_use: tuple[Instrument, ...]) -> list[PastedHeader]:
    """Rows whose non-answers read as item headings of a built-in instrument or one ``in_use``
    (``problems`` name the cells that are no answer), each with the rows below it up to the next
    header. A row is looked at only when several of its non-answers differ (headings do; 'Prefer
    not to say' in every column does not), and each different set of cells once."""
    cells_of: dict[int, list[str]] = defaultdict(list)
    for f in problems:
        if f.code == Code.NOT_AN_ANSWER:
            cells_of[f.row].append(f.column)
    headers, seen = [], {}
    for row, columns in sorted(cells_of.items(), key=lambda kv: -len(kv[1]))[:MAX_LOOKED_AT]:
        cells = {column: (table.frame.at[row, column],) for column in columns}
        if len(set(cells.values())) < MIN_CELLS:
            continue
        key = tuple(cells.items())
        if key not in seen:
            seen[key] = _headings_of(cells, _known(in_use))
        if seen[key]:
            headers.append((row, f"holds {seen[key]} item headings"))
    return [PastedHeader((row,), _below(table, row, headers), refused=True, why=why) for row, why in sorted(headers)]


def _known(in_use: tuple[Instrument, ...]) -> list[Instrument]:
    """Every instrument a pasted header may come from: the built-in ones and those in use."""
    builtins = list(builtin_instruments())
    return builtins + [inst for inst in in_use if inst.id not in {b.id for b in builtins}]


def _headings_of(cells: dict[str, tuple[str]], instruments: list[Instrument]) -> str | None:
    """The name of the instrument whose item headings the cells mostly are, when at least MIN_CELLS are."""
    matches = detect_items(cells, instruments, chosen=True)[0]
    if len(matches) < MIN_CELLS:
        return None
    named = Counter(m.instrument for m in matches).most_common(1)[0][0]
    return next(inst.short_name for inst in instruments if inst.id == named)


def _below(table: SourceTable, row: int, found: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The rows after ``row`` up to the next header (pasted or found here), as (first, last)."""
    later = [r for header in table.pasted_headers for r in header.rows[:1] if r > row]
    later += [r for r, _ in found if r > row]
    index = table.frame.index
    below = index[(index > row) & (index < min(later, default=index.max() + 1))]
    return (int(below[0]), int(below[-1])) if len(below) else None
