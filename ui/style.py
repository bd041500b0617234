"""The dashboard's small print, readable: captions in the theme's note grey.

Streamlit draws every caption in its text colour at 60% opacity, which reads as #777d7e on the
page's #fbfaf7: 4.0:1, short of the 4.5:1 WCAG AA asks of small text, and its theme has no
setting for it. One style rule sets captions fully opaque in :data:`tiwell.theme.NOTE_INK`
(6.9:1), the grey the slides' and the report's notes use. A style-only ``st.html`` takes no space
on the page.
"""

from __future__ import annotations

import streamlit as st

from tiwell.theme import NOTE_INK

CAPTIONS = f'<style>[data-testid="stCaptionContainer"] {{ color: {NOTE_INK}; opacity: 1; }}</style>'


def readable_captions() -> None:
    """Set this run's captions in the readable grey; safe to call on every rerun."""
    st.html(CAPTIONS)
