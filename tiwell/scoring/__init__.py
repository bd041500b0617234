"""Stage 3, scores: mapped answers in, one scored row per respondent out.

Takes the answer columns a mapping found; gives numbers for answers (:mod:`~tiwell.scoring.answers`,
every off-scale answer reported), subscale scores under each missing-item rule with bands and a
``status`` and ``reason`` per row (:mod:`~tiwell.scoring.scores`), burnout profiles
(:mod:`~tiwell.scoring.profiles`) and waves from response dates (:mod:`~tiwell.scoring.waves`).
"""

from tiwell.scoring.answers import answer_lookup, read_answers, read_driver
from tiwell.scoring.profiles import assign_profiles
from tiwell.scoring.scores import STATUSES, band, key_matrix, reverse_items, score
from tiwell.scoring.waves import parse_dates, waves_from_dates

__all__ = [
    "answer_lookup", "read_answers", "read_driver", "assign_profiles", "STATUSES", "band", "key_matrix",
    "reverse_items", "score", "parse_dates", "waves_from_dates",
]
