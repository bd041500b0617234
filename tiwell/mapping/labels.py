"""Labels for a column's codes: what '3' or 'AO07' in a team column stands for.

Tools that export codes (REDCap's raw data, Qualtrics' numeric values, SurveyMonkey's numerical
download, LimeSurvey's answer codes) leave a team column reading 3 or 6. A mapping carries the
labels of a column's codes as one line in REDCap's own form, ``1, Family Support | 2, Fostering``,
so that a data dictionary's choices, a saved mapping file and a cell a person types in the
mapping table all read the same way.
"""

from __future__ import annotations

import re

import pandas as pd

from tiwell.errors import MappingError
from tiwell.ingest.dictionary import parse_choices

# The roles whose codes without labels the mapping table points out: LimeSurvey's team question,
# headed only by its code (G01Q01), is read as 'other' until the user makes it the team.
LABELLED_ROLES = ("team", "group", "other")
_CODE = re.compile(r"^[A-Za-z]{0,3}\d{1,6}$")  # '3', '03', 'AO07', 'A1': a code, never a team's name


def parse_labels(text: str, column: str | None = None) -> dict[str, str]:
    """``'1, North | 2, South'`` as {'1': 'North', '2': 'South'}; empty text is no labels. A part
    without a code, a comma and a label is named in a MappingError (a ValueError)."""
    try:
        return parse_choices(text)
    except ValueError as exc:
        where = f"Column '{column}': " if column else ""
        raise MappingError(f"{where}the label '{exc}' needs a code, a comma and the label, as in "
                           "'1, Family Support | 2, Fostering'.", column=column) from None


def format_labels(labels: dict[str, str]) -> str:
    """The one-line form :func:`parse_labels` reads."""
    return " | ".join(f"{code}, {label}" for code, label in labels.items())


def relabel(values: pd.Series, labels: dict[str, str]) -> pd.Series:
    """Each code replaced by its label; a value without a label is kept as it is. Codes are
    matched as written and as whole numbers, so a label for '3' also reads '3.0' and '03'."""
    if not labels:
        return values
    lookup = {**{_whole(code): label for code, label in labels.items()}, **labels}
    return values.map(lambda v: lookup.get(v, lookup.get(_whole(v), v)) if isinstance(v, str) else v)


def unlabelled_codes(values: pd.Series, labels: dict[str, str]) -> list[str]:
    """The distinct codes of a column (values like '3' or 'AO07') that have no label yet, in
    order; empty when the column holds names rather than codes."""
    given = pd.unique(values[values.ne("")].astype(str))
    if not len(given) or not all(_CODE.match(v) for v in given):
        return []
    known = set(labels) | {_whole(c) for c in labels}
    return sorted((v for v in given if v not in known and _whole(v) not in known), key=_sort_key)


def some_codes(codes: list[str]) -> str:
    """The first three codes, for a sentence: '1, 2, 3, ...'."""
    return ", ".join(codes[:3]) + (", ..." if len(codes) > 3 else "")


def _whole(code: str) -> str:
    """'03' and '3.0' as '3'; anything else as it is."""
    try:
        number = float(code)
    except ValueError:
        return code
    return str(int(number)) if number.is_integer() else code


def _sort_key(code: str) -> tuple:
    digits = re.sub(r"\D", "", code)
    return (re.sub(r"\d", "", code), int(digits) if digits else 0)
