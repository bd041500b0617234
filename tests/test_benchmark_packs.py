"""Benchmark packs: made from released tables with no group under 10 and no team name, refused on
reading when they would reveal one, pooled with hand-worked figures, and 200 made-up
organisations' packs pooled in the CLI and the app."""

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from synthetic.organisations import COUNT, organisation_pack, team_names
from tiwell.cli import main
from tiwell.errors import PackError
from tiwell.instruments import load_builtin
from tiwell.packs import (PACK_MIN, TEAM_TYPES, WHOLE, PackScore, benchmark_references, build_pack, combine_groups,
                          organisation_code, pack_bytes, pool_packs, read_pack, rounded)
from tiwell.packs.read import SCORE_KEYS, TOP_KEYS
from ui.state import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
PACKS = sorted((ROOT / "data" / "samples" / "packs").glob("org_*.json"))
DASHBOARD = str(ROOT / "dashboard.py")
BURNOUT = PackScore("proqol5", "burnout", "burnout", ("low", "moderate", "high"))
HEADER = {"organisation": organisation_code("Example Trust"), "sector": "charity", "size_band": "under 50",
          "period": "2026-03"}


def rows(**groups) -> pd.DataFrame:
    """Released-looking burnout rows: name -> (n, mean, sd[, (share_low, share_moderate, share_high)])."""
    out = []
    for name, (n, mean, sd, *shares) in groups.items():
        low, moderate, high = shares[0] if shares else (np.nan,) * 3
        out.append({"team": name, "subscale": "burnout", "n": n, "mean": mean, "sd": sd, "share_low": low,
                    "share_moderate": moderate, "share_high": high})
    return pd.DataFrame(out)


def groups_of(pack: dict) -> dict[str, dict]:
    return {s["group"]: s for s in pack["scores"]}


# ---------------------------------------------------------------- making a pack


def test_counts_are_rounded_to_five_and_means_to_two_decimals():
    assert [rounded(n) for n in (10, 12, 13, 17, 18)] == [10, 10, 15, 15, 20]
    whole = rows(all=(26.0, 24.123, 5.678, (0.0, 15 / 26, 11 / 26))).drop(columns="team")
    teams = rows(Oak=(12.0, 25.0, 5.0), Elm=(11.0, 23.0, 6.0), Ash=(3.0, 24.0, 4.0))
    pack = build_pack(whole, teams, [BURNOUT], {"Oak": "residential", "Elm": "fieldwork"}, HEADER)
    got = groups_of(pack)
    # whole 26 - residential 12 - fieldwork 11 = 3 people outside the types, which anyone could subtract:
    # the smallest type (fieldwork, 11) is left out too, leaving 14 outside.
    assert list(got) == [WHOLE, "residential"]
    assert got[WHOLE] | {"bands": None} == {"instrument": "proqol5", "subscale": "burnout", "group": WHOLE, "n": 25,
                                            "mean": 24.12, "sd": 5.68, "bands": None}
    assert got[WHOLE]["bands"] == {"low": 0, "moderate": 15, "high": 10}  # 15 and 11 people; none in low
    assert got["residential"]["n"] == 10 and got["residential"]["bands"] is None  # its team's bands were hidden


def test_a_type_under_ten_and_bands_of_one_to_nine_people_are_left_out():
    whole = rows(all=(23.0, 24.0, 5.0, (4 / 23, 8 / 23, 11 / 23))).drop(columns="team")
    teams = rows(Oak=(12.0, 25.0, 5.0), Elm=(6.0, 23.0, 6.0), Ash=(5.0, 24.0, 4.0))
    pack = build_pack(whole, teams, [BURNOUT], {"Oak": "residential", "Elm": "residential", "Ash": "fieldwork"},
                      HEADER)
    # residential 18 people, fieldwork 5 (under 10: out); then 23 - 18 = 5 outside: residential out too.
    assert list(groups_of(pack)) == [WHOLE] and groups_of(pack)[WHOLE]["bands"] is None  # 4 people in low


def test_a_type_combines_its_teams_exactly():
    n, mean, sd = combine_groups([10, 20, 30], [20.0, 26.0, 23.0], [2.0, 3.0, 4.0])
    # mean 1410 / 60 = 23.5; within 9*4 + 19*9 + 29*16 = 671, between 10*12.25 + 20*6.25 + 30*0.25 = 255
    assert (n, mean) == (60.0, 23.5) and sd == pytest.approx(math.sqrt(926 / 59))


def test_a_team_type_named_like_a_team_is_refused_in_one_sentence():
    from tiwell.packs.make import _types
    with pytest.raises(PackError, match="also the name of a team"):
        _types({"Residential": "residential"}, ("Residential", "Elm"))
    with pytest.raises(PackError, match="not a team type"):
        _types({"Oak": "Oak House"}, ("Oak",))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams=st.lists(st.tuples(st.text(min_size=1, max_size=12), st.integers(0, 40), st.booleans(),
                                st.sampled_from([*TEAM_TYPES, None])), min_size=1, max_size=8,
                      unique_by=lambda t: t[0]),
       hidden_bands=st.booleans())
def test_no_pack_ever_carries_a_group_under_ten_or_a_team_name(teams, hidden_bands):
    vocabulary = {WHOLE, *TEAM_TYPES, "proqol5", "burnout", "low", "moderate", "high", "tiwell-benchmark-pack",
                  *HEADER.values(), *TOP_KEYS, *SCORE_KEYS}  # the pack's own words: a team may not be named so
    assume(all(name.strip() and name not in vocabulary for name, *_ in teams))
    released = [(name, n) for name, n, shown, _ in teams if shown and n >= 5]
    shares = (np.nan,) * 3 if hidden_bands else (0.2, 0.5, 0.3)
    table = rows(**{name: (float(n), 24.0, 5.0, shares) for name, n in released}) if released else pd.DataFrame(
        columns=["team", "subscale", "n", "mean", "sd"])
    total = sum(n for _, n, *_ in teams)
    assume(total >= 1)
    whole = rows(all=(float(total), 24.0, 5.0, shares)).drop(columns="team")
    types = {name: kind for name, _, _, kind in teams if kind is not None}
    if total < PACK_MIN:
        with pytest.raises(PackError, match="nothing a pack may carry"):
            build_pack(whole, table, [BURNOUT], types, HEADER)
        return
    pack = read_pack(pack_bytes(build_pack(whole, table, [BURNOUT], types, HEADER)), "p.json")  # passes reading
    typed = {g: s for g, s in groups_of(pack).items() if g != WHOLE}
    exact = {kind: sum(n for name, n in released if types.get(name) == kind) for kind in typed}
    assert all(n >= PACK_MIN for n in exact.values())
    assert not 0 < total - sum(exact.values()) < PACK_MIN  # nothing under 10 by subtraction
    strings = _strings(pack)
    assert not strings & {name for name, *_ in teams}


def _strings(value) -> set[str]:
    """Every key and text value anywhere in a JSON document."""
    if isinstance(value, dict):
        return set(value) | set().union(*map(_strings, value.values()))
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return {value} if isinstance(value, str) else set()


# ---------------------------------------------------------------- reading a pack


def a_pack() -> dict:
    return json.loads(PACKS[0].read_bytes())


@pytest.mark.parametrize("change, reason", [
    (lambda p: p["scores"][0].update(n=5), "its n is 5, and a pack must leave out any group of fewer than 10"),
    (lambda p: p["scores"][0].update(n=12), "must be a count rounded to 5"),
    (lambda p: p["scores"][0].update(bands={"low": 5, "moderate": 100, "high": 20}), "band 'low' is 5"),
    (lambda p: p["scores"][0].update(group="Ashby 1 Children's Residential"), "never names a team"),
    (lambda p: p["scores"][0].update(bands={"Oak House": 20}), "the instrument's own band labels"),
    (lambda p: p.update(comment="Oak House is struggling"), "holds 'comment', which a pack never carries"),
    (lambda p: p.update(sector="Oak House"), "its sector must be one of"),
    (lambda p: p["scores"][0].update(mean=80.0), "outside the scale"),
    (lambda p: p["scores"].append(dict(p["scores"][0])), "is given twice"),
])
def test_a_pack_that_breaks_a_rule_is_refused_with_the_reason(change, reason):
    pack = a_pack()
    change(pack)
    with pytest.raises(PackError, match=reason) as refused:
        read_pack(json.dumps(pack).encode(), "theirs.json")
    assert str(refused.value).startswith("theirs.json")


def test_a_file_that_is_not_a_pack_is_one_sentence():
    with pytest.raises(PackError, match="theirs.json is not a benchmark pack: it is not a JSON document"):
        read_pack(b"\xff\xfe not json", "theirs.json")
    with pytest.raises(PackError, match="does not say format"):
        read_pack(b"[1, 2]", "theirs.json")


def test_a_pack_round_trips():
    pack = a_pack()
    assert read_pack(pack_bytes(pack), "again.json") == pack


# ---------------------------------------------------------------- pooling


def pack_of(code: str, period: str, n: int, mean: float, sd: float) -> dict:
    return {**HEADER, "organisation": code, "period": period, "format": "tiwell-benchmark-pack", "version": 1,
            "scores": [{"instrument": "proqol5", "subscale": "burnout", "group": WHOLE, "n": n, "mean": mean,
                        "sd": sd, "bands": None}]}


def test_pooling_gives_quartiles_of_organisations_means_and_the_pooled_mean_and_sd():
    packs = [pack_of("a" * 16, "2026", 10, 20.0, 2.0), pack_of("b" * 16, "2026", 20, 26.0, 3.0),
             pack_of("c" * 16, "2026", 30, 23.0, 4.0), pack_of("c" * 16, "2025", 50, 40.0, 9.0)]
    benchmark = pool_packs(packs)
    row = benchmark.table.iloc[0]
    assert (benchmark.organisations, benchmark.duplicates) == (3, 1)  # organisation c's older pack left out
    # means 20, 23, 26: R's quantile type 7 gives 21.5, 23, 24.5
    assert (row["organisations"], row["people"], row["q1"], row["median"], row["q3"]) == (3, 60, 21.5, 23.0, 24.5)
    assert (row["pooled_mean"], row["pooled_sd"]) == pytest.approx((23.5, math.sqrt(926 / 59)))
    reference = benchmark_references(benchmark)[0]
    assert reference.score("burnout").mean == pytest.approx(23.5) and reference.n == 60


def test_a_group_behind_fewer_than_three_organisations_is_not_pooled():
    packs = [pack_of("a" * 16, "2026", 10, 20.0, 2.0), pack_of("b" * 16, "2026", 20, 26.0, 3.0)]
    assert pool_packs(packs).table.empty


# ---------------------------------------------------------------- 200 made-up organisations


def test_the_sample_packs_are_what_the_generator_makes():
    assert len(PACKS) == COUNT
    assert PACKS[0].read_bytes() == organisation_pack(1)


def test_no_sample_pack_holds_a_team_name_or_a_group_under_ten():
    names = team_names()
    for path in PACKS:
        pack = read_pack(path.read_bytes(), path.name)
        assert not _strings(pack) & names, path.name
        assert all(s["n"] >= PACK_MIN for s in pack["scores"])


def test_the_cli_pools_200_packs(tmp_path, capsys):
    out = tmp_path / "benchmark.json"
    assert main(["benchmark", *map(str, PACKS), "--out", str(out)]) == 0
    benchmark = json.loads(out.read_text("utf-8"))
    assert benchmark["organisations"] == COUNT and benchmark["packs_read"] == COUNT
    whole = {(g["subscale"], g["group"]): g for g in benchmark["groups"]}[("burnout", WHOLE)]
    assert whole["organisations"] == COUNT and whole["q1"] <= whole["median"] <= whole["q3"]
    assert f"Benchmark of {COUNT} organisations" in capsys.readouterr().err


def test_the_cli_refuses_a_bad_pack_and_pools_the_rest(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    pack = a_pack()
    pack["scores"][0]["n"] = 5
    bad.write_text(json.dumps(pack), "utf-8")
    assert main(["benchmark", str(bad), *map(str, PACKS[:3]), "--out", str(tmp_path / "b.json")]) == 0
    err = capsys.readouterr().err
    assert "bad.json, score 1" in err and "fewer than 10" in err and "1 pack(s) refused" in err


def test_the_cli_writes_a_pack_from_an_export_without_team_names(tmp_path):
    out = tmp_path / "pack.json"
    assert main(["pack", str(SAMPLE), "--organisation", "Sample Trust", "--sector", "children's services",
                 "--team-type", "Children's Residential=residential", "--team-type", "Early Help=community",
                 "--out", str(out)]) == 0
    pack = read_pack(out.read_bytes(), "pack.json")
    assert {s["group"] for s in pack["scores"]} == {WHOLE, "residential", "community"}
    assert pack["period"] == "2026-03" and "Residential" not in out.read_text("utf-8")


def test_the_app_pools_200_packs_into_a_reference_for_the_overview():
    app = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    app.button[0].click().run()
    app.switch_page("pages/benchmarks.py").run()
    files = [(path.name, path.read_bytes(), "application/json") for path in PACKS]
    app.file_uploader[0].set_value(files).run()
    assert not app.exception and not app.warning
    assert f"Benchmark of {COUNT} organisations from {COUNT} packs" in app.success[0].value.replace("\\", "")
    table = app.dataframe[-1].value
    assert (table["organisations"] <= COUNT).all() and len(table) >= 3
    app.switch_page("pages/overview.py").run()
    choice = next(s for s in app.selectbox if s.label == "Compare with")
    assert choice.value.startswith("benchmark:proqol5:")
    compared = next(d.value for d in app.dataframe if "Reference mean" in d.value.columns)
    assert list(compared["Score"]) == ["Compassion satisfaction", "Burnout", "Secondary traumatic stress"]
    assert not app.exception
