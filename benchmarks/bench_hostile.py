"""The hostile corpus (tests/hostile.py), each file in a process of its own: time and peak memory.

    python benchmarks/bench_hostile.py [--quick]

Every case is sent to a fresh Python process on standard input (nothing is written to disk),
which reads and scores it as the CLI does and reports the wall time and how far the process's
peak resident memory (``VmHWM``) rose above what importing tiwell had already taken. Figures:
files tried, files answered as expected, the slowest, and the largest rise. ``--quick`` tries
every third case.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from common import Result, main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import corpus  # noqa: E402

LIMIT_SECONDS = 10


def measure(filename: str, kind: str) -> dict:
    """In the child: read the case from stdin, run it, and report time, memory and the outcome."""
    from bench_memory import peak_rss

    from tiwell.instrument import parse_instrument
    from tiwell.pipeline import score_file

    data = sys.stdin.buffer.read()
    before = peak_rss()
    start = time.perf_counter()
    try:
        if kind == "instrument":
            parse_instrument(data.decode("utf-8", errors="replace"), source=filename)
        else:
            score_file(data, filename)
        outcome = "read"
    except ValueError as exc:
        outcome = str(exc)
    return {"seconds": time.perf_counter() - start, "rise": peak_rss() - before, "outcome": outcome}


def run(scale: float, repeats: int) -> list[Result]:
    cases = corpus()[:: 1 if scale >= 1 else 3]
    figures = []
    for case in cases:
        done = subprocess.run([sys.executable, __file__, "--measure", case.filename, case.kind], input=case.data,
                              capture_output=True, check=True, timeout=120)
        m = json.loads(done.stdout)
        expected = case.expect in m["outcome"] if case.expect else m["outcome"] == "read"
        figures.append((case.name, m["seconds"], m["rise"], expected))
    slow = max(figures, key=lambda f: f[1])
    big = max(figures, key=lambda f: f[2])
    mib = 2**20
    return [Result("hostile files tried (each in its own process)", f"{len(figures)}"),
            Result("  answered as expected", f"{sum(f[3] for f in figures)}", f"all {len(figures)}"),
            Result("  slowest", f"{slow[1]:.2f} s", f"< {LIMIT_SECONDS} s", slow[0]),
            Result("  largest rise in peak memory", f"{big[2] / mib:,.0f} MiB", "", big[0])]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
    else:
        main(run, __doc__)
