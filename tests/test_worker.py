"""Reading and scoring in a worker process: the same result as in the server's own process, the
core's own errors as themselves, and one sentence (never the file's content) for work that runs
out of time or memory or fails in any other way."""

import os
import threading
import time

import pandas as pd
import pytest

from tiwell.ingest import IngestError
from tiwell.pipeline import load_table, score_file, score_table
from tiwell.analysis import read_hr
from tiwell.worker import WorkLimitError, run_limited
from ui.state import SAMPLE, SAMPLE_TURNOVER


def test_a_survey_read_and_scored_in_a_worker_is_the_one_read_here():
    data = SAMPLE.read_bytes()
    table, instruments, notes = run_limited(load_table, data, SAMPLE.name, what=SAMPLE.name)
    worked = run_limited(score_table, table, instruments, what=SAMPLE.name)
    here = score_file(data, SAMPLE.name)
    pd.testing.assert_frame_equal(worked.scored, here.scored)
    assert worked.counts == here.counts and worked.counts["respondents"] == 924
    turnover = run_limited(read_hr, SAMPLE_TURNOVER.read_bytes(), SAMPLE_TURNOVER.name, what=SAMPLE_TURNOVER.name)
    pd.testing.assert_frame_equal(turnover.table, read_hr(SAMPLE_TURNOVER.read_bytes(), SAMPLE_TURNOVER.name).table)


def test_the_cores_own_error_comes_back_as_itself_with_its_sentence():
    with pytest.raises(IngestError, match=r"^empty\.csv has a header but no answers below it\.$") as caught:
        run_limited(load_table, b"Team,Q1,Q2\n", "empty.csv", what="empty.csv")
    assert type(caught.value) is IngestError


def test_work_past_its_time_is_stopped_with_one_sentence():
    start = time.perf_counter()
    with pytest.raises(WorkLimitError, match=r"^slow\.csv took longer than 2 s to read and score, so tiwell stopped"):
        run_limited(time.sleep, 60, what="slow.csv", seconds=2)
    assert time.perf_counter() - start < 15, "stopped at its limit, not after the minute it asked for"


def test_the_sentence_names_the_work_that_ran_out_of_time():
    with pytest.raises(WorkLimitError, match=r"^big\.csv took longer than 1 s to work out which numbers can be "
                                             r"shown safely, so tiwell stopped"):
        run_limited(time.sleep, 60, what="big.csv", doing="work out which numbers can be shown safely", seconds=1)


def test_work_past_its_memory_is_stopped_with_one_sentence():
    with pytest.raises(WorkLimitError, match=r"^huge\.xlsx needs more than 1\.5 GB of memory"):
        run_limited(bytearray, 3 * 2**30, what="huge.xlsx")
    assert isinstance(WorkLimitError("x"), IngestError), "pages that catch IngestError show the sentence"


def test_an_unexpected_failure_says_what_kind_but_never_quotes_the_file():
    with pytest.raises(WorkLimitError) as caught:
        run_limited(int, "Jane Smith 07700 900123", what="staff.csv")
    message = str(caught.value)
    assert message.startswith("staff.csv could not be read: tiwell met an unexpected problem (ValueError)")
    assert "Jane" not in message and "07700" not in message and caught.value.__cause__ is None


def test_a_worker_that_dies_gets_a_sentence_too():
    with pytest.raises(WorkLimitError, match=r"^gone\.csv needs more than"):
        run_limited(os._exit, 3, what="gone.csv")


def test_a_slow_worker_holds_up_no_other():
    """One call asleep for 10 s; four others, one after another, each finish meanwhile."""
    slow = threading.Thread(target=lambda: pytest.raises(WorkLimitError, run_limited, time.sleep, 60,
                                                           what="slow.csv", seconds=10))
    slow.start()
    try:
        start = time.perf_counter()
        results = [run_limited(sum, [k, 1], what="quick.csv") for k in range(4)]
        assert results == [1, 2, 3, 4]
        assert slow.is_alive() and time.perf_counter() - start < 8
    finally:
        slow.join()
