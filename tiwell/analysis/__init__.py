"""Stage 5, questions a leader or researcher asks, answered from scores and the release.

Takes the scored survey (and HR data for turnover); gives tables and plain sentences: change between
waves (:mod:`~tiwell.analysis.trends`), what to act on (:mod:`~tiwell.analysis.drivers`), cohorts
compared (:mod:`~tiwell.analysis.cohorts`), turnover beside wellbeing (:mod:`~tiwell.analysis.turnover`),
later leavers and stayers (:mod:`~tiwell.analysis.leavers`), and whether a logged action helped
(:mod:`~tiwell.analysis.action_effects`). The statistics themselves are in :mod:`tiwell.stats`.
"""

from tiwell.analysis.trends import change_sentence
from tiwell.analysis.drivers import (Outcome, analysis_frame, favourable_shares, impact, joint_model, outcomes,
                                     principle_summary, quadrants)
from tiwell.analysis.cohorts import (CohortSettings, box_quantiles, cohort_sentences, cohorts_shown, combine,
                                     compare_cohorts, item_statistics)
from tiwell.analysis.turnover import TeamPeriods, from_staff_list, join_waves, match_teams, rates, read_hr
from tiwell.analysis.leavers import LeaverComparison, compare_leavers, leaver_sentence
from tiwell.analysis.action_effects import Effect, action_effect, effect_sentences

__all__ = [
    "change_sentence", "Outcome", "analysis_frame", "favourable_shares", "impact", "joint_model", "outcomes",
    "principle_summary", "quadrants", "CohortSettings", "box_quantiles", "cohorts_shown", "combine", "compare_cohorts",
    "item_statistics", "cohort_sentences", "TeamPeriods", "from_staff_list", "join_waves", "match_teams", "rates",
    "read_hr", "LeaverComparison", "compare_leavers", "leaver_sentence", "Effect", "action_effect", "effect_sentences",
]
