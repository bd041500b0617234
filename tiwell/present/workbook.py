"""The presentation as an Excel workbook: the views as text, the suppressed tables behind their
numbers, the validation report and the settings used; everyone's scored rows only when the caller
allows it (an analyst, never the meeting room). Written through :func:`tiwell.export.xlsx_bytes`,
so no text cell can run as a formula."""

from __future__ import annotations

import pandas as pd

from tiwell.export import xlsx_bytes
from tiwell.present.story import Story, neutral_labels
from tiwell.comments.flags import load_flags
from tiwell.comments.redaction import redact
from tiwell.survey import ScoredSurvey


def workbook_bytes(story: Story, survey: ScoredSurvey, *, with_rows: bool = False) -> bytes:
    """Sheets: Views, Summary, By wave, Changes, Comment themes, Validation report, Settings (and
    Compared with, when a reference was chosen, and Scored rows)."""
    sheets = {"Views": views_table(story), "Summary": story.summary, "By wave": story.by_wave,
              "Changes": story.changes, "Comment themes": story.themes, "Validation report": survey.findings,
              "Settings": story.settings}
    if len(story.reference):
        sheets["Compared with"] = story.reference
    if with_rows:
        sheets["Scored rows"] = safe_rows(survey, story.choices.neutral_labels, story.choices.names,
                                           story.choices.label_key)
    return xlsx_bytes(sheets)


def views_table(story: Story) -> pd.DataFrame:
    """One row per line shown: the view's number and title, then each point, its note and the
    speaker notes (the figures behind the plain words)."""
    rows = [(k, slide.title, text) for k, slide in enumerate(story.slides, start=1)
            for text in (*slide.points, *(t for t in (slide.note, slide.speaker_notes) if t))]
    return pd.DataFrame(rows, columns=["view", "title", "text"])


def safe_rows(survey: ScoredSurvey, neutral: bool, names: tuple[str, ...], key: bytes = b"") -> pd.DataFrame:
    """The scored rows with comments redacted and, with neutral labels, teams renamed. A comment
    the safety lexicon flags is left blank: it is for the person running tiwell, on the comments
    page, never in a file made to be shared."""
    rows = survey.scored.copy()
    teams = survey.teams
    flags = load_flags()
    hidden = names + (teams if neutral else ())

    def shared(text: str) -> str | None:
        safe = redact(text, hidden)
        return None if flags.find(safe) else safe

    for column in survey.mapping.columns_for("comment"):
        if column in rows:
            rows[column] = rows[column].map(shared, na_action="ignore")
    if neutral and teams:
        rows["team"] = rows["team"].map(neutral_labels(teams, key))
    return rows
