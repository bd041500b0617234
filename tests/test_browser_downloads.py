"""Two downloads clicked within half a second of each other both arrive, in a real browser.

A download button whose file is built on click holds an id for that file; a click that reran the
page gave every button a new id and dropped the old ones, so a second button clicked before the
page redrew asked for a file that was gone and gave nothing. Every download now leaves the page
as it is."""

import io
import time
import zipfile
from pathlib import Path

import pytest

from browser import browser_page, open_sample, screenshot
from tiwell.pipeline import score_file
from ui.state import SAMPLE

pytestmark = pytest.mark.browser


def settle(page) -> None:
    """Wait until the page's script has finished running."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=180_000)


def both_quickly(page, first: str, second: str, name: str, gap: int) -> dict[str, bytes]:
    """Click two download buttons ``gap`` ms apart; every file that arrives within 90 s, by name."""
    arrived = []

    def keep(download) -> None:
        arrived.append(download)

    page.on("download", keep)
    settle(page)
    page.get_by_role("button", name=first, exact=True).click()
    page.wait_for_timeout(gap)
    page.get_by_role("button", name=second, exact=True).click()
    deadline = time.monotonic() + 90
    while len(arrived) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    page.remove_listener("download", keep)
    screenshot(page, name)
    return {d.suggested_filename: Path(d.path()).read_bytes() for d in arrived}


def test_two_downloads_half_a_second_apart_both_arrive(server):
    respondents = score_file(SAMPLE.read_bytes(), SAMPLE.name).counts["respondents"]
    with browser_page() as (page, errors):
        open_sample(page, server)
        page.get_by_role("tab", name="Scored rows").click()
        page.get_by_role("button", name="Download Excel").wait_for(timeout=60_000)
        stem = SAMPLE.stem
        for gap in (150, 250, 350):  # the old code lost the second file at each of these gaps
            files = both_quickly(page, "Download CSV", "Download Excel", "downloads-home", gap)
            assert set(files) == {f"{stem}-scored.csv", f"{stem}-scored.xlsx"}, f"{gap} ms apart"
            assert len(files[f"{stem}-scored.csv"].decode("utf-8-sig").splitlines()) == respondents + 1
            assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(files[f"{stem}-scored.xlsx"])).namelist()

        page.get_by_role("link", name="Present").click()
        page.get_by_role("button", name="Report (HTML, opens offline)").wait_for(timeout=90_000)
        files = both_quickly(page, "Report (HTML, opens offline)", "Deck (PowerPoint)", "downloads-present", 250)
        assert set(files) == {"tiwell-presentation.pptx", "tiwell-report.html"}
        assert files["tiwell-report.html"].lstrip().lower().startswith(b"<!doctype html")
        assert "ppt/presentation.xml" in zipfile.ZipFile(io.BytesIO(files["tiwell-presentation.pptx"])).namelist()
        assert not page.get_by_text("Traceback").count()
        assert errors == []
