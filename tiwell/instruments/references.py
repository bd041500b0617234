"""Published reference values as data: who else was measured with an instrument, and what they scored.

The values live in ``references/published.toml`` beside the instrument definitions, so a new
published sample is a new table in that file, not code. Each :class:`Reference` names its source,
population, year and size, says whether every number was checked against the source
(``confirmed``) and what to keep in mind (``caution``); each :class:`ReferenceScore` holds one
subscale's mean, SD, n and band shares, each only where the source gives it. A pooled benchmark
built from organisations' packs is a :class:`Reference` too, so every view compares with either the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from tiwell.errors import InstrumentError
from tiwell.ingest.settings_files import load_toml

SCALES = ("raw", "t-score", "one question")  # only "raw" is on the scale tiwell scores


@dataclass(frozen=True)
class ReferenceScore:
    """One subscale's published figures; a figure the source does not give is None."""

    subscale: str
    mean: float | None = None
    sd: float | None = None
    n: int | None = None
    band_set: str = ""                      # the named cut points the shares use; "" for the instrument's own
    bands: tuple[tuple[str, float], ...] = ()  # (band label, share of people)


@dataclass(frozen=True)
class Reference:
    """One published sample or guidance for one instrument."""

    id: str
    instrument: str
    name: str
    source: str
    population: str
    year: int | None
    n: int | None
    confirmed: bool
    caution: str
    scale: str
    scores: tuple[ReferenceScore, ...]

    @property
    def comparable(self) -> bool:
        """Whether this survey's scores can be set against it: same scale, and some figure given."""
        return self.scale == "raw" and any(s.mean is not None or s.bands for s in self.scores)

    def score(self, subscale: str) -> ReferenceScore | None:
        return next((s for s in self.scores if s.subscale == subscale), None)

    @property
    def citation(self) -> str:
        """The source as one line a reader can look up, with the year and the check made."""
        checked = "" if self.confirmed else " Not confirmed against the source."
        return f"{self.name}: {self.source}{checked}"


@cache
def published_references() -> tuple[Reference, ...]:
    """Every shipped reference, in the file's order."""
    text = resources.files("tiwell.instruments").joinpath("references", "published.toml").read_text("utf-8")
    return parse_references(text, "published.toml")


def references_for(instrument_ids, comparable_only: bool = False) -> tuple[Reference, ...]:
    """The shipped references for these instruments (those that can be compared, when asked)."""
    wanted = set(instrument_ids)
    return tuple(r for r in published_references()
                 if r.instrument in wanted and (r.comparable or not comparable_only))


def parse_references(text: str, source: str) -> tuple[Reference, ...]:
    """References from TOML text; a malformed entry is an InstrumentError naming the field."""
    entries = load_toml(text, source, kind="a reference values file").get("reference", [])
    if not isinstance(entries, list):
        raise InstrumentError(f"{source}: 'reference' must be a list of [[reference]] tables.")
    return tuple(_reference(entry, f"{source} reference[{i}]") for i, entry in enumerate(entries))


def _reference(entry, where: str) -> Reference:
    if not isinstance(entry, dict):
        raise InstrumentError(f"{where} must be a table.")
    scale = _get(entry, "scale", str, where, "raw")
    if scale not in SCALES:
        raise InstrumentError(f"{where}.scale is {scale!r}; allowed: {', '.join(SCALES)}.")
    values = _get(entry, "values", list, where, [])
    return Reference(
        id=_get(entry, "id", str, where), instrument=_get(entry, "instrument", str, where),
        name=_get(entry, "name", str, where), source=_get(entry, "source", str, where),
        population=_get(entry, "population", str, where), year=_get(entry, "year", int, where, None),
        n=_count(entry, "n", where), confirmed=_get(entry, "confirmed", bool, where),
        caution=_get(entry, "caution", str, where, ""), scale=scale,
        scores=tuple(_score(v, f"{where}.values[{k}]") for k, v in enumerate(values)))


def _score(entry, where: str) -> ReferenceScore:
    if not isinstance(entry, dict):
        raise InstrumentError(f"{where} must be a table.")
    bands = _get(entry, "bands", dict, where, {})
    if not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in bands.values()):
        raise InstrumentError(f"{where}.bands must give each band's share of people as a number from 0 to 1.")
    sd = _get(entry, "sd", (int, float), where, None)
    if sd is not None and sd <= 0:
        raise InstrumentError(f"{where}.sd must be above 0.")
    mean = _get(entry, "mean", (int, float), where, None)
    return ReferenceScore(subscale=_get(entry, "subscale", str, where),
                          mean=None if mean is None else float(mean), sd=None if sd is None else float(sd),
                          n=_count(entry, "n", where), band_set=_get(entry, "band_set", str, where, ""),
                          bands=tuple((str(k), float(v)) for k, v in bands.items()))


_REQUIRED = object()


def _get(table: dict, key: str, kind, where: str, default=_REQUIRED):
    if key not in table:
        if default is _REQUIRED:
            raise InstrumentError(f"{where} needs '{key}'.")
        return default
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InstrumentError(f"{where}.{key} has the wrong type ({type(value).__name__}).")
    return value


def _count(table: dict, key: str, where: str) -> int | None:
    value = _get(table, key, int, where, None)
    if value is not None and value < 1:
        raise InstrumentError(f"{where}.{key} must be a number of people, 1 or more.")
    return value
