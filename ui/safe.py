"""Text from a survey file or a settings file, made inert before Streamlit renders it as Markdown.

Team names, wave labels, group values, comments, question wording, instrument labels and action
titles come from people's files. Streamlit reads every label, caption and message as Markdown (plus
its own directives: ``:red[...]``, ``:material/icon:``, ``$maths$``), so ``![x](http://host/b.png)``
in a team name would make every viewer's browser fetch that address, and ``**`` or ``<b>`` would
restyle the page. ``inert`` escapes all of it, so the text shows exactly as typed.
"""

from __future__ import annotations

import re
import string
import unicodedata

# A backslash before any ASCII punctuation is a literal character in CommonMark, so escaping all of
# it (not a hand-picked list) also covers entities (``&``), list and heading marks (``.``, ``-``,
# ``#``) and Streamlit's directives (``:``, ``[``, ``$``), whatever the renderer adds next.
_ESCAPES = str.maketrans({mark: "\\" + mark for mark in string.punctuation})
# Characters that reorder or hide what follows (a name could otherwise display as another).
_INVISIBLE_ORDER = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Escapes do not stop GitHub-style bare links: the renderer finds ``http://``, ``www.`` and
# ``name@host`` in the text it has already unescaped. An invisible word joiner where each pattern
# needs a letter (after ``://`` and ``@``, between ``www`` and the dot) leaves plain text.
_BARE_LINK = re.compile(r"(?<=://)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def inert(text: object) -> str:
    """``text`` as Markdown that renders exactly these characters, on one line.

    Runs of whitespace, line breaks included, become one space: a line break inside a label or a
    list item would otherwise start a heading, a list or a code block. Control characters and
    direction overrides are dropped. Bare web and e-mail addresses stay text, not links.
    """
    words = str(text).translate(_INVISIBLE_ORDER).split()
    visible = "".join(ch for ch in " ".join(words) if unicodedata.category(ch) != "Cc")
    return _BARE_LINK.sub(WORD_JOINER, visible).translate(_ESCAPES)


def inert_table(frame):
    """A small table for ``st.table``, which wraps long text where ``st.dataframe`` cuts it off,
    but reads every cell as Markdown: each text cell and header made inert."""
    shown = frame.map(lambda v: inert(v) if isinstance(v, str) else v)
    shown.columns = [inert(c) for c in frame.columns]
    return shown
