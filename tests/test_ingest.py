"""Reading: encodings, separators, header rows, sheets, and one clear sentence for what cannot be read."""

import io

import openpyxl
import pytest

from tiwell.ingest.tables import IngestError, decode_text, read_tables, sheet_names, sniff_separator

HEADER = ["Team", "Q1", "Q2", "Q3"]
ROWS = [["Youth Justice", "1", "2", "3"], ["Café Team’s", "4", "5", "Often"]]


def text_file(sep=",", rows=ROWS, header=HEADER) -> str:
    return "\r\n".join(sep.join(r) for r in [header, *rows]) + "\r\n"


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r in rows:
            sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def only_table(data: bytes, name: str, sheet=None):
    return next(read_tables(data, name, sheet))


@pytest.mark.parametrize("encoded", [
    text_file().encode("utf-8"),
    b"\xef\xbb\xbf" + text_file().encode("utf-8"),
    text_file(sep="\t").encode("utf-16"),              # Excel's "Unicode text": UTF-16 with BOM, tabs
    text_file(sep=";").encode("cp1252"),
    text_file(sep="\t").encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16-tab", "cp1252-semicolon", "tab"])
def test_every_encoding_and_separator_reads_the_same_table(encoded):
    table = only_table(encoded, "export.csv")
    assert table.frame.columns.tolist() == HEADER
    assert table.frame["Team"].tolist() == ["Youth Justice", "Café Team’s"]
    assert table.frame["Q3"].tolist() == ["3", "Often"]
    assert table.frame.index.tolist() == [2, 3], "rows are numbered as a spreadsheet shows them"


def test_decoding_falls_back_to_windows_1252_for_curly_quotes():
    assert decode_text("it’s".encode("cp1252"), "x.csv") == "it’s"


def test_semicolon_with_decimal_commas_is_still_semicolon():
    assert sniff_separator("Team;Q1;Score\nA;1;2,5\nB;2;3,5\n") == ";"


def test_blank_lines_are_skipped_and_listed():
    data = "Team,Q1\nA,1\n,\n\nB,2\n".encode()
    table = only_table(data, "x.csv")
    assert table.frame.index.tolist() == [2, 5]
    assert table.blank_rows == (3, 4)


def test_title_lines_above_the_header_are_skipped():
    data = workbook({"Results": [["Staff survey 2025"], [], HEADER, *ROWS]})
    table = only_table(data, "x.xlsx")
    assert table.frame.columns.tolist() == HEADER
    assert table.header_rows == (3,)
    assert table.frame.index.tolist() == [4, 5]


def test_excel_numbers_arrive_as_text_without_a_trailing_point_zero():
    data = workbook({"Sheet1": [HEADER, ["A", 1, 2.0, 3.5]]})
    assert only_table(data, "x.xlsx").frame.iloc[0].tolist() == ["A", "1", "2", "3.5"]


def test_sheets_are_offered_and_a_named_one_is_read():
    data = workbook({"Instructions": [["Read me first"], ["Then the data"]], "Responses": [HEADER, *ROWS]})
    assert sheet_names(data, "x.xlsx") == ("Instructions", "Responses")
    assert only_table(data, "x.xlsx", "Responses").sheet == "Responses"
    with pytest.raises(IngestError, match="has no sheet named 'Data'; its sheets are: Instructions, Responses"):
        only_table(data, "x.xlsx", "Data")


def test_duplicate_and_empty_headers_get_unique_names():
    data = "Team,Q1,Q1,\nA,1,2,x\n".encode()
    assert only_table(data, "x.csv").frame.columns.tolist() == ["Team", "Q1", "Q1 (2)", "Column D"]


def test_rows_wider_than_the_header_are_kept():
    data = "Team,Q1\nA,1\nB,2,extra\n".encode()
    frame = only_table(data, "x.csv").frame
    assert frame.loc[3].tolist() == ["B", "2", "extra"]


def test_personal_columns_are_dropped_and_named():
    data = "Name,Email Address,Team name,Phone,IPAddress,LocationLatitude,Q1\n" \
           "Ann Lee,ann@example.org,Early Help,07700 900123,81.2.69.160,51.5,3\n".encode()
    table = only_table(data, "x.csv")
    assert table.frame.columns.tolist() == ["Team name", "Q1"]
    assert [c for c, _ in table.dropped] == ["Name", "Email Address", "Phone", "IPAddress", "LocationLatitude"]


def test_personal_values_under_an_innocent_header_are_dropped_too():
    rows = "\n".join(f"T{i},person{i}@example.org,0770090012{i},3" for i in range(5))
    table = only_table(f"Team,Contact,Other,Q1\n{rows}\n".encode(), "x.csv")
    assert dict(table.dropped) == {"Contact": "100% of its values look like email addresses",
                                   "Other": "100% of its values look like phone numbers"}


@pytest.mark.parametrize("data, name, message", [
    (b"", "x.csv", "x.csv is empty."),
    (b"  \r\n ", "x.csv", "x.csv is empty."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xls", "old-style Excel file (.xls)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "locked.xlsx", "protected by a password"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.csv", "is a PDF document, not a table"),
    (b"PK\x03\x04garbage", "x.xlsx", "could not be opened as a workbook"),
    (b"Team,Q1\n", "x.csv", "has a header but no answers below it"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", "holds binary data, not a table"),
    (b"Team,Q1\nA,1\n", "x.xlsx", "named like an Excel workbook but is not one"),
], ids=["empty", "whitespace", "xls", "password", "pdf", "broken-zip", "header-only", "binary", "csv-named-xlsx"])
def test_what_cannot_be_read_gets_one_clear_sentence(data, name, message):
    with pytest.raises(IngestError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")) as caught:
        list(read_tables(data, name))
    assert "\n" not in str(caught.value) and str(caught.value).startswith(name)
