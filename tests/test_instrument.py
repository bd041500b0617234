"""Instrument files: the built-in ProQOL 5 carries its facts; a user's file works the same way,
and a malformed one is refused with the field at fault named."""

import re

import pytest

from tiwell.instruments import InstrumentError, load_builtin, load_instrument, parse_instrument

MINIMAL = """
id = "pulse3"
name = "Three-item pulse"
citation = "Our own pulse survey."
licence = "Ours."
[scale]
min = 0
max = 4
labels = [{ value = 0, label = "Not at all" }, { value = 4, label = "Always" }]
[[items]]
number = 1
[[items]]
number = 2
reversed = true
[[items]]
number = 3
[[subscales]]
id = "strain"
direction = "higher_is_worse"
method = "mean"
items = [1, 2, 3]
missing = { min_answered = 2 }
bands = [{ label = "lower", max = 1.9 }, { label = "higher", min = 2 }]
"""


def test_proqol5_facts_match_the_published_key():
    inst = load_builtin("proqol5")
    assert inst.reversed_items == (1, 4, 15, 17, 29)
    assert inst.subscale("compassion_satisfaction").items == (3, 6, 12, 16, 18, 20, 22, 24, 27, 30)
    assert inst.subscale("burnout").items == (1, 4, 8, 10, 15, 17, 19, 21, 26, 29)
    assert inst.subscale("secondary_traumatic_stress").items == (2, 5, 7, 9, 11, 13, 14, 23, 25, 28)
    bands = inst.subscale("burnout").bands
    assert [(b.label, b.low, b.high) for b in bands] == [("low", None, 22), ("moderate", 23, 41), ("high", 42, None)]
    assert inst.subscale("burnout").min_answered == 9
    assert "Stamm" in inst.citation and "freely copied" in inst.licence
    assert [lab.label for lab in inst.scale.labels] == ["Never", "Rarely", "Sometimes", "Often", "Very Often"]


def test_a_users_file_loads_by_path(tmp_path):
    path = tmp_path / "pulse.toml"
    path.write_text(MINIMAL, "utf-8")
    inst = load_instrument(path)
    assert inst.id == "pulse3" and inst.reversed_items == (2,)
    assert inst.score_range("strain") == (0, 4)


@pytest.mark.parametrize("change, field", [
    (("method = \"mean\"", "method = \"median\""), "subscales[0].method"),
    (("direction = \"higher_is_worse\"", "direction = \"up\""), "subscales[0].direction"),
    (("items = [1, 2, 3]", "items = [1, 2, 9]"), "subscales[0].items"),
    (("reversed = true", "reversed = \"yes\""), "items[1].reversed"),
    (("min = 0\n", "min = \"zero\"\n"), "scale.min"),
    (("missing = { min_answered = 2 }", "missing = { min_answered = 7 }"), "subscales[0].missing.min_answered"),
    (("citation = \"Our own pulse survey.\"\n", ""), "citation"),
    (("{ label = \"higher\", min = 2 }", "{ label = \"higher\", min = 3, max = 2 }"), "subscales[0].bands[1]"),
])
def test_a_malformed_file_names_the_field_at_fault(change, field):
    with pytest.raises(InstrumentError, match=re.escape(f"field '{field}'")):
        parse_instrument(MINIMAL.replace(*change), source="pulse.toml")


def test_not_toml_at_all_says_so():
    with pytest.raises(InstrumentError, match="pulse.toml is not valid TOML"):
        parse_instrument("id = ", source="pulse.toml")


def test_an_unknown_builtin_lists_the_choices():
    with pytest.raises(InstrumentError, match="choose one of .*proqol5"):
        load_instrument("proqol9")
