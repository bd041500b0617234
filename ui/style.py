"""The few style rules that make Streamlit's page meet WCAG 2.2 AA where its theme has no setting.

- Captions: Streamlit draws them in its text colour at 60% opacity, #777d7e on the page's
  #fbfaf7, 4.0:1 where small text needs 4.5:1. They are set fully opaque in
  :data:`tiwell.theme.NOTE_INK` (6.9:1), the grey the slides' and the report's notes use.
  Quotes (staff comments, as blockquotes) are drawn in the same faded grey and set the same way.
- Focus: whatever has keyboard focus gets a 3px outline in :data:`tiwell.theme.BETTER` (5.0:1
  on the page, 4.6:1 on the sidebar, where a focus indicator needs 3:1); Streamlit removes the outline of several
  controls and tints a focused sidebar link exactly as it tints the current page.
- The current page: a bar beside it and bold text, so it no longer looks like the focused link.
- Date fields: each part of a date (year, month, day) is a target of its own, drawn about 18px
  by 20px; WCAG 2.5.8 asks for 24px by 24px.

A style-only ``st.html`` takes no space on the page.
"""

from __future__ import annotations

import streamlit as st

from tiwell.theme import BETTER, INK, NOTE_INK

CAPTIONS = (f'[data-testid="stCaptionContainer"] {{ color: {NOTE_INK}; opacity: 1; }} '
            f'[data-testid="stMarkdownContainer"] blockquote {{ color: {NOTE_INK}; opacity: 1; }}')
FOCUS = f"*:focus-visible {{ outline: 3px solid {BETTER} !important; outline-offset: 2px; }}"
CURRENT_PAGE = (f'[data-testid="stSidebarNav"] a[aria-current="page"] {{ box-shadow: inset 4px 0 0 {INK}; }} '
                f'[data-testid="stSidebarNav"] a[aria-current="page"] span {{ font-weight: 600; color: {INK}; }}')
DATE_PARTS = ('[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; '
              "min-height: 24px; line-height: 24px; text-align: center; }")
STYLE = f"<style>{CAPTIONS} {FOCUS} {CURRENT_PAGE} {DATE_PARTS}</style>"


def accessible_style() -> None:
    """Add this run's style rules; safe to call on every rerun."""
    st.html(STYLE)
