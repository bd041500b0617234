"""Answers to numbers: scale labels in any case and spacing, numbers written '4', ' 4 ' or '4.0'.

A value off the scale is never clipped to the nearest end: it is treated as unanswered and
reported with its row and column, and with its value only when that cannot be personal
(:func:`tiwell.findings.cell_value`). LimeSurvey's answer codes (AO01, AO02...) read as the
scale's options in order. Each column's distinct values are read once and the
result spread back with their codes, so a million rows cost as much as their distinct answers.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from tiwell.instruments.load import Scale
from tiwell.findings import Code, Finding, cell_value, finding
from tiwell.text.answer_scales import DriverScale, whole_number
from tiwell.text.numbers import short
from tiwell.text.spelling import normalise


def answer_lookup(scale: Scale) -> dict[str, float]:
    """Every accepted spelling, normalised, to its value: 'Very Often', 'very often', '5',
    '5 - Very Often' and 'Very Often (5)' all read as 5."""
    lookup = {}
    for lab in scale.labels:
        number = f"{lab.value:g}"
        for spelling in (lab.label, *lab.spellings):
            for form in (spelling, f"{number} {spelling}", f"{spelling} {number}"):
                lookup[normalise(form)] = lab.value
    return lookup


def read_answers(frame: pd.DataFrame, item_columns: dict[int, str], scale: Scale) -> tuple[pd.DataFrame, list[Finding]]:
    """A float matrix (rows as the frame, one column per item number, NaN = unanswered) and a
    finding for every value that is not an answer on the scale."""
    lookup = answer_lookup(scale)
    keywords = [(normalise(k), lab.value) for lab in scale.labels for k in lab.keywords]
    block = np.empty((len(item_columns), len(frame)))  # items x rows: the result's one block, never copied
    findings = []
    for target, column in zip(block, item_columns.values()):
        codes, uniques = pd.factorize(frame[column], sort=False)
        values, problems = _read_distinct(uniques, lookup, keywords, scale)
        np.take(np.append(values, np.nan), codes, out=target)  # code -1 (an empty cell) reads the NaN
        for position, (code, message) in problems.items():
            rows = frame.index[codes == position]
            value = cell_value(uniques[position])[0]
            findings += [finding(code, message, row=row, column=column, value=value) for row in rows]
    matrix = pd.DataFrame(block.T, index=frame.index, columns=pd.Index(list(item_columns), dtype=np.int64), copy=False)
    return matrix, findings


def _read_distinct(uniques, lookup: dict, keywords: list, scale: Scale) -> tuple[np.ndarray, dict]:
    """Values of each distinct cell text, and (code, message) for those that are not answers.
    Keywords identify an option inside its longer published wording, first listed first."""
    allowed = set(scale.values)
    options = sorted(lab.value for lab in scale.labels)  # LimeSurvey's AO01 is the first, AO05 the fifth
    values = np.full(len(uniques), np.nan)
    problems = {}
    for position, text in enumerate(uniques):
        text = str(text).strip()
        if not text:
            continue
        number = _as_number(text)
        key = normalise(text)
        if number is not None and number in allowed:
            values[position] = number
        elif key in lookup:
            values[position] = lookup[key]
        elif (found := next((v for k, v in keywords if f" {k} " in f" {key} "), None)) is not None:
            values[position] = found
        elif (code := _OPTION_CODE.match(text)) and 1 <= int(code["n"]) <= len(options):
            values[position] = options[int(code["n"]) - 1]
        elif number is not None:
            problems[position] = (Code.OFF_SCALE, f"{cell_value(text)[1]} is not an answer on the {short(scale.min)} to "
                                               f"{short(scale.max)} scale, so it is treated as unanswered (not rounded or clipped).")
        else:
            problems[position] = (Code.NOT_AN_ANSWER, f"{cell_value(text)[1]} is not one of the scale's answers ("
                                                   f"{', '.join(l.label for l in scale.labels)}), so it is treated as unanswered.")
    return values, problems


_OPTION_CODE = re.compile(r"^AO?0*(?P<n>\d{1,3})$", re.I)  # LimeSurvey's answer codes: AO01, A1


def _as_number(text: str) -> float | None:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return number if np.isfinite(number) else None


def read_driver(values: pd.Series, scale: DriverScale, reversed_: bool = False) -> tuple[pd.Series, list[Finding]]:
    """Numbers (NaN when unanswered or not on the scale), flipped end to end when the question is
    worded the other way round, and a finding for every answer not on the scale."""
    codes, uniques = pd.factorize(values, sort=False)
    read = np.array([scale.values.get(normalise(whole_number(str(u))), np.nan) for u in uniques] + [np.nan])
    numbers = pd.Series(read[codes], index=values.index, name=values.name)
    if reversed_:
        numbers = scale.low + scale.high - numbers
    findings = []
    for position, text in enumerate(uniques):
        if str(text).strip() and np.isnan(read[position]):
            value, named = cell_value(text)
            message = (f"{named} is not an answer on the {scale.describe()} scale tiwell read this question on, "
                       "so it is treated as unanswered.")
            findings += [finding(Code.NOT_AN_ANSWER, message, row=row, column=values.name, value=value)
                         for row in values.index[codes == position]]
    return numbers, findings
