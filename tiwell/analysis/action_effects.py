"""Did it help? For one logged action, the waves before and after it in the teams it touched,
against the teams it did not touch, in numbers and in words with the caution the design deserves.

Every group the estimate uses must be one the leaders' views could show: each touched team in
each wave passes the same suppression check as a filtered view, and the four cells (touched or
not, before or after) and the untouched teams in each wave hold at least the minimum group size.
Otherwise nothing is shown, and the reason is.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tiwell.actions import Action, waves_after
from tiwell.analysis.paired import paired_did, pairs_between
from tiwell.stats import before_after, did
from tiwell.privacy.minimum import filtered_view
from tiwell.survey import values_in_order
from tiwell.text.numbers import interval, share_text, signed

CAUTION = ("Teams were not chosen at random and other things changed too, so this is a pattern worth discussing "
           "together, not proof that the action caused it.")


@dataclass(frozen=True)
class Effect:
    """The result for one action and subscale: ``kind`` is 'did', 'before_after' or 'not_shown';
    ``result`` the one-row table of :func:`tiwell.stats.did` or :func:`tiwell.stats.before_after`;
    ``cells`` the group means behind it (group, period, n, mean) for a chart."""

    action: Action
    kind: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    result: pd.DataFrame | None = None
    cells: pd.DataFrame | None = None
    why: str = ""


def action_effect(scored: pd.DataFrame, action: Action, column: str, min_group: int,
                  codes: pd.Series | None = None) -> Effect:
    """The before and after comparison for ``action`` on the score ``column``. With employee
    numbers kept as private ``codes``, the difference in differences uses people's own changes
    where at least ``min_group`` people on each side answered both before and after."""
    waves = list(values_in_order(scored, "wave"))
    after = waves_after(action, waves)
    if after is None:
        return Effect(action, "not_shown", why="The survey's waves are not labelled by month (like 2025-03), so "
                                               "tiwell cannot tell which came before the action.")
    before = [w for w in waves if w not in after]
    if not before or not after:
        side = "before" if not before else "after"
        return Effect(action, "not_shown", tuple(before), tuple(after),
                      why=f"There is no survey wave {side} {action.date:%d %B %Y} yet, so there is nothing to compare.")
    if action.teams and "team" not in scored:
        return Effect(action, "not_shown", tuple(before), tuple(after),
                      why=f"This action touches {', '.join(action.teams)}, but no column of this survey was read as "
                          "the team, so those teams cannot be told apart from the rest. Set the team column's role to "
                          "team in the column mapping on the Upload and score page.")
    rows = scored[scored["wave"].notna() & scored[column].notna()]
    frame = pd.DataFrame({"score": rows[column].astype(float), "after": rows["wave"].isin(after),
                          "touched": rows["team"].isin(action.teams) if action.teams else True})
    hidden = _hidden_group(scored, rows, frame, action, waves, min_group)
    if hidden:
        return Effect(action, "not_shown", tuple(before), tuple(after), why=hidden)
    paired = _paired(scored, codes, action, column, before, after, min_group)
    if paired is not None:
        result, kind = paired, "did_paired"
    elif action.teams and not frame["touched"].all():
        result = did(frame, value="score", touched="touched", after="after")
        kind = "did"
    else:
        result = before_after(frame, value="score", after="after")
        kind = "before_after"
    return Effect(action, kind, tuple(before), tuple(after), result, _cells(frame))


def _paired(scored, codes, action: Action, column: str, before, after, min_group: int) -> pd.DataFrame | None:
    """The paired difference in differences, when codes were kept and enough people on each side
    (touched, untouched) answered both before and after the action; otherwise None."""
    if codes is None or not action.teams:
        return None
    pairs = pairs_between(scored, codes, column, before, after)
    touched = pairs["team"].isin(action.teams)
    if touched.sum() < min_group or (~touched).sum() < min_group:
        return None
    return pd.DataFrame([paired_did(pairs, touched)])


def _hidden_group(scored, rows, frame, action: Action, waves: list[str], min_group: int) -> str:
    """Why the comparison may not be shown, or '' when every group it uses may be."""
    for team in action.teams:
        for wave in waves:
            if not filtered_view(scored, {"team": team, "wave": wave}, min_group).shown:
                return (f"{team} in wave {wave} is too small to show, or showing it would let a smaller group be "
                        "worked out, so no comparison is shown for this action.")
    short = (frame.groupby(["touched", "after"]).size() < min_group).any()
    if not frame["touched"].all():
        others = rows.loc[~frame["touched"], "wave"].value_counts().reindex(waves, fill_value=0)
        short = short or (others < min_group).any()
    if short:
        return (f"One of the groups compared has fewer than {min_group} people with this score, so no comparison "
                "is shown for this action.")
    return ""


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean and n per group (the teams touched, the other teams) and period (before, after)."""
    named = frame.assign(group=frame["touched"].map({True: "Teams it touched", False: "Other teams"}),
                         period=frame["after"].map({False: "before", True: "after"}))
    table = named.groupby(["group", "period"], sort=False)["score"].agg(n="size", mean="mean").reset_index()
    return table.sort_values(["group", "period"], key=lambda s: s.map(
        {"Teams it touched": 0, "Other teams": 1, "before": 0, "after": 1}), ignore_index=True)


def effect_sentences(effect: Effect, label: str, direction: str, scope: str | None = None) -> list[str]:
    """Plain sentences: what changed, how it compares with the other teams, how sure we can be."""
    if effect.kind == "not_shown":
        return [effect.why]
    r = effect.result.iloc[0]
    where = scope or effect.action.scope
    span = f"{', '.join(effect.before)} before the action and {', '.join(effect.after)} after it"
    ci = f"95% interval from {interval(r['ci_low'], r['ci_high'], sign=True)}"
    if effect.kind in ("did", "did_paired"):
        said = [f"{label} in {where} changed by {signed(r['change_touched'])} points ({span}); in the other teams it "
                f"changed by {signed(r['change_untouched'])}.",
                f"The difference between the two changes is {signed(r['estimate'])} points ({ci}). "
                + _verdict(r, direction, "compared with the other teams")]
        if effect.kind == "did_paired":
            said.append(f"These changes are the people's own: the {r['n_touched']:.0f} in the teams it touched and "
                        f"the {r['n_untouched']:.0f} elsewhere who answered both before and after it.")
    else:
        said = [f"{label} in {where} changed by {signed(r['estimate'])} points ({span}; {ci}). "
                + _verdict(r, direction, ""),
                "There is no comparison group: the action touched everyone, so the change could also come from "
                "anything else that happened in the same time."]
    return said + [CAUTION]


def _verdict(r: pd.Series, direction: str, compared: str) -> str:
    if pd.isna(r["ci_low"]) or r["ci_low"] <= 0 <= r["ci_high"]:
        return "That is within noise: we can't tell it apart from chance, so no real difference can be claimed."
    better = (r["estimate"] > 0) == (direction == "higher_is_better")
    return "That is beyond noise: " + ("a change for the better" if better else "a change worth talking about "
                                       "together") + (f" {compared}." if compared else ".")


def theme_moved(shares: pd.DataFrame, action: Action) -> str:
    """Whether a comment theme an action answers moved: its share of the people who wrote, in the
    last wave shown before the action against the first shown after it. ``shares`` is the
    theme's rows of the comment release's shares by wave (wave, label, share; NaN where hidden)."""
    label = shares["label"].iloc[0]
    after = waves_after(action, list(shares["wave"]))
    if after is None:
        return f"{label}: the waves are not labelled by month, so they cannot be placed before or after the action."
    shown = shares.dropna(subset=["share"])
    before, later = shown[~shown["wave"].isin(after)], shown[shown["wave"].isin(after)]
    if before.empty:
        return f"{label}: no wave before the action shows this theme, so there is nothing to compare it with."
    if later.empty:
        return f"{label}: no wave after the action shows this theme yet; the next wave will tell whether its share moved."
    was, now = before.iloc[-1], later.iloc[0]
    return (f"{label}: mentioned by {share_text(was['share'])} of those who wrote something in {was['wave']}, "
            f"before the action, and {share_text(now['share'])} in {now['wave']}, after it "
            f"({signed((now['share'] - was['share']) * 100, 0)} points). People write about what is on their "
            "minds that month, so this is a pattern worth discussing, not proof that the action worked.")
