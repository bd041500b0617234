"""Scoring: reverse-key items, score each subscale under its missing-item rule, band, and say why.

All arithmetic is on the whole answer matrix at once: reversed columns are turned round in
place, subscale sums are one matrix product with the 0/1 key matrix, and the few distinct patterns
of answered counts are described once each. A million respondents cost about twice a bare
matrix product (``benchmarks/``). A subscale with fewer answered items than its rule needs gets
no score (NaN), never a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tiwell.instruments.load import Band, BandSet, Instrument, Subscale
from tiwell.scoring.profiles import assign_profiles

STATUSES = ("scored", "prorated", "not_scored")


def reverse_items(answers: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """A copy with the instrument's reversed items turned round (1<->5, 2<->4 on a 1-5 scale)."""
    flipped = answers.copy()
    columns = [n for n in instrument.reversed_items if n in flipped.columns]
    flipped[columns] = instrument.scale.min + instrument.scale.max - flipped[columns]
    return flipped


def key_matrix(instrument: Instrument) -> np.ndarray:
    """Items x subscales, 1 where the item belongs to the subscale."""
    numbers = instrument.item_numbers
    key = np.zeros((len(numbers), len(instrument.subscales)))
    for j, sub in enumerate(instrument.subscales):
        key[[numbers.index(n) for n in sub.items], j] = 1.0
    return key


def score(answers: pd.DataFrame, instrument: Instrument, band_set: BandSet | None = None) -> pd.DataFrame:
    """Subscale scores, ``<id>_band``, ``status`` and ``reason`` for every row of ``answers``.

    ``answers`` holds the answers as given (not reversed), one column per item number, NaN
    where unanswered; missing item columns count as unanswered. A sum-scored subscale with
    missing items that its rule allows is prorated: mean of answered items x number of items.
    ``status`` is ``not_scored`` when any subscale has no score (the others keep theirs;
    an optional subscale left wholly blank does not count), ``prorated`` when any was
    prorated, else ``scored``; ``reason`` says which and why. Bands come from the subscale,
    or from ``band_set`` (on its own basis: sums or item means) when one is chosen.
    """
    matrix = answers.reindex(columns=list(instrument.item_numbers)).to_numpy(float, copy=True)
    for i in (instrument.item_numbers.index(n) for n in instrument.reversed_items):
        np.subtract(instrument.scale.min + instrument.scale.max, matrix[:, i], out=matrix[:, i])
    unanswered = np.isnan(matrix)
    np.copyto(matrix, 0.0, where=unanswered)  # in place: no second copy of the matrix
    key = key_matrix(instrument)
    sums = key.T @ matrix.T  # subscales x rows: each subscale's scores lie contiguous
    size = key.sum(axis=0).astype(np.int64)
    counts = _count_per_subscale(unanswered, key)
    answered = size.astype(counts.dtype)[:, None] - counts
    out = {}
    for j, sub in enumerate(instrument.subscales):
        value = _subscale_value(sums[j], answered[j], int(size[j]), sub)
        out[sub.id] = value
        out[f"{sub.id}_band"] = _banded(value, sub, band_set)
    result = pd.DataFrame(out, index=answers.index)
    if instrument.profiles is not None:
        result[f"{instrument.id}_profile"] = assign_profiles(result, instrument)
    result["status"], result["reason"] = _status_and_reason(answered, size, instrument)
    return result


def _count_per_subscale(flags: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Subscales x rows: how many of each subscale's items are flagged. Column additions of
    bytes, several times cheaper than a float matrix product for counts this small."""
    flags = flags.view(np.uint8)
    counts = np.zeros((key.shape[1], len(flags)), dtype=np.min_scalar_type(len(key)))
    for j, row in enumerate(counts):
        for i in np.flatnonzero(key[:, j]):
            np.add(row, flags[:, i], out=row)
    return counts


def _subscale_value(sums: np.ndarray, answered: np.ndarray, size: int, sub: Subscale) -> np.ndarray:
    """The sum (prorated as mean x items when some are unanswered) or the item mean; NaN where
    fewer than ``min_answered`` items were answered. Worked in place on one new array."""
    with np.errstate(invalid="ignore", divide="ignore"):
        value = sums / answered
    if sub.method == "sum":
        np.multiply(value, size, out=value)
        np.copyto(value, sums, where=answered == size)
    np.copyto(value, np.nan, where=answered < sub.min_answered)
    return value


def _banded(values: np.ndarray, subscale: Subscale, band_set: BandSet | None) -> pd.Categorical:
    if band_set is None:
        return band(values, subscale.bands)
    size = len(subscale.items)
    basis = values if band_set.method == subscale.method else values / size if band_set.method == "mean" else values * size
    return band(basis, band_set.bands.get(subscale.id, ()))


def band(values: np.ndarray, bands: tuple[Band, ...]) -> pd.Categorical:
    """The band of each score: the highest band whose lower bound the score reaches (so a
    prorated 22.5 between '22 or less' and '23 to 41' falls in the lower band). Codes are a
    count of the lower bounds reached, one comparison per bound, no sort or search."""
    bands = sorted(bands, key=lambda b: -np.inf if b.low is None else b.low)
    values = np.asarray(values, dtype=float)
    missing = np.isnan(values)
    codes = -missing.astype(np.int8)  # -1 (no band) where there is no score
    for b in bands[1:]:
        codes += values >= (-np.inf if b.low is None else b.low)
    if not bands:
        codes[:] = -1
    dtype = pd.CategoricalDtype([b.label for b in bands], ordered=bool(bands))
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _status_and_reason(answered: np.ndarray, size: np.ndarray, instrument: Instrument) -> tuple[pd.Categorical, pd.Categorical]:
    """Status and reason depend only on how many items of each subscale were answered
    (``answered``: subscales x rows), so each distinct pattern of counts is described once and
    spread back to its rows."""
    radix = np.cumprod(np.concatenate([[1], size[:-1] + 1]))
    keys = np.zeros(answered.shape[1], dtype=np.int64)
    for r, row in zip(radix, answered):
        keys += row * r  # one number per pattern of counts
    patterns, codes = _distinct(keys, int(np.prod(size + 1)))
    counts = (patterns[:, None] // radix) % (size + 1)
    described = [_describe(row, size, instrument) for row in counts]
    statuses = np.array([STATUSES.index(d[0]) for d in described], dtype=np.int8)
    reasons = list(dict.fromkeys(d[1] for d in described))
    reason_codes = np.array([reasons.index(d[1]) for d in described], dtype=np.int32)
    return (pd.Categorical.from_codes(statuses[codes], dtype=pd.CategoricalDtype(STATUSES), validate=False),
            pd.Categorical.from_codes(reason_codes[codes], dtype=pd.CategoricalDtype(reasons), validate=False))


def _distinct(keys: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)`` for keys in ``[0, bound)``: a lookup table
    instead of a sort when the bound is small, as it is for any real instrument."""
    if bound > max(len(keys), 1 << 16):
        return np.unique(keys, return_inverse=True)
    seen = np.zeros(bound, dtype=bool)
    seen[keys] = True
    patterns = np.flatnonzero(seen)
    position = np.zeros(bound, dtype=np.intp)
    position[patterns] = np.arange(len(patterns))
    return patterns, position[keys]


def _describe(answered: np.ndarray, size: np.ndarray, instrument: Instrument) -> tuple[str, str]:
    """The status of one pattern of answered counts, and the sentence that explains it."""
    if answered.sum() == 0:
        return "not_scored", f"No answers to any {instrument.short_name} item"
    lacking, prorated = [], []
    for n, total, sub in zip(answered, size, instrument.subscales):
        if sub.optional and n == 0:
            continue
        if n < sub.min_answered:
            lacking.append(f"{sub.label}: {total - n} of {total} items unanswered, at least {sub.min_answered} needed")
        elif n < total and sub.method == "sum":
            prorated.append(f"{sub.label} prorated: {total - n} of {total} items unanswered")
        elif n < total:
            prorated.append(f"{sub.label} is the mean of the {n} answered items of {total}")
    status = "not_scored" if lacking else "prorated" if prorated else "scored"
    return status, "; ".join(lacking + prorated)
