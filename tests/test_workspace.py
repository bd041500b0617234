"""The workspace file: a round trip that keeps every field, loading that names the faulty field,
and the cycle itself: the settings saved with the 2025 export, brought back with the next
wave's export, draw every earlier view with the same numbers."""

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from tiwell.analysis import action_effect
from tiwell.pipeline import score_file
from synthetic.samples import SAMPLE_ACTION
from tiwell.privacy import survey_release
from tiwell.workspace import Workspace, WorkspaceError, check_instruments, load
from ui.state import SAMPLE

SAMPLE_2025 = SAMPLE.with_name("proqol5_microsoft_forms_2025.xlsx")
EXAMPLE = SAMPLE.with_name("workspace_example.json")
CUSTOM = (Path(__file__).resolve().parent / "pulse3.toml").read_text()  # a small instrument of our own


def full_workspace() -> Workspace:
    mapping = json.dumps({"format": "tiwell-mapping", "version": 1, "instruments": ["proqol5"],
                          "columns": [{"column": "What is your role?", "role": "ignore"}]})
    return Workspace(mapping_json=mapping, instruments=("proqol5",), band_sets=(("mbi_hss", "classic"),),
                     min_group=5, neutral_labels=True, actions=(SAMPLE_ACTION,))


def test_a_round_trip_keeps_every_field():
    workspace = full_workspace()
    assert load(workspace.to_json()) == workspace
    assert load(replace(workspace, min_group=3).to_json()).min_group == 3
    assert load(Workspace().to_json()) == Workspace()


def test_the_sample_workspace_holds_its_action():
    workspace = load(EXAMPLE.read_text("utf-8"))
    assert workspace.actions == (SAMPLE_ACTION,) and workspace.min_group == 5 and workspace.mapping_json is None


def edit(change: dict) -> str:
    return json.dumps(json.loads(full_workspace().to_json()) | change)


@pytest.mark.parametrize("text, message", [
    ("{not json", "The workspace file is not a tiwell workspace (not valid JSON"),
    (json.dumps({"format": "tiwell-mapping"}), "it needs \"format\": \"tiwell-workspace\""),
    (edit({"version": 9}), "has version 9; this tiwell reads version 1"),
    (edit({"min_group": 2}), "field 'min_group' must be a whole number of at least 3, not 2"),
    (edit({"min_group": True}), "field 'min_group' must be a whole number"),
    (edit({"neutral_labels": "yes"}), "field 'neutral_labels' must be true or false, not 'yes'"),
    (edit({"instruments": "proqol5"}), "field 'instruments' must be a list of instrument ids"),
    (edit({"band_sets": ["classic"]}), "field 'band_sets' must map instrument ids to text"),
    (edit({"mapping": {"format": "x"}}), "field 'mapping', is not a tiwell mapping file"),
    (edit({"actions": {}}), "field 'actions' must be a list of actions"),
    (edit({"actions": [SAMPLE_ACTION.to_dict() | {"principle": "Speed"}]}),
     "action 1 ('Protected reflective supervision started'): principle 'Speed' is not one of"),
    (edit({"custom_instruments": {"pulse": CUSTOM}}), "custom instrument 'pulse' defines id 'pulse3'"),
])
def test_loading_names_the_faulty_field(text, message):
    with pytest.raises(WorkspaceError) as caught:
        load(text)
    assert message in str(caught.value)


def test_custom_instruments_travel_and_unknown_ids_are_refused():
    workspace = replace(full_workspace(), custom_instruments=(("pulse3", CUSTOM),), instruments=("pulse3",))
    assert load(workspace.to_json()).custom_instruments == (("pulse3", CUSTOM),)
    check_instruments(workspace, ["proqol5", "mbi_hss"])
    with pytest.raises(WorkspaceError, match="field 'instruments' names instrument 'pulse3'"):
        check_instruments(replace(workspace, custom_instruments=()), ["proqol5", "mbi_hss"])


# ---------------------------------------------------------------- the cycle


@pytest.fixture(scope="module")
def cycle():
    """The 2025 export scored with a mapping edit, its workspace saved as text, then the full
    export scored the way that workspace says."""
    workspace = full_workspace()
    first = score_file(SAMPLE_2025.read_bytes(), SAMPLE_2025.name, instruments=workspace.instruments,
                       saved_mapping=workspace.mapping_json)
    saved = replace(workspace, mapping_json=first.mapping.to_json()).to_json()
    brought = load(saved)
    later = score_file(SAMPLE.read_bytes(), SAMPLE.name, instruments=brought.instruments,
                       saved_mapping=brought.mapping_json, band_sets=dict(brought.band_sets))
    return first, later, brought


def team_views(survey, min_group: int) -> pd.DataFrame:
    """The Teams and Trends pages' team x wave cells of two subscales, from the release."""
    table = survey_release(survey, min_group).table(["wave", "team"])
    return table[table["subscale"].isin(["burnout", "compassion_satisfaction"])].reset_index(drop=True)


def test_the_brought_back_workspace_redraws_every_earlier_view(cycle):
    first, later, brought = cycle
    assert "What is your role?" not in later.filter_columns, "the mapping edit holds on the new export"
    assert first.filter_columns == later.filter_columns == ("wave", "team")
    before = team_views(first, brought.min_group)
    after = team_views(later, brought.min_group)
    after = after[after["wave"].isin(["2025-03", "2025-09"])].reset_index(drop=True)
    assert len(before) == 2 * 9 * 2 and before["shown"].sum() < len(before), "Clinical Psychology (4 people) is hidden in both"
    hidden = before.loc[~before["shown"], "team"].unique()
    assert "Clinical Psychology" in hidden
    numbers = ["wave", "team", "subscale", "label", "people", "n", "mean", "sd", "ci_low", "ci_high", "shown"]
    pd.testing.assert_frame_equal(before[numbers], after[numbers])
    # A band share may turn into "fewer than k" once a later wave could be subtracted from it,
    # but a share never comes back with another value.
    shares = [c for c in before if c.startswith("share_")]
    both = before[shares].notna() & after[shares].notna()
    assert both.to_numpy().sum() >= 20
    assert (before[shares][both] - after[shares][both]).abs().max().max() < 1e-12
    assert not (after[shares].notna() & before[shares].isna()).any().any()
    north = first.scored[(first.scored["team"] == "Family Support North") & (first.scored["wave"] == "2025-09")]
    shown = before[(before["team"] == "Family Support North") & (before["wave"] == "2025-09")].set_index("subscale")
    assert shown.loc["burnout", "mean"] == pytest.approx(north["burnout"].mean())
    changes = survey_release(first, brought.min_group).changes("burnout", by="team")
    again = survey_release(later, brought.min_group).changes("burnout", by="team")
    pd.testing.assert_frame_equal(changes, again[again["to"] == "2025-09"].reset_index(drop=True))
    assert changes["change"].notna().sum() >= 5, "most teams' change is shown"


def test_the_action_in_the_workspace_compares_the_new_wave(cycle):
    first, later, brought = cycle
    (action,) = brought.actions
    earlier = action_effect(first.scored, action, "burnout", brought.min_group)
    now = action_effect(later.scored, action, "burnout", brought.min_group)
    assert earlier.after == ("2025-09",) and now.after == ("2025-09", "2026-03")
    same = ["n_touched_before", "mean_touched_before", "n_untouched_before", "mean_untouched_before"]
    assert earlier.result[same].equals(now.result[same]), "the waves before the action are read the same way"


def test_each_header_shape_s_mapping_is_kept_and_older_files_still_load():
    """Next year's file with the same headers finds its mapping by their shape; a workspace saved
    before shapes were kept loads with none, and one of single uploads saves the same file as before."""
    from tiwell.combine import header_shape

    survey = score_file(SAMPLE_2025.read_bytes(), SAMPLE_2025.name)
    shape = header_shape(survey.table.frame.columns)
    kept = Workspace().remembering({shape: survey.mapping.to_json()})
    back = load(kept.to_json())
    assert json.loads(back.mapping_for(shape)) == json.loads(survey.mapping.to_json())
    assert back.mapping_for("another shape") is None
    assert load(EXAMPLE.read_text("utf-8")).header_mappings == ()
    assert "header_mappings" not in json.loads(Workspace().to_json())
    again = back.remembering({shape: survey.mapping.to_json().replace('"role": "group"', '"role": "other"')})
    assert len(again.header_mappings) == 1 and '"role": "group"' not in again.mapping_for(shape)


def test_a_header_shape_s_broken_mapping_is_named():
    text = json.dumps({"format": "tiwell-workspace", "version": 1, "header_mappings": {"ab12": {"columns": 3}}})
    with pytest.raises(WorkspaceError, match="field 'header_mappings', shape 'ab12': is not a tiwell mapping file"):
        load(text, "The workspace file")
    with pytest.raises(WorkspaceError, match="field 'header_mappings' must map header shapes to mappings"):
        load(json.dumps({"format": "tiwell-workspace", "version": 1, "header_mappings": ["x"]}))
