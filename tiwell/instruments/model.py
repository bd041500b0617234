"""What an instrument is: its scale, items, subscales, bands, band sets and profiles.

Frozen dataclasses, built from TOML by :mod:`tiwell.instruments.load`; every part of tiwell reads
instruments through these and never through the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiwell.errors import InstrumentError

DIRECTIONS = ("higher_is_better", "higher_is_worse")
METHODS = ("sum", "mean")


@dataclass(frozen=True)
class Band:
    """A named score range, inclusive at both ends; ``None`` leaves an end open."""

    label: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Label:
    """One point of the response scale, every spelling accepted for it, and distinctive
    words that identify it inside a longer answer (for options whose full text is not shipped)."""

    value: float
    label: str
    spellings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale:
    min: float
    max: float
    labels: tuple[Label, ...]

    @property
    def values(self) -> tuple[float, ...]:
        """The allowed answers; any other number is off the scale."""
        return tuple(lab.value for lab in self.labels)


@dataclass(frozen=True)
class Item:
    number: int
    text: str | None
    reversed: bool
    keywords: tuple[str, ...] = ()  # distinctive header words, for items whose text is not shipped


@dataclass(frozen=True)
class Subscale:
    id: str
    label: str
    meaning: str
    direction: str
    method: str
    items: tuple[int, ...]
    min_answered: int
    missing_rule_source: str
    bands: tuple[Band, ...]
    bands_source: str
    optional: bool = False  # answered only by some people (client-related burnout): blank is not missing


@dataclass(frozen=True)
class BandSet:
    """Alternative, named cut points (such as the classic MBI cut-offs), on the basis they were
    published on (``method``: sums or item means), chosen by the user, never the default."""

    id: str
    label: str
    source: str
    note: str
    method: str
    bands: dict[str, tuple[Band, ...]]


@dataclass(frozen=True)
class ProfileType:
    id: str
    label: str
    critical: tuple[str, ...]  # exactly these subscales beyond their boundary


@dataclass(frozen=True)
class Profiles:
    """Profiles from per-subscale boundaries on item means: a subscale is critical when it is
    at or beyond its boundary in its bad direction; a profile is an exact set of critical ones."""

    label: str
    source: str
    note: str
    boundaries: dict[str, float]
    types: tuple[ProfileType, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    short_name: str
    version: str
    measures: str
    timeframe: str
    citation: str
    licence: str
    scale: Scale
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]
    prefixes: tuple[str, ...] = ()  # header prefixes that name this instrument (MBI_3, CBI_12)
    notes: str = ""
    band_sets: tuple[BandSet, ...] = ()
    profiles: Profiles | None = None

    @property
    def item_numbers(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items)

    @property
    def reversed_items(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items if item.reversed)

    def subscale(self, subscale_id: str) -> Subscale:
        for sub in self.subscales:
            if sub.id == subscale_id:
                return sub
        allowed = ", ".join(s.id for s in self.subscales)
        raise InstrumentError(f"{self.short_name} has no subscale {subscale_id!r}; it has {allowed}.")

    def band_set(self, band_set_id: str) -> BandSet:
        for band_set in self.band_sets:
            if band_set.id == band_set_id:
                return band_set
        allowed = ", ".join(b.id for b in self.band_sets) or "none"
        raise InstrumentError(f"{self.short_name} has no band set {band_set_id!r}; allowed: {allowed}.")

    def score_range(self, subscale_id: str) -> tuple[float, float]:
        """Lowest and highest possible score of a subscale."""
        sub = self.subscale(subscale_id)
        k = len(sub.items) if sub.method == "sum" else 1
        return self.scale.min * k, self.scale.max * k
