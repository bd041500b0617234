"""Peak memory scoring 1,000,000 ProQOL 5 respondents, in a process of its own.

    python benchmarks/bench_memory.py [--quick]

Two figures: the process's peak resident memory (the kernel's high-water mark ``VmHWM``, Linux:
everything, the interpreter, pandas and the answers themselves included; unlike
``resource.getrusage`` it does not start from the parent's), and the peak of the allocations
``tracemalloc`` sees while scoring (NumPy's arrays among them) above what was held before.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

from common import PROQOL, Result, main, numeric_answers

from tiwell.scoring import score


def measure(n: int) -> dict:
    """Run in a fresh process: making the data first, then scoring it twice (once traced)."""
    frame = numeric_answers(n)
    before = peak_rss()
    score(frame, PROQOL)
    peak = peak_rss()
    tracemalloc.start()
    held = tracemalloc.get_traced_memory()[0]
    score(frame, PROQOL)
    traced = tracemalloc.get_traced_memory()[1] - held
    tracemalloc.stop()
    return {"before": before, "peak": peak, "traced": traced, "input": frame.memory_usage().sum()}


def peak_rss() -> int:
    """The most resident memory this process has held so far, in bytes."""
    return int(re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024


def run(scale: float, repeats: int) -> list[Result]:
    n = int(1_000_000 * scale)
    out = subprocess.run([sys.executable, __file__, "--measure", str(n)], capture_output=True, text=True, check=True)
    m = json.loads(out.stdout)
    mib = 2**20
    return [Result(f"peak memory scoring {n:,} (process RSS)", f"{m['peak'] / mib:,.0f} MiB", "<= 1.5 GB",
                   f"{m['before'] / mib:,.0f} MiB before scoring, the answers {m['input'] / mib:,.0f} MiB"),
            Result("  of which scoring's own arrays (tracemalloc)", f"{m['traced'] / mib:,.0f} MiB")]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps({k: int(v) for k, v in measure(int(sys.argv[2])).items()}))
    else:
        main(run, __doc__)
