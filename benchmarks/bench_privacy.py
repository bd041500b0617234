"""Personal-data checks on hostile sizes: redacting comments against 5,000 names, and finding
personal columns and redacting when every cell is 32,000 characters.

    python benchmarks/bench_privacy.py [--quick] [--repeats N]

Figures: 1,000 comments redacted with 5,000 team names supplied (one Aho-Corasick pass per
comment), compared with one pattern per name as before (timed on 20 comments, scaled up); the
slowest of several 32,000-character shapes (letters, digits and spaces, 'a@', 'a.', names)
through the column checks and through redaction, per cell; and the audited release of an export
of 1,500 people with four groupings (wave 3 x team 9 x role 5 x contract 2), the shape whose
disclosure audit is slowest.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from common import Result, csv_bytes, export_rows, main, median_time

from synthetic import respondents
from tiwell.ingest import find_personal_columns
from tiwell.pipeline import score_file
from tiwell.privacy import survey_release
from tiwell.comments import redact

CELL = 32_000
SHAPES = {"letters": "a" * CELL, "digits and spaces": "1 " * (CELL // 2), "a@": "a@" * (CELL // 2),
          "a.": "a." * (CELL // 2), "names": "Tom Hughes and " * (CELL // 15), "at dot": "a at b dot " * (CELL // 11)}


def team_names(n: int) -> tuple[str, ...]:
    rng = np.random.default_rng(5)
    places = np.array(["North", "South", "East", "West", "Central", "Riverside", "Hillside", "Harbour"])
    kinds = np.array(["Family Support", "Early Help", "Fostering", "Youth Justice", "Residential", "Duty"])
    return tuple(f"{kinds[rng.integers(len(kinds))]} {places[rng.integers(len(places))]} {k}" for k in range(n))


def comments(n: int, teams: tuple[str, ...]) -> list[str]:
    pool = respondents._COMMENTS_STRAINED + respondents._COMMENTS_POSITIVE + respondents._COMMENTS_GENERAL
    rng = np.random.default_rng(6)
    return [f"{pool[k % len(pool)]} Thanks to {teams[rng.integers(len(teams))]} and Jane Smith (07700 900123)."
            for k in range(n)]


def one_pattern_per_name(text: str, names: tuple[str, ...]) -> str:
    """The peer: the old loop, one case-insensitive pattern per supplied name."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "[name]", text, flags=re.IGNORECASE)
    return text


def run(scale: float, repeats: int) -> list[Result]:
    teams = team_names(max(50, int(5_000 * scale)))
    texts = comments(max(10, int(1_000 * scale)), teams)
    ours = median_time(lambda: [redact(t, teams) for t in texts], repeats)
    sample = texts[:20]
    peer = median_time(lambda: [one_pattern_per_name(t, teams) for t in sample], 1) * len(texts) / len(sample)
    columns = pd.DataFrame({name: [cell] * 200 for name, cell in SHAPES.items()})
    headers = {name: (name,) for name in SHAPES}
    detect = median_time(lambda: find_personal_columns(columns, headers), repeats) / (200 * len(SHAPES))
    slowest = max(SHAPES, key=lambda name: median_time(lambda: redact(SHAPES[name], teams), 1))
    redacted = median_time(lambda: redact(SHAPES[slowest], teams), repeats)
    people = max(150, int(1_500 * scale))
    survey = score_file(csv_bytes(export_rows(people)), "four-groupings.csv")
    release = median_time(lambda: survey_release(survey, 5), max(1, repeats // 5))
    return [
        Result(f"redact {len(texts):,} comments, {len(teams):,} names", f"{ours:.2f} s", "< 2 s",
               f"one pattern per name: {peer:.0f} s (20 comments, scaled)"),
        Result("personal-column checks, 32,000-character cell", f"{detect * 1e3:.3f} ms", "< 1 ms per cell",
               f"{len(SHAPES)} shapes x 200 cells"),
        Result("redact one 32,000-character comment", f"{redacted * 1e3:.0f} ms", "< 200 ms",
               f"slowest shape: {slowest}"),
        Result(f"audited release, {people:,} people, four groupings", f"{release:.1f} s", "",
               "wave 3 x team 9 x role 5 x contract 2, smallest group 5"),
    ]


if __name__ == "__main__":
    main(run, __doc__)
