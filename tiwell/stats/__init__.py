"""tiwell's statistics: one function per concept, each test and effect size checked against R.

Takes numbers: a DataFrame and the names of its columns, or for the ``*_from_stats`` functions
each group's mean, SD and n; gives a tidy DataFrame per result (a dict from ``*_from_stats``).
It is the toolkit the release (:mod:`tiwell.privacy`, for the change between waves) and the
analyses (:mod:`tiwell.analysis`) call, and never sees a survey, so it knows nothing of teams,
privacy or pages. The functions live in topic modules and are all importable from here:

- :mod:`tiwell.stats.compare` - describing groups and comparing two: :func:`describe_groups`,
  :func:`welch_t`, :func:`mann_whitney`, :func:`hedges_g`, :func:`rank_biserial`; the same two
  tests from each group's mean, SD and n (:func:`mean_sd_n`): :func:`welch_from_stats`,
  :func:`hedges_from_stats`.
- :mod:`tiwell.stats.multigroup` - two or more groups: :func:`welch_anova`, :func:`kruskal`,
  :func:`eta_squared`, :func:`epsilon_squared`, :func:`pairwise`, and :func:`p_adjust`.
- :mod:`tiwell.stats.correlation` - :func:`pearson`, :func:`spearman` with Fisher-z intervals.
- :mod:`tiwell.stats.regression` - :func:`standardised_ols`, beta weights with t intervals.
- :mod:`tiwell.stats.reliability` - :func:`cronbach_alpha` (Feldt interval), :func:`omega_total`,
  :func:`factor_loadings`, :func:`item_total`, and the :data:`POOR_RELIABILITY` flag.
- :mod:`tiwell.stats.contrasts` - before and after an action: :func:`did` (difference in
  differences) and :func:`before_after`, both from :func:`contrast_from_stats`.
- :mod:`tiwell.stats.paired` - the same people twice: :func:`paired_change`, :func:`paired_from_stats`.
- :mod:`tiwell.stats.power` - planning: :func:`detectable_difference` (80% power, 5% two-sided).
- :mod:`tiwell.stats.references` - published reference values (:func:`reference_values`) and the
  comparison with a published sample given by mean, SD and n (:func:`one_sample_vs_reference`; from
  summary statistics against a fixed mean, :func:`one_sample_from_stats`).

Conventions: data in as a DataFrame plus column names (never modified); ``nan_policy`` 'omit'
or 'raise'; ``confidence`` 0.95 by default; all tests two-sided; wrong arguments raise
ValueError naming the allowed values; allowed values are module constants.
"""

from tiwell.stats.compare import (DESCRIBE_COLUMNS, HEDGES_COLUMNS, MWU_COLUMNS, MWU_METHODS, RANK_BISERIAL_COLUMNS,
                                  WELCH_COLUMNS, describe_groups, hedges_from_stats, hedges_g, mann_whitney,
                                  mean_sd_n, rank_biserial, welch_from_stats, welch_t)
from tiwell.stats.correlation import CORRELATION_COLUMNS, SPEARMAN_CI_METHODS, pearson, spearman
from tiwell.stats.contrasts import BEFORE_AFTER_COLUMNS, DID_COLUMNS, before_after, contrast_from_stats, did
from tiwell.stats.regression import OLS_COLUMNS, standardised_ols
from tiwell.stats.paired import PAIRED_COLUMNS, paired_change, paired_from_stats
from tiwell.stats.power import POWER, detectable_difference
from tiwell.stats.multigroup import (P_ADJUST_METHODS, PAIRWISE_TESTS, epsilon_squared, eta_squared, kruskal,
                                     p_adjust, pairwise, welch_anova)
from tiwell.stats.references import (REFERENCE_STATISTICS, REFERENCE_TEST_COLUMNS, REFERENCE_VALUE_COLUMNS,
                                     REFERENCE_VALUES, ReferenceValue, one_sample_from_stats, one_sample_vs_reference,
                                     reference_values)
from tiwell.stats.reliability import (ALPHA_COLUMNS, ITEM_TOTAL_COLUMNS, OMEGA_COLUMNS, OMEGA_TOTAL_VARIANCES,
                                      POOR_RELIABILITY, cronbach_alpha, factor_loadings, item_total, omega_total)
from tiwell.stats._inputs import CONFIDENCE, NAN_POLICIES

__all__ = [
    "BEFORE_AFTER_COLUMNS", "DID_COLUMNS", "before_after", "contrast_from_stats", "did",
    "ALPHA_COLUMNS", "CONFIDENCE", "CORRELATION_COLUMNS", "DESCRIBE_COLUMNS", "HEDGES_COLUMNS", "ITEM_TOTAL_COLUMNS",
    "MWU_COLUMNS", "MWU_METHODS", "NAN_POLICIES", "OLS_COLUMNS", "OMEGA_COLUMNS", "OMEGA_TOTAL_VARIANCES", "PAIRWISE_TESTS",
    "POOR_RELIABILITY", "P_ADJUST_METHODS", "RANK_BISERIAL_COLUMNS", "REFERENCE_STATISTICS", "REFERENCE_TEST_COLUMNS",
    "REFERENCE_VALUE_COLUMNS", "REFERENCE_VALUES", "SPEARMAN_CI_METHODS", "WELCH_COLUMNS", "ReferenceValue",
    "cronbach_alpha", "describe_groups", "epsilon_squared", "eta_squared", "factor_loadings", "hedges_from_stats",
    "hedges_g", "item_total", "kruskal", "mann_whitney", "mean_sd_n", "one_sample_from_stats", "one_sample_vs_reference",
    "omega_total",
    "p_adjust", "pairwise", "pearson", "rank_biserial", "reference_values", "spearman", "standardised_ols",
    "welch_anova", "welch_from_stats", "welch_t", "PAIRED_COLUMNS", "paired_change", "paired_from_stats", "POWER",
    "detectable_difference",
]
