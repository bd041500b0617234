"""Text from a survey file in a real browser: team names and a question written as Markdown images
and HTML show exactly as typed, and nothing is fetched from the address inside them (a local
server counts every request they could make)."""

from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager

import pandas as pd
import pytest

from browser import browser_page, free_port, screenshot
from ui.state import SAMPLE

pytestmark = pytest.mark.browser
QUESTION = "I feel safe to speak up about mistakes and concerns"


@contextmanager
def counting_server():
    """A web server on a free local port that records every path asked of it."""
    asked: list[str] = []

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Count)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def hostile_sample(beacon: str) -> tuple[bytes, dict[str, str]]:
    """The sample with two teams named as Markdown and HTML, and one question worded as an image."""
    names = {"image": f"![x]({beacon}/team.png)", "bold": f"**bold** <img src={beacon}/bold.png>",
             "question": f"![q]({beacon}/question.png) {QUESTION.lower()}"}
    frame = pd.read_excel(SAMPLE, engine="openpyxl").rename(columns={QUESTION: names["question"]})
    frame["Which team do you work in?"] = [names["image"] if k % 2 else names["bold"] for k in range(len(frame))]
    return frame.to_csv(index=False).encode("utf-8"), names


def texts(page) -> list[str]:
    """What the main area's Markdown reads, without the invisible joiners tiwell puts in addresses."""
    shown = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]').all_inner_texts()
    return [text.replace("\u2060", "") for text in shown]


def open_page(page, title: str, wait_for: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_text(wait_for).first.wait_for(timeout=90_000)
    page.wait_for_timeout(1500)


def test_markdown_and_html_from_the_data_show_as_typed_and_fetch_nothing(server, tmp_path):
    with counting_server() as (beacon, asked), browser_page() as (page, errors):
        data, names = hostile_sample(beacon)
        path = tmp_path / "hostile.csv"
        path.write_bytes(data)
        page.goto(server)
        page.locator('input[type="file"]').first.set_input_files(str(path))
        page.get_by_text("Respondents").first.wait_for(timeout=90_000)
        open_page(page, "Compare cohorts", "Cohorts from")
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Cohorts from")
        box.get_by_role("combobox").click()
        page.get_by_role("option", name="team", exact=True).click()
        page.get_by_text("points").first.wait_for(timeout=90_000)
        assert any(names["image"] in s and names["bold"] in s for s in texts(page)), "both names, as typed"
        screenshot(page, "cohorts-markup-as-text")
        open_page(page, "What to act on", "Strengths first, then where to act")
        assert any(names["question"] in s for s in texts(page)), "the question's wording, as typed"
        main = page.locator('[data-testid="stMain"]')
        assert main.locator("img").count() == 0 and main.locator("strong").filter(has_text="bold").count() == 0
        assert page.locator(f'a[href^="{beacon}"]').count() == 0, "no link to it either"
        page.wait_for_timeout(1000)
        assert asked == [], "nothing was fetched from the address in the data"
        assert errors == []
