"""The learning cycle in a real browser: the 2025 export, an action logged, the workspace taken
away; then a fresh session with the full export and the workspace brought back, the before and
after result and the action marked on the trend chart. Screenshots kept."""

from pathlib import Path

import pytest

from browser import browser_page, screenshot, wait_drawn
from tiwell.analysis import action_effect
from tiwell.pipeline import score_file
from synthetic.samples import SAMPLE_ACTION
from tiwell.workspace import load
from ui.state import SAMPLE

pytestmark = pytest.mark.browser
SAMPLE_2025 = SAMPLE.with_name("proqol5_microsoft_forms_2025.xlsx")


def upload(page, which: int, path: Path) -> None:
    page.locator('input[type="file"]').nth(which).set_input_files(str(path))


def go_to(page, link: str, heading: str) -> None:
    page.get_by_role("link", name=link).click()
    page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)


def log_the_sample_action(page) -> None:
    form = page.locator('[data-testid="stForm"]')
    for part, digits in (("year", "2025"), ("month", "06"), ("day", "01")):
        form.get_by_role("spinbutton", name=f"{part}, Date it started").click()
        page.keyboard.type(digits)
    form.get_by_label("Action").fill(SAMPLE_ACTION.title)
    form.locator('[data-testid="stMultiSelect"]').click()
    page.get_by_role("option", name="Family Support North", exact=True).click()
    page.keyboard.press("Escape")
    form.locator('[data-testid="stSelectbox"]').filter(has_text="Principle").click()
    page.get_by_role("option", name="Peer support", exact=True).click()
    form.get_by_label("Who owns it").fill(SAMPLE_ACTION.owner)
    form.get_by_role("button", name="Add to the log").click()


def test_log_save_come_back_with_the_next_wave_and_see_the_effect(server, tmp_path):
    first_year = tmp_path / SAMPLE_2025.name
    first_year.write_bytes(SAMPLE_2025.read_bytes())
    with browser_page(height=2000) as (page, errors):
        page.goto(server)
        upload(page, 0, first_year)
        page.get_by_text("Respondents").first.wait_for(timeout=60_000)
        go_to(page, "Actions and their effect", "Actions and their effect")
        log_the_sample_action(page)
        page.get_by_text("in the other teams it changed by").first.wait_for(timeout=30_000)
        wait_drawn(page, timeout=30_000)
        screenshot(page, "cycle-1-action-logged")
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name="Download the workspace").click()
        saved = tmp_path / "tiwell-workspace.json"
        saved.write_text(Path(download.value.path()).read_text("utf-8"), "utf-8")
        assert errors == []
    workspace = load(saved.read_text("utf-8"))
    assert workspace.actions == (SAMPLE_ACTION,) and workspace.min_group == 5 and workspace.mapping_json

    full = tmp_path / SAMPLE.name
    full.write_bytes(SAMPLE.read_bytes())
    with browser_page(height=2000) as (page, errors):  # a new browser: a fresh session, nothing kept from before
        page.goto(server)
        upload(page, 0, full)
        page.get_by_text("Respondents").first.wait_for(timeout=60_000)
        upload(page, 1, saved)
        page.get_by_text("Workspace brought back: 1 logged action(s)").wait_for(timeout=30_000)
        screenshot(page, "cycle-2-workspace-brought-back")
        go_to(page, "Actions and their effect", "Actions and their effect")
        page.get_by_text("2025-09, 2026-03 after it").first.wait_for(timeout=30_000)
        page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=30_000)
        wait_drawn(page, timeout=30_000)
        scored = score_file(SAMPLE.read_bytes(), SAMPLE.name).scored
        r = action_effect(scored, SAMPLE_ACTION, "burnout", 5).result.iloc[0]  # burnout: the page's first score
        assert page.get_by_text(f"The difference between the two changes is {r['estimate']:+.1f} points "
                                f"(95% interval from {r['ci_low']:+.1f} to {r['ci_high']:+.1f})").count() == 1
        assert page.get_by_text("not proof that the action caused it").count() == 1
        screenshot(page, "cycle-3-before-and-after")
        go_to(page, "Trends", "Trends")
        marker = page.locator('[data-testid="stPlotlyChart"] .annotation-text').filter(
            has_text="Protected reflective supervision started")
        marker.first.wait_for(timeout=30_000)  # drawn once Plotly has loaded
        wait_drawn(page, timeout=30_000)
        assert marker.count() == 1
        screenshot(page, "cycle-4-trend-marker")
        page.get_by_role("link", name="Present").click()
        page.get_by_text("View 1 of").wait_for(timeout=30_000)
        told = page.get_by_text("Action taken between 2025-03 and 2025-09 (01 Jun 2025: Protected reflective "
                                "supervision started).")
        for view in range(2, 7):  # the change view comes after the numbers (and a reference, when one is chosen)
            page.get_by_role("button", name="Next").click()
            page.get_by_text(f"View {view} of").wait_for(timeout=30_000)
            if told.count():
                break
        told.wait_for(timeout=30_000)
        screenshot(page, "cycle-5-presentation-change")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert errors == []
