"""Many people at once, in a real browser: ten sessions upload ten different files at the same
time, each sees only its own teams and rows; and a team named with markup shows as text."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from browser import CHROMIUM_FLAGS, chromium_path, screenshot
from hostile import XSS, survey_rows
from tiwell import layouts

pytestmark = pytest.mark.browser
SESSIONS = 10
PAGE_SIZE = 4096


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
    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and port.encode() in command:
            pages = int((proc / "statm").read_text().split()[1])
            return pages * PAGE_SIZE / 2**20
    raise AssertionError(f"no Streamlit process serving {url}")


def open_teams(page) -> None:
    page.get_by_role("link", name="Teams").click()
    page.get_by_text("A closer look at one team").wait_for(timeout=60_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)


def download_scored(page) -> list[list[str]]:
    """The session's own scored rows, as its Download CSV button gives them."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.get_by_role("tab", name="Scored rows").click()
    button = page.get_by_role("button", name="Download CSV")
    button.wait_for(state="visible", timeout=60_000)
    for attempt in (1, 2):  # the file is built on click; under load the first click can land mid-rerun
        try:
            with page.expect_download(timeout=45_000) as download:
                button.click()
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    text = Path(download.value.path()).read_text("utf-8-sig")
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
            page.wait_for_timeout(1000)
            assert page.get_by_text(XSS).count() >= 1, "the name is shown, as typed"
            assert page.locator('img[src="x"]').count() == 0
            ticks = page.locator(".js-plotly-plot").first.locator(".ytick text").all_text_contents()
            assert sorted(ticks) == ["<b>Bold team</b> (n = 6)", f"{XSS} (n = 6)"], "names drawn as typed, not as markup"
            screenshot(page, "teams-markup-as-text")
            assert dialogs == [] and errors == []
        finally:
            browser.close()
