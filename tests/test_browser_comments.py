"""In their own words, in a real browser: the sample uploaded, its themes shown strengths first with
quotes, one made an action in one click, and that action in the log on the Actions page."""

import pytest

from browser import browser_page, open_sample, screenshot, wait_drawn

pytestmark = pytest.mark.browser


def test_themes_shown_and_one_becomes_an_action(server):
    with browser_page(height=1400) as (page, errors):
        open_sample(page, server)
        page.get_by_role("link", name="In their own words").click()
        page.get_by_role("heading", name="Themes, strengths first").wait_for(timeout=60_000)
        wait_drawn(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        main = page.locator('[data-testid="stMain"]')
        text = main.inner_text()
        assert "People who wrote something" in text
        assert text.index("Themes, strengths first") < text.index("Comments that may need someone to act")
        assert "of those who wrote something" in text
        screenshot(page, "page-in-their-own-words")

        assert text.index("Feeling appreciated") < text.index("Workload"), "strengths first"
        main.get_by_role("button", name="Make this an action").first.click()
        made = page.get_by_text("is in the action log")
        made.wait_for(timeout=30_000)
        assert made.inner_text().startswith("'Feeling appreciated' is in the action log.")
        label = "Feeling appreciated"
        screenshot(page, "in-their-own-words-action-made")

        page.get_by_role("link", name="Actions and their effect").click()
        page.get_by_role("heading", name="The log").wait_for(timeout=30_000)
        wait_drawn(page)
        assert f"Act on what staff wrote: {label}" in page.locator('[data-testid="stMain"]').inner_text()
        screenshot(page, "actions-from-a-theme")
        assert errors == []
