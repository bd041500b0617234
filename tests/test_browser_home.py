"""The first journeys in a real browser: the sample in one click, and an upload of a real export."""

import csv
import io
from pathlib import Path

import pytest

from browser import browser_page, open_sample, screenshot
from tiwell.pipeline import score_file
from ui.state import SAMPLE

pytestmark = pytest.mark.browser


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_sample_data_in_one_click(server):
    expected = score_file(SAMPLE.read_bytes(), SAMPLE.name).counts
    with browser_page() as (page, errors):
        open_sample(page, server)
        assert metric_value(page, "Respondents") == str(expected["respondents"])
        assert metric_value(page, "Not scored") == str(expected["not_scored"])
        page.get_by_role("tab", name="Scored rows").click()
        page.get_by_role("button", name="Download CSV").wait_for()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").click()
        text = Path(download.value.path()).read_text("utf-8-sig")
        assert next(csv.reader(io.StringIO(text)))[:2] == ["row", "ID"]
        assert len(text.splitlines()) == expected["respondents"] + 1
        screenshot(page, "home-sample")
        assert not page.get_by_text("Traceback").count()
        assert errors == []


def test_upload_of_a_qualtrics_export(server, tmp_path):
    path = tmp_path / "qualtrics.csv"
    path.write_bytes((SAMPLE.parent / "layouts" / "qualtrics.csv").read_bytes())
    with browser_page() as (page, errors):
        page.goto(server)
        page.locator('input[type="file"]').first.set_input_files(str(path))
        page.get_by_text("Respondents").first.wait_for(timeout=60_000)
        expected = score_file(path.read_bytes(), path.name).counts
        assert metric_value(page, "Respondents") == str(expected["respondents"])
        assert page.get_by_text("Qualtrics layout").count() >= 1
        screenshot(page, "home-qualtrics-upload")
        assert errors == []
