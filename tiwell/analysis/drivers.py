"""What to act on: which of the organisation's own questions move with a wellbeing score.

For each driver question and one outcome (a subscale score, or a question about leaving): Pearson
and Spearman correlations with their intervals and n, p-values adjusted across the drivers shown,
and the share of favourable answers. Impact is Spearman's rho turned so that a positive value
means "favourable answers go with the better end of the outcome", whichever way the outcome runs.
These are associations in one survey, not causes. An analysis runs only for a group with at least
:data:`MIN_ANALYSIS` people with the outcome (settable, never below :data:`LOWEST_MIN_ANALYSIS`),
and a favourable share only where at least the minimum group size answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tiwell.stats import CONFIDENCE, P_ADJUST_METHODS, p_adjust, pearson, spearman, standardised_ols
from tiwell.stats._inputs import check_choice
from tiwell.survey import ScoredSurvey
from tiwell.text.numbers import interval, p_value, percent, with_interval

MIN_ANALYSIS = 25
LOWEST_MIN_ANALYSIS = 10
QUADRANTS = ("protect", "build on", "act", "watch")  # strengths first
QUADRANT_MEANING = {
    "protect": "Many answer favourably and it moves with the outcome: a strength to keep.",
    "build on": "Many answer favourably; it moves less with the outcome.",
    "act": "Fewer answer favourably and it moves with the outcome: where change may help most.",
    "watch": "Fewer answer favourably; it moves less with the outcome.",
}
UNTAGGED = "not tagged"
IMPACT_COLUMNS = ["rank", "driver", "principle", "n", "pearson_r", "pearson_low", "pearson_high", "pearson_p",
                  "pearson_p_adj", "spearman_rho", "spearman_low", "spearman_high", "spearman_p", "spearman_p_adj",
                  "impact", "impact_low", "impact_high", "answered", "favourable"]


@dataclass(frozen=True)
class Outcome:
    """What the drivers are related to: a column of the analysis frame, its label, and which way is better."""

    column: str
    label: str
    higher_is_better: bool
    question: bool = False

    @property
    def better(self) -> str:
        """The better end in words: 'lower burnout', or for a question about leaving 'fewer thinking of leaving'."""
        if self.question:
            return "fewer thinking of leaving" if not self.higher_is_better else "more intending to stay"
        return f"{'higher' if self.higher_is_better else 'lower'} {self.label.lower()}"


def check_min_analysis(min_analysis: int) -> int:
    """The smallest group a driver analysis runs for, refusing values below the floor."""
    if not isinstance(min_analysis, (int, np.integer)) or min_analysis < LOWEST_MIN_ANALYSIS:
        raise ValueError(f"The smallest group for a driver analysis must be a whole number of at least "
                         f"{LOWEST_MIN_ANALYSIS}, not {min_analysis!r}.")
    return int(min_analysis)


def outcomes(survey: ScoredSurvey) -> list[Outcome]:
    """Every subscale score (strengths first), then every question about leaving (higher = worse,
    once reversed wording is flipped)."""
    found = [Outcome(sub.column, sub.label, sub.higher_is_better) for sub in survey.subscales]
    asked = [c for c in survey.mapping.columns_for("outcome") if c in survey.questions]
    return found + [Outcome(c, c, False, question=True) for c in asked]


def driver_columns(survey: ScoredSurvey) -> list[str]:
    return [c for c in survey.mapping.columns_for("driver") if c in survey.questions]


def first_heavy(found: list[Outcome]) -> int:
    """Where the first score on which higher is heavier (burnout, say) stands among the outcomes
    (0 when none is): What to act on and Turnover open on it, as what weighs on people is what
    they are asked about first."""
    return next((k for k, o in enumerate(found) if not o.higher_is_better and not o.question), 0)


def favourable_points(survey: ScoredSurvey, drivers: list[str]) -> dict[str, float]:
    """Where each driver's favourable answers start, from the answer scale it was read on
    ('agree' and above, 'yes', the top of a number scale)."""
    return {column: survey.question_scales[column].favourable_from for column in drivers}


def principle_tags(survey: ScoredSurvey) -> dict[str, str | None]:
    """Each column's trauma-informed principle as the mapping tags it (empty where untagged): the
    person's own reading of their questions, which :func:`impact` carries into each row."""
    return survey.mapping.table.set_index("column")["principle"].to_dict()


def analysis_frame(survey: ScoredSurvey, rows: pd.DataFrame) -> pd.DataFrame:
    """The selected rows' scores beside their numeric answers to the organisation's own questions."""
    scores = [o.column for o in outcomes(survey) if o.column not in survey.questions]
    return pd.concat([rows[scores], survey.questions.loc[rows.index]], axis=1)


def favourable_shares(data: pd.DataFrame, drivers: list[str], favourable_from: dict[str, float],
                      min_group: int) -> pd.DataFrame:
    """Per driver: how many answered and the share answering favourably (NaN when fewer than
    ``min_group`` answered)."""
    rows = []
    for driver in drivers:
        answers = data[driver].dropna()
        share = float((answers >= favourable_from[driver]).mean()) if len(answers) >= min_group else np.nan
        rows.append({"driver": driver, "answered": len(answers), "favourable": share})
    return pd.DataFrame(rows, columns=["driver", "answered", "favourable"])


def impact(data: pd.DataFrame, outcome: Outcome, drivers: list[str], favourable_from: dict[str, float], *,
           principles: dict[str, str | None] | None = None, padjust: str = "holm", min_group: int = 5,
           min_analysis: int = MIN_ANALYSIS, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """One row per driver with IMPACT_COLUMNS, strongest impact first (``rank`` 1). A driver answered
    beside the outcome by fewer than ``min_analysis`` people (or ``min_group``, if larger) keeps only
    its favourable share; p-values are adjusted across the drivers that have one (``padjust``: holm,
    bh, bonferroni or none)."""
    check_choice("padjust", padjust, P_ADJUST_METHODS)
    floor = max(check_min_analysis(min_analysis), min_group)
    turn = 1 if outcome.higher_is_better else -1
    rows = []
    for driver in drivers:
        p, s = (f(data[driver], data[outcome.column], confidence=confidence).iloc[0] for f in (pearson, spearman))
        if p["n"] < floor:
            p, s = (r.where(r.index == "n") for r in (p, s))
        low, high = sorted((turn * s["ci_low"], turn * s["ci_high"]))
        rows.append({"driver": driver, "principle": (principles or {}).get(driver) or UNTAGGED, "n": int(p["n"]),
                     "pearson_r": p["r"], "pearson_low": p["ci_low"], "pearson_high": p["ci_high"],
                     "pearson_p": p["p"], "spearman_rho": s["r"], "spearman_low": s["ci_low"],
                     "spearman_high": s["ci_high"], "spearman_p": s["p"],
                     "impact": turn * s["r"], "impact_low": low, "impact_high": high})
    table = pd.DataFrame(rows).merge(favourable_shares(data, drivers, favourable_from, min_group), on="driver")
    for test in ("pearson", "spearman"):
        known = table[f"{test}_p"].notna()
        table[f"{test}_p_adj"] = np.nan
        table.loc[known, f"{test}_p_adj"] = p_adjust(table.loc[known, f"{test}_p"].to_numpy(), padjust)
    table = table.sort_values("impact", ascending=False, kind="stable", na_position="last", ignore_index=True)
    table["rank"] = pd.Series(np.arange(1, len(table) + 1), dtype="Int64").where(table["impact"].notna())
    return table[IMPACT_COLUMNS]


def quadrants(table: pd.DataFrame) -> pd.DataFrame:
    """Each driver with an impact and a favourable share placed in a quadrant, split at the
    medians of the drivers shown: strengths ("protect", "build on") first, then "act", "watch"."""
    known = table.dropna(subset=["impact", "favourable"]).copy()
    high_impact = known["impact"] >= known["impact"].median()
    high_share = known["favourable"] >= known["favourable"].median()
    known["quadrant"] = np.select([high_share & high_impact, high_share, high_impact], QUADRANTS[:3], QUADRANTS[3])
    order = known["quadrant"].map({q: k for k, q in enumerate(QUADRANTS)})
    return known.assign(_o=order).sort_values(["_o", "impact"], ascending=[True, False], kind="stable").drop(
        columns="_o").reset_index(drop=True)


def quadrant_lists(placed: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Each quadrant that holds a question, strengths first, with its questions as
    'Question (#2, 64% favourable)': the rank ties each one to the interval chart."""
    lists = []
    for quadrant in QUADRANTS:
        part = placed[placed["quadrant"] == quadrant]
        if len(part):
            lists.append((quadrant, [f"{d} (#{r}, {percent(s)} favourable)"
                                     for d, r, s in zip(part["driver"], part["rank"], part["favourable"])]))
    return lists


def ranked_table(table: pd.DataFrame) -> pd.DataFrame:
    """The impact table as read: the impact interval ('too few answers' where there is none),
    each correlation with its interval, and the adjusted p-value as text, in reading order."""
    shown = table.assign(
        interval=[interval(lo, hi, 2) if lo == lo else "too few answers"
                  for lo, hi in zip(table["impact_low"], table["impact_high"])],
        spearman=[with_interval(*v) for v in zip(table["spearman_rho"], table["spearman_low"], table["spearman_high"])],
        pearson=[with_interval(*v) for v in zip(table["pearson_r"], table["pearson_low"], table["pearson_high"])],
        adjusted=[p_value(p) for p in table["spearman_p_adj"]])
    return shown[["rank", "driver", "interval", "favourable", "n", "adjusted", "spearman", "pearson", "principle"]]


def principle_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per trauma-informed principle (untagged questions last): how many questions, their mean
    impact and favourable share, and the question with the strongest impact. Empty when nothing
    is tagged."""
    known = table.dropna(subset=["impact"])
    if known.empty or (known["principle"] == UNTAGGED).all():
        return pd.DataFrame(columns=["principle", "questions", "mean_impact", "mean_favourable", "strongest"])
    summary = known.groupby("principle", sort=False).agg(
        questions=("driver", "size"), mean_impact=("impact", "mean"), mean_favourable=("favourable", "mean"),
        strongest=("driver", "first"))  # the table is sorted by impact, so the first is the strongest
    summary = summary.reset_index().sort_values("mean_impact", ascending=False, kind="stable")
    return pd.concat([summary[summary["principle"] != UNTAGGED], summary[summary["principle"] == UNTAGGED]],
                     ignore_index=True)


def joint_model(data: pd.DataFrame, outcome: Outcome, drivers: list[str], *, min_analysis: int = MIN_ANALYSIS,
                confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Standardised regression of the outcome on every driver at once (complete cases), turned as
    impact is; empty when fewer than ``min_analysis`` people answered everything."""
    check_min_analysis(min_analysis)
    fit = standardised_ols(data, y=outcome.column, x=drivers, confidence=confidence)
    if fit.empty or fit["n"].iloc[0] < max(min_analysis, len(drivers) + 2) or fit["beta"].isna().all():
        return fit.iloc[0:0]
    turn = 1 if outcome.higher_is_better else -1
    low, high = turn * fit["ci_low"], turn * fit["ci_high"]
    return fit.assign(beta=turn * fit["beta"], ci_low=np.minimum(low, high), ci_high=np.maximum(low, high)).sort_values(
        "beta", ascending=False, kind="stable", ignore_index=True)


def joint_model_table(model: pd.DataFrame) -> pd.DataFrame:
    """The joint model's coefficients as read: each question's beta and interval, its p-value as text,
    and why a question has none (an exact combination of the others)."""
    return model[["predictor", "beta", "ci_low", "ci_high", "p", "note"]].assign(
        p=model["p"].map(lambda p: "" if pd.isna(p) else p_value(p)))


def enough_people(data: pd.DataFrame, outcome: Outcome, min_analysis: int) -> bool:
    """Whether the group is large enough for a driver analysis of this outcome."""
    return int(data[outcome.column].notna().sum()) >= check_min_analysis(min_analysis)
