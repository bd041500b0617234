"""Finding columns that hold personal data, so that they are dropped on reading.

A column is personal when its header names a personal field (name, email, phone, IP address,
geolocation, an external identifier) or when most of its values look like emails, phone numbers
or IP addresses. Header patterns are anchored so that 'Team name' or 'Site' are never dropped.
"""

from __future__ import annotations

import re

import pandas as pd

from tiwell.text import normalise

IDENTIFIER = "an identifier"
_HEADER_RULES = (
    ("a name", r"(your |full |first |last |given |family |sur|respondent |employee |staff |recipient )?(first |last )?name"
     r"|(first|last|sur|given|family) ?name|name of respondent"),
    ("an email address", r"(recipient |your |respondent |work )?e ?mail( address)?|username|user name"),
    ("a phone number", r"(your |work |mobile |contact )?(phone|telephone|mobile|tel)( number| no)?"),
    ("an IP address", r"ip ?address|ip"),
    ("a location", r"location (latitude|longitude)|latitude|longitude|lat|long|lng|geo ?location|gps|postcode|post code|zip code|home address|address"),
    (IDENTIFIER, r"external (data )?reference|external id|employee (id|number|no)|staff (id|number|no)|payroll( number| no)?|ni number|national insurance( number)?"),
)
_VALUE_RULES = (
    ("email addresses", re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)),
    ("phone numbers", re.compile(r"^(\+|00|0)[\d\s().-]{8,18}$")),
    ("IP addresses", re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")),
)
_SAMPLE = 200


def find_personal_columns(frame: pd.DataFrame, headers: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(column, why) for every column to drop, in the frame's column order."""
    found = []
    for column in frame.columns:
        why = _header_reason(headers.get(column, (column,))) or _value_reason(frame[column])
        if why:
            found.append((column, why))
    return found


def identifier_column(personal: list[tuple[str, str]]) -> str | None:
    """The first dropped column whose header names an identifier (employee or staff number)."""
    return next((column for column, why in personal if why == _header_phrase(IDENTIFIER)), None)


def _header_phrase(what: str) -> str:
    return f"its header says it holds {what}"


def _header_reason(parts: tuple[str, ...]) -> str | None:
    for part in parts:
        text = normalise(part)
        for what, pattern in _HEADER_RULES:
            if re.fullmatch(pattern, text):
                return _header_phrase(what)
    return None


def _value_reason(column: pd.Series) -> str | None:
    values = _first_filled(column, _SAMPLE).tolist()
    texts = [v for v in values if isinstance(v, str)]
    if len(values) < 3 or not texts:
        return None
    for what, pattern in _VALUE_RULES:
        # each value matched in Python: pandas' per-call overhead dwarfs a sample this small
        share = sum(pattern.match(v) is not None for v in texts) / len(texts)
        if share >= 0.5:
            return f"{share:.0%} of its values look like {what}"
    return None


def _first_filled(column: pd.Series, count: int) -> pd.Series:
    """The first ``count`` non-empty values, reading only as far down the column as needed
    (a sample, so a 100,000-row column costs as little as a 200-row one)."""
    window = 4 * count
    while True:
        head = column.iloc[:window]
        filled = head[head.ne("")]
        if len(filled) >= count or window >= len(column):
            return filled.head(count)
        window *= 8
