"""What to act on at the sizes real surveys reach: ten driver questions against one score.

    python benchmarks/bench_drivers.py [--quick] [--repeats N]

Times the whole analysis the page runs on every rerun (impact for every driver with both
correlations and their intervals, favourable shares, adjusted p-values, quadrants, principle
summary and the joint model) on 50,000 respondents (5,000 with ``--quick``), beside scipy's
spearmanr and pearsonr alone on the same pairs: the floor any such analysis pays.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import Result, main, paired_times
from scipy import stats

from tiwell.analysis import Outcome, impact, joint_model, principle_summary, quadrants

DRIVERS = [f"q{k}" for k in range(10)]
BURNOUT = Outcome("burnout", "Burnout", higher_is_better=False)


def survey(n: int, seed: int = 12) -> pd.DataFrame:
    """Answers 1-5 to ten questions, 2% skipped, and a burnout score that follows them."""
    rng = np.random.default_rng(seed)
    answers = rng.integers(1, 6, (n, len(DRIVERS))).astype(float)
    burnout = 30 - answers @ np.linspace(2, 0.2, len(DRIVERS)) + rng.normal(0, 4, n)
    answers[rng.random(answers.shape) < 0.02] = np.nan
    return pd.DataFrame(answers, columns=DRIVERS).assign(burnout=burnout)


def analysis(data: pd.DataFrame) -> None:
    table = impact(data, BURNOUT, DRIVERS, dict.fromkeys(DRIVERS, 4))
    quadrants(table), principle_summary(table), joint_model(data, BURNOUT, DRIVERS)


def floor(data: pd.DataFrame) -> None:
    for driver in DRIVERS:
        pairs = data[[driver, "burnout"]].dropna()
        stats.spearmanr(pairs[driver], pairs["burnout"]), stats.pearsonr(pairs[driver], pairs["burnout"])


def run(scale: float, repeats: int) -> list[Result]:
    n = int(50_000 * scale)
    data = survey(n)
    ours, scipy_only = paired_times(lambda: analysis(data), lambda: floor(data), repeats)
    return [Result(f"drivers: the page's analysis, {n:,} respondents x 10 questions", f"{ours:.3f} s", "<= 1 s",
                   f"scipy spearmanr + pearsonr alone: {scipy_only:.3f} s")]


if __name__ == "__main__":
    main(run, __doc__)
