"""Every error tiwell raises about what it was given, under one base.

A file, a setting or a definition that cannot be used stops with one :class:`TiwellError`: its
message is one plain sentence a person can act on, naming the file, sheet, row, column or field
at fault. Pages and the CLI catch ``TiwellError`` alone and show that sentence; anything else is a
bug and keeps its traceback. Each stage has its own subclass, so a caller that cares which stage
refused can tell them apart; every one is a ``ValueError``, as a wrong value is what it reports.

As in pandera and frictionless, an error also carries where it was found, when the code that
raises it knows: ``file``, ``sheet``, ``row`` and ``column`` (``None`` when not known), so a
program can point at the cell without reading the sentence. Nothing here imports from tiwell,
so every stage can raise them.
"""

from __future__ import annotations


class TiwellError(ValueError):
    """Something given to tiwell that cannot be used; ``str(error)`` is the one sentence to show."""

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None, row: int | None = None,
                 column: str | None = None) -> None:
        super().__init__(message)
        self.file, self.sheet, self.row, self.column = file, sheet, row, column


class IngestError(TiwellError):
    """An upload that cannot be read as a table."""


class LimitError(IngestError):
    """An upload over one of the limits on size, width or cell length, refused before it is read."""


class WorkLimitError(IngestError):
    """A file that needed more time or memory than one upload may have."""


class SettingsFileError(TiwellError):
    """A settings file (JSON or TOML) that is not a readable document."""


class InstrumentError(TiwellError):
    """An instrument definition, or a choice made of one, that cannot be used; the message names the field."""


class MappingError(TiwellError):
    """A mapping of columns to roles that cannot be used; the message says which column or item and why."""


class ActionError(TiwellError):
    """An action in the log that cannot be kept; the message says which action and which field."""


class WorkspaceError(TiwellError):
    """A workspace file that cannot be used; the message names the field and why."""


class CompareError(TiwellError):
    """Two uploads that cannot be compared with each other (they hold different instruments)."""


class CombineError(TiwellError):
    """Several exports that cannot be one survey (they share no instrument)."""


class PackError(TiwellError):
    """A benchmark pack that cannot be read or would reveal too much; the message names the file and why."""


class ThemeFileError(TiwellError):
    """A theme or safety-flag lexicon file (TOML) that cannot be used; the message names the entry and field."""


__all__ = ["TiwellError", "IngestError", "LimitError", "WorkLimitError", "SettingsFileError", "InstrumentError",
           "MappingError", "ActionError", "WorkspaceError", "CompareError", "CombineError", "PackError", "ThemeFileError"]
