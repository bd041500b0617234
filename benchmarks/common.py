"""What every benchmark shares: timing, the results table, and data made on the spot.

Each script generates its own data from fixed seeds (no files needed) and reports medians of
several runs. Sizes are the issue's full sizes; ``--quick`` runs a tenth of each for a look.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import layouts, respondents  # noqa: E402
from tiwell.instruments import load_builtin  # noqa: E402

PROQOL = load_builtin("proqol5")
LABELS = np.array([lab.label for lab in PROQOL.scale.labels], dtype=object)


@dataclass(frozen=True)
class Result:
    """One row of the table: the stage, its median, the target, and what it was compared with."""

    stage: str
    figure: str
    target: str = ""
    compared: str = ""


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_times(ours: Callable[[], object], other: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Medians of two functions timed in turn, so a busy moment on the machine hits both."""
    a, b = [], []
    for _ in range(repeats):
        a.append(median_time(ours, 1))
        b.append(median_time(other, 1))
    return statistics.median(a), statistics.median(b)


def numeric_answers(n: int, seed: int = 1, missing: float = 0.01) -> pd.DataFrame:
    """``n`` ProQOL 5 respondents as numbers 1-5, ``missing`` of answers blank, in one
    float block as :func:`tiwell.scoring.answers.read_answers` builds it (made a column at a time,
    so making the data never takes more memory than the data)."""
    rng = np.random.default_rng(seed)
    block = np.empty((len(PROQOL.item_numbers), n))
    for row in block:
        row[:] = rng.integers(1, 6, size=n)
        row[rng.random(n) < missing] = np.nan
    return pd.DataFrame(block.T, columns=list(PROQOL.item_numbers), copy=False)


def label_answers(n: int, seed: int = 3) -> pd.DataFrame:
    """``n`` x 30 answers written as the scale's words ('Very Often'), as text columns."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({f"Q{k}": pd.array(LABELS[rng.integers(0, 5, size=n)], dtype="str") for k in range(1, 31)})


def export_rows(people: int) -> list[list]:
    """A Microsoft Forms export of ``people`` people (header row first): 39 columns of
    ids, dates, names, team, role, 30 answers as words and a comment, plus a contract column
    to make 40: the shape the speed targets were set on, so the sample's employee numbers and
    own questions are left out. The organisation of :mod:`synthetic.respondents` is surveyed again
    under new seeds until there are enough people."""
    truths, count, seed = [], 0, 1
    while count < people:
        truths.append(respondents.simulate_survey(seed=seed))
        count += len(truths[-1])
        seed += 1
    truth = pd.concat(truths, ignore_index=True).iloc[:people].copy()
    truth["respondent"] = np.arange(1, people + 1)
    extra = ["employee_id", *(q for q, *_ in respondents.OWN_QUESTIONS), respondents.LEAVING_QUESTION]
    rows = layouts.microsoft_forms(truth.drop(columns=extra), PROQOL)
    contract = np.where(np.arange(people) % 4, "Full time", "Part time").tolist()
    return [rows[0] + ["Contract"]] + [row + [c] for row, c in zip(rows[1:], contract)]


def xlsx_bytes(rows: list[list]) -> bytes:
    return layouts.to_xlsx_bytes(rows, sheet="Responses")


def csv_bytes(rows: list[list]) -> bytes:
    return layouts.to_csv_bytes(rows)


def openpyxl_read(data: bytes) -> pd.DataFrame:
    """The peer: pandas reading the same workbook with its openpyxl engine."""
    return pd.read_excel(io.BytesIO(data), engine="openpyxl", header=None, dtype=str)


def print_table(results: list[Result]) -> None:
    headings = Result("stage", "figure", "target", "compared with")
    widths = [max(len(getattr(r, f)) for r in [headings, *results]) for f in ("stage", "figure", "target")]
    for r in [headings, *results]:
        print(f"{r.stage:{widths[0]}}  {r.figure:>{widths[1]}}  {r.target:{widths[2]}}  {r.compared}".rstrip())


def main(run: Callable[[float, int], list[Result]], doc: str) -> None:
    """The command line every script shares: ``--quick`` and ``--repeats``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the full sizes")
    parser.add_argument("--repeats", type=int, default=5, help="runs per median (default 5)")
    args = parser.parse_args()
    print_table(run(0.1 if args.quick else 1.0, args.repeats))
