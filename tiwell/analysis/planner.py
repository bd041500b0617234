"""The next wave, planned: how many answers each team can expect, whether that clears the
minimum group size, and the smallest change in each score the next wave could tell from noise.

Everything comes from the audited release (each team's people, n, SD in the last wave) and, when
given, the HR data's headcounts: a team hidden last time stays hidden here too, and only its
headcount, never its count of answers, is shown. The smallest detectable change compares the
next wave's mean with the last one's (a two-sample test at 5%, two-sided, with 80% power, from
the SD observed last time), so an organisation can see before it surveys whether a team's
change could show at all, and ask more people to take part where it could not.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from tiwell.privacy.release import Release
from tiwell.stats import POWER, detectable_difference

EVERYONE = "Whole organisation"
HIDDEN = "not shown last time"
AT_RISK = 1.2  # an expected count within 20% of the minimum may well fall short
PLAN_COLUMNS = ["team", "answered", "headcount", "response_rate", "expected", "clears", "why"]


def next_wave_plan(release: Release, scores: Sequence[tuple[str, str]], *, headcounts: Mapping[str, float] | None = None,
                   survey_headcounts: Mapping[str, float] | None = None, power: float = POWER) -> pd.DataFrame:
    """One row per team (the whole organisation first): PLAN_COLUMNS, then ``detectable <label>``
    for each (column, label) of ``scores``.

    ``headcounts`` are each team's staff now (the HR data's latest); ``survey_headcounts`` its
    staff when the last wave ran (else the same). The response rate is answered / headcount then;
    the expected answers are that rate times the headcount now, or last wave's answers when no
    headcount is known. ``clears`` is 'yes', 'at risk' (expected under 1.2 times the minimum),
    'no', or 'not shown last time' (hidden then, so its count stays unsaid now)."""
    last = release.values["wave"][-1] if "wave" in release.dims and release.values["wave"] else None
    base = {} if last is None else {"wave": last}
    teams = [None, *release.values.get("team", ())]
    rows = [_plan_row(release, team, base, scores, headcounts or {}, survey_headcounts or headcounts or {}, power)
            for team in teams]
    return pd.DataFrame(rows, columns=PLAN_COLUMNS + [f"detectable {label}" for _, label in scores])


def team_headcounts(turnover: pd.DataFrame, when: pd.Timestamp | None) -> tuple[dict, dict]:
    """Each team's headcount now (its latest HR period: the closing headcount, else the average)
    and when the last wave ran (the period holding ``when``, else the latest), from a team-period
    table whose teams carry the survey's names."""
    if turnover.empty:
        return {}, {}
    counts = turnover.assign(headcount=turnover["headcount_end"] if "headcount_end" in turnover
                             else turnover["average_headcount"])
    dated = {"period_start", "period_end"} <= set(counts)
    counts = counts.sort_values("period_start" if dated else "period", kind="stable")
    now = counts.groupby("team")["headcount"].last().to_dict()
    if not dated or when is None or pd.isna(when):
        return now, now
    holding = counts[(counts["period_start"] <= when) & (counts["period_end"] >= when)]
    return now, now | holding.groupby("team")["headcount"].last().to_dict()


def _plan_row(release: Release, team, base: dict, scores, now: Mapping, then: Mapping, power: float) -> dict:
    filters = base | ({"team": team} if team is not None else {})
    answered = release.people(filters)
    headcount = float(now.get(team, math.nan)) if team is not None else _total(now, release)
    headcount_then = float(then.get(team, math.nan)) if team is not None else _total(then, release)
    rate = answered / headcount_then if headcount_then > 0 else math.nan
    expected = rate * headcount if not math.isnan(rate) and not math.isnan(headcount) else answered
    clears, why = _clears(answered, expected, headcount, release.min_group)
    row = {"team": EVERYONE if team is None else team, "answered": answered, "headcount": headcount,
           "response_rate": rate, "expected": expected, "clears": clears, "why": why}
    stats = release.table((), filters).set_index("subscale") if not math.isnan(answered) else None
    for column, label in scores:
        row[f"detectable {label}"] = _detectable(stats, column, answered, expected, power)
    return row


def _total(headcounts: Mapping, release: Release) -> float:
    """The organisation's headcount: the sum over the survey's teams, when every one is known."""
    teams = release.values.get("team", ())
    known = [headcounts.get(t) for t in teams]
    return float(sum(known)) if teams and all(k is not None and not math.isnan(k) for k in known) else math.nan


def _clears(answered: float, expected: float, headcount: float, min_group: int) -> tuple[str, str]:
    if math.isnan(answered):
        needs = (f" With {headcount:.0f} staff, at least {min_group} of them ({min_group / headcount:.0%}) need to "
                 "answer." if headcount > 0 else "")
        return HIDDEN, f"Too few answered last time to show (fewer than {min_group}, or it could be worked out).{needs}"
    if expected < min_group:
        return "no", f"About {expected:.0f} answers expected, under the minimum of {min_group}."
    if expected < AT_RISK * min_group:
        return "at risk", f"About {expected:.0f} answers expected: a few fewer and it falls under {min_group}."
    return "yes", f"About {expected:.0f} answers expected."


def _detectable(stats: pd.DataFrame | None, column: str, answered: float, expected: float, power: float) -> float:
    """The smallest change in ``column`` between last wave and the next that the two waves' sizes
    could show (NaN when last wave's group is hidden or too small)."""
    if stats is None or column not in stats.index or pd.isna(stats.loc[column, "sd"]):
        return math.nan
    n_last = float(stats.loc[column, "n"])
    n_next = expected * n_last / answered if answered > 0 else math.nan  # the same share answering this score
    return detectable_difference(n_last, n_next, float(stats.loc[column, "sd"]), power=power)


def plan_sentences(plan: pd.DataFrame, min_group: int) -> list[str]:
    """What the plan means in words: which teams will be too small, which may be, and how big a
    change the organisation as a whole could show."""
    teams = plan[plan["team"] != EVERYONE]
    said = []
    for verdict, words in (("no", "{be} not expected to reach {k} answers next wave, so {its} results would not be "
                                   "shown"), ("at risk", "may fall under {k} answers next wave"),
                           (HIDDEN, "{was} too small to show last wave (or could have been worked out), so {its} "
                                    "results may stay hidden unless more people answer")):
        named = teams.loc[teams["clears"] == verdict, "team"].tolist()
        if named:
            one = len(named) == 1
            said.append(f"{_joined(named)} " + words.format(be="is" if one else "are", was="was" if one else "were",
                                                            its="its" if one else "their", k=min_group) + ".")
    if not said and len(teams):
        said.append(f"Every team is expected to reach {min_group} answers next wave, if as many answer as last time.")
    everyone = plan[plan["team"] == EVERYONE]
    detectable = [c for c in plan.columns if c.startswith("detectable ")]
    if len(everyone) and detectable and pd.notna(everyone[detectable[0]].iloc[0]):
        sizes = ", ".join(f"{everyone[c].iloc[0]:.1f} points in {c.removeprefix('detectable ').lower()}"
                          for c in detectable)
        said.append(f"For the whole organisation, the next wave could tell a change of about {sizes} apart from "
                    "noise (80% of the time); smaller changes may be real but would not show.")
    return said


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
