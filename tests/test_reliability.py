"""Reliability: Cronbach's alpha (Feldt interval), omega total, item analysis.

Expected values: R 4.2.2 with psych 2.2.9 (Debian bookworm's r-cran-psych, GPArotation for
psych::omega), printed with options(digits = 15); hand working in the comments; scipy's F
distribution for the interval formula.
"""

import doctest

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from tiwell.stats import reliability
from tiwell import stats as S

# 30 respondents x 6 items (1-5), simulated once from a one-factor model; item q5 is weak.
ITEMS = pd.DataFrame({
    "q1": [3, 2, 2, 1, 3, 2, 3, 3, 1, 2, 2, 4, 2, 2, 2, 2, 2, 3, 4, 2, 4, 2, 3, 3, 3, 3, 3, 4, 4, 3],
    "q2": [3, 3, 2, 3, 4, 2, 3, 4, 2, 3, 3, 4, 4, 3, 3, 2, 3, 3, 4, 3, 2, 3, 4, 2, 4, 3, 3, 4, 3, 2],
    "q3": [4, 1, 3, 1, 2, 3, 3, 3, 2, 5, 3, 4, 2, 2, 1, 1, 2, 4, 3, 3, 3, 3, 3, 2, 2, 3, 4, 3, 4, 2],
    "q4": [1, 2, 3, 2, 2, 3, 2, 4, 1, 2, 2, 5, 4, 2, 2, 1, 4, 3, 4, 4, 3, 3, 2, 3, 4, 4, 3, 4, 3, 3],
    "q5": [4, 2, 2, 2, 3, 4, 5, 2, 2, 4, 4, 3, 3, 4, 1, 3, 2, 2, 2, 5, 4, 2, 3, 3, 3, 2, 3, 3, 4, 3],
    "q6": [2, 2, 3, 2, 3, 3, 2, 4, 1, 4, 3, 3, 4, 1, 3, 2, 2, 3, 5, 3, 2, 3, 3, 1, 3, 4, 4, 4, 4, 3],
})
SMALL = pd.DataFrame({"q1": [1.0, 2, 3, 4, 5], "q2": [2.0, 2, 3, 5, 4], "q3": [1.0, 3, 3, 4, 5]})


def test_alpha_matches_psych():
    # R: a <- psych::alpha(items); a$total$raw_alpha; psych::alpha.ci(a$total$raw_alpha, 30, 6)
    # (psych prints the same as "95% confidence boundaries (Feldt)": 0.5 0.7 0.84)
    row = S.cronbach_alpha(ITEMS).iloc[0]
    assert list(row.index) == S.ALPHA_COLUMNS
    assert row["alpha"] == pytest.approx(0.700751613758953, abs=1e-12)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.49769164831774, 0.84022693994805), abs=1e-12)
    assert (row["n"], row["k"], row["poor"]) == (30, 6, False)


def test_alpha_by_hand():
    # item variances 2.5, 1.7, 2.2 (sum 6.4); totals 4, 7, 9, 13, 14 have variance 17.3;
    # alpha = 3/2 · (1 - 6.4/17.3) = 0.9450867. R psych::alpha gives 0.945086705202312.
    row = S.cronbach_alpha(SMALL).iloc[0]
    assert row["alpha"] == pytest.approx(1.5 * (1 - 6.4 / 17.3), abs=1e-12)
    # Feldt: 1 - (1 - alpha)·F(0.975 / 0.025; 4, 8)
    assert row["ci_low"] == pytest.approx(1 - (1 - row["alpha"]) * sps.f.ppf(0.975, 4, 8), abs=1e-12)
    assert row["ci_high"] == pytest.approx(1 - (1 - row["alpha"]) * sps.f.ppf(0.025, 4, 8), abs=1e-12)
    assert S.cronbach_alpha(SMALL, confidence=0.9)["ci_low"].iloc[0] > row["ci_low"]


def test_item_total_matches_psych():
    # R: psych::alpha(items)$item.stats$r.drop and $alpha.drop$raw_alpha
    r_drop = [0.6088417108080858, 0.4137469210700725, 0.5507717166708533, 0.4585560920587520, 0.0822740798360317,
              0.5668281040664530]
    alpha_drop = [0.609602815485168, 0.670479302832244, 0.619015957446809, 0.652479550102250, 0.768380875853757,
                  0.613590939373751]
    table = S.item_total(ITEMS)
    assert list(table.columns) == S.ITEM_TOTAL_COLUMNS
    assert table["item"].tolist() == list(ITEMS.columns)
    assert table["r_corrected"].tolist() == pytest.approx(r_drop, abs=1e-12)
    assert table["alpha_if_deleted"].tolist() == pytest.approx(alpha_drop, abs=1e-12)
    assert table["mean"].tolist() == pytest.approx(ITEMS.mean().tolist())


def test_item_total_small_by_psych():
    # R: psych::alpha(small): alpha.drop 0.852941176470588 0.978260869565217 0.909090909090909;
    # r.drop 0.970142500145332 0.809154779878678 0.898969631887246
    table = S.item_total(SMALL)
    assert table["alpha_if_deleted"].tolist() == pytest.approx([0.852941176470588, 0.978260869565217,
                                                                0.909090909090909], abs=1e-12)
    assert table["r_corrected"].tolist() == pytest.approx([0.970142500145332, 0.809154779878678,
                                                           0.898969631887246], abs=1e-12)
    two = S.item_total(SMALL[["q1", "q2"]])
    assert two["alpha_if_deleted"].isna().all() and not two["r_corrected"].isna().any()


def test_loadings_and_omega_match_psych():
    # R: psych::fa(items, 1, fm = "minres")$loadings; psych::omega(items, nfactors = 1)$omega.tot
    loadings = [0.6645922981571329, 0.5692632237106549, 0.5165000342435999, 0.6529601381791655,
                0.0584503393601104, 0.7947234861857234]
    table = S.factor_loadings(ITEMS)
    # psych's optimiser stops at its own tolerance: agreement to 1e-5, not 1e-9
    assert table["loading"].tolist() == pytest.approx(loadings, abs=1e-5)
    assert table["uniqueness"].tolist() == pytest.approx((1 - table["loading"] ** 2).tolist())
    row = S.omega_total(ITEMS).iloc[0]
    assert list(row.index) == S.OMEGA_COLUMNS
    assert row["omega"] == pytest.approx(0.733510442285781, abs=1e-6)
    assert (row["n"], row["k"], row["method"], row["poor"]) == (30, 6, "minres", False)
    # psych::omega(d, 1)$omega.tot on the docstring's 10 x 4 example: 0.7928462293
    doc = pd.DataFrame({"q1": [2, 4, 2, 1, 5, 2, 3, 3, 4, 3], "q2": [3, 2, 3, 1, 3, 3, 2, 2, 5, 4],
                        "q3": [2, 3, 1, 1, 3, 3, 3, 3, 3, 5], "q4": [2, 2, 2, 3, 4, 3, 2, 2, 4, 5]})
    assert S.omega_total(doc)["omega"].iloc[0] == pytest.approx(0.7928462293, abs=1e-6)


def test_omega_from_its_formula():
    # omega (observed) = (1'R1 - Σψ) / 1'R1; omega (model) = (Σλ)² / ((Σλ)² + Σψ), λ from the fit.
    lam = S.factor_loadings(ITEMS)["loading"].to_numpy()
    r = ITEMS.corr().to_numpy()
    psi = (1 - lam**2).sum()
    assert S.omega_total(ITEMS)["omega"].iloc[0] == pytest.approx((r.sum() - psi) / r.sum(), abs=1e-12)
    model = S.omega_total(ITEMS, total_variance="model")["omega"].iloc[0]
    assert model == pytest.approx(lam.sum() ** 2 / (lam.sum() ** 2 + psi), abs=1e-12)


def test_minres_recovers_an_exact_one_factor_matrix():
    # Items built so their correlation matrix is exactly λλ' off the diagonal: the fit must give λ back.
    lam = np.array([0.8, 0.7, 0.6, 0.5])
    r = np.outer(lam, lam)
    np.fill_diagonal(r, 1)
    chol = np.linalg.cholesky(r)
    z = np.random.default_rng(1).standard_normal((400, 4))
    z = (z - z.mean(0)) @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False))).T   # whiten exactly
    items = pd.DataFrame(z @ chol.T, columns=list("abcd"))
    assert S.factor_loadings(items)["loading"].tolist() == pytest.approx(lam.tolist(), abs=1e-8)
    # with a perfect fit, the two omega denominators agree: (Σλ)² / ((Σλ)² + Σ(1 - λ²))
    expected = 2.6**2 / (2.6**2 + 4 - (lam**2).sum())
    assert S.omega_total(items)["omega"].iloc[0] == pytest.approx(expected, abs=1e-8)
    assert S.omega_total(items, total_variance="model")["omega"].iloc[0] == pytest.approx(expected, abs=1e-8)


def test_poor_reliability_flag():
    assert reliability.POOR_RELIABILITY == 0.70
    weak = S.cronbach_alpha(ITEMS[["q2", "q5"]]).iloc[0]   # two weakly related items
    assert weak["alpha"] < 0.70 and bool(weak["poor"]) is True
    assert bool(S.omega_total(ITEMS[["q2", "q4", "q5"]])["poor"].iloc[0]) is True


def test_missing_answers_and_degenerate_input():
    holed = ITEMS.astype(float)
    holed.iloc[0, 1] = np.nan
    before = holed.copy()
    row = S.cronbach_alpha(holed).iloc[0]
    assert row["n"] == 29
    assert row["alpha"] == pytest.approx(S.cronbach_alpha(ITEMS.iloc[1:])["alpha"].iloc[0])
    assert S.item_total(holed)["n"].eq(29).all() and S.omega_total(holed)["n"].iloc[0] == 29
    pd.testing.assert_frame_equal(holed, before)                       # the caller's frame is untouched
    for fn in (S.cronbach_alpha, S.item_total, S.omega_total, S.factor_loadings):
        with pytest.raises(ValueError, match="nan_policy='raise'"):
            fn(holed, nan_policy="raise")
    assert np.isnan(S.cronbach_alpha(ITEMS.iloc[:1])["alpha"].iloc[0])
    constant = ITEMS.assign(q1=3)
    assert np.isnan(S.omega_total(constant)["omega"].iloc[0])
    assert S.factor_loadings(constant)["loading"].isna().all()


def test_argument_errors():
    with pytest.raises(ValueError, match="at least 2 item"):
        S.cronbach_alpha(ITEMS[["q1"]])
    with pytest.raises(ValueError, match="at least 3 item"):
        S.omega_total(ITEMS[["q1", "q2"]])
    with pytest.raises(ValueError, match="DataFrame"):
        S.cronbach_alpha(ITEMS.to_numpy())
    with pytest.raises(ValueError, match="'observed', 'model'"):
        S.omega_total(ITEMS, total_variance="implied")
    with pytest.raises(ValueError, match="'omit', 'raise'"):
        S.item_total(ITEMS, nan_policy="pairwise")
    with pytest.raises(ValueError, match="must hold numbers"):
        S.cronbach_alpha(ITEMS.assign(q1="often"))


answers = st.lists(st.integers(1, 5), min_size=3, max_size=40).filter(lambda v: len(set(v)) > 1)


@settings(max_examples=100, deadline=None)
@given(answers, st.integers(2, 8))
def test_identical_items_have_alpha_one(column, k):
    items = pd.DataFrame({f"q{i}": column for i in range(k)})
    assert S.cronbach_alpha(items)["alpha"].iloc[0] == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.permutations(list(ITEMS.columns)), st.integers(-3, 3))
def test_alpha_ignores_item_order_and_shifts(order, shift):
    base = S.cronbach_alpha(ITEMS)["alpha"].iloc[0]
    moved = ITEMS[order].assign(q3=ITEMS["q3"] + shift)
    assert S.cronbach_alpha(moved)["alpha"].iloc[0] == pytest.approx(base, abs=1e-12)
    assert S.omega_total(moved)["omega"].iloc[0] == pytest.approx(S.omega_total(ITEMS)["omega"].iloc[0], abs=1e-7)


def test_proqol_subscale_reliability_after_reverse_scoring():
    # The page's contract: answers as given -> reverse_items -> one subscale's items -> alpha.
    from tiwell.instruments.load import builtin_instruments
    from tiwell.scoring.scores import reverse_items

    proqol = next(inst for inst in builtin_instruments() if inst.id == "proqol5")
    burnout = next(sub for sub in proqol.subscales if sub.id == "burnout")
    rng = np.random.default_rng(5)
    level = rng.integers(1, 6, size=40)
    answers = pd.DataFrame({n: np.clip(level + rng.integers(-1, 2, size=40), 1, 5).astype(float)
                            for n in range(1, 31)})
    answers[list(proqol.reversed_items)] = 6 - answers[list(proqol.reversed_items)]   # as a respondent answers them
    keyed = reverse_items(answers, proqol)[list(burnout.items)]
    raw = answers[list(burnout.items)]
    assert S.cronbach_alpha(keyed)["alpha"].iloc[0] > 0.9
    assert S.cronbach_alpha(raw)["alpha"].iloc[0] < S.cronbach_alpha(keyed)["alpha"].iloc[0]
    flagged = S.item_total(raw).set_index("item")["r_corrected"]
    assert (flagged[list(set(burnout.items) & set(proqol.reversed_items))] < 0).all()


def test_docstring_examples_run():
    result = doctest.testmod(reliability, extraglobs={"pd": pd, "np": np}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
