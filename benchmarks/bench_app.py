"""The dashboard with 50,000 respondents loaded: how long a filter change takes on the server.

    python benchmarks/bench_app.py [--quick] [--repeats N]

Drives the real app with ``streamlit.testing.v1.AppTest``: uploads a 50,000-row Microsoft Forms
export on the home page, opens the overview, then picks each wave in the sidebar in turn and
times each rerun (script and widgets, as the server runs them). Reads and scorings are counted
through the cached calls in ``ui.state``: a filter change must do neither.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.logger
from common import Result, csv_bytes, export_rows, main, median_time
from streamlit.testing.v1 import AppTest

streamlit.logger.set_log_level("error")  # bare-mode warnings are expected here
import ui.state  # noqa: E402
from tiwell.export import scored_workbook  # noqa: E402

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


class Counted:
    """A stand-in for a core call that counts how often the app makes it."""

    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)


def run(scale: float, repeats: int) -> list[Result]:
    rows = int(50_000 * scale)
    data = csv_bytes(export_rows(rows))
    reads, scorings = Counted(ui.state.load_table), Counted(ui.state.score_table)
    ui.state.load_table, ui.state.score_table = reads, scorings
    app = AppTest.from_file(DASHBOARD, default_timeout=600).run()
    upload = median_time(lambda: app.file_uploader[0].upload("export.csv", data, "text/csv").run(), 1)
    page = median_time(lambda: app.switch_page("pages/overview.py").run(), 1)
    before = (reads.calls, scorings.calls)
    waves = next(box for box in app.sidebar.selectbox if box.label == "Wave").options
    choices = (waves[1:] + waves[:1]) * repeats  # each pick differs from the one before
    times = [median_time(lambda c=choice: _pick(app, c), 1) for choice in choices]
    times.sort()
    again = (reads.calls - before[0], scorings.calls - before[1])
    assert not app.exception, app.exception
    survey = app.session_state["survey"]
    workbook = median_time(lambda: scored_workbook(survey), 1)
    return [
        Result(f"app: upload and score {rows:,} respondents (home page)", f"{upload:.1f} s", "",
               "first run: read, score, tables and both downloads built"),
        Result("  the scored workbook for the Excel download", f"{workbook:.1f} s", "",
               "pandas + openpyxl; the home page builds it on every run"),
        Result("app: open the overview", f"{page:.2f} s"),
        Result("app: change the wave filter (overview)", f"{times[len(times) // 2]:.3f} s", "<= 0.3 s",
               f"{len(times)} changes, slowest {times[-1]:.3f} s; re-reads {again[0]}, re-scorings {again[1]}"),
    ]


def _pick(app: AppTest, choice: str) -> None:
    next(box for box in app.sidebar.selectbox if box.label == "Wave").select(choice).run()


if __name__ == "__main__":
    main(run, __doc__)
