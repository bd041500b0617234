"""The one theme: text colours readable on white, the dashboard's own theme in step with it, and
one list of principles for the mapping and the action log."""

import ast
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from tiwell import theme
from tiwell.actions import ActionError, make_action
from tiwell.charts import figures as charts
from tiwell.instruments import load_builtin
from tiwell.present import Chart, Series, chart_svg
from tiwell.present.html import STYLE
from ui.style import CAPTIONS, FOCUS

ROOT = Path(__file__).resolve().parent.parent


def contrast(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_worked_out_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the well-known just-failing grey


@pytest.mark.parametrize("colour", [theme.INK, theme.NOTE_INK])
def test_text_colours_reach_wcag_aa_on_white_and_on_the_slide_paper(colour):
    assert contrast(colour, theme.WHITE) >= 4.5
    assert contrast(colour, theme.PAPER) >= 4.5


def test_the_histogram_and_band_notes_are_written_in_the_readable_grey():
    sub = load_builtin("proqol5").subscale("burnout")
    bins = pd.DataFrame({"low": [10.0, 23.0], "high": [23.0, 50.0], "count": [6.0, 7.0]})
    figure = charts.distribution(bins, sub.label, (10, 50), sub.bands, sub.direction, 5)
    assert {note.font.color for note in figure.layout.annotations} == {"#4a5a60"}
    assert contrast("#4a5a60", "#ffffff") == pytest.approx(7.19, abs=0.01)
    assert contrast("#6b7a80", "#ffffff") < 4.5, "the grey it replaced fell just short of 4.5:1"


def test_captions_are_drawn_opaque_in_the_readable_grey():
    # Streamlit's own caption is its text colour at 60% opacity: (0.6 x #1f2a2e + 0.4 x #fbfaf7) = #777d7e.
    assert contrast("#777d7e", theme.PAPER) == pytest.approx(4.0, abs=0.01)
    assert "color: #4a5a60; opacity: 1;" in CAPTIONS and 'data-testid="stCaptionContainer"' in CAPTIONS


def test_the_focus_ring_stands_out_on_the_page_and_the_sidebar():
    sidebar = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]["secondaryBackgroundColor"]
    assert f"outline: 3px solid {theme.BETTER}" in FOCUS
    assert contrast(theme.BETTER, theme.PAPER) == pytest.approx(4.97, abs=0.01)
    assert contrast(theme.BETTER, sidebar) == pytest.approx(4.62, abs=0.01), "WCAG 1.4.11 asks 3:1"


def test_every_text_colour_on_a_slide_reaches_aa_on_its_paper():
    chart = Chart("means", "Mean score by wave", ("2025-03", "2025-09"),
                  (Series("Burnout", (24.0, None), theme.BETTER),), (10.0, 50.0))
    fills = set(re.findall(r'<text [^>]*fill="(#[0-9a-fA-F]{6})"', chart_svg(chart)))
    css = set(re.findall(r"[^-]color: (#[0-9a-fA-F]{6})", STYLE))
    assert fills == {theme.INK, theme.NOTE_INK} and css == {theme.INK, theme.NOTE_INK}
    assert all(contrast(colour, theme.PAPER) >= 4.5 for colour in fills | css)


def test_the_dashboard_theme_uses_the_same_ink_and_paper():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))["theme"]
    assert config["textColor"] == theme.INK
    assert config["backgroundColor"] == theme.PAPER


def test_bands_run_from_attention_to_better_in_the_direction_of_the_scale():
    assert theme.band_colours(["low", "average", "high"], "higher_is_better") == {
        "low": "#E69F00", "average": "#B8C4C6", "high": "#0072B2"}
    assert theme.band_colours(["low", "high"], "higher_is_worse") == {"low": "#0072B2", "high": "#E69F00"}
    assert theme.band_colours(["all"], "higher_is_worse") == {"all": "#B8C4C6"}


def test_the_principles_have_one_list_ids_for_the_mapping_labels_for_the_log():
    assert len(theme.PRINCIPLES) == 6
    assert theme.PRINCIPLE_IDS[2] == "peer support" and theme.PRINCIPLE_LABELS[2] == "Peer support"
    assert all(label.lower() == id_ for id_, label in theme.PRINCIPLES.items())
    made = make_action({"date": "2025-01-01", "title": "Peer groups", "principle": "Peer support", "owner": "Lead"})
    assert made.principle == "Peer support"
    with pytest.raises(ActionError, match="'peer support' is not one of: Safety; "):
        make_action({"date": "2025-01-01", "title": "Peer groups", "principle": "peer support", "owner": "Lead"})


def test_the_theme_and_the_presentation_import_no_drawing_library():
    def imported(path: Path) -> set[str]:
        tree = ast.parse(path.read_text("utf-8"))
        return {node.module if isinstance(node, ast.ImportFrom) else alias.name
                for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names}
    assert not {m for m in imported(ROOT / "tiwell" / "theme.py") if m.startswith(("tiwell", "plotly"))}
    for path in (ROOT / "tiwell" / "present").glob("*.py"):
        assert not {m for m in imported(path) if m.startswith(("tiwell.charts", "plotly"))}, path.name
