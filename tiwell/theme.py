"""How tiwell looks and what it speaks of, in one place: the colours every chart, slide, deck and
report draws with, and the six trauma-informed principles an action or a question serves.

Nothing here draws (no Plotly, no python-pptx) and nothing is imported from the rest of tiwell,
so any stage may read it: the mapping checks a question's principle against the same list the
action log offers, and the presentation takes its colours from here rather than from the Plotly
charts. The Streamlit theme in ``.streamlit/config.toml`` repeats ``INK`` and ``PAPER``, as TOML
cannot import them; a test holds the two equal.

Colours are from the Okabe-Ito palette, readable with colour-blindness: blue for the better end
of a subscale, orange for the end that calls for attention, grey between, whichever direction
the subscale runs.
"""

from __future__ import annotations

BETTER, MIDDLE, ATTENTION = "#0072B2", "#B8C4C6", "#E69F00"
INK = "#1f2a2e"        # body text, titles, the action marks
# All secondary text (notes, captions, chart and axis labels): 7.2:1 on white, 6.9:1 on PAPER,
# where WCAG AA asks 4.5:1 of small text.
NOTE_INK = "#4a5a60"
# Secondary lines only (a reference line, the whole organisation's trend): at 4.45:1 on white it
# is too faint for small text.
MUTED = "#6b7a80"
WHITE = "#ffffff"
PAPER = "#fbfaf7"      # a slide's warm background, as the dashboard's
GRID = "#eef1f2"       # chart grid lines on white
GRID_ON_PAPER = "#e3e8ea"  # a slide chart's grid lines: a shade darker, to show on the warm background
HEAT_MIDDLE = "#F4F1EA"    # the heatmap's midpoint between the better end and the end that calls for attention
# One colour per line on a chart with several series, in order (the dashboard's trend lines): the
# Okabe-Ito eight, then the seven of Paul Tol's muted scheme that differ from them, so that fifteen
# teams on one chart never share a colour; a slide's lines cycle through the first six (the
# seventh, a pale yellow, would barely show on PAPER).
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                  "#332288", "#882255", "#117733", "#44AA99", "#999933", "#AA4499", "#CC6677")
SLIDE_SERIES_COLOURS = SERIES_COLOURS[:6]
FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"

# The six principles of SAMHSA's trauma-informed approach (SAMHSA, 2014, HHS Publication (SMA)
# 14-4884): the id stored in a mapping file, and the label an action log stores and shows.
PRINCIPLES = {
    "safety": "Safety",
    "trustworthiness and transparency": "Trustworthiness and transparency",
    "peer support": "Peer support",
    "collaboration and mutuality": "Collaboration and mutuality",
    "empowerment, voice and choice": "Empowerment, voice and choice",
    "cultural, historical and gender issues": "Cultural, historical and gender issues",
}
PRINCIPLE_IDS = tuple(PRINCIPLES)
PRINCIPLE_LABELS = tuple(PRINCIPLES.values())


def band_colours(bands: list[str], direction: str) -> dict[str, str]:
    """First band to last: from attention to better (higher is better) or the reverse; a lone
    band is grey. The page, the slides and the deck colour a band alike."""
    if len(bands) == 1:
        return {bands[0]: MIDDLE}
    ends = (ATTENTION, BETTER) if direction == "higher_is_better" else (BETTER, ATTENTION)
    colours = [ends[0]] + [MIDDLE] * (len(bands) - 2) + [ends[1]]
    return dict(zip(bands, colours))
