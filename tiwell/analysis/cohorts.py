"""Comparing cohorts: the tables a reviewer asks for, one plain sentence per result, and a
settings file that reproduces the analysis.

Cohorts are the values of any column (a team, a wave, a role). Cohorts too small to show are left
out before any statistic is computed, by the same suppression rule as every other view, so no
test can reveal a hidden group.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from tiwell.errors import CompareError, SettingsFileError
from tiwell.ingest.settings_files import load_json
from tiwell.scoring.scores import reverse_items
from tiwell.stats import (P_ADJUST_METHODS, cronbach_alpha, describe_groups, epsilon_squared, eta_squared, hedges_g,
                          item_total, kruskal, mann_whitney, omega_total, pairwise, rank_biserial, welch_anova, welch_t)
from tiwell.privacy.minimum import LOWEST_MIN_GROUP, suppressed
from tiwell.privacy.release import DETAIL_MIN
from tiwell.survey import ScoredSurvey
from tiwell.text.numbers import fixed, interval, p_phrase

SETTINGS_FORMAT = "tiwell-analysis"


@dataclass(frozen=True)
class CohortSettings:
    """Everything that decides a cohort analysis, saved beside its results."""

    cohort_column: str
    subscale: str
    padjust: str = "holm"
    min_group: int = 5

    def to_json(self) -> str:
        return json.dumps({"format": SETTINGS_FORMAT, "version": 1} | asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str, source: str = "The settings file") -> CohortSettings:
        """The settings saved by :meth:`to_json`, every field checked: anything else given as a
        saved analysis is a SettingsFileError of one sentence naming ``source`` and the field."""
        data = load_json(text, source, kind="a tiwell analysis settings file")
        if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
            raise SettingsFileError(f"Not a tiwell analysis settings file: {source} needs \"format\": "
                                    f"\"{SETTINGS_FORMAT}\".")
        for name, valid, needs in _SETTINGS_FIELDS:
            if name not in data and name in _REQUIRED:
                raise SettingsFileError(f"{source}: field '{name}' is missing; it must be {needs}.")
            if name in data and not valid(data[name]):
                raise SettingsFileError(f"{source}: field '{name}' must be {needs}, not {_shown(data[name])}.")
        return cls(**{name: data[name] for name, _, _ in _SETTINGS_FIELDS if name in data})


_REQUIRED = ("cohort_column", "subscale")
_SETTINGS_FIELDS = (
    ("cohort_column", lambda v: isinstance(v, str), "a column name"),
    ("subscale", lambda v: isinstance(v, str), "a score's column name"),
    ("padjust", lambda v: v in P_ADJUST_METHODS, f"one of {', '.join(P_ADJUST_METHODS)}"),
    ("min_group", lambda v: type(v) is int and v >= LOWEST_MIN_GROUP, f"a whole number of at least {LOWEST_MIN_GROUP}"),
)


def _shown(value) -> str:
    """A wrong value as a message may quote it: short, on one line."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def cohorts_shown(scored: pd.DataFrame, column: str, value: str, min_group: int) -> list:
    """Cohorts with enough people scored on ``value`` that survive suppression among siblings."""
    counts = scored.loc[scored[value].notna(), column].value_counts()
    hidden = suppressed(counts, min_group)
    return sorted((g for g in counts.index if g not in hidden and counts[g] > 0), key=str)


def _without_detail(table: pd.DataFrame) -> pd.DataFrame:
    """Quartiles of a cohort under ``DETAIL_MIN`` people are left blank: with the mean and SD they
    would give back every score of a cohort of five."""
    small = table["n"] < DETAIL_MIN
    table.loc[small, ["median", "q1", "q3", "iqr"]] = np.nan
    return table


def box_quantiles(data: pd.DataFrame, value: str, group: str, groups: list) -> pd.DataFrame:
    """The 10th, 25th, 50th, 75th and 90th percentiles of each cohort of at least ``DETAIL_MIN``
    people: what a box chart draws, so no minimum, maximum or outlier is one person's score."""
    rows = []
    for name in groups:
        values = data.loc[data[group] == name, value].dropna()
        if len(values) >= DETAIL_MIN:
            rows.append([name, *values.quantile([0.1, 0.25, 0.5, 0.75, 0.9]).to_numpy()])
    return pd.DataFrame(rows, columns=["group", "p10", "q1", "median", "q3", "p90"])


def cohort_rows(frame: pd.DataFrame, column: str, groups: list) -> pd.DataFrame:
    """The rows of the cohorts compared (people, or a table's rows per cohort): a cohort left out
    as too small is left out of everything worked out beside the comparison too."""
    return frame[frame[column].isin(groups)]


def result_tables(results: dict) -> dict[str, pd.DataFrame]:
    """The comparison's tables, to show and take away, without the list of cohorts itself."""
    return {key: table for key, table in results.items() if key != "groups"}


def table_title(key: str) -> str:
    """A result table's name as a heading: 'welch_t' -> 'Welch t'."""
    return key.replace("_", " ").capitalize()


def compare_cohorts(scored: pd.DataFrame, settings: CohortSettings) -> dict[str, pd.DataFrame]:
    """Description per cohort, then for two cohorts Welch's t, Mann-Whitney, Hedges' g and the
    rank-biserial r; for more, Welch's ANOVA, Kruskal-Wallis, eta and epsilon squared and
    pairwise comparisons adjusted by ``settings.padjust``."""
    value, group = settings.subscale, settings.cohort_column
    groups = cohorts_shown(scored, group, value, settings.min_group)
    data = cohort_rows(scored, group, groups)
    out = {"groups": groups, "describe": _without_detail(describe_groups(data, value=value, group=group, groups=groups)),
           "quantiles": box_quantiles(data, value, group, groups)}
    args = dict(data=data, value=value, group=group, groups=groups)
    if len(groups) == 2:
        out |= {"welch_t": welch_t(**args), "mann_whitney": mann_whitney(**args),
                "hedges_g": hedges_g(**args), "rank_biserial": rank_biserial(**args)}
    elif len(groups) > 2:
        out |= {"welch_anova": welch_anova(**args), "kruskal": kruskal(**args), "eta_squared": eta_squared(**args),
                "epsilon_squared": epsilon_squared(**args), "pairwise": pairwise(**args, padjust=settings.padjust)}
    return out


def reliability(survey: ScoredSurvey, cohort_column: str, min_group: int) -> pd.DataFrame:
    """Alpha (with its interval) and omega total per subscale and cohort, on reverse-scored items
    of people who answered every item of that subscale; cohorts below ``min_group`` complete
    answers are left out."""
    rows = []
    for inst in survey.instruments:
        items = reverse_items(survey.answers[inst.id], inst).reset_index(drop=True)
        cohort = survey.scored[cohort_column].reset_index(drop=True)  # answers and scored rows share one order
        for sub in inst.subscales:
            block = items[list(sub.items)]
            complete = block.notna().all(axis=1)
            for name in cohorts_shown(pd.DataFrame({"c": cohort[complete], "v": 1.0}), "c", "v", min_group):
                part = block[complete & (cohort == name)]
                alpha = cronbach_alpha(part).iloc[0]
                omega = omega_total(part).iloc[0]
                rows.append({"instrument": inst.short_name, "subscale": sub.label, "cohort": name, "n": int(alpha["n"]),
                             "alpha": alpha["alpha"], "alpha_ci_low": alpha["ci_low"], "alpha_ci_high": alpha["ci_high"],
                             "omega": omega["omega"], "poor": bool(alpha["poor"])})
    return pd.DataFrame(rows)


def combine(first: ScoredSurvey, second: ScoredSurvey, names: tuple[str, str]) -> ScoredSurvey:
    """Two scored uploads of the same instruments as one survey whose ``file`` column says which
    upload each person came from, so two files can be compared as two cohorts."""
    if [i.id for i in first.instruments] != [i.id for i in second.instruments]:
        raise CompareError(f"{names[1]} holds {', '.join(i.short_name for i in second.instruments)}, not "
                         f"{', '.join(i.short_name for i in first.instruments)} as {names[0]} does.")
    scored = pd.concat([first.scored.assign(file=names[0]), second.scored.assign(file=names[1])], ignore_index=True)
    answers = {key: pd.concat([first.answers[key], second.answers[key]], ignore_index=True) for key in first.answers}
    return replace(first, scored=scored, answers=answers)


def item_statistics(survey: ScoredSurvey, instrument_id: str, subscale_id: str) -> pd.DataFrame:
    """Corrected item-total correlation and alpha if the item were deleted, for one subscale."""
    inst = survey.instrument(instrument_id)
    block = reverse_items(survey.answers[inst.id], inst)[list(inst.subscale(subscale_id).items)].dropna()
    return item_total(block)


def cohort_sentences(results: dict, label: str) -> list[str]:
    """One plain sentence per result, the size of a difference before its p-value."""
    groups = results["groups"]
    if len(groups) < 2:
        return [f"Fewer than two cohorts are large enough to compare {label.lower()}."]
    said = []
    if len(groups) == 2:
        said += _two_cohorts(results, label)
    else:
        anova, eta = results["welch_anova"].iloc[0], results["eta_squared"].iloc[0]
        said.append(f"Across {len(groups)} cohorts: Welch's F = {fixed(anova['f'], 2)} (df {fixed(anova['df1'], 0)}, "
                    f"{fixed(anova['df2'])}), {p_phrase(anova['p'])}; eta squared = {fixed(eta['eta_squared'], 3)}, a "
                    f"{'negligible' if eta['eta_squared'] < 0.01 else 'small' if eta['eta_squared'] < 0.06 else 'medium' if eta['eta_squared'] < 0.14 else 'large'} share of the differences between people.")
        clear = results["pairwise"][results["pairwise"]["p_adj"] < 0.05]
        said.append(f"{len(clear)} of {len(results['pairwise'])} pairs differ after {results['pairwise']['padjust'].iloc[0]} "
                    "adjustment." if len(clear) else "No pair differs after adjustment for multiple comparisons.")
    return said


def _two_cohorts(results: dict, label: str) -> list[str]:
    """The difference as 'higher in A than in B' with its interval, then the effect sizes."""
    t, g = results["welch_t"].iloc[0], results["hedges_g"].iloc[0]
    a, b = t["group_a"], t["group_b"]
    sign = 1 if t["diff"] >= 0 else -1
    low, high = sorted((sign * t["ci_low"], sign * t["ci_high"]))
    first, second = (a, b) if sign > 0 else (b, a)
    stats_text = (f"95% CI {interval(low, high)}; Welch's t = {fixed(abs(t['t']), 2)}, df = {fixed(t['df'])}, "
                  f"{p_phrase(t['p'])}")
    if low <= 0 <= high:
        difference = f"{label} differed by {fixed(abs(t['diff']))} points between {a} and {b}, within noise ({stats_text})."
    else:
        difference = f"{label} was {fixed(abs(t['diff']))} points higher in {first} than in {second} ({stats_text})."
    effect = (f"Hedges' g = {fixed(g['g'], 2)} (95% CI {interval(g['ci_low'], g['ci_high'], 2)}), a "
              f"{_size(abs(g['g']))} difference; rank-biserial r = {fixed(results['rank_biserial'].iloc[0]['r_rb'], 2)}.")
    return [difference, effect]


def _size(g: float) -> str:
    """Cohen's conventional words, used only as a rough guide."""
    return "negligible" if g < 0.2 else "small" if g < 0.5 else "medium" if g < 0.8 else "large"
