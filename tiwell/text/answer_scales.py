"""The answer scales survey tools write: agreement, frequency, yes/no or plain numbers.

Organisations add their own questions (feeling safe to speak up, trust in managers, peer support)
to the same survey. Each is answered on a scale the survey tool writes as labels or numbers;
:func:`scale_of` finds the scale a column's answers are on (or None: the column is not a scale
question). Reading answers as numbers is scoring's job (:func:`tiwell.scoring.answers.read_driver`);
the scales live here because reading a file needs them too: a column of answer labels is not
personal data. The favourable answers are the top of the scale: agree or strongly agree, often or
always, yes, and the top quarter of a numeric scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tiwell.text.numbers import short
from tiwell.text.spelling import normalise


@dataclass(frozen=True)
class DriverScale:
    """A response scale: accepted spellings (normalised) -> value, its ends, and the lowest
    value that counts as favourable."""

    name: str
    values: dict[str, float]
    low: float
    high: float
    favourable_from: float

    def describe(self) -> str:
        return f"{self.name} ({short(self.low)} to {short(self.high)}, favourable from {short(self.favourable_from)})"


def _labels(name: str, spellings: dict[float, tuple[str, ...]], favourable_from: float) -> DriverScale:
    values = {normalise(s): v for v, forms in spellings.items() for s in forms}
    values |= {normalise(f"{v:g} {s}"): v for v, forms in spellings.items() for s in forms}
    return DriverScale(name, values, min(spellings), max(spellings), favourable_from)


AGREEMENT = _labels("agreement", {
    1: ("Strongly disagree",), 2: ("Disagree", "Somewhat disagree", "Tend to disagree"),
    3: ("Neither agree nor disagree", "Neither agree or disagree", "Neutral", "Neither"),
    4: ("Agree", "Somewhat agree", "Tend to agree"), 5: ("Strongly agree",)}, 4)
FREQUENCY = _labels("frequency", {
    1: ("Never",), 2: ("Rarely", "Seldom"), 3: ("Sometimes", "Occasionally"), 4: ("Often", "Usually"),
    5: ("Always", "Very often", "Almost always")}, 4)
YES_NO = _labels("yes/no", {0: ("No", "N", "False"), 1: ("Yes", "Y", "True")}, 1)
LABELLED = (AGREEMENT, FREQUENCY, YES_NO)
# Whole-number scales, narrowest first: answers 1-5 are read as a 1 to 5 scale, 0-10 as 0 to 10.
NUMERIC_RANGES = ((1, 5), (1, 7), (0, 10))


def _numeric(low: int, high: int) -> DriverScale:
    values = {f"{v}": float(v) for v in range(low, high + 1)}
    return DriverScale(f"numbers {low} to {high}", values, low, high, float(np.ceil(low + 0.75 * (high - low))))


NUMERIC = tuple(_numeric(a, b) for a, b in NUMERIC_RANGES)


# More different answers than any scale's spellings could give (ids, dates, free text): not a scale,
# and not worth reading each one to find out.
MAX_DISTINCT = 40


def _distinct(values: pd.Series) -> list[str] | None:
    if len(pd.unique(values.iloc[:1000])) > MAX_DISTINCT:  # ids, times, comments: told apart cheaply
        return None
    texts = values.dropna().unique()
    if len(texts) > MAX_DISTINCT:
        return None
    return [normalise(whole_number(str(t))) for t in texts if str(t).strip()]


def whole_number(text: str) -> str:
    """'4.0' and ' 4 ' read as '4', as a spreadsheet writes whole numbers."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return f"{number:g}" if np.isfinite(number) else text


def scale_of(values: pd.Series, *, strict: bool = True) -> DriverScale | None:
    """The scale every answer is on (``strict``), or the one that reads the most of them; None when
    fewer than two or more than MAX_DISTINCT different answers were given, or (strict) no scale
    reads them all."""
    given = _distinct(values)
    if given is None or len(set(given)) < 2:
        return None
    scales = (*LABELLED, *NUMERIC)
    read = [sum(t in s.values for t in given) for s in scales]
    best = int(np.argmax(read))  # the first of equals: labels before numbers, narrow ranges before wide
    if read[best] == 0 or (strict and read[best] < len(given)):
        return None
    return scales[best]
