"""How are our people: each subscale's headline numbers as the overview writes them.

Takes one subscale's released row (mean, interval, n; already protected by
:mod:`tiwell.privacy.release`) and gives the words and numbers a metric shows: which way is
better, the mean or 'hidden', and the interval and n under it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tiwell.text.numbers import count, fixed, interval, short

# The better end in a few words: 'lower is easier' says of a heavy score what it means for people.
DIRECTION_WORDS = {"higher_is_better": "higher is better", "higher_is_worse": "lower is easier"}


@dataclass(frozen=True)
class Headline:
    """A subscale's metric: ``direction`` beside its name, the ``value``, its ``help`` and the
    ``caption`` under it (empty when the mean is hidden)."""

    direction: str
    value: str
    help: str
    caption: str


def headline(row: pd.Series, score_range: tuple[float, float], direction: str) -> Headline:
    """The metric for one released row: a hidden mean says 'hidden' and shows no interval."""
    hidden = pd.isna(row["mean"])
    low, high = score_range
    return Headline(
        direction=DIRECTION_WORDS.get(direction, DIRECTION_WORDS["higher_is_worse"]),
        value="hidden" if hidden else fixed(row["mean"]),
        help=f"Mean of {count(row['n'])} people's scores; possible range {short(low)} to {short(high)}.",
        caption="" if hidden else (f"95% interval from {interval(row['ci_low'], row['ci_high'])} · "
                                   f"{count(row['n'])} with this score"))


def unbanded_note(subscales) -> str:
    """Said in place of a band chart when no score has bands (the MBI without cut-offs, whose
    manual withdrew them), rather than drawing an empty chart; names where cut-offs can be chosen."""
    labels = [sub.label for sub in subscales if not sub.bands]
    named = ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]
    choosable = any(sub.instrument.band_sets for sub in subscales if not sub.bands)
    return (f"{named} {'have' if len(labels) > 1 else 'has'} no bands: no cut-off scores are set, so no share of "
            "people in each band is shown."
            + (" Named cut-offs can be chosen under Cut points on the Upload and score page." if choosable else ""))


def who_is_counted(people: float, summary: pd.DataFrame, labels: dict[str, str]) -> str:
    """How many answered and how many have each score, so that '924 people' and 'n = 875' never
    seem to disagree: '924 answered; 875 have a burnout score, 880 a compassion satisfaction
    score.' Someone who skipped part of the questions has no score for that part."""
    answered = f"{count(people)} answered"
    scored = [(count(row.n), labels[row.subscale].lower()) for row in summary.itertuples() if pd.notna(row.n)]
    if not scored or all(n == count(people) for n, _ in scored):
        return f"{answered}, all with every score."
    if len({n for n, _ in scored}) == 1:
        return f"{answered}; {scored[0][0]} have each score."
    said = [f"{n} have a {label} score" if k == 0 else f"{n} a {label} score" for k, (n, label) in enumerate(scored)]
    return f"{answered}; {', '.join(said)}."
