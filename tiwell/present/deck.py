"""The presentation as a PowerPoint deck, one slide per view, with native charts a facilitator can
restyle in PowerPoint (no images, no renderer to install). Built in memory from the same slides
the page shows, so the deck holds exactly what was presented. Every string goes in printable
(:func:`tiwell.export.printable`), and each chart's own workbook keeps its labels as text: a
wave or team named ``=HYPERLINK(...)`` is never a formula there."""

from __future__ import annotations

import io
import math
from contextlib import contextmanager

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt
from xlsxwriter import Workbook

from tiwell.export import XLSX_OPTIONS, printable
from tiwell.present.story import Chart, Slide, Story
from tiwell.theme import INK, NOTE_INK

TITLE_ONLY = 5
TEXT, NOTE = RGBColor.from_string(INK.lstrip("#")), RGBColor.from_string(NOTE_INK.lstrip("#"))
SIZES = (24, 22, 20, 18, 16, 14)


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's writer of a chart's embedded workbook, with XlsxWriter told to keep every
    string a string: by default it turns text starting with '=' into a formula and URLs into
    links."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, XLSX_OPTIONS)
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _TextChartData(CategoryChartData):
    """Chart data whose embedded workbook holds its category and series names as plain text."""

    @property
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)


def deck_bytes(story: Story) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    deck.core_properties.title = printable(story.title)
    for slide in story.slides:
        _add(deck, slide)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _add(deck, view: Slide) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    title = page.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.6), Inches(0.3), Inches(12.1), Inches(1.1)
    _write(title.text_frame, [view.title], 36, TEXT, bold=True)
    width = 6.0 if view.chart else 12.1
    points = page.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(width), Inches(4.9)).text_frame
    lines = [f"\u2022 {p}" for p in view.points]
    _write(points, lines, _fitting_size(lines, width, 4.9), TEXT)
    if view.chart:
        _chart(page, view.chart)
    if view.note:
        _write(page.shapes.add_textbox(Inches(0.6), Inches(6.5), Inches(12.1), Inches(0.8)).text_frame,
               [view.note], 14, NOTE)
    if view.speaker_notes:  # the figures, for the facilitator's eyes only
        page.notes_slide.notes_text_frame.text = printable(view.speaker_notes)


def _fitting_size(lines: list[str], width: float, height: float) -> int:
    """The largest type size (points) at which the lines should fit a box of inches: PowerPoint
    only shrinks text to fit once someone edits it, so the deck must open fitting already."""
    for size in SIZES:
        per_row = width * 72 / (size * 0.52)
        rows = sum(math.ceil(len(line) / per_row) for line in lines)
        if (rows * 1.2 + len(lines) * 0.5) * size / 72 <= height:
            return size
    return SIZES[-1]


def _write(frame, lines: list[str], size: int, colour: RGBColor, bold: bool = False) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for k, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.text = printable(line)
        paragraph.space_after = Pt(size * 0.5)
        font = paragraph.runs[0].font if paragraph.runs else paragraph.font
        font.size, font.bold, font.color.rgb = Pt(size), bold, colour


def _chart(page, chart: Chart) -> None:
    """Stacked bars of band shares, or lines of the mean by wave; colours as on the page."""
    data = _TextChartData()
    data.categories = [printable(c) if isinstance(c, str) else c for c in chart.categories]
    for series in chart.series:
        data.add_series(printable(series.name), series.values, number_format="0%" if chart.kind == "shares" else "0.0")
    kind = XL_CHART_TYPE.BAR_STACKED if chart.kind == "shares" else XL_CHART_TYPE.LINE_MARKERS
    frame = page.shapes.add_chart(kind, Inches(6.8), Inches(1.5), Inches(6.0), Inches(4.8), data)
    plot = frame.chart
    plot.has_title, plot.has_legend = True, True
    plot.font.size = Pt(12)
    plot.chart_title.text_frame.text = printable(chart.title)
    plot.legend.position, plot.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    for drawn, series in zip(plot.plots[0].series, chart.series):
        colour = RGBColor.from_string(series.colour.lstrip("#"))
        if chart.kind == "shares":
            drawn.format.fill.solid()
            drawn.format.fill.fore_color.rgb = colour
        else:
            drawn.format.line.color.rgb = colour
            drawn.marker.format.fill.solid()
            drawn.marker.format.fill.fore_color.rgb = colour
    plot.value_axis.minimum_scale, plot.value_axis.maximum_scale = chart.value_range
    if chart.kind == "shares":
        plot.category_axis.reverse_order = True
        plot.value_axis.tick_labels.number_format, plot.value_axis.tick_labels.number_format_is_linked = "0%", False
        plot.plots[0].gap_width = 60
