"""Employee numbers turned into private codes, for the one analysis that needs to follow a person.

Comparing the earlier answers of people who later left with those of people who stayed needs the
survey and the HR staff list to agree on who is who, and nothing else needs an identifier. So an
employee number is never kept: when the user opts in, each is replaced on reading by a keyed hash
(HMAC-SHA256) under a random key that lives only in that user's session. The same number gives
the same code in both files during the session; without the key a code cannot be turned back
into a number or matched against any other list, and next session's codes are different.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

import pandas as pd

KEY_BYTES = 32
CODE_LENGTH = 16  # hex digits: 64 bits, so two of a few thousand numbers never share a code


def new_key() -> bytes:
    """A fresh random key for one session."""
    return secrets.token_bytes(KEY_BYTES)


def canonical(number: str) -> str:
    """How an employee number is compared: case, spaces and leading zeros of an all-digit
    number do not matter (' e0123 ' is 'E0123'; '00123' is '123'), as spreadsheets drop them."""
    text = re.sub(r"\s+", "", str(number)).upper()
    return (text.lstrip("0") or "0") if text.isdigit() else text


def private_codes(values: pd.Series, key: bytes) -> pd.Series:
    """Each value's code under ``key`` (missing where the cell is empty), on the same index."""
    if len(key) < KEY_BYTES:
        raise ValueError(f"the key must be at least {KEY_BYTES} random bytes (use new_key()).")

    def code(value: str) -> str | None:
        text = canonical(value)
        if not text:
            return None
        return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:CODE_LENGTH]

    return pd.Series([code(v) for v in values.fillna("")], index=values.index, dtype="string", name="person_code")
