"""Finding columns that hold personal data, so that they are dropped on reading.

A column is personal when its header mentions a personal field anywhere ('1. Your name
(optional)', 'Home postcode', 'Emp No', 'NINO') or when most of its values are emails, phone
numbers, UK postcodes, National Insurance or NHS numbers, IP addresses, map coordinates or
people's names. Two kinds of header are not personal for all their words: a column whose answers
are on an agreement, frequency or yes/no scale is a question *about* email or phones ('I get
emails out of hours'), and 'Team name' or 'Name of your service' names a group, not a person. A bare
'Location' is a place of work (a grouping); only coordinates and a home or current location count.

Every value check looks at a bounded sample of short cells and uses patterns without nested
repetition, so a column of 32,000-character cells costs no more than a column of short ones.
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter

import pandas as pd
import phonenumbers

from tiwell.text.answer_scales import LABELLED, scale_of
from tiwell.text.names import CAPITALISED_WORDS, NAMES_THAT_ARE_WORDS, first_names
from tiwell.text.numbers import percent
from tiwell.text.spelling import normalise

IDENTIFIER = "an identifier"
_NAME = "a name"
def _spellings(firsts: str, seconds: str, *, joined: bool = True) -> list[str]:
    """Every 'first second' pair, and written as one word too ('first name', 'firstname')."""
    pairs = [(a, b) for a in firsts.split() for b in seconds.split()]
    return [f"{a} {b}" for a, b in pairs] + ([a + b for a, b in pairs] if joined else [])


# What a column holds, by the words of its normalised header: normalising makes 'E-mail',
# 'Manager's name' and 'Emp. No.' read 'e mail', 'managers name' and 'emp no'. Headers are read
# word by word, the longest phrase at the leftmost word winning, so a long header costs one pass.
_HEADER_RULES = {
    "an IP address": ["ip address", "ipaddress", "ip addr", "client ip", "user ip", "ip number"],
    "an email address": ["email", "e mail", "email address", "e mail address"],
    "a user name": ["username", "user name", "login", "user id"],
    _NAME: [*_spellings("first last full given family middle maiden preferred fore sur nick", "name names"),
            *_spellings("your my respondent respondents employee employees person persons manager managers "
                        "supervisor supervisors colleague colleagues contact recipient", "name names", joined=False),
            "line manager", "line managers", "line manager name", "line managers name",
            *(f"name of {who}" for who in ("respondent", "the respondent", "employee", "the employee", "person",
                                           "staff member", "member of staff", "manager", "your manager",
                                           "line manager", "your line manager", "supervisor", "your supervisor"))],
    "a date of birth": ["date of birth", "dob", "d o b", "birth date", "birthdate", "birthday", "year of birth"],
    "a National Insurance number": ["ni number", "ni no", "nino", "national insurance"],
    "an NHS number": ["nhs number", "nhs no"],
    IDENTIFIER: [*_spellings("employee staff payroll personnel emp assignment esr pay",
                             "number no num id ref reference code"),
                 "payroll", "external reference", "external data reference", "external ref", "external id"],
    "a phone number": ["phone", "telephone", "cellphone", "cell phone", "mobile", "mobile phone", "tel", "tel no",
                       "tel number", "contact number", "contact no", "contact tel", "contact details"],
    "a postcode": ["postcode", "postcodes", "post code", "post codes", "postal code", "zip", "zip code", "zipcode"],
    "an address": ["address"],
    "a location": ["latitude", "longitude", "geolocation", "geo location", "gps", "coordinates", "home location",
                   "current location", "exact location", "precise location"],
}
_PHRASES = {phrase: what for what, phrases in _HEADER_RULES.items() for phrase in phrases}
_PREFIXES = frozenset(" ".join(phrase.split()[:n]) for phrase in _PHRASES for n in range(1, phrase.count(" ") + 2))
# Short words personal only as the whole header ('IP' inside a sentence is often an inpatient).
_WHOLE_HEADERS = {"ip": "an IP address", "lat": "a location", "long": "a location", "lng": "a location",
                  "lon": "a location"}
# A 'name' next to one of these is the name of a group or thing: 'Team name', 'Name of your service'.
_THING_NOUNS = frozenset("""team service department dept ward unit site organisation organization company employer
school college university project programme program course office directorate group area region locality trust
practice setting business survey file sheet event product job role position grade band base location hospital
clinic centre center placement agency provider instrument question scale division branch shop venue building
post home""".split())

_SAMPLE = 200
_SHARE = 0.5
_PHONE_CHECKS = 50  # phone-shaped values confirmed by the phone-number library, at most
_LONGEST = 64  # no email, phone, postcode, NI or NHS number, IP address, coordinates or name is longer
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)*\.[a-z]{2,}", re.I)
_PHONE_SHAPE = re.compile(r"\+?[\d\s().-]{7,20}")
_DATE_SHAPE = re.compile(r"\d{1,4}([-./])\d{1,2}\1\d{1,4}")
POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)"
_POSTCODE = re.compile(POSTCODE, re.I)
# Two letters, six digits (often in pairs) and a letter A to D; the letters' own rules are left
# out so that the example prefix 'QQ' counts too.
NI_NUMBER = r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?"
_NI = re.compile(NI_NUMBER, re.I)
_NHS = re.compile(r"\d{3}[ -]?\d{3}[ -]?\d{4}")
_COORDINATES = re.compile(r"[-+]?\d{1,2}\.\d{3,9}, ?[-+]?\d{1,3}\.\d{3,9}")
_IP_SHAPE = re.compile(r"[\da-f.:]{3,45}", re.I)
_NAME_WORDS = re.compile(r"(?:(?:mr|mrs|ms|miss|mx|dr)\.? )?([^\W\d_]+)(?:[ '’-][^\W\d_]+\.?){0,3}", re.I)


def find_personal_columns(frame: pd.DataFrame, headers: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(column, why) for every column to drop, in the frame's column order."""
    found = []
    for column in frame.columns:
        why = _header_reason(headers.get(column, (column,)), frame[column]) or _value_reason(frame[column])
        if why:
            found.append((column, why))
    return found


def identifier_column(personal: list[tuple[str, str]]) -> str | None:
    """The first dropped column whose header names an identifier (employee or staff number)."""
    return next((column for column, why in personal if why.endswith(f"so it holds {IDENTIFIER}")), None)


def _header_reason(parts: tuple[str, ...], values: pd.Series) -> str | None:
    """Why the header makes the column personal (naming the words it mentions), or None."""
    for part in parts:
        if part.startswith("{"):  # Qualtrics' import ids repeat the header as JSON
            continue
        text = normalise(part)
        found = _phrase_in(text)
        if found is None and _names_a_person(text):
            found = (_NAME, "name")
        if found and scale_of(values) not in LABELLED:
            return f"its header mentions '{found[1]}', so it holds {found[0]}"
    return None


def _phrase_in(text: str) -> tuple[str, str] | None:
    """(what, phrase) for the first personal phrase among the header's words, or None."""
    if text in _WHOLE_HEADERS:
        return _WHOLE_HEADERS[text], text
    words = text.split()
    for at, phrase in enumerate(words):
        longest, end = None, at + 1
        while phrase in _PREFIXES:  # lengthen the phrase while some personal phrase starts so
            longest = phrase if phrase in _PHRASES else longest
            if end == len(words):
                break
            phrase, end = f"{phrase} {words[end]}", end + 1
        if longest:
            return _PHRASES[longest], longest
    return None


def _names_a_person(text: str) -> bool:
    """'Name', 'Name (optional)', 'Your full name please': a 'name' that is not a group's."""
    words = text.split()
    for at, word in enumerate(words):
        if word in ("name", "names"):
            before, after = words[at - 1] if at else "", words[at + 1 : at + 5]
            if before not in _THING_NOUNS and not (after[:1] == ["of"] and _THING_NOUNS.intersection(after[1:])):
                return True
    return False


def _value_reason(column: pd.Series) -> str | None:
    """The share of a sample of values that are of one personal kind, when it is at least half.
    Each distinct short value is tested once (an answer column has a handful)."""
    values = _first_filled(column, _SAMPLE)
    if len(values) < 3:
        return None
    counts = Counter(v for v in values.tolist() if len(v) <= _LONGEST)
    for what, test in _VALUE_RULES:
        share = _count(counts, test, _SHARE * len(values)) / len(values)
        if share >= _SHARE:
            return f"{percent(share)} of its values look like {what}"
    return None


def _count(counts: Counter, test, enough: float) -> float:
    """How many of the values pass ``test``. Phone numbers: the library is thorough but slow, so
    when at least ``enough`` values are phone-shaped, their count is scaled by the share of a
    bounded sample it confirms."""
    if test is not is_phone_number:
        return sum(n for value, n in counts.items() if test(value))
    shaped = {v: n for v, n in counts.items() if _PHONE_SHAPE.fullmatch(v) and not _DATE_SHAPE.fullmatch(v)}
    if sum(shaped.values()) < enough:
        return 0
    checked = list(shaped)[:_PHONE_CHECKS]
    return sum(shaped.values()) * sum(map(is_phone_number, checked)) / len(checked)


def is_phone_number(text: str) -> bool:
    """A valid number (UK unless it starts with a country code), or one of the right length
    written as a UK or international number ('07700 900123', kept for drama and test ranges)."""
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) or (
        text.lstrip("(").startswith(("0", "+")) and phonenumbers.is_possible_number(number))


def is_nhs_number(text: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the other nine."""
    if not _NHS.fullmatch(text):
        return False
    digits = [int(d) for d in text if d.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return check != 10 and check % 11 == digits[9]


def _is_ip_address(text: str) -> bool:
    if not _IP_SHAPE.fullmatch(text) or text.count(".") not in (0, 3):
        return False
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_person_name(text: str) -> bool:
    """One to four words, the first a listed first name: 'Jane Smith', 'Dr Priya Shah', 'sam'.
    A single word that is also an everyday word or a month ('Amber', 'May') is not enough alone."""
    found = _NAME_WORDS.fullmatch(text.strip())
    if not found:
        return False
    first = found.group(1).lower()
    if first not in first_names():
        return False
    words = normalise(text).split()
    everyday = first in NAMES_THAT_ARE_WORDS or first in CAPITALISED_WORDS
    return not _THING_NOUNS.intersection(words) and (len(words) > 1 or not everyday)


_VALUE_RULES = (
    ("email addresses", _EMAIL.fullmatch),
    ("phone numbers", is_phone_number),
    ("UK postcodes", _POSTCODE.fullmatch),
    ("National Insurance numbers", _NI.fullmatch),
    ("NHS numbers", is_nhs_number),
    ("IP addresses", _is_ip_address),
    ("map coordinates", _COORDINATES.fullmatch),
    ("people's names", _is_person_name),
)


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
