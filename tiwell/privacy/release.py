"""One audited release: every aggregate any page, chart, sentence or export may show.

For a scored survey and its settings, :func:`build_release` computes, once, every cell a view can
ask for: each combination of wave, team and the grouping columns (each fixed or left open), each
score's n, mean, SD and 95% interval, the number of people in each band and in each histogram bin,
and the number of people in each profile. :mod:`tiwell.privacy.disclosure` decides which cells may be
shown, each count on its own (people *with that score*, people in that band), across every
dimension a view can combine. Views only look cells up; none computes an aggregate from rows, so
no new view can open a new way to subtract one group from another.

Statistics that give back individuals (histogram bins, quantiles) are released only for groups of
at least ``detail_min`` people (30 by default). Inside a shown group, a band, bin or profile with
fewer than ``min_group`` people is shown as "fewer than k" and protected the same way.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tiwell.privacy.disclosure import ALL, family, protect
from tiwell.survey import ScoredSurvey, values_in_order

DETAIL_MIN = 30
BINS = 8            # histogram bins over a score's whole range, split at every band's edge
MAX_VALUES = 30      # a grouping column with more values is not offered as a filter
MAX_RELEASE_CELLS = 200_000  # the release's size is bounded: the widest grouping columns are left out first
STAT_COLUMNS = ["n", "mean", "sd", "ci_low", "ci_high"]


@dataclass(frozen=True)
class Score:
    """What the release needs of one subscale: its column, label and band rules."""

    column: str
    label: str
    low: float
    high: float
    bands: tuple = ()


@dataclass(frozen=True)
class Release:
    """Every shown number, and which filters a view may offer (``values``)."""

    dims: tuple[str, ...]
    values: dict[str, tuple]
    stats: pd.DataFrame        # dims as codes, subscale, people, n, mean, sd, ci_low, ci_high, shown
    categories: pd.DataFrame   # dims as codes, subscale, kind (band, bin, profile), category, low, high, count, shown
    min_group: int
    detail_min: int
    scores: tuple[Score, ...]
    notes: tuple[str, ...] = field(default=())
    bands: dict[str, tuple[str, ...]] = field(default_factory=dict)  # each score's band labels, in order

    def codes(self, filters: dict) -> dict[str, int]:
        """Filter values as codes; ``ALL`` for an open dimension. A value the release does not
        cover raises KeyError, so no view can ask for a cell nobody audited."""
        out = {}
        for dim in self.dims:
            value = filters.get(dim)
            out[dim] = ALL if value is None else self.values[dim].index(value)
        unknown = {d for d, v in filters.items() if v is not None and d not in self.dims}
        if unknown:
            raise KeyError(f"The release does not cover filters on {sorted(unknown)}.")
        return out

    def table(self, by: list[str] | tuple[str, ...] = (), filters: dict | None = None) -> pd.DataFrame:
        """The summary for ``filters``, one row per group of ``by`` and subscale, shaped as the
        pages draw it: the ``by`` values, subscale, label, people, n, mean, sd, ci_low, ci_high,
        ``share_<band>`` (NaN when a band is "fewer than k"), ``fewer_<band>`` and ``shown``."""
        chosen = self._matching(self.stats, by, filters or {})
        labels = {s.column: s.label for s in self.scores}
        out = self._decoded(chosen, by).assign(label=lambda t: t["subscale"].map(labels))
        shares = self._shares(by, filters or {})
        if len(shares):
            out = out.merge(shares, on=[*by, "subscale"], how="left")
        out = self._empty_bands(out)
        out = out.sort_values([*by], key=lambda s: s.map(self._order(s.name)), kind="stable") if by else out
        return out.reset_index(drop=True)

    def _empty_bands(self, out: pd.DataFrame) -> pd.DataFrame:
        """A band nobody in a shown group is in has a share of 0, not a missing column."""
        for score in self.scores:
            mine = (out["subscale"] == score.column) & out["n"].notna()
            for band in self.bands.get(score.column, ()):
                share, fewer = f"share_{band}", f"fewer_{band}"
                if share not in out:
                    out[share], out[fewer] = np.nan, False
                out[fewer] = out[fewer].fillna(False).astype(bool)
                out.loc[mine & out[share].isna() & ~out[fewer], share] = 0.0
        return out

    def people(self, filters: dict | None = None) -> float:
        """How many people answered in the selection (NaN when it may not be shown)."""
        row = self._matching(self.stats, (), filters or {})
        return float(row["people"].iloc[0]) if len(row) else float("nan")

    def bins(self, column: str, filters: dict | None = None) -> pd.DataFrame:
        """A histogram of one score for the selection: low, high, count (NaN: fewer than k),
        band; empty unless the group has at least ``detail_min`` people with the score."""
        part = self._matching(self.categories, (), filters or {})
        part = part[(part["subscale"] == column) & (part["kind"] == "bin")]
        return part[["low", "high", "count", "band", "shown"]].sort_values("low").reset_index(drop=True)

    def profiles(self, instrument: str, filters: dict | None = None) -> pd.DataFrame:
        """Profile shares for one instrument: profile, count, share (NaN: fewer than k), people."""
        part = self._matching(self.categories, (), filters or {})
        part = part[(part["subscale"] == f"{instrument}_profile") & (part["kind"] == "profile")]
        total = part["total"].iloc[0] if len(part) else float("nan")
        return pd.DataFrame({"profile": part["category"].to_numpy(), "count": part["count"].to_numpy(),
                             "share": (part["count"] / total).to_numpy(), "people": total})

    def changes(self, column: str, by: str | None = None, filters: dict | None = None) -> pd.DataFrame:
        """Each wave against the one before, from the released cells only (Welch from the two
        means, SDs and ns): a change is given only where both waves are shown."""
        from tiwell.stats.compare import welch_from_stats

        cells = self.table(["wave", by] if by else ["wave"], filters)
        cells = cells[cells["subscale"] == column]
        waves = list(self.values.get("wave", ()))
        rows = []
        for group, part in (cells.groupby(by, sort=False) if by else [(None, cells)]):
            part = part.set_index("wave")
            for before, after in zip(waves, waves[1:]):
                row = {"from": before, "to": after} | ({by: group} if by else {})
                a = part.loc[before] if before in part.index else None
                b = part.loc[after] if after in part.index else None
                if a is None or b is None or pd.isna(a["mean"]) or pd.isna(b["mean"]):
                    rows.append(row | {"change": np.nan, "ci_low": np.nan, "ci_high": np.nan, "within_noise": None})
                    continue
                w = welch_from_stats(b["mean"], b["sd"], b["n"], a["mean"], a["sd"], a["n"])
                low, high = (w["ci_low"], w["ci_high"]) if pd.notna(w["ci_low"]) else (w["diff"], w["diff"])
                rows.append(row | {"change": w["diff"], "ci_low": low, "ci_high": high,
                                   "within_noise": bool(low <= 0 <= high)})
        columns = ([by] if by else []) + ["from", "to", "change", "ci_low", "ci_high", "within_noise"]
        return pd.DataFrame(rows, columns=columns)

    def options(self, dim: str) -> list:
        """The values a filter on ``dim`` may offer."""
        return list(self.values.get(dim, ()))

    def _matching(self, frame: pd.DataFrame, by, filters: dict) -> pd.DataFrame:
        codes = self.codes(filters)
        mask = np.ones(len(frame), dtype=bool)
        for dim in self.dims:
            if dim in by:
                mask &= (frame[dim] != ALL).to_numpy() & (frame[dim] < len(self.values[dim])).to_numpy()
            else:
                mask &= (frame[dim] == codes[dim]).to_numpy()
        return frame[mask]

    def _decoded(self, frame: pd.DataFrame, by) -> pd.DataFrame:
        out = frame.drop(columns=[d for d in self.dims if d not in by])
        for dim in by:
            out[dim] = [self.values[dim][c] for c in out[dim]]
        return out

    def _order(self, dim: str) -> dict:
        return {value: k for k, value in enumerate(self.values[dim])}

    def _shares(self, by, filters: dict) -> pd.DataFrame:
        bands = self._matching(self.categories, by, filters)
        bands = bands[bands["kind"] == "band"]
        if bands.empty:
            return pd.DataFrame()
        bands = self._decoded(bands, by).assign(share=lambda t: t["count"] / t["total"],
                                                fewer=lambda t: ~t["shown"] & (t["total"] > 0))
        wide = bands.pivot_table(index=[*by, "subscale"], columns="category", values=["share", "fewer"],
                                 aggfunc="first", dropna=False, observed=True)
        wide.columns = [f"{kind}_{band}" for kind, band in wide.columns]
        return wide.reset_index()


def build_release(scored: pd.DataFrame, scores: list[Score], dims: list[str], min_group: int,
                  detail_min: int = DETAIL_MIN, profiles: dict[str, list[str]] | None = None) -> Release:
    """The release for these rows. ``dims`` are the columns a view may filter or break down by
    (wave, team, groupings); ``profiles`` maps a ``<instrument>_profile`` column to its order."""
    dims, values, notes = _dimensions(scored, dims)
    frame = pd.DataFrame({d: _codes(scored[d], values[d]) for d in dims}, index=scored.index)
    missing = {d: len(values[d]) for d in dims}
    cells = family(frame.assign(count=1), dims, [])
    respondents = _protected(cells, dims, min_group, _offered(cells, missing))
    stat_parts, category_parts = [], []
    for score in scores:
        stat_parts.append(_score_stats(scored, frame, missing, score, min_group, detail_min, respondents))
        category_parts.append(stat_parts[-1][1])
    for column, order in (profiles or {}).items():
        category_parts.append(_profile_family(scored, frame, missing, column, order, min_group))
    stats_table = pd.concat([p[0] for p in stat_parts], ignore_index=True) if stat_parts else pd.DataFrame()
    categories = pd.concat(category_parts, ignore_index=True) if category_parts else pd.DataFrame(
        columns=[*dims, "subscale", "kind", "category", "low", "high", "band", "count", "total", "shown"])
    bands = {score.column: tuple(_band_labels(scored, score)) for score in scores}
    return Release(tuple(dims), values, stats_table, categories, min_group, detail_min, tuple(scores), tuple(notes),
                   bands)


def _dimensions(scored: pd.DataFrame, dims: list[str]) -> tuple[list[str], dict[str, tuple], list[str]]:
    """The dimensions the release covers, each with its values in order. A grouping column with
    many values (free text, dates) is never a filter; the widest are dropped until the release
    is of a bounded size."""
    notes, kept = [], []
    for dim in dims:
        values = values_in_order(scored, dim)
        if dim not in ("wave", "team") and len(values) > MAX_VALUES:
            notes.append(f"'{dim}' has {len(values)} different answers, so it is not offered as a filter.")
            continue
        kept.append((dim, values))
    while kept and math.prod(len(v) + 2 for _, v in kept) > MAX_RELEASE_CELLS:
        widest = max(range(len(kept)), key=lambda k: len(kept[k][1]))
        notes.append(f"'{kept[widest][0]}' is left out of the filters, to keep the views quick.")
        kept.pop(widest)
    return [d for d, _ in kept], dict(kept), notes


def _codes(column: pd.Series, values: tuple) -> np.ndarray:
    """Each value's position; a missing value gets its own code, one past the last."""
    lookup = {v: k for k, v in enumerate(values)}
    return column.map(lookup).fillna(len(values)).astype(int).to_numpy()


def _protected(cells: pd.DataFrame, keys: list[str], min_group: int, offered: np.ndarray) -> pd.DataFrame:
    """The cells with ``offered`` and ``shown`` (what :func:`tiwell.privacy.disclosure.protect` allows).
    When more must be hidden, a category's cells go first (a bin, then a band) and a whole
    group's numbers last."""
    cells = cells.copy()
    cells["offered"] = offered
    levels = keys[-2:] if len(keys) >= 2 else keys
    whole = sum((cells[k] == ALL).to_numpy() * 10.0 ** (4 + 2 * i) for i, k in enumerate(levels[::-1]))
    cells["shown"] = protect(cells, keys, min_group, cells["count"].to_numpy() + whole)
    return cells


def _offered(cells: pd.DataFrame, missing: dict[str, int]) -> np.ndarray:
    """Cells a view may ask for: no dimension fixed to the 'missing' code."""
    ok = np.ones(len(cells), dtype=bool)
    for dim, code in missing.items():
        ok &= (cells[dim] != code).to_numpy()
    return ok


def _totals(cells: pd.DataFrame, dims: list[str], level: str) -> np.ndarray:
    """Each cell's whole (its category left open), where that whole is shown; NaN elsewhere."""
    whole = cells[cells[level] == ALL]
    whole = whole.assign(count=whole["count"].where(whole["shown"]).astype(float))
    if not dims:
        return np.full(len(cells), whole["count"].iloc[0])
    return whole.set_index(dims)["count"].reindex(pd.MultiIndex.from_frame(cells[dims])).to_numpy()


def _score_stats(scored, frame, missing: dict[str, int], score: Score, min_group: int, detail_min: int, respondents):
    """The stats cells and the band and bin cells of one score, protected as one family."""
    dims = list(missing)
    values = scored[score.column]
    has = values.notna()
    band_labels = _band_labels(scored, score)
    unbanded = not band_labels  # the MBI without cut-offs: everyone in one band of their own, never released as one
    band_codes = (scored[f"{score.column}_band"].cat.codes.to_numpy() if f"{score.column}_band" in scored
                  and not unbanded else np.zeros(len(scored), dtype=int))
    edges = bin_edges(score)
    bin_codes = np.clip(np.searchsorted(edges, values.to_numpy(float), side="right") - 1, 0, len(edges) - 2)
    part = frame[has].assign(band=band_codes[has.to_numpy()], bin=bin_codes[has.to_numpy()], count=1)
    part = part[part["band"] >= 0]
    cells = family(part, dims, ["band", "bin"])
    whole = cells.assign(shown=True)
    offered = _offered(cells, missing) & ~((cells["bin"] != ALL).to_numpy() & (_totals(whole, dims, "band")
                                                                                 < detail_min))
    cells = _protected(cells, dims + ["band", "bin"], min_group, offered)
    cells["total"] = _totals(cells, dims, "band")
    stats_cells = _stat_values(scored, frame, dims, score, cells[cells["band"] == ALL], respondents)
    categories = _category_rows(cells, dims, score, band_labels or [""], edges)
    return stats_cells, categories[categories["kind"] != "band"] if unbanded else categories


def _band_labels(scored: pd.DataFrame, score: Score) -> list[str]:
    """The bands a score was cut into: the band column's own (a chosen set of cut points, say),
    else the score's default bands."""
    column = f"{score.column}_band"
    if column in scored and isinstance(scored[column].dtype, pd.CategoricalDtype):
        return [str(c) for c in scored[column].cat.categories]
    return [b.label for b in score.bands] or ["all"]


def bin_edges(score: Score) -> np.ndarray:
    """Edges of the histogram bins: the whole range in ``BINS`` steps, plus every band's edge, so
    each bin lies inside one band and a band's count is the sum of its bins."""
    grid = np.linspace(score.low, score.high, BINS + 1)
    cuts = [b.low for b in score.bands if b.low is not None and score.low < b.low <= score.high]
    step = (score.high - score.low) / BINS
    edges = np.unique(np.concatenate([grid, cuts]))
    edges = edges[np.concatenate([[True], np.diff(edges) > step / 4])]  # no sliver bins beside a cut
    for cut in cuts:
        edges[np.argmin(np.abs(edges - cut))] = cut
    edges[-1] = score.high + max(step, 1e-9) * 1e-6
    return np.unique(edges)


def _stat_values(scored, frame, dims, score: Score, cells: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    """n, mean, SD and the t interval of every shown cell; blank where it is hidden."""
    x = scored[score.column].astype(float)
    data = frame.assign(value=x)
    rows = []
    for size in range(len(dims) + 1):
        for subset in itertools.combinations(dims, size):
            if subset:
                g = data.groupby(list(subset), sort=False)["value"].agg(["count", "mean", "std"]).reset_index()
            else:
                g = pd.DataFrame({"count": [x.count()], "mean": [x.mean()], "std": [x.std()]})
            for dim in dims:
                if dim not in subset:
                    g[dim] = ALL
            rows.append(g)
    table = pd.concat(rows, ignore_index=True)
    table = table.merge(cells[dims + ["shown"]], on=dims, how="inner") if dims else table.assign(
        shown=bool(cells["shown"].iloc[0]))
    from scipy.special import stdtrit  # scipy.stats.t.ppf's own quantile; here, not on every page that reads a release

    half = stdtrit(table["count"].to_numpy() - 1, 0.975) * table["std"] / np.sqrt(table["count"])
    table = table.assign(subscale=score.column, n=table["count"].astype(float), sd=table["std"],
                         ci_low=table["mean"] - half, ci_high=table["mean"] + half)
    people = respondents.loc[respondents["shown"], dims + ["count"]].rename(columns={"count": "people"})
    table = table.merge(people, on=dims, how="left") if dims else table.assign(
        people=float(respondents["count"].iloc[0]) if respondents["shown"].iloc[0] else np.nan)
    table.loc[~table["shown"], STAT_COLUMNS] = np.nan
    return table[dims + ["subscale", "people", *STAT_COLUMNS, "shown"]]


def _category_rows(cells, dims, score: Score, band_labels, edges) -> pd.DataFrame:
    """Band and bin cells with their labels; a hidden count is blank ("fewer than k")."""
    bands = cells[(cells["band"] != ALL) & (cells["bin"] == ALL)]
    bins = cells[cells["bin"] != ALL]
    out = pd.concat([
        bands.assign(kind="band", category=[band_labels[c] for c in bands["band"]], low=np.nan, high=np.nan),
        bins.assign(kind="bin", category="", low=edges[bins["bin"].to_numpy()],
                    high=np.minimum(edges[bins["bin"].to_numpy() + 1], score.high)),
    ], ignore_index=True)
    out["band"] = [band_labels[c] for c in out["band"]]
    out = out[out["offered"]]
    out["count"] = out["count"].where(out["shown"]).astype(float)
    out["total"] = out["total"].astype(float)
    return out.assign(subscale=score.column)[dims + ["subscale", "kind", "category", "low", "high", "band",
                                                     "count", "total", "shown"]]


def _profile_family(scored, frame, missing: dict[str, int], column: str, order: list[str],
                    min_group: int) -> pd.DataFrame:
    """The people in each profile, protected as one family; cells with no profile are left out."""
    dims = list(missing)
    codes = scored[column].cat.codes.to_numpy() if column in scored else np.full(len(scored), -1)
    part = frame[codes >= 0].assign(profile=codes[codes >= 0], count=1)
    if part.empty:
        return pd.DataFrame()
    cells = family(part, dims, ["profile"])
    cells = _protected(cells, dims + ["profile"], min_group, _offered(cells, missing))
    cells["total"] = _totals(cells, dims, "profile")
    cells = cells[(cells["profile"] != ALL) & cells["offered"]]
    out = cells.assign(subscale=column, kind="profile", category=[order[c] for c in cells["profile"]],
                       low=np.nan, high=np.nan, band="", count=cells["count"].where(cells["shown"]).astype(float))
    return out[dims + ["subscale", "kind", "category", "low", "high", "band", "count", "total", "shown"]]


def survey_release(survey: ScoredSurvey, min_group: int, detail_min: int = DETAIL_MIN) -> Release:
    """The release for a scored survey: every subscale, over wave, team and its grouping columns,
    with the profiles of instruments that have them."""
    scores = [Score(s.column, s.label, s.low, s.high, s.band_rules) for s in survey.subscales]
    profiles = {f"{inst.id}_profile": list(survey.scored[f"{inst.id}_profile"].cat.categories)
                for inst in survey.instruments
                if inst.profiles is not None and f"{inst.id}_profile" in survey.scored}
    return build_release(survey.scored, scores, list(survey.filter_columns), min_group, detail_min, profiles)
