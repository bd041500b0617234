"""People who answered twice: their own change between two waves, kept private.

When the survey kept employee numbers as private codes (an opt-in on the upload page), the same
person can be found in two waves. Each person's change takes out what differs between people, so
it measures change more tightly than two waves' means do; it is shown only for groups of at least
the minimum size, and the team counts pass the same complementary check as every released
count, so no team's pairs can be worked out from the organisation's and the other teams'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tiwell.privacy.disclosure import ALL, protect
from tiwell.survey import values_in_order
from tiwell.stats import contrast_from_stats, paired_change
from tiwell.text.numbers import interval, signed

EVERYONE = "Whole organisation"
PAIRED_TABLE_COLUMNS = ["group", "pairs", "change", "ci_low", "ci_high", "p", "within_noise", "shown"]


def codes_by_row(scored: pd.DataFrame, codes: pd.Series) -> pd.Series:
    """Each scored row's private code (NaN where none was given): ``codes`` is keyed by spreadsheet
    row, or by (source file, row) for several files combined, as ``scored`` holds them."""
    rows = pd.MultiIndex.from_frame(scored[["source", "row"]]) if codes.index.nlevels == 2 else scored["row"]
    return pd.Series(codes.reindex(rows).to_numpy(), index=scored.index, name="person_code")


def pairs_between(scored: pd.DataFrame, codes: pd.Series, column: str, before, after) -> pd.DataFrame:
    """One row per person with a ``column`` score on both sides: ``before`` (their last answer in
    the wave or waves ``before``), ``after`` (their first in ``after``) and the ``team`` of that
    later answer."""
    before, after = _waves(before), _waves(after)
    order = {wave: k for k, wave in enumerate(values_in_order(scored, "wave"))}
    coded = scored.assign(person_code=codes_by_row(scored, codes)).dropna(subset=["person_code", column])
    coded = coded.assign(at=coded["wave"].map(order)).sort_values("at", kind="stable")
    early = coded[coded["wave"].isin(before)].drop_duplicates("person_code", keep="last").set_index("person_code")
    late = coded[coded["wave"].isin(after)].drop_duplicates("person_code", keep="first").set_index("person_code")
    both = early.index.intersection(late.index, sort=False)
    return pd.DataFrame({"before": early.loc[both, column].to_numpy(dtype=float),
                         "after": late.loc[both, column].to_numpy(dtype=float),
                         "team": late.loc[both, "team"].to_numpy() if "team" in late else None}, index=both)


def _waves(waves) -> list:
    return list(waves) if isinstance(waves, (list, tuple)) else [waves]


def answered_twice(scored: pd.DataFrame, codes: pd.Series, column: str, first, second, *,
                   min_group: int) -> pd.DataFrame:
    """The paired change for the whole organisation and each team (PAIRED_TABLE_COLUMNS), with
    ``shown`` False and NaN numbers wherever the pairs are too few or could be worked out."""
    pairs = pairs_between(scored, codes, column, first, second)
    groups = [(EVERYONE, pairs)]
    if pairs["team"].notna().any():
        groups += [(team, part) for team, part in pairs.groupby("team", sort=True)]
    counts = np.array([len(part) for _, part in groups])
    cells = pd.DataFrame({"team": [ALL] + list(range(len(groups) - 1)), "count": counts, "offered": True})
    shown = protect(cells, ["team"], min_group).to_numpy() & (counts >= min_group)
    rows = [_row(name, part, ok) for (name, part), ok in zip(groups, shown)]
    return pd.DataFrame(rows, columns=PAIRED_TABLE_COLUMNS)


def _row(name: str, part: pd.DataFrame, shown: bool) -> dict:
    if not shown:
        return {"group": name, "pairs": np.nan, "change": np.nan, "ci_low": np.nan, "ci_high": np.nan,
                "p": np.nan, "within_noise": None, "shown": False}
    r = paired_change(part, before="before", after="after").iloc[0]
    return {"group": name, "pairs": int(r["n"]), "change": r["change"], "ci_low": r["ci_low"],
            "ci_high": r["ci_high"], "p": r["p"], "within_noise": bool(r["ci_low"] <= 0 <= r["ci_high"]),
            "shown": True}


def paired_did(pairs: pd.DataFrame, touched: pd.Series) -> dict[str, float]:
    """The difference in differences from people's own changes: the mean change in the teams an
    action touched less the mean change in the others, with a Welch-Satterthwaite interval
    (:func:`tiwell.stats.contrasts.contrast_from_stats` on the two groups of changes)."""
    change = pairs["after"] - pairs["before"]
    a, b = change[touched.to_numpy()], change[~touched.to_numpy()]
    result = contrast_from_stats([1, -1], [a.mean(), b.mean()], [a.std(ddof=1), b.std(ddof=1)], [len(a), len(b)])
    return result | {"n_touched": len(a), "n_untouched": len(b), "change_touched": float(a.mean()),
                     "change_untouched": float(b.mean())}




def paired_sentence(row: pd.Series, label: str, direction: str, first, second, min_group: int) -> str:
    """The organisation's paired change in words, with its interval and how sure we can be."""
    if not row["shown"]:
        return (f"Fewer than {min_group} people answered both {first} and {second} with a {label.lower()} score, "
                "so their change is not shown.")
    better = (row["change"] > 0) == (direction == "higher_is_better")
    verdict = ("within noise, so no real change can be claimed" if row["within_noise"] else
               "beyond noise: " + ("a change for the better" if better else "a change worth talking about together"))
    return (f"The {row['pairs']:.0f} people who answered both {first} and {second} changed by "
            f"{signed(row['change'])} points in {label.lower()} on average (95% interval "
            f"{interval(row['ci_low'], row['ci_high'], sign=True)}): {verdict}. Their own change takes out the "
            "differences between people, so it is measured more tightly than two waves' averages.")
