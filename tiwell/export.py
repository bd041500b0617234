"""Files for people to take away: CSV and XLSX, safe to open in a spreadsheet.

Every text cell that a spreadsheet would run as a formula (starting with =, +, -, @ or tab;
a carriage return becomes a line feed) is written with a leading apostrophe, so an answer or team name planted as
``=HYPERLINK(...)`` stays text. Control characters are taken out of every string first
(:func:`printable`, which the deck uses too): XML cannot hold them, and a comment holding one
used to break the whole download. Workbooks are written here as their XML, in memory (openpyxl
writes each sheet to a temporary file first, and a writer's call per cell is too slow for 50,000
rows); nothing touches the disk. The deck's chart data uses XlsxWriter with :data:`XLSX_OPTIONS`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from tiwell.ingest.tables import excel_letters
from tiwell.survey import ScoredSurvey
from tiwell.text.numbers import p_columns_written

FORMULA_START = re.compile(r"[=+\-@\t]")
FORMULA_LINE = re.compile(r"^[=+\-@\t]", re.MULTILINE)  # a text of many, joined by line feeds, that starts as a formula
# C0 and C1 controls but tab and line feed, lone surrogates and the two non-characters XML forbids.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Cells stay text as written: no string is turned into a formula, a link or a number.
XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
DATE_STYLE, HEADER_STYLE = 1, 2  # cell styles in STYLES: a date and time; a header as pandas writes it
# Plain, dates as yyyy-mm-dd hh:mm:ss, and a header in bold with a thin border, centred at the top.
STYLES = (f'<styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>'
          '</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/>'
          '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
          '<patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/>'
          '<diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/>'
          '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
          '</cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" '
          'applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf></cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def printable(text: str) -> str:
    """``text`` without the control characters that XLSX, PPTX and spreadsheets choke on; a
    carriage return (a Windows line end) becomes part of a plain line feed."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers hold no control characters and cannot be read as
    formulas; numbers (also in a column of mixed types) are left as numbers. Each distinct text is
    checked once (a team or band name repeats on every row), and only those that change are replaced."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype) or values.dtype == object or pd.api.types.is_string_dtype(values):
            values = values.astype(object)
            texts = [v for v in pd.unique(values) if isinstance(v, str)]
            changed = {v: safe for v in texts if (safe := inert(v)) != v} if _may_change(texts) else {}
            out[column] = values.replace(changed) if changed else values
    out.columns = [inert(str(c)) for c in out.columns]
    return out


def _may_change(texts: list[str]) -> bool:
    """Whether :func:`inert` could change any of ``texts``: one search over them all, joined by line
    feeds, rather than a call per text (ids and times are distinct on every row)."""
    joined = "\n".join(texts)
    return "\r" in joined or CONTROL.search(joined) is not None or FORMULA_LINE.search(joined) is not None


def inert(text: str) -> str:
    """One text cell as a spreadsheet must show it: printable, and never a formula."""
    text = printable(text)
    return "'" + text if FORMULA_START.match(text) else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents and curly quotes correctly. Written by
    Arrow's CSV writer (ten times pandas' on 200,000 scored rows): number columns as numbers, every
    other column as text (True, a date as pandas prints it), each text quoted, a blank left empty."""
    import pyarrow as pa  # pandas reads with it already; imported only when a CSV is written
    from pyarrow import csv

    safe = neutralise(frame)
    columns = [_csv_column(safe[name]) for name in safe.columns]
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    csv.write_csv(pa.table(columns, names=[str(c) for c in safe.columns]), buffer)
    return buffer.getvalue()


def _csv_column(values: pd.Series):
    """One column as Arrow writes it: numbers kept, anything else as its text, missing as null."""
    import pyarrow as pa

    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return pa.array(values, from_pandas=True)
    return pa.array(values.astype("string"), from_pandas=True)


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table, in the order given, p-values written as on the page:
    headers in bold as pandas writes them. The sheet XML is written a column at a time from the
    table's arrays (a writer's call per cell took 9 s on 50,000 scored rows, pandas' own 30 s);
    each distinct text is stored once, as Excel stores it."""
    strings: dict[str, int] = {}
    tables = [(name[:31], neutralise(p_columns_written(frame))) for name, frame in sheets.items()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for k, (_, frame) in enumerate(tables, start=1):
            book.writestr(f"xl/worksheets/sheet{k}.xml", _sheet_xml(frame, strings))
        book.writestr("xl/sharedStrings.xml", _strings_xml(strings))
        for path, text in workbook_parts([name for name, _ in tables]).items():
            book.writestr(path, text)
    return buffer.getvalue()


def _sheet_xml(frame: pd.DataFrame, strings: dict[str, int]) -> str:
    """One worksheet: the header row in the header style, then each row's cells; a blank (NaN,
    None, an empty text) is no cell at all."""
    letters = [excel_letters(k) for k in range(len(frame.columns))]
    header = "".join(_text_cell(f"{letter}1", str(c), strings, HEADER_STYLE) for letter, c in zip(letters, frame.columns))
    rows = [f'<row r="1">{header}</row>']
    if len(frame):
        numbers = [str(r) for r in range(2, len(frame) + 2)]
        columns = [_column_cells(frame.iloc[:, k], letter, numbers, strings) for k, letter in enumerate(letters)]
        rows += [f'<row r="{r}">{"".join(cells)}</row>' for r, *cells in zip(numbers, *columns)]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def _column_cells(values: pd.Series, letter: str, rows: list[str], strings: dict[str, int]) -> list[str]:
    """The cells of one column, one string per row ('' for a blank), built from the whole column
    at once: numbers, dates, or texts (each distinct text looked up once); a column of mixed
    types cell by cell."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        shown = [_number(v) for v in values.to_numpy(dtype=float, na_value=np.nan).tolist()]
        return [f'<c r="{letter}{r}"><v>{v}</v></c>' if v else "" for r, v in zip(rows, shown)]
    if pd.api.types.is_datetime64_any_dtype(values):
        days = _serial_days(values)
        return ["" if d != d else f'<c r="{letter}{r}" s="{DATE_STYLE}"><v>{_number(d)}</v></c>'
                for r, d in zip(rows, days)]
    codes, uniques = pd.factorize(values)
    if not all(isinstance(u, str) for u in uniques):
        return [_cell(f"{letter}{r}", value, strings) for r, value in zip(rows, values.tolist())]
    # the end of each distinct text's cell after its reference; the last, for code -1, a blank
    ends = [f'" t="s"><v>{strings.setdefault(u, len(strings))}</v></c>' if u else "" for u in uniques] + [""]
    return [f'<c r="{letter}{r}{end}' if end else "" for r, end in zip(rows, map(ends.__getitem__, codes.tolist()))]


def _number(value: float) -> str:
    """A number as the shortest text that reads back as the same number, a whole number without
    '.0' (as Excel writes it, and read back as a whole number); '' for a blank or an infinity."""
    if not math.isfinite(value):
        return ""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _cell(ref: str, value, strings: dict[str, int]) -> str:
    """One cell as pandas' writer gives it; a blank stays no cell."""
    if isinstance(value, str):
        return _text_cell(ref, value, strings) if value else ""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime | dt.date):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{_number(_serial_days(pd.Series([value]))[0])}</v></c>'
    if isinstance(value, dt.timedelta):
        return f'<c r="{ref}"><v>{_number(value.total_seconds() / 86400)}</v></c>'
    if isinstance(value, int | float | np.number):
        return f'<c r="{ref}"><v>{_number(float(value))}</v></c>'
    return _text_cell(ref, str(value), strings)


def _text_cell(ref: str, text: str, strings: dict[str, int], style: int = 0) -> str:
    """A text cell pointing into the shared strings: each distinct text is written once."""
    index = strings.setdefault(text, len(strings))
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled} t="s"><v>{index}</v></c>'


def _serial_days(values: pd.Series) -> list[float]:
    """Dates and times as Excel's serial days (from 1899-12-30), any time zone dropped; NaN for a blank."""
    stamps = pd.to_datetime(values)
    if stamps.dt.tz is not None:
        stamps = stamps.dt.tz_localize(None)
    return ((stamps - EXCEL_EPOCH) / pd.Timedelta(days=1)).tolist()


def _strings_xml(strings: dict[str, int]) -> str:
    items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" '
            f'uniqueCount="{len(strings)}">{items}</sst>')


def workbook_parts(names: list[str]) -> dict[str, str]:
    """The parts of a workbook besides its sheets and strings: which sheets it has, their names, the styles."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    numbered = list(enumerate(names, start=1))
    types = "".join(f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="{sheet}.worksheet+xml"/>'
                    for k, _ in numbered)
    rels = "".join(f'<Relationship Id="rId{k}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{k}.xml"/>'
                   for k, _ in numbered)
    listed = "".join(f'<sheet name={quoteattr(name)} sheetId="{k}" r:id="rId{k}"/>' for k, name in numbered)
    return {
        "[Content_Types].xml": f'{head}<Types xmlns="{PACKAGE_NS}/content-types"><Default Extension="rels" '
                               'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               '<Default Extension="xml" ContentType="application/xml"/><Override '
                               f'PartName="/xl/workbook.xml" ContentType="{sheet}.sheet.main+xml"/>{types}'
                               f'<Override PartName="/xl/styles.xml" ContentType="{sheet}.styles+xml"/><Override '
                               f'PartName="/xl/sharedStrings.xml" ContentType="{sheet}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'{head}<Relationships xmlns="{PACKAGE_NS}/relationships"><Relationship Id="rId1" '
                       f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'{head}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{listed}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{head}<Relationships xmlns="{PACKAGE_NS}/relationships">{rels}'
                                      f'<Relationship Id="rId{len(names) + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
                                      f'<Relationship Id="rId{len(names) + 2}" Type="{REL_NS}/sharedStrings" '
                                      'Target="sharedStrings.xml"/></Relationships>',
        "xl/styles.xml": head + STYLES,
    }


def scored_workbook(survey: ScoredSurvey) -> bytes:
    """The scored rows, the validation report and the mapping used, as one workbook."""
    return xlsx_bytes({"Scored": survey.scored, "Report": survey.findings, "Mapping": survey.mapping.table})
