"""The scored survey: the one contract every step after scoring reads.

:func:`tiwell.pipeline.score_table` makes a :class:`ScoredSurvey`: one scored row per respondent,
the answers, the mapping and the instruments. Privacy, statistics, analysis, charts and the
presentation read what they need of it here, as frozen records and tuples worked out in one place:
its scores in reading order (:class:`ScoreColumn`, strengths first), its waves and teams in order,
the columns a filter may use. Every number a view shows comes from :mod:`tiwell.privacy.release`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from tiwell.ingest.tables import SourceTable
from tiwell.instruments.model import Band, Instrument, Subscale
from tiwell.mapping.roles import Mapping
from tiwell.scoring.scores import STATUSES
from tiwell.text.answer_scales import DriverScale

STRENGTH = "higher_is_better"


@dataclass(frozen=True)
class ScoreColumn:
    """One scored subscale as the views read it: the scored table's column, the instrument and
    subscale it comes from, and its possible range. ``chosen_bands``: the named cut points chosen
    for this upload (the classic MBI cut-offs), on the score's own basis; None for the instrument's own."""

    column: str
    instrument: Instrument
    subscale: Subscale
    low: float
    high: float
    chosen_bands: tuple[Band, ...] | None = None

    @property
    def label(self) -> str:
        return self.subscale.label

    @property
    def meaning(self) -> str:
        return self.subscale.meaning

    @property
    def direction(self) -> str:
        """'higher_is_better' (a strength) or 'higher_is_worse'."""
        return self.subscale.direction

    @property
    def higher_is_better(self) -> bool:
        return self.direction == STRENGTH

    @property
    def band_rules(self) -> tuple[Band, ...]:
        """The bands the scores were cut into, lowest first: the chosen cut points, else the
        instrument's own (none for the MBI, whose manual withdrew its cut-offs)."""
        return self.subscale.bands if self.chosen_bands is None else self.chosen_bands

    @property
    def bands(self) -> tuple[str, ...]:
        """The band labels, lowest first."""
        return tuple(band.label for band in self.band_rules)


@dataclass(frozen=True)
class ScoredSurvey:
    """Everything a page, the CLI or a notebook needs about one scored upload."""

    scored: pd.DataFrame                 # one row per respondent: row, kept columns, scores, bands, status, reason
    answers: dict[str, pd.DataFrame]     # per instrument id: answers as given, one column per item number
    mapping: Mapping
    instruments: tuple[Instrument, ...]
    table: SourceTable
    findings: pd.DataFrame              # the validation report (tiwell.findings.findings_frame)
    notes: tuple[str, ...] = field(default=())
    score_columns: dict[tuple[str, str], str] = field(default_factory=dict)  # (instrument, subscale) -> column
    # The organisation's own scale questions (drivers and outcomes) as numbers, rows as ``scored``,
    # reversed wording already flipped; and the scale each was read on.
    questions: pd.DataFrame = field(default_factory=pd.DataFrame)
    question_scales: dict[str, DriverScale] = field(default_factory=dict)
    band_sets: dict[str, str] = field(default_factory=dict)  # instrument id -> the named cut points chosen

    @property
    def counts(self) -> dict[str, int]:
        """Respondents by status, and in all."""
        counts = self.scored["status"].value_counts().to_dict()
        return {s: int(counts.get(s, 0)) for s in STATUSES} | {"respondents": len(self.scored)}

    @cached_property
    def subscales(self) -> tuple[ScoreColumn, ...]:
        """Every scored subscale, strengths (higher is better) first, otherwise in instrument order:
        the order every view, chart and slide shows them in."""
        found = [ScoreColumn(self.score_columns[(inst.id, sub.id)], inst, sub, *map(float, inst.score_range(sub.id)),
                             _chosen_bands(inst, sub, self.band_sets.get(inst.id)))
                 for inst in self.instruments for sub in inst.subscales]
        return tuple(sorted(found, key=lambda s: not s.higher_is_better))

    def subscale(self, column: str) -> ScoreColumn:
        """The subscale scored in ``column`` of the scored table."""
        for sub in self.subscales:
            if sub.column == column:
                return sub
        raise KeyError(f"No subscale is scored in the column {column!r}.")

    @property
    def by_label(self) -> dict[str, ScoreColumn]:
        """The subscales by their labels, in reading order: what a page offers to choose from."""
        return {sub.label: sub for sub in self.subscales}

    @property
    def labels(self) -> dict[str, str]:
        """Each subscale's label by its column, in reading order."""
        return {sub.column: sub.label for sub in self.subscales}

    def instrument(self, instrument_id: str) -> Instrument:
        for inst in self.instruments:
            if inst.id == instrument_id:
                return inst
        raise KeyError(f"This survey holds no instrument {instrument_id!r}.")

    @cached_property
    def waves(self) -> tuple:
        """The waves in order ('2025-03' before '2025-09'); none without a wave column."""
        return values_in_order(self.scored, "wave")

    @cached_property
    def teams(self) -> tuple:
        """Every team, in order, whether or not the release may show it (an action may name any)."""
        return values_in_order(self.scored, "team")

    @property
    def filter_columns(self) -> tuple[str, ...]:
        """Wave, team and every grouping column, as named in the scored table."""
        columns = [c for c in ("wave", "team") if c in self.scored]
        return tuple(columns + [c for c in self.mapping.columns_for("group") if c in self.scored])


def _chosen_bands(inst: Instrument, sub: Subscale, band_set_id: str | None) -> tuple[Band, ...] | None:
    """A chosen set's cut points for one subscale, moved onto the score's basis (a set published
    on item means, for a subscale scored as a sum, has its edges times the number of items)."""
    if not band_set_id:
        return None
    band_set = inst.band_set(band_set_id)
    factor = 1.0 if band_set.method == sub.method else len(sub.items) if band_set.method == "mean" else 1 / len(sub.items)
    moved = lambda edge: None if edge is None else edge * factor  # noqa: E731
    return tuple(Band(b.label, moved(b.low), moved(b.high)) for b in band_set.bands.get(sub.id, ()))


def values_in_order(frame: pd.DataFrame, column: str) -> tuple:
    """Every value a column holds, once, in the order of their text: how waves, teams and filter
    values are ordered everywhere. Nothing when the column is absent."""
    if column not in frame:
        return ()
    return tuple(sorted(frame[column].dropna().unique().tolist(), key=str))
