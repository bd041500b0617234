"""Every chart as text: the table beside a chart holds exactly the values it draws, in the chart's
own formats, a held-back value as 'not shown' (never the height of the bar that marks it), and a
file's text as typed; the report's charts carry the same as a table; a slide bar's figure reads."""

import numpy as np
import pandas as pd
import pytest

from test_chart_text import figures
from test_theme import contrast
from tiwell.charts import chart_summary, chart_table
from tiwell.charts import figures as charts
from tiwell.instruments import load_builtin
from tiwell.present import Chart, Series
from tiwell.present.html import chart_table as report_table
from tiwell.present.svg import ink_on
from tiwell.survey import ScoreColumn
from tiwell.theme import ATTENTION, BETTER, INK, MIDDLE, WHITE

PROQOL = load_builtin("proqol5")
BURNOUT = PROQOL.subscale("burnout")


def test_a_trend_lists_each_team_and_wave_with_its_interval():
    lines = pd.DataFrame({"team": ["North", "North", "South", "South"], "wave": ["2025-03", "2025-09"] * 2,
                          "mean": [24.04, 25.5, 22.0, np.nan], "ci_low": [22.0, 24.0, 20.5, np.nan],
                          "ci_high": [26.1, 27.0, 23.5, np.nan], "n": [40, 42, 30, 3]})
    figure = charts.trend(lines, "Burnout", "team", None, ["2025-03", "2025-09"])
    assert chart_table(figure).to_dict("list") == {
        "Series": ["North", "North", "South", "South"], "wave": ["2025-03", "2025-09", "2025-03", "2025-09"],
        "Burnout": ["24.0", "25.5", "22", "not shown"],
        "95% interval": ["22.0 to 26.1", "24.0 to 27.0", "20.5 to 23.5", ""]}
    assert chart_summary(figure) == ("Burnout by wave: 3 values across 2 series (North, South); "
                                     "1 held back to protect small groups.")


def test_a_hatched_bin_is_not_shown_not_its_height():
    bins = pd.DataFrame({"low": [10.0, 23.0, 41.0], "high": [23.0, 41.0, 50.0], "count": [6.0, 70.0, np.nan]})
    figure = charts.distribution(bins, BURNOUT.label, (10, 50), BURNOUT.bands, BURNOUT.direction, 5)
    assert chart_table(figure).to_dict("list") == {
        "Series": ["people", "people", "not shown"], "Burnout": ["10 to under 23", "23 to under 41", "41 to under 50"],
        "people": ["6", "70", "not shown"]}
    assert chart_summary(figure) == "How burnout scores spread: 2 values; 1 held back to protect small groups."


def test_band_shares_read_across_one_row_per_subscale():
    summary = pd.DataFrame({"subscale": ["burnout"], "share_low": [0.25], "share_moderate": [0.7],
                            "share_high": [np.nan], "fewer_high": [True]})
    figure = charts.band_shares(summary, (ScoreColumn("burnout", PROQOL, BURNOUT, 10, 50),))
    assert chart_table(figure).to_dict("list") == {"Group": ["Burnout"], "low": ["25%"], "moderate": ["70%"],
                                                   "high": ["not shown"]}
    hatched = [trace.name for trace in figure.data if trace.marker.pattern.shape == "/"]
    assert hatched == ["high"], "the band that calls for attention is told by more than its colour"


def test_a_box_says_its_median_middle_half_and_whiskers():
    quantiles = pd.DataFrame({"group": ["North"], "p10": [15.0], "q1": [20.0], "median": [24.5], "q3": [28.0],
                              "p90": [33.0]})
    assert chart_table(charts.cohort_boxes(quantiles, "team", "Burnout")).to_dict("list") == {
        "Group": ["North"], "Burnout": ["median 24.5; middle half 20.0 to 28.0"],
        "10th to 90th percentile": ["15.0 to 33.0"]}


@pytest.mark.parametrize("name", list(figures()))
def test_every_chart_has_a_table_with_file_text_as_typed(name):
    figure = figures()[name]
    table = chart_table(figure)
    assert len(table) > 0 and table.map(lambda v: isinstance(v, str)).all().all()
    words = " ".join(table.astype(str).to_numpy().ravel()) + " " + chart_summary(figure)
    assert "&lt;" not in words and "&#37;" not in words, "entities made for Plotly are turned back"
    if name not in ("bands", "spread", "leavers", "before and after", "impact", "priority"):
        assert "<img src=http://127.0.0.1:9/" in words, f"{name}: a marked-up name, as typed"


def test_the_heatmap_reads_as_a_grid_of_its_cell_text():
    table = chart_table(figures()["heatmap"])
    assert list(table.columns)[0] == "Group" and len(table.columns) == 1 + len(figures()["heatmap"].data[0].x)
    assert len(table) == len(figures()["heatmap"].data[0].y)


def test_the_reports_chart_table_has_a_row_per_group_and_a_column_per_band():
    chart = Chart("shares", "Burnout bands", ("Burnout", "Burnout: Team <A>"),
                  (Series("low", (0.25, None), BETTER), Series("high", (0.1, None), ATTENTION)))
    html = report_table(chart)
    assert html.startswith('<details class="tw-values"><summary>Burnout bands: the values as a table</summary>')
    assert ('<tr><th scope="row">Burnout</th><td>25%</td><td>10%</td></tr>'
            '<tr><th scope="row">Burnout: Team &lt;A&gt;</th><td>not shown</td><td>not shown</td></tr>') in html


def test_a_figure_on_a_slide_bar_takes_the_colour_that_reads():
    assert [ink_on(colour) for colour in (BETTER, ATTENTION, MIDDLE)] == [WHITE, INK, INK]
    assert min(contrast(ink_on(c), c) for c in (BETTER, ATTENTION, MIDDLE)) >= 4.5
    assert contrast(WHITE, ATTENTION) < 3, "white on the orange, as before, could not be read"
