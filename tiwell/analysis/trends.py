"""Change between survey waves, said in plain words, with an honest word when it is within noise.

The change itself comes from the release (:meth:`tiwell.privacy.release.Release.changes`): the Welch
interval of the difference between two shown waves' means (different people answer each wave,
so their variances are not assumed equal). When the interval includes zero the change is
reported as within noise, not as a rise or a fall.
"""

from __future__ import annotations

import pandas as pd


def change_sentence(change: pd.Series, label: str, direction: str) -> str:
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
