"""WCAG 2.2 AA in a real browser: axe-core on the HTML report and on every page of the dashboard
after the sample is uploaded, with no serious or critical violation allowed; every chart reachable
as text and out of the keyboard's way; the focused sidebar link told apart from the current page.

One server and one browser for the whole walk, as a person would take it, to keep it quick.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import browser_page, open_sample, screenshot, wait_drawn
from tiwell.pipeline import score_file
from tiwell.present import Choices, build, report_bytes
from ui.state import SAMPLE

pytestmark = pytest.mark.browser
PAGES = ("Upload and score", "Overview", "Teams", "Trends", "What to act on", "Turnover", "Compare cohorts",
         "In their own words", "Actions and their effect", "Present", "Benchmark packs", "Instruments")
# WCAG 2.0, 2.1 and 2.2, levels A and AA: target size (2.5.8) is a 2.2 rule, which axe runs only when asked.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
           "resultTypes": ["violations"]}


def serious(page) -> list[str]:
    """Each serious or critical violation on the page as 'rule: where', for a readable failure."""
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']}: {node['target']}" for v in violations if v["impact"] in ("serious", "critical")
            for node in v["nodes"]]


def visit(page, name: str) -> None:
    """Open a page from the sidebar and wait until its script has run and nothing of the last page
    is left: axe reads what is there."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
    page.wait_for_timeout(500)
    wait_drawn(page)
    page.wait_for_timeout(500)


@pytest.fixture(scope="module")
def sample_page(server):
    """One browser with the sample uploaded, walked by both tests in turn as one person would."""
    with browser_page(bypass_csp=True) as (page, errors):  # the report's policy forbids any script, axe's too
        open_sample(page, server)
        yield page, errors


def test_the_report_and_every_page_pass_axe(sample_page, tmp_path):
    page, errors = sample_page
    story = build(score_file(SAMPLE.read_bytes(), SAMPLE.name), Choices())
    (tmp_path / "report.html").write_bytes(report_bytes(story))
    found = {}
    report = page.context.browser.new_page(bypass_csp=True)  # beside the dashboard's page, which keeps its session
    report.on("pageerror", lambda exc: errors.append(str(exc)))
    report.goto((tmp_path / "report.html").as_uri())
    assert report.locator("h1").count() == 1
    assert report.locator("details.tw-values").count() == sum(1 for s in story.slides if s.chart)
    found["report"] = serious(report)
    report.close()
    page.bring_to_front()
    for name in PAGES:
        visit(page, name)
        assert page.locator('[data-testid="stException"]').count() == 0, name
        texts = page.locator("summary").filter(has_text="As text:").count()
        if texts:  # a chart draws once Plotly has loaded; its text is there at once
            page.locator('[data-testid="stPlotlyChart"] .main-svg').nth(texts - 1).wait_for(timeout=60_000)
        assert page.locator('[data-testid="stPlotlyChart"]').count() == texts, f"{name}: a chart without text"
        assert page.locator(".modebar-btn").count() == 0, f"{name}: a chart's toolbar is in the tab order"
        if name == "Present":  # the second view has a chart: its values in a table under it
            page.get_by_role("button", name="Next").click()
            page.get_by_role("heading", name="What is going well").wait_for(timeout=60_000)
            assert page.locator("img.tw-chart").count() == page.locator("details.tw-values").count() == 1
        found[name] = serious(page)
        screenshot(page, f"axe-{name.lower().replace(' ', '-')}")
    assert errors == []
    assert found == {name: [] for name in ("report", *PAGES)}


def test_a_focused_link_is_outlined_and_the_current_page_marked_apart(sample_page):
    page, errors = sample_page
    visit(page, "Overview")  # clicked: the Overview link holds the focus, not shown for a mouse
    nav = page.locator('[data-testid="stSidebarNav"]')
    current, focused = nav.get_by_role("link", name="Overview"), nav.get_by_role("link", name="Teams")
    page.keyboard.press("Tab")  # the keyboard, not a click: what :focus-visible answers to
    assert focused.evaluate("e => e === document.activeElement")
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid", "the focused link shows a ring"
    assert current.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    assert "inset" in current.evaluate("e => getComputedStyle(e).boxShadow"), "the current page has its bar"
    assert focused.evaluate("e => getComputedStyle(e).boxShadow") == "none"
    assert current.get_attribute("aria-current") == "page"
    assert errors == []
