"""Change between survey waves, said in plain words, with an honest word when it is within noise.

The change itself comes from the release (:meth:`tiwell.privacy.release.Release.changes`): the Welch
interval of the difference between two shown waves' means (different people answer each wave,
so their variances are not assumed equal). When the interval includes zero the change is
reported as within noise, not as a rise or a fall.
"""

from __future__ import annotations

import pandas as pd

from tiwell.text.numbers import fixed, interval, signed


def describe_change(change: pd.Series, label: str, direction: str) -> str:
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
