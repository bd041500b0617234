"""A REDCap data dictionary: what each field's codes stand for.

REDCap's raw export writes every choice as its code (the team as 3, an answer as 4); the
project's data dictionary (Project Setup > Data Dictionary, a CSV) lists each field's choices in
its 'Choices, Calculations, OR Slider Labels' column as ``1, Family Support | 2, Fostering``.
Only fields answered by choosing carry labels: a calculated field's column holds a formula and a
slider's its end labels, neither of which names a code.
"""

from __future__ import annotations

import csv
import io

from tiwell.errors import IngestError
from tiwell.ingest import guard
from tiwell.ingest.tables import decode_text, sniff_separator

FIELD = "variable / field name"
TYPE = "field type"
CHOICES = "choices, calculations, or slider labels"
CHOICE_TYPES = ("radio", "dropdown", "checkbox")
FIXED_CHOICES = {"yesno": {"1": "Yes", "0": "No"}, "truefalse": {"1": "True", "0": "False"}}


def read_data_dictionary(data: bytes, filename: str) -> dict[str, dict[str, str]]:
    """Each choice field's codes and labels, by field name: {'team': {'1': 'Family Support', ...}}."""
    guard.check_size(data, filename)
    text = decode_text(data, filename)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(text)))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if FIELD not in header or CHOICES not in header:
        raise IngestError(f"{filename} is not a REDCap data dictionary: it needs the columns 'Variable / Field "
                          "Name' and 'Choices, Calculations, OR Slider Labels' (download it from Project Setup > "
                          "Data Dictionary).", file=filename)
    at = {name: header.index(name) for name in (FIELD, TYPE, CHOICES) if name in header}
    labels = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = dict.fromkeys(at, "") | {name: row[k].strip() for name, k in at.items() if k < len(row)}
        kind = cells.get(TYPE, "").lower()
        if kind in FIXED_CHOICES:
            labels[cells[FIELD]] = FIXED_CHOICES[kind]
        elif cells[CHOICES] and kind in (*CHOICE_TYPES, ""):
            labels[cells[FIELD]] = _choices(cells[CHOICES], filename, number)
    return labels


def parse_choices(text: str) -> dict[str, str]:
    """'1, North | 2, South' as {'1': 'North', '2': 'South'}; empty text is no choices. A part
    without a code, a comma and a label raises a ValueError holding that part."""
    found = {}
    for part in filter(None, (p.strip() for p in str(text or "").split("|"))):
        code, comma, label = part.partition(",")
        if not comma or not code.strip() or not label.strip():
            raise ValueError(part)
        found[code.strip()] = label.strip()
    return found


def _choices(text: str, filename: str, row: int) -> dict[str, str]:
    try:
        return parse_choices(text)
    except ValueError as exc:
        raise IngestError(f"{filename}, row {row}: the choice '{exc}' needs a code, a comma and a label, as in "
                          "'1, Family Support'.", file=filename, row=row) from None
