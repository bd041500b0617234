"""Stage 2, which column is which: tables in, a :class:`Mapping` out.

Takes a :class:`~tiwell.ingest.SourceTable` and an instrument; gives every column's role (item,
team, wave, date, id, grouping, comment, own question, outcome) found from headers and answers
(:mod:`~tiwell.mapping.roles`), with the instrument's items matched by statement text, number or
keyword (:mod:`~tiwell.mapping.items`); codes labelled (:mod:`~tiwell.mapping.labels`). Saved
mapping files are read back here too.
"""

from tiwell.errors import MappingError
from tiwell.mapping.items import ItemMatch, detect_items, find_instruments, match_items
from tiwell.mapping.labels import format_labels, parse_labels, relabel, unlabelled_codes
from tiwell.mapping.roles import (ROLES, Mapping, apply_saved, ask_for_labels, detect_mapping,
                                  mapping_from_table, read_mapping_file,
                                  suggest_principle, with_labels)

__all__ = [
    "ItemMatch", "detect_items", "find_instruments", "match_items", "ROLES", "Mapping", "MappingError", "apply_saved",
    "detect_mapping", "mapping_from_table", "read_mapping_file", "suggest_principle", "format_labels", "parse_labels",
    "relabel", "unlabelled_codes", "with_labels", "ask_for_labels",
]
