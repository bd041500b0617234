"""The dashboard with 50,000 respondents loaded: how long a filter change takes on the server.

    python benchmarks/bench_app.py [--quick] [--repeats N]

Drives the real app with ``streamlit.testing.v1.AppTest``: uploads a 50,000-row Microsoft Forms
export on the home page, opens the overview, then picks each wave in the sidebar in turn and
times each rerun (script and widgets, as the server runs them). Reads and scorings are counted
through the worker calls that ``ui.state``'s cached functions make: a filter change must do neither.
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
    """A stand-in for ``run_limited`` that counts how often the app runs each core function."""

    def __init__(self, fn):
        self.fn, self.calls = fn, {}

    def __call__(self, function, *args, **kwargs):
        self.calls[function.__name__] = self.calls.get(function.__name__, 0) + 1
        return self.fn(function, *args, **kwargs)

    def count(self) -> tuple[int, int]:
        """Reads and scorings so far."""
        return self.calls.get("load_table", 0), self.calls.get("score_table", 0)


def run(scale: float, repeats: int) -> list[Result]:
    rows = int(50_000 * scale)
    data = csv_bytes(export_rows(rows))
    runs = Counted(ui.state.run_limited)
    ui.state.run_limited = runs
    app = AppTest.from_file(DASHBOARD, default_timeout=600).run()
    upload = median_time(lambda: app.file_uploader[0].upload("export.csv", data, "text/csv").run(), 1)
    page = median_time(lambda: app.switch_page("pages/overview.py").run(), 1)
    before = runs.count()
    waves = next(box for box in app.sidebar.selectbox if box.label == "Wave").options
    choices = (waves[1:] + waves[:1]) * repeats  # each pick differs from the one before
    times = [median_time(lambda c=choice: _pick(app, c), 1) for choice in choices]
    times.sort()
    again = tuple(now - then for now, then in zip(runs.count(), before))
    assert not app.exception, app.exception
    survey = app.session_state["survey"]
    workbook = median_time(lambda: scored_workbook(survey), 1)
    return [
        Result(f"app: upload and score {rows:,} respondents (home page)", f"{upload:.1f} s", "",
               "first run: read, score, tables and both downloads built"),
        Result("  the scored workbook for the Excel download", f"{workbook:.1f} s", "",
               "pandas + XlsxWriter, in memory; built when the download is clicked"),
        Result("app: open the overview", f"{page:.2f} s"),
        Result("app: change the wave filter (overview)", f"{times[len(times) // 2]:.3f} s", "<= 0.3 s",
               f"{len(times)} changes, slowest {times[-1]:.3f} s; re-reads {again[0]}, re-scorings {again[1]}"),
    ]


def _pick(app: AppTest, choice: str) -> None:
    next(box for box in app.sidebar.selectbox if box.label == "Wave").select(choice).run()


if __name__ == "__main__":
    main(run, __doc__)
