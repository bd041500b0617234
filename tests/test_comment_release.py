"""The comment release: counts of people who wrote and per theme protected as the scores are,
hand-worked on a small survey; flagged comments in no count, share, quote or link; the links to
the scores; and the minimum and complementary rule as properties over many surveys' comments."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from comment_surveys import scored
from tiwell.comments import WROTE, Comments, comment_release, load_flags, load_themes, read_comments

WORK = "Far too much workload, I am exhausted."
THANKS = "I feel valued by everyone here."
FINE = "It is fine."
BULLIED = "I was bullied by my manager."


def people() -> list[tuple]:
    """Team A: 15 people, 12 wrote (10 on workload); B: 15, 13 wrote (11 on workload); C: 6, 4 wrote
    without a flag (2 on workload) and 1 was bullied. Workload's writers answered at levels 2 and 3,
    everyone else at 4 and 5."""
    rows = []
    for team, work, thanks, fine, bullied, silent in (("A", 10, 2, 0, 0, 3), ("B", 11, 2, 0, 0, 2),
                                                       ("C", 2, 0, 2, 1, 1)):
        rows += [(team, 2 + k % 2, WORK) for k in range(work)]
        rows += [(team, 4 + k % 2, THANKS) for k in range(thanks)]
        rows += [(team, 4 + k % 2, FINE) for k in range(fine)]
        rows += [(team, 5, BULLIED)] * bullied + [(team, 4 + k % 2, "") for k in range(silent)]
    return rows


@pytest.fixture(scope="module")
def survey():
    return scored(people())


@pytest.fixture(scope="module")
def release(survey):
    return comment_release(read_comments(survey, load_themes(), load_flags()), survey, min_group=5)


def test_people_who_wrote_by_team_hide_the_small_team_and_the_next_smallest(release):
    # C has 4 writers (under 10): hidden. Alone it would be the whole (29) minus A and B, so the
    # smallest shown sibling, A (12), is hidden too; B (13) is shown.
    assert release.count(WROTE) == 29
    assert np.isnan(release.count(WROTE, {"team": "C"})) and np.isnan(release.count(WROTE, {"team": "A"}))
    assert release.count(WROTE, {"team": "B"}) == 13
    assert release.summary({"team": "A"}).shown is False
    assert release.summary({"team": "A"}).reason.startswith("Fewer than 10 people in team 'A' wrote a comment")


def test_a_theme_is_counted_in_its_own_family(release):
    assert release.count("workload") == 23
    assert release.count("workload", {"team": "B"}) == 11
    assert np.isnan(release.count("workload", {"team": "A"}))      # 10, but C's 2 would follow from it
    assert np.isnan(release.count("appreciation"))                  # 4 in all


def test_the_summary_puts_strengths_first_with_shares_tones_and_merged_quotes(release):
    summary = release.summary()
    assert summary.shown and summary.writers == 29
    table = summary.themes.set_index("theme")
    assert list(summary.themes["theme"][:2]) == ["appreciation", "what_helps"]
    assert summary.themes["theme"].iloc[2] == "workload"            # the most mentioned after them
    assert bool(table.loc["appreciation", "fewer"]) and np.isnan(table.loc["appreciation", "people"])
    assert table.loc["workload", "people"] == 23 and table.loc["workload", "share"] == pytest.approx(23 / 29)
    assert table.loc["workload", "negative"] == 1.0 and table.loc["workload", "positive"] == 0.0
    assert table.loc["workload", "quotes"] == ((WORK, 23),)
    assert table.loc["appreciation", "quotes"] == ()                 # a hidden theme shows no quote


def test_flagged_comments_are_in_no_count_or_quote_and_listed_for_the_facilitator(release):
    summary = release.summary()
    quotes = [text for found in summary.themes["quotes"] for text, _ in found]
    assert BULLIED not in quotes and release.count(WROTE) == 29     # 30 wrote; the flagged one is not counted
    flagged = release.flagged()
    assert flagged.to_dict("records") == [{"row": 36, "column": "Any other comments?", "flag": "bullying",
                                           "label": "Bullying", "text": BULLIED}]


def test_the_link_to_a_score_is_welchs_difference_worded_as_an_association(release, survey):
    link = release.summary().links.set_index(["theme", "subscale"]).loc[("workload", "compassion_satisfaction")]
    ours = [20, 30] * 5 + [20, 30] * 5 + [20] + [20, 30]            # A's 10, B's 11, C's 2 at levels 2 and 3
    others = [40, 50, 40, 50, 40, 50, 40, 40, 50, 40, 40, 50, 50]  # thanks, silent, fine, bullied (5)
    assert (link["n_mention"], link["n_other"]) == (23, 13)
    assert link["mean_mention"] == pytest.approx(np.mean(ours)) and link["mean_other"] == pytest.approx(np.mean(others))
    welch = stats.ttest_ind(ours, others, equal_var=False).confidence_interval(0.95)
    assert link["diff"] == pytest.approx(np.mean(ours) - np.mean(others))
    assert (link["ci_low"], link["ci_high"]) == (pytest.approx(welch.low), pytest.approx(welch.high))
    assert link["sentence"].startswith("People who mention workload have a compassion satisfaction score ")
    assert link["sentence"].endswith("This is an association: it does not show that one causes the other.")


def test_the_comment_minimum_is_never_below_the_score_minimum(survey, release):
    comments = release.comments
    assert comment_release(comments, survey, min_comments=10, min_group=14).min_comments == 14
    assert comment_release(comments, survey, min_comments=12, min_group=5).min_comments == 12
    assert np.isnan(comment_release(comments, survey, min_comments=14, min_group=5).count(WROTE, {"team": "B"}))
    with pytest.raises(ValueError, match="at least 3"):
        comment_release(comments, survey, min_comments=10, min_group=2)


def test_a_filter_the_release_does_not_cover_is_refused(release):
    with pytest.raises(KeyError):
        release.count(WROTE, {"site": "North"})


def test_theme_shares_by_wave():
    survey = scored([("A", 3, WORK, "2025-03")] * 12 + [("A", 3, FINE, "2025-03")] * 8
                    + [("A", 3, WORK, "2025-09")] * 10 + [("A", 3, THANKS, "2025-09")] * 10)
    release = comment_release(read_comments(survey, load_themes(), load_flags()), survey, min_group=5)
    shares = release.theme_shares("wave").set_index(["wave", "theme"])
    assert shares.loc[("2025-03", "workload"), "share"] == pytest.approx(12 / 20)
    assert shares.loc[("2025-09", "workload"), "share"] == pytest.approx(10 / 20)
    assert shares.loc[("2025-09", "appreciation"), "people"] == 10
    assert shares.loc[("2025-03", "appreciation"), "people"] == 0


# ---------------------------------------------------------------- properties over many comment sets

TEAMS = ["A", "B", "C", "D"]
BASE = [(TEAMS[k % 4], 3, "x", "2025-03" if k % 3 else "2025-09") for k in range(72)]


@pytest.fixture(scope="module")
def frame_survey():
    return scored(BASE)


written = st.lists(st.tuples(st.booleans(), st.sets(st.sampled_from(["workload", "reward", "control"]))),
                   min_size=len(BASE), max_size=len(BASE))


def _comments(survey, choices) -> Comments:
    rows = [(person, survey.scored.at[person, "row"], "Any other comments?", "text", tuple(sorted(themes)), "mixed",
             None) for person, (wrote, themes) in zip(survey.scored.index, choices) if wrote]
    frame = pd.DataFrame(rows, columns=["person", "row", "column", "text", "themes", "tone", "flag"])
    return Comments(frame, load_themes(), load_flags())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=written, minimum=st.sampled_from([5, 8, 10, 12]))
def test_no_shown_count_is_under_the_minimum_and_no_hidden_one_can_be_subtracted(frame_survey, choices, minimum):
    release = comment_release(_comments(frame_survey, choices), frame_survey, min_comments=minimum, min_group=5)
    assert release.min_comments == max(minimum, 5)
    shown = release.cells[release.cells["shown"]]
    assert ((shown["count"] == 0) | (shown["count"] >= release.min_comments)).all()
    teams, waves = frame_survey.teams, frame_survey.waves
    for theme in [WROTE, "workload", "reward", "control"]:
        for parent, children in [({}, [{"team": t} for t in teams]), ({}, [{"wave": w} for w in waves]),
                                 *[({"wave": w}, [{"wave": w, "team": t} for t in teams]) for w in waves],
                                 *[({"team": t}, [{"team": t, "wave": w} for w in waves]) for t in teams]]:
            if np.isnan(release.count(theme, parent)):
                continue
            true = {tuple(c.values()): _true_count(release, theme, c) for c in children}
            hidden = [n for c in children if np.isnan(release.count(theme, c)) and (n := true[tuple(c.values())]) > 0]
            assert not hidden or (len(hidden) >= 2 and sum(hidden) >= release.min_comments), (theme, parent, hidden)


def _true_count(release, theme, filters) -> int:
    scored_rows = release.survey.scored
    mask = np.ones(len(scored_rows), dtype=bool)
    for column, value in filters.items():
        mask &= (scored_rows[column] == value).to_numpy()
    frame = release.comments.frame
    people = frame.loc[frame["themes"].map(lambda found: theme == WROTE or theme in found), "person"]
    return int(scored_rows.index[mask].isin(list(people)).sum())


def test_a_survey_where_nobody_wrote_says_so_and_lists_no_flag():
    survey = scored([("A", 3, "")] * 12 + [("A", 3, "n/a")] * 3)
    comments = read_comments(survey, load_themes(), load_flags(), discover=3)
    release = comment_release(comments, survey, min_group=5)
    assert len(comments) == 0 and release.count(WROTE) == 0
    assert release.summary().shown is False and release.summary().reason == "Nobody here wrote a comment."
    assert release.flagged().empty
