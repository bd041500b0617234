"""Nothing written to disk, in a real browser against a real server: a 20 MB survey uploaded and
every download on the home and Present pages taken, while the server's temporary folder, home
folder and the project folder are watched, and every file the server (or its workers) holds
open for writing is noted. Its log is read too: no line carries a comment's text."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest

from browser import CHROMIUM_FLAGS, ROOT, chromium_path, screenshot, server_pid, streamlit_server
from hostile import survey_rows
from synthetic import layouts

pytestmark = pytest.mark.browser
MARKER = "Marker-Zq7"  # in every comment, beside a control character
WORDS = ["rota", "shift", "team", "support", "busy", "tired", "good", "manager", "time", "home"]
SKIPPED = {"__pycache__", ".git"}  # compiled code, and the worktree's own bookkeeping: no survey data


def big_survey(rows: int = 20_000, distinct: int = 120) -> bytes:
    """About 20 MB of CSV: ``rows`` people in 12 teams, each with a long comment, drawn from
    ``distinct`` different texts. What is watched here is the disk, not comment reading: tiwell
    reads each distinct comment once, so a few texts said by many keep the Present page's
    comment reading to seconds (20,000 distinct ones take minutes) and the file just as big."""
    rng = np.random.default_rng(16)
    texts = [f"{MARKER}\x01 " + " ".join(rng.choice(WORDS, 130)) for _ in range(distinct)]
    table = survey_rows(rows)
    for k, row in enumerate(table[1:]):
        row[0] = f"Team {k % 12}"
        row[1] = texts[k % distinct]
    return layouts.to_csv_bytes(table)


def snapshot(*folders: Path) -> dict[str, tuple]:
    """Every path under the folders: its kind, size and modification time."""
    seen = {}
    for folder in folders:
        for base, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d not in SKIPPED]
            for name in [*dirs, *files]:
                path = os.path.join(base, name)
                try:
                    info = os.lstat(path)
                except FileNotFoundError:
                    continue
                seen[path] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns)
    return seen


def holding_data(before: dict, after: dict) -> list[str]:
    """New or changed paths that can hold data: regular files (folders and sockets cannot)."""
    return sorted(p for p, (kind, *_) in after.items() if kind == stat.S_IFREG and before.get(p) != after[p])


class WriteWatch(threading.Thread):
    """Notes every regular file that the server or a process under it holds open for writing;
    a file deleted at once (or never named, as Python's temporary files are) is caught too."""

    def __init__(self, root_pid: int, allowed: set[str]):
        super().__init__(daemon=True)
        self.root_pid, self.allowed, self.found, self.done = root_pid, allowed, set(), threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            for pid in self.family():
                self.note_writable(pid)

    def family(self) -> list[int]:
        parents = {}
        for proc in Path("/proc").iterdir():
            try:
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (ValueError, OSError):
                continue
        family, grew = {self.root_pid}, True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in family} - family
            family |= more
            grew = bool(more)
        return sorted(family)

    def note_writable(self, pid: int) -> None:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            return
        for fd in fds:
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                flags = int(Path(f"/proc/{pid}/fdinfo/{fd}").read_text().split("flags:")[1].split()[0], 8)
            except (OSError, IndexError, ValueError):
                continue
            if target.startswith("/") and not target.startswith("/dev/") and flags & 0o3 and target not in self.allowed:
                self.found.add(target)


def settle(page) -> None:
    """Wait until the page's script has finished running (a click during a run can be lost)."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=180_000)


def take(page, name: str) -> bytes:
    """Click the download button ``name`` once the page is still, and return the file it gives."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = page.get_by_role("button", name=name, exact=True)
    for attempt in (1, 2):
        settle(page)
        try:
            with page.expect_download(timeout=90_000) as download:
                button.click()
            return Path(download.value.path()).read_bytes()
        except PlaywrightTimeout:
            if attempt == 2:
                screenshot(page, f"disk-no-download-{name[:12]}")
                raise


def test_a_20_mb_upload_and_every_download_leave_nothing_on_disk(tmp_path):
    from playwright.sync_api import sync_playwright

    temp, home, log_path = tmp_path / "server-tmp", tmp_path / "server-home", tmp_path / "server.log"
    temp.mkdir()
    home.mkdir()
    data = big_survey()
    assert 19 * 2**20 < len(data) < 22 * 2**20
    with open(log_path, "wb") as log, streamlit_server(env={"TMPDIR": str(temp), "HOME": str(home)}, log=log) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(180_000)
            page.goto(server)
            page.locator('input[type="file"]').first.wait_for(state="attached", timeout=60_000)
            before = snapshot(temp, home, ROOT)
            watch = WriteWatch(server_pid(server), {str(log_path)})
            watch.start()
            page.locator('input[type="file"]').first.set_input_files(
                {"name": "big-survey.csv", "mimeType": "text/csv", "buffer": data})
            page.get_by_text("Respondents").first.wait_for(timeout=180_000)
            files = {"mapping": take(page, "Download this mapping"), "workspace": take(page, "Download the workspace")}
            page.get_by_role("tab", name="Scored rows").click()
            files |= {"csv": take(page, "Download CSV"), "xlsx": take(page, "Download Excel")}
            page.get_by_role("link", name="Present").click()
            page.get_by_text("How we are doing: the whole organisation").first.wait_for(timeout=180_000)
            files |= {"deck": take(page, "Deck (PowerPoint)"), "workbook": take(page, "Workbook (Excel)"),
                      "report": take(page, "Report (HTML, opens offline)")}
            watch.done.set()
            watch.join()
            after = snapshot(temp, home, ROOT)
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
    assert files["csv"].decode("utf-8-sig").count(MARKER) == 20_000, "the whole file was scored"
    assert all(files[k][:2] == b"PK" for k in ("xlsx", "deck", "workbook")) and b"<html" in files["report"][:500]
    assert holding_data(before, after) == [], "no file was written or changed"
    assert watch.found == set(), "no file was even opened for writing"
    assert MARKER not in log_path.read_text(errors="replace"), "no log line carries a comment"
