"""What is measured: instrument definitions, one TOML file each in this folder, as frozen records.

Takes a built-in id or a person's own TOML file; gives an :class:`Instrument` (:mod:`~tiwell.instruments.model`:
scale, items, subscales, bands, band sets, profiles), loaded and checked field by field
(:mod:`~tiwell.instruments.load`), and described as tables a person can read
(:mod:`~tiwell.instruments.describe`).
"""

from tiwell.errors import InstrumentError
from tiwell.instruments.model import Band, BandSet, Instrument, Item, Label, Profiles, ProfileType, Scale, Subscale
from tiwell.instruments.load import builtin_ids, builtin_instruments, load_builtin, load_instrument, parse_instrument
from tiwell.instruments.describe import (band_cuts_text, band_set_table, band_text, item_table, profile_table, scale_table,
                                         subscale_table)

__all__ = [
    "Band", "BandSet", "Instrument", "InstrumentError", "Item", "Label", "Profiles", "ProfileType", "Scale",
    "Subscale", "builtin_ids", "builtin_instruments", "load_builtin", "load_instrument", "parse_instrument",
    "band_cuts_text", "band_set_table", "band_text", "item_table", "profile_table", "scale_table", "subscale_table",
]
