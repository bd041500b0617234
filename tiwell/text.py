"""Text normalisation shared by header matching, label reading and personal-data checks."""

from __future__ import annotations

import re
import unicodedata

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: 'RecipientE-mail ' -> 'recipient e mail'.
    Accents are folded and curly quotes, dashes and punctuation all become spaces."""
    text = str(text)
    if not text.isascii():  # plain ASCII, most headers, has no accents to fold
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _CAMEL.sub(" ", text).lower().replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", text).strip()
