"""Which survey tool wrote a table, told from its header where the header alone says so.

Most tools are known by the shape of their header rows (Qualtrics' import ids, SurveyMonkey's
'Response' row; see :mod:`tiwell.ingest.tables`). Two need more: SmartSurvey writes a second
header row with no marker at all, and LimeSurvey's question codes (``G02Q04[SQ001]``) end in
brackets as Google Forms' statements do, so it is known by the columns it always writes.
"""

from __future__ import annotations

# Columns LimeSurvey writes in every export: with question codes, and with full question text.
LIMESURVEY_COLUMNS = ({"submitdate", "lastpage", "startlanguage"}, {"date submitted", "last page", "start language"})


def is_statement_row(top: list[str], second: list[str]) -> bool:
    """SmartSurvey's second header row, no 'Response' marker: every column named in one of the two
    rows, metadata and single questions on the first only, at least three different statements
    under a matrix question's blank continuations (answers below a header repeat; statements never)."""
    if any(not t and not s for t, s in zip(top, second)):
        return False
    continued = [s for t, s in zip(top, second) if not t]
    alone = sum(1 for t, s in zip(top, second) if t and not s)
    return alone >= 2 and len(continued) >= 3 and len(set(continued)) == len(continued)


def tool_layout(lowered: set[str]) -> str | None:
    """The layout a one-row header's lower-cased column names prove, or None."""
    return "limesurvey" if any(marks <= lowered for marks in LIMESURVEY_COLUMNS) else None
