"""Read what a plotly chart on a page draws: its traces, with plotly's typed arrays decoded."""

from __future__ import annotations

import base64
import json

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
