"""The hostile corpus (tests/hostile.py), each file in a process of its own: time and peak memory.

    python benchmarks/bench_hostile.py [--quick]

Every case is sent to a fresh Python process on standard input (nothing is written to disk),
which reads and scores it as the CLI does and reports the wall time and how far the process's
peak resident memory (``VmHWM``) rose above what importing tiwell had already taken. Figures:
files tried, files answered as expected, the slowest, and the largest rise; then each of the small
files built to make the work itself explode (repeated and shared cells, very long headers, a
statement with many adaptable words, deep nesting), with its seconds and peak memory (the
process's own, imports included). ``--quick`` tries every third case, and those files always.
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
LIMIT_PEAK_MIB = 500
# The small files that cost minutes and gigabytes before the guard counted what a reader lays out.
WORK_BOMBS = ("ods repeating a 32,000-character cell", "30,000 cells pointing at one 32,000-character string",
              "969 headers of one 32,000-character shared string", "1,000 headers of 2,000 characters",
              "header almost matching nine bracketed words", "instrument nested 100,000 deep")


def measure(filename: str, kind: str, definition: str) -> dict:
    """In the child: read the case from stdin (its own instrument, if any, as hex in
    ``definition``), run it, and report time, memory and the outcome."""
    from bench_memory import peak_rss

    from tiwell.instruments.load import parse_instrument
    from tiwell.pipeline import score_file

    data = sys.stdin.buffer.read()
    before = peak_rss()
    start = time.perf_counter()
    try:
        if kind == "instrument":
            parse_instrument(data.decode("utf-8", errors="replace"), source=filename)
        else:
            own = (parse_instrument(bytes.fromhex(definition).decode(), source="definition"),) if definition else ()
            score_file(data, filename, instruments=own)
        outcome = "read"
    except ValueError as exc:
        outcome = str(exc)
    return {"seconds": time.perf_counter() - start, "rise": peak_rss() - before, "peak": peak_rss(),
            "outcome": outcome}


def run(scale: float, repeats: int) -> list[Result]:
    cases = [c for k, c in enumerate(corpus()) if scale >= 1 or k % 3 == 0 or c.name in WORK_BOMBS]
    figures = {}
    for case in cases:
        done = subprocess.run([sys.executable, __file__, "--measure", case.filename, case.kind, case.definition.hex()],
                              input=case.data, capture_output=True, check=True, timeout=120)
        m = json.loads(done.stdout)
        m["expected"] = case.expect in m["outcome"] if case.expect else m["outcome"] == "read"
        figures[case.name] = m
    slow = max(figures, key=lambda f: figures[f]["seconds"])
    big = max(figures, key=lambda f: figures[f]["rise"])
    mib = 2**20
    return [Result("hostile files tried (each in its own process)", f"{len(figures)}"),
            Result("  answered as expected", f"{sum(m['expected'] for m in figures.values())}", f"all {len(figures)}"),
            Result("  slowest", f"{figures[slow]['seconds']:.2f} s", f"< {LIMIT_SECONDS} s", slow),
            Result("  largest rise in peak memory", f"{figures[big]['rise'] / mib:,.0f} MiB", "", big),
            *[Result(f"  {name}", f"{figures[name]['seconds']:.2f} s, {figures[name]['peak'] / mib:,.0f} MiB peak",
                     f"< {LIMIT_SECONDS} s, < {LIMIT_PEAK_MIB} MiB",
                     "answered as expected" if figures[name]["expected"] else figures[name]["outcome"][:60])
              for name in WORK_BOMBS]]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(*sys.argv[2:5])))
    else:
        main(run, __doc__)
