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


def outputs(survey, choices: Choices) -> dict[str, str]:
    """Every piece of text in the slides and each download."""
    story = build(survey, choices)
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


@pytest.mark.parametrize("choices", [Choices(), Choices(wave="2025-09"), Choices(team=TEAM, wave="2025-09"),
                                     Choices(team=TEAM, neutral_labels=True)])
def test_a_flagged_comment_reaches_no_presentation_output(planted, choices):
    for kind, text in outputs(planted, choices).items():
        assert "bullied" not in text, kind
    texts = outputs(planted, choices)
    assert "really helps" in texts["slides"] and "really helps" in texts["html"], "an unflagged quote is shown"


def test_the_comment_slides_give_themes_with_shares_strengths_first(planted):
    story = build(planted, Choices(team=TEAM, wave="2025-09"))
    first = next(s for s in story.slides if s.key == "comments")
    comments = read_comments(planted, load_themes(), load_flags(), names=tuple(t for t in planted.teams if t != TEAM))
    summary = comment_release(comments, planted, min_comments=10, min_group=5).summary(
        {"wave": "2025-09", "team": TEAM})
    expected = [f"{label}: {share:.0%} of them" for label, share in
                zip(summary.themes["label"], summary.themes["share"])][:6]
    assert list(first.points[1:]) == expected
    kinds = summary.themes["kind"].tolist()
    assert kinds == sorted(kinds, key=lambda k: k != "strength"), "strengths first"


def test_too_few_writers_gives_one_slide_saying_why(planted):
    comment = planted.mapping.columns_for("comment")[0]
    few = dataclasses.replace(planted, scored=planted.scored.assign(**{comment: None}))
    slides = [s for s in build(few, Choices()).slides if s.key == "comments"]
    assert len(slides) == 1 and slides[0].points[0].startswith("No themes or quotes are shown here:")
