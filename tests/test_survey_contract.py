"""The scored survey's contract: subscales as frozen records in reading order, waves and teams in
one order, the scoring choices as one value, and an upload's columns matched once."""

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import tiwell.mapping.items
import tiwell.pipeline
import ui.state
from tiwell.pipeline import ScoredSurvey as PipelineScoredSurvey
from tiwell.pipeline import ScoringChoices, score_file
from tiwell.privacy import survey_release
from tiwell.survey import ScoredSurvey
from ui.state import SAMPLE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
WAVES = ["2025", "2024-10", "2024", "2025-09", "2025", "2024"]


def mbi_export() -> bytes:
    """Six people answering the MBI-HSS (0 to 6 on each of 22 items) in four waves, two teams."""
    rows = [["Team", "Wave"] + [f"Q{n}" for n in range(1, 23)]]
    rows += [[f"T{k % 2}", wave] + [str((k + n) % 7) for n in range(1, 23)] for k, wave in enumerate(WAVES)]
    return ("\n".join(",".join(r) for r in rows) + "\n").encode()


@pytest.fixture(scope="module")
def sample() -> ScoredSurvey:
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture(scope="module")
def mbi() -> ScoredSurvey:
    return score_file(mbi_export(), "mbi.csv", instruments=("mbi_hss",))


def test_the_samples_subscales_come_strengths_first_with_their_instrument_and_range(sample):
    subs = sample.subscales
    assert [s.column for s in subs] == ["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]
    assert [s.label for s in subs] == ["Compassion satisfaction", "Burnout", "Secondary traumatic stress"]
    assert [s.higher_is_better for s in subs] == [True, False, False]
    # ten items each, answered 1 to 5, summed: 10 to 50
    assert [(s.low, s.high) for s in subs] == [(10.0, 50.0)] * 3
    assert all(s.bands == ("low", "moderate", "high") for s in subs)
    assert all(s.instrument.id == "proqol5" and s.subscale.id == s.column for s in subs)
    assert sample.subscale("burnout") is subs[1]
    assert list(sample.by_label) == ["Compassion satisfaction", "Burnout", "Secondary traumatic stress"]
    assert sample.labels["secondary_traumatic_stress"] == "Secondary traumatic stress"


def test_a_strength_defined_last_is_still_read_first(mbi):
    # The MBI-HSS defines exhaustion, depersonalisation, then accomplishment (the one strength).
    assert [s.id for s in mbi.instruments[0].subscales][-1] == "personal_accomplishment"
    assert [s.column for s in mbi.subscales] == ["personal_accomplishment", "emotional_exhaustion",
                                                 "depersonalisation"]
    # 8, 9 and 5 items answered 0 to 6, summed
    assert [(s.low, s.high) for s in mbi.subscales] == [(0.0, 48.0), (0.0, 54.0), (0.0, 30.0)]
    assert mbi.subscale("depersonalisation").direction == "higher_is_worse"
    assert mbi.instrument("mbi_hss") is mbi.instruments[0]
    with pytest.raises(KeyError):
        mbi.subscale("burnout")
    with pytest.raises(KeyError):
        mbi.instrument("proqol5")


def test_waves_and_teams_are_in_the_order_of_their_text(mbi, sample):
    assert mbi.waves == ("2024", "2024-10", "2025", "2025-09")
    assert list(mbi.waves) == sorted(mbi.scored["wave"].dropna().unique()), "as the waves were sorted before"
    assert survey_release(mbi, 5).options("wave") == list(mbi.waves), "the release offers the same order"
    assert mbi.teams == ("T0", "T1")
    assert sample.waves == ("2025-03", "2025-09", "2026-03")
    assert sample.teams[:2] == ("Adult Safeguarding", "Business Support") and len(sample.teams) == 9
    assert sample.filter_columns == ("wave", "team", "What is your role?")
    assert mbi.filter_columns == ("wave", "team")


def test_the_records_are_frozen(sample):
    with pytest.raises(FrozenInstanceError):
        sample.subscales[0].column = "burnout"
    with pytest.raises(FrozenInstanceError):
        sample.scored = sample.scored.head()
    with pytest.raises(FrozenInstanceError):
        ScoringChoices().mapping_json = "{}"
    assert PipelineScoredSurvey is ScoredSurvey, "one home for the contract, still importable from the pipeline"


def test_the_choices_reading_depends_on_leave_out_the_mapping_and_cut_points():
    choices = ScoringChoices(sheet="Responses", instruments=("mbi_hss",), mapping_json="{}",
                             band_sets=(("mbi_hss", "classic_3rd_edition"),), id_key=b"k")
    assert choices.reading == ScoringChoices(sheet="Responses", instruments=("mbi_hss",), id_key=b"k")


def in_process(monkeypatch) -> dict[str, int]:
    """Run the core in this process (not the worker), counting how often the real detection,
    header reading and scoring run."""
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setattr(ui.state, "run_limited", lambda function, *args, what, doing="", **kwargs: function(*args, **kwargs))
    calls = {}
    for module, name in ((tiwell.pipeline, "find_instruments"), (tiwell.pipeline, "detect_items"),
                         (tiwell.mapping.items, "_read_headers"), (tiwell.pipeline, "score_table")):
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _real(*args, **kwargs)
        monkeypatch.setattr(module, name, counted)
    monkeypatch.setattr(ui.state, "score_table", tiwell.pipeline.score_table)  # the page scores through state
    return calls


def test_the_home_page_reads_an_uploads_headers_and_matches_its_columns_once(monkeypatch):
    calls = in_process(monkeypatch)
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    assert not app.exception
    assert app.session_state["survey"].counts["respondents"] == 924
    assert calls == {"find_instruments": 1, "_read_headers": 1, "score_table": 1}, \
        "detected once while reading; scoring matches nothing again"


def test_the_home_page_scores_once_with_cut_points_already_chosen(monkeypatch):
    calls = in_process(monkeypatch)
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.session_state["bands-mbi_hss"] = "classic_3rd_edition"
    app.file_uploader[0].upload("mbi.csv", mbi_export(), "text/csv").run()
    assert not app.exception
    assert app.session_state["survey"].scored["emotional_exhaustion_band"].notna().all()
    assert calls["score_table"] == 1, "no scoring without the cut points first"
    assert calls["find_instruments"] == 1 and "detect_items" not in calls
