"""The "What to act on" page against the core's own numbers: ranked on the sample with the
generator's strongest driver first, intervals before the ranking, a small team with no analysis,
and a survey without questions of its own told so."""

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from figures import _decode, traces
from tiwell.analysis.drivers import analysis_frame, driver_columns, impact, outcomes
from tiwell.theme import PRINCIPLE_IDS
from tiwell.stats import p_adjust
from tiwell.pipeline import score_file
from synthetic.respondents import OWN_QUESTIONS
from ui.state import SAMPLE, SAMPLES, SURVEY_KEY

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGE = "pages/drivers.py"


@pytest.fixture(scope="module")
def survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture
def app():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    return app.switch_page(PAGE).run()


def core_table(survey, column: str, padjust: str = "holm"):
    outcome = next(o for o in outcomes(survey) if o.column == column)
    drivers = driver_columns(survey)
    return impact(analysis_frame(survey, survey.scored), outcome, drivers,
                  {d: survey.question_scales[d].favourable_from for d in drivers}, padjust=padjust)


def ranked(app):
    return next(d.value for d in app.dataframe if "interval" in d.value.columns)


def select(app, label: str, value):
    return next(s for s in app.selectbox if s.label == label).select(value).run()


def test_the_page_ranks_the_samples_questions_strongest_first(app, survey):
    assert not app.exception
    shown = ranked(app)
    expected = core_table(survey, "burnout")
    assert shown["driver"].tolist() == expected["driver"].tolist()
    assert shown["driver"].iloc[0] == OWN_QUESTIONS[0][0]
    first = expected.iloc[0]
    assert shown["interval"].iloc[0] == f"{first['impact_low']:.2f} to {first['impact_high']:.2f}"
    assert shown["favourable"].iloc[0] == pytest.approx(first["favourable"])


def test_the_interval_chart_comes_before_the_ranking_and_draws_the_cores_intervals(app, survey):
    headers = [h.value for h in app.header]
    assert headers.index("How sure we are") < headers.index("Ranked, with the numbers behind it")
    assert "not causes" in app.info[0].value
    forest = traces(app.get("plotly_chart")[0])[0]
    expected = core_table(survey, "burnout")
    assert forest["x"] == pytest.approx(expected["impact"].tolist())
    below = (expected["impact"] - expected["impact_low"]).tolist()
    assert _decode(forest["error_x"]["arrayminus"]) == pytest.approx(below)


def test_strengths_come_first_in_the_priority_list(app):
    lines = [m.value for m in app.markdown if m.value.startswith("**")]
    order = [line.split("**")[1] for line in lines if line.split("**")[1] in ("Protect", "Build on", "Act", "Watch")]
    assert order == ["Protect", "Build on", "Act", "Watch"]
    layout = json.loads(app.get("plotly_chart")[1].proto.spec)["layout"]
    assert [a["text"] for a in layout["annotations"]] == ["<b>protect</b>", "<b>build on</b>", "<b>act</b>",
                                                          "<b>watch</b>"]


def test_another_outcome_and_bh_follow_the_core(app, survey):
    select(app, "Relate the questions to", "Secondary traumatic stress")
    select(app, "Adjustment for many questions", "Benjamini-Hochberg (false discovery rate)")
    shown = ranked(app)
    expected = core_table(survey, "secondary_traumatic_stress", "bh")
    assert shown["driver"].iloc[0] == OWN_QUESTIONS[3][0]
    adjusted = p_adjust(expected["spearman_p"].to_numpy(), "bh")
    assert shown["adjusted"].tolist() == ["< 0.001" if p < 0.001 else f"{p:.3f}" for p in adjusted]


def test_a_team_below_the_threshold_shows_no_driver_analysis(app):
    next(s for s in app.sidebar.selectbox if s.label == "Team").select("Clinical Psychology").run()
    assert any("No driver analysis for this selection: fewer than 25 people" in i.value for i in app.info)
    assert not app.get("plotly_chart") and not app.dataframe


def test_a_raised_threshold_hides_a_mid_sized_team(app):
    next(s for s in app.sidebar.selectbox if s.label == "Team").select("Business Support").run()
    assert ranked(app) is not None
    next(n for n in app.number_input if n.label == "Smallest group analysed").set_value(60).run()
    assert any("fewer than 60 people" in i.value for i in app.info)


def test_a_survey_without_own_questions_is_told_so():
    st.cache_data.clear()
    st.cache_resource.clear()
    data = (SAMPLES / "layouts" / "qualtrics.csv").read_bytes()
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.session_state[SURVEY_KEY] = score_file(data, "qualtrics.csv")
    app.switch_page(PAGE).run()
    assert not app.exception
    assert "no questions of your own" in app.info[0].value


def test_the_mapping_editor_offers_a_principle_and_a_reversed_flag_per_question(app):
    app.switch_page("pages/home.py").run()
    editor = next(d for d in app.dataframe if d.proto.editing_mode)
    config = json.loads(editor.proto.columns)
    assert config["principle"]["type_config"] == {"type": "selectbox", "options": list(PRINCIPLE_IDS)}
    assert config["reversed"]["type_config"] == {"type": "checkbox"}
    rows = editor.value.set_index("column")
    assert rows.loc[OWN_QUESTIONS[0][0], ["role", "principle", "reversed"]].tolist() == \
        ["driver", OWN_QUESTIONS[0][1], False]
