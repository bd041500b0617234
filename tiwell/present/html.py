"""The presentation as one HTML file that opens offline: inline CSS, charts as inline SVG, no
script, and a content policy that forbids loading anything, so it is safe to email and to open
on any machine. Every piece of text is escaped, whatever a team or a comment is called.

The Present page draws each view with :func:`slide_html` too, so the report is what was shown.
"""

from __future__ import annotations

import base64
from html import escape

from tiwell.present.story import Chart, Slide, Story
from tiwell.present.svg import chart_svg
from tiwell.text.numbers import fixed, percent
from tiwell.theme import INK, NOTE_INK, PAPER, WHITE

STYLE = f"""
.tw-slide {{ font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif; color: {INK};
  background: {PAPER}; border-radius: 12px; padding: 1.6rem 2.2rem; margin: 0 0 1.5rem; }}
.tw-slide h1, .tw-slide h2 {{ font-size: 2.6rem; line-height: 1.15; margin: 0.2rem 0 1rem; color: {INK}; }}
.tw-count {{ font-size: 1rem; color: {NOTE_INK}; margin: 0; }}
.tw-points {{ font-size: 1.6rem; line-height: 1.4; padding-left: 1.4rem; margin: 0 0 1rem; }}
.tw-points li {{ margin-bottom: 0.6rem; }}
.tw-note {{ font-size: 1.15rem; color: {NOTE_INK}; margin: 0.6rem 0 0; }}
.tw-chart {{ width: 100%; max-width: 900px; height: auto; display: block; margin: 0.4rem 0; }}
.tw-values {{ font-size: 1rem; margin: 0.2rem 0 0.6rem; }}
.tw-values summary {{ cursor: pointer; color: {INK}; text-decoration: underline; }}
.tw-values table {{ border-collapse: collapse; margin-top: 0.4rem; }}
.tw-values th, .tw-values td {{ text-align: left; padding: 0.2rem 1rem 0.2rem 0; border-bottom: 1px solid {NOTE_INK}; }}
"""
PAGE_STYLE = f"""
body {{ margin: 0 auto; max-width: 1100px; padding: 2rem; background: {WHITE}; }}
.tw-settings {{ font-family: "Segoe UI", Helvetica, Arial, sans-serif; border-collapse: collapse; color: {NOTE_INK}; }}
.tw-settings td {{ padding: 0.2rem 1rem 0.2rem 0; }}
@media print {{ .tw-slide {{ page-break-after: always; }} }}
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def chart_table(chart: Chart) -> str:
    """The chart's values as a table behind a disclosure a keyboard and a screen reader reach (it
    needs no script): each group or wave a row, each band or team a column, a hidden value 'not
    shown'. The picture's colours and bar lengths are then never the only way to read it."""
    number = percent if chart.kind == "shares" else fixed
    corner = "Group" if chart.kind == "shares" else "Wave"
    head = "".join(f'<th scope="col">{escape(series.name)}</th>' for series in chart.series)
    rows = "".join(f'<tr><th scope="row">{escape(category)}</th>' + "".join(
        f"<td>{'not shown' if series.values[k] is None else number(series.values[k])}</td>" for series in chart.series)
        + "</tr>" for k, category in enumerate(chart.categories))
    return (f'<details class="tw-values"><summary>{escape(chart.title)}: the values as a table</summary><table>'
            f'<thead><tr><th scope="col">{corner}</th>{head}</tr></thead><tbody>{rows}</tbody></table></details>')


def slide_html(slide: Slide, number: int, total: int, chart_as_image: bool = False, heading: str = "h2") -> str:
    """One view: its place in the story, title, points, chart and note. ``chart_as_image`` puts
    the chart in an ``<img>`` (a data URI), for hosts whose sanitiser drops inline SVG; ``heading``
    is the title's level (the report's first view is its ``h1``, the document's title)."""
    points = "".join(f"<li>{escape(point)}</li>" for point in slide.points)
    chart = chart_svg(slide.chart) if slide.chart else ""
    if chart and chart_as_image:
        source = base64.b64encode(chart.encode("utf-8")).decode("ascii")
        chart = f'<img class="tw-chart" alt="{escape(slide.chart.title)}" src="data:image/svg+xml;base64,{source}">'
    chart += chart_table(slide.chart) if slide.chart else ""
    note = f'<p class="tw-note">{escape(slide.note)}</p>' if slide.note else ""
    return (f'<section class="tw-slide" data-view="{escape(slide.key)}"><p class="tw-count">View {number} of {total}'
            f'</p><{heading}>{escape(slide.title)}</{heading}><ul class="tw-points">{points}</ul>{chart}{note}</section>')


def report_html(story: Story) -> str:
    """The whole story as a standalone page, with the settings it was made with. The first view's
    title is the page's one ``h1``, each later view an ``h2`` under it, so a screen reader's list
    of headings reads as the story's outline."""
    total = len(story.slides)
    views = "".join(slide_html(slide, k + 1, total, heading="h2" if k else "h1") for k, slide in enumerate(story.slides))
    settings = "".join(f"<tr><td>{escape(str(s))}</td><td>{escape(str(v))}</td></tr>"
                       for s, v in zip(story.settings["setting"], story.settings["value"]))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(story.title)}</title><style>{STYLE}{PAGE_STYLE}</style></head><body>"
            f"<main>{views}</main>"
            f'<footer><table class="tw-settings">{settings}</table></footer></body></html>')


def report_bytes(story: Story) -> bytes:
    return report_html(story).encode("utf-8")
