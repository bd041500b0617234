"""Reading a survey's comments: each once, redacted before anything reads it, with themes, tone
and flag; answers that say nothing are no comment; themes found in the text, renamed and merged;
and the planted themes and flags of the sample comments found on sets the lexicon was not read on."""

from collections import Counter

import pytest

from comment_surveys import scored
from synthetic.comments import comment_set
from tiwell.comments import COLUMNS, load_flags, load_themes, read_comments, redact

WORK = "Far too much workload since the vacancies, I am exhausted."


@pytest.fixture(scope="module")
def survey():
    return scored([("Early Help", 3, WORK), ("Early Help", 4, "n/a"), ("Youth Justice", 4, "  "),
                   ("Youth Justice", 5, "Thanks to Sarah Smith in Youth Justice, I feel valued, call 07700 900123."),
                   ("Early Help", 2, "I was bullied by my manager."), ("Early Help", 3, "None.")])


def test_each_comment_once_redacted_with_its_themes_tone_and_flag(survey):
    comments = read_comments(survey, load_themes(), load_flags())
    frame = comments.frame
    assert list(frame.columns) == COLUMNS
    assert frame["row"].tolist() == [2, 5, 6]                       # 'n/a', blank and 'None.' are no comment
    assert frame["text"].tolist() == [WORK, "Thanks to [name] in [name], I feel valued, call [phone].",
                                      "I was bullied by my manager."]
    assert frame["themes"].tolist() == [("workload",), ("appreciation",), ()]
    assert frame["tone"].tolist() == ["negative", "positive", "negative"]
    assert frame["flag"].tolist() == [None, None, "bullying"]
    assert set(frame["column"]) == {"Any other comments?"}
    assert frame["person"].tolist() == [survey.scored.index[k] for k in (0, 3, 4)]


def test_names_given_are_taken_out_too(survey):
    frame = read_comments(survey, load_themes(), load_flags(), names=("manager",)).frame
    assert frame["text"].iloc[2] == "I was bullied by my [name]."


def test_nothing_of_the_original_text_is_kept(survey):
    comments = read_comments(survey, load_themes(), load_flags())
    held = " ".join(str(v) for v in comments.frame.to_numpy().ravel())
    for secret in ("Sarah", "Smith", "07700", "Youth Justice"):
        assert secret not in held


ROTA = "The new rota software keeps crashing and the rota changes weekly."
PARKING = "Parking at the hub is impossible, the car park is always full."


@pytest.fixture(scope="module")
def found():
    people = ([("A", 3, ROTA)] * 6 + [("A", 3, PARKING)] * 6
              + [("A", 3, f"Rota software crashed again on day {k}.") for k in range(4)]
              + [("A", 3, f"Car park full again, parking took {k} minutes.") for k in range(4)])
    return read_comments(scored(people), load_themes(), load_flags(), discover=2)


def test_themes_found_in_the_text_are_labelled_by_their_top_words(found):
    mine = [t for t in found.themes if t.kind == "found"]
    assert [t.id for t in mine] == ["found_1", "found_2"]
    labels = sorted(t.label for t in mine)
    assert "rota" in labels[1] and "software" in labels[1]
    assert "park" in labels[0] or "parking" in labels[0]
    rota = next(t.id for t in mine if "rota" in t.label)
    carried = found.frame.loc[found.frame["text"] == ROTA, "themes"].iloc[0]
    assert rota in carried


def test_a_found_theme_is_renamed_and_two_are_merged(found):
    renamed = found.rename("found_1", "Car parking")
    assert renamed.themes.get("found_1").label == "Car parking" and found.themes.get("found_1").label != "Car parking"
    merged = found.merge(["found_1", "found_2"], "Getting to work")
    assert "found_2" not in merged.themes.ids and merged.themes.get("found_1").label == "Getting to work"
    assert all("found_2" not in themes for themes in merged.frame["themes"])
    had = found.frame["themes"].map(lambda t: "found_1" in t or "found_2" in t)
    assert merged.frame.loc[had, "themes"].map(lambda t: t.count("found_1") == 1).all()
    with pytest.raises(ValueError):
        found.merge(["found_1"])
    with pytest.raises(KeyError):
        found.rename("found_9", "x")


@pytest.mark.parametrize("seed", [101, 202])
def test_planted_themes_are_found_and_every_safety_comment_flagged(seed):
    """Sets of the sample generator the lexicon was not read on: recall at least 0.8 and precision
    at least 0.7 for every theme, and every comment needing someone to act is flagged."""
    themes, flags = load_themes(), load_flags()
    hit, extra, missed = Counter(), Counter(), Counter()
    for planted in comment_set(seed, 1500):
        text = redact(planted.text)
        if planted.flag:
            assert flags.find(text) == planted.flag, planted.text
            continue
        found, truth = set(themes.find(text)), set(planted.themes)
        hit.update(found & truth), extra.update(found - truth), missed.update(truth - found)
    for theme in themes.ids:
        assert hit[theme] / (hit[theme] + missed[theme]) >= 0.8, theme
        assert hit[theme] / (hit[theme] + extra[theme]) >= 0.7, theme
