"""What the leaders' views need from a scored survey: its subscales in reading order, the
grouping columns a filter can use, and the rows a set of filters selects."""

from __future__ import annotations

import pandas as pd

from tiwell.privacy import Visibility, filtered_view

FILTER_ROLES = ("wave", "team", "group")


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
    return sorted(scored[column].dropna().unique().tolist(), key=str)


def select(scored: pd.DataFrame, filters: dict, min_group: int) -> tuple[pd.DataFrame | None, Visibility]:
    """The rows the filters select, or None with the reason they may not be shown."""
    seen = filtered_view(scored, filters, min_group)
    if not seen.shown:
        return None, seen
    mask = pd.Series(True, index=scored.index)
    for column, value in filters.items():
        if value is not None:
            mask &= scored[column] == value
    return scored[mask], seen


def profile_shares(rows: pd.DataFrame, survey, min_group: int) -> dict[str, pd.DataFrame]:
    """Per instrument with profiles: the share of people in each profile, among those with all
    its subscales scored; nothing when fewer than ``min_group`` people have a profile."""
    out = {}
    for inst in survey.instruments:
        column = f"{inst.id}_profile"
        if inst.profiles is None or column not in rows:
            continue
        known = rows[column].dropna()
        if len(known) < min_group:
            continue
        shares = known.value_counts(normalize=True).reindex(rows[column].cat.categories, fill_value=0.0)
        out[inst.id] = pd.DataFrame({"profile": shares.index, "share": shares.to_numpy(), "people": len(known)})
    return out


def check_cells(table: pd.DataFrame, scored: pd.DataFrame, by: list[str], filters: dict, min_group: int) -> pd.DataFrame:
    """A breakdown table with every cell that another view could reveal by subtraction hidden.

    Each cell (a team in a wave, say, under the sidebar's filters) is treated as one more filtered
    view: it is shown only when, along every dimension, it survives suppression among its siblings.
    So a team's managers cannot be worked out as the team minus its other roles, whichever
    selections a person compares."""
    active = {c: v for c, v in filters.items() if v is not None}
    out = table.copy()
    for index, row in out[out["shown"]].iterrows():
        if not filtered_view(scored, {c: row[c] for c in by} | active, min_group).shown:
            out.loc[index, "shown"] = False
    numeric = [c for c in out.select_dtypes("number").columns if c not in by]
    out.loc[~out["shown"], numeric] = float("nan")
    return out
