"""Stage 1, reading: an upload's bytes and file name in, tables of text cells out.

Takes what a person brings: a survey export (CSV, XLSX, ODS), checked against limits before any
parser expands it (:mod:`~tiwell.ingest.guard`), or a settings file (JSON, TOML) read within limits
(:mod:`~tiwell.ingest.settings_files`). Gives :class:`SourceTable` objects: header row(s) found,
columns of personal data dropped before anything else sees them (:mod:`~tiwell.ingest.personal`),
employee numbers turned into private codes (:mod:`~tiwell.ingest.pseudonym`), the tool named by
its header (:mod:`~tiwell.ingest.tools`), headers pasted inside the data taken out and the rows
below each read by its own columns (:mod:`~tiwell.ingest.header_blocks`). A REDCap data dictionary
gives the labels of a raw export's codes (:mod:`~tiwell.ingest.dictionary`).
"""

from tiwell.errors import IngestError, LimitError, SettingsFileError
from tiwell.ingest.dictionary import read_data_dictionary
from tiwell.ingest.settings_files import load_json, load_toml
from tiwell.ingest.personal import find_personal_columns, identifier_column, is_nhs_number
from tiwell.ingest.pseudonym import new_key, private_codes
from tiwell.ingest.header_blocks import PastedHeader
from tiwell.ingest.tables import LAYOUTS, SourceTable, read_tables, sheet_names

__all__ = [
    "LimitError", "SettingsFileError", "load_json", "load_toml", "find_personal_columns", "identifier_column",
    "is_nhs_number", "new_key", "private_codes", "LAYOUTS", "IngestError", "SourceTable", "read_tables",
    "sheet_names", "read_data_dictionary", "PastedHeader",
]
