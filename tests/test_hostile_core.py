"""The hostile corpus through the core: one clear sentence naming the file, or every row scored;
within ten seconds each, and within bounded memory in a process of its own."""

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from hostile import SCRIPT, XSS, Case, corpus
from tiwell.export import csv_bytes, scored_workbook
from tiwell.ingest import IngestError
from tiwell.instruments import InstrumentError, parse_instrument
from tiwell.mapping import MappingError
from tiwell.pipeline import score_file

CLEAR = (IngestError, InstrumentError, MappingError)
ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS = 10
MAX_PEAK_MB = 500
CASES = corpus()


def run(case: Case):
    """What tiwell makes of one case: a scored survey, or a parsed instrument."""
    if case.kind == "instrument":
        return parse_instrument(case.data.decode("utf-8", errors="replace"), source=case.filename)
    own = (parse_instrument(case.definition.decode(), source="definition"),) if case.definition else ()
    return score_file(case.data, case.filename, instruments=own)


def test_the_corpus_is_big_and_varied():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.expect is None for c in CASES) >= 8, "readable oddities are scored, not refused"


@pytest.mark.parametrize("case", [c for c in CASES if c.expect], ids=lambda c: c.name)
def test_a_broken_or_harmful_file_gets_one_sentence(case):
    start = time.perf_counter()
    with pytest.raises(CLEAR) as caught:
        run(case)
    message = str(caught.value)
    assert time.perf_counter() - start < MAX_SECONDS
    assert case.expect in message
    assert case.filename in message, "the message names the file"
    assert "\n" not in message and "Traceback" not in message and len(message) < 400


@pytest.mark.parametrize("case", [c for c in CASES if c.expect is None], ids=lambda c: c.name)
def test_a_strange_but_readable_file_is_scored_row_by_row(case):
    survey = run(case)
    body = survey.table.frame
    assert survey.scored["row"].tolist() == body.index.tolist(), "every data row is in the output, in order"
    assert survey.counts["respondents"] == len(body) >= 6
    assert survey.counts["scored"] + survey.counts["prorated"] + survey.counts["not_scored"] == len(body)


def _by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def test_markup_in_team_names_and_comments_is_kept_as_plain_text():
    survey = run(_by_name("HTML and script in team and comments"))
    assert set(survey.scored["team"]) == {XSS}
    assert survey.table.frame["Comments"].iloc[0] == SCRIPT


def test_formulas_in_cells_are_neutralised_in_both_downloads():
    survey = run(_by_name("formulas in cells"))
    text = csv_bytes(survey.scored).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ',=HYPERLINK(' not in text
    book = load_workbook(io.BytesIO(scored_workbook(survey)))
    teams = [row[list(survey.scored.columns).index("team")].value for row in book["Scored"].iter_rows(min_row=2)]
    assert set(teams) == {"'=HYPERLINK(\"http://x\",\"y\")"}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} would run as a formula"


def test_an_excel_formula_is_never_run():
    survey = run(_by_name("formula cells in xlsx"))
    # Only the value Excel saved beside a formula is read; this file saved none, so nothing, never 3.
    assert set(survey.scored["team"]) == {""}


def test_duplicate_headers_are_told_apart():
    survey = run(_by_name("duplicate column names"))
    assert "Q1 (2)" in survey.table.frame.columns
    assert survey.counts["scored"] == 6


PROBE = """
import gc, json, re, sys, time
import pyarrow
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
from hostile import corpus
from test_hostile_core import run
figures = []
for case in corpus():
    gc.collect()
    pyarrow.default_memory_pool().release_unused()  # so each file is measured on what it needs itself
    start = time.perf_counter()
    try:
        run(case)
    except ValueError:
        pass
    # this process's own high-water mark (getrusage's would count the parent it was started from)
    peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
    figures.append([case.name, time.perf_counter() - start, peak])
print(json.dumps(figures))
"""


def test_the_whole_corpus_stays_within_time_and_memory_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = pd.DataFrame(json.loads(done.stdout), columns=["case", "seconds", "peak_kb"])
    worst = figures.loc[figures["seconds"].idxmax()]
    peak_mb = figures["peak_kb"].max() / 1024
    print(f"\n{len(figures)} hostile files; slowest {worst['case']!r} {worst['seconds']:.2f} s; "
          f"peak memory of the process {peak_mb:.0f} MB, reached with "
          f"{figures.loc[figures['peak_kb'].idxmax(), 'case']!r}")
    assert len(figures) == len(CASES)
    assert figures["seconds"].max() < MAX_SECONDS
    assert peak_mb < MAX_PEAK_MB
