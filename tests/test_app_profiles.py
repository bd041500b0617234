"""MBI profiles in the overview: approximate, with their boundaries, from a hand-made upload."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from figures import as_read, traces
from synthetic import layouts

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
EXHAUSTION, CYNICISM, EFFICACY = (1, 2, 3, 4, 6), (8, 9, 13, 14, 15), (5, 7, 10, 11, 12, 16)


def person(exhaustion: int, cynicism: int, efficacy: int) -> list[str]:
    answers = {n: exhaustion for n in EXHAUSTION} | {n: cynicism for n in CYNICISM} | {n: efficacy for n in EFFICACY}
    return ["North", *[str(answers[n]) for n in range(1, 17)]]


def test_overview_shows_profile_shares_with_their_boundaries():
    # Six engaged (exhaustion 1 < 2.20, cynicism 1 < 2.00, efficacy 5 > 3.66) and five in the
    # burnout profile (4 >= 2.20, 4 >= 2.00, 2 <= 3.66): 6/11 and 5/11.
    rows = [["Team", *[f"MBI_GS_{n}" for n in range(1, 17)]]] + [person(1, 1, 5)] * 6 + [person(4, 4, 2)] * 5
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("mbi.csv", layouts.to_csv_bytes(rows), "text/csv").run()
    assert not app.exception and not app.error
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    assert any(as_read(h.value) == "MBI-GS profiles" for h in app.header)
    bars = traces(app.get("plotly_chart")[-1])[0]
    shares = dict(zip(bars["y"], bars["x"]))
    assert shares["Engaged"] == pytest.approx(6 / 11) and shares["Burnout"] == pytest.approx(5 / 11)
    assert any("Approximate profiles" in c.value for c in app.caption)
    boundaries = app.dataframe[-1].value.set_index("profile")
    assert "Exhaustion >= 2.2" in boundaries.loc["Burnout", "beyond the boundary"]
