"""Text normalisation shared by header matching, label reading and personal-data checks."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: 'RecipientE-mail ' -> 'recipient e mail'.
    Accents are folded and curly quotes, dashes and punctuation all become spaces."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_combining_marks())
    lower = text.lower()
    if lower != text:  # camel case can only split a text with capitals (the split is slow on long text)
        lower = _CAMEL.sub(" ", text).lower()
    return _NON_WORD.sub(" ", lower.replace("'", "").replace("\u2019", "")).strip()


@cache
def _combining_marks() -> dict[int, None]:
    """Every combining mark (the accents NFKD splits off), as a table that deletes them in one
    pass over a text rather than one Python step per character."""
    return dict.fromkeys(cp for cp in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(cp)))
