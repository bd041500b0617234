"""The deck, the workbook and the HTML report: what was presented, with the core's numbers, no
group that may not be shown, no cell a spreadsheet would run and no markup a browser would."""

import dataclasses
import io
import re
import zipfile
from html import unescape

import openpyxl
import pytest
from pptx import Presentation
from scipy import stats

from tiwell.present import Choices, build, deck_bytes, report_html, workbook_bytes
from tiwell.pipeline import score_file
from ui.state import SAMPLE

HIDDEN = "Clinical Psychology"  # 4 people in each wave: shown over all waves, hidden within one


@pytest.fixture(scope="module")
def survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def renamed(survey, old: str, new: str):
    """The same survey with one team given another name (as a hostile export might)."""
    return dataclasses.replace(survey, scored=survey.scored.replace({"team": {old: new}}))


def from_rows(values) -> dict[str, float]:
    """n, mean and the lower end of the t interval of the mean, straight from the scores."""
    values = values.dropna()
    half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / len(values) ** 0.5
    return {"n": len(values), "mean": values.mean(), "ci_low": values.mean() - half}


def deck_of(story):
    return Presentation(io.BytesIO(deck_bytes(story)))


def cells(data: bytes) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book}


def sheet_records(data: bytes, name: str) -> list[dict]:
    header, *rows = cells(data)[name]
    return [dict(zip(header, row)) for row in rows]


def test_the_deck_holds_every_view_with_its_title_text_and_chart(survey):
    story = build(survey, Choices(team="Youth Justice"))
    deck = deck_of(story)
    assert [slide.shapes.title.text for slide in deck.slides] == [s.title for s in story.slides]
    heavy = deck.slides[2]
    text = " ".join(shape.text_frame.text for shape in heavy.shapes if shape.has_text_frame)
    team = survey.scored[survey.scored["team"] == "Youth Justice"]
    assert f"Burnout: {team['burnout'].mean():.1f}" in text
    chart = next(shape.chart for shape in heavy.shapes if shape.has_chart)
    moderate = next(s for s in chart.plots[0].series if s.name == "moderate")
    assert moderate.values[0] == pytest.approx((team["burnout_band"] == "moderate").sum() / team["burnout"].count())
    assert list(chart.plots[0].categories) == list(story.slides[2].chart.categories)


def test_the_workbooks_numbers_are_the_cores(survey):
    story = build(survey, Choices(wave="2025-09"))
    data = workbook_bytes(story, survey)
    assert list(cells(data)) == ["Views", "Summary", "By wave", "Changes", "Comment themes", "Validation report",
                                 "Settings"]
    wave = survey.scored[survey.scored["wave"] == "2025-09"]
    summary = sheet_records(data, "Summary")
    assert len(summary) == 3
    for row in summary:
        expected = from_rows(wave[row["subscale"]])
        assert row["mean"] == pytest.approx(expected["mean"])
        assert row["ci_low"] == pytest.approx(expected["ci_low"])
        assert row["n"] == 5 * round(expected["n"] / 5), "a shared output rounds counts to 5"
    by_wave = survey.scored.groupby("wave")[["compassion_satisfaction", "burnout", "secondary_traumatic_stress"]].mean()
    rows = sheet_records(data, "By wave")
    assert {r["wave"] for r in rows} == {"2025-03", "2025-09"} and len(rows) == 2 * 3, "the waves up to the chosen one"
    for row in rows:
        assert row["mean"] == pytest.approx(by_wave.loc[row["wave"], row["subscale"]])
    assert len(sheet_records(data, "Validation report")) == len(survey.findings)
    settings = {r["setting"]: r["value"] for r in sheet_records(data, "Settings")}
    assert settings["Smallest group shown"] == "5" and settings["Wave"] == "2025-09"


def test_scored_rows_only_when_the_caller_allows_and_then_redacted(survey):
    story = build(survey)
    assert "Scored rows" not in cells(workbook_bytes(story, survey))
    comment = survey.mapping.columns_for("comment")[0]
    scored = survey.scored.copy()
    scored.loc[0, comment] = "Thanks to Sam Hill, or ring 07700 900123"
    mine = dataclasses.replace(survey, scored=scored)
    rows = sheet_records(workbook_bytes(build(mine, Choices(neutral_labels=True)), mine, with_rows=True),
                         "Scored rows")
    assert len(rows) == len(scored)
    assert rows[0][comment] == "Thanks to [name], or ring [phone]"
    assert {r["team"] for r in rows} == {f"Team {c}" for c in "ABCDEFGHI"}


def download_texts(story, survey) -> dict[str, str]:
    """Every piece of text in each download: the deck's XML parts, the workbook's cells, the report."""
    with zipfile.ZipFile(io.BytesIO(deck_bytes(story))) as deck:
        pptx = " ".join(deck.read(n).decode("utf-8", errors="replace") for n in deck.namelist() if n.endswith(".xml"))
    xlsx = " ".join(str(v) for rows in cells(workbook_bytes(story, survey)).values() for row in rows for v in row)
    html = unescape(report_html(story))
    return {"pptx": pptx, "xlsx": xlsx, "html": html}


@pytest.mark.parametrize("choices", [Choices(wave="2025-09"), Choices(team="Youth Justice", wave="2025-09"),
                                     Choices(team=HIDDEN, wave="2025-09"), Choices(team="Business Support",
                                                                                    wave="2025-09")])
def test_no_hidden_group_appears_in_any_download(survey, choices):
    """Even when five people in a shown team wrote the hidden team's name in a comment."""
    comment = survey.mapping.columns_for("comment")[0]
    scored = survey.scored.copy()
    writers = scored.index[(scored["team"] == "Youth Justice") & (scored["wave"] == "2025-09")][:5]
    scored.loc[writers, comment] = f"{HIDDEN} helped us through a hard month."
    survey = dataclasses.replace(survey, scored=scored)
    story = build(survey, choices)
    for kind, text in download_texts(story, survey).items():
        assert HIDDEN not in text, kind
        if choices.team == "Business Support":
            assert "Business Support" not in text, kind


def test_a_hidden_team_gives_no_number_anywhere(survey):
    story = build(survey, Choices(team=HIDDEN, wave="2025-09"))
    deck = deck_of(story)
    assert "Why there are no numbers here" in [slide.shapes.title.text for slide in deck.slides]
    assert not any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
    data = workbook_bytes(story, survey)
    assert all(len(cells(data)[sheet]) <= 1 for sheet in ("Summary", "By wave", "Changes"))
    assert "<svg" not in report_html(story)


def test_formulas_in_the_data_or_the_facilitators_words_stay_text(survey):
    hostile = '=HYPERLINK("http://example.com","click")'
    story = build(renamed(survey, "Youth Justice", hostile),
                  Choices(team=hostile, commitments="=1+1\n@SUM(A1)\n+cmd|' /C calc'!A0"))
    data = workbook_bytes(story, renamed(survey, "Youth Justice", hostile), with_rows=True)
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = [c.value for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(c.data_type == "f" for sheet in book for row in sheet.iter_rows() for c in row)
    assert not [t for t in texts if re.match(r"[=+\-@\t\r]", t)]
    assert "'" + hostile in texts and "'=1+1" in texts and "'@SUM(A1)" in texts


def test_markup_in_a_team_name_or_comment_is_escaped_in_the_report(survey):
    hostile = "<img src=x onerror=alert(1)>"
    story = build(renamed(survey, "Youth Justice", hostile), Choices(team=hostile, commitments="<script>x()</script>"))
    html = report_html(story)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "nothing is loaded from elsewhere"
