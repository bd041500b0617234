"""Change between survey waves, with an honest word when it is within noise.

The change in a mean between two waves is compared with its 95% confidence interval (Welch:
the two waves' variances are not assumed equal, and different people answer each wave). When
the interval includes zero the change is reported as within noise, not as a rise or a fall.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats


def difference_ci(a: pd.Series, b: pd.Series, level: float = 0.95) -> tuple[float, float, float]:
    """Mean of ``b`` minus mean of ``a`` and its Welch confidence interval."""
    x, y = a.dropna().to_numpy(float), b.dropna().to_numpy(float)
    if len(x) < 2 or len(y) < 2:
        return np.nan, np.nan, np.nan
    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    diff = y.mean() - x.mean()
    se = np.sqrt(vx + vy)
    if se == 0:
        return diff, diff, diff
    df = (vx + vy) ** 2 / (vx**2 / (len(x) - 1) + vy**2 / (len(y) - 1))
    half = stats.t.ppf(0.5 + level / 2, df) * se
    return diff, diff - half, diff + half


def wave_changes(scored: pd.DataFrame, column: str, min_group: int, waves: list[str] | None = None) -> pd.DataFrame:
    """Each wave against the one before: change, interval, and whether it is within noise.
    A pair is only compared when both waves have at least ``min_group`` scores."""
    order = waves or sorted(scored["wave"].dropna().unique())
    rows = []
    for before, after in zip(order, order[1:]):
        a = scored.loc[scored["wave"] == before, column]
        b = scored.loc[scored["wave"] == after, column]
        if a.notna().sum() < min_group or b.notna().sum() < min_group:
            rows.append({"from": before, "to": after, "change": np.nan, "ci_low": np.nan, "ci_high": np.nan,
                         "within_noise": None})
            continue
        diff, low, high = difference_ci(a, b)
        rows.append({"from": before, "to": after, "change": diff, "ci_low": low, "ci_high": high,
                     "within_noise": bool(low <= 0 <= high)})
    return pd.DataFrame(rows, columns=["from", "to", "change", "ci_low", "ci_high", "within_noise"])


def team_changes(scored: pd.DataFrame, column: str, min_group: int, cells: pd.DataFrame) -> pd.DataFrame:
    """:func:`wave_changes` per team (a ``team`` column first). ``cells`` is the team x wave
    table the page shows (from :func:`tiwell.views.check_cells`): a team's wave is compared only
    where its cell is shown, so no change reveals a hidden group."""
    waves = sorted(scored["wave"].dropna().unique())
    shown = cells.loc[cells["shown"], ["team", "wave"]]
    parts = []
    for team in sorted(cells["team"].dropna().unique(), key=str):
        mine = scored[(scored["team"] == team) & scored["wave"].isin(shown.loc[shown["team"] == team, "wave"])]
        parts.append(wave_changes(mine, column, min_group, waves).assign(team=team))
    table = pd.concat(parts, ignore_index=True) if parts else wave_changes(scored.iloc[:0], column, min_group, waves)
    return table.reindex(columns=["team", "from", "to", "change", "ci_low", "ci_high", "within_noise"])


def describe_change(change: pd.Series, label: str, direction: str) -> str:
    """A plain sentence: which way it moved, whether that is within noise, what it means."""
    if pd.isna(change["change"]):
        return f"{label}: too few people in one of the waves to compare {change['from']} with {change['to']}."
    span = f"from {change['from']} to {change['to']}"
    interval = f"(95% CI {change['ci_low']:+.1f} to {change['ci_high']:+.1f})"
    if change["within_noise"]:
        return f"{label} changed by {change['change']:+.1f} {span} {interval}: within noise, so no real change can be claimed."
    better = (change["change"] > 0) == (direction == "higher_is_better")
    word = "rose" if change["change"] > 0 else "fell"
    return f"{label} {word} by {abs(change['change']):.1f} {span} {interval}, " + (
        "a change for the better." if better else "a change worth talking about together.")
