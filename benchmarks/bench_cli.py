"""The command line end to end on a 200,000-row export, against a bare pandas floor.

    python benchmarks/bench_cli.py [--quick] [--repeats N]

Both run as fresh processes on the same CSV file in the same run, turn about: ``python -m tiwell
score export.csv --out scored.csv`` (start-up, imports, reading, finding the questions, scoring,
the report and the CSV written), and the least any scorer must do with pandas alone: read the
CSV, turn the answers' words into numbers, reverse the reversed items, one matrix product for the
three subscales, and write the scores as CSV.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from common import PROQOL, Result, csv_bytes, export_rows, main, paired_times

ROOT = Path(__file__).resolve().parent.parent
FIRST_ITEM = 8  # the column of the first answer in common.export_rows
FLOOR = """
import sys
import numpy as np
import pandas as pd
words = {words!r}
frame = pd.read_csv(sys.argv[1], dtype=str)
items = frame.columns[{first}:{first} + {items}]  # the answers follow ids, dates, name, team and role
answers = np.column_stack([frame[c].map(words).to_numpy(dtype=float) for c in items])
answers[:, {reversed_}] = {low} + {high} - answers[:, {reversed_}]
key = np.zeros(({items}, 3))
for k, column in enumerate({key}):
    key[column, k] = 1
pd.DataFrame(answers @ key, columns=["a", "b", "c"]).to_csv(sys.argv[2], index=False)
"""


def floor_script() -> str:
    """The floor for the ProQOL 5 export :func:`common.export_rows` writes."""
    numbers = list(PROQOL.item_numbers)
    subscales = [[numbers.index(n) for n in sub.items] for sub in PROQOL.subscales]
    words = {lab.label: lab.value for lab in PROQOL.scale.labels}
    reversed_ = [numbers.index(n) for n in PROQOL.reversed_items]
    return FLOOR.format(words=words, first=FIRST_ITEM, items=len(numbers), reversed_=reversed_,
                        low=PROQOL.scale.min, high=PROQOL.scale.max, key=subscales)


def run(scale: float, repeats: int) -> list[Result]:
    rows = int(200_000 * scale)
    with tempfile.TemporaryDirectory() as folder:
        source, ours_out, floor_out = (Path(folder) / name for name in ("export.csv", "scored.csv", "floor.csv"))
        source.write_bytes(csv_bytes(export_rows(rows)))
        script = floor_script()
        cli = [sys.executable, "-m", "tiwell", "score", str(source), "--out", str(ours_out)]
        floor = [sys.executable, "-c", script, str(source), str(floor_out)]
        ours, peer = paired_times(lambda: subprocess.run(cli, cwd=ROOT, check=True, capture_output=True),
                                  lambda: subprocess.run(floor, check=True, capture_output=True), repeats)
    return [Result(f"CLI: score {rows:,} rows, CSV to CSV", f"{ours:.2f} s", "<= 3x floor",
                   f"{ours / peer:.1f}x the pandas floor ({peer:.2f} s: read, reverse, matrix product, write)")]


if __name__ == "__main__":
    main(run, __doc__)
