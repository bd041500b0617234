"""Change between survey waves, said in plain words, with an honest word when it is within noise,
and which score a leader asks about first.

The change itself comes from the release (:meth:`tiwell.privacy.release.Release.changes`): the Welch
interval of the difference between two shown waves' means (different people answer each wave,
so their variances are not assumed equal). When the interval includes zero the change is
reported as within noise, not as a rise or a fall.
"""

from __future__ import annotations

import pandas as pd

from tiwell.text.numbers import interval, signed


def first_score(subscales) -> int:
    """Which subscale a page opens on: the one called burnout where there is one (the question an
    HR lead usually comes with), else the first that calls for attention when high, else the first."""
    for test in (lambda s: "burnout" in f"{s.column} {s.label}".lower(), lambda s: not s.higher_is_better):
        found = [k for k, sub in enumerate(subscales) if test(sub)]
        if found:
            return found[0]
    return 0


def named(label: str) -> str:
    """A subscale's label inside a sentence: 'burnout', but 'STSS' or 'MBI total' kept as written."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def change_words(change: pd.Series, label: str, direction: str, since: bool = True,
                 beyond: str = "beyond noise") -> str:
    """What a change means, in the words an HR lead asks it in: 'higher burnout than the wave
    before, beyond noise, a change worth talking about together', or 'about the same burnout as
    the wave before: we can't tell the change apart from chance'; shorter without ``since`` (a
    table row, whose columns say the waves); ``beyond`` says a change is no chance ('more than
    chance alone would give' on a slide); '' where a wave was too small to compare."""
    if pd.isna(change["change"]):
        return ""
    if change["within_noise"]:
        return (f"about the same {named(label)} as the wave before: we can't tell the change apart from chance"
                if since else "about the same: we can't tell it apart from chance")
    higher = change["change"] > 0
    better = higher == (direction == "higher_is_better")
    said = f"{'higher' if higher else 'lower'} {named(label)}{' than the wave before' if since else ''}, {beyond}"
    return said + (", a change for the better" if better else ", worth talking about together")


def change_figures(change: pd.Series) -> str:
    """The numbers behind a change: 'change +1.2; 95% interval from +0.3 to +2.1'."""
    return (f"change {signed(change['change'])}; 95% interval from "
            f"{interval(change['ci_low'], change['ci_high'], sign=True)}")


def change_sentence(change: pd.Series, label: str, direction: str, figures: bool = True) -> str:
    """One wave against the one before in a plain sentence, the figures in brackets unless
    ``figures`` is False (a slide for front-line staff, whose figures go to the speaker notes)."""
    if pd.isna(change["change"]):
        return f"{label}: too few people in one of the waves to compare {change['from']} with {change['to']}."
    beyond = "beyond noise" if figures else "more than chance alone would give"
    words = change_words(change, label, direction, beyond=beyond)
    said = f"{change['to']} against {change['from']}: {words}"
    return said + (f" ({change_figures(change)})." if figures else ".")


def subscale_rows(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """One subscale's rows of a released table (one per wave, or per wave and team)."""
    return table[table["subscale"] == column]


def trend_lines(overall: pd.DataFrame, by_team: pd.DataFrame | None, teams: list) -> tuple[pd.DataFrame, str]:
    """What the trend chart draws as its lines, and the column naming each line: the chosen
    teams (with the whole selection beside them, drawn apart), or the selection alone."""
    if teams:
        return by_team[by_team["team"].isin(teams)], "team"
    return overall.assign(series="This selection"), "series"


def has_gaps(lines: pd.DataFrame) -> bool:
    """Whether a line breaks: some wave of it was too small to show."""
    return bool(lines["mean"].isna().any())


def team_changes_table(changes: pd.DataFrame, label: str, direction: str) -> pd.DataFrame:
    """Each team's change since the previous wave as read: the latest pair of waves first, and in
    each the largest change first (a change that cannot be given last); the change signed to one
    decimal, its 95% interval as 'from ... to ...', and what it means in words."""
    latest = {wave: rank for rank, wave in enumerate(reversed(changes["to"].unique().tolist()))}
    ordered = changes.assign(_pair=changes["to"].map(latest), _size=-changes["change"].abs()).sort_values(
        ["_pair", "_size"], na_position="last", kind="stable")
    return pd.DataFrame({
        "team": ordered["team"], "from": ordered["from"], "to": ordered["to"],
        "change": ordered["change"].map(lambda v: "" if pd.isna(v) else signed(v)),
        "95% interval": [f"from {interval(r.ci_low, r.ci_high, sign=True)}" if pd.notna(r.change) else ""
                         for r in ordered.itertuples()],
        "what it means": [change_words(row, label, direction, since=False) or "too few people in one of the two waves"
                          for _, row in ordered.iterrows()],
    }).reset_index(drop=True)
