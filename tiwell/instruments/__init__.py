"""What is measured: instrument definitions, one TOML file each in this folder, as frozen records.

Takes a built-in id or a person's own TOML file; gives an :class:`Instrument` (:mod:`~tiwell.instruments.model`:
scale, items, subscales, bands, band sets, profiles), loaded and checked field by field
(:mod:`~tiwell.instruments.load`), and described as tables a person can read
(:mod:`~tiwell.instruments.describe`). Published reference values (samples others measured, with
their sources) are data beside them, read by :mod:`~tiwell.instruments.references`.
"""

from tiwell.errors import InstrumentError
from tiwell.instruments.model import Band, BandSet, Instrument, Item, Label, Profiles, ProfileType, Scale, Subscale
from tiwell.instruments.load import builtin_ids, builtin_instruments, load_builtin, load_instrument, parse_instrument
from tiwell.instruments.describe import (band_cuts_text, band_set_table, band_text, item_table, profile_table, scale_table,
                                         subscale_table)
from tiwell.instruments.references import (Reference, ReferenceScore, parse_references, published_references,
                                           references_for)

__all__ = [
    "Band", "BandSet", "Instrument", "InstrumentError", "Item", "Label", "Profiles", "ProfileType", "Scale",
    "Subscale", "builtin_ids", "builtin_instruments", "load_builtin", "load_instrument", "parse_instrument",
    "band_cuts_text", "band_set_table", "band_text", "item_table", "profile_table", "scale_table", "subscale_table",
    "Reference", "ReferenceScore", "parse_references", "published_references", "references_for",
]
