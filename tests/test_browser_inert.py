"""Text from a survey file in a real browser: team names and a question written as Markdown images
and HTML show exactly as typed, and nothing is fetched from the address inside them (a local
server counts every request they could make)."""

from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager

import pytest

from browser import browser_page, free_port, screenshot, wait_drawn
from marked_up import marked, sample_frame

pytestmark = pytest.mark.browser


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


def texts(page) -> list[str]:
    """What the main area's Markdown reads, without the invisible joiners tiwell puts in addresses."""
    shown = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]').all_inner_texts()
    return [text.replace("\u2060", "") for text in shown]


def open_page(page, title: str, wait_for: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_text(wait_for).first.wait_for(timeout=90_000)
    wait_drawn(page)


def test_markdown_and_html_from_the_data_show_as_typed_and_fetch_nothing(server, tmp_path):
    with counting_server() as (beacon, asked), browser_page() as (page, errors):
        names = {word: marked(word, beacon) for word in ("north", "south", "question")}
        path = tmp_path / "marked.csv"
        path.write_bytes(sample_frame(beacon).to_csv(index=False).encode("utf-8"))
        page.goto(server)
        page.locator('input[type="file"]').first.set_input_files(str(path))
        page.get_by_text("Respondents").first.wait_for(timeout=90_000)
        open_page(page, "Compare cohorts", "Cohorts from")
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Cohorts from")
        box.get_by_role("combobox").click()
        page.get_by_role("option", name="team", exact=True).click()
        page.get_by_text("points").first.wait_for(timeout=90_000)
        assert any(names["north"] in s and names["south"] in s for s in texts(page)), "both names, as typed"
        ticks = page.locator(".js-plotly-plot").first.locator(".xtick text").all_text_contents()
        assert sorted(ticks) == sorted([names["north"], names["south"]]), "the chart names them as typed too"
        screenshot(page, "cohorts-markup-as-text")
        open_page(page, "What to act on", "Strengths first, then where to act")
        assert any(names["question"] in s for s in texts(page)), "the question's wording, as typed"
        main = page.locator('[data-testid="stMain"]')
        assert main.locator("img").count() == 0 and main.locator("strong").filter(has_text="north").count() == 0
        assert page.locator(f'a[href^="{beacon}"]').count() == 0, "no link to it either"
        page.wait_for_timeout(1000)
        assert asked == [], "nothing was fetched from the address in the data"
        assert errors == []
