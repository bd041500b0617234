"""Limits an upload must keep before any parser expands it, so that one file can neither
exhaust the server's memory nor smuggle in XML tricks.

A workbook is a zip of XML parts, and the reader (calamine) trusts it: it inflates every part
and lays each sheet out as a dense grid from its first to its last cell. So the zip's own
directory is read first (how many parts, how big they say they are, how hard they are squeezed,
whether they are encrypted), every XML part's prolog is searched for DTD and entity declarations,
and each sheet's cell references are scanned for how far they reach. Text files are held to the
same limits on columns and cell length after reading. Each refusal is one sentence naming the
file and what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import numpy as np
import pandas as pd

MAX_BYTES = 50 * 1024 * 1024  # the dashboard's upload limit (.streamlit/config.toml)
MAX_PARTS = 1_000
MAX_EXPANDED = 500 * 1024 * 1024  # all parts together, inflated
MAX_RATIO = 100  # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_COLUMNS = 1_000
MAX_CELLS = 10_000_000  # rows x columns of one sheet as the reader lays it out
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
PROLOG_BYTES = 64 * 1024
CHUNK = 8 * 1024 * 1024
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_ROOT = re.compile(rb"<[A-Za-z_]")


class LimitError(ValueError):
    """An upload over one of the limits; the message is one plain sentence."""


def check_size(data: bytes, filename: str) -> None:
    if len(data) > MAX_BYTES:
        raise LimitError(f"{filename} is {len(data) / 2**20:.0f} MB; tiwell reads files up to "
                         f"{MAX_BYTES // 2**20} MB. Export fewer columns or split the responses by wave.")


def check_workbook(data: bytes, filename: str) -> None:
    """Refuse a zip that would expand too far, is locked, or declares a DTD, before it is opened."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        parts = book.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return  # not a readable zip: the reader says so in its own words
    _check_directory(parts, filename)
    with book:
        for part in parts:
            try:
                _check_part(book, part, filename)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
                raise LimitError(f"{filename} could not be read (it may be damaged or incomplete): "
                                 f"part '{part.filename}' is broken ({exc}).") from exc


def _check_directory(parts: list[zipfile.ZipInfo], filename: str) -> None:
    if len(parts) > MAX_PARTS:
        raise LimitError(f"{filename} holds {len(parts):,} parts; a workbook has far fewer (at most "
                         f"{MAX_PARTS:,} are read), so it is not a survey export.")
    if any(part.flag_bits & 0x1 for part in parts):
        raise LimitError(_locked(filename))
    expanded = sum(part.file_size for part in parts)
    squeezed = [p for p in parts if p.file_size > RATIO_FLOOR and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    if expanded > MAX_EXPANDED or squeezed:
        raise LimitError(f"{filename} expands to {expanded / 2**20:,.0f} MB when opened"
                         f"{', far more than its size suggests' if squeezed else ''}; tiwell does not open files "
                         f"like this (a 'zip bomb'). Export the responses again from the survey tool.")


def _check_part(book: zipfile.ZipFile, part: zipfile.ZipInfo, filename: str) -> None:
    name = part.filename.lower()
    if name == "meta-inf/manifest.xml" and b"encryption-data" in _read(book, part):
        raise LimitError(_locked(filename))
    if not name.endswith((".xml", ".rels", ".vml")):
        return
    with book.open(part) as stream:
        head = stream.read(PROLOG_BYTES)
        root = _ROOT.search(head)
        if _DTD.search(head[: root.start()] if root else head):
            raise LimitError(f"{filename} declares its own XML entities (a DTD), which survey tools never "
                             "write and which can be used to attack a reader; open it in Excel, save it again "
                             "and upload that copy.")
        if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name):
            _check_extent(head, stream, filename)


def _read(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    with book.open(part) as stream:
        return stream.read(PROLOG_BYTES)


def _check_extent(head: bytes, stream, filename: str) -> None:
    """How far the sheet's cell references reach, read in chunks so memory stays small."""
    rows = cols = 0
    buffer = head
    while buffer:
        r, c = _furthest_cell(buffer)
        rows, cols = max(rows, r), max(cols, c)
        more = stream.read(CHUNK)
        buffer = buffer[-16:] + more if more else b""
    if cols > MAX_COLUMNS:
        raise LimitError(_too_wide(filename, cols))
    if rows * cols > MAX_CELLS:
        raise LimitError(f"{filename} has a sheet that reaches row {rows:,} and column {cols:,}: "
                         f"{rows * cols:,} cells, more than the {MAX_CELLS:,} tiwell reads. Delete the empty "
                         "rows and columns around the responses (or copy just the responses to a new sheet).")


def _furthest_cell(buffer: bytes) -> tuple[int, int]:
    """The largest row and column named by any ``r="B12"`` reference in the buffer."""
    a = np.frombuffer(buffer, dtype=np.uint8)
    if len(a) < 12:
        return 0, 0
    r = np.flatnonzero(a[1:-10] == ord("r")) + 1
    before, quote = a[r - 1], a[r + 2]
    r = r[(a[r + 1] == ord("=")) & ((quote == 34) | (quote == 39))
          & ((before == 32) | (before == 9) | (before == 10) | (before == 13))]
    if not len(r):
        return 0, 0
    window = a[(r + 3)[:, None] + np.arange(8)].astype(np.int64)
    letter = (window >= 65) & (window <= 90)
    n_letters = np.minimum(np.argmin(letter, axis=1), 3)
    col = np.zeros(len(r), dtype=np.int64)
    for k in range(3):
        col = np.where(n_letters > k, col * 26 + window[:, k] - 64, col)
    col = np.where(letter[:, 3], 10**9, col)  # four letters: beyond any sheet
    row = np.zeros(len(r), dtype=np.int64)
    going = np.ones(len(r), dtype=bool)
    for k in range(8):
        digit = window[np.arange(len(r)), np.minimum(n_letters + k, 7)] - 48
        going &= (digit >= 0) & (digit <= 9) & (n_letters + k < 8)
        row = np.where(going, row * 10 + digit, row)
    return int(row.max()), int(col.max())


def check_grid(grid: pd.DataFrame, where: str) -> None:
    """After reading: no more columns than a survey has, no cell longer than Excel allows."""
    if grid.shape[1] > MAX_COLUMNS:
        raise LimitError(_too_wide(where, grid.shape[1]))
    for position, column in enumerate(grid.columns):
        lengths = grid[column].str.len()
        longest = lengths.max() if len(lengths) else 0
        if pd.notna(longest) and longest > MAX_CELL_CHARS:
            row = int(lengths.to_numpy().argmax()) + 1
            raise LimitError(f"{where}, row {row}, column {_letters(position)} holds {int(longest):,} characters; "
                             f"a cell holds at most {MAX_CELL_CHARS:,} (Excel's own limit). Shorten it or remove it.")


def check_width(width: int, where: str) -> None:
    if width > MAX_COLUMNS:
        raise LimitError(_too_wide(where, width))


def _too_wide(where: str, width: int) -> str:
    return (f"{where} has {width:,} columns; tiwell reads at most {MAX_COLUMNS:,}. Export just the survey's "
            "questions and teams (most tools let you choose the columns).")


def _locked(filename: str) -> str:
    return (f"{filename} is protected by a password. Open it, remove the password and save it again, "
            "then upload that copy.")


def _letters(position: int) -> str:
    letters, position = "", position + 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
