"""Stage 2, which column is which: tables in, a :class:`Mapping` out.

Takes a :class:`~tiwell.ingest.SourceTable` and an instrument; gives every column's role (item,
team, wave, date, id, grouping, comment, own question, outcome) found from headers and answers
(:mod:`~tiwell.mapping.roles`), with the instrument's items matched by statement text, number or
keyword (:mod:`~tiwell.mapping.items`), and the closest column offered for an item none matched;
codes labelled (:mod:`~tiwell.mapping.labels`). Rows that hold another export's header are found
here too (:mod:`~tiwell.mapping.header_rows`), and saved mapping files are read back
(:mod:`~tiwell.mapping.saved`).
"""

from tiwell.errors import MappingError
from tiwell.mapping.header_rows import foreign_headers
from tiwell.mapping.items import (MIN_SIMILARITY, ItemMatch, NearMiss, detect_items, find_instruments, match_items,
                                  near_misses)
from tiwell.mapping.labels import format_labels, parse_labels, relabel, unlabelled_codes
from tiwell.mapping.roles import ROLES, Mapping, ask_for_labels, detect_mapping, mapping_from_table, suggest_principle
from tiwell.mapping.saved import apply_saved, read_mapping_file, with_labels

__all__ = [
    "foreign_headers", "MIN_SIMILARITY", "ItemMatch", "NearMiss", "detect_items", "find_instruments", "match_items",
    "near_misses", "ROLES", "Mapping", "MappingError", "apply_saved",
    "detect_mapping", "mapping_from_table", "read_mapping_file", "suggest_principle", "format_labels", "parse_labels",
    "relabel", "unlabelled_codes", "with_labels", "ask_for_labels",
]
