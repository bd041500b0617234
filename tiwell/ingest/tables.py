"""Reading an upload (bytes and a file name) into tables of text cells.

Survey tools do not write one clean header row: Qualtrics writes three (names, question text,
import ids), SurveyMonkey and SmartSurvey two (the question, then each matrix statement), and people paste a title
above the header in plain Excel. Here every layout becomes one :class:`SourceTable`: unique column
names, the header text of each column kept for mapping, and the spreadsheet row number of each
data row so that every message can point at the row a person sees. Personal-data columns are
dropped here, before anything else sees or caches them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tiwell.errors import IngestError
from tiwell.ingest import guard
from tiwell.ingest.header_blocks import PastedHeader, body_rows
from tiwell.ingest.personal import find_personal_columns, identifier_column
from tiwell.ingest.pseudonym import private_codes
from tiwell.ingest.tools import is_statement_row, tool_layout

LAYOUTS = {"qualtrics": "Qualtrics", "surveymonkey": "SurveyMonkey", "smartsurvey": "SmartSurvey-style two-row",
           "limesurvey": "LimeSurvey", "microsoft_forms": "Microsoft Forms", "google_forms": "Google Forms",
           "plain": "plain spreadsheet"}
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SEPARATORS = (",", ";", "\t")
_IMPORT_ID = re.compile(r'^\{"ImportId"')
_SURVEYMONKEY_SUBHEADERS = {"response", "open-ended response", "other (please specify)"}
# pandas' default missing-value words: a cell holding exactly one of them reads as empty, as it
# did when sheets were read with pd.read_excel.
_MISSING_WORDS = pa.array(["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
                           "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"], type=pa.large_string())


@dataclass(frozen=True)
class SourceTable:
    """One sheet of an upload: text cells ('' when empty), indexed by spreadsheet row number."""

    frame: pd.DataFrame
    headers: dict[str, tuple[str, ...]]
    filename: str
    sheet: str | None
    layout: str
    header_rows: tuple[int, ...]
    blank_rows: tuple[int, ...]
    dropped: tuple[tuple[str, str], ...]
    person_codes: pd.Series | None = None  # by row: private codes of an employee number, when asked for
    pasted_headers: tuple[PastedHeader, ...] = ()  # headers found inside the data, not scored

    @property
    def where(self) -> str:
        """How messages name this table: the file, and the sheet when there is one."""
        return f"{self.filename}, sheet '{self.sheet}'" if self.sheet else self.filename

    @property
    def layout_name(self) -> str:
        """How messages name the layout the header was read in: 'Microsoft Forms', 'plain spreadsheet'."""
        return LAYOUTS[self.layout]


def read_tables(data: bytes, filename: str, sheet: str | None = None,
                id_key: bytes | None = None) -> Iterator[SourceTable]:
    """Yield each readable sheet of the upload (just the named one when ``sheet`` is given).
    With ``id_key``, an employee-number column is kept only as private codes (see
    :mod:`tiwell.ingest.pseudonym`); it is dropped with the other personal columns either way."""
    kind = _file_kind(data, filename)
    if kind == "text":
        yield _table(_read_text_grid(data, filename), filename, None, id_key)
        return
    book = _open_workbook(data, filename)
    names = list(book.sheet_names)
    if sheet is not None and sheet not in names:
        raise IngestError(f"{filename} has no sheet named '{sheet}'; its sheets are: {', '.join(names)}.",
                          file=filename)
    for name in [sheet] if sheet is not None else names:
        try:
            grid = _sheet_grid(book, name)
        except Exception as exc:  # calamine raises its own types for each kind of damage
            raise IngestError(f"{filename}, sheet '{name}' could not be read (it may be damaged): {exc}.",
                              file=filename, sheet=name) from exc
        if grid.size:
            yield _table(grid, filename, name, id_key)


def sheet_names(data: bytes, filename: str) -> tuple[str, ...]:
    """The sheets a user may choose between (none for a text file)."""
    if _file_kind(data, filename) == "text":
        return ()
    return tuple(_open_workbook(data, filename).sheet_names)


# ---------------------------------------------------------------- what kind of file


def _file_kind(data: bytes, filename: str) -> str:
    """'excel' or 'text', or an IngestError saying in one sentence why the file is neither."""
    name = filename.lower()
    guard.check_size(data, filename)
    if not data.strip():
        raise IngestError(f"{filename} is empty.", file=filename)
    if data[:4] == b"\xd0\xcf\x11\xe0":
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise IngestError(
                f"{filename} is protected by a password. Open it in Excel, remove the password "
                "(File > Info > Protect Workbook) and save it again, then upload that copy.", file=filename
            )
        raise IngestError(
            f"{filename} is an old-style Excel file (.xls). Open it in Excel and save it as "
            "'Excel Workbook (.xlsx)' or as CSV, then upload that copy.", file=filename
        )
    if data[:4] == b"PK\x03\x04":
        if name.endswith(EXCEL_SUFFIXES) or not name.endswith(TEXT_SUFFIXES):
            return "excel"
        raise IngestError(f"{filename} is named like a text file but is a compressed (zip) file; upload the .xlsx "
                          "itself.", file=filename)
    if name.endswith(EXCEL_SUFFIXES):
        raise IngestError(f"{filename} is named like an Excel workbook but is not one; export it again from the "
                          "survey tool.", file=filename)
    if data[:5] == b"%PDF-":
        raise IngestError(f"{filename} is a PDF document, not a table; export the responses as CSV or Excel instead.",
                          file=filename)
    return "text"


def _open_workbook(data: bytes, filename: str) -> pd.ExcelFile:
    guard.check_workbook(data, filename)
    try:
        return pd.ExcelFile(io.BytesIO(data), engine="calamine")
    except Exception as exc:  # calamine raises its own types for each kind of damage
        raise IngestError(f"{filename} could not be opened as a workbook (it may be damaged or incomplete): {exc}.",
                          file=filename) from exc


def _sheet_grid(book: pd.ExcelFile, name: str) -> pd.DataFrame:
    """One sheet as text cells, exactly as ``pd.read_excel(header=None, dtype=str)`` gives them,
    at a fraction of the cost: pandas turns every cell into text in Python, here a column of text
    goes to Arrow whole and each distinct number is written once."""
    rows = book.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    if not rows:
        return pd.DataFrame()
    cells = np.array(rows, dtype=object)
    return pd.DataFrame({j: _column_text(cells[:, j]) for j in range(cells.shape[1])})


def _column_text(cells: np.ndarray) -> pd.arrays.ArrowStringArray:
    """A column of cells as pandas text; pandas' default missing-value words become empty."""
    try:
        text = pa.array(cells, type=pa.large_string())
    except pa.ArrowTypeError:  # numbers, dates or booleans among the text
        text = pa.array(_typed_text(cells), type=pa.large_string())
    return _as_text(pc.if_else(pc.is_in(text, _MISSING_WORDS), "", text))


def _as_text(cells: pa.Array) -> pd.arrays.ArrowStringArray:
    return pd.arrays.ArrowStringArray(cells, dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def _stripped(grid: pd.DataFrame) -> pd.DataFrame:
    """Every cell without the whitespace around it (by Arrow, as pandas' own strip does, without
    its per-column overhead)."""
    return pd.DataFrame({c: _as_text(pc.utf8_trim_whitespace(guard.as_arrow(grid[c]))) for c in grid.columns},
                        index=grid.index)


def _typed_text(cells: np.ndarray) -> np.ndarray:
    """Cells of any kind as Python text: each distinct number once, dates and booleans (few)
    one by one."""
    text = cells.copy()
    kinds = np.fromiter(map(type, cells), dtype=object, count=len(cells))
    numbers = kinds == float
    if numbers.any():
        codes, distinct = pd.factorize(cells[numbers].astype(float), use_na_sentinel=False)
        text[numbers] = np.array([_number_text(v) for v in distinct.tolist()], dtype=object)[codes]
    others = ~numbers & (kinds != str)
    text[others] = [_date_text(v) if type(v) is dt.date else str(v) for v in cells[others]]
    return text


def _number_text(value: float) -> str:
    """Whole numbers without a trailing '.0' (Excel stores every number as a float)."""
    return str(int(value)) if value.is_integer() else str(value)


def _date_text(value: dt.date) -> str:
    return str(dt.datetime(value.year, value.month, value.day))


# ---------------------------------------------------------------- text files


def decode_text(data: bytes, filename: str) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 (Excel's 'Unicode text') or Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data[:200].count(b"\x00") > len(data[:200]) // 4:
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    if b"\x00" in data:
        raise IngestError(f"{filename} holds binary data, not a table; export the responses as CSV or Excel.",
                          file=filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_separator(text: str) -> str:
    """The separator of the first lines: comma, semicolon or tab (comma when in doubt)."""
    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        head = sample.splitlines()[:5]
        counts = {sep: min(line.count(sep) for line in head) if head else 0 for sep in SEPARATORS}
        return max(counts, key=counts.get) if max(counts.values()) else ","


def _read_text_grid(data: bytes, filename: str) -> pd.DataFrame:
    text = decode_text(data, filename)
    sep = sniff_separator(text)
    options = dict(sep=sep, header=None, dtype=str, keep_default_na=False, skip_blank_lines=False)
    guard.check_width(_first_record_width(text, sep), filename)
    try:
        return pd.read_csv(io.StringIO(text), **options)
    except pd.errors.ParserError as exc:
        if "EOF inside string" in str(exc):
            raise IngestError(_unclosed_quote(filename, exc), file=filename) from exc
        # Later rows wider than the first: give every row the widest width.
        try:
            width = max((len(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)), default=1)
            guard.check_width(width, filename)
            return pd.read_csv(io.StringIO(text), names=range(width), **options)
        except (pd.errors.ParserError, csv.Error) as exc:
            raise IngestError(f"{filename} is not a readable table: {exc}.", file=filename) from exc
    except pd.errors.EmptyDataError as exc:
        lead = text[: len(text) - len(text.lstrip())].count("\n")
        if text.strip():  # pandas gives up after a run of empty lines
            raise IngestError(f"{filename} starts with {lead:,} empty lines before anything else; delete them "
                              "and upload the file again.", file=filename) from exc
        raise IngestError(f"{filename} is empty.", file=filename) from exc


def _first_record_width(text: str, sep: str) -> int:
    """Columns in the first record, counted before pandas is asked to lay them all out (a
    field too long for the csv module is left to the cell-length check after reading)."""
    try:
        return len(next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), []))
    except csv.Error:
        return 0


def _unclosed_quote(filename: str, exc: Exception) -> str:
    found = re.search(r"starting at row (\d+)", str(exc))
    where = f" on line {int(found.group(1)) + 1}" if found else ""
    return (f"{filename} has a quotation mark (\") that is never closed{where}, so the rest of the file reads "
            "as one cell; close or remove it, or export the file again.")


# ---------------------------------------------------------------- headers and rows


def _table(grid: pd.DataFrame, filename: str, sheet: str | None, id_key: bytes | None = None) -> SourceTable:
    where = f"{filename}, sheet '{sheet}'" if sheet else filename
    guard.check_grid(grid, where)
    grid = _stripped(grid) if len(grid) else grid
    filled = grid.ne("")
    if not filled.to_numpy().any():
        raise IngestError(f"{where} is empty.", file=filename, sheet=sheet)
    first = _first_header_row(filled)
    above, statements = (grid.iloc[first - 1].tolist(), grid.iloc[first].tolist()) if first else ([], [])
    if first and (_is_surveymonkey_subheader(above, statements) or is_statement_row(above, statements)):
        first -= 1  # SurveyMonkey's and SmartSurvey's sparse question row sits above the statements
    n_header, layout = _header_shape(grid, first)
    header_grid = grid.iloc[first : first + n_header]

    def name_columns(rows: pd.DataFrame) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        shaped = _fill_matrix_questions(rows) if n_header == 2 and layout in ("surveymonkey", "smartsurvey") else rows
        return _column_names(shaped, short_names=layout == "qualtrics")

    names, headers = name_columns(header_grid)
    body, blank, pasted = body_rows(grid, filled, first + n_header, header_grid, lambda rows: name_columns(rows)[0])
    body.columns = names
    if layout == "plain":
        layout = _forms_layout(names)
    if body.empty or blank.all():
        raise IngestError(f"{where} has a header but no answers below it.", file=filename, sheet=sheet)
    kept = body[~blank] if blank.any() else body
    personal = find_personal_columns(kept, headers)
    id_column = identifier_column(personal) if id_key else None
    return SourceTable(
        frame=kept.drop(columns=[c for c, _ in personal]),
        headers={c: h for c, h in headers.items() if c not in dict(personal)},
        filename=filename,
        sheet=sheet,
        layout=layout,
        header_rows=tuple(range(first + 1, first + n_header + 1)),
        blank_rows=tuple(body.index[blank]),
        dropped=tuple(personal),
        person_codes=private_codes(kept[id_column], id_key) if id_column else None,
        pasted_headers=tuple(pasted),
    )


def _first_header_row(filled: pd.DataFrame) -> int:
    """Skip title lines above the header: the header is the first row filled at least half as
    wide as the widest of the first rows."""
    counts = filled.iloc[:50].sum(axis=1).to_numpy()
    return int((counts >= max(2, counts.max() / 2)).argmax()) if counts.max() >= 2 else 0


def _header_shape(grid: pd.DataFrame, first: int) -> tuple[int, str]:
    """How many header rows start at ``first``, and which tool's layout they show."""
    below = [grid.iloc[first + k].tolist() for k in (1, 2) if first + k < len(grid)]
    for k, row in enumerate(below, start=2):
        if any(_IMPORT_ID.match(cell) for cell in row):
            return k, "qualtrics"
    top = grid.iloc[first].tolist()
    if below and "ResponseId" in top and "Response ID" in below[0]:
        return 2, "qualtrics"
    if below and _is_surveymonkey_subheader(top, below[0]):
        return 2, "surveymonkey"
    if below and is_statement_row(top, below[0]):
        return 2, "smartsurvey"
    return 1, "plain"


def _is_surveymonkey_subheader(top: list[str], second: list[str]) -> bool:
    """SurveyMonkey's second row: 'Response' under single questions, each matrix statement
    under a blank continuation of its question."""
    marks = sum(cell.lower() in _SURVEYMONKEY_SUBHEADERS for cell in second)
    continued = sum(1 for t, s in zip(top, second) if not t and s)
    return marks >= 1 and marks + continued >= 2


def _fill_matrix_questions(header_grid: pd.DataFrame) -> pd.DataFrame:
    """Carry each matrix question rightwards over the blank cells of its statements."""
    top = header_grid.iloc[0].replace("", pd.NA)
    under = header_grid.iloc[1].ne("")
    filled = top.ffill().where(top.notna() | under, "").fillna("")
    return pd.DataFrame([filled.tolist(), header_grid.iloc[1].tolist()])


def _column_names(header_grid: pd.DataFrame, short_names: bool) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """A unique, readable name per column, and every header cell's text for mapping.
    With ``short_names`` (Qualtrics) the first header row alone names the column."""
    names, headers, seen = [], {}, {}
    for position, parts in enumerate(zip(*header_grid.to_numpy().tolist())):
        useful = [p for p in dict.fromkeys(parts) if p and p.lower() not in _SURVEYMONKEY_SUBHEADERS]
        base = " - ".join(p for p in useful if not _IMPORT_ID.match(p))
        if short_names and useful:
            base = useful[0]
        base = base or f"Column {excel_letters(position)}"
        seen[base] = seen.get(base, 0) + 1
        name = base if seen[base] == 1 else f"{base} ({seen[base]})"
        names.append(name)
        headers[name] = tuple(p for p in parts if p)
    return names, headers


def _forms_layout(names: list[str]) -> str:
    lowered = {n.lower() for n in names}
    if found := tool_layout(lowered):
        return found
    if {"id", "start time", "completion time"} <= lowered:
        return "microsoft_forms"
    if "timestamp" in lowered or sum(map(_ends_in_brackets, names)) >= 3:
        return "google_forms"
    return "plain"


def _ends_in_brackets(name: str) -> bool:
    """Google Forms' 'Question [Statement]', tested on the text itself: the pattern it replaces
    took time in the square of the header's length."""
    line = name.rstrip().rsplit("\n", 1)[-1]
    return line.endswith("]") and "[" in line[:-2]


def excel_letters(position: int) -> str:
    """A column's letters as Excel names it: 'A' for the first (position 0), 'Z', 'AA', ... after."""
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

