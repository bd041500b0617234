"""Power: the smallest change a survey of a given size could tell apart from noise.

Planning the next wave asks the question the other way round from a test: not "is this change
beyond noise?" but "how big must a change be before this many answers could show it?". The
answer comes from the two-sample t-test's power, solved for the difference.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

from tiwell.stats._inputs import CONFIDENCE, check_confidence

POWER = 0.8


def detectable_difference(n_a: float, n_b: float, sd: float, *, power: float = POWER,
                          confidence: float = CONFIDENCE) -> float:
    """The smallest true difference in means that two groups of ``n_a`` and ``n_b`` would show as
    beyond noise with probability ``power`` (two-sided test at 1 - ``confidence``).

    Parameters
    ----------
    n_a, n_b : float
        Group sizes (a planned size may be fractional). NaN is returned when either is under 2.
    sd : float
        The common standard deviation (the one observed last time).
    power : float
        The chance of showing a true difference of the returned size (default 0.8).
    confidence : float
        One minus the test's two-sided level (default 0.95, so a 5% test).

    Returns
    -------
    float
        δ, in the score's own units.

    Notes
    -----
    The pooled two-sample t-test: with df = n_a + n_b - 2, critical value c = t(df, 1 - α/2) and
    noncentrality λ = δ / (sd·√(1/n_a + 1/n_b)), power = P(T' > c) + P(T' < -c) for T' a
    noncentral t; δ is the root of power(δ) = ``power``. For large groups this is close to the
    normal formula δ ≈ (z(1 - α/2) + z(power))·sd·√(1/n_a + 1/n_b) (Cohen, 1988, chapter 2).

    References
    ----------
    Cohen, J. (1988). Statistical power analysis for the behavioral sciences (2nd ed.). Erlbaum.

    Examples
    --------
    >>> round(detectable_difference(20, 20, 1.0), 4)
    0.9091

    R: ``power.t.test(n = 20, sd = 1, power = 0.8, sig.level = 0.05, strict = TRUE)$delta`` (equal
    groups only; R's ``power.t.test`` takes one n).
    """
    level = check_confidence(confidence)
    if not 0 < power < 1:
        raise ValueError(f"power must be between 0 and 1, not {power}")
    if not (n_a >= 2 and n_b >= 2 and sd > 0 and n_a + n_b > 2):
        return float("nan")
    df = n_a + n_b - 2
    scale = sd * np.sqrt(1 / n_a + 1 / n_b)
    critical = stats.t.ppf(0.5 + level / 2, df)

    def shortfall(delta: float) -> float:
        ncp = delta / scale
        # the far tail, as the near tail's mirror (scipy's nct.cdf far out in the tail gives NaN)
        return stats.nct.sf(critical, df, ncp) + stats.nct.sf(critical, df, -ncp) - power

    upper = (critical + stats.norm.ppf(power) + 3) * scale
    return float(optimize.brentq(shortfall, 0.0, upper, xtol=1e-12, rtol=1e-12))
