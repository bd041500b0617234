"""The Actions page and the workspace in the app: logging an action, its before and after result
against the core's, a workspace brought back on the home page, and the action marked on Trends."""

import json
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from scipy import stats
from streamlit.testing.v1 import AppTest

from figures import as_read, traces
from synthetic import layouts
from tiwell.analysis import action_effect, effect_sentences
from tiwell.pipeline import score_file
from synthetic.samples import SAMPLE_ACTION
from tiwell.workspace import Workspace
from ui.state import SAMPLE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
EXAMPLE = SAMPLE.with_name("workspace_example.json")


@pytest.fixture
def app():
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(DASHBOARD, default_timeout=90).run()
    app.button[0].click().run()
    return app


def add_action(app, *, title: str, teams: list[str], owner: str):
    app.date_input[0].set_value(date(2025, 6, 1))
    app.text_input[0].input(title)
    for team in teams:
        app.multiselect[0].select(team)
    next(box for box in app.selectbox if box.label == "Principle it serves").select("Peer support")
    app.text_input[1].input(owner)
    return app.button[0].click().run()


def test_logging_an_action_shows_its_effect_as_the_core_computes_it(app):
    app.switch_page("pages/actions.py").run()
    assert "No actions logged yet" in app.info[0].value
    add_action(app, title="Protected reflective supervision started", teams=["Family Support North"],
               owner="Service manager")
    assert not app.exception and not app.error
    assert app.session_state["workspace"].actions == (SAMPLE_ACTION,)
    log = app.data_editor[0].value
    assert log[["title", "principle", "owner"]].values.tolist() == [[SAMPLE_ACTION.title, "Peer support",
                                                                     "Service manager"]]
    scored = score_file(SAMPLE.read_bytes(), SAMPLE.name).scored
    effect = action_effect(scored, SAMPLE_ACTION, "burnout", 5)
    expected = effect_sentences(effect, "Burnout", "higher_is_worse")
    shown = [as_read(m.value) for m in app.markdown]
    assert "\n".join(f"- {line}" for line in expected) in shown
    chart = traces(app.get("plotly_chart")[0])
    assert [t["name"] for t in chart] == ["Teams it touched", "Other teams"]
    assert chart[0]["y"] == pytest.approx(effect.cells["mean"].iloc[:2].tolist())


def test_an_incomplete_action_is_named_and_not_logged(app):
    app.switch_page("pages/actions.py").run()
    add_action(app, title="Caseload cap", teams=[], owner="")
    assert as_read(app.error[0].value) == "The new action ('Caseload cap'): owner is empty; every action needs one."
    assert app.session_state["workspace"].actions == ()


def test_a_workspace_brought_back_sets_the_settings_and_the_log(app):
    text = Workspace(min_group=7, neutral_labels=True, actions=(SAMPLE_ACTION,)).to_json()
    app.file_uploader[1].upload("tiwell-workspace.json", text.encode(), "application/json").run()
    assert not app.exception
    assert app.success[0].value.startswith("Workspace brought back: 1 logged action(s), smallest group shown 7.")
    app.switch_page("pages/trends.py").run()
    assert app.sidebar.number_input[0].value == 7
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]
    assert [(s["x0"], s["line"]["dash"]) for s in spec["shapes"]] == [(0.5, "dash")]
    assert spec["annotations"][0]["text"].strip() == "01 Jun 2025: Protected reflective supervision started"
    app.switch_page("pages/present.py").run()
    assert app.sidebar.toggle[0].value is True, "neutral team labels, as saved"


def test_a_changed_setting_is_saved_in_the_workspace(app):
    app.switch_page("pages/trends.py").run()
    app.sidebar.number_input[0].set_value(6).run()
    assert app.session_state["workspace"].min_group == 6
    app.switch_page("pages/actions.py").run()
    assert app.sidebar.number_input[0].value == 6, "kept across pages"
    assert [b.label for b in app.get("download_button")] == ["Download the workspace"]


def test_a_broken_workspace_file_is_named(app):
    bad = json.loads(EXAMPLE.read_text("utf-8")) | {"min_group": 1}
    app.file_uploader[1].upload("old.json", json.dumps(bad).encode(), "application/json").run()
    assert as_read(app.error[0].value) == ("'old.json': field 'min_group' must be a whole number of at least 3, not 1.")
    assert app.session_state["workspace"].actions == ()


def test_a_workspace_brings_back_the_instruments_and_cut_points(app):
    rows = [["Team", *[f"Q{n}" for n in range(1, 23)]]] + [["North", *["3"] * 22]] * 6
    app.file_uploader[0].upload("mbi.csv", layouts.to_csv_bytes(rows), "text/csv").run()
    text = Workspace(instruments=("mbi_hss",), band_sets=(("mbi_hss", "classic_alternative"),)).to_json()
    app.file_uploader[1].upload("tiwell-workspace.json", text.encode(), "application/json").run()
    assert not app.exception and not app.error
    assert app.multiselect[0].value == ["mbi_hss"]
    assert next(box for box in app.selectbox if box.label.startswith("Cut points")).value == "classic_alternative"
    survey = app.session_state["survey"]
    assert [i.id for i in survey.instruments] == ["mbi_hss"]
    # every answer 3 ("a few times a month"): EE = 9 x 3 = 27, moderate under EE 30+
    assert survey.scored["emotional_exhaustion"].iloc[0] == 27
    assert survey.scored["emotional_exhaustion_band"].iloc[0] == "moderate"


def test_trends_shows_each_teams_change_as_the_core_computes_it(app):
    app.switch_page("pages/trends.py").run()
    assert next(box for box in app.selectbox if box.label == "Score").value == "Burnout", "the HR lead's question"
    table = app.dataframe[-1].value
    scored = score_file(SAMPLE.read_bytes(), SAMPLE.name).scored
    north = scored[scored["team"] == "Family Support North"]
    before, after = (north.loc[north["wave"] == w, "burnout"].dropna() for w in ("2025-03", "2025-09"))
    welch = stats.ttest_ind(after, before, equal_var=False).confidence_interval(0.95)
    change, low, high = after.mean() - before.mean(), welch.low, welch.high
    row = table.set_index(["team", "from"]).loc[("Family Support North", "2025-03")]
    assert (row["change"], row["95% interval"]) == (f"{change:+.1f}", f"from {low:+.1f} to {high:+.1f}")
    way = "higher" if change > 0 else "lower"
    verdict = "worth talking about together" if change > 0 else "a change for the better"
    assert row["what it means"] == ("about the same: we can't tell it apart from chance" if low <= 0 <= high else
                                    f"{way} burnout, beyond noise, {verdict}")
    hidden = table.set_index(["team", "from"]).loc[("Clinical Psychology", "2025-03")]
    assert (hidden["change"], hidden["what it means"]) == ("", "too few people in one of the two waves")
    # The latest pair of waves first, the largest change first within it, blanks last.
    assert table["to"].tolist() == sorted(table["to"], reverse=True)
    for _, pair in table.groupby("to"):
        sizes = [abs(float(c)) for c in pair["change"] if c]
        assert sizes == sorted(sizes, reverse=True) and pair["change"].tolist()[len(sizes):] == [""] * (len(pair) - len(sizes))


def test_the_chosen_score_is_the_one_the_next_page_opens_on(app):
    app.switch_page("pages/trends.py").run()
    next(box for box in app.selectbox if box.label == "Score").select("Compassion satisfaction").run()
    sentences = [as_read(m.value) for m in app.markdown if as_read(m.value).startswith("- 2025-09 against 2025-03")]
    assert len(sentences) == 1 and "compassion satisfaction" in sentences[0]
    assert "Compassion satisfaction by wave" in json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    app.switch_page("pages/overview.py").run()
    app.switch_page("pages/actions.py").run()
    add_action(app, title="Protected reflective supervision started", teams=["Family Support North"],
               owner="Service manager")
    assert next(box for box in app.selectbox if box.label == "Score").value == "Compassion satisfaction"
    app.switch_page("pages/trends.py").run()
    assert next(box for box in app.selectbox if box.label == "Score").value == "Compassion satisfaction"
