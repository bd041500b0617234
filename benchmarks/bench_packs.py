"""Benchmark packs: 1,000 organisations' packs read, checked and pooled into one benchmark.

    python benchmarks/bench_packs.py [--quick] [--repeats N]

Each made-up organisation (fixed seeds) has 3 to 12 teams of 4 to 60 people tagged with a team
type, each team's released ProQOL 5 row made up from its size (means near the sample's, SDs 4 to 7,
band shares); its pack is written by :func:`tiwell.packs.build_pack`, the same code that writes a
survey's. Figures: reading and checking the 1,000 pack files (bytes to validated dicts), pooling
them, and the two together (the target: under a second), as wall time and as processor time
(the two differ when other programs share the machine).
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd
from common import Result, main, median_time

from tiwell.instruments import load_builtin
from tiwell.packs import (SECTORS, TEAM_TYPES, PackScore, build_pack, organisation_code, pack_bytes, pool_packs,
                          read_pack, size_band)

PROQOL = load_builtin("proqol5")
SCORES = [PackScore("proqol5", s.id, s.id, tuple(b.label for b in s.bands)) for s in PROQOL.subscales]
MEANS = {"compassion_satisfaction": 38.0, "burnout": 24.0, "secondary_traumatic_stress": 22.0}


def released_rows(rng: np.random.Generator, sizes: np.ndarray, key: str, names) -> pd.DataFrame:
    """Made-up released rows, one per group and subscale: n, mean, sd and band shares."""
    rows = []
    for name, n in zip(names, sizes):
        for score in SCORES:
            low, moderate = rng.uniform(0.0, 0.3), rng.uniform(0.5, 0.8)
            rows.append({key: name, "subscale": score.column, "n": float(n), "people": float(n),
                         "mean": MEANS[score.column] + rng.normal(0, 2), "sd": rng.uniform(4, 7), "share_low": low,
                         "share_moderate": moderate, "share_high": max(0.0, 1 - low - moderate)})
    return pd.DataFrame(rows)


def organisation_pack(k: int) -> bytes:
    rng = np.random.default_rng([2026, k])
    sizes = rng.integers(4, 61, size=rng.integers(3, 13))
    teams = [f"Team {k}-{t}" for t in range(len(sizes))]
    types = {team: TEAM_TYPES[int(rng.integers(len(TEAM_TYPES)))] for team in teams}
    whole = released_rows(rng, np.array([sizes.sum()]), "group", ["whole"]).drop(columns="group")
    header = {"organisation": organisation_code(f"Organisation {k}"), "sector": SECTORS[k % len(SECTORS)],
              "size_band": size_band(sizes.sum()), "period": f"{2024 + k % 3}-03"}
    return pack_bytes(build_pack(whole, released_rows(rng, sizes, "team", teams), SCORES, types, header))


def cpu_time(fn, repeats: int) -> float:
    """Median processor time of ``repeats`` calls: what the work costs when other programs share the machine."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def run(scale: float, repeats: int) -> list[Result]:
    count = max(100, int(1_000 * scale))
    files = [(organisation_pack(k), f"org_{k}.json") for k in range(1, count + 1)]
    packs = [read_pack(data, name) for data, name in files]
    reading = median_time(lambda: [read_pack(data, name) for data, name in files], repeats)
    pooling = median_time(lambda: pool_packs(packs), repeats)
    both = median_time(lambda: pool_packs([read_pack(data, name) for data, name in files]), repeats)
    both_cpu = cpu_time(lambda: pool_packs([read_pack(data, name) for data, name in files]), repeats)
    benchmark = pool_packs(packs)
    size = sum(len(data) for data, _ in files) / count
    return [
        Result(f"read and check {count:,} packs", f"{reading:.2f} s", "", f"{size / 1000:.1f} kB a pack"),
        Result(f"pool {count:,} packs", f"{pooling:.2f} s", "", f"{len(benchmark.table)} groups pooled"),
        Result(f"read, check and pool {count:,} packs", f"{both:.2f} s", "< 1 s",
               f"{benchmark.organisations:,} organisations, {int(benchmark.table['people'].max()):,} people"),
        Result("the same, processor time", f"{both_cpu:.2f} s", "< 1 s", "the wall time less waiting for the machine"),
    ]


if __name__ == "__main__":
    main(run, __doc__)
