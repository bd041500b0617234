"""Stage 6b, what a facilitator shows a team: a release in, one :class:`Story` out, drawn three ways.

Takes a release and the facilitator's choices; gives the story as data (:mod:`~tiwell.present.story`,
its views made of :mod:`~tiwell.present.slides`) and its renderings: a PowerPoint deck
(:mod:`~tiwell.present.deck`), an Excel workbook (:mod:`~tiwell.present.workbook`) and one offline HTML
file (:mod:`~tiwell.present.html`, charts as :mod:`~tiwell.present.svg`). What people wrote comes from
the comment release (:mod:`~tiwell.present.comment_slides`): themes with their shares and redacted
quotes, never a comment flagged for safety.
"""

from tiwell.present.story import Chart, Choices, Series, Slide, Story, build, load_questions, neutral_labels
from tiwell.present.svg import chart_svg
from tiwell.present.html import report_bytes, report_html
from tiwell.present.deck import deck_bytes
from tiwell.present.workbook import workbook_bytes

__all__ = [
    "Chart", "Choices", "Series", "Slide", "Story", "build", "load_questions",
    "neutral_labels", "chart_svg", "report_bytes", "report_html", "deck_bytes", "workbook_bytes",
]
