"""Packs from many organisations pooled into one benchmark, without anyone's answers.

For each instrument, subscale and group (the whole organisation, or a team type), the benchmark
gives how many organisations and people stand behind it, the median and quartiles of the
organisations' means (each organisation one value, R's default ``quantile`` type 7), and the
pooled mean and SD of everyone behind it (each organisation weighted by its people, from its n,
mean and SD: the mean of all, and the SD from the within- and between-organisation sums of
squares). Band shares are pooled from the packs that give band counts.

An organisation is counted once: of its packs (same organisation code), the one with the latest
period is kept, the last given when periods tie. A group is listed only when at least
:data:`MIN_ORGANISATIONS` organisations stand behind it, so no member can read another's own
figures back out of the benchmark.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tiwell.instruments.references import Reference, ReferenceScore

BENCHMARK_FORMAT = "tiwell-benchmark"
MIN_ORGANISATIONS = 3
BENCHMARK_COLUMNS = ["instrument", "subscale", "group", "organisations", "people", "q1", "median", "q3",
                     "pooled_mean", "pooled_sd", "band_people", "bands"]


@dataclass(frozen=True)
class Benchmark:
    """The pooled table, one row per instrument, subscale and group, and what went into it."""

    table: pd.DataFrame
    organisations: int
    packs: int
    duplicates: int
    periods: tuple[str, ...]
    sectors: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """What stands behind the benchmark, in one sentence."""
        dropped = (f"; {self.duplicates} older pack(s) of organisations already counted were left out"
                   if self.duplicates else "")
        when = f", surveys from {self.periods[0]} to {self.periods[-1]}" if self.periods else ""
        return f"{self.organisations} organisations from {self.packs} packs{when}{dropped}."


def combine_groups(ns, means, sds) -> tuple[float, float, float]:
    """n, mean and SD of the union of groups given by their n, mean and SD: the total, the
    weighted mean, and the SD from the within- and between-group sums of squares (n - 1 divisor)."""
    n, m, s = (np.asarray(v, dtype=float) for v in (ns, means, sds))
    total = n.sum()
    mean = float((n * m).sum() / total)
    squares = ((n - 1) * np.nan_to_num(s) ** 2).sum() + (n * (m - mean) ** 2).sum()
    return float(total), mean, float(np.sqrt(squares / (total - 1))) if total > 1 else float("nan")


def pool_packs(packs: list[dict]) -> Benchmark:
    """The benchmark from validated packs (:func:`tiwell.packs.read.read_pack`)."""
    kept, duplicates = _one_per_organisation(packs)
    groups: dict[tuple, list[dict]] = {}
    for pack in kept:
        for score in pack["scores"]:
            groups.setdefault((score["instrument"], score["subscale"], score["group"]), []).append(score)
    rows = [_pooled(key, scores) for key, scores in groups.items() if len(scores) >= MIN_ORGANISATIONS]
    sectors: dict[str, int] = {}
    for pack in kept:
        sectors[pack["sector"]] = sectors.get(pack["sector"], 0) + 1
    return Benchmark(pd.DataFrame(rows, columns=BENCHMARK_COLUMNS), len(kept), len(packs), duplicates,
                     tuple(sorted({p["period"] for p in kept})), sectors)


def _one_per_organisation(packs: list[dict]) -> tuple[list[dict], int]:
    latest: dict[str, dict] = {}
    for pack in packs:
        held = latest.get(pack["organisation"])
        if held is None or pack["period"] >= held["period"]:
            latest[pack["organisation"]] = pack
    return list(latest.values()), len(packs) - len(latest)


def _pooled(key: tuple, scores: list[dict]) -> dict:
    """One group's row; each organisation gives one score per group (checked on reading)."""
    n, means, sds = (np.array([s[k] for s in scores], dtype=float) for k in ("n", "mean", "sd"))
    people, mean, sd = combine_groups(n, means, sds)
    q1, median, q3 = np.percentile(means, [25, 50, 75])
    band_sets: dict[tuple, list[dict]] = {}
    for s in scores:
        if s["bands"] is not None:
            band_sets.setdefault(tuple(s["bands"]), []).append(s["bands"])
    banded = max(band_sets.values(), key=len, default=[])  # the band labels most packs use
    band_people = sum(sum(b.values()) for b in banded)
    shares = {label: sum(b[label] for b in banded) / band_people for label in banded[0]} if band_people else None
    return dict(zip(BENCHMARK_COLUMNS, (*key, len(scores), people, q1, median, q3, mean, sd, band_people, shares)))


def benchmark_bytes(benchmark: Benchmark) -> bytes:
    """The benchmark as a JSON document, to share with the organisations behind it."""
    document = {"format": BENCHMARK_FORMAT, "version": 1, "organisations": benchmark.organisations,
                "packs_read": benchmark.packs, "duplicates_left_out": benchmark.duplicates,
                "periods": list(benchmark.periods), "sectors": benchmark.sectors,
                "minimum_organisations_per_group": MIN_ORGANISATIONS,
                "groups": [{k: _plain(v) for k, v in row.items()} for row in benchmark.table.to_dict("records")]}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _plain(value):
    if isinstance(value, (np.integer, np.floating)):
        return round(float(value), 3) if isinstance(value, np.floating) else int(value)
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: round(float(v), 4) for k, v in value.items()}
    return value


def benchmark_references(benchmark: Benchmark) -> tuple[Reference, ...]:
    """The benchmark as references, one per instrument and group, so every view compares with it
    as with a published sample."""
    out = []
    for (instrument, group), part in benchmark.table.groupby(["instrument", "group"], sort=False):
        scores = tuple(ReferenceScore(r.subscale, mean=float(r.pooled_mean), sd=float(r.pooled_sd), n=int(r.people),
                                      bands=tuple((r.bands or {}).items()))
                       for r in part.itertuples())
        people = int(part["people"].max())
        out.append(Reference(
            id=f"benchmark:{instrument}:{group}", instrument=instrument,
            name=f"Benchmark of {int(part['organisations'].max())} organisations ({group})",
            source=f"Pooled from benchmark packs: {benchmark.summary()}",
            population=f"People in the {group} of the organisations that shared a pack", year=None, n=people,
            confirmed=True, scale="raw", scores=scores,
            caution="Pooled mean and SD weight each organisation by its people (counts rounded to 5). If your own "
                    "pack is in the benchmark, you are partly compared with yourself."))
    return tuple(out)
