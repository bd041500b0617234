"""Rows that hold another export's header: an instrument's statements or numbered headings where
answers should be (a CBI export's header pasted below ProQOL answers, or the same survey's
header as another tool writes it).

Such a row shares no cell with the file's own header, so reading cannot tell it from answers;
its cells are read here as headers are, against every instrument known. Only rows with several
cells that are no answer are looked at, so a file of answers costs nothing more. The rows below
such a header belong to another export, in columns that mean something else: they are set aside
with it, up to the next header, and never scored.
"""

from __future__ import annotations

from collections import Counter

from tiwell.findings import Code, Finding
from tiwell.ingest.header_blocks import PastedHeader
from tiwell.ingest.tables import SourceTable
from tiwell.instruments.load import Instrument
from tiwell.mapping.items import detect_items

MIN_CELLS = 3       # cells that read as an instrument's headings, for a row to be a header
MAX_LOOKED_AT = 50  # rows with the most non-answers looked at: headers pasted in are few


def foreign_headers(table: SourceTable, problems: list[Finding], instruments: list[Instrument]) -> list[PastedHeader]:
    """Rows whose cells read as ``instruments``' item headings rather than answers (from the
    rows ``problems`` found no answer in), each with the rows below it up to the next header."""
    counts = Counter(f.row for f in problems if f.code == Code.NOT_AN_ANSWER)
    headers = []
    for row, count in counts.most_common(MAX_LOOKED_AT):
        if count < MIN_CELLS:
            break
        cells = {column: (text,) for column, text in table.frame.loc[row].items() if text}
        matches = detect_items(cells, instruments, chosen=True)[0]
        if len(matches) >= MIN_CELLS:
            named = Counter(m.instrument for m in matches).most_common(1)[0][0]
            name = next(inst.short_name for inst in instruments if inst.id == named)
            headers.append((row, f"holds {name} item headings"))
    return [PastedHeader((row,), _below(table, row, headers), refused=True, why=why) for row, why in sorted(headers)]


def _below(table: SourceTable, row: int, found: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The rows after ``row`` up to the next header (pasted or found here), as (first, last)."""
    later = [r for header in table.pasted_headers for r in header.rows[:1] if r > row]
    later += [r for r, _ in found if r > row]
    index = table.frame.index
    below = index[(index > row) & (index < min(later, default=index.max() + 1))]
    return (int(below[0]), int(below[-1])) if len(below) else None
