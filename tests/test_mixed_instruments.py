"""One upload holding several instruments: each is found, each is scored, one row per person."""

import pandas as pd
import pytest

from synthetic import layouts
from tiwell.instruments import load_builtin
from tiwell.pipeline import score_column_names, score_file

PROQOL, CBI = load_builtin("proqol5"), load_builtin("cbi")


def forms_export(rows: list[dict]) -> bytes:
    """A Microsoft Forms-like export: ProQOL statements then CBI questions as headers."""
    proqol = layouts.statements(PROQOL)
    cbi = {n: t.replace("[clients]", "the families you support") for n, t in
           ((i.number, i.text) for i in CBI.items)}
    header = ["ID", "Team", *proqol.values(), *cbi.values()]
    body = [[str(k + 1), r["team"], *[r["proqol"].get(n, "") for n in proqol], *[r["cbi"].get(n, "") for n in cbi]]
            for k, r in enumerate(rows)]
    return layouts.to_csv_bytes([header, *body])


@pytest.fixture(scope="module")
def survey():
    often = {n: "Often" for n in range(1, 31)}
    rows = [
        # ProQOL all "Often" (4): CS 40, BO 30, STS 40. CBI all "Often" (75), item 13 reversed -> 25:
        # personal 75; work (6 x 75 + 25) / 7 = 67.857; client 75.
        {"team": "North", "proqol": often, "cbi": {n: "Often" for n in range(1, 20)}},
        # Degree wording on items 7-9 ("To a high degree" = 75, "Somewhat" = 50); client items left blank
        # (not someone who works with families): client burnout blank, status still scored.
        # work = (75 + 50 + 75 + 75 + 75 + 75 + (100 - 75)) / 7 = 450 / 7 = 64.286.
        {"team": "South", "proqol": often,
         "cbi": {n: "Often" for n in range(1, 14)} | {7: "To a high degree", 8: "Somewhat", 9: "to a high degree"}},
        # CBI personal: only 2 of 6 answered (rule needs 3): not scored. ProQOL untouched.
        {"team": "South", "proqol": often, "cbi": {1: "Always", 2: "Never", 7: "Always"}},
    ]
    return score_file(forms_export(rows), "mixed.csv")


def test_both_instruments_are_found(survey):
    assert [i.id for i in survey.instruments] == ["proqol5", "cbi"]
    assert len(survey.mapping.item_columns("proqol5")) == 30
    assert len(survey.mapping.item_columns("cbi")) == 19


def test_both_are_scored_on_one_row_per_person(survey):
    scored = survey.scored
    assert len(scored) == 3
    assert scored["compassion_satisfaction"].tolist() == [40, 40, 40]
    assert scored["personal_burnout"].iloc[0] == 75
    assert scored["work_burnout"].iloc[:2].tolist() == pytest.approx([475 / 7, 450 / 7])
    assert scored["client_burnout"].iloc[0] == 75 and pd.isna(scored["client_burnout"].iloc[1])


def test_status_is_the_worst_of_the_instruments_and_says_which(survey):
    scored = survey.scored
    assert scored["proqol5_status"].tolist() == ["scored"] * 3
    assert scored["cbi_status"].tolist() == ["scored", "scored", "not_scored"]
    assert scored["status"].tolist() == ["scored", "scored", "not_scored"]
    assert scored["reason"].iloc[2].startswith("CBI: Personal burnout: 4 of 6 items unanswered, at least 3 needed")


def test_shared_subscale_ids_get_the_instrument_in_front():
    names = score_column_names((load_builtin("olbi"), load_builtin("mbi_gs")))
    assert names[("olbi", "exhaustion")] == "olbi_exhaustion"
    assert names[("mbi_gs", "exhaustion")] == "mbi_gs_exhaustion"
    assert names[("olbi", "disengagement")] == "disengagement"


def test_prefixed_numbers_name_their_instrument():
    header = ["Team", *[f"ProQOL_{n}" for n in range(1, 31)], *[f"CBI_{n}" for n in range(1, 20)]]
    body = ["A", *["3"] * 30, *["50"] * 19]
    survey = score_file(layouts.to_csv_bytes([header, body]), "numbers.csv")
    assert [i.id for i in survey.instruments] == ["proqol5", "cbi"]
    # All 50: CBI personal 50, work (6 x 50 + (100 - 50)) / 7 = 50.
    assert survey.scored[["personal_burnout", "work_burnout", "compassion_satisfaction"]].iloc[0].tolist() == [50, 50, 30]


@pytest.mark.parametrize("names, expected", [
    ([f"MBI_{n}" for n in range(1, 17)], "mbi_gs"),
    ([f"MBI-GS_{n}" for n in range(1, 17)], "mbi_gs"),
    ([f"MBI-ES {n}" for n in range(1, 23)], "mbi_es"),
    ([f"MBI_{n}" for n in range(1, 23)], "mbi_hss"),
])
def test_mbi_family_prefixes_pick_the_right_edition(names, expected):
    survey = score_file(layouts.to_csv_bytes([["Team", *names], ["A", *["3"] * len(names)]]), "mbi.csv")
    assert [i.id for i in survey.instruments] == [expected]
