"""The made-up comments say what their truth says: the sample survey's comments are the planted
ones, several hundred distinct, across every theme, in every tone, a few needing a safety flag; and
a seed gives the same comments each time and another seed others."""

import numpy as np
import pytest

from synthetic.comment_parts import FLAGGED, SITUATIONS
from synthetic.comments import comment_set, compose, flagged_comment, truth_frame
from synthetic.respondents import planted_comments, simulate_survey

THEMES = {"safety", "trustworthiness", "peer_support", "collaboration", "empowerment", "culture", "workload",
          "control", "reward", "community", "fairness", "values", "appreciation", "what_helps"}


@pytest.fixture(scope="module")
def truth():
    return planted_comments()


def test_the_sample_surveys_comments_are_the_planted_ones(truth):
    survey = simulate_survey()
    written = survey[survey["comment"].ne("")]
    assert written["respondent"].tolist() == truth["respondent"].tolist()
    assert written["comment"].tolist() == truth["comment"].tolist()


def test_the_sample_has_several_hundred_distinct_comments_on_every_theme(truth):
    assert truth["comment"].nunique() >= 300
    themes = {t for joined in truth["themes"] for t in joined.split(";") if t}
    assert themes == THEMES == set(SITUATIONS)
    assert set(truth["tone"]) == {"positive", "mixed", "negative"}
    flags = truth.loc[truth["flag"].ne(""), "flag"]
    assert 3 <= len(flags) <= 15 and set(flags) <= set(FLAGGED)
    assert truth["identifiers"].ne("").mean() > 0.15


def test_a_seed_gives_the_same_comments_and_another_seed_others():
    first = [c.text for c in comment_set(7, 50)]
    assert first == [c.text for c in comment_set(7, 50)]
    assert len(set(first) & {c.text for c in comment_set(8, 50)}) < 5


def test_a_mixed_comment_says_one_thing_well_and_one_badly():
    for seed in range(20):
        comment = compose(np.random.default_rng(seed), "mixed")
        assert comment.tone == "mixed" and len(comment.themes) >= 2 and comment.flag is None


def test_a_flagged_comment_carries_its_flag_and_its_words():
    for seed in range(20):
        comment = flagged_comment(np.random.default_rng(seed))
        assert comment.flag in FLAGGED and comment.tone == "negative"
        assert any(text in comment.text for _, text in FLAGGED[comment.flag])


def test_the_truth_table_joins_themes_and_details():
    comment = compose(np.random.default_rng(3), "negative", identifier=True)
    row = truth_frame([comment]).iloc[0]
    assert row["themes"] == ";".join(comment.themes) and row["flag"] == ""
    assert row["identifiers"] == "|".join(f"{k}={v}" for k, v in comment.identifiers) != ""
