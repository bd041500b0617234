"""The command line end to end on a 200,000-row CSV, against a bare pandas floor.

    python benchmarks/bench_cli.py [--quick] [--repeats N]

The CSV is the export of :func:`common.export_rows` with the answers as numbers 1-5 and only
the id, completion time, team, role and the 30 answers kept (35 MB; the full export of 200,000
people passes the 50 MB upload limit). Both run as fresh processes on that file in the same run,
turn about: ``python -m tiwell score export.csv --out scored.csv`` (start-up, imports, reading,
finding the questions, scoring, the report and the CSV written), and the least any scorer must do
with pandas alone: read the CSV, reverse the reversed items, one matrix product for the three
subscales, and write the scores as CSV.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from common import PROQOL, Result, csv_bytes, export_rows, main, paired_times

ROOT = Path(__file__).resolve().parent.parent
KEPT = [0, 2, 6, 7]  # of common.export_rows: id, completion time, team, role; then the answers
FIRST_ITEM, ITEMS = len(KEPT), slice(8, 38)
FLOOR = """
import sys
import numpy as np
import pandas as pd
frame = pd.read_csv(sys.argv[1])
answers = frame.iloc[:, {first}:{first} + {items}].to_numpy(dtype=float, copy=True)  # after id, time, team, role
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
    reversed_ = [numbers.index(n) for n in PROQOL.reversed_items]
    return FLOOR.format(first=FIRST_ITEM, items=len(numbers), reversed_=reversed_,
                        low=PROQOL.scale.min, high=PROQOL.scale.max, key=subscales)


def numeric_export(people: int) -> list[list]:
    """The export's id, completion time, team, role and answers, each answer as its number."""
    value = {lab.label: str(lab.value) for lab in PROQOL.scale.labels}
    table = export_rows(people)
    return [[row[k] for k in KEPT] + [value.get(a, a) for a in row[ITEMS]] for row in table]


def run(scale: float, repeats: int) -> list[Result]:
    rows = int(200_000 * scale)
    with tempfile.TemporaryDirectory() as folder:
        source, ours_out, floor_out = (Path(folder) / name for name in ("export.csv", "scored.csv", "floor.csv"))
        source.write_bytes(csv_bytes(numeric_export(rows)))
        script = floor_script()
        cli = [sys.executable, "-m", "tiwell", "score", str(source), "--out", str(ours_out)]
        floor = [sys.executable, "-c", script, str(source), str(floor_out)]
        ours, peer = paired_times(lambda: subprocess.run(cli, cwd=ROOT, check=True, capture_output=True),
                                  lambda: subprocess.run(floor, check=True, capture_output=True), repeats)
    return [Result(f"CLI: score {rows:,} rows, CSV to CSV", f"{ours:.2f} s", "<= 3x floor",
                   f"{ours / peer:.1f}x the pandas floor ({peer:.2f} s: read, reverse, matrix product, write)")]


if __name__ == "__main__":
    main(run, __doc__)
