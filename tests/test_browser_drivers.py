"""What to act on in a real browser: the sample's questions ranked, intervals first, and a team
too small for a driver analysis told so."""

import pytest

from browser import browser_page, choose, open_sample, screenshot, wait_drawn

pytestmark = pytest.mark.browser


def test_drivers_ranked_on_the_sample_then_a_small_team(server):
    with browser_page(height=1200) as (page, errors):
        open_sample(page, server)
        page.get_by_role("link", name="What to act on").click()
        page.get_by_role("heading", name="What to act on").first.wait_for(timeout=30_000)
        page.locator('[data-testid="stPlotlyChart"]').nth(1).wait_for(timeout=30_000)
        wait_drawn(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "associations in this survey, not causes" in text
        assert text.index("How sure we are") < text.index("Ranked, with the numbers behind it")
        assert text.index("Protect") < text.index("Act")
        screenshot(page, "page-what-to-act-on")
        matrix = page.locator('[data-testid="stPlotlyChart"]').nth(1)
        matrix.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        screenshot(page, "what-to-act-on-priorities")
        page.get_by_text("Joint model: all questions at once").click()
        page.get_by_text("standardised coefficient with the others held fixed").wait_for(timeout=30_000)
        page.get_by_text("standardised coefficient with the others held fixed").scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        screenshot(page, "what-to-act-on-principles-and-joint-model")

        choose(page, "Team", "Clinical Psychology")
        page.get_by_text("No driver analysis for this selection").wait_for(timeout=30_000)
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        screenshot(page, "what-to-act-on-small-team")
        assert errors == []
