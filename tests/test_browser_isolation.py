"""Many people at once, in a real browser: ten sessions upload ten different files at the same
time, each sees only its own teams and rows; one session's endless file stops with a sentence
while nine others keep working; and a team named with markup shows as text."""

from __future__ import annotations

import csv
import io
import os
import re
import time
import urllib.request
from pathlib import Path

import pytest

from browser import CHROMIUM_FLAGS, ROOT, chromium_path, screenshot, server_pid, streamlit_server, wait_drawn
from hostile import XSS, survey_rows
from synthetic import layouts

pytestmark = pytest.mark.browser
SESSIONS = 10
PAGE_SIZE = 4096
WORK_SECONDS = 30  # the stuck session's server's time limit for reading and scoring one upload (tiwell's is 60)


def session_file(i: int, folder: Path) -> Path:
    """Session ``i``'s own survey: 10 + i people in two teams named after the session."""
    rows = survey_rows(10 + i)
    for k, row in enumerate(rows[1:]):
        row[0] = f"Team-{i:02d}-{'AB'[k % 2]}"
    path = folder / f"wave-{i:02d}.csv"
    path.write_bytes(layouts.to_csv_bytes(rows))
    return path


def server_rss_mb(url: str) -> float:
    """Resident memory of the Streamlit process serving ``url``, from /proc."""
    pages = int(Path(f"/proc/{server_pid(url)}/statm").read_text().split()[1])
    return pages * PAGE_SIZE / 2**20


def open_teams(page) -> None:
    page.get_by_role("link", name="Teams").click()
    page.get_by_text("A closer look at one team").wait_for(timeout=60_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)


def download_scored(page) -> list[list[str]]:
    """The session's own scored rows, as its Download CSV button gives them."""
    from playwright.sync_api import Error as PlaywrightError

    page.get_by_role("tab", name="Scored rows").click()
    button = page.get_by_role("button", name="Download CSV")
    button.wait_for(state="visible", timeout=60_000)
    for attempt in (1, 2):  # the file is built on click; under load the first click can land mid-rerun,
        try:                # which times out or cancels that download
            with page.expect_download(timeout=45_000) as download:
                button.click()
            path = download.value.path()
            break
        except PlaywrightError:
            if attempt == 2:
                raise
    text = Path(path).read_text("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_ten_sessions_at_once_each_see_only_their_own_data(server, tmp_path):
    from playwright.sync_api import sync_playwright

    files = [session_file(i, tmp_path) for i in range(SESSIONS)]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            pages = [browser.new_context(viewport={"width": 1000, "height": 800}).new_page() for _ in files]
            errors = []
            for page in pages:  # ten separate browser contexts: ten sessions, no shared cookies
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto(server, wait_until="commit")
            for page in pages:
                page.locator('input[type="file"]').first.wait_for(state="attached", timeout=60_000)
            before = server_rss_mb(server)
            start = time.perf_counter()
            for page, path in zip(pages, files):  # all ten uploads in flight together
                page.locator('input[type="file"]').first.set_input_files(str(path))
            for page in pages:
                page.get_by_text("Respondents").first.wait_for(timeout=90_000)
            elapsed = time.perf_counter() - start
            after = server_rss_mb(server)
            for i, page in enumerate(pages):
                rows = download_scored(page)
                teams = {row[rows[0].index("team")] for row in rows[1:]}
                assert teams == {f"Team-{i:02d}-A", f"Team-{i:02d}-B"}, f"session {i} sees only its own teams"
                assert len(rows) - 1 == 10 + i, f"session {i} sees only its own rows"
                assert page.locator('[data-testid="stException"]').count() == 0
            screenshot(pages[3], "isolation-session-3")
            print(f"\n{SESSIONS} sessions uploaded and scored at once in {elapsed:.1f} s; server memory "
                  f"{before:.0f} MB before, {after:.0f} MB after: {(after - before) / SESSIONS:.1f} MB per session")
            assert errors == []
        finally:
            browser.close()


def test_a_team_named_with_markup_shows_as_text_and_runs_nothing(server, tmp_path):
    from playwright.sync_api import sync_playwright

    rows = survey_rows(12, team=XSS, comment="<script>alert(2)</script>")
    for row in rows[7:]:
        row[0] = "<b>Bold team</b>"
    path = tmp_path / "markup.csv"
    path.write_bytes(layouts.to_csv_bytes(rows))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            dialogs, errors = [], []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server)
            page.locator('input[type="file"]').first.set_input_files(str(path))
            page.get_by_text("Respondents").first.wait_for(timeout=60_000)
            open_teams(page)
            wait_drawn(page)
            assert page.get_by_text(XSS).count() >= 1, "the name is shown, as typed"
            assert page.locator('img[src="x"]').count() == 0
            ticks = page.locator(".js-plotly-plot").first.locator(".ytick text").all_text_contents()
            assert sorted(ticks) == ["<b>Bold team</b> (6 answered)", f"{XSS} (6 answered)"], "names drawn as typed, not as markup"
            screenshot(page, "teams-markup-as-text")
            assert dialogs == [] and errors == []
        finally:
            browser.close()


def test_a_file_that_never_finishes_reading_stops_itself_and_nine_others_keep_working(tmp_path):
    """Ten sessions; one uploads a survey whose reading runs a regular expression for hours with
    the interpreter's lock held (a test instrument stands in for a file crafted against a
    pattern). While it works, the nine others all open another page at once and have it drawn
    before its time is up, and the server answers its health check at once; the heavy one then
    ends in its own sentence. Read in the server's own process, it would freeze them all."""
    from playwright.sync_api import sync_playwright

    env = {"PYTHONPATH": os.pathsep.join([str(Path(__file__).parent / "slow_reading"), str(ROOT)]),
           "SLOW_READING_SECONDS": str(WORK_SECONDS)}
    files = [session_file(i, tmp_path) for i in range(1, SESSIONS)]
    slow = tmp_path / "slow-survey.csv"
    slow.write_bytes(files[0].read_bytes())
    with streamlit_server(env=env) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            heavy, *others = [browser.new_context(viewport={"width": 1000, "height": 800}).new_page()
                              for _ in range(SESSIONS)]
            for page in others:  # the nine pages load together, then their uploads go in together
                page.goto(server, wait_until="commit")
            for page, path in zip(others, files):
                page.locator('input[type="file"]').first.set_input_files(str(path), timeout=60_000)
            for page in others:
                page.get_by_text("Respondents").first.wait_for(timeout=120_000)
            heavy.goto(server)
            heavy.locator('input[type="file"]').first.set_input_files(str(slow))
            heavy.get_by_text(re.compile("Scoring|Reading the file")).first.wait_for(timeout=30_000)
            started = time.monotonic()
            for page in others:
                page.get_by_role("link", name="Instruments").click()
            reruns = []
            for page in others:
                page.get_by_role("heading", name="Instruments").first.wait_for(timeout=WORK_SECONDS * 1000)
                reruns.append(time.monotonic() - started)
            health = time_health_check(server)
            assert heavy.get_by_text("took longer than").count() == 0, "the heavy file was still being read"
            heavy.get_by_text(f"slow-survey.csv took longer than {WORK_SECONDS} s to read and score").wait_for(
                timeout=(WORK_SECONDS + 60) * 1000)
            assert heavy.locator('[data-testid="stException"]').count() == 0, "a sentence, not a traceback"
            screenshot(heavy, "isolation-heavy-file-stopped")
            print(f"\nwhile one session's file was read, nine other sessions opened a page together: drawn "
                  f"{sorted(reruns)[4]:.1f} s (median), {max(reruns):.1f} s (last) after the clicks; the health check "
                  f"answered in {health:.2f} s")
            assert health < 2
        finally:
            browser.close()


def time_health_check(server: str) -> float:
    start = time.monotonic()
    assert urllib.request.urlopen(f"{server}/_stcore/health", timeout=10).status == 200
    return time.monotonic() - start
