"""Stage 3, scores: mapped answers in, one scored row per respondent out.

Takes the answer columns a mapping found; gives numbers for answers (:mod:`~tiwell.scoring.answers`,
every off-scale answer reported), subscale scores under each missing-item rule with bands and a
``status`` and ``reason`` per row (:mod:`~tiwell.scoring.scores`), burnout profiles
(:mod:`~tiwell.scoring.profiles`), response dates read in the order their writers meant
(:mod:`~tiwell.scoring.dates`) and waves from them (:mod:`~tiwell.scoring.waves`).
"""

from tiwell.scoring.answers import answer_lookup, read_answers, read_driver
from tiwell.scoring.profiles import assign_profiles
from tiwell.scoring.scores import STATUSES, band, key_matrix, reverse_items, score
from tiwell.scoring.dates import DAY_FIRST, MONTH_FIRST, DateReading, date_findings, parse_dates, read_dates
from tiwell.scoring.waves import waves_from_dates

__all__ = [
    "answer_lookup", "read_answers", "read_driver", "assign_profiles", "STATUSES", "band", "key_matrix",
    "reverse_items", "score", "DAY_FIRST", "MONTH_FIRST", "DateReading", "date_findings", "parse_dates", "read_dates",
    "waves_from_dates",
]
