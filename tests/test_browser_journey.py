"""The leaders' journey in a real browser: sample data, then every page, screenshots kept."""

import pytest

from browser import browser_page, choose, open_sample, screenshot, wait_drawn

pytestmark = pytest.mark.browser
PAGES = ["Overview", "Teams", "Trends", "Turnover", "Compare cohorts", "Instruments"]


def test_from_the_sample_to_every_page(server):
    with browser_page() as (page, errors):
        open_sample(page, server)
        for name in PAGES:
            page.get_by_role("link", name=name).click()
            page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
            wait_drawn(page)
            assert page.locator('[data-testid="stException"]').count() == 0, f"{name} shows an error"
            screenshot(page, f"page-{name.lower().replace(' ', '-')}")
        assert errors == []


def test_a_small_team_filter_explains_itself(server):
    with browser_page() as (page, errors):
        open_sample(page, server)
        page.get_by_role("link", name="Overview").click()
        page.get_by_role("heading", name="Overview").first.wait_for(timeout=30_000)
        choose(page, "Wave", "2025-09")
        choose(page, "Team", "Clinical Psychology")
        page.get_by_text("Nothing is shown for this selection").wait_for(timeout=30_000)
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        screenshot(page, "overview-small-team")
        assert errors == []


def test_turnover_with_the_sample_table(server):
    with browser_page() as (page, errors):
        open_sample(page, server)
        page.get_by_role("link", name="Turnover").click()
        page.get_by_role("button", name="Use the sample team table").click()
        page.get_by_text("compares teams, not people").wait_for(timeout=30_000)
        page.locator('[data-testid="stPlotlyChart"]').nth(1).wait_for(timeout=30_000)
        wait_drawn(page)
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 2
        screenshot(page, "page-turnover")
        assert errors == []


def test_later_leavers_and_stayers_with_private_codes(server):
    with browser_page() as (page, errors):
        open_sample(page, server)
        page.get_by_text("Options: sheet, instruments, a saved mapping").click()
        page.get_by_text("Keep employee numbers as private codes").click()
        page.get_by_text("Employee numbers kept only as private codes").wait_for(timeout=30_000)
        page.get_by_role("link", name="Turnover").click()
        page.get_by_role("button", name="Use the sample staff list").click()
        page.get_by_text("People who left and people who stayed").wait_for(timeout=30_000)
        page.get_by_text("not any one person").wait_for(timeout=30_000)
        page.locator('[data-testid="stPlotlyChart"]').nth(2).wait_for(timeout=30_000)  # charts draw after the text
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 3
        assert "E1" not in page.locator("body").inner_text()
        page.get_by_text("People who left and people who stayed").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        screenshot(page, "turnover-leavers-and-stayers")
        assert errors == []
