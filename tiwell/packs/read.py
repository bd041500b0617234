"""Reading a benchmark pack someone sent: every rule of :mod:`tiwell.packs.make` checked again.

A pack comes from another organisation, perhaps by another tool or edited by hand, so nothing in
it is trusted: its size, its shape, every word (only the fixed lists and the instrument's own band
labels), every count (a multiple of 5, no group and no band of 1 to 9 people), every mean within
the instrument's range. A pack that breaks a rule is refused whole with one sentence naming the
file and the reason, so a pack that would reveal a small group is never pooled.
"""

from __future__ import annotations

import json
import math
from functools import cache

from tiwell.errors import InstrumentError, PackError
from tiwell.instruments.load import load_builtin
from tiwell.packs.make import (FORMAT, ORGANISATION, PACK_MIN, PERIOD, ROUND_TO, SECTORS, SIZE_BANDS, TEAM_TYPES,
                               VERSION, WHOLE)

MAX_PACK_BYTES = 1_000_000   # a pack of every built-in instrument and team type is under 40 kB
TOP_KEYS = {"format", "version", "organisation", "sector", "size_band", "period", "scores"}
SCORE_KEYS = {"instrument", "subscale", "group", "n", "mean", "sd", "bands"}


def read_pack(data: bytes, name: str) -> dict:
    """The pack in ``data`` (a file called ``name``), checked; a PackError says why it is refused."""
    if len(data) > MAX_PACK_BYTES:
        raise PackError(f"{name} is not a benchmark pack: it is {len(data):,} bytes, and a pack is at most "
                        f"{MAX_PACK_BYTES:,}.")
    try:
        pack = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PackError(f"{name} is not a benchmark pack: it is not a JSON document.") from None
    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        raise PackError(f"{name} is not a benchmark pack: it does not say format \"{FORMAT}\".")
    _check_header(pack, name)
    seen = set()
    for k, score in enumerate(pack["scores"]):
        key = _check_score(score, name, k + 1)
        if key in seen:
            raise PackError(f"{name}, score {k + 1}: {key[2]} of {key[0]} {key[1]} is given twice.")
        seen.add(key)
    return pack


def _check_header(pack: dict, name: str) -> None:
    extra = sorted(set(pack) - TOP_KEYS)
    if extra:
        raise PackError(f"{name} is refused: it holds '{extra[0]}', which a pack never carries (only "
                        f"{', '.join(sorted(TOP_KEYS))}).")
    if pack.get("version") != VERSION:
        raise PackError(f"{name} is a pack of version {pack.get('version')!r}; this tiwell reads version {VERSION}.")
    checks = (("organisation", lambda v: isinstance(v, str) and ORGANISATION.match(v), "a 16-character code"),
              ("sector", lambda v: v in SECTORS, f"one of {', '.join(SECTORS)}"),
              ("size_band", lambda v: v in SIZE_BANDS, f"one of {', '.join(SIZE_BANDS)}"),
              ("period", lambda v: isinstance(v, str) and PERIOD.match(v), "a year or a year and month"),
              ("scores", lambda v: isinstance(v, list) and v, "a list of scores"))
    for key, ok, wanted in checks:
        if not ok(pack.get(key)):
            raise PackError(f"{name} is refused: its {key} must be {wanted}.")


def _check_score(score, name: str, number: int) -> tuple[str, str, str]:
    """One score checked; the messages are written only for a score that is refused."""
    def refuse(reason: str) -> PackError:
        group = score.get("group") if isinstance(score, dict) else None
        where = f"{name}, score {number}" + (f" ({group}, {score.get('subscale')})" if group else "")
        return PackError(f"{where} is refused: {reason}")

    if not isinstance(score, dict) or score.keys() != SCORE_KEYS:
        raise refuse(f"a score holds exactly {', '.join(sorted(SCORE_KEYS))}.")
    low, high, labels = _subscale(score["instrument"], score["subscale"], refuse)
    group = score["group"]
    if group != WHOLE and group not in TEAM_TYPES:
        raise refuse(f"its group must be '{WHOLE}' or a team type ({', '.join(TEAM_TYPES)}), so that a pack never "
                     "names a team.")
    _check_count(score["n"], "n", refuse, allow_zero=False)
    mean, sd = score["mean"], score["sd"]
    if not all(type(v) in (int, float) and math.isfinite(v) for v in (mean, sd)):
        raise refuse("its mean and SD must be numbers.")
    if not low <= mean <= high or not 0 <= sd <= high - low:
        raise refuse(f"its mean {mean} or SD {sd} is outside the scale ({low:g} to {high:g}).")
    bands = score["bands"]
    if bands is not None:
        if type(bands) is not dict or not bands or not labels.issuperset(bands):
            raise refuse("its bands must be the instrument's own band labels.")
        for band, value in bands.items():
            _check_count(value, f"band '{band}'", refuse, allow_zero=True)
    return score["instrument"], score["subscale"], group


def _check_count(value, label: str, refuse, *, allow_zero: bool) -> None:
    if type(value) is not int or value < 0 or value % ROUND_TO:
        raise refuse(f"its {label} must be a count rounded to {ROUND_TO}, not {value!r}.")
    if value < PACK_MIN and not (allow_zero and value == 0):
        raise refuse(f"its {label} is {value}, and a pack must leave out any group of fewer than {PACK_MIN} "
                     "people, so it could point to the people in it.")


def _subscale(instrument, subscale, refuse) -> tuple[float, float, frozenset[str]]:
    """The range and every band label (its own and each named set's) of a built-in subscale."""
    found = _builtin_subscale(instrument, subscale) if type(instrument) is str and type(subscale) is str else None
    if found is None:
        raise refuse(f"{instrument!r} {subscale!r} is not a subscale of a built-in instrument.")
    return found


@cache
def _builtin_subscale(instrument: str, subscale: str) -> tuple[float, float, frozenset[str]] | None:
    try:
        inst = load_builtin(instrument)
    except InstrumentError:
        return None
    own = {s.id: s for s in inst.subscales}.get(subscale)
    if own is None:
        return None
    low, high = inst.score_range(subscale)
    labels = {b.label for b in own.bands}
    labels |= {b.label for band_set in inst.band_sets for b in band_set.bands.get(subscale, ())}
    return float(low), float(high), frozenset(labels)
