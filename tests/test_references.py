"""Published reference values: they load, each is cited, what was not confirmed says so, and the
organisation's released scores are set beside one with hand-worked differences and intervals."""

import io
import math

import pandas as pd
import pytest

from tiwell.analysis import CUT_POINT_NOTE, compare_means, compare_shares, reference_sentences, reference_view
from tiwell.errors import InstrumentError
from tiwell.instruments import load_builtin, parse_references, published_references, references_for
from tiwell.pipeline import score_file
from tiwell.present import workbook_bytes
from tiwell.present.story import Choices, build
from tiwell.survey import ScoreColumn
from ui.state import SAMPLE


def by_id(ref_id):
    return next(r for r in published_references() if r.id == ref_id)


def test_every_reference_names_its_source_population_and_a_known_subscale():
    refs = published_references()
    assert len(refs) >= 6
    for ref in refs:
        instrument = load_builtin(ref.instrument)
        assert ref.source and ref.population and ref.name, ref.id
        assert {s.subscale for s in ref.scores} <= {s.id for s in instrument.subscales}, ref.id
        assert ref.confirmed or "Not confirmed" in ref.caution or "not confirmed" in ref.caution.lower(), ref.id
        assert ref.citation.startswith(ref.name) and ("Not confirmed" in ref.citation) != ref.confirmed


def test_the_figures_are_those_the_sources_state():
    review = by_id("proqol5_review_30_studies")
    assert [(s.subscale, s.mean, s.sd, s.n) for s in review.scores] == [
        ("compassion_satisfaction", 37.7, 6.5, 5612), ("burnout", 22.8, 5.4, 5612),
        ("secondary_traumatic_stress", 16.7, 5.7, 5612)]
    assert not review.confirmed  # the review itself could not be found
    nurses = by_id("proqol5_nurses_meta_2024")
    assert [(s.mean, s.sd) for s in nurses.scores] == [(32.79, None), (24.99, None), (21.99, None)]
    assert nurses.n == 3163 and "10.1111/inm.13424" in nurses.source
    gmc = by_id("cbi_gmc_nts_2022_trainees").score("work_burnout")
    assert dict(gmc.bands) == {"low": 0.37, "moderate": 0.44, "high": 0.19} and gmc.band_set == "gmc_nts"
    assert math.isclose(sum(dict(gmc.bands).values()), 1.0)
    assert by_id("cbi_puma_baseline").scores == () and not by_id("cbi_puma_baseline").comparable


def test_only_references_on_tiwells_scale_are_offered_for_comparison():
    offered = {r.id for r in references_for(["proqol5", "cbi"], comparable_only=True)}
    assert offered == {"proqol5_review_30_studies", "proqol5_nurses_meta_2024", "cbi_gmc_nts_2022_trainees",
                       "cbi_gmc_nts_2024_trainees"}
    assert "proqol5_manual_t_scores" in {r.id for r in references_for(["proqol5"])}  # listed, for reading


@pytest.mark.parametrize("body, field", [
    ('id = "x"\ninstrument = "cbi"\nname = "x"\nsource = "s"\npopulation = "p"', "confirmed"),
    ('id = "x"\ninstrument = "cbi"\nname = "x"\nsource = "s"\npopulation = "p"\nconfirmed = true\n'
     '[[reference.values]]\nsubscale = "work_burnout"\nsd = -1.0', "sd must be above 0"),
    ('id = "x"\ninstrument = "cbi"\nname = "x"\nsource = "s"\npopulation = "p"\nconfirmed = true\n'
     '[[reference.values]]\nsubscale = "work_burnout"\nbands = { high = 19 }', "share of people"),
    ('id = "x"\ninstrument = "cbi"\nname = "x"\nsource = "s"\npopulation = "p"\nconfirmed = true\nscale = "z"',
     "allowed: raw"),
])
def test_a_malformed_reference_is_one_sentence_naming_the_field(body, field):
    with pytest.raises(InstrumentError, match=field):
        parse_references("[[reference]]\n" + body, "mine.toml")


# ---------------------------------------------------------------- the organisation beside a reference


def summary_rows(survey, **rows):
    """Released-looking rows: one per subscale column, n, mean, sd and any share_<band>."""
    return pd.DataFrame([{"subscale": column} | values for column, values in rows.items()])


@pytest.fixture(scope="module")
def sample():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def test_a_mean_with_the_references_sd_and_n_is_welchs_difference(sample):
    summary = summary_rows(sample, burnout={"n": 100.0, "mean": 25.0, "sd": 5.0})
    row = compare_means(summary, sample.subscales, by_id("proqol5_review_30_studies")).iloc[0]
    # va = 25/100, vb = 5.4^2/5612; se = 0.50517; Welch df = 103.16; t(0.975, 103.16) * se = 1.0019
    assert row["test"] == "welch" and row["diff"] == pytest.approx(2.2)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((1.19813, 3.20187), abs=1e-4)


def test_a_mean_without_the_references_sd_is_set_against_it_as_a_fixed_value(sample):
    summary = summary_rows(sample, burnout={"n": 100.0, "mean": 25.0, "sd": 5.0})
    row = compare_means(summary, sample.subscales, by_id("proqol5_nurses_meta_2024")).iloc[0]
    # one-sample: diff 25 - 24.99 = 0.01, half-width t(0.975, 99) * 5 / sqrt(100) = 1.98422 * 0.5
    assert row["test"] == "fixed" and row["diff"] == pytest.approx(0.01)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((-0.98211, 1.00211), abs=1e-4)


def test_a_hidden_mean_gives_no_difference_and_says_why(sample):
    summary = summary_rows(sample, burnout={"n": float("nan"), "mean": float("nan"), "sd": float("nan")})
    ref = by_id("proqol5_review_30_studies")
    means = compare_means(summary, sample.subscales, ref)
    assert means["diff"].isna().all()
    assert "not shown for this team" in reference_sentences(means, compare_shares(summary, sample.subscales, ref),
                                                            ref, "this team")[0]


def test_band_shares_compare_only_where_the_scores_use_the_references_bands():
    instrument = load_builtin("cbi")
    subscales = tuple(ScoreColumn(s.id, instrument, s, 0.0, 100.0) for s in instrument.subscales)
    gmc = by_id("cbi_gmc_nts_2022_trainees")
    column = "work_burnout"
    gmc_bands = summary_rows(None, **{column: {"n": 100.0, "mean": 60.0, "sd": 15.0, "share_low": 0.3,
                                              "share_moderate": 0.4, "share_high": 0.3}})
    shares = compare_shares(gmc_bands, subscales, gmc).set_index("band")
    # high: 0.30 - 0.19 = 0.11; Wald half-width 1.95996 * sqrt(0.3 * 0.7 / 100), the GMC share taken as fixed
    assert shares.loc["high", "diff"] == pytest.approx(0.11)
    assert (shares.loc["high", "ci_low"], shares.loc["high", "ci_high"]) == pytest.approx((0.02018, 0.19982), abs=1e-4)
    own_bands = summary_rows(None, **{column: {"n": 100.0, "mean": 60.0, "sd": 15.0, "share_below 50": 0.5,
                                              "share_50 or more": 0.5}})
    assert compare_shares(own_bands, subscales, gmc).empty


def test_the_view_of_a_reference_cites_it_and_says_cut_points_do_not_describe_a_mean(sample):
    summary = summary_rows(sample, burnout={"n": 100.0, "mean": 25.0, "sd": 5.0})
    table, points, note = reference_view(summary, sample.subscales, by_id("proqol5_review_30_studies"), "us")
    assert list(table["measure"]) == ["mean"]
    assert points == ("Burnout: 25.0 for us, 22.8 in the reference; difference +2.2 (95% CI +1.2 to +3.2).",)
    assert "Not confirmed" in note and CUT_POINT_NOTE in note


def test_the_deck_and_workbook_carry_the_reference_view(sample):
    story = build(sample, Choices(reference=by_id("proqol5_nurses_meta_2024")))
    slide = next(s for s in story.slides if s.key == "reference")
    assert slide.title.endswith("Nurses: meta-analysis of 18 studies (2024)") and len(slide.points) == 3
    assert "10.1111/inm.13424" in slide.note and "not for a team's mean" in slide.note
    assert "Compared with" in pd.ExcelFile(io.BytesIO(workbook_bytes(story, sample)), engine="openpyxl").sheet_names
    assert all(s.key != "reference" for s in build(sample, Choices()).slides)
