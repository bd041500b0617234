"""What the leaders' views need from a scored survey: its subscales in reading order, the
grouping columns a filter can use. Every number a view shows comes from :mod:`tiwell.privacy.release`."""

from __future__ import annotations

import pandas as pd

def subscale_info(survey) -> pd.DataFrame:
    """One row per scored subscale, strengths (higher is better) first: the column, labels,
    direction, possible range and band labels."""
    rows = []
    for inst in survey.instruments:
        for sub in inst.subscales:
            low, high = inst.score_range(sub.id)
            rows.append({"column": survey.score_columns[(inst.id, sub.id)], "instrument": inst.short_name,
                         "subscale": sub.id, "label": sub.label, "meaning": sub.meaning, "direction": sub.direction,
                         "low": low, "high": high, "bands": [b.label for b in sub.bands], "band_rules": sub.bands})
    info = pd.DataFrame(rows)
    order = info["direction"].map({"higher_is_better": 0, "higher_is_worse": 1})
    return info.assign(_o=order).sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)


def filter_columns(survey) -> list[str]:
    """Wave, team and every grouping column, as named in the scored table."""
    columns = [c for c in ("wave", "team") if c in survey.scored]
    return columns + [c for c in survey.mapping.columns_for("group") if c in survey.scored]


def filter_options(scored: pd.DataFrame, column: str) -> list:
    """Every value a column holds, in order: the teams an action may name, whether or not the
    release offers ``column`` as a filter (a very wide one is left out of it)."""
    return sorted(scored[column].dropna().unique().tolist(), key=str)
