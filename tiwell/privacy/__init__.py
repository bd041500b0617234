"""Stage 4, the one boundary: a scored survey in, one audited release of aggregates out.

Everything other people can see is read from a :class:`Release` (:mod:`~tiwell.privacy.release`):
every combination of wave, team and grouping x every score, with counts, means, intervals, bands,
bins and profiles. :mod:`~tiwell.privacy.disclosure` decides which cells may be shown so that no
small group can be solved for from the rest; :mod:`~tiwell.privacy.minimum` holds the minimum group
size and the simple check the row-level analyses (drivers, action effects) use.
"""

from tiwell.privacy.minimum import (DEFAULT_MIN_GROUP, LOWEST_MIN_GROUP, Visibility, check_min_group, filtered_view,
                                    select_rows, suppressed, why_hidden)
from tiwell.privacy.disclosure import membership, protect
from tiwell.privacy.release import DETAIL_MIN, Release, Score, bin_edges, build_release, survey_release

__all__ = [
    "DEFAULT_MIN_GROUP", "LOWEST_MIN_GROUP", "Visibility", "check_min_group", "filtered_view", "select_rows",
    "suppressed", "why_hidden",
    "membership", "protect", "DETAIL_MIN", "Release", "Score", "bin_edges", "build_release",
    "survey_release",
]
