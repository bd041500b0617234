"""Limits an upload must keep before any parser expands it, so that one file can neither
exhaust the server's memory nor smuggle in XML tricks.

A workbook is a zip of XML parts, and the reader (calamine) trusts it: it inflates every part
and lays each sheet out as a dense grid from its first to its last cell. So the zip's own
directory is read first (how many parts, how big they say they are, how hard they are squeezed,
whether they are encrypted), every XML part's prolog is searched for DTD and entity declarations,
and each sheet's cell references are scanned for how far they reach. A small file can still ask
for a great deal of work once laid out: thirty thousand XLSX cells pointing at one long shared
string, or an ODS cell that says it repeats a million times. So what the reader will lay out is
counted too (shared strings once per cell that uses them, ODS rows, cells and spaces with their
repeats) against one budget of characters, MAX_CHARS. Text files are held to the same limits on
columns and cell length after reading. Each refusal is one sentence naming the file and what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.parsers import expat

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tiwell.errors import LimitError

MAX_BYTES = 50 * 1024 * 1024  # the dashboard's upload limit (.streamlit/config.toml)
MAX_PARTS = 1_000
MAX_EXPANDED = 500 * 1024 * 1024  # all parts together, inflated
MAX_RATIO = 100  # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_COLUMNS = 1_000
MAX_CELLS = 10_000_000  # rows x columns of one sheet as the reader lays it out
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_CHARS = 100_000_000  # every cell's text, as the reader lays it out (shared and repeated text expanded)
PROLOG_BYTES = 64 * 1024
CHUNK = 8 * 1024 * 1024
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_ROOT = re.compile(rb"<[A-Za-z_]")


def check_size(data: bytes, filename: str) -> None:
    if len(data) > MAX_BYTES:
        raise LimitError(f"{filename} is {len(data) / 2**20:.0f} MB; tiwell reads files up to "
                         f"{MAX_BYTES // 2**20} MB. Export fewer columns or split the responses by wave.",
                         file=filename)


def check_workbook(data: bytes, filename: str) -> None:
    """Refuse a zip that would expand too far, is locked, or declares a DTD, or whose cells
    would hold too much once the reader lays them out, before it is opened."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        parts = book.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return  # not a readable zip: the reader says so in its own words
    _check_directory(parts, filename)
    with book:
        shared = [p for p in parts if p.filename.lower().endswith("sharedstrings.xml")]
        lengths = _broken(book, shared[0], filename, _shared_lengths) if shared else np.zeros(0, np.int64)
        scan = _Scan(filename, lengths)
        for part in parts:
            _broken(book, part, filename, lambda b, p: _check_part(b, p, scan))


def _broken(book: zipfile.ZipFile, part: zipfile.ZipInfo, filename: str, read):
    """``read(book, part)``, a damaged part being one sentence."""
    try:
        return read(book, part)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise LimitError(f"{filename} could not be read (it may be damaged or incomplete): "
                         f"part '{part.filename}' is broken ({exc}).", file=filename) from exc
    except _DtdFound:
        raise LimitError(_declares_dtd(filename), file=filename) from None
    except expat.ExpatError as exc:
        raise LimitError(f"{filename} could not be read (it may be damaged): part '{part.filename}' is not "
                         f"well-formed XML ({expat.errors.messages[exc.code]}, line {exc.lineno}).",
                         file=filename) from exc


class _Scan:
    """What the reader will lay out, summed over the workbook's parts as they are scanned."""

    def __init__(self, filename: str, shared_lengths: np.ndarray):
        self.filename = filename
        self.shared_lengths = shared_lengths
        self.chars = 0

    def add_chars(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_CHARS:
            raise LimitError(f"{self.filename} holds at least {self.chars:,} characters once its repeated and "
                             f"shared text is laid out in its cells; tiwell reads at most {MAX_CHARS:,} (a survey "
                             "export holds far fewer), so export the responses again from the survey tool.",
                             file=self.filename)

    def check_extent(self, rows: int, cols: int) -> None:
        if cols > MAX_COLUMNS:
            raise LimitError(_too_wide(self.filename, cols), file=self.filename)
        if rows * cols > MAX_CELLS:
            raise LimitError(f"{self.filename} has a sheet that reaches row {rows:,} and column {cols:,}: "
                             f"{rows * cols:,} cells, more than the {MAX_CELLS:,} tiwell reads. Delete the empty "
                             "rows and columns around the responses (or copy just the responses to a new sheet).",
                             file=self.filename)


def _check_directory(parts: list[zipfile.ZipInfo], filename: str) -> None:
    if len(parts) > MAX_PARTS:
        raise LimitError(f"{filename} holds {len(parts):,} parts; a workbook has far fewer (at most "
                         f"{MAX_PARTS:,} are read), so it is not a survey export.", file=filename)
    if any(part.flag_bits & 0x1 for part in parts):
        raise LimitError(_locked(filename), file=filename)
    expanded = sum(part.file_size for part in parts)
    squeezed = [p for p in parts if p.file_size > RATIO_FLOOR and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    if expanded > MAX_EXPANDED or squeezed:
        raise LimitError(f"{filename} expands to {expanded / 2**20:,.0f} MB when opened"
                         f"{', far more than its size suggests' if squeezed else ''}; tiwell does not open files "
                         f"like this (a 'zip bomb'). Export the responses again from the survey tool.", file=filename)


def _check_part(book: zipfile.ZipFile, part: zipfile.ZipInfo, scan: _Scan) -> None:
    name, filename = part.filename.lower(), scan.filename
    if name == "meta-inf/manifest.xml" and b"encryption-data" in _read(book, part):
        raise LimitError(_locked(filename), file=filename)
    if not name.endswith((".xml", ".rels", ".vml")):
        return
    with book.open(part) as stream:
        head = stream.read(PROLOG_BYTES)
        root = _ROOT.search(head)
        if _DTD.search(head[: root.start()] if root else head):
            raise LimitError(_declares_dtd(filename), file=filename)
        if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name):
            _check_extent(head, stream, scan)
        elif name == "content.xml":
            _OdsLayout(scan).read(head, stream)


def _read(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    with book.open(part) as stream:
        return stream.read(PROLOG_BYTES)


def _check_extent(head: bytes, stream, scan: _Scan) -> None:
    """How far the sheet's cell references reach, and how much shared text its cells take,
    read in chunks so memory stays small."""
    rows = cols = 0
    buffer = head
    while buffer:
        r, c = _furthest_cell(buffer)
        rows, cols = max(rows, r), max(cols, c)
        more = stream.read(CHUNK)
        scan.add_chars(_shared_chars(buffer, scan.shared_lengths, last=not more))
        buffer = buffer[-SHARED_CARRY:] + more if more else b""
    scan.check_extent(rows, cols)


SHARED_CARRY = 256  # bytes from a cell's t="s" to its <v>, at most, for a cell split between two chunks


def _shared_chars(buffer: bytes, lengths: np.ndarray, last: bool) -> int:
    """Characters of the shared strings that the buffer's ``t="s"`` cells point at (each cell
    holds its own copy once read). Cells starting in the last SHARED_CARRY bytes are left to
    the next buffer, which starts with those bytes, unless this is the ``last``."""
    a = np.frombuffer(buffer, dtype=np.uint8)
    if len(a) < 16 or not len(lengths):
        return 0
    t = np.flatnonzero(a[:-4] == ord("t"))
    quote = a[t + 2]
    t = t[(a[t + 1] == ord("=")) & ((quote == 34) | (quote == 39)) & (a[t + 3] == ord("s")) & (a[t + 4] == quote)]
    if not last:
        t = t[t < len(a) - SHARED_CARRY]
    v = np.flatnonzero((a[:-13] == ord("<")) & (a[1:-12] == ord("v")) & (a[2:-11] == ord(">")))
    at = np.searchsorted(v, t)
    v = v[at[at < len(v)]] + 3
    index = np.zeros(len(v), dtype=np.int64)
    going = np.ones(len(v), dtype=bool)
    for k in range(10):
        digit = a[v + k].astype(np.int64) - 48
        going &= (digit >= 0) & (digit <= 9)
        index = np.where(going, index * 10 + digit, index)
    index = index[index < len(lengths)]
    return int(lengths[index].sum())


def _shared_lengths(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> np.ndarray:
    """The length in characters of each shared string, in order."""
    lengths: list[int] = []
    parser = _parser()

    def start(name, attrs):
        if name.endswith(" si"):
            lengths.append(0)

    def text(data):
        if lengths:
            lengths[-1] += len(data)

    parser.StartElementHandler, parser.CharacterDataHandler = start, text
    with book.open(part) as stream:
        parser.ParseFile(stream)
    return np.array(lengths, dtype=np.int64)


class _DtdFound(Exception):
    """A DTD met while parsing a part (check_part looks only at a part's first bytes for one)."""


def _parser():
    """An XML parser that refuses any DTD it meets and reports names as 'namespace local-name'."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def refuse(*_):
        raise _DtdFound

    parser.StartDoctypeDeclHandler = refuse
    return parser


def _declares_dtd(filename: str) -> str:
    return (f"{filename} declares its own XML entities (a DTD), which survey tools never write and which can be "
            "used to attack a reader; open it in Excel, save it again and upload that copy.")


class _OdsLayout:
    """An OpenDocument sheet as the reader lays it out: a row or cell may say it repeats (a few
    bytes for a million copies), so each sheet's extent and every cell's text are counted with
    their repeats, up to the last filled column (trailing empty cells are not laid out).

    The XML is cut at each row's end. A row that repeats nothing is laid out as written, so its
    cells are only counted (its text is no more than its bytes, held to MAX_EXPANDED with the
    rest); a row that repeats is read cell by cell. Names are matched as written ('table:...'),
    as the reader matches them."""

    def __init__(self, scan: _Scan):
        self.scan = scan
        self.rows = self.cols = self.row = 0

    def read(self, head: bytes, stream) -> None:
        carry, more = b"", head
        while more:
            if _DTD.search(more):
                raise LimitError(_declares_dtd(self.scan.filename), file=self.scan.filename)
            *rows, carry = (carry + more).split(b"</table:table-row>")
            for row in rows:
                self.add_row(row)
            more = stream.read(CHUNK)

    def add_row(self, row: bytes) -> None:
        """One row's XML, up to its end tag (with any sheet start before it)."""
        if _ODS_SHEET.search(row):
            self.rows = self.cols = self.row = 0
        if b"repeated" in row or b"text:c" in row:
            cells, chars, repeat = _repeated_row(row)
        else:
            cells, chars, repeat = row.count(b"<table:table-cell") + row.count(b"<table:covered-table-cell"), 0, 1
        if cells:
            self.rows, self.cols = self.row + repeat, max(self.cols, cells)
            self.scan.check_extent(self.rows, self.cols)
            self.scan.add_chars(chars * repeat)
        self.row += repeat


_ODS_SHEET = re.compile(rb"<table:table[\s>]")
_ODS_ROW = re.compile(rb"<table:table-row(?=[\s/>])")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])")
_ODS_PARAGRAPH = re.compile(rb"<text:p(?=[\s/>])")
_ODS_SPACES = re.compile(rb"<text:s(?=[\s/>])[^<]*")
_ODS_BREAK = re.compile(rb"<text:(?:tab|line-break)(?=[\s/>])")
_ODS_TEXT = re.compile(rb">[^<\S]*([^<]*)")  # from the first character that is not layout whitespace
_ODS_REPEAT = re.compile(rb"""(?<![\w:.-])(table:number-rows-repeated|table:number-columns-repeated|text:c)\s*=\s*"""
                         rb"""["']\s*(\d+)\s*["']""")


def _repeated_row(row: bytes) -> tuple[int, int, int]:
    """A row that repeats something: how far its filled cells reach, the characters that
    repeating adds to one copy of the row (all its text when the row itself repeats), and how
    many times the row repeats. A tag runs to the next '<' (no attribute value may hold one),
    and text is what follows a '>' up to the next '<', so nothing is scanned twice and an
    attribute holding '>' can only make a count larger."""
    found = _ODS_ROW.search(row)
    repeat = _repeat(_tag(row, found.start()), b"table:number-rows-repeated") if found else 1
    starts = [m.start() for m in _ODS_CELL.finditer(row, found.end() if found else 0)]
    ends = starts[1:] + [len(row)]
    if not starts:
        return 0, 0, repeat
    # one copy of the row: all its text if the row repeats, else just its written-out spaces
    chars = _text_length(row[starts[0]:], len(starts)) if repeat > 1 else _spaces(row)
    col, first_columns = 0, []
    for at, end in zip(starts, ends):
        tag = _tag(row, at)
        cell_repeat = _repeat(tag, b"table:number-columns-repeated") if b"repeated" in tag else 1
        if cell_repeat > 1:
            chars += _text_length(row[at:end]) * (cell_repeat - 1)
        first_columns.append(col)
        col += cell_repeat
    for at, end, first in zip(reversed(starts), reversed(ends), reversed(first_columns)):
        tag = _tag(row, at)
        if b"office:value-type" in tag or _text_length(row[at:end]):  # the last filled cell
            return first + (_repeat(tag, b"table:number-columns-repeated") if b"repeated" in tag else 1), chars, repeat
    return 0, chars, repeat


def _text_length(xml: bytes, cells: int = 1) -> int:
    """Characters of text in ``cells`` cells: between tags, less the layout's own whitespace,
    with a line break between a cell's paragraphs and a character for each tab, line break
    or space."""
    runs = sum(map(len, _ODS_TEXT.findall(xml)))
    return runs + max(len(_ODS_PARAGRAPH.findall(xml)) - cells, 0) + len(_ODS_BREAK.findall(xml)) + _spaces(xml)


def _spaces(xml: bytes) -> int:
    """The spaces written as ``<text:s text:c="n"/>`` (n of them; one without a count)."""
    return sum(_repeat(tag, b"text:c") for tag in _ODS_SPACES.findall(xml)) if b"<text:s" in xml else 0


def _tag(xml: bytes, at: int) -> bytes:
    """The tag starting at ``at``: up to the next '<'."""
    end = xml.find(b"<", at + 1)
    return xml[at: end if end >= 0 else len(xml)]


def _repeat(tag: bytes, name: bytes) -> int:
    """A repeat count given in a tag's attributes (rows, columns, or a run of spaces), 1 if none."""
    return next((int(n) for found, n in _ODS_REPEAT.findall(tag) if found == name), 1)


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
        lengths = pc.utf8_length(as_arrow(grid[column]))
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > MAX_CELL_CHARS:
            row = pc.index(lengths, longest).as_py() + 1
            raise LimitError(f"{where}, row {row}, column {_letters(position)} holds {longest:,} characters; "
                             f"a cell holds at most {MAX_CELL_CHARS:,} (Excel's own limit). Shorten it or remove it.",
                             row=row)


def as_arrow(column: pd.Series) -> pa.Array:
    """A column of text as the Arrow array beneath it, for Arrow's own functions: pandas' text
    methods cost about a millisecond a call, so a thousand-column sheet spent seconds in them."""
    return pa.array(column, type=pa.large_string())


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
