"""Stage 5, questions a leader or researcher asks, answered from scores and the release.

Takes the scored survey (and HR data for turnover); gives tables and plain sentences: each score's
headline (:mod:`~tiwell.analysis.overview`), teams side by side (:mod:`~tiwell.analysis.teams`), change between
waves (:mod:`~tiwell.analysis.trends`), what to act on (:mod:`~tiwell.analysis.drivers`), cohorts
compared (:mod:`~tiwell.analysis.cohorts`), turnover beside wellbeing (:mod:`~tiwell.analysis.turnover`),
later leavers and stayers (:mod:`~tiwell.analysis.leavers`), whether a logged action helped
(:mod:`~tiwell.analysis.action_effects`), the scores beside a published reference or a pooled
benchmark (:mod:`~tiwell.analysis.references`), the next wave planned (:mod:`~tiwell.analysis.planner`)
and the change of people who answered twice (:mod:`~tiwell.analysis.paired`). The statistics themselves
are in :mod:`tiwell.stats`.
"""

from tiwell.analysis.overview import Headline, headline, unbanded_note, who_is_counted
from tiwell.analysis.teams import (against_whole, band_measures, hidden_teams, shown_cells, shown_rows, shown_teams, team_detail,
                                   team_order, team_rows)
from tiwell.analysis.trends import change_sentence, change_words, first_score, has_gaps, subscale_rows, team_changes_table, trend_lines
from tiwell.analysis.drivers import (Outcome, analysis_frame, favourable_points, favourable_shares, first_heavy, impact,
                                     joint_model, joint_model_table, outcomes, principle_summary, principle_tags,
                                     quadrant_lists, quadrants, ranked_table)
from tiwell.analysis.cohorts import (CohortSettings, box_quantiles, cohort_rows, cohort_sentences, cohorts_shown,
                                     combine, compare_cohorts, item_statistics, result_tables, table_title)
from tiwell.analysis.turnover import (TeamPeriods, answer_dates, from_staff_list, join_waves, match_teams, point_teams,
                                      rates, read_hr, score_turnover_correlations, shown_team_waves, team_timeline,
                                      turnover_points, wave_dates)
from tiwell.analysis.leavers import LeaverComparison, compare_leavers, leaver_sentence
from tiwell.analysis.action_effects import Effect, action_effect, effect_sentences, theme_moved
from tiwell.analysis.planner import next_wave_plan, plan_sentences, team_headcounts
from tiwell.analysis.paired import answered_twice, codes_by_row, paired_did, paired_sentence, pairs_between
from tiwell.analysis.references import (CUT_POINT_NOTE, compare_means, compare_shares, reference_note,
                                        reference_sentences, reference_view)

__all__ = [
    "Headline", "headline", "unbanded_note", "who_is_counted", "against_whole", "band_measures", "hidden_teams",
    "shown_cells", "shown_rows", "shown_teams", "team_detail", "team_order", "team_rows", "change_sentence",
    "change_words", "first_score", "has_gaps", "subscale_rows", "team_changes_table",
    "trend_lines", "Outcome", "analysis_frame", "favourable_points", "favourable_shares", "first_heavy", "impact",
    "joint_model", "joint_model_table", "outcomes", "principle_summary", "principle_tags", "quadrant_lists",
    "quadrants", "ranked_table", "CohortSettings", "box_quantiles", "cohort_rows", "cohort_sentences", "cohorts_shown",
    "combine", "compare_cohorts", "item_statistics", "result_tables", "table_title", "TeamPeriods", "answer_dates",
    "from_staff_list", "join_waves", "match_teams", "point_teams", "rates", "read_hr", "score_turnover_correlations",
    "shown_team_waves", "team_timeline", "turnover_points", "LeaverComparison", "compare_leavers", "leaver_sentence",
    "Effect", "action_effect", "effect_sentences", "next_wave_plan", "plan_sentences", "team_headcounts",
    "answered_twice", "codes_by_row", "paired_did", "paired_sentence", "pairs_between", "wave_dates",
    "CUT_POINT_NOTE", "compare_means", "compare_shares",
    "reference_note", "reference_sentences", "reference_view", "theme_moved",
]
