"""The hostile corpus, made by code: broken, strange and harmful uploads, each with what tiwell
must say about it.

Every case is built here on the spot (nothing stored), from one small, valid ProQOL 5 survey.
``expect`` is a fragment of the one-sentence message the file must get, or None when the file
is readable and must be scored with every row accounted for. Cases of kind "instrument" are
definition files (TOML) rather than survey exports; a survey with a ``definition`` is scored
with that instrument of its own.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from functools import cache

import numpy as np
from openpyxl.utils import get_column_letter

from synthetic import layouts

LABELS = ["Never", "Rarely", "Sometimes", "Often", "Very Often"]
XSS = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
HEADER = ["Team", "Comments", *[f"Q{n}" for n in range(1, 31)]]
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    data: bytes
    expect: str | None
    kind: str = "survey"
    definition: bytes = b""  # a survey's own instrument (TOML) to score it with, instead of detecting


def survey_rows(n: int = 6, team: str = "North", comment: str = "fine") -> list[list[str]]:
    """``n`` people who answer every item; the header first."""
    return [HEADER, *[[team, comment, *[LABELS[(i + k) % 5] for k in range(1, 31)]] for i in range(n)]]


@cache
def valid_xlsx() -> bytes:
    return layouts.to_xlsx_bytes(survey_rows())


def valid_csv(**kwargs) -> bytes:
    return layouts.to_csv_bytes(survey_rows(**kwargs))


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The workbook ``data`` with some parts replaced or added."""
    replace, out = replace or {}, io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, part in (add or {}).items():
            target.writestr(name, part)
    return out.getvalue()


def sheet_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>').encode()


SHEET = "xl/worksheets/sheet1.xml"


def bomb_xlsx(size: int = 300 * MB) -> bytes:
    """A real zip bomb: a workbook whose sheet inflates from a few hundred kilobytes to ``size``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
                continue
            with target.open(SHEET, "w") as part:
                part.write(sheet_xml("")[:-23])
                for _ in range(size // MB):
                    part.write(b" " * MB)
                part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def lying_sizes_xlsx() -> bytes:
    """A workbook whose sheet says it inflates to 100 bytes but holds eight megabytes."""
    body = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 200_000 + "</row>"
    data = rezip(valid_xlsx(), {SHEET: sheet_xml(body)})
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        local, directory = book.getinfo(SHEET).header_offset, book.start_dir
    central = data.index(SHEET.encode(), directory) - 46
    patched = bytearray(data)
    patched[local + 22: local + 26] = patched[central + 24: central + 28] = struct.pack("<L", 100)
    return bytes(patched)


def encrypted_zip_xlsx() -> bytes:
    """A workbook whose zip parts are all flagged as encrypted (locked with a zip password)."""
    data = bytearray(valid_xlsx())
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        at = book.start_dir
    while data[at:at + 4] == b"PK\x01\x02":
        local = struct.unpack_from("<L", data, at + 42)[0]
        data[at + 8] |= 1
        data[local + 6] |= 1
        at += 46 + sum(struct.unpack_from("<3H", data, at + 28))
    return bytes(data)


def long_cell_xlsx() -> bytes:
    """A workbook with ten megabytes of text in one cell (Excel itself stops at 32,767 characters)."""
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as book:
        sheet = book.read(SHEET)
    return rezip(valid_xlsx(), {SHEET: sheet.replace(b"<t>fine</t>", b"<t>" + _letters(10 * MB) + b"</t>", 1)})


def long_cell_csv() -> bytes:
    rows = survey_rows()
    rows[3][1] = _letters(10 * MB).decode()
    return layouts.to_csv_bytes(rows)


def ole_file(marker: str = "") -> bytes:
    """The start of a compound (OLE) file, as legacy .xls and password-locked .xlsx are."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + marker.encode("utf-16-le") + b"\x00" * 512


def ods(rows: list[list[str]], manifest_extra: str = "", repeat: str = "") -> bytes:
    """A minimal OpenDocument spreadsheet; ``repeat`` is laid on every row and cell (as
    ``table:number-rows-repeated`` and ``-columns-repeated``)."""
    cells = "".join(f"<table:table-row{repeat and ' table:number-rows-repeated=' + repeat}>" + "".join(
        f'<table:table-cell{repeat and " table:number-columns-repeated=" + repeat} office:value-type="string">'
        f"<text:p>{c}</text:p></table:table-cell>" for c in row)
        + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{cells}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}'
                '</manifest:file-entry></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        book.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def shared_string_xlsx(cells: int, length: int, header_only: bool = False) -> bytes:
    """A workbook whose ``cells`` cells all point at one shared string of ``length`` letters:
    a few kilobytes that a reader expands to ``cells * length`` characters. With
    ``header_only`` they are one header row above a row of answers, else rows of 30."""
    width = cells if header_only else 30
    shared = [f'<c r="{get_column_letter(j + 1)}{i + 1}" t="s"><v>0</v></c>'
              for i in range(cells // width) for j in range(width)]
    rows = ["".join(shared[i:i + width]) for i in range(0, cells, width)]
    if header_only:
        rows.append("".join(f'<c r="{get_column_letter(j + 1)}2"><v>3</v></c>' for j in range(width)))
    body = "".join(f'<row r="{i + 1}">{row}</row>' for i, row in enumerate(rows))
    strings = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
               f'<si><t>{"a" * length}</t></si></sst>').encode()
    xlsx = valid_xlsx()
    types, rels = _part(xlsx, "[Content_Types].xml"), _part(xlsx, "xl/_rels/workbook.xml.rels")
    return rezip(xlsx, {SHEET: sheet_xml(body),
                        "[Content_Types].xml": types.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                                             b'ContentType="application/vnd.openxmlformats-officedocument'
                                                             b'.spreadsheetml.sharedStrings+xml"/></Types>'),
                        "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", b'<Relationship Type="http://'
                                                                   b'schemas.openxmlformats.org/officeDocument/2006/'
                                                                   b'relationships/sharedStrings" Target="sharedStrings'
                                                                   b'.xml" Id="rId9"/></Relationships>')},
                 add={"xl/sharedStrings.xml": strings})


def long_headers_csv(columns: int = 1_000, length: int = 2_000) -> bytes:
    """A survey of ``columns`` distinct headers of about ``length`` characters of words each."""
    words = np.array(["staff", "wellbeing", "survey", "team", "work", "help", "feel", "often", "care", "time"])
    picks = np.random.default_rng(3).integers(0, len(words), (columns, length // 6))
    header = [f"{k} " + " ".join(words[row])[:length] for k, row in enumerate(picks)]
    return layouts.to_csv_bytes([header, *[["3"] * columns for _ in range(6)]])


def bracketed_toml(brackets: int = 9) -> bytes:
    """A custom instrument whose one statement has ``brackets`` adaptable words."""
    statement = " ".join(["I [help]"] * brackets) + " too"
    return CLEAN_TOML.replace("number = 1", f'number = 1\ntext = "{statement}"').encode()


def almost_bracketed_csv() -> bytes:
    """A survey whose header almost holds bracketed_toml's statement: sixty 'I's and 'to', the
    shape on which a pattern with a wildcard per adaptable word backtracks for minutes."""
    return layouts.to_csv_bytes([["Team", "I " * 60 + "to"], *[["North", "Always"]] * 6])


def nested(kind: str, depth: int = 100_000) -> bytes:
    """A settings file of ``depth`` nested lists: JSON, or TOML (one key holding them)."""
    lists = "[" * depth + "]" * depth
    return (lists if kind == "json" else f"x = {lists}\n").encode()


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>")
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(range(256)) * 4
CLEAN_TOML = """
id = "pulse3"
name = "Three-item pulse"
short_name = "Pulse 3"
citation = "Our own."
licence = "Ours."
[scale]
min = 1
max = 5
labels = [{ value = 1, label = "Never" }, { value = 5, label = "Always" }]
[[items]]
number = 1
[[subscales]]
id = "strain"
direction = "higher_is_worse"
items = [1]
"""


def _cases() -> list[Case]:
    xlsx = valid_xlsx()
    header = layouts.to_csv_bytes([HEADER])
    return [
        # Empty and nearly empty
        Case("empty csv", "empty.csv", b"", "is empty"),
        Case("blank lines only", "blank.csv", b"  \r\n\r\n \n", "is empty"),
        Case("byte-order mark only", "bom.csv", b"\xef\xbb\xbf", "is empty"),
        Case("separators only", "commas.csv", b",,,,\n,,,,\n", "is empty"),
        Case("a million empty lines first", "lines.csv", b"\r\n" * 1_000_000 + valid_csv(),
             "starts with 1,000,000 empty lines"),
        Case("header only csv", "header.csv", header, "header but no answers"),
        Case("header only xlsx", "header.xlsx", layouts.to_xlsx_bytes([HEADER]), "header but no answers"),
        Case("empty workbook", "blank.xlsx", layouts.to_xlsx_bytes([]), "No instrument items"),
        Case("one column of numbers", "numbers.csv", b"score\n1\n2\n3\n", "No instrument items"),
        # Broken workbooks
        Case("truncated xlsx (half)", "half.xlsx", xlsx[: len(xlsx) // 2], "could not be opened as a workbook"),
        Case("truncated xlsx (no directory)", "cut.xlsx", xlsx[:-40], "could not be opened as a workbook"),
        Case("corrupt compressed data", "crc.xlsx", _corrupt_middle(xlsx), "damaged"),
        Case("sheet that is not XML", "garbage.xlsx", rezip(xlsx, {"xl/worksheets/sheet1.xml": b"\x00\xff" * 500}),
             "damaged"),
        Case("workbook without sheets", "nosheet.xlsx", _zip({"[Content_Types].xml": b"<Types/>"}),
             "could not be opened as a workbook"),
        Case("zip bomb disguised as xlsx", "bomb.xlsx", bomb_xlsx(), "expands"),
        Case("zip that lies about its sizes", "liar.xlsx", lying_sizes_xlsx(), "damaged"),
        Case("zip with 20,000 parts", "parts.xlsx", _zip({f"x/{i}.xml": b"" for i in range(20_000)}), "parts"),
        Case("entity expansion (billion laughs)", "laughs.xlsx",
             rezip(xlsx, {SHEET: LAUGHS.encode() + _part(xlsx, SHEET)}), "DTD"),
        Case("entities declared after 64 KB of comment", "late-dtd.xlsx", rezip(shared_string_xlsx(60, 5), {
            "xl/sharedStrings.xml": b"<!--" + b" " * 70_000 + b"-->" + LAUGHS.encode()
            + _part(shared_string_xlsx(60, 5), "xl/sharedStrings.xml")}), "DTD"),
        Case("external entity (XXE)", "xxe.xlsx",
             rezip(xlsx, {"xl/worksheets/sheet1.xml": sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;'
                                                                 "</t></is></c></row>", EXTERNAL)}), "DTD"),
        Case("password-protected xlsx", "locked.xlsx", ole_file("EncryptedPackage"), "protected by a password"),
        Case("zip-encrypted xlsx", "zipped.xlsx", encrypted_zip_xlsx(), "protected by a password"),
        Case("legacy xls", "old.xls", ole_file("Workbook"), "old-style Excel"),
        Case("password-protected ods", "locked.ods",
             ods(survey_rows(), '<manifest:encryption-data manifest:checksum-type="SHA1"/>'), "protected by a password"),
        Case("ods repeating a cell a million times both ways", "repeat.ods", ods([["1"]], repeat='"1048576"'),
             "1,048,576 columns"),
        Case("sheet with a cell at the far corner", "corner.xlsx",
             rezip(xlsx, {"xl/worksheets/sheet1.xml": sheet_xml(
                 '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576">'
                 "<v>1</v></c></row>")}), "columns"),
        Case("ods repeating a 32,000-character cell", "repeat-long.ods",
             ods([["a" * 32_000]], repeat='"300"'), "characters"),
        Case("ods cell of one space written 200 million times", "spaces.ods",
             ods([['a<text:s text:c="200000000"/>b']]), "characters"),
        Case("30,000 cells pointing at one 32,000-character string", "shared.xlsx",
             shared_string_xlsx(30_000, 32_000), "characters"),
        Case("969 headers of one 32,000-character shared string", "headers.xlsx",
             shared_string_xlsx(969, 32_000, header_only=True), "No instrument items"),
        Case("1,000 headers of 2,000 characters", "headers.csv", long_headers_csv(), "No instrument items"),
        # Not a table at all
        Case("pdf renamed .csv", "responses.csv", PDF, "is a PDF"),
        Case("pdf renamed .xlsx", "responses.xlsx", PDF, "not one"),
        Case("image renamed .csv", "photo.csv", PNG, "binary data"),
        Case("program renamed .txt", "run.txt", ELF, "binary data"),
        Case("workbook renamed .csv", "book.csv", xlsx, "compressed (zip)"),
        # Sizes
        Case("a million columns", "wide.csv", b"," * 1_000_000 + b"\n" + b"1," * 999_999 + b"1\n", "columns"),
        Case("16,384 columns in a sheet", "wide.xlsx", layouts.to_xlsx_bytes([["x"] * 16_384, ["1"] * 16_384]),
             "columns"),
        Case("10 MB in one csv cell", "long.csv", long_cell_csv(), "row 4, column B holds 10,485,760 characters"),
        Case("10 MB in one xlsx cell", "long.xlsx", long_cell_xlsx(), "holds 10,485,760 characters"),
        Case("10 MB line without separators", "line.txt", b"z" * (10 * MB), "characters"),
        # Encodings and odd bytes
        Case("mixed encodings", "mixed.csv", valid_csv(team="Café") + "Café,ok".encode("cp1252")
             + b"," + b",".join([b"Often"] * 30) + b"\r\n", None),
        Case("utf-16 text", "unicode.txt", layouts.to_csv_bytes(survey_rows(), encoding="utf-16", sep="\t"), None),
        Case("NUL bytes inside", "nul.csv", valid_csv().replace(b"North", b"No\x00rth"), "binary data"),
        Case("unbalanced quotes", "quotes.csv", valid_csv().replace(b"North", b'"North', 1), "never closed on line 2"),
        Case("control characters", "ansi.csv", valid_csv(team="\x1b[31mRed\x1b[0m\x07"), None),
        # Content built to do harm once shown or opened
        Case("formulas in cells", "formulas.csv", valid_csv(team='=HYPERLINK("http://x","y")', comment="@SUM(1+1)"),
             None),
        Case("formula cells in xlsx", "formulas.xlsx", layouts.to_xlsx_bytes(survey_rows(team="=1+2", comment="-2+3")),
             None),
        Case("HTML and script in team and comments", "xss.csv", valid_csv(team=XSS, comment=SCRIPT), None),
        Case("HTML in an ods", "xss.ods", ods([[c.replace("<", "&lt;") for c in row] for row in survey_rows(team=XSS)]),
             None),
        Case("duplicate column names", "dupes.csv",
             layouts.to_csv_bytes([["Team", *HEADER[1:], "Q1"], *[[*r, "Never"] for r in survey_rows()[1:]]]), None),
        Case("zip entry named outside the folder", "slip.xlsx", rezip(xlsx, add={"../../evil.sh": b"rm -rf /"}), None),
        Case("macro-enabled workbook", "macro.xlsm", rezip(xlsx, add={"xl/vbaProject.bin": ole_file("VBA")}), None),
        # Instrument definitions
        Case("instrument with wrong types", "mine.toml", CLEAN_TOML.replace("min = 1", 'min = "one"').encode(), "scale.min",
             "instrument"),
        Case("instrument items as text", "mine.toml", CLEAN_TOML.replace("items = [1]", 'items = "1, 2, 3"').encode(), "items",
             "instrument"),
        Case("instrument that is not TOML", "mine.toml", PNG, "not", "instrument"),
        Case("header almost matching nine bracketed words", "bracketed.csv", almost_bracketed_csv(), "items were found in bracketed.csv",
             definition=bracketed_toml()),
        Case("instrument nested 100,000 deep", "mine.toml", nested("toml"), "nests lists", "instrument"),
        Case("instrument with an unknown direction", "mine.toml",
             CLEAN_TOML.replace("higher_is_worse", "<script>").encode(), "direction", "instrument"),
    ]


def _letters(n: int) -> bytes:
    """``n`` lowercase letters that do not compress much, the same every time."""
    return np.random.default_rng(9).integers(97, 123, n, dtype=np.uint8).tobytes()


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read(name)


def _corrupt_middle(data: bytes) -> bytes:
    start = data.find(b"xl/worksheets/sheet1.xml") + 40
    return data[:start] + bytes(b ^ 0x5A for b in data[start:start + 200]) + data[start + 200:]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, part in parts.items():
            book.writestr(name, part)
    return out.getvalue()


@cache
def corpus() -> tuple[Case, ...]:
    return tuple(_cases())
