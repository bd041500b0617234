"""Argument checks and data extraction shared by the statistics modules.

Every public statistics function takes its data as a DataFrame plus column names (pingouin's
style), never changes that DataFrame, and raises ``ValueError`` naming the allowed values when an
argument is wrong. The rules for missing values and for the order of groups live here, so every
function treats them the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

# What to do with a missing value in the analysed column: drop it, or refuse the data.
NAN_POLICIES = ("omit", "raise")
# Default confidence level of every interval.
CONFIDENCE = 0.95


def check_choice(name: str, value: object, allowed: Sequence[str]) -> None:
    """Raise ValueError unless ``value`` is one of ``allowed``."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")


def check_confidence(confidence: float) -> float:
    """The confidence level as a float strictly between 0 and 1."""
    try:
        level = float(confidence)
    except (TypeError, ValueError):
        level = np.nan
    if not 0 < level < 1:
        raise ValueError(f"confidence must be a number between 0 and 1 (exclusive), e.g. 0.95; got {confidence!r}")
    return level


def check_frame(data: object, columns: Sequence[str]) -> pd.DataFrame:
    """``data`` as a DataFrame holding every one of ``columns``."""
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame; got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"column(s) {missing} not in data; its columns are {list(data.columns)}")
    return data


def numeric(values: pd.Series | np.ndarray | Sequence[float], name: str, nan_policy: str) -> np.ndarray:
    """Values as a float array, missing values dropped (``omit``) or refused (``raise``)."""
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    try:
        x = pd.to_numeric(series, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must hold numbers: {exc}") from None
    missing = np.isnan(x)
    if missing.any():
        if nan_policy == "raise":
            raise ValueError(f"{name} has {int(missing.sum())} missing value(s) and nan_policy='raise'; "
                             "use nan_policy='omit' to drop them")
        x = x[~missing]
    return x


def group_order(labels: pd.Series, groups: Sequence[object] | None) -> list[object]:
    """The groups to compare, in order: ``groups`` as given, else the categories in their own
    order (categorical column), else the sorted distinct labels. Missing labels are no group."""
    present = pd.unique(labels.dropna())
    if groups is not None:
        chosen = list(groups)
        absent = [g for g in chosen if g not in set(present)]
        if absent:
            raise ValueError(f"group(s) {absent} not found; the groups in the data are {sorted(map(str, present))}")
        if len(set(chosen)) != len(chosen):
            raise ValueError(f"groups must be distinct; got {chosen}")
        return chosen
    if isinstance(labels.dtype, pd.CategoricalDtype):
        return [c for c in labels.cat.categories if c in set(present)]
    try:
        return sorted(present)
    except TypeError:  # mixed label types: keep the order in which they first appear
        return list(present)


def grouped_values(data: pd.DataFrame, value: str, group: str, groups: Sequence[object] | None,
                   nan_policy: str) -> list[tuple[object, np.ndarray]]:
    """(label, values) for each group, in :func:`group_order`. Rows without a group label are
    left out; missing values follow ``nan_policy``."""
    check_frame(data, [value, group])
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    labels = data[group]
    order = group_order(labels, groups)
    return [(g, numeric(data.loc[labels == g, value], f"{value!r} in group {g!r}", nan_policy)) for g in order]


def two_groups(data: pd.DataFrame, value: str, group: str, groups: Sequence[object] | None,
               nan_policy: str) -> tuple[tuple[object, np.ndarray], tuple[object, np.ndarray]]:
    """The two groups compared, first minus second."""
    if groups is not None and len(list(groups)) != 2:
        raise ValueError(f"groups must name exactly two groups (first, second); got {list(groups)}")
    parts = grouped_values(data, value, group, groups, nan_policy)
    if len(parts) != 2:
        raise ValueError(f"column {group!r} holds {len(parts)} group(s) {[g for g, _ in parts]}; "
                         "pass groups=(first, second) to choose the two to compare")
    return parts[0], parts[1]


def several_groups(data: pd.DataFrame, value: str, group: str, groups: Sequence[object] | None,
                   nan_policy: str) -> list[tuple[object, np.ndarray]]:
    """Two or more groups."""
    parts = grouped_values(data, value, group, groups, nan_policy)
    if len(parts) < 2:
        raise ValueError(f"column {group!r} holds {len(parts)} group(s); at least 2 are needed")
    return parts


def item_matrix(items: object, nan_policy: str, min_items: int) -> pd.DataFrame:
    """Respondents x items as floats, incomplete rows dropped (``omit``) or refused (``raise``)."""
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    if not isinstance(items, pd.DataFrame):
        raise ValueError(f"items must be a pandas DataFrame (respondents x items); got {type(items).__name__}")
    if items.shape[1] < min_items:
        raise ValueError(f"items must have at least {min_items} item columns; got {items.shape[1]}")
    try:
        matrix = items.apply(pd.to_numeric, errors="raise").astype(float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"items must hold numbers: {exc}") from None
    incomplete = matrix.isna().any(axis=1)
    if incomplete.any():
        if nan_policy == "raise":
            raise ValueError(f"{int(incomplete.sum())} respondent(s) have unanswered items and nan_policy='raise'; "
                             "use nan_policy='omit' to leave those respondents out")
        matrix = matrix.loc[~incomplete]
    return matrix
