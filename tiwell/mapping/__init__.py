"""Stage 2, which column is which: tables in, a :class:`Mapping` out.

Takes a :class:`~tiwell.ingest.SourceTable` and an instrument; gives every column's role (item,
team, wave, date, id, grouping, comment, own question, outcome) found from headers and answers
(:mod:`~tiwell.mapping.roles`), with the instrument's items matched by statement text, number or
keyword (:mod:`~tiwell.mapping.items`), and the closest column offered for an item none matched.
Rows that hold another export's header are found here too (:mod:`~tiwell.mapping.header_rows`),
and saved mapping files are read back.
"""

from tiwell.errors import MappingError
from tiwell.mapping.header_rows import foreign_headers
from tiwell.mapping.items import MIN_SIMILARITY, ItemMatch, NearMiss, detect_items, match_items, near_misses
from tiwell.mapping.roles import (PRINCIPLES, ROLES, Mapping, apply_saved, detect_mapping,
                                  mapping_from_table, read_mapping_file,
                                  suggest_principle)

__all__ = [
    "foreign_headers", "MIN_SIMILARITY", "ItemMatch", "NearMiss", "detect_items", "match_items", "near_misses", "PRINCIPLES", "ROLES", "Mapping", "MappingError", "apply_saved",
    "detect_mapping", "mapping_from_table", "read_mapping_file", "suggest_principle",
]
