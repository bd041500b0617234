"""Instrument definitions: TOML files read into frozen dataclasses.

An instrument is data, not code, so an organisation can load its own key (another language
version, another edition) and every part of tiwell treats it exactly like a built-in one.
A malformed file raises :class:`InstrumentError` naming the field at fault.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from tiwell.instruments.model import (  # noqa: F401  (re-exported: the model's home for callers)
    DIRECTIONS, METHODS, Band, BandSet, Instrument, Item, Label, Profiles, ProfileType, Scale, Subscale,
)
from tiwell.errors import InstrumentError, SettingsFileError
from tiwell.ingest.settings_files import load_toml

# Every header is compared with every item's statement and keywords, so a definition's size is
# the matching's cost: these are far above any published instrument (the largest built-in has 30
# items of under 120 characters).
MAX_ITEMS = 300
MAX_TEXT = 1_000  # characters of one statement, label or keyword
MAX_LIST = 100  # spellings or keywords of one answer or item


# ---------------------------------------------------------------- reading and checking


def builtin_ids() -> tuple[str, ...]:
    """Ids of the instruments shipped in ``tiwell/instruments``."""
    files = resources.files("tiwell.instruments").iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".toml")))


def load_builtin(instrument_id: str) -> Instrument:
    if instrument_id not in builtin_ids():
        allowed = ", ".join(builtin_ids())
        raise InstrumentError(f"No built-in instrument {instrument_id!r}; choose one of {allowed}, or give a TOML file.")
    text = resources.files("tiwell.instruments").joinpath(f"{instrument_id}.toml").read_text("utf-8")
    return parse_instrument(text, source=f"{instrument_id}.toml")


def load_instrument(id_or_path: str | Path) -> Instrument:
    """A built-in instrument by id, or a user's definition file by path."""
    path = Path(id_or_path)
    if str(id_or_path) in builtin_ids():
        return load_builtin(str(id_or_path))
    if path.suffix.lower() == ".toml" or path.exists():
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise InstrumentError(f"Cannot read instrument file {path}: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise InstrumentError(f"{path.name} is not a text file in UTF-8, so it cannot be an instrument "
                                  "definition (TOML).") from exc
        return parse_instrument(text, source=path.name)
    return load_builtin(str(id_or_path))


def builtin_instruments() -> tuple[Instrument, ...]:
    return tuple(load_builtin(i) for i in builtin_ids())


def parse_instrument(text: str, source: str = "instrument file") -> Instrument:
    """Build an :class:`Instrument` from TOML text, checking every field a scorer relies on."""
    try:
        data = load_toml(text, source, kind="an instrument definition")
    except SettingsFileError as exc:
        raise InstrumentError(str(exc)) from None
    return _Checker(source).instrument(data)


class _Checker:
    """Reads one TOML document, raising an error that names the field at fault."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, field: str, why: str) -> InstrumentError:
        return InstrumentError(f"{self.source}: field '{field}' {why}.")

    def get(self, table: dict, key: str, kind: type | tuple, field: str, default=...):
        if key not in table:
            if default is ...:
                raise self.fail(field, "is missing")
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            raise self.fail(field, f"must be {_kind_name(kinds)}, not true/false")
        if not isinstance(value, kinds):
            raise self.fail(field, f"must be {_kind_name(kinds)}, not {type(value).__name__} {value!r}")
        return value

    def instrument(self, data: dict) -> Instrument:
        text = lambda key, default=...: self.get(data, key, str, key, default)  # noqa: E731
        inst_id = text("id")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", inst_id):
            raise self.fail("id", "must be lower-case letters, digits and underscores, starting with a letter")
        scale = self.scale(self.get(data, "scale", dict, "scale"))
        items = self.items(self.get(data, "items", list, "items"))
        numbers = {item.number for item in items}
        subscales = self.subscales(self.get(data, "subscales", list, "subscales"), numbers)
        return Instrument(
            id=inst_id,
            name=text("name"),
            short_name=text("short_name", text("name")),
            version=str(self.get(data, "version", (str, int, float), "version", "")),
            measures=text("measures", ""),
            timeframe=text("timeframe", ""),
            citation=text("citation"),
            licence=text("licence"),
            scale=scale,
            items=items,
            subscales=subscales,
            prefixes=self.strings(data, "prefixes", "prefixes"),
            notes=text("notes", ""),
            band_sets=self.band_sets(self.get(data, "band_sets", list, "band_sets", []), subscales),
            profiles=self.profiles(data.get("profiles"), subscales),
        )

    def strings(self, table: dict, key: str, field: str) -> tuple[str, ...]:
        values = self.get(table, key, list, field, [])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(field, "must be a list of text")
        if len(values) > MAX_LIST or any(len(v) > MAX_TEXT for v in values):
            raise self.fail(field, f"must list at most {MAX_LIST} entries of at most {MAX_TEXT:,} characters")
        return tuple(values)

    def scale(self, table: dict) -> Scale:
        low = self.get(table, "min", (int, float), "scale.min")
        high = self.get(table, "max", (int, float), "scale.max")
        if low >= high:
            raise self.fail("scale.max", f"must be greater than scale.min ({low})")
        labels = []
        for i, entry in enumerate(self.get(table, "labels", list, "scale.labels")):
            field = f"scale.labels[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(field, "must be a table with value and label")
            value = self.get(entry, "value", (int, float), f"{field}.value")
            if not low <= value <= high:
                raise self.fail(f"{field}.value", f"is {value}, outside scale.min..scale.max ({low}..{high})")
            labels.append(Label(float(value), self.get(entry, "label", str, f"{field}.label"),
                                self.strings(entry, "spellings", f"{field}.spellings"),
                                self.strings(entry, "keywords", f"{field}.keywords")))
        if not labels:
            raise self.fail("scale.labels", "must list at least one answer")
        return Scale(float(low), float(high), tuple(labels))

    def items(self, entries: list) -> tuple[Item, ...]:
        items, seen = [], set()
        if len(entries) > MAX_ITEMS:
            raise self.fail("items", f"lists {len(entries):,} items; tiwell reads instruments of at most {MAX_ITEMS}")
        for i, entry in enumerate(entries):
            field = f"items[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(field, "must be a table with a number")
            number = self.get(entry, "number", int, f"{field}.number")
            if number < 1 or number in seen:
                raise self.fail(f"{field}.number", f"is {number}: item numbers must be positive and unique")
            seen.add(number)
            text = self.get(entry, "text", str, f"{field}.text", None)
            if text is not None and len(text) > MAX_TEXT:
                raise self.fail(f"{field}.text",
                                f"holds {len(text):,} characters; a statement holds at most {MAX_TEXT:,}")
            items.append(Item(number, text, self.get(entry, "reversed", bool, f"{field}.reversed", False),
                              self.strings(entry, "keywords", f"{field}.keywords")))
        if not items:
            raise self.fail("items", "must list at least one item")
        return tuple(items)

    def subscales(self, entries: list, numbers: set[int]) -> tuple[Subscale, ...]:
        subs = []
        for i, entry in enumerate(entries):
            field = f"subscales[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(field, "must be a table")
            subs.append(self.subscale(entry, field, numbers))
        ids = [s.id for s in subs]
        if not subs or len(set(ids)) != len(ids):
            raise self.fail("subscales", "must list at least one subscale, each with a unique id")
        return tuple(subs)

    def subscale(self, entry: dict, field: str, numbers: set[int]) -> Subscale:
        sub_id = self.get(entry, "id", str, f"{field}.id")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", sub_id):
            raise self.fail(f"{field}.id", "must be lower-case letters, digits and underscores")
        direction = self.get(entry, "direction", str, f"{field}.direction")
        if direction not in DIRECTIONS:
            raise self.fail(f"{field}.direction", f"is {direction!r}; allowed: {', '.join(DIRECTIONS)}")
        method = self.get(entry, "method", str, f"{field}.method", "sum")
        if method not in METHODS:
            raise self.fail(f"{field}.method", f"is {method!r}; allowed: {', '.join(METHODS)}")
        items = self.get(entry, "items", list, f"{field}.items")
        unknown = [n for n in items if n not in numbers]
        if not items or unknown:
            raise self.fail(f"{field}.items", f"must list item numbers defined under [[items]] (unknown: {unknown})")
        missing = self.get(entry, "missing", dict, f"{field}.missing", {})
        min_answered = self.get(missing, "min_answered", int, f"{field}.missing.min_answered", len(items))
        if not 1 <= min_answered <= len(items):
            raise self.fail(f"{field}.missing.min_answered", f"must be between 1 and {len(items)}")
        return Subscale(
            id=sub_id,
            label=self.get(entry, "label", str, f"{field}.label", sub_id.replace("_", " ").capitalize()),
            meaning=self.get(entry, "meaning", str, f"{field}.meaning", ""),
            direction=direction,
            method=method,
            items=tuple(items),
            min_answered=min_answered,
            missing_rule_source=self.get(missing, "source", str, f"{field}.missing.source", ""),
            bands=self.bands(self.get(entry, "bands", list, f"{field}.bands", []), f"{field}.bands"),
            bands_source=self.get(entry, "bands_source", str, f"{field}.bands_source", ""),
            optional=self.get(entry, "optional", bool, f"{field}.optional", False),
        )

    def band_sets(self, entries: list, subscales: tuple[Subscale, ...]) -> tuple[BandSet, ...]:
        known = {s.id for s in subscales}
        sets = []
        for i, entry in enumerate(entries):
            field = f"band_sets[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(field, "must be a table")
            method = self.get(entry, "method", str, f"{field}.method", "sum")
            if method not in METHODS:
                raise self.fail(f"{field}.method", f"is {method!r}; allowed: {', '.join(METHODS)}")
            table = self.get(entry, "bands", dict, f"{field}.bands")
            unknown = sorted(set(table) - known)
            if unknown:
                raise self.fail(f"{field}.bands", f"names subscale {unknown[0]!r}, which is not defined")
            sets.append(BandSet(
                id=self.get(entry, "id", str, f"{field}.id"),
                label=self.get(entry, "label", str, f"{field}.label"),
                source=self.get(entry, "source", str, f"{field}.source"),
                note=self.get(entry, "note", str, f"{field}.note", ""),
                method=method,
                bands={sub: self.bands(self.get(table, sub, list, f"{field}.bands.{sub}"), f"{field}.bands.{sub}")
                       for sub in table},
            ))
        return tuple(sets)

    def profiles(self, table, subscales: tuple[Subscale, ...]) -> Profiles | None:
        if table is None:
            return None
        if not isinstance(table, dict):
            raise self.fail("profiles", "must be a table")
        known = {s.id for s in subscales}
        boundaries = self.get(table, "boundaries", dict, "profiles.boundaries")
        for sub, value in boundaries.items():
            if sub not in known or isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.fail(f"profiles.boundaries.{sub}", "must name a defined subscale and give a number")
        types = []
        for i, entry in enumerate(self.get(table, "types", list, "profiles.types")):
            field = f"profiles.types[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(field, "must be a table with id, label and critical")
            critical = self.strings(entry, "critical", f"{field}.critical")
            if set(critical) - set(boundaries):
                raise self.fail(f"{field}.critical", "must list subscales that have a boundary")
            types.append(ProfileType(self.get(entry, "id", str, f"{field}.id"),
                                     self.get(entry, "label", str, f"{field}.label"), critical))
        return Profiles(
            label=self.get(table, "label", str, "profiles.label"),
            source=self.get(table, "source", str, "profiles.source"),
            note=self.get(table, "note", str, "profiles.note", ""),
            boundaries={k: float(v) for k, v in boundaries.items()},
            types=tuple(types),
        )

    def bands(self, entries: list, field: str) -> tuple[Band, ...]:
        bands = []
        for i, entry in enumerate(entries):
            where = f"{field}[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(where, "must be a table with label, min and/or max")
            low = self.get(entry, "min", (int, float), f"{where}.min", None)
            high = self.get(entry, "max", (int, float), f"{where}.max", None)
            if low is not None and high is not None and low > high:
                raise self.fail(where, f"has min {low} above max {high}")
            bands.append(Band(self.get(entry, "label", str, f"{where}.label"), low, high))
        return tuple(bands)


def _kind_name(kinds: tuple) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list", dict: "a table"}
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in kinds))
