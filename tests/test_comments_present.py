"""What people wrote, in the presentation: themes with their shares and quotes from the comment
release, and a comment flagged for safety in none of the outputs (slides, deck, report, workbook
with or without the scored rows), even when many people wrote it."""

import dataclasses
import io
import zipfile
from html import unescape

import openpyxl
import pytest

from tiwell.comments import comment_release, load_flags, load_themes, read_comments
from tiwell.pipeline import score_file
from tiwell.present import Choices, build, deck_bytes, report_html, workbook_bytes
from tiwell.present.comment_slides import story_comments
from ui.state import SAMPLE

TEAM = "Youth Justice"
FLAGGED = "I have been bullied by my manager for months and I do not feel safe at work"
PRAISE = "My team is so supportive, thank you all, it really helps"


@pytest.fixture(scope="module")
def planted():
    """The sample with twelve people in one team and wave writing the flagged comment, and twelve
    others a comment of appreciation: both common enough to be the top quote if allowed."""
    survey = score_file(SAMPLE.read_bytes(), SAMPLE.name)
    comment = survey.mapping.columns_for("comment")[0]
    scored = survey.scored.copy()
    mine = scored.index[(scored["team"] == TEAM) & (scored["wave"] == "2025-09")]
    scored.loc[mine[:12], comment] = FLAGGED
    scored.loc[mine[12:24], comment] = PRAISE
    return dataclasses.replace(survey, scored=scored)


@pytest.fixture(scope="module")
def said(planted):
    """The planted survey's comment release as the Present page passes it to the story."""
    return story_comments(planted)


def outputs(survey, choices: Choices, comments=None) -> dict[str, str]:
    """Every piece of text in the slides and each download."""
    story = build(survey, choices, comments=comments)
    with zipfile.ZipFile(io.BytesIO(deck_bytes(story))) as deck:
        pptx = " ".join(deck.read(n).decode("utf-8", errors="replace") for n in deck.namelist() if n.endswith(".xml"))
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(story, survey, with_rows=True)))
    xlsx = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)
    slides = " ".join(" ".join((s.title, *s.points, s.note)) for s in story.slides)
    return {"slides": slides, "pptx": unescape(pptx), "html": unescape(report_html(story)), "xlsx": xlsx}


def test_the_planted_comment_is_flagged_so_the_test_below_means_something(planted):
    comments = read_comments(planted, load_themes(), load_flags())
    flagged = comment_release(comments, planted, min_group=5).flagged()
    assert (flagged["text"] == FLAGGED).sum() == 12


def test_a_flagged_comment_reaches_no_presentation_output_and_an_unflagged_one_does(planted):
    texts = outputs(planted, Choices())
    for kind, text in texts.items():
        assert "bullied" not in text, kind
        assert "really helps" in text, kind


@pytest.mark.parametrize("choices", [Choices(wave="2025-09"), Choices(team=TEAM), Choices(team=TEAM, wave="2025-09"),
                                     Choices(team=TEAM, neutral_labels=True)])
def test_a_flagged_comment_reaches_no_presentation_output_of_any_scope(planted, said, choices):
    for kind, text in outputs(planted, choices, said).items():
        assert "bullied" not in text, kind


def test_a_scope_whose_themes_are_all_too_few_says_so(planted, said):
    """Youth Justice in 2025-09: 15 wrote, 12 of them the same praise, so the 3 others could be
    worked out and every theme is held back."""
    slides = [s for s in build(planted, Choices(team=TEAM, wave="2025-09"), comments=said).slides
              if s.key == "comments"]
    assert [s.points for s in slides] == [("About 15 people wrote something. Too few of them mention any one theme "
                                           "to show it here without pointing to who wrote what.",)]


def test_the_comment_slides_give_themes_with_shares_strengths_first(planted, said):
    story = build(planted, Choices(wave="2025-09"), comments=said)
    first = next(s for s in story.slides if s.key == "comments")
    comments = read_comments(planted, load_themes(), load_flags())
    summary = comment_release(comments, planted, min_comments=10, min_group=5).summary({"wave": "2025-09"})
    themes = summary.themes[summary.themes["people"] > 0]
    assert first.points[0] == f"About {round(summary.writers / 5) * 5} people wrote something. What they wrote about most:"
    assert list(first.points[1:]) == [f"{label}: {share:.0%} of them"
                                      for label, share in zip(themes["label"], themes["share"])][:6]
    assert themes["kind"].iloc[0] == "strength" and "strength" not in set(themes["kind"].iloc[2:]), "strengths first"


def test_too_few_writers_gives_one_slide_saying_why_and_none_one_saying_so(planted):
    comment = planted.mapping.columns_for("comment")[0]
    scored = planted.scored
    few = ["The rota works well for me." if k < 6 else None for k in range(len(scored))]
    slides = [s for s in build(dataclasses.replace(planted, scored=scored.assign(**{comment: few}))).slides
              if s.key == "comments"]
    assert [s.points for s in slides] == [(
        "Fewer than 10 people here wrote a comment, or showing theirs would let a smaller group be worked out, so "
        "none are shown: with so few, a comment could point to the person who wrote it.",)]
    slides = [s for s in build(dataclasses.replace(planted, scored=scored.assign(**{comment: None}))).slides
              if s.key == "comments"]
    assert [s.points for s in slides] == [("No one wrote a comment this time.",)]


def test_the_workbook_holds_the_themes_the_slides_name(planted, said):
    story = build(planted, Choices(wave="2025-09"), comments=said)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(story, planted)))
    header, *rows = book["Comment themes"].iter_rows(values_only=True)
    assert header == ("label", "kind", "principle", "people", "share", "positive", "mixed", "negative")
    summary = said.summary({"wave": "2025-09"})
    themes = summary.themes[summary.themes["people"] > 0].head(6)
    assert [r[0] for r in rows] == themes["label"].tolist()
    assert [r[3] for r in rows] == [round(n / 5) * 5 for n in themes["people"]], "people to the nearest 5"
    assert [r[4] for r in rows] == pytest.approx(themes["share"].tolist())
