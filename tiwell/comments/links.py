"""How a theme goes with the scores: those who mention it against everyone else in the selection.

For each score, the mean of the people who mention the theme is compared with the mean of the
people in the same selection who do not (including those who wrote nothing), by Welch's test
with its 95% interval (:func:`tiwell.stats.welch_from_stats`). People choose what to write
about, so this is worded as an association, never as the theme causing the score. A comparison
is made only when each side has at least the comment minimum of people with the score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tiwell.stats.compare import mean_sd_n, welch_from_stats
from tiwell.survey import ScoreColumn
from tiwell.text.numbers import fixed, interval

LINK_COLUMNS = ["theme", "subscale", "label", "n_mention", "mean_mention", "n_other", "mean_other", "diff", "ci_low",
                "ci_high", "sentence"]


def theme_links(rows: pd.DataFrame, mentions: dict[str, set], labels: dict[str, str],
                subscales: tuple[ScoreColumn, ...], min_n: int) -> pd.DataFrame:
    """One row per theme and score: ``rows`` are the selection's scored rows, ``mentions`` the
    people (index labels) who mention each theme, ``labels`` each theme's label."""
    found = []
    for theme, people in mentions.items():
        mention = rows.index.isin(list(people))
        for sub in subscales:
            values = rows[sub.column].to_numpy(float)
            ours, others = values[mention & ~np.isnan(values)], values[~mention & ~np.isnan(values)]
            if len(ours) < min_n or len(others) < min_n:
                continue
            (m_a, s_a, n_a), (m_b, s_b, n_b) = mean_sd_n(ours), mean_sd_n(others)
            test = welch_from_stats(m_a, s_a, n_a, m_b, s_b, n_b)
            found.append({"theme": theme, "subscale": sub.column, "label": sub.label, "n_mention": n_a,
                          "mean_mention": m_a, "n_other": n_b, "mean_other": m_b, "diff": test["diff"],
                          "ci_low": test["ci_low"], "ci_high": test["ci_high"],
                          "sentence": link_sentence(labels[theme], sub.label, test)})
    return pd.DataFrame(found, columns=LINK_COLUMNS)


def link_sentence(theme: str, score: str, test: dict[str, float]) -> str:
    """'People who mention workload have a burnout score 4.2 higher on average than those who do
    not (95% interval 1.1 to 7.3). This is an association: it does not show that one causes the other.'"""
    diff, low, high = test["diff"], test["ci_low"], test["ci_high"]
    theme, score = _in_sentence(theme), _in_sentence(score)
    if np.isnan(low):
        return f"The {score} scores of people who mention {theme} cannot be compared: they do not vary."
    if low <= 0 <= high:
        said = (f"People who mention {theme} have {score} scores much like those who do not (a difference of "
                f"{fixed(diff)}, 95% interval {interval(low, high, sign=True)}).")
    else:
        side = "higher" if diff > 0 else "lower"
        said = (f"People who mention {theme} have a {score} score {fixed(abs(diff))} {side} on average than those "
                f"who do not (95% interval {interval(low, high, sign=True)}).")
    return said + " This is an association: it does not show that one causes the other."


def _in_sentence(label: str) -> str:
    """A label as a sentence's middle says it: 'Workload' -> 'workload', 'NHS staff' kept."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label
