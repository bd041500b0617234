"""Scoring: reverse-key items, score each subscale under its missing-item rule, band, and say why.

All arithmetic is on the whole answer matrix at once: reversed columns are ``min + max - x``,
subscale sums and counts of answered items are two matrix products with the 0/1 key matrix.
A subscale with fewer answered items than its rule needs gets no score (NaN), never a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tiwell.instrument import Band, BandSet, Instrument, Subscale
from tiwell.profiles import assign_profiles

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
    flip = [instrument.item_numbers.index(n) for n in instrument.reversed_items]
    matrix[:, flip] = instrument.scale.min + instrument.scale.max - matrix[:, flip]
    unanswered = np.isnan(matrix)
    key = key_matrix(instrument)
    answered = (~unanswered).astype(np.float32) @ key.astype(np.float32)  # counts: exact in float32
    sums = np.where(unanswered, 0.0, matrix) @ key
    size = key.sum(axis=0)
    out = {}
    for j, sub in enumerate(instrument.subscales):
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = sums[:, j] / answered[:, j]
        value = mean if sub.method == "mean" else np.where(answered[:, j] == size[j], sums[:, j], mean * size[j])
        value = np.where(answered[:, j] >= sub.min_answered, value, np.nan)
        out[sub.id] = value
        out[f"{sub.id}_band"] = _banded(value, sub, band_set)
    result = pd.DataFrame(out, index=answers.index)
    if instrument.profiles is not None:
        result[f"{instrument.id}_profile"] = assign_profiles(result, instrument)
    result["status"], result["reason"] = _status_and_reason(answered.astype(int), size.astype(int), instrument)
    return result


def _banded(values: np.ndarray, subscale: Subscale, band_set: BandSet | None) -> pd.Categorical:
    if band_set is None:
        return band(values, subscale.bands)
    size = len(subscale.items)
    basis = values if band_set.method == subscale.method else values / size if band_set.method == "mean" else values * size
    return band(basis, band_set.bands.get(subscale.id, ()))


def band(values: np.ndarray, bands: tuple[Band, ...]) -> pd.Categorical:
    """The band of each score: the highest band whose lower bound the score reaches (so a
    prorated 22.5 between '22 or less' and '23 to 41' falls in the lower band)."""
    bands = sorted(bands, key=lambda b: -np.inf if b.low is None else b.low)
    labels = [b.label for b in bands]
    if not bands:
        return pd.Categorical([None] * len(values), categories=[])
    lows = np.array([-np.inf if b.low is None else b.low for b in bands][1:])
    codes = np.searchsorted(lows, values, side="right")
    codes = np.where(np.isnan(values), -1, codes)
    return pd.Categorical.from_codes(codes, categories=labels, ordered=True)


def _status_and_reason(answered: np.ndarray, size: np.ndarray, instrument: Instrument) -> tuple[pd.Categorical, pd.Categorical]:
    """Status and reason depend only on how many items of each subscale were answered, so
    each distinct pattern of counts is described once and spread back to its rows."""
    radix = np.cumprod(np.concatenate([[1], size[:-1] + 1]))
    patterns, codes = np.unique(answered @ radix, return_inverse=True)
    counts = (patterns[:, None] // radix) % (size + 1)
    described = [_describe(row, size, instrument) for row in counts]
    statuses = pd.Categorical([d[0] for d in described], categories=STATUSES).codes
    reasons = list(dict.fromkeys(d[1] for d in described))
    reason_codes = np.array([reasons.index(d[1]) for d in described])
    return (pd.Categorical.from_codes(statuses[codes], categories=STATUSES),
            pd.Categorical.from_codes(reason_codes[codes], categories=reasons))


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
