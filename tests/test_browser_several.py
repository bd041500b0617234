"""Three yearly exports given at once in a real browser: one survey of three waves, each file's
rows and waves in a table, the wave of the file without dates typed in."""

import pytest

from browser import browser_page, screenshot
from synthetic.yearly import FILES, yearly_exports

pytestmark = pytest.mark.browser


def test_three_exports_at_once_make_one_survey(server, tmp_path):
    paths = []
    for name, data in yearly_exports().items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    with browser_page() as (page, errors):
        page.goto(server)
        page.locator('input[type="file"]').first.set_input_files(paths)
        page.get_by_text("Combined: 924 respondents from 3 files").first.wait_for(timeout=120_000)
        page.get_by_text(f"File 3: {FILES[2]} (it has no dates or wave column)").wait_for()
        box = page.get_by_label("Wave of file 3", exact=True)
        box.fill("2026-03")
        box.press("Enter")
        page.get_by_text("in 3 wave(s): 2025-03, 2025-09, 2026-03").first.wait_for(timeout=120_000)
        screenshot(page, "home-three-yearly-exports")
        assert errors == []
