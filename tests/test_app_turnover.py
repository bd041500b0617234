"""The turnover page on the samples: its correlations equal scipy's on the same team-wave points,
for the same period and the next."""

import json
import pickle
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from figures import as_read, settled, traces
from tiwell.analysis.leavers import compare_leavers, leaver_sentence
from tiwell.pipeline import load_table, score_file, score_table
from tiwell.ingest import new_key
from tiwell.privacy import survey_release
from tiwell.analysis.turnover import join_waves, read_hr, wave_dates
from tiwell.scoring import parse_dates
from ui.state import SAMPLE, SAMPLE_STAFF_LIST, SAMPLE_TURNOVER

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def expected_points(lag: int):
    """The team-wave burnout means of the cells the release shows, each computed from the rows."""
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    cells = survey_release(survey, 5).table(["wave", "team"])
    cells = cells[(cells["subscale"] == "burnout") & cells["shown"] & cells["mean"].notna()]
    means = survey.scored.groupby(["wave", "team"])["burnout"].mean().rename("from_rows")
    cells = cells.join(means, on=["wave", "team"])
    assert cells["mean"].to_numpy() == pytest.approx(cells["from_rows"].to_numpy())
    assert not (cells["team"] == "Clinical Psychology").any(), "4 people a wave: never a point"
    table = cells.assign(mean=cells["from_rows"]).drop(columns="from_rows")
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
    assert shown.loc["Pearson", "r"] == f"{pearson.statistic:.2f}"
    p = pearson.pvalue
    assert shown.loc["Pearson", "p"] == ("< 0.001" if p < 0.001 else f"{p:.3f}")
    assert shown.loc["Spearman", "r"] == f"{spearman.statistic:.2f}"
    ci = pearson.confidence_interval(0.95)
    assert shown.loc["Pearson", "95% interval"] == f"from {ci.low:.2f} to {ci.high:.2f}"


def test_the_timeline_bars_start_at_zero_on_round_ticks(page):
    layout = json.loads(page.get("plotly_chart")[-1].proto.spec)["layout"]
    team = next(box for box in page.selectbox if box.label == "Team").value
    turnover = read_hr(SAMPLE_TURNOVER.read_bytes(), SAMPLE_TURNOVER.name).table
    highest = turnover.loc[turnover["team"] == team, "turnover_rate"].max()
    axis = layout["yaxis2"]
    assert axis["range"][0] == 0 and axis["tick0"] == 0 and axis["tickmode"] == "linear"
    assert axis["dtick"] in (1, 2, 2.5, 5, 10, 20, 25, 50) and axis["range"][1] >= highest
    assert axis["range"][1] - axis["dtick"] < highest, "the top is the first round tick above the highest rate"
    assert (axis["range"][1] / axis["dtick"]).is_integer()


def test_the_page_states_the_formula_and_the_limits(page):
    assert any("leavers in the period / average headcount" in c.value for c in page.caption)
    assert "compares teams, not people" in page.warning[0].value
    assert "Clinical Psychology" not in {t for t in page.selectbox[-1].options}


def test_without_hr_data_the_page_asks_for_it():
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    app.switch_page("pages/turnover.py").run()
    assert "Upload HR data" in app.info[0].value


def leavers_page(keep_codes: bool) -> AppTest:
    """Sample survey (employee numbers kept as private codes, or not), then the sample staff list."""
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    if keep_codes:
        app.toggle[0].set_value(True).run()
    app.switch_page("pages/turnover.py").run()
    return app.button[1].click().run()


def expected_leavers():
    key = new_key()
    table, found, _ = load_table(SAMPLE.read_bytes(), SAMPLE.name, id_key=key)
    survey = score_table(table, found)
    people = read_hr(SAMPLE_STAFF_LIST.read_bytes(), SAMPLE_STAFF_LIST.name, id_key=key).people
    answered = parse_dates(survey.scored[survey.mapping.column_for("date")])
    columns = {"compassion_satisfaction": "Compassion satisfaction", "burnout": "Burnout",
               "secondary_traumatic_stress": "Secondary traumatic stress"}
    return compare_leavers(survey.scored, table.person_codes, people, answered, columns, min_group=5)


def test_later_leavers_and_stayers_are_compared_in_aggregate():
    app = leavers_page(keep_codes=True)
    assert not app.exception
    expected = expected_leavers()
    chart = next(c for c in app.get("plotly_chart") if "left minus stayed" in c.proto.spec)
    drawn = traces(chart)[0]
    assert drawn["y"] == expected.table["label"].tolist()
    assert drawn["x"] == pytest.approx(expected.table["g"].tolist())
    burnout = expected.table.set_index("column").loc["burnout"]
    assert burnout["mean_left"] > burnout["mean_stayed"]  # the generator makes strained people likelier to leave
    text = " ".join(as_read(m.value) for m in app.markdown)
    assert f"{expected.left} people left within 6 months" in text
    assert leaver_sentence(burnout.rename(None)) in text
    assert any("not any one person" in w.value for w in app.warning)


def test_no_employee_number_ever_reaches_the_session():
    app = leavers_page(keep_codes=True)
    numbers = set(pd.read_csv(SAMPLE_STAFF_LIST, dtype=str)["Employee number"])
    survey = app.session_state["survey"]
    held = pickle.dumps({key: settled(value) for key, value in app.session_state.to_dict().items()})
    assert survey.table.person_codes.notna().sum() > 800
    assert not any(number.encode() in held for number in numbers)


def test_without_private_codes_the_page_says_how_to_turn_them_on():
    app = leavers_page(keep_codes=False)
    assert not app.exception
    assert any("Keep employee numbers as private codes" in i.value for i in app.info)
    assert not any("left minus stayed" in c.proto.spec for c in app.get("plotly_chart"))
