"""The presentation's story against the core's own numbers: the order a trauma-informed
conversation needs, nothing for a group that may not be shown, and neutral labels that hold."""

import inspect
import io
from itertools import groupby

import pandas as pd
import pytest

from tiwell.present import deck_bytes
from tiwell.present.story import MIN_GROUP, Choices, build, load_questions, neutral_labels
from tiwell.privacy import survey_release
from tiwell.analysis import change_sentence
from tiwell.pipeline import score_file
from ui.state import SAMPLE

SUBSCALES = {"compassion_satisfaction": "Compassion satisfaction", "burnout": "Burnout",
             "secondary_traumatic_stress": "Secondary traumatic stress"}
ORDER = ["opening", "going_well", "heavy", "change", "comments", "commitments", "questions"]


@pytest.fixture(scope="module")
def survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def keys(story) -> list[str]:
    return [key for key, _ in groupby(slide.key for slide in story.slides)]


def words(story) -> str:
    return " ".join([story.title] + [" ".join((s.title, *s.points, s.note)) for s in story.slides])


def test_the_story_runs_strengths_first_then_heavy_change_words_commitments_questions(survey):
    story = build(survey)
    assert keys(story) == ORDER
    assert [s.title for s in story.slides[1:4]] == ["What is going well", "What is heavy", "How it has changed"]


def test_the_whole_organisation_numbers_are_the_cores_summary(survey):
    story = build(survey)
    scored = survey.scored
    summary = story.summary.set_index("subscale")
    for column in SUBSCALES:
        assert summary.loc[column, "mean"] == pytest.approx(scored[column].mean(), abs=1e-12)
        assert summary.loc[column, "sd"] == pytest.approx(scored[column].std(), abs=1e-12)
        assert summary.loc[column, "n"] == 5 * round(scored[column].notna().sum() / 5), "shared counts to 5"
    going_well, heavy = story.slides[1], story.slides[2]
    assert going_well.points[0].startswith(f"Compassion satisfaction: {scored['compassion_satisfaction'].mean():.1f} "
                                           "on a scale of 10 to 50")
    assert [p.split(":")[0] for p in heavy.points] == ["Burnout", "Secondary traumatic stress"]
    shares = {s.name: s.values for s in heavy.chart.series}
    moderate = (scored["burnout_band"] == "moderate").sum() / scored["burnout"].notna().sum()
    assert shares["moderate"][0] == pytest.approx(moderate)


def test_one_team_is_shown_beside_the_organisation_with_the_teams_page_numbers(survey):
    story = build(survey, Choices(team="Youth Justice", wave="2025-09"))
    wave = survey.scored[survey.scored["wave"] == "2025-09"]
    team = wave[wave["team"] == "Youth Justice"]
    scope = story.summary[story.summary["group"] == "Youth Justice"].set_index("subscale")
    assert scope["mean"].to_dict() == pytest.approx({c: team[c].mean() for c in SUBSCALES})
    whole = story.summary[story.summary["group"] == "the whole organisation"].set_index("subscale")
    assert whole["mean"].to_dict() == pytest.approx({c: wave[c].mean() for c in SUBSCALES})
    burnout = story.slides[2].points[0]
    assert burnout.startswith(f"Burnout: {team['burnout'].mean():.1f} (the whole organisation "
                              f"{wave['burnout'].mean():.1f})")
    assert len(team) == 38 and story.slides[0].points[0] == "40 people answered in 2025-09.", "rounded to 5"


def test_the_change_is_the_trends_pages_latest_change(survey):
    story = build(survey)
    change = next(s for s in story.slides if s.key == "change")
    latest = survey_release(survey, 5).changes("burnout").iloc[-1]
    assert change_sentence(latest, "Burnout", "higher_is_worse", figures=False) in change.points
    said = " ".join((*change.points, change.note))
    assert not any(word in said for word in ("CI", "interval", "noise", "+", "within")), "plain words on the slide"
    assert f"Burnout: change {latest['change']:+.1f}; 95% interval from {latest['ci_low']:+.1f} to " in change.speaker_notes
    assert change.chart.categories == ("2025-03", "2025-09", "2026-03")
    line = next(s for s in change.chart.series if s.name == "Burnout")
    by_wave = survey.scored.groupby("wave")["burnout"].mean()
    assert line.values == pytest.approx(tuple(by_wave[list(change.chart.categories)]))
    assert change.chart.value_range == (10, 50)


def test_the_deck_keeps_the_figures_in_the_speaker_notes(survey):
    from pptx import Presentation

    story = build(survey)
    k = next(k for k, s in enumerate(story.slides) if s.key == "change")
    deck = Presentation(io.BytesIO(deck_bytes(story)))
    page = deck.slides[k]
    shown = " ".join(shape.text_frame.text for shape in page.shapes if shape.has_text_frame)
    assert "95% interval" not in shown and ("can't tell" in shown or "than the wave before" in shown)
    assert page.notes_slide.notes_text_frame.text == story.slides[k].speaker_notes
    assert story.slides[k].speaker_notes.startswith("The figures, if asked")


@pytest.mark.parametrize("team", ["Clinical Psychology", "Business Support"])
def test_a_team_too_small_or_hidden_with_a_smaller_one_gets_the_explanation(survey, team):
    """Clinical Psychology has 4 people a wave; Business Support (15) is hidden beside it so that
    the 4 cannot be worked out as the wave's total minus the other teams."""
    story = build(survey, Choices(team=team, wave="2025-09"))
    assert keys(story) == ["opening", "hidden", "commitments", "questions"]
    assert story.slides[1].title == "Why there are no numbers here"
    assert story.summary.empty and story.by_wave.empty
    assert team not in words(story) and "this team" in story.title


def test_a_team_shown_overall_leaves_out_the_waves_in_which_it_is_hidden(survey):
    story = build(survey, Choices(team="Clinical Psychology"))
    change = next(s for s in story.slides if s.key == "change")
    assert change.chart is None and story.by_wave.empty
    assert all("too few people" in p for p in change.points)


def test_neutral_labels_keep_one_order_a_session_and_another_in_the_next():
    names = ["Youth Justice", "Adult Safeguarding", "Early Help"]
    first = neutral_labels(names, b"session one")
    assert first == neutral_labels(["Early Help", *names], b"session one"), "stable whatever is chosen"
    assert sorted(first.values()) == ["Team A", "Team B", "Team C"]
    many = [f"t{k:02d}" for k in range(28)]
    one, other = neutral_labels(many, b"session one"), neutral_labels(many, b"session two")
    assert sorted(one.values()) == sorted(other.values()) and "Team AB" in one.values()
    assert one != other, "the order is the session's secret"
    assert [one[t] for t in many[:3]] != ["Team A", "Team B", "Team C"], "Team A is not the first name"


def test_a_neutral_label_replaces_the_team_name_everywhere(survey):
    story = build(survey, Choices(team="Youth Justice", neutral_labels=True, label_key=b"k"))
    label = neutral_labels(survey.scored["team"].dropna(), b"k")["Youth Justice"]
    assert story.title == f"How we are doing: {label}"
    assert "Youth Justice" not in words(story)
    assert set(story.summary["group"]) == {label, "the whole organisation"}
    assert "Youth Justice" not in story.settings["value"].tolist()


def test_commitments_and_edited_questions_are_the_facilitators_words(survey):
    questions = pd.DataFrame({"principle": ["Safety", ""],
                              "question": ["What would help us feel safe?", "Anything else?"]})
    story = build(survey, Choices(commitments="- Protected time for supervision\n\n* A quiet room", questions=questions,
                                  show_comments=False))
    assert "comments" not in keys(story)
    committed = next(s for s in story.slides if s.key == "commitments")
    assert committed.points == ("Protected time for supervision", "A quiet room")
    assert story.slides[-1].points == ("Safety: What would help us feel safe?", "Anything else?")
    assert "agree what would help" in next(s for s in build(survey).slides if s.key == "commitments").points[0]


def test_the_shipped_questions_cover_the_six_principles_without_blame():
    questions = load_questions()
    assert questions["principle"].unique().tolist() == [
        "Safety", "Trustworthiness and transparency", "Peer support", "Collaboration and mutuality",
        "Empowerment, voice and choice", "Cultural, historical and gender issues"]
    text = " ".join(questions["question"]).lower()
    assert "what would help" in text and "what happened" in text
    assert not any(word in text for word in ("blame", "fault", "why did you", "failed"))


def test_the_minimum_group_size_is_fixed_at_five():
    assert MIN_GROUP == 5
    assert not any("min" in name for name in inspect.signature(build).parameters)
    assert not any("min" in name for name in Choices.__dataclass_fields__)


def test_a_band_share_the_release_hides_is_said_in_words_not_as_nan(survey):
    # The sample has 1 person in the high burnout band: its share is hidden, and the slide says why.
    assert (survey.scored["burnout_band"] == "high").sum() == 1
    heavy = build(survey).slides[2]
    assert heavy.points[0].endswith("the share in the high band is not shown, as so few are in it (or in a band "
                                    "beside it) that it could point to someone.")
    assert "nan" not in words(build(survey))
