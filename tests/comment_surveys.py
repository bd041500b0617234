"""Small scored surveys with a comment column, written as a ProQOL export: each person is a team,
a wave, one answer level for all 30 items (compassion satisfaction = 10 x level) and a comment."""

from __future__ import annotations

import csv
import io

from tiwell.pipeline import score_file

LABELS = ["Never", "Rarely", "Sometimes", "Often", "Very Often"]
WAVE_DATES = {"2025-03": "3/14/25 9:00:00", "2025-09": "9/20/25 10:00:00"}


def export(people: list[tuple]) -> bytes:
    """``people`` as (team, level, comment) or (team, level, comment, wave)."""
    waves = any(len(p) > 3 for p in people)
    header = ["Team", *(["Completion time"] if waves else []), *[f"Q{n}" for n in range(1, 31)],
              "Any other comments?"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for team, level, comment, *wave in people:
        writer.writerow([team, *([WAVE_DATES[wave[0]]] if waves else []), *[LABELS[level - 1]] * 30, comment])
    return out.getvalue().encode("utf-8")


def scored(people: list[tuple]):
    return score_file(export(people), "comments.csv")
