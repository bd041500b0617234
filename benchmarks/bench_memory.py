"""Peak memory scoring 1,000,000 ProQOL 5 respondents, in a process of its own; and what one
50,000-row session of the app holds.

    python benchmarks/bench_memory.py [--quick]

The session's parts are each made as the app makes them (read and scored in a worker, so each
arrives unpickled) and measured with ``tracemalloc`` in a fresh process: the table read, the
scored survey, the comments and their release, the score release.

Two figures: the process's peak resident memory (the kernel's high-water mark ``VmHWM``, Linux:
everything, the interpreter, pandas and the answers themselves included; unlike
``resource.getrusage`` it does not start from the parent's), and the peak of the allocations
``tracemalloc`` sees while scoring (NumPy's arrays among them) above what was held before.
"""

from __future__ import annotations

import json
import pickle
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


def session_parts(people: int) -> dict:
    """What a session of ``people`` respondents keeps, part by part, each made as the app makes
    it: the table, the survey, the comments and the score release arrive unpickled from their
    workers; the comments' release is made in the server, pointing at the survey and comments it
    already holds. Each figure is what that part adds to those before it."""
    from common import csv_bytes, export_rows

    from tiwell.comments import comment_release, load_flags, load_themes, read_comments
    from tiwell.pipeline import load_table, score_table
    from tiwell.privacy import survey_release

    data = csv_bytes(export_rows(people))
    table, instruments, matched = load_table(data, "export.csv")
    survey = score_table(table, instruments, None, {}, matched)
    sent = {"the table read": pickle.dumps((table, instruments, matched)), "the scored survey": pickle.dumps(survey),
            "the comments": pickle.dumps(read_comments(survey, load_themes(), load_flags())),
            "the score release": pickle.dumps(survey_release(survey, 5))}
    tracemalloc.start()
    held, sizes, before = {}, {}, tracemalloc.get_traced_memory()[0]
    for part, pickled in sent.items():
        held[part] = pickle.loads(pickled)
        sizes[part], before = tracemalloc.get_traced_memory()[0] - before, tracemalloc.get_traced_memory()[0]
    held["their release"] = comment_release(held["the comments"], held["the scored survey"], min_comments=10,
                                            min_group=5)
    sizes["their release"] = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return {"the upload's bytes": len(data), **sizes}


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
            Result("  of which scoring's own arrays (tracemalloc)", f"{m['traced'] / mib:,.0f} MiB")
            ] + session_table(int(50_000 * scale))


def session_table(people: int) -> list[Result]:
    out = subprocess.run([sys.executable, __file__, "--session", str(people)], capture_output=True, text=True,
                         check=True)
    parts = json.loads(out.stdout)
    mib = 2**20
    rows = [Result(f"one {people:,}-row session holds (tracemalloc)", f"{sum(parts.values()) / mib:,.0f} MiB",
                   "<= 300 MB", "the parts below, each once")]
    return rows + [Result(f"  {part}", f"{size / mib:,.0f} MiB") for part, size in parts.items()]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps({k: int(v) for k, v in measure(int(sys.argv[2])).items()}))
    elif sys.argv[1:2] == ["--session"]:
        print(json.dumps(session_parts(int(sys.argv[2]))))
    else:
        main(run, __doc__)
