"""A survey whose every piece of file-borne text is Markdown and HTML markup: team names, a wave, a
question's wording, and an instrument definition's names, labels, bands and meanings. Every
marked-up string is lower case, so a page that lowers a label still shows the same string."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from importlib import resources

import pandas as pd

from tiwell.instruments import parse_instrument
from tiwell.pipeline import score_file
from ui.state import SAMPLE

QUESTION = "I feel safe to speak up about mistakes and concerns"
TEAM_COLUMN = "Which team do you work in?"
NOTHING_LISTENS = "http://127.0.0.1:9"  # the discard port: an address the page must never ask


def marked(word: str, beacon: str = NOTHING_LISTENS) -> str:
    """``word`` as an image, bold, an HTML image and a Plotly template field."""
    return f"![{word}]({beacon}/{word}.png) **{word}** <img src={beacon}/{word}.png> %{{meta}}"


def sample_frame(beacon: str = NOTHING_LISTENS) -> pd.DataFrame:
    """The sample's responses in two teams with marked-up names, one question worded in markup."""
    frame = pd.read_excel(SAMPLE, engine="openpyxl").rename(columns={QUESTION: marked("question", beacon)})
    frame[TEAM_COLUMN] = [marked("north", beacon) if k % 2 else marked("south", beacon) for k in range(len(frame))]
    return frame


def instrument_toml() -> str:
    """ProQOL 5 under another id, with a marked-up name, short name, burnout label, meaning and band."""
    text = resources.files("tiwell.instruments").joinpath("proqol5.toml").read_text("utf-8")
    for old, new in ((r'id = "proqol5"', 'id = "proqol5m"'), (r'\nname = "[^"]*"', f"\nname = '{marked('name')}'"),
                     (r'short_name = "[^"]*"', f"short_name = '{marked('short')}'"),
                     (r'label = "Burnout"', f"label = '{marked('burnout')}'"), (r'label = "high"', f"label = '{marked('high')}'"),
                     (r'meaning = "Exhaustion[^"]*"', f"meaning = '{marked('meaning')}'")):
        text, found = re.subn(old, new, text, count=0 if "high" in old else 1)
        assert found, old
    return text


@cache
def survey():
    """The marked-up sample scored with the marked-up instrument, its last wave renamed in markup."""
    scored = score_file(sample_frame().to_csv(index=False).encode("utf-8"), "marked.csv",
                        instruments=(parse_instrument(instrument_toml()),))
    last = sorted(scored.scored["wave"].dropna().unique())[-1]
    return dataclasses.replace(scored, scored=scored.scored.replace({"wave": {last: marked("wave")}}))
