"""Stage 5, questions a leader or researcher asks, answered from scores and the release.

Takes the scored survey (and HR data for turnover); gives tables and plain sentences: each score's
headline (:mod:`~tiwell.analysis.overview`), teams side by side (:mod:`~tiwell.analysis.teams`), change between
waves (:mod:`~tiwell.analysis.trends`), what to act on (:mod:`~tiwell.analysis.drivers`), cohorts
compared (:mod:`~tiwell.analysis.cohorts`), turnover beside wellbeing (:mod:`~tiwell.analysis.turnover`),
later leavers and stayers (:mod:`~tiwell.analysis.leavers`), and whether a logged action helped
(:mod:`~tiwell.analysis.action_effects`). The statistics themselves are in :mod:`tiwell.stats`.
"""

from tiwell.analysis.overview import Headline, headline
from tiwell.analysis.teams import (band_measures, hidden_teams, shown_cells, shown_rows, shown_teams, team_detail,
                                   team_order, team_rows)
from tiwell.analysis.trends import change_sentence, has_gaps, subscale_rows, team_changes_table, trend_lines
from tiwell.analysis.drivers import (Outcome, analysis_frame, favourable_points, favourable_shares, first_heavy, impact,
                                     joint_model, joint_model_table, outcomes, principle_summary, principle_tags,
                                     quadrant_lists, quadrants, ranked_table)
from tiwell.analysis.cohorts import (CohortSettings, box_quantiles, cohort_rows, cohort_sentences, cohorts_shown,
                                     combine, compare_cohorts, item_statistics, result_tables, table_title)
from tiwell.analysis.turnover import (TeamPeriods, answer_dates, from_staff_list, join_waves, match_teams, point_teams,
                                      rates, read_hr, score_turnover_correlations, shown_team_waves, team_timeline,
                                      turnover_points)
from tiwell.analysis.leavers import LeaverComparison, compare_leavers, leaver_sentence
from tiwell.analysis.action_effects import Effect, action_effect, effect_sentences, theme_moved

__all__ = [
    "Headline", "headline", "band_measures", "hidden_teams", "shown_cells", "shown_rows", "shown_teams",
    "team_detail", "team_order", "team_rows", "change_sentence", "has_gaps", "subscale_rows", "team_changes_table",
    "trend_lines", "Outcome", "analysis_frame", "favourable_points", "favourable_shares", "first_heavy", "impact",
    "joint_model", "joint_model_table", "outcomes", "principle_summary", "principle_tags", "quadrant_lists",
    "quadrants", "ranked_table", "CohortSettings", "box_quantiles", "cohort_rows", "cohort_sentences", "cohorts_shown",
    "combine", "compare_cohorts", "item_statistics", "result_tables", "table_title", "TeamPeriods", "answer_dates",
    "from_staff_list", "join_waves", "match_teams", "point_teams", "rates", "read_hr", "score_turnover_correlations",
    "shown_team_waves", "team_timeline", "turnover_points", "LeaverComparison", "compare_leavers", "leaver_sentence",
    "Effect", "action_effect", "effect_sentences", "theme_moved",
]
