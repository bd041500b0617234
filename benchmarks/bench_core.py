"""The scoring core, stage by stage, on sizes real surveys reach; prints a table of medians.

    python benchmarks/bench_core.py            # 1,000,000 respondents; a 100,000-row x 40-column export
    python benchmarks/bench_core.py --quick    # a tenth of each

Scoring is compared with a bare NumPy floor (copy, reverse the reversed columns, item matrix
times key matrix) timed in turn with it; reading the XLSX with pandas' openpyxl engine on the
same file (once: it is slow). The export is a Microsoft Forms layout with answers as words.
The release (every number the pages may show, audited) is built on the sample survey and on
the export, over its wave, team, role and contract columns. A column of response dates is read
in the forms tools write (day-first, 12-hour month-first, ISO 8601 with a zone, Excel date
numbers), each against pandas given the one right format in advance. Three yearly exports of
50,000 rows each (two XLSX, one CSV with its team question reworded, no dates and columns reversed)
are read, scored and combined into one survey, against scoring the three files one by one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import (PROQOL, Result, csv_bytes, export_rows, label_answers, main, median_time, numeric_answers,
                    openpyxl_read, paired_times, xlsx_bytes)

from tiwell.charts import figures as charts
from tiwell.analysis import action_effect
from tiwell.ingest import read_tables
from tiwell.mapping import detect_items, detect_mapping
from tiwell.combine import score_files
from tiwell.pipeline import score_file, score_table
from tiwell.privacy import Release, survey_release
from synthetic.samples import SAMPLE_ACTION
from synthetic.yearly import reworded
from tiwell.scoring import key_matrix, read_answers, read_dates, score
from tiwell.survey import ScoreColumn
from ui.state import SAMPLE


def numpy_floor(frame: pd.DataFrame) -> np.ndarray:
    """The least any scorer must do: copy, reverse the reversed columns, multiply by the key."""
    matrix = frame.to_numpy(float, copy=True)
    reversed_ = [PROQOL.item_numbers.index(n) for n in PROQOL.reversed_items]
    matrix[:, reversed_] = PROQOL.scale.min + PROQOL.scale.max - matrix[:, reversed_]
    return matrix @ key_matrix(PROQOL)


def scoring(n: int, repeats: int) -> list[Result]:
    frame = numeric_answers(n)
    ours, floor = paired_times(lambda: score(frame, PROQOL), lambda: numpy_floor(frame), repeats)
    labels = label_answers(n)
    items = {k: f"Q{k}" for k in range(1, 31)}
    mapped = median_time(lambda: read_answers(labels, items, PROQOL.scale), repeats)
    return [Result(f"score {n:,} respondents (numbers)", f"{ours:.3f} s", "<= 0.5 s, <= 3x floor",
                   f"{ours / floor:.1f}x the NumPy floor ({floor:.3f} s)"),
            Result(f"validate: {n:,} x 30 words to numbers", f"{mapped:.3f} s", "<= 2 s",
                   "each column's distinct words read once")]


def export_stages(rows: int, repeats: int) -> list[Result]:
    """Read, map, score end to end, aggregate and chart one export, as the app does."""
    lines = export_rows(rows)
    xlsx, text = xlsx_bytes(lines), csv_bytes(lines)
    ours = median_time(lambda: next(read_tables(xlsx, "export.xlsx")), min(repeats, 3))
    peer = median_time(lambda: openpyxl_read(xlsx), 1)
    read_csv = median_time(lambda: next(read_tables(text, "export.csv")), repeats)
    table = next(read_tables(xlsx, "export.xlsx"))
    mapped = median_time(lambda: detect_mapping(table, (PROQOL.id,), detect_items(table.headers, [PROQOL])[0]), repeats)
    scored_in = median_time(lambda: score_table(table, (PROQOL,)), repeats)
    survey = score_table(table, (PROQOL,))
    released = median_time(lambda: survey_release(survey, 5), repeats)
    release = survey_release(survey, 5)
    drawn = median_time(lambda: overview_figures(release, survey.subscales), repeats)
    changes = median_time(lambda: release.changes("burnout", by="team"), repeats)
    effect = median_time(lambda: action_effect(survey.scored, SAMPLE_ACTION, "burnout", 5), repeats)
    return [
        Result(f"read {rows:,}-row x 40-column XLSX", f"{ours:.2f} s", "<= 8 s, >= 5x openpyxl",
               f"{peer / ours:.1f}x faster than pandas + openpyxl ({peer:.1f} s)"),
        Result("read the same export as CSV", f"{read_csv:.2f} s"),
        Result(f"map: find items and roles of {len(table.headers)} columns", f"{mapped:.3f} s"),
        Result(f"map + validate + score the {rows:,} rows", f"{scored_in:.2f} s", "",
               "words to numbers, waves from dates, report"),
        Result(f"release: every shown number of the {rows:,} rows, audited", f"{released:.2f} s", "",
               f"over {', '.join(release.dims)}: {len(release.stats):,} stats cells, "
               f"{len(release.categories):,} band, bin and profile cells"),
        Result("charts: the overview's four figures", f"{drawn:.3f} s"),
        Result("trends: change per team, wave by wave", f"{changes:.3f} s", "<= 1 s", "from the release's team x wave cells"),
        Result("actions: before/after for one action", f"{effect:.3f} s", "<= 1 s", "difference in differences"),
    ]


def overview_figures(release: Release, subscales: tuple[ScoreColumn, ...]) -> list:
    """The figures the overview page draws for the whole organisation, from the release."""
    figures = [charts.band_shares(release.table(), subscales)]
    for sub in subscales:
        figures.append(charts.distribution(release.bins(sub.column), sub.label, (sub.low, sub.high),
                                           sub.band_rules, sub.direction, release.min_group))
    return figures


def sample_release(repeats: int) -> list[Result]:
    """The release of the sample survey, as the app builds it after an upload."""
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    released = median_time(lambda: survey_release(survey, 5), repeats)
    return [Result(f"release: the sample survey ({len(survey.scored):,} people)", f"{released:.2f} s", "",
                   f"over {', '.join(survey_release(survey, 5).dims)}")]


# (form, how it is written, the format pandas needs told to read the same column)
DATE_FORMS = (("day-first, seconds", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S"),
              ("12-hour, month-first", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M:%S %p"),
              ("ISO 8601 with a zone", "%Y-%m-%dT%H:%M:%S+01:00", "ISO8601"))


def date_columns(rows: int, repeats: int) -> list[Result]:
    """One response-date column of ``rows`` times over a three-week wave (nearly every value
    different), read with its order found from the values, against pandas told the format."""
    times = pd.Timestamp("2026-02-02 08:00") + pd.to_timedelta(np.linspace(0, 21 * 86_400, rows).astype(int), unit="s")
    results = []
    for form, written, told in DATE_FORMS:
        values = pd.Series(times.strftime(written), dtype="str")
        ours = median_time(lambda: read_dates(values), repeats)
        peer = median_time(lambda: pd.to_datetime(values, format=told), repeats)
        results.append(Result(f"dates: {rows:,} rows, {form}", f"{ours:.3f} s", "<= 0.5 s",
                              f"pandas told the format: {peer:.3f} s"))
    serials = pd.Series((46_055 + np.linspace(0, 21, rows)).round(5).astype(str), dtype="str")
    ours = median_time(lambda: read_dates(serials), repeats)
    return results + [Result(f"dates: {rows:,} rows, Excel date numbers", f"{ours:.3f} s", "<= 0.5 s")]


def several_exports(rows: int, repeats: int) -> list[Result]:
    """Three yearly exports of ``rows`` people each read, scored and combined into one survey, as
    the CLI and the home page do with several files; against the same three scored alone."""
    lines = export_rows(rows)
    files = [(xlsx_bytes(lines), "wellbeing_2024.xlsx"), (xlsx_bytes(lines), "wellbeing_2025.xlsx"),
             (csv_bytes(reworded(lines)), "wellbeing_2026.csv")]
    repeats = min(repeats, 3)
    combined = median_time(lambda: score_files(files), repeats)
    alone = median_time(lambda: [score_file(data, name) for data, name in files], repeats)
    survey = score_files(files).survey
    return [Result(f"several files: read, score and combine 3 x {rows:,}-row exports", f"{combined:.2f} s", "",
                   f"the three scored one by one: {alone:.2f} s; {len(survey.scored):,} rows, "
                   f"{len(survey.waves)} waves, {len(survey.teams)} teams")]


def run(scale: float, repeats: int) -> list[Result]:
    return (scoring(int(1_000_000 * scale), repeats) + sample_release(repeats)
            + date_columns(int(100_000 * scale), repeats) + export_stages(int(100_000 * scale), repeats)
            + several_exports(int(50_000 * scale), repeats))


if __name__ == "__main__":
    main(run, __doc__)
