"""The HTML report in a real headless Chromium with the network cut off, and the Present page in
the real dashboard with its deck downloaded, screenshots kept."""

import dataclasses
import io

import pytest
from pptx import Presentation

from browser import browser_page, open_sample, screenshot
from tiwell.pipeline import score_file
from tiwell.present import Choices, build, report_bytes
from ui.state import SAMPLE

pytestmark = pytest.mark.browser
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    survey = dataclasses.replace(survey, scored=survey.scored.replace({"team": {"Youth Justice": HOSTILE}}))
    story = build(survey, Choices(team=HOSTILE, commitments="<script>alert(2)</script>"))
    path = tmp_path_factory.mktemp("report") / "tiwell-report.html"
    path.write_bytes(report_bytes(story))
    return story, path


def test_the_report_opens_offline_and_shows_markup_as_text(report):
    story, path = report
    with browser_page() as (page, errors):
        blocked, dialogs, console = [], [], []
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "file:"))
                   else (blocked.append(route.request.url), route.abort()))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
        page.goto(path.as_uri())
        page.wait_for_timeout(500)
        assert page.title() == story.title == f"How we are doing: {HOSTILE}"
        assert page.locator("h1").inner_text() == story.title, "the first view's title is the page's one h1"
        assert page.get_by_text("<script>alert(2)</script>").count() == 1
        assert page.locator("img").count() == 0 and page.locator("script").count() == 0
        assert page.locator("svg").count() >= 3, "charts drawn inline"
        screenshot(page, "report-offline")
        assert page.evaluate("performance.getEntriesByType('resource').length") == 0
        assert (blocked, dialogs, console, errors) == ([], [], [], []), "nothing fetched, refused or run"


def test_presenting_the_sample_and_taking_the_deck_away(server):
    with browser_page() as (page, errors):
        open_sample(page, server)
        page.get_by_role("link", name="Present").click()
        page.get_by_text("How we are doing: the whole organisation").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Next").click()
        page.get_by_role("heading", name="What is going well").wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, "page-present")
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Deck (PowerPoint)").click()
        deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
        assert deck.slides[1].shapes.title.text == "What is going well"
        assert errors == []
