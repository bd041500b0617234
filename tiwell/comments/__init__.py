"""Stage 4b, what staff wrote: comments read, themed, flagged for safety and redacted before any is shown."""

from tiwell.comments.redaction import names_any, redact, shown_comments, typed_names

__all__ = ["names_any", "redact", "shown_comments", "typed_names"]
