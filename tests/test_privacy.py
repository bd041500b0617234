"""Small-group suppression: hand-worked cases and the property that nothing hidden can be derived."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiwell.instruments import Band
from tiwell.privacy import Score, build_release, check_min_group, filtered_view, suppressed


def test_one_small_group_takes_the_next_smallest_with_it():
    # Total 40 is shown: hiding C (3) alone would leave it as 40 - 12 - 20 - 5.
    assert suppressed(pd.Series({"A": 12, "B": 20, "C": 3, "D": 5}), 5) == {"C", "D"}


def test_two_small_groups_that_reach_the_minimum_together_are_enough():
    assert suppressed(pd.Series({"A": 12, "B": 3, "C": 2, "D": 9}), 5) == {"B", "C"}


def test_two_small_groups_under_the_minimum_together_take_a_third():
    assert suppressed(pd.Series({"A": 12, "B": 1, "C": 2, "D": 9}), 5) == {"B", "C", "D"}


def test_no_small_group_hides_nothing():
    assert suppressed(pd.Series({"A": 5, "B": 7}), 5) == set()


def test_an_empty_group_reveals_nothing():
    assert suppressed(pd.Series({"A": 0, "B": 7, "C": 9}), 5) == set()


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), min_size=1, max_size=12),
       st.integers(3, 10))
@settings(max_examples=400, deadline=None)
def test_no_hidden_group_can_be_worked_out_from_the_total_and_its_siblings(sizes, k):
    counts = pd.Series(sizes)
    hidden = suppressed(counts, k)
    small = {g for g, n in sizes.items() if 0 < n < k}
    assert small <= hidden, "every small group is hidden"
    if hidden:
        assert len(hidden) >= 2 or len(counts[counts > 0]) == 1, "a lone hidden group would be total minus the rest"
        assert counts[list(hidden)].sum() >= k or set(counts[counts > 0].index) == hidden, \
            "the hidden groups together are not themselves a small group"


def test_filters_use_the_same_rule_as_breakdowns():
    frame = pd.DataFrame({"team": ["A"] * 12 + ["B"] * 3 + ["C"] * 6, "role": (["x", "y", "z"] * 7)})
    assert filtered_view(frame, {"team": "A"}, 5).shown
    hidden_b = filtered_view(frame, {"team": "B"}, 5)
    assert not hidden_b.shown and hidden_b.why.startswith("Fewer than 5 people match team 'B'")
    assert not filtered_view(frame, {"team": "C"}, 5).shown, "C hides with B, or B = total - A - C"
    assert not filtered_view(frame, {"team": "A", "role": "x"}, 5).shown, "A has 4 of each role"


def release_of(frame: pd.DataFrame, dims: list[str]):
    score = Score("burnout", "Burnout", 10.0, 50.0, (Band("low", None, 22), Band("moderate", 23, 41),
                                                     Band("high", 42, None)))
    bands = pd.cut(frame["burnout"], [0, 22.5, 41.5, 60], labels=["low", "moderate", "high"])
    return build_release(frame.assign(burnout_band=bands), [score], dims, 5)


def test_the_release_blanks_every_number_of_a_hidden_group_across_waves_and_teams():
    # w1: A 10, B 2, C 8; w2: A 10, B 9, C 8. B is hidden in w1, with C (the smallest beside
    # it). B over both waves (11) is shown, so B in w2 would be it minus w1's B: B is hidden in
    # w2 as well, and C with it, or B = w2 - A - C.
    sizes = {("w1", "A"): 10, ("w1", "B"): 2, ("w1", "C"): 8, ("w2", "A"): 10, ("w2", "B"): 9, ("w2", "C"): 8}
    frame = pd.DataFrame([(w, t, 30.0 + k) for (w, t), n in sizes.items() for k in range(n)],
                         columns=["wave", "team", "burnout"])
    release = release_of(frame, ["wave", "team"])
    table = release.table(["wave", "team"])
    assert table["shown"].tolist() == [True, False, False, True, False, False]
    assert table.loc[~table["shown"], ["people", "n", "mean", "sd", "ci_low", "ci_high"]].isna().all().all()
    assert table.loc[0, "mean"] == pytest.approx(34.5)  # 30..39
    assert release.people({"team": "B"}) == 11


@pytest.mark.parametrize("value", [2, 0, "5", 4.5])
def test_the_minimum_cannot_go_below_three(value):
    with pytest.raises(ValueError, match="at least 3"):
        check_min_group(value)


def test_a_cell_that_subtraction_would_reveal_is_hidden():
    # Team A: 8 practitioners and 2 managers; team B: 6 and 6. With role = practitioner, A's 8
    # would be shown, and A (10, shown unfiltered) minus them gives A's 2 managers: so A is
    # hidden, and B with it, or A's practitioners = all practitioners (14) - B's.
    frame = pd.DataFrame({"team": ["A"] * 10 + ["B"] * 12,
                          "role": ["p"] * 8 + ["m"] * 2 + ["p"] * 6 + ["m"] * 6,
                          "burnout": [30.0] * 22})
    release = release_of(frame, ["team", "role"])
    assert release.table(["team"])["shown"].all(), "unfiltered, both teams are shown"
    practitioners = release.table(["team"], {"role": "p"}).set_index("team")
    assert not practitioners["shown"].any() and practitioners["mean"].isna().all()
    assert release.people({"role": "p"}) == 14
