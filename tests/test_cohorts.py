"""Cohort comparison: the core against scipy, the sentences, the settings file, and the page."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

from synthetic import layouts
from tiwell.analysis.cohorts import CohortSettings, cohort_sentences, compare_cohorts
from tiwell.instruments import load_builtin
from synthetic.respondents import simulate_survey

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PROQOL = load_builtin("proqol5")


@pytest.fixture(scope="module")
def two_teams() -> bytes:
    truth = simulate_survey()
    truth = truth[truth["team"].isin(["Youth Justice", "Business Support"])]
    return layouts.to_csv_bytes(layouts.plain_excel(truth, PROQOL))


def scored(data: bytes) -> pd.DataFrame:
    from tiwell.pipeline import score_file
    return score_file(data, "two.csv").scored


def test_two_cohorts_match_scipy(two_teams):
    frame = scored(two_teams)
    results = compare_cohorts(frame, CohortSettings("team", "burnout"))
    a = frame.loc[frame["team"] == "Business Support", "burnout"].dropna()
    b = frame.loc[frame["team"] == "Youth Justice", "burnout"].dropna()
    welch = stats.ttest_ind(a, b, equal_var=False)
    row = results["welch_t"].iloc[0]
    assert (row["t"], row["p"]) == pytest.approx((welch.statistic, welch.pvalue))
    u = stats.mannwhitneyu(a, b, alternative="two-sided")
    assert results["mann_whitney"].iloc[0]["p"] == pytest.approx(u.pvalue, rel=1e-6)
    said = cohort_sentences(results, "Burnout")
    assert said[0].startswith("Burnout was ") and f"Welch's t = {abs(welch.statistic):.2f}" in said[0]


def test_small_cohorts_are_left_out_before_any_test():
    # D (2) is hidden; alone it would be the whole minus A, B and C, so the next smallest, C, goes too.
    frame = pd.DataFrame({"team": ["A"] * 8 + ["B"] * 7 + ["C"] * 6 + ["D"] * 2, "burnout": np.arange(23.0)})
    results = compare_cohorts(frame, CohortSettings("team", "burnout"))
    assert results["groups"] == ["A", "B"]
    assert results["describe"]["group"].tolist() == ["A", "B"]
    assert results["welch_t"].iloc[0][["n_a", "n_b"]].tolist() == [8, 7]


def test_settings_round_trip_and_refuse_other_files():
    settings = CohortSettings("team", "burnout", "bh", 6)
    assert CohortSettings.from_json(settings.to_json()) == settings
    with pytest.raises(ValueError, match="Not a tiwell analysis settings file"):
        CohortSettings.from_json(json.dumps({"format": "something else"}))


def test_the_page_compares_and_offers_the_files(two_teams):
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("two.csv", two_teams, "text/csv").run()
    app.switch_page("pages/cohorts.py").run()
    assert not app.exception
    app.selectbox[0].select("team").run()
    app.selectbox[1].select("Burnout").run()
    assert any(m.value.startswith("- Burnout was ") for m in app.markdown)
    assert [b.label for b in app.get("download_button")] == ["Tables (Excel)", "Descriptions (CSV)", "Settings to rerun this"]
    describe = app.dataframe[0].value
    assert sorted(describe["group"]) == ["Business Support", "Youth Justice"]


def test_the_page_compares_each_cohort_with_a_published_sample(two_teams):
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("two.csv", two_teams, "text/csv").run()
    app.switch_page("pages/cohorts.py").run()
    app.selectbox[0].select("team").run()
    app.selectbox[1].select("Burnout").run()
    for key, value in (("ref-mean", 22.0), ("ref-sd", 5.0), ("ref-n", 1000)):
        app.number_input(key=key).set_value(value).run()
    assert not app.exception
    table = app.dataframe[-1].value.set_index("group")
    frame = scored(two_teams)
    youth = frame.loc[frame["team"] == "Youth Justice", "burnout"].dropna()
    # Welch's t from summary statistics, by hand: (mean - 22) / sqrt(var/n + 25/1000).
    t = (youth.mean() - 22) / np.sqrt(youth.var(ddof=1) / len(youth) + 25 / 1000)
    assert table.loc["Youth Justice", "t"] == pytest.approx(t)


def test_two_files_compare_as_two_cohorts(two_teams):
    truth = simulate_survey(seed=5)
    other = layouts.to_csv_bytes(layouts.plain_excel(truth[truth["team"] == "Early Help"], PROQOL))
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("two.csv", two_teams, "text/csv").run()
    app.switch_page("pages/cohorts.py").run()
    app.file_uploader(key="second-file").upload("other.csv", other, "text/csv").run()
    assert not app.exception and not app.error
    assert app.selectbox[0].value == "file"
    describe = app.dataframe[0].value.set_index("group")
    assert describe.loc["other.csv", "n"] == scored(other)["compassion_satisfaction"].notna().sum()
    reliability = next(d.value for d in app.dataframe if "cohort" in d.value.columns)
    assert set(reliability["cohort"]) == {"two.csv", "other.csv"}


def test_a_cohort_of_five_gives_no_quartiles_that_would_give_back_its_scores():
    # Finding 5: with n = 5, the mean, SD, median and quartiles together solve for all five scores.
    frame = pd.DataFrame({"team": ["small"] * 5 + ["large"] * 40,
                          "burnout": [12.0, 20, 25, 31, 44] + list(np.linspace(15, 40, 40))})
    results = compare_cohorts(frame, CohortSettings("team", "burnout"))
    small = results["describe"].set_index("group").loc["small"]
    assert small[["median", "q1", "q3", "iqr"]].isna().all() and small["mean"] == pytest.approx(26.4)
    assert results["quantiles"]["group"].tolist() == ["large"], "a box is drawn only for 30 or more people"
    large = results["quantiles"].iloc[0]
    assert large["median"] == pytest.approx(27.5) and large["p10"] == pytest.approx(17.5)
