"""Burnout profiles (Leiter & Maslach, 2016) from per-subscale boundaries on item means.

The published profiles were found by latent profile analysis; the norm-based boundaries later
material speaks of could not be found, so tiwell's boundaries are a named, editable set in the
instrument file and every view that shows profiles shows them beside it as approximate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tiwell.instruments.load import Instrument

UNASSIGNED = "unassigned"


def critical(scores: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """True where a subscale's item mean is at or beyond its boundary in its bad direction
    (at or above for higher-is-worse, at or below for higher-is-better); NaN stays unknown."""
    out = {}
    for sub_id, boundary in instrument.profiles.boundaries.items():
        sub = instrument.subscale(sub_id)
        mean = scores[sub_id] / len(sub.items) if sub.method == "sum" else scores[sub_id]
        beyond = mean >= boundary if sub.direction == "higher_is_worse" else mean <= boundary
        out[sub_id] = beyond.where(mean.notna())
    return pd.DataFrame(out, index=scores.index)


def assign_profiles(scores: pd.DataFrame, instrument: Instrument) -> pd.Categorical:
    """Each row's profile: the type whose critical set equals the row's exactly; rows with any
    subscale unscored get no profile, other combinations are ``unassigned``."""
    profiles = instrument.profiles
    flags = critical(scores, instrument)
    dims = list(flags.columns)
    known = flags.notna().all(axis=1).to_numpy()
    bits = (flags.fillna(False).astype(bool).to_numpy() * (1 << np.arange(len(dims)))).sum(axis=1)
    labels = [t.label for t in profiles.types] + [UNASSIGNED]
    by_bits = {sum(1 << dims.index(d) for d in t.critical): i for i, t in enumerate(profiles.types)}
    lookup = np.full(1 << len(dims), len(labels) - 1)
    for pattern, code in by_bits.items():
        lookup[pattern] = code
    codes = np.where(known, lookup[bits], -1)
    return pd.Categorical.from_codes(codes, categories=labels)
