"""Header rows inside the data: exports pasted one below another, headers and all.

An organisation that runs its survey as a new form each year pastes the yearly exports into one
sheet. Each pasted header (one row, or a tool's block of two or three) would otherwise be read as a
respondent, and the rows below a header whose columns were in another order would be scored from
the wrong columns. Here a row is a pasted header when most of its cells are header cells of the
file's own header, in any order; each block of such rows is taken out of the data, and the rows
below it are read by that block's own header: re-aligned to the first header's columns by name.
A block that shares too few columns with the first header cannot be re-aligned, and its rows are
set aside rather than scored from columns that mean something else.

Rows of another instrument's or another tool's header (statements rather than answers) share too
few cells with this header to be told apart here; those are found once the instruments are known
(:mod:`tiwell.mapping.header_rows`), and set aside, with the rows below them, by :func:`without_rows`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tiwell.ingest.guard import as_arrow

_PROBES = 5  # columns first looked at, the first filled in each header row: a pasted header row holds
# header text in two or more of them, whatever its order (one alone may be an answer that repeats a
# header's words: Qualtrics' 'IP Address')
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
MIN_SHARED = 0.5  # of the first header's named columns, for a block to be re-aligned by name


@dataclass(frozen=True)
class PastedHeader:
    """A header found inside the data (``rows``), and what became of the rows below it
    (``data_rows``, first and last): ``realigned`` when its columns were in another order and
    were put back in the first header's order; ``refused`` when they could not be."""

    rows: tuple[int, ...]
    data_rows: tuple[int, int] | None = None
    realigned: bool = False
    refused: bool = False
    missing: tuple[str, ...] = ()   # the first header's columns this block lacks (empty in its rows)
    extra: tuple[str, ...] = ()     # this block's columns the first header lacks (left out)
    why: str = ""                   # for a row found by its text: what it holds

    @property
    def sentence(self) -> str:
        """What was found and done, for the report and the summary."""
        rows = _span(self.rows)
        below = f"the rows below it ({_numbers(self.data_rows)})" if self.data_rows else "no rows are below it"
        if self.why:
            after = (f"; nor are {below}, which come from that other export, in other columns (give them as a file "
                     "of their own)") if self.data_rows else ""
            return f"{rows} {self.why}, not answers: a header pasted into the data, not scored{after}."
        if self.refused:
            return (f"{rows} {_is(self.rows)} a header pasted into the data that names other columns than the first "
                    f"header; {below} cannot be read by the first header's columns and are not scored: give them "
                    "as a file of their own.")
        if not self.realigned:
            return f"{rows} {_is(self.rows)} a copy of the header, pasted into the data; not scored."
        lacking = f"; it has no {_names(self.missing)}" if self.missing else ""
        left = f"; its {_names(self.extra)} {'is' if len(self.extra) == 1 else 'are'} left out" if self.extra else ""
        return (f"{rows} {_is(self.rows)} a header pasted into the data, with the columns in another order; "
                f"{below} were read by that header's own columns, so each is scored right{lacking}{left}.")


def _span(rows: tuple[int, ...]) -> str:
    return f"Row {rows[0]}" if len(rows) == 1 else f"Rows {rows[0]}-{rows[-1]}"


def _numbers(span: tuple[int, int]) -> str:
    """A run of rows as its numbers: '7', '20-27'."""
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _is(rows: tuple[int, ...]) -> str:
    return "is" if len(rows) == 1 else "are"


def _names(columns: tuple[str, ...], limit: int = 3) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    more = f" and {len(columns) - limit} more" if len(columns) > limit else ""
    return f"column{'s' if len(columns) > 1 else ''} {shown}{more}"


def body_rows(grid: pd.DataFrame, filled: pd.DataFrame, start: int, header_grid: pd.DataFrame,
              name_columns: Callable[[pd.DataFrame], list[str]]) -> tuple[pd.DataFrame, np.ndarray, list[PastedHeader]]:
    """The rows of ``grid`` from ``start`` on, indexed by spreadsheet row, which of them are blank,
    and the headers pasted among them (taken out, the rows below each read by its own columns)."""
    body = grid.iloc[start:]
    body.index = pd.RangeIndex(start + 1, start + 1 + len(body), name="row")
    body_filled = filled.iloc[start:].to_numpy()
    blank = ~body_filled.any(axis=1)
    pasted_mask = header_row_mask(body, body_filled, header_grid)
    if not pasted_mask.any():
        return body, blank, []
    body, pasted = realign(body, pasted_mask, header_grid, name_columns)
    return body, blank[body.index.to_numpy() - (start + 1)], pasted


def header_row_mask(body: pd.DataFrame, filled: np.ndarray, header_grid: pd.DataFrame) -> np.ndarray:
    """Which rows of ``body`` (text cells, columns by position; ``filled``: its non-empty cells)
    repeat the header: at least two cells, and at least half of those filled, are cells of
    ``header_grid`` (at their own place, or anywhere when they are not plain numbers, which
    answers may also be). A few columns are looked at first, so a file with no pasted header
    costs little more than reading it (25 ms of 1.5 s for 100,000 rows of 40 columns)."""
    header_cells = header_grid.to_numpy()
    words = pa.array(sorted({c for c in header_cells.ravel() if c and not _NUMBER.fullmatch(c)}),
                     type=pa.large_string())
    if not len(body) or not len(words):
        return np.zeros(len(body), dtype=bool)
    probes = sorted({j for cells in header_cells for j in np.flatnonzero(cells != "")[:_PROBES].tolist()})
    probe_hits = np.zeros(len(body), dtype=np.int8)
    for j in probes:
        probe_hits += _hits(as_arrow(body.iloc[:, j]), words, header_cells[:, j])
    rows = np.flatnonzero(probe_hits >= min(2, len(probes)))
    if not len(rows):
        return np.zeros(len(body), dtype=bool)
    hits = np.zeros(len(rows), dtype=int)
    for j in range(body.shape[1]):
        hits += _hits(pa.array(body.iloc[rows, j], type=pa.large_string()), words, header_cells[:, j])
    mask = np.zeros(len(body), dtype=bool)
    mask[rows] = (hits >= 2) & (2 * hits >= filled[rows].sum(axis=1))
    return mask


def _hits(cells: pa.Array, words: pa.Array, own: np.ndarray) -> np.ndarray:
    """Cells that are header text: any header cell's words, or this column's own header cells
    (compared one by one only when they are numbers, which ``words`` leaves out)."""
    found = pc.is_in(cells, words)
    for text in {c for c in own if c and _NUMBER.fullmatch(c)}:
        found = pc.or_(found, pc.equal(cells, text))
    return found.fill_null(False).to_numpy(zero_copy_only=False)


@dataclass(frozen=True)
class _Alignment:
    """How the rows under a pasted header are read: ``order`` gives, for each of the first
    header's columns, the position that holds it under this header (None: this header lacks it);
    no order when the columns are the first header's, in its order."""

    order: tuple[int | None, ...] | None = None
    refused: bool = False
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


def realign(body: pd.DataFrame, mask: np.ndarray, header_grid: pd.DataFrame,
            name_columns: Callable[[pd.DataFrame], list[str]]) -> tuple[pd.DataFrame, list[PastedHeader]]:
    """The body without its pasted header rows, the rows under each pasted header put into the
    first header's column order (by the names ``name_columns`` gives a header block), and what
    was found. ``body`` is indexed by spreadsheet row; rows under a header that cannot be
    re-aligned are left out (and reported). Each different header is read once, and the rows
    under the same header moved together, however many times it was pasted."""
    names = name_columns(header_grid)
    positions = np.flatnonzero(mask)
    starts = positions[np.r_[True, np.diff(positions) > 1]]
    ends = positions[np.r_[np.diff(positions) > 1, True]]
    stops = np.r_[starts[1:], len(body)]
    cells = body.iloc[positions].to_numpy()  # every pasted header's cells, read at once
    first_of = dict(zip(positions.tolist(), range(len(positions))))
    row_numbers = body.index.to_numpy()
    keep, moved, seen, found = ~mask, {}, {}, []
    for start, end, stop in zip(starts.tolist(), ends.tolist(), stops.tolist()):
        block = cells[first_of[start]: first_of[end] + 1]
        key = tuple(block.ravel())
        if key not in seen:
            seen[key] = _alignment(pd.DataFrame(block), names, header_grid, name_columns)
        align = seen[key]
        rows = tuple(row_numbers[start: end + 1].tolist())
        data_rows = (int(row_numbers[end + 1]), int(row_numbers[stop - 1])) if stop > end + 1 else None
        found.append(PastedHeader(rows, data_rows, realigned=align.order is not None, refused=align.refused,
                                  missing=align.missing, extra=align.extra))
        if align.refused or align.order is not None:
            keep[end + 1: stop] = False
        if align.order is not None:
            moved.setdefault(align.order, []).append(np.arange(end + 1, stop))
    pieces = [body[keep]] + [_in_order(body.iloc[np.concatenate(spans)], order) for order, spans in moved.items()]
    return (pd.concat(pieces).sort_index() if len(pieces) > 1 else pieces[0]), found


def _in_order(rows: pd.DataFrame, order: tuple[int | None, ...]) -> pd.DataFrame:
    """``rows`` with their columns put in the first header's order; a column they lack is empty."""
    empty = pd.Series("", index=rows.index, dtype=rows.dtypes.iloc[0])
    return pd.DataFrame({j: rows.iloc[:, p] if p is not None else empty for j, p in enumerate(order)}, index=rows.index)


def _alignment(block: pd.DataFrame, names: list[str], header_grid: pd.DataFrame, name_columns) -> _Alignment:
    """How to read the rows under one pasted header by the first header's column ``names``."""
    own = name_columns(_matching_rows(block, header_grid))
    if own == names:
        return _Alignment()
    where = {name: p for p, name in enumerate(own)}
    named = [n for n in names if not n.startswith("Column ")]
    if sum(n in where for n in named) < max(1, MIN_SHARED * len(named)):
        return _Alignment(refused=True)
    extra = tuple(n for n in own if n not in set(names) and not n.startswith("Column "))
    return _Alignment(tuple(where.get(n) for n in names), missing=tuple(n for n in named if n not in where),
                      extra=extra)


def _matching_rows(block: pd.DataFrame, header_grid: pd.DataFrame) -> pd.DataFrame:
    """A pasted block as a header of the first header's shape: when it has as many rows, itself;
    when fewer (one row of a three-row header pasted alone), each of its rows put in the place of
    the header row it shares most cells with, the others as the first header has them."""
    if len(block) == len(header_grid):
        return block.reset_index(drop=True)
    shaped = header_grid.reset_index(drop=True).copy()
    for _, row in block.iterrows():
        cells = set(row) - {""}
        best = max(range(len(header_grid)), key=lambda h: len(cells & set(header_grid.iloc[h])))
        shaped.iloc[best] = row.to_numpy()
    return shaped


def without_rows(table, found: list[PastedHeader]):
    """The table without the rows of ``found`` (headers found by their text, and the rows
    below each), each recorded as a pasted header, so nothing downstream scores them."""
    gone = [r for header in found for r in (*header.rows, *_rows_of(table, header.data_rows))]
    codes = table.person_codes
    return dataclasses.replace(table, frame=table.frame.drop(index=gone),
                               person_codes=None if codes is None else codes.drop(index=gone, errors="ignore"),
                               pasted_headers=table.pasted_headers + tuple(found))


def _rows_of(table, span: tuple[int, int] | None) -> list[int]:
    index = table.frame.index
    return [] if span is None else index[(index >= span[0]) & (index <= span[1])].tolist()
