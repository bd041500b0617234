"""Change between survey waves, said in plain words, with an honest word when it is within noise.

The change itself comes from the release (:meth:`tiwell.privacy.release.Release.changes`): the Welch
interval of the difference between two shown waves' means (different people answer each wave,
so their variances are not assumed equal). When the interval includes zero the change is
reported as within noise, not as a rise or a fall.
"""

from __future__ import annotations

import pandas as pd

from tiwell.text.numbers import fixed, interval, signed


def change_sentence(change: pd.Series, label: str, direction: str) -> str:
    """A plain sentence: which way it moved, whether that is within noise, what it means."""
    if pd.isna(change["change"]):
        return f"{label}: too few people in one of the waves to compare {change['from']} with {change['to']}."
    span = f"from {change['from']} to {change['to']}"
    ci = f"(95% CI {interval(change['ci_low'], change['ci_high'], sign=True)})"
    if change["within_noise"]:
        return f"{label} changed by {signed(change['change'])} {span} {ci}: within noise, so no real change can be claimed."
    better = (change["change"] > 0) == (direction == "higher_is_better")
    word = "rose" if change["change"] > 0 else "fell"
    return f"{label} {word} by {fixed(abs(change['change']))} {span} {ci}, " + (
        "a change for the better." if better else "a change worth talking about together.")


def subscale_rows(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """One subscale's rows of a released table (one per wave, or per wave and team)."""
    return table[table["subscale"] == column]


def trend_lines(overall: pd.DataFrame, by_team: pd.DataFrame | None, teams: list) -> tuple[pd.DataFrame, str]:
    """What the trend chart draws as its lines, and the column naming each line: the chosen
    teams (with the whole selection beside them, drawn apart), or the selection alone."""
    if teams:
        return by_team[by_team["team"].isin(teams)], "team"
    return overall.assign(series="This selection"), "series"


def has_gaps(lines: pd.DataFrame) -> bool:
    """Whether a line breaks: some wave of it was too small to show."""
    return bool(lines["mean"].isna().any())


def team_changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """Each team's change since the previous wave as read: the change and its interval signed to
    one decimal, 'within noise' or 'beyond noise'; all blank where a wave was too small to show."""
    numbers = {c: changes[c].map(lambda v: "" if pd.isna(v) else signed(v)) for c in ("change", "ci_low", "ci_high")}
    words = changes["within_noise"].map({True: "within noise", False: "beyond noise"}).fillna("")
    return changes.assign(**numbers, within_noise=words)
