"""Words tiwell recognises in what people type, shared by every stage that reads text.

Takes strings or columns of answers; gives their normal form (:func:`normalise`), whether a word is
a person's name (:func:`first_names`, :func:`last_names`), and the answer scale a column is on
(:func:`scale_of`); team names matched across lists (:func:`match_teams`); and numbers, p-values and intervals written for people to read (:mod:`tiwell.text.numbers`).
It imports nothing else from tiwell, so every stage may use it.
"""

from tiwell.text.spelling import normalise
from tiwell.text.names import CAPITALISED_WORDS, NAMES_THAT_ARE_WORDS, first_names, last_names
from tiwell.text.answer_scales import (AGREEMENT, FREQUENCY, LABELLED, NUMERIC, YES_NO, DriverScale, scale_of,
                                       whole_number)
from tiwell.text.team_names import match_teams
from tiwell.text.numbers import (count, fixed, interval, is_p_column, p_columns_written, p_phrase, p_value, percent,
                                 share_text, short, signed, with_interval)

__all__ = [
    "normalise", "CAPITALISED_WORDS", "NAMES_THAT_ARE_WORDS", "first_names", "last_names", "AGREEMENT", "FREQUENCY",
    "LABELLED", "NUMERIC", "YES_NO", "DriverScale", "scale_of", "whole_number",
    "count", "fixed", "interval", "is_p_column", "p_columns_written", "p_phrase", "p_value", "percent", "share_text", "short", "signed", "with_interval",
    "match_teams",
]
