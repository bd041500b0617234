"""The hostile corpus uploaded in the dashboard: one error box with the core's sentence, never an
exception on the page, and nothing kept in session state; readable oddities are scored."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from figures import as_read
from hostile import Case, corpus
from tiwell.instruments import parse_instrument
from tiwell.pipeline import score_file

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
CASES = corpus()


@pytest.fixture(scope="module")
def home():
    return AppTest.from_file(DASHBOARD, default_timeout=60).run()


@pytest.fixture(scope="module")
def instruments():
    return AppTest.from_file(DASHBOARD, default_timeout=60).run().switch_page("pages/instruments.py").run()


def upload(app: AppTest, case: Case) -> AppTest:
    return app.file_uploader[0].upload(case.filename, case.data, "application/octet-stream").run()


def core_message(case: Case) -> str:
    try:
        if case.kind == "instrument":
            parse_instrument(case.data.decode("utf-8", errors="replace"), source="your instrument file")
        else:
            score_file(case.data, case.filename)
    except ValueError as exc:
        return str(exc)
    raise AssertionError(f"{case.name} was expected to be refused")


@pytest.mark.parametrize("case", [c for c in CASES if c.expect and c.kind == "survey"], ids=lambda c: c.name)
def test_a_broken_upload_shows_the_cores_one_sentence(home, case):
    upload(home, case)
    assert not home.exception
    assert [as_read(e.value) for e in home.error] == [core_message(case)]
    assert case.expect in as_read(home.error[0].value)
    assert home.session_state["survey"] is None
    assert len(home.metric) == 0


@pytest.mark.parametrize("case", [c for c in CASES if c.expect is None], ids=lambda c: c.name)
def test_a_readable_oddity_is_scored_on_the_page(home, case):
    upload(home, case)
    assert not home.exception and not home.error
    expected = score_file(case.data, case.filename).counts
    assert {m.label: int(m.value) for m in home.metric}["Respondents"] == expected["respondents"]
    assert home.session_state["survey"].counts == expected


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "instrument"], ids=lambda c: c.name)
def test_a_broken_definition_is_named_on_the_instruments_page(instruments, case):
    upload(instruments, case)
    assert not instruments.exception
    assert len(instruments.error) == 1 and core_message(case) in as_read(instruments.error[0].value)
    assert "pulse3" not in instruments.session_state["custom_instruments"], "a broken definition is never kept"
