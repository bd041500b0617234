"""The instruments page renders every definition and takes a user's own, naming a bad field."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from figures import as_read
from tiwell.instruments import builtin_instruments

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
CUSTOM = (Path(__file__).resolve().parent / "pulse3.toml").read_text()  # a small instrument of our own


@pytest.fixture
def page():
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    return app.switch_page("pages/instruments.py").run()


def read_table(table):
    """An st.table as a person reads it: each header and text cell without its Markdown escapes."""
    frame = table.value
    frame = frame.map(lambda v: as_read(v) if isinstance(v, str) else v)
    frame.columns = [as_read(c) for c in frame.columns]
    return frame


def test_every_builtin_definition_renders(page):
    box = page.selectbox[0]
    assert len(box.options) == len(builtin_instruments())
    for option in box.options:
        page.selectbox[0].select(option).run()
        assert not page.exception
        assert as_read(page.header[0].value).startswith(option.split(": ", 1)[1][:20])


def test_proqol_shows_its_key_and_sources(page):
    page.selectbox[0].select("ProQOL 5: Professional Quality of Life Scale, version 5").run()
    # Tables that wrap their text rather than cut it at the right edge, as typed once read.
    parts = read_table(page.table[0]).set_index("id")
    assert parts.loc["burnout", "items"] == "1, 4, 8, 10, 15, 17, 19, 21, 26, 29"
    assert parts.loc["burnout", "bands"] == "low: 22 or less; moderate: 23 to 41; high: 42 or more"
    assert "tiwell's default" in parts.loc["burnout", "missing-item rule source"]
    items = read_table(page.table[2]).set_index("item")
    assert items.loc[29, "reverse-scored"] == "yes" and items.loc[29, "text"] == "I am a very caring person."
    assert not page.dataframe, "no instrument table is cut off on the right"
    assert any("Stamm" in m.value for m in page.markdown)


def test_a_malformed_custom_definition_names_the_field(page):
    page.file_uploader[0].upload("mine.toml", CUSTOM.replace('direction = "higher_is_worse"', 'direction = "up"').encode(),
                                 "application/toml").run()
    assert "field 'subscales[0].direction'" in as_read(page.error[0].value)


def test_a_custom_definition_joins_the_list_and_the_upload_page(page):
    page.file_uploader[0].upload("mine.toml", CUSTOM.encode(), "application/toml").run()
    assert as_read(page.success[0].value) == "Pulse 3 (pulse3) is ready to use."
    assert "Pulse 3: Three-item pulse" in page.selectbox[0].options
    assert "pulse3" in page.session_state["custom_instruments"]
