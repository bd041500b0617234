"""Benchmark packs: organisations compared with each other without anyone handing over answers.

Takes the audited release of a scored survey; gives a small JSON pack of aggregates only
(:mod:`~tiwell.packs.make`: rounded counts, no group under 10, no team names, no free text),
checks every pack it is given before using it (:mod:`~tiwell.packs.read`), and pools any number of
them into a benchmark: the median and quartiles of organisations' means, a pooled mean and SD, and
how many organisations and people stand behind each figure (:mod:`~tiwell.packs.pool`). A benchmark
is a :class:`~tiwell.instruments.Reference` like a published sample, so every view compares with it.
"""

from tiwell.packs.pool import (BENCHMARK_COLUMNS, MIN_ORGANISATIONS, Benchmark, benchmark_bytes, benchmark_references,
                               combine_groups, pool_packs)
from tiwell.packs.make import (PACK_MIN, SECTORS, SIZE_BANDS, TEAM_TYPES, WHOLE, PackScore, build_pack,
                               organisation_code, pack_bytes, rounded, size_band, survey_pack)
from tiwell.packs.read import read_pack

__all__ = [
    "BENCHMARK_COLUMNS", "MIN_ORGANISATIONS", "Benchmark", "benchmark_bytes", "benchmark_references",
    "combine_groups", "pool_packs", "PACK_MIN", "SECTORS", "SIZE_BANDS", "TEAM_TYPES", "WHOLE", "PackScore",
    "build_pack", "organisation_code", "pack_bytes", "rounded", "size_band", "survey_pack", "read_pack",
]
