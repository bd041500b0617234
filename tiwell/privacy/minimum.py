"""Small-group suppression: no person or tiny group can be singled out from what is shown.

A group smaller than the minimum size is never shown (primary suppression). Where siblings are
shown beside a total, one hidden group could be worked out as the total minus the others, so
more groups are hidden until at least two are and together they reach the minimum size
(complementary suppression). Filters use the same rule: a filtered view is shown only when its
group would be shown in the breakdown of its parent, so no two views can be subtracted to
reveal a hidden group.

The leaders' views and exports read the audited release (:mod:`tiwell.privacy.release`, protected by
:mod:`tiwell.privacy.disclosure`); these rules serve the analyses that compare chosen rows directly
(before and after an action, cohorts) and the checked minimum group size.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DEFAULT_MIN_GROUP = 5
LOWEST_MIN_GROUP = 3


def check_min_group(min_group: int, lowest: int = LOWEST_MIN_GROUP) -> int:
    """The minimum group size, refusing values below what these views allow."""
    if not isinstance(min_group, int) or min_group < lowest:
        raise ValueError(f"The minimum group size must be a whole number of at least {lowest}, not {min_group!r}.")
    return min_group


def suppressed(counts: pd.Series, min_group: int) -> set:
    """Labels of the groups to hide among siblings that share a shown total.

    Groups of 1 to ``min_group - 1`` are hidden; then, while the hidden groups are a single one
    or add up to fewer than ``min_group``, the smallest shown group is hidden as well. Empty
    groups (0) reveal nothing and stay as they are."""
    present = counts[counts > 0].sort_values(kind="stable")
    hidden = set(present.index[present < min_group])
    for label, n in present.items():
        if not hidden or (len(hidden) > 1 and present[list(hidden)].sum() >= min_group):
            break
        hidden.add(label)
    return hidden


@dataclass(frozen=True)
class Visibility:
    shown: bool
    why: str = ""


def filtered_view(frame: pd.DataFrame, filters: dict[str, object], min_group: int) -> Visibility:
    """Whether the rows matching every filter may be shown, and if not, a sentence saying why.

    For each active filter, its group must survive suppression among its siblings within the
    rows the other filters select; and the rows left must number at least ``min_group``."""
    active = {col: value for col, value in filters.items() if value is not None}
    for column, value in active.items():
        others = select_rows(frame, {c: v for c, v in active.items() if c != column})
        if value in suppressed(others[column].value_counts(), min_group):
            return Visibility(False, why_hidden(active, min_group))
    if len(select_rows(frame, active)) < min_group:
        return Visibility(False, why_hidden(active, min_group))
    return Visibility(True)


def select_rows(frame: pd.DataFrame, filters: dict[str, object]) -> pd.DataFrame:
    """The rows matching every filter that is set (None is all values): the people a selection
    holds, for a check here or an analysis that runs on people's answers (What to act on, only
    for a selection that may be shown, and with a larger minimum of its own)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in filters.items():
        if value is not None:
            mask &= frame[column] == value
    return frame[mask]


def why_hidden(filters: dict, min_group: int) -> str:
    """Why a selection may not be shown, naming the filters that are set: one sentence for this
    check and for a page whose release hides the selection."""
    chosen = " and ".join(f"{column} '{value}'" for column, value in filters.items() if value is not None)
    return (f"Fewer than {min_group} people match {chosen}, or showing them would let a smaller group "
            "beside them be worked out by subtraction.")
