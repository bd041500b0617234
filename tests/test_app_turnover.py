"""The turnover page on the samples: its correlations equal scipy's on the same team-wave points,
for the same period and the next."""

from pathlib import Path

import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from tiwell.aggregate import summarise
from tiwell.pipeline import score_file
from tiwell.turnover import join_waves, read_hr, wave_dates
from tiwell.views import check_cells
from ui.state import SAMPLE, SAMPLE_TURNOVER

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def expected_points(lag: int):
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    column = "burnout"
    table = summarise(survey.scored, {column: "Burnout"}, ["wave", "team"], 5, within=["wave"])
    table = check_cells(table, survey.scored, ["wave", "team"], {}, 5)
    table = table[table["shown"] & table["mean"].notna()]
    turnover = read_hr(SAMPLE_TURNOVER.read_bytes(), SAMPLE_TURNOVER.name).table
    return join_waves(table, turnover, wave_dates(survey.scored, survey.mapping.column_for("date")), lag)


@pytest.fixture
def page():
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    app.switch_page("pages/turnover.py").run()
    return app.button[0].click().run()


@pytest.mark.parametrize("lag, choice", [(0, "the same period"), (1, "the next period")])
def test_correlations_match_scipy_on_the_same_points(page, lag, choice):
    page.radio[0].set_value(choice).run()
    assert not page.exception
    points = expected_points(lag)
    shown = page.dataframe[-1].value.set_index("method")
    pearson = stats.pearsonr(points["mean"], points["turnover_rate"])
    spearman = stats.spearmanr(points["mean"], points["turnover_rate"])
    assert shown.loc["Pearson", "n"] == len(points) and len(points) >= 10
    assert shown.loc["Pearson", "r"] == pytest.approx(pearson.statistic, abs=5e-4)
    assert shown.loc["Pearson", "p"] == pytest.approx(pearson.pvalue, abs=5e-4)
    assert shown.loc["Spearman", "r"] == pytest.approx(spearman.statistic, abs=5e-4)
    ci = pearson.confidence_interval(0.95)
    assert (shown.loc["Pearson", "ci_low"], shown.loc["Pearson", "ci_high"]) == pytest.approx((ci.low, ci.high), abs=5e-4)


def test_the_page_states_the_formula_and_the_limits(page):
    assert any("leavers in the period / average headcount" in c.value for c in page.caption)
    assert "compares teams, not people" in page.warning[0].value
    assert "Clinical Psychology" not in {t for t in page.selectbox[-1].options}


def test_without_hr_data_the_page_asks_for_it():
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    app.switch_page("pages/turnover.py").run()
    assert "Upload HR data" in app.info[0].value
