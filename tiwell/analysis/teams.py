"""Where is the load carried: teams side by side, from the release's team table.

Takes the release's table by team (:meth:`tiwell.privacy.release.Release.table`, already
protected); gives which teams may be shown and which not, the order to draw them in, the measures
one can colour by, and one team's numbers beside the whole selection's. Nothing here reveals a
hidden team's numbers: a hidden team is only ever named as not shown.
"""

from __future__ import annotations

import pandas as pd

from tiwell.text.numbers import fixed, interval, with_interval


def band_measures(bands_per_subscale) -> dict[str, str]:
    """What a heatmap can show: the mean, or the share in each band any subscale has (sorted by
    name, each once), as {words offered: column of the team table}."""
    measures = {"Mean score": "mean"}
    for band in sorted({band for bands in bands_per_subscale for band in bands}):
        measures[f"Share in the '{band}' band"] = f"share_{band}"
    return measures


def shown_cells(table: pd.DataFrame) -> pd.DataFrame:
    """The team-subscale rows the release shows: all a heatmap may draw."""
    return table[table["shown"]]


def shown_teams(table: pd.DataFrame) -> list:
    """The teams with at least one shown row, in the table's order."""
    return shown_cells(table)["team"].unique().tolist()


def hidden_teams(teams, shown: list) -> list:
    """The teams of the selection that may not be shown, sorted by name: counted and named only
    as not shown."""
    return sorted(set(teams) - set(shown), key=str)


def team_order(table: pd.DataFrame, shown: list, order_by: str | None, measure: str) -> list:
    """The shown teams by name, or by ``measure`` on the subscale ``order_by``, lowest first and
    teams without a value last."""
    if order_by is None:
        return sorted(shown, key=str)
    values = table[(table["subscale"] == order_by) & table["shown"]].set_index("team")[measure]
    return values.sort_values(na_position="last").index.tolist()


def shown_rows(table: pd.DataFrame, shown: list) -> pd.DataFrame:
    """The team table to download: the shown teams only (a hidden team is left out entirely, not
    blanked), without the bookkeeping column ``shown``."""
    return table[table["team"].isin(shown)].drop(columns="shown").reset_index(drop=True)


def team_detail(table: pd.DataFrame, whole: pd.DataFrame, team, labels: dict[str, str]) -> pd.DataFrame:
    """One team's mean (95% interval) and the people with each score beside the whole selection's
    mean (95% interval); 'hidden' where the team's mean may not be shown. ``whole`` is the
    release's table for the whole selection; ``labels`` names each subscale column. The people
    counted are those with that score, the n each heatmap cell shows."""
    mine = table[table["team"] == team].set_index("subscale")
    whole = whole.set_index("subscale")
    return pd.DataFrame({
        "subscale": [labels[c] for c in mine.index],
        "team mean (95% interval)": [with_interval(m.mean, m.ci_low, m.ci_high, 1, missing="hidden")
                                     for m in mine.itertuples()],
        "people with this score": mine["n"].to_numpy(),
        # The whole selection is shown (a page stops before a hidden one), so it is never 'hidden'.
        "whole selection (95% interval)": [f"{fixed(w.mean)} ({interval(w.ci_low, w.ci_high)})"
                                           for w in whole.loc[mine.index].itertuples()],
    })


def against_whole(table: pd.DataFrame, whole: pd.DataFrame, subscales, measure: str) -> pd.DataFrame:
    """Each shown team-subscale cell beside the whole selection's value: team, subscale, value,
    whole, difference (team minus whole) and ``worse``, the difference as a share of the scale
    (a share of people is one already) turned so that above zero is always towards the end that
    calls for attention. A heatmap coloured by ``worse`` separates teams where colour by level
    would paint every team of a calm organisation the same blue, and reads the same for burnout
    and for compassion satisfaction. For a share, only the band furthest towards attention counts
    as worse when it grows; a larger share in any other band counts as better."""
    cells = table[table["shown"]].merge(whole[["subscale", measure]].rename(columns={measure: "whole"}),
                                        on="subscale", how="left")
    turn, width = {}, {}
    for sub in subscales:
        if measure.startswith("share_"):
            worst = sub.bands[0] if sub.higher_is_better else sub.bands[-1]
            turn[sub.column], width[sub.column] = (1 if measure == f"share_{worst}" else -1), 1.0
        else:
            turn[sub.column], width[sub.column] = (-1 if sub.higher_is_better else 1), sub.high - sub.low
    difference = cells[measure] - cells["whole"]
    worse = difference * cells["subscale"].map(turn) / cells["subscale"].map(width)
    return pd.DataFrame({"team": cells["team"], "subscale": cells["subscale"], "value": cells[measure],
                         "whole": cells["whole"], "difference": difference, "worse": worse, "n": cells["n"],
                         "people": cells["people"]})


def team_rows(table: pd.DataFrame, team) -> pd.DataFrame:
    """One team's rows, one per subscale, as the band chart draws them."""
    return table[table["team"] == team].reset_index(drop=True)
