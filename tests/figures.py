"""Read what a page draws: a plotly chart's traces (typed arrays decoded), and Markdown as read; and
what a session holds, as it can be pickled and searched."""

from __future__ import annotations

import base64
from concurrent.futures import Future
import json
import re

import numpy as np


def traces(chart) -> list[dict]:
    """The traces of an AppTest plotly_chart element, numbers as plain lists."""
    return [{key: _decode(value) for key, value in trace.items()} for trace in json.loads(chart.proto.spec)["data"]]


def _decode(value):
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = tuple(int(n) for n in str(value.get("shape", len(array))).split(","))
        return array.reshape(shape).tolist()
    return value


def as_read(markdown: str) -> str:
    """The text a person reads where the page wrote ``markdown``: file text is written with every
    punctuation mark escaped and a word joiner inside addresses (see ui/safe.py); a backslash
    before a mark draws only the mark, and the joiner draws nothing."""
    return re.sub(r"\\([!-/:-@[-`{-~])", r"\1", markdown).replace("\u2060", "")


def settled(value):
    """A session value as it can be pickled and searched: the comments read ahead (a future in a
    tuple) as what they were read into."""
    if isinstance(value, Future):
        return value.result(timeout=120)
    return tuple(settled(v) for v in value) if isinstance(value, tuple) else value
