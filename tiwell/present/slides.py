"""What a view of the story is made of, as data: its points, its chart and the chart's series,
and the smallest group any view shows. The story builds them; the page, the deck, the workbook
and the report draw them."""

from __future__ import annotations

from dataclasses import dataclass

from tiwell.privacy.minimum import check_min_group

MIN_GROUP = check_min_group(5, lowest=5)  # the smallest group any view shows, fixed while presenting


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str


@dataclass(frozen=True)
class Chart:
    """``shares``: stacked bars of the share in each band; ``means``: lines of the mean by wave.
    A value of None is a group that may not be shown, drawn as a gap. The value axis spans
    ``value_range``: the whole possible range, so a small change is not drawn as a cliff."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_range: tuple[float, float] = (0.0, 1.0)
    marks: tuple[tuple[float, str], ...] = ()  # actions: (position between categories, label)


@dataclass(frozen=True)
class Slide:
    """One view. ``points`` and ``note`` speak to front-line staff in plain words; the figures a
    facilitator may be asked about (changes, intervals) are in ``speaker_notes``, never shown."""

    key: str
    title: str
    points: tuple[str, ...] = ()
    chart: Chart | None = None
    note: str = ""
    speaker_notes: str = ""


def chunks(items: list[str], size: int) -> list[list[str]]:
    """Points split over as many views as it takes to keep each one readable from the back of a room."""
    return [items[k:k + size] for k in range(0, len(items), size)]
