"""Hand-worked scores for every built-in instrument other than ProQOL 5 (see test_scoring.py).

Each block builds a few respondents' answers AS GIVEN (reversal is score()'s job), works the
expected scores out by hand in the comments, and checks them, including reversed items, the
missing-item rule (one row scored from fewer items, one row not scored), bands, band sets and
profiles. Answer text is read with read_answers the way an upload is.
"""

import tomllib
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from tiwell.instruments import builtin_ids, load_builtin
from tiwell.scoring import read_answers, score

BUILTINS = ("proqol5", "mbi_hss", "mbi_es", "mbi_gs", "cbi", "olbi", "stss", "single_item_burnout")
MBI_IDS = ("mbi_hss", "mbi_es", "mbi_gs")


def frame(rows: list[dict], n_items: int) -> pd.DataFrame:
    """Answers as given, one float column per item number 1..n, NaN where unanswered."""
    return pd.DataFrame(rows).reindex(columns=range(1, n_items + 1)).astype(float)


def answers(**groups) -> dict:
    """A respondent from (items, values) pairs, e.g. answers(ee=(EE, [3] * 9))."""
    out = {}
    for items, values in groups.values():
        assert len(items) == len(values)
        out.update({n: v for n, v in zip(items, values)})
    return out


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value)


# ---------------------------------------------------------------- every definition


def raw_toml(instrument_id: str) -> dict:
    text = resources.files("tiwell.instruments").joinpath(f"{instrument_id}.toml").read_text("utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize("instrument_id", BUILTINS)
def test_every_builtin_definition_loads(instrument_id):
    assert instrument_id in builtin_ids()
    inst = load_builtin(instrument_id)
    assert inst.id == instrument_id
    assert inst.citation and inst.licence
    for sub in inst.subscales:
        assert sub.meaning and sub.missing_rule_source
        assert set(sub.items) <= set(inst.item_numbers)


def test_the_builtin_set_is_complete():
    assert set(builtin_ids()) == set(BUILTINS)


@pytest.mark.parametrize("instrument_id", MBI_IDS)
def test_no_mbi_file_ships_item_text(instrument_id):
    assert all("text" not in item for item in raw_toml(instrument_id)["items"])
    assert all(item.text is None for item in load_builtin(instrument_id).items)


def test_the_single_item_ships_no_option_or_question_text():
    data = raw_toml("single_item_burnout")
    assert all("text" not in item for item in data["items"])
    inst = load_builtin("single_item_burnout")
    published_fragments = ("I enjoy my work", "don't always have as much energy", "at the point where")
    labels = " ".join(lab.label for lab in inst.scale.labels)
    assert not any(fragment.lower() in labels.lower() for fragment in published_fragments)


@pytest.mark.parametrize("instrument_id", MBI_IDS)
def test_mbi_subscales_have_no_default_bands_and_band_sets_are_named_classic(instrument_id):
    inst = load_builtin(instrument_id)
    assert all(sub.bands == () for sub in inst.subscales)
    for band_set in inst.band_sets:
        assert band_set.label.startswith("Classic cut-offs")
        assert "nconfirmed" in band_set.source


# ---------------------------------------------------------------- MBI-HSS and MBI-ES (same key)

EE = [1, 2, 3, 6, 8, 13, 14, 16, 20]
DP = [5, 10, 11, 15, 22]
PA = [4, 7, 9, 12, 17, 18, 19, 21]
MBI_SUBS = ["emotional_exhaustion", "depersonalisation", "personal_accomplishment"]


def mbi_people() -> pd.DataFrame:
    return frame([
        # A. EE all 3 = 27; DP all 2 = 10; PA all 4 = 32. No reversed items on the MBI.
        #    Item means 3.0 (>= 3.0 critical), 2.0 (>= 2.0 critical), 4.0 (> 3.875 not critical):
        #    exhaustion and depersonalisation only -> unassigned.
        answers(ee=(EE, [3] * 9), dp=(DP, [2] * 5), pa=(PA, [4] * 8)),
        # B. EE 0, DP 0, PA all 6 = 48: engaged.
        answers(ee=(EE, [0] * 9), dp=(DP, [0] * 5), pa=(PA, [6] * 8)),
        # C. EE item 20 unanswered, the other 8 answered 6,6,6,6,6,6,6,5 = 47:
        #    prorated 47 / 8 * 9 = 52.875. DP all 6 = 30. PA all 1 = 8. All three critical: burnout.
        answers(ee=(EE, [6, 6, 6, 6, 6, 6, 6, 5, np.nan]), dp=(DP, [6] * 5), pa=(PA, [1] * 8)),
        # D. DP items 5 and 10 unanswered: 3 of 5 answered, below the 4 needed -> no DP score,
        #    no profile, status not_scored. EE all 1 = 9, PA all 5 = 40 keep their scores.
        answers(ee=(EE, [1] * 9), dp=(DP, [np.nan, np.nan, 1, 1, 1]), pa=(PA, [5] * 8)),
        # E. EE all 1 = 9, DP all 1 = 5, PA 4,4,4,4,4,4,4,3 = 31: mean 3.875, exactly on the
        #    boundary (at or below is critical): ineffective.
        answers(ee=(EE, [1] * 9), dp=(DP, [1] * 5), pa=(PA, [4, 4, 4, 4, 4, 4, 4, 3])),
    ], 22)


@pytest.fixture(scope="module", params=["mbi_hss", "mbi_es"])
def mbi(request):
    inst = load_builtin(request.param)
    return inst, mbi_people()


def test_mbi_sums_prorating_and_the_missing_rule(mbi):
    inst, people = mbi
    scored = score(people, inst)
    expected = [[27, 10, 32], [0, 0, 48], [52.875, 30, 8], [9, np.nan, 40], [9, 5, 31]]
    assert scored[MBI_SUBS].to_numpy() == pytest.approx(np.array(expected, dtype=float), nan_ok=True)
    assert scored["status"].tolist() == ["scored", "scored", "prorated", "not_scored", "scored"]
    assert scored.loc[2, "reason"] == "Emotional exhaustion prorated: 1 of 9 items unanswered"
    assert scored.loc[3, "reason"] == "Depersonalisation: 2 of 5 items unanswered, at least 4 needed"
    # No default bands for the MBI.
    assert scored[[f"{s}_band" for s in MBI_SUBS]].isna().all().all()


def test_mbi_classic_3rd_edition_cut_offs(mbi):
    inst, people = mbi
    scored = score(people, inst, band_set=inst.band_set("classic_3rd_edition"))
    # EE <=16 low / 17-26 moderate / >=27 high; DP <=6 / 7-12 / >=13; PA >=39 high / 32-38 / <=31 low.
    # A: 27 high, 10 moderate, 32 moderate. B: 0 low, 0 low, 48 high.
    # C: 52.875 high, 30 high, 8 low. D: 9 low, no DP score, 40 high. E: 9 low, 5 low, 31 low.
    assert scored["emotional_exhaustion_band"].tolist() == ["high", "low", "high", "low", "low"]
    assert scored["depersonalisation_band"].astype(object).tolist()[:3] == ["moderate", "low", "high"]
    assert is_missing(scored.loc[3, "depersonalisation_band"])
    assert scored.loc[4, "depersonalisation_band"] == "low"
    assert scored["personal_accomplishment_band"].tolist() == ["moderate", "high", "low", "high", "low"]


def test_mbi_classic_alternative_cut_offs(mbi):
    inst, people = mbi
    scored = score(people, inst, band_set=inst.band_set("classic_alternative"))
    # EE <=17 / 18-29 / >=30; DP <=5 / 6-11 / >=12; PA >=40 high / 34-39 / <=33 low.
    # A: 27 moderate, 10 moderate, 32 low. B: low, low, 48 high. C: high, high, low.
    # D: 9 low, -, 40 high. E: 9 low, 5 low, 31 low.
    assert scored["emotional_exhaustion_band"].tolist() == ["moderate", "low", "high", "low", "low"]
    assert scored.loc[0, "depersonalisation_band"] == "moderate"
    assert scored.loc[4, "depersonalisation_band"] == "low"
    assert scored["personal_accomplishment_band"].tolist() == ["low", "high", "low", "high", "low"]


def test_mbi_hss_and_es_approximate_profiles(mbi):
    inst, people = mbi
    profile = score(people, inst)[f"{inst.id}_profile"]
    assert profile.astype(object).tolist()[:3] == ["unassigned", "Engaged", "Burnout"]
    assert is_missing(profile[3])
    assert profile[4] == "Ineffective"
    assert inst.profiles.boundaries == {"emotional_exhaustion": 3.0, "depersonalisation": 2.0,
                                        "personal_accomplishment": 3.875}
    assert "unconfirmed" in inst.profiles.note


def test_mbi_answer_labels_read_as_0_to_6():
    inst = load_builtin("mbi_hss")
    texts = ["Never", "a few times a year or less", "Once a month or less", "A few times a month",
             "once a week", "A few times a week", "Every day", "7"]
    matrix, findings = read_answers(pd.DataFrame({"MBI_1": texts}), {1: "MBI_1"}, inst.scale)
    assert matrix[1].tolist()[:7] == [0, 1, 2, 3, 4, 5, 6]
    assert np.isnan(matrix[1].iloc[7]) and findings[0].code == "off_scale"


# ---------------------------------------------------------------- MBI-GS (item means, Dutch norms)

EX = [1, 2, 3, 4, 6]
CY = [8, 9, 13, 14, 15]
EF = [5, 7, 10, 11, 12, 16]
GS_SUBS = ["exhaustion", "cynicism", "professional_efficacy"]


@pytest.fixture(scope="module")
def gs():
    inst = load_builtin("mbi_gs")
    people = frame([
        # 0 engaged: exhaustion 1.0, cynicism 1.0, efficacy 5.0.
        answers(ex=(EX, [1] * 5), cy=(CY, [1] * 5), ef=(EF, [5] * 6)),
        # 1 ineffective: efficacy 3,4,3,4,3,4 = 21 / 6 = 3.5 (<= 3.66).
        answers(ex=(EX, [1] * 5), cy=(CY, [1] * 5), ef=(EF, [3, 4, 3, 4, 3, 4])),
        # 2 overextended: exhaustion 2,2,3,2,2 = 11 / 5 = 2.2, exactly the 2.20 boundary (at or above).
        answers(ex=(EX, [2, 2, 3, 2, 2]), cy=(CY, [1] * 5), ef=(EF, [5] * 6)),
        # 3 disengaged: cynicism all 2 = 2.0, exactly the 2.00 boundary.
        answers(ex=(EX, [1] * 5), cy=(CY, [2] * 5), ef=(EF, [5] * 6)),
        # 4 burnout: exhaustion 5.0, cynicism 5.0, efficacy 1.0.
        answers(ex=(EX, [5] * 5), cy=(CY, [5] * 5), ef=(EF, [1] * 6)),
        # 5 unassigned: exhaustion 4.0 and efficacy 2.0 critical, cynicism 1.0 not.
        answers(ex=(EX, [4] * 5), cy=(CY, [1] * 5), ef=(EF, [2] * 6)),
        # 6 cynicism items 8 and 9 unanswered: 3 of 5, below the 4 needed -> NaN, no profile.
        answers(ex=(EX, [1] * 5), cy=(CY, [np.nan, np.nan, 1, 1, 1]), ef=(EF, [5] * 6)),
        # 7 exhaustion item 6 unanswered: mean of the 4 answered 3,4,5,2 = 14 / 4 = 3.5 (critical);
        #   efficacy 4,4,3,4,3,4 = 22 / 6 = 3.667, just above 3.66 (not critical): overextended.
        answers(ex=(EX, [3, 4, 5, 2, np.nan]), cy=(CY, [1] * 5), ef=(EF, [4, 4, 3, 4, 3, 4])),
    ], 16)
    return inst, score(people, inst)


def test_mbi_gs_item_means_and_missing_rule(gs):
    _, scored = gs
    expected = [[1, 1, 5], [1, 1, 3.5], [2.2, 1, 5], [1, 2, 5], [5, 5, 1], [4, 1, 2], [1, np.nan, 5],
                [3.5, 1, 22 / 6]]
    assert scored[GS_SUBS].to_numpy() == pytest.approx(np.array(expected, dtype=float), nan_ok=True)
    assert scored.loc[6, "status"] == "not_scored"
    assert scored.loc[7, "status"] == "prorated"
    assert scored.loc[7, "reason"] == "Exhaustion is the mean of the 4 answered items of 5"


def test_mbi_gs_profiles_by_the_dutch_norms(gs):
    inst, scored = gs
    assert inst.profiles.boundaries == {"exhaustion": 2.2, "cynicism": 2.0, "professional_efficacy": 3.66}
    profile = scored["mbi_gs_profile"].astype(object)
    assert profile.tolist()[:6] == ["Engaged", "Ineffective", "Overextended", "Disengaged", "Burnout", "unassigned"]
    assert is_missing(profile[6])
    assert profile[7] == "Overextended"


# ---------------------------------------------------------------- CBI (text answers, both label sets)

CBI_SUBS = ["personal_burnout", "work_burnout", "client_burnout"]


def test_cbi_both_label_sets_read_to_the_same_values():
    inst = load_builtin("cbi")
    pairs = [
        ("Always", "To a very high degree", 100),
        ("often", "TO A HIGH DEGREE", 75),
        ("Sometimes", "  somewhat ", 50),
        ("Seldom", "To a low degree", 25),
        ("Never/almost never", "To a very low degree", 0),
        ("Never / almost never", "to a very low  degree", 0),
        ("Never or almost never", "To a very low degree", 0),
        ("Almost never", "To a very low degree", 0),
    ]
    table = pd.DataFrame({"freq": [p[0] for p in pairs], "degree": [p[1] for p in pairs]})
    matrix, findings = read_answers(table, {1: "freq", 7: "degree"}, inst.scale)
    assert findings == []
    assert matrix[1].tolist() == matrix[7].tolist() == [p[2] for p in pairs]


@pytest.fixture(scope="module")
def cbi():
    inst = load_builtin("cbi")
    P, W, C = range(1, 7), range(7, 14), range(14, 20)
    rows = [
        # A. everything "Often"/"To a high degree" (75). Personal 75. Work: six 75s and item 13
        #    reversed 100 - 75 = 25: (450 + 25) / 7 = 67.857. Client 75.
        answers(p=(P, ["Often"] * 6), w=(W, ["To a high degree"] * 3 + ["Often"] * 4),
                c=(C, ["To a high degree"] * 4 + ["Often"] * 2)),
        # B. personal all "Seldom" (25) = 25. Work 7-12 "Somewhat" (50), item 13 "Never/almost never"
        #    (0, reversed to 100): (300 + 100) / 7 = 57.143. Client all blank: does not work with
        #    clients, so client score NaN and status still "scored".
        answers(p=(P, ["Seldom"] * 6), w=(W, ["Somewhat"] * 6 + ["Never/almost never"])),
        # C. personal: only items 1 and 2 (both "Always") -> 2 of 6, below 3: not scored.
        #    Work: only 7 (100), 8 (75), 9 (50) and 13 ("Always" 100 -> reversed 0): 4 of 7, the
        #    minimum: mean (100 + 75 + 50 + 0) / 4 = 56.25. Client 14-16 only: 0, 25, 50 -> 25.
        answers(p=([1, 2], ["Always"] * 2), w=([7, 8, 9, 13], ["To a very high degree", "To a high degree",
                                                             "Somewhat", "Always"]),
                c=([14, 15, 16], ["To a very low degree", "To a low degree", "Somewhat"])),
        # D. personal all "Sometimes" = 50; work all "Sometimes" (13 reversed stays 50) = 50;
        #    client only 2 of 6 answered (partly filled in, so not "not applicable"): not scored.
        answers(p=(P, ["Sometimes"] * 6), w=(W, ["Sometimes"] * 7), c=([14, 15], ["Somewhat", "Somewhat"])),
    ]
    table = pd.DataFrame(rows).reindex(columns=range(1, 20))
    table.columns = [f"CBI_{n}" for n in table.columns]
    matrix, findings = read_answers(table, {n: f"CBI_{n}" for n in range(1, 20)}, inst.scale)
    assert findings == []
    return inst, score(matrix, inst)


def test_cbi_means_reversed_item_and_missing_rules(cbi):
    _, scored = cbi
    expected = [[75, 475 / 7, 75], [25, 400 / 7, np.nan], [np.nan, 56.25, 25], [50, 50, np.nan]]
    assert scored[CBI_SUBS].to_numpy() == pytest.approx(np.array(expected, dtype=float), nan_ok=True)
    assert scored["status"].tolist() == ["scored", "scored", "not_scored", "not_scored"]
    assert scored.loc[2, "reason"].startswith("Personal burnout: 4 of 6 items unanswered, at least 3 needed")
    assert scored.loc[3, "reason"] == "Client-related burnout: 4 of 6 items unanswered, at least 3 needed"


def test_cbi_client_scale_is_optional(cbi):
    inst, scored = cbi
    assert inst.subscale("client_burnout").optional
    assert not inst.subscale("personal_burnout").optional
    assert np.isnan(scored.loc[1, "client_burnout"]) and scored.loc[1, "status"] == "scored"
    assert scored.loc[1, "reason"] == ""


def test_cbi_reading_aid_bands(cbi):
    _, scored = cbi
    # 75 and 67.9 and 56.25 and 50 are "50 or more"; 25 is "below 50".
    assert scored["personal_burnout_band"].astype(object).tolist()[:2] == ["50 or more", "below 50"]
    assert scored.loc[3, "personal_burnout_band"] == "50 or more"
    assert scored["work_burnout_band"].tolist() == ["50 or more"] * 4
    assert scored.loc[2, "client_burnout_band"] == "below 50"


def test_cbi_items_use_an_adaptable_word_for_clients():
    inst = load_builtin("cbi")
    client_items = inst.subscale("client_burnout").items
    assert all("[clients]" in inst.items[n - 1].text for n in client_items)
    assert inst.reversed_items == (13,)


# ---------------------------------------------------------------- OLBI

# Disengagement: items 1, 3, 6, 7, 9, 11, 13, 15 (reversed in tiwell's coding: 1, 7, 13, 15).
# Exhaustion: items 2, 4, 5, 8, 10, 12, 14, 16 (reversed: 5, 10, 14, 16).
POSITIVE = {1, 5, 7, 10, 13, 14, 15, 16}


def olbi_row(negative: float, positive: float, blank=()) -> dict:
    """Negatively worded items answered `negative`, positively worded ones `positive`."""
    return {n: (np.nan if n in blank else positive if n in POSITIVE else negative) for n in range(1, 17)}


def test_olbi_reversed_items_means_and_missing_rule():
    inst = load_builtin("olbi")
    assert inst.reversed_items == (1, 5, 7, 10, 13, 14, 15, 16)
    people = frame([
        # A. everything 4 (strongly agree). Each subscale: four 4s and four reversed 5 - 4 = 1:
        #    (16 + 4) / 8 = 2.5.
        olbi_row(4, 4),
        # B. negative items 4, positive items 1 (reversed to 4): both subscales 4.0.
        olbi_row(4, 1),
        # C. item 1 unanswered: disengagement is the mean of 7 items, all 3 (negative 3; positive
        #    2 reversed to 3) = 3.0. Exhaustion 3.0. Status prorated (mean of answered).
        olbi_row(3, 2, blank={1}),
        # D. items 2 and 4 unanswered: exhaustion has 6 of 8, below the 7 needed -> NaN.
        #    Disengagement: negative items 2 (x4 = 8), positive 2 reversed to 3 (x4 = 12): 20 / 8 = 2.5.
        olbi_row(2, 2, blank={2, 4}),
    ], 16)
    scored = score(people, inst)
    expected = [[2.5, 2.5], [4, 4], [3, 3], [2.5, np.nan]]
    assert scored[["disengagement", "exhaustion"]].to_numpy() == pytest.approx(np.array(expected), nan_ok=True)
    assert scored["status"].tolist() == ["scored", "scored", "prorated", "not_scored"]
    assert scored.loc[3, "reason"] == "Exhaustion: 2 of 8 items unanswered, at least 7 needed"


def test_olbi_agreement_labels():
    inst = load_builtin("olbi")
    texts = ["Strongly disagree", "disagree", "Agree", "STRONGLY AGREE", "4 - Strongly agree"]
    matrix, findings = read_answers(pd.DataFrame({"OLBI_1": texts}), {1: "OLBI_1"}, inst.scale)
    assert findings == [] and matrix[1].tolist() == [1, 2, 3, 4, 4]


# ---------------------------------------------------------------- STSS

INTR = [2, 3, 6, 10, 13]
AVOID = [1, 5, 7, 9, 12, 14, 17]
AROUS = [4, 8, 11, 15, 16]
STSS_SUBS = ["intrusion", "avoidance", "arousal", "sts_total"]


def test_stss_sums_prorating_and_missing_rule():
    inst = load_builtin("stss")
    people = frame([
        # A. all 1 (never): 5, 7, 5; total 17 -> little or none.
        answers(i=(INTR, [1] * 5), av=(AVOID, [1] * 7), ar=(AROUS, [1] * 5)),
        # B. intrusion all 3 = 15, avoidance all 2 = 14, arousal all 2 = 10; total 39 -> moderate.
        answers(i=(INTR, [3] * 5), av=(AVOID, [2] * 7), ar=(AROUS, [2] * 5)),
        # C. item 17 unanswered. Avoidance: six 4s = 24, prorated 24 / 6 * 7 = 28. Intrusion 3s = 15,
        #    arousal 3s = 15. Total: 16 answered, 15 + 24 + 15 = 54, prorated 54 / 16 * 17 = 57.375
        #    -> severe.
        answers(i=(INTR, [3] * 5), av=(AVOID, [4] * 6 + [np.nan]), ar=(AROUS, [3] * 5)),
        # D. items 4 and 8 unanswered: arousal 3 of 5 (< 4) and total 15 of 17 (< 16) -> NaN.
        #    Intrusion 2s = 10, avoidance 2s = 14.
        answers(i=(INTR, [2] * 5), av=(AVOID, [2] * 7), ar=(AROUS, [np.nan, np.nan, 2, 2, 2])),
    ], 17)
    scored = score(people, inst)
    expected = [[5, 7, 5, 17], [15, 14, 10, 39], [15, 28, 15, 57.375], [10, 14, np.nan, np.nan]]
    assert scored[STSS_SUBS].to_numpy() == pytest.approx(np.array(expected, dtype=float), nan_ok=True)
    assert scored["status"].tolist() == ["scored", "scored", "prorated", "not_scored"]
    assert scored["sts_total_band"].astype(object).tolist()[:3] == ["little or none", "moderate", "severe"]
    assert is_missing(scored.loc[3, "sts_total_band"])
    assert scored[["intrusion_band", "avoidance_band", "arousal_band"]].isna().all().all()


@pytest.mark.parametrize("total, band", [
    (27, "little or none"), (28, "mild"), (37, "mild"), (38, "moderate"), (43, "moderate"),
    (44, "high"), (48, "high"), (49, "severe"), (85, "severe"),
])
def test_stss_bride_2007_bands_on_the_total(total, band):
    inst = load_builtin("stss")
    # 17 answers of 1 make 17; add 1 to the first (total - 17) answers, up to 5 each.
    values = [1] * 17
    extra = total - 17
    for k in range(17):
        step = min(4, extra)
        values[k] += step
        extra -= step
    assert sum(values) == total
    scored = score(frame([dict(zip(range(1, 18), values))], 17), inst)
    assert scored.loc[0, "sts_total"] == total
    assert scored.loc[0, "sts_total_band"] == band


# ---------------------------------------------------------------- single-item burnout

# Long option wordings written for these tests (paraphrases, not the published options).
LONG_OPTIONS = [
    ("I really enjoy what I do and notice no signs of burnout at all.", 1),
    ("Some weeks I'm under stress and low on energy, though I wouldn't say I'm burned out.", 2),
    ("Honestly I'm burning out: I have at least one symptom, such as feeling drained.", 3),
    ("My burnout symptoms won\u2019t go away and I keep thinking about frustrations at work.", 4),
    ("These symptoms won't go away, whatever I try.", 4),
    ("I feel completely burned out and may need to get some help.", 5),
    ("4", 4),
    ("Burning out, one or more symptoms", 3),
    ("I'm not sure", None),
]


def test_single_item_options_read_by_keywords():
    inst = load_builtin("single_item_burnout")
    table = pd.DataFrame({"Using your own definition of burnout, choose one": [t for t, _ in LONG_OPTIONS]})
    matrix, findings = read_answers(table, {1: table.columns[0]}, inst.scale)
    got = [None if np.isnan(v) else v for v in matrix[1]]
    assert got == [v for _, v in LONG_OPTIONS]
    assert [f.value for f in findings] == ["I'm not sure"]


def test_single_item_keywords_each_name_one_option():
    inst = load_builtin("single_item_burnout")
    from tiwell.text.spelling import normalise
    keywords = {lab.value: [normalise(k) for k in lab.keywords] for lab in inst.scale.labels}
    for text, value in LONG_OPTIONS[:6]:
        hits = {v for v, words in keywords.items() if any(f" {w} " in f" {normalise(text)} " for w in words)}
        assert hits == {value}, text


def test_single_item_score_and_bands():
    inst = load_builtin("single_item_burnout")
    scored = score(frame([{1: v} for v in (1, 2, 3, 4, 5)] + [{}], 1), inst)
    assert scored["burnout_single"].tolist()[:5] == [1, 2, 3, 4, 5]
    assert scored["burnout_single_band"].astype(object).tolist()[:5] == [
        "no burnout symptoms", "no burnout symptoms", "burnout symptoms", "burnout symptoms", "burnout symptoms"]
    assert np.isnan(scored.loc[5, "burnout_single"]) and scored.loc[5, "status"] == "not_scored"
