"""An instrument described as tables a person can read: what it measures and how it is scored.

Used by the instruments page and by exports, so that every score can be traced to its rule,
its cut points and their source.
"""

from __future__ import annotations

import pandas as pd

from tiwell.instruments.load import Band, Instrument
from tiwell.text.numbers import short

DIRECTION_WORDS = {"higher_is_better": "higher is better", "higher_is_worse": "higher means more strain"}


def band_text(bands: tuple[Band, ...]) -> str:
    """'low: 22 or less; moderate: 23 to 41; high: 42 or more'."""
    parts = []
    for b in bands:
        if b.low is None:
            parts.append(f"{b.label}: {short(b.high)} or less")
        elif b.high is None:
            parts.append(f"{b.label}: {short(b.low)} or more")
        else:
            parts.append(f"{b.label}: {short(b.low)} to {short(b.high)}")
    return "; ".join(parts)


def band_cuts_text(bands) -> str:
    """'low up to 22; moderate from 23; high from 42': each band by the cut point it starts at,
    as the histogram's lines mark them (the first band by where it ends)."""
    return "; ".join(f"{b.label} up to {short(b.high)}" if b.low is None else f"{b.label} from {short(b.low)}"
                     for b in bands)


def subscale_table(inst: Instrument) -> pd.DataFrame:
    rows = []
    for sub in inst.subscales:
        low, high = inst.score_range(sub.id)
        rows.append({
            "subscale": sub.label, "id": sub.id, "what it means": sub.meaning,
            "direction": DIRECTION_WORDS[sub.direction],
            "score": f"{'sum' if sub.method == 'sum' else 'mean'} of {len(sub.items)} items ({short(low)} to {short(high)})",
            "items": ", ".join(map(str, sub.items)),
            "missing items": f"scored with at least {sub.min_answered} of {len(sub.items)} answered"
                             + ("; left blank by people it does not apply to" if sub.optional else ""),
            "missing-item rule source": sub.missing_rule_source,
            "bands": band_text(sub.bands) or "none by default",
            "bands source": sub.bands_source,
        })
    return pd.DataFrame(rows)


def item_table(inst: Instrument) -> pd.DataFrame:
    """Items with their text where the licence allows it, and which are reverse-scored."""
    member = {n: [s.label for s in inst.subscales if n in s.items] for n in inst.item_numbers}
    return pd.DataFrame([{
        "item": item.number,
        "text": item.text or "(not shipped: the item wording is under copyright or its licence is unconfirmed)",
        "subscale": ", ".join(member[item.number]),
        "reverse-scored": "yes" if item.reversed else "",
    } for item in inst.items])


def scale_table(inst: Instrument) -> pd.DataFrame:
    return pd.DataFrame([{"value": short(lab.value), "answer": lab.label,
                          "also accepted": ", ".join(lab.spellings + lab.keywords)} for lab in inst.scale.labels])


def band_set_table(inst: Instrument) -> pd.DataFrame:
    """Alternative cut points, each with its source, on the basis they were published on."""
    rows = []
    for band_set in inst.band_sets:
        for sub_id, bands in band_set.bands.items():
            rows.append({"set": band_set.label, "subscale": inst.subscale(sub_id).label,
                         "on": "sums" if band_set.method == "sum" else "item means",
                         "bands": band_text(bands), "source": band_set.source, "note": band_set.note})
    return pd.DataFrame(rows)


def profile_table(inst: Instrument) -> pd.DataFrame:
    """Profile types with the boundaries that define them (item means)."""
    profiles = inst.profiles
    if profiles is None:
        return pd.DataFrame()
    def beyond(sub_id: str) -> str:
        sub = inst.subscale(sub_id)
        sign = ">=" if sub.direction == "higher_is_worse" else "<="
        return f"{sub.label} {sign} {short(profiles.boundaries[sub_id])}"
    return pd.DataFrame([{"profile": t.label,
                          "beyond the boundary": ", ".join(beyond(s) for s in t.critical) or "none",
                          "within the boundary": ", ".join(inst.subscale(s).label for s in profiles.boundaries
                                                           if s not in t.critical) or "none"}
                         for t in profiles.types])
