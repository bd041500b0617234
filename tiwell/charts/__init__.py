"""Stage 6a, pictures: released tables in, Plotly figures out (the only place Plotly is used).

Takes tables from the release and the analyses; gives calm figures readable with colour-blindness,
every label passed through :func:`plain` so text from a file is drawn as text, and each as text
too (:func:`chart_summary`, :func:`chart_table`) for whoever cannot see it.
"""

from tiwell.charts.figures import (band_shares, before_after, cohort_boxes, distribution, heatmap,
                                   leaver_gaps, look, plain, profile_shares,
                                   scatter_fit, timeline, trend)
from tiwell.charts.drivers import impact_intervals, priority_matrix
from tiwell.charts.alternatives import chart_summary, chart_table

__all__ = [
    "band_shares", "before_after", "cohort_boxes", "distribution", "heatmap", "leaver_gaps", "look",
    "plain", "profile_shares", "scatter_fit", "timeline", "trend", "impact_intervals", "priority_matrix",
    "chart_summary", "chart_table",
]
