"""Scoring: reverse-key items, score each subscale under its missing-item rule, band, and say why.

All arithmetic is on the whole answer matrix at once: reversed columns are ``min + max - x``,
subscale sums and counts of answered items are two matrix products with the 0/1 key matrix.
A subscale with fewer answered items than its rule needs gets no score (NaN), never a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tiwell.instrument import Instrument, Subscale

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


def score(answers: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Subscale scores, ``<id>_band``, ``status`` and ``reason`` for every row of ``answers``.

    ``answers`` holds the answers as given (not reversed), one column per item number, NaN
    where unanswered; missing item columns count as unanswered. A sum-scored subscale with
    missing items that its rule allows is prorated: mean of answered items x number of items.
    ``status`` is ``not_scored`` when any subscale has no score (the others keep theirs),
    ``prorated`` when any was prorated, else ``scored``; ``reason`` says which and why.
    """
    matrix = reverse_items(answers.reindex(columns=list(instrument.item_numbers)), instrument).to_numpy(float)
    key = key_matrix(instrument)
    answered = (~np.isnan(matrix)).astype(float) @ key
    sums = np.nan_to_num(matrix) @ key
    size = key.sum(axis=0)
    out = {}
    for j, sub in enumerate(instrument.subscales):
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = sums[:, j] / answered[:, j]
        value = mean if sub.method == "mean" else np.where(answered[:, j] == size[j], sums[:, j], mean * size[j])
        value = np.where(answered[:, j] >= sub.min_answered, value, np.nan)
        out[sub.id] = value
        out[f"{sub.id}_band"] = band(value, sub)
    result = pd.DataFrame(out, index=answers.index)
    result["status"], result["reason"] = _status_and_reason(answered, size, instrument)
    return result


def band(values: np.ndarray, subscale: Subscale) -> pd.Categorical:
    """The band of each score: the highest band whose lower bound the score reaches (so a
    prorated 22.5 between '22 or less' and '23 to 41' falls in the lower band)."""
    bands = sorted(subscale.bands, key=lambda b: -np.inf if b.low is None else b.low)
    labels = [b.label for b in bands]
    if not bands:
        return pd.Categorical([None] * len(values), categories=[])
    lows = np.array([-np.inf if b.low is None else b.low for b in bands][1:])
    codes = np.searchsorted(lows, values, side="right")
    codes = np.where(np.isnan(values), -1, codes)
    return pd.Categorical.from_codes(codes, categories=labels, ordered=True)


def _status_and_reason(answered: np.ndarray, size: np.ndarray, instrument: Instrument) -> tuple[np.ndarray, pd.Series]:
    need = np.array([sub.min_answered for sub in instrument.subscales])
    unscored = answered < need
    prorated = ~unscored & (answered < size)
    status = np.where(unscored.any(axis=1), "not_scored", np.where(prorated.any(axis=1), "prorated", "scored"))
    reason = pd.Series("", index=range(len(answered)), dtype=object)
    for j, sub in enumerate(instrument.subscales):
        missing = (size[j] - answered[:, j]).astype(int)
        lacking = np.flatnonzero(unscored[:, j])
        reason.iloc[lacking] += (f"{sub.label}: " + pd.Series(missing[lacking]).astype(str)
                                 + f" of {int(size[j])} items unanswered, at least {sub.min_answered} needed; ").to_numpy()
        filled = np.flatnonzero(prorated[:, j])
        reason.iloc[filled] += (f"{sub.label} prorated: " + pd.Series(missing[filled]).astype(str)
                                + f" of {int(size[j])} items unanswered; ").to_numpy()
    nothing = answered.sum(axis=1) == 0
    reason[nothing] = f"No answers to any {instrument.short_name} item"
    return status, reason.str.rstrip("; ").to_numpy()
