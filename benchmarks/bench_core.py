"""Benchmarks of the scoring core on sizes real surveys reach; prints a table of medians.

    python benchmarks/bench_core.py            # full sizes: 1,000,000 respondents, 100,000-row XLSX
    python benchmarks/bench_core.py --quick    # a tenth of each, for a quick look

Each stage generates its own data. Scoring is compared with a bare NumPy floor (reverse the
reversed columns, multiply by the key matrix) measured in the same run; reading an XLSX is
compared with pandas' openpyxl engine on the same file.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tiwell.ingest import read_tables  # noqa: E402
from tiwell.instrument import load_builtin  # noqa: E402
from tiwell.scoring import key_matrix, score  # noqa: E402
from tiwell.validate import read_answers  # noqa: E402

PROQOL = load_builtin("proqol5")
LABELS = np.array([lab.label for lab in PROQOL.scale.labels], dtype=object)


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def numeric_answers(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(n, 30)).astype(float)
    values[rng.random((n, 30)) < 0.01] = np.nan
    return pd.DataFrame(values, columns=list(PROQOL.item_numbers))


def numpy_floor(frame: pd.DataFrame) -> np.ndarray:
    """The least any scorer must do: reverse the reversed columns, multiply by the key."""
    matrix = frame.to_numpy(float, copy=True)
    reversed_ = [n - 1 for n in PROQOL.reversed_items]
    matrix[:, reversed_] = 6 - matrix[:, reversed_]
    return matrix @ key_matrix(PROQOL)


def xlsx_bytes(rows: int, columns: int = 40) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.append(["Team", "Wave", *[f"Q{n}" for n in range(1, 31)], *[f"Extra {k}" for k in range(columns - 32)]])
    rng = np.random.default_rng(2)
    answers = rng.integers(1, 6, size=(rows, columns - 2)).tolist()
    for i, row in enumerate(answers):
        sheet.append([f"Team {i % 12}", "2025-03", *row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(scale: float, repeats: int) -> list[tuple[str, str, str]]:
    results = []
    n = int(1_000_000 * scale)
    frame = numeric_answers(n)
    floor = median_time(lambda: numpy_floor(frame), repeats)
    ours = median_time(lambda: score(frame, PROQOL), repeats)
    results.append((f"score {n:,} respondents", f"{ours:.3f} s", f"{ours / floor:.1f}x the NumPy floor ({floor:.3f} s)"))

    tracemalloc.start()
    score(frame, PROQOL)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results.append((f"peak memory scoring {n:,}", f"{peak / 2**20:,.0f} MiB", "traced Python allocations above the input"))

    labels = pd.DataFrame(LABELS[np.random.default_rng(3).integers(0, 5, size=(n, 30))],
                          columns=[f"Q{k}" for k in range(1, 31)])
    mapped = median_time(lambda: read_answers(labels, {k: f"Q{k}" for k in range(1, 31)}, PROQOL.scale), repeats)
    results.append((f"labels to numbers, {n:,} x 30 cells", f"{mapped:.3f} s", "each column's distinct values read once"))

    rows = int(100_000 * scale)
    data = xlsx_bytes(rows)
    ours = median_time(lambda: next(read_tables(data, "bench.xlsx")), max(1, repeats // 2))
    peer = median_time(lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl", header=None, dtype=str), 1)
    results.append((f"read {rows:,}-row x 40-column XLSX", f"{ours:.2f} s", f"{peer / ours:.1f}x faster than openpyxl ({peer:.2f} s)"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the full sizes")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    results = run(0.1 if args.quick else 1.0, args.repeats)
    width = max(len(r[0]) for r in results)
    print(f"{'stage':{width}}  {'median':>10}  compared with")
    for stage, figure, note in results:
        print(f"{stage:{width}}  {figure:>10}  {note}")


if __name__ == "__main__":
    main()
