"""Personal data never gets past reading: not into session state, caches, logs or downloads; and
a whole session in a real browser writes nothing to the server's disk."""

from __future__ import annotations

import io
import logging
import os
import pickle
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from browser import browser_page
from figures import settled
from tiwell.export import csv_bytes, scored_workbook
from tiwell.pipeline import ScoringChoices
from ui import state
from ui.state import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
PAGES = ["pages/overview.py", "pages/teams.py", "pages/trends.py", "pages/cohorts.py", "pages/present.py"]
CLIENT_SIDE = ("pytest-of-", "playwright")
IGNORED = {"artifacts", "__pycache__", ".pytest_cache", ".hypothesis", ".git"}


@pytest.fixture(scope="module")
def personal() -> list[bytes]:
    """Every email and full name in the sample, as bytes to search for."""
    raw = pd.read_excel(SAMPLE, dtype=str, engine="calamine")
    values = pd.concat([raw["Email"], raw["Name"]]).dropna().unique()
    assert len(values) > 500
    return [v.encode() for v in values]


def leaks(blob: bytes, personal: list[bytes]) -> list[bytes]:
    return [v for v in personal if v in blob]


@pytest.fixture(scope="module")
def walked(caplog_module):
    """The sample loaded and every leader page drawn, with the logs kept."""
    app = AppTest.from_file(DASHBOARD, default_timeout=90).run()
    app.button[0].click().run()
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
    return app


@pytest.fixture(scope="module")
def caplog_module():
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    yield records
    logging.getLogger().removeHandler(handler)


def test_session_state_holds_no_personal_data(walked, personal):
    kept = {key: settled(walked.session_state[key]) for key in walked.session_state}
    assert "survey" in kept
    blob = pickle.dumps(kept)
    assert leaks(blob, personal) == []
    survey = kept["survey"]
    assert {"Email", "Name"} <= {column for column, _ in survey.table.dropped}


def test_cached_results_hold_no_personal_data(personal):
    data = state.sample_bytes()
    loaded = state.load(data, SAMPLE.name, choices=ScoringChoices())
    scored = state.score(data, SAMPLE.name, choices=ScoringChoices())
    assert leaks(pickle.dumps(loaded), personal) == []
    assert leaks(pickle.dumps(scored), personal) == []


def test_logs_hold_no_personal_data(walked, caplog_module, personal):
    text = "\n".join(str(record.getMessage()) for record in caplog_module).encode()
    assert leaks(text, personal) == []


def test_downloads_hold_no_personal_data(walked, personal):
    survey = walked.session_state["survey"]
    assert leaks(csv_bytes(survey.scored), personal) == []
    with zipfile.ZipFile(io.BytesIO(scored_workbook(survey))) as book:
        parts = b"".join(book.read(name) for name in book.namelist())
    assert leaks(parts, personal) == []
    assert b"Youth Justice" in parts, "the control: team names do reach the workbook"


def snapshot(folder: Path) -> dict[str, float]:
    """Every file under ``folder`` (outside test output and caches) with its modification time."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in IGNORED]
        for name in filenames:
            path = Path(dirpath, name)
            found[str(path)] = path.stat().st_mtime
    return found


def new_files_holding(marker: bytes, folder: Path, since: float) -> list[str]:
    """Files under ``folder`` changed since ``since`` whose bytes hold ``marker`` (other programs
    share the temporary folder, so only files with this session's data count; the test's own
    upload and the browser's download, both on the client's side, are left out)."""
    hits = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(CLIENT_SIDE)]
        for name in filenames:
            path = Path(dirpath, name)
            try:
                if path.stat().st_mtime >= since and marker in path.read_bytes():
                    hits.append(str(path))
            except OSError:
                continue
    return hits


@pytest.mark.browser
def test_a_whole_session_writes_nothing_to_the_servers_disk(server, tmp_path):
    marker = "Zebra-Unit-7431"
    upload = tmp_path / "wave.csv"
    upload.write_bytes(_marked_csv(marker))
    watched = [ROOT, Path.home() / ".streamlit"]
    before = {str(w): snapshot(w) for w in watched if w.exists()}
    start = time.time()
    with browser_page() as (page, errors):
        page.goto(server)
        page.locator('input[type="file"]').first.set_input_files(str(upload))
        page.get_by_text("Respondents").first.wait_for(timeout=60_000)
        page.get_by_role("tab", name="Scored rows").click()
        with page.expect_download(timeout=60_000):
            page.get_by_role("button", name="Download Excel").click()
        page.get_by_role("link", name="Teams").click()
        page.get_by_text("A closer look at one team").wait_for(timeout=60_000)
        assert errors == []
    after = {str(w): snapshot(w) for w in watched if w.exists()}
    assert after == before, "no file in the project or Streamlit's folder was added or changed"
    temporary = Path(tempfile.gettempdir())
    assert new_files_holding(marker.encode(), temporary, start) == [], "no copy of the upload in the temporary folder"


def _marked_csv(marker: str) -> bytes:
    from hostile import survey_rows
    from synthetic import layouts

    return layouts.to_csv_bytes(survey_rows(8, team=marker))
