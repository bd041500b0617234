"""Compared with whom, and how sure: the organisation's released scores beside a chosen reference.

Takes one released summary (a row per subscale from :meth:`tiwell.privacy.Release.table`: n,
mean, SD and band shares, already protected) and a :class:`~tiwell.instruments.Reference` (a
published sample, or a benchmark pooled from organisations' packs); gives the difference in means
with its 95% interval, the difference in band shares where the reference gives them, and the
sentences the pages and the deck say. Nothing here reads a respondent's row.

The mean's difference is Welch's t from the two means, SDs and ns when the reference gives its
SD and n; without them the reference mean is taken as a fixed value (the one-sample t interval).
A share's difference has the normal-approximation (Wald) interval, the reference's share taken
as fixed when its n is not known.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from tiwell.instruments.references import Reference
from tiwell.stats import one_sample_from_stats, welch_from_stats
from tiwell.survey import ScoreColumn
from tiwell.text.numbers import count, fixed, interval, percent, signed

CUT_POINT_NOTE = ("Cut points such as 'high burnout' are for one person's score, not for a team's mean: a team "
                  "whose mean sits in the moderate band can still have people in the high band, and a mean above "
                  "a cut point does not mean most people are above it. The band shares say how many people are "
                  "in each band.")
MEAN_COLUMNS = ["subscale", "label", "n", "mean", "ref_mean", "ref_sd", "ref_n", "diff", "ci_low", "ci_high",
                "test"]
SHARE_COLUMNS = ["subscale", "label", "band", "share", "ref_share", "diff", "ci_low", "ci_high"]


def compare_means(summary: pd.DataFrame, subscales: tuple[ScoreColumn, ...], reference: Reference,
                  confidence: float = 0.95) -> pd.DataFrame:
    """One row per subscale the reference gives a mean for: ours (n, mean), theirs, and our mean
    minus theirs with its interval (``test``: 'welch', or 'fixed' when the reference has no SD
    and n). A hidden mean gives blanks."""
    rows = []
    for sub, row in _pairs(summary, subscales, reference):
        ref = reference.score(sub.subscale.id)
        if ref is None or ref.mean is None:
            continue
        known = ref.sd is not None and ref.n is not None
        out = {"subscale": sub.column, "label": sub.label, "n": row["n"], "mean": row["mean"], "ref_mean": ref.mean,
               "ref_sd": np.nan if ref.sd is None else ref.sd, "ref_n": np.nan if ref.n is None else float(ref.n),
               "test": "welch" if known else "fixed"}
        if pd.isna(row["mean"]):
            rows.append(out | {"diff": np.nan, "ci_low": np.nan, "ci_high": np.nan})
            continue
        test = (welch_from_stats(row["mean"], row["sd"], row["n"], ref.mean, ref.sd, ref.n, confidence) if known
                else one_sample_from_stats(row["mean"], row["sd"], int(row["n"]), ref.mean, confidence))
        rows.append(out | {"diff": test["diff"], "ci_low": test["ci_low"], "ci_high": test["ci_high"]})
    return pd.DataFrame(rows, columns=MEAN_COLUMNS)


def compare_shares(summary: pd.DataFrame, subscales: tuple[ScoreColumn, ...], reference: Reference,
                   confidence: float = 0.95) -> pd.DataFrame:
    """One row per band the reference gives a share for, where this survey's scores are cut into
    the same bands (say, the CBI scored with the GMC training survey's cut points): our share,
    theirs, and the difference with its interval. A band shown as 'fewer than k' gives blanks."""
    z = stats.norm.ppf(0.5 + confidence / 2)
    rows = []
    for sub, row in _pairs(summary, subscales, reference):
        ref = reference.score(sub.subscale.id)
        if ref is None or not ref.bands or not all(f"share_{band}" in row.index for band, _ in ref.bands):
            continue
        for band, theirs in ref.bands:
            ours = row[f"share_{band}"]
            se = np.sqrt(ours * (1 - ours) / row["n"] + (theirs * (1 - theirs) / ref.n if ref.n else 0.0))
            rows.append({"subscale": sub.column, "label": sub.label, "band": band, "share": ours, "ref_share": theirs,
                         "diff": ours - theirs, "ci_low": ours - theirs - z * se, "ci_high": ours - theirs + z * se})
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


def _pairs(summary: pd.DataFrame, subscales: tuple[ScoreColumn, ...], reference: Reference):
    """Each subscale of the reference's instrument with its released row."""
    rows = {row["subscale"]: row for _, row in summary.iterrows()}
    for sub in subscales:
        if sub.instrument.id == reference.instrument and sub.column in rows:
            yield sub, rows[sub.column]


def reference_sentences(means: pd.DataFrame, shares: pd.DataFrame, reference: Reference, scope: str) -> list[str]:
    """What the comparison says, one sentence per subscale and band, then where the figures come
    from and what to keep in mind: the words a page, a slide and a report all use."""
    lines = []
    for row in means.itertuples():
        if pd.isna(row.diff):
            lines.append(f"{row.label}: not shown for {scope}, as too few people answered this part.")
            continue
        lines.append(f"{row.label}: {fixed(row.mean)} for {scope}, {fixed(row.ref_mean)} in the reference; "
                     f"difference {signed(row.diff)} ({_interval(row.ci_low, row.ci_high)}).")
    for row in shares.dropna(subset=["diff"]).itertuples():  # a band of fewer than k people says nothing
        lines.append(f"{row.label}, {row.band} band: {percent(row.share)} for {scope}, {percent(row.ref_share)} in the "
                     f"reference; difference {signed(100 * row.diff)} points "
                     f"({_interval(100 * row.ci_low, 100 * row.ci_high)}).")
    return lines + [reference_note(reference)]


def reference_view(scope: pd.DataFrame, subscales: tuple[ScoreColumn, ...], reference: Reference, label: str
                   ) -> tuple[pd.DataFrame, tuple[str, ...], str]:
    """What a slide or report says of the scope's released rows beside the reference: the table
    behind it (means and band shares, ``measure`` saying which), its points and its note (the
    source, its caution, and that cut points do not describe a mean); no points when nothing compares.
    The points are the means, or the band shares for a reference that gives only shares."""
    means, shares = compare_means(scope, subscales, reference), compare_shares(scope, subscales, reference)
    if means.empty and shares.empty:
        return pd.DataFrame(), (), ""
    table = pd.concat([means.assign(measure="mean"), shares.assign(measure="band share")], ignore_index=True)
    told = shares if means.empty else shares.iloc[0:0]  # a view keeps to the means when there are any
    points = tuple(reference_sentences(means, told, reference, label)[:-1])
    return table, points, f"{reference_note(reference)} {CUT_POINT_NOTE}"


def reference_note(reference: Reference) -> str:
    """The reference in one line: who, when, how many, the source, and its caution."""
    size = f", n = {count(reference.n)}" if reference.n else ""
    year = f" ({reference.year})" if reference.year else ""
    caution = f" {reference.caution}" if reference.caution else ""
    return f"Reference: {reference.population}{year}{size}. Source: {reference.citation}{caution}"


def _interval(low: float, high: float) -> str:
    if pd.isna(low):
        return "no interval: too few people or no spread"
    return f"95% CI {interval(low, high, sign=True)}"
